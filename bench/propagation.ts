// How long a permission change on instance A keeps being honoured by instance B (issue #12 item 18):
// B is a separate process (server.ts), A runs here; both on one management database. Per trial:
// grant `read` on `note` to role viewer, wait until B serves the viewer, revoke it on A, then read
// on B as the viewer (sequential, keep-alive) until B answers 403. Prints the reads and milliseconds
// after A's response, p50 / p95 / max. Not a test: a measurement for the README.
//
//   PG_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/propagation.ts [trials]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../app.js';
import { PostgresDatabase, databaseUrl, dropDatabase } from '../core/db/postgres.js';

const PG = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TRIALS = Number(process.argv[2] ?? 50);
const SECRET = 'propagation-secret-0123456789abcdef0123456789';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

async function main(): Promise<void> {
  const mgmtName = `rocket_prop_${randomBytes(4).toString('hex')}`;
  const url = databaseUrl(PG, mgmtName);
  const dir = mkdtempSync(join(tmpdir(), 'rocket-prop-'));
  writeFileSync(join(dir, 'none.yaml'), '{}\n');
  const a = await buildServer({
    config: { env: 'development', platform_jwt_secret: SECRET, log_level: 'silent', database: { driver: 'postgres', url, name: mgmtName, data_dir: dir } },
    env: {}, readConfigFile: false, logger: false,
  });
  await a.ready();
  const port = await freePort();
  const b = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    env: {
      ...process.env, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', ROCKET_LOG_LEVEL: 'warn', DATABASE_URL: url,
      ROCKET_DATA_DIR: dir, ROCKET_PLATFORM_JWT_SECRET: SECRET, ROCKET_CONFIG: join(dir, 'none.yaml'),
    },
    stdio: 'inherit',
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 400; i++) {
      if ((await fetch(`${base}/health`).catch(() => undefined))?.ok) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const inject = async (method: 'GET' | 'POST' | 'DELETE', path: string, token?: string, body?: unknown) => {
      const res = await a.inject({ method, url: path, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, payload: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.statusCode, body: res.json() };
    };
    const ptoken = (await inject('POST', '/api/_platform/auth/login', undefined, { email: 'platform@localhost', password: 'changeme' })).body.data.access_token;
    const app = `prop${randomBytes(3).toString('hex')}`;
    await inject('POST', '/api/_platform/apps', ptoken, { name: app, db_driver: 'postgres' });
    await inject('POST', `/api/${app}/_admin/entities`, ptoken, {
      name: 'note', table: 'notes', primary_key: { field: 'id', type: 'int', generated: true }, fields: [{ name: 'id', type: 'int' }, { name: 'body', type: 'string' }],
    });
    const viewer = a.rocket.apps.get(app)!.issuer.sign('00000000-0000-4000-8000-000000000009', ['viewer']);
    const readOnB = async () => (await fetch(`${base}/api/${app}/note`, { headers: { authorization: `Bearer ${viewer}` } })).status;

    const reads: number[] = [];
    const ms: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const granted = await inject('POST', `/api/${app}/_admin/permissions`, ptoken, { entity: 'note', action: 'read', roles: ['viewer'] });
      while ((await readOnB()) !== 200) { /* until B honours the grant */ }
      await inject('DELETE', `/api/${app}/_admin/permissions/${granted.body.data.id}`, ptoken);
      const t0 = performance.now();
      let n = 0;
      while ((await readOnB()) === 200) n++;
      ms.push(performance.now() - t0);
      reads.push(n);
    }
    const row = (label: string, xs: number[], digits: number) =>
      console.log(`${label}: p50 ${pct(xs, 0.5).toFixed(digits)}  p95 ${pct(xs, 0.95).toFixed(digits)}  max ${Math.max(...xs).toFixed(digits)}  (n=${xs.length})`);
    console.log(`revoked on A, still honoured on B after A's response (${TRIALS} trials):`);
    row('  reads', reads, 0);
    row('  ms   ', ms, 1);
    await inject('DELETE', `/api/_platform/apps/${app}`, ptoken);
  } finally {
    b.kill('SIGTERM');
    await new Promise((r) => b.once('exit', r));
    await a.close();
    const admin = new PostgresDatabase({ url: databaseUrl(PG, 'postgres'), max: 1 });
    await dropDatabase(admin, mgmtName).catch(() => {});
    await admin.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
