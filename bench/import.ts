// `npm run bench:import` (issue 19): how long `POST /_admin/import` takes for the large documents
// the issue names — 500 entities (with 499 relations and a rule, a permission and a webhook each)
// and 100,000 sample rows — on SQLite and PostgreSQL, each as one HTTP request to a Rocket started
// in this process. Also the re-import of the same document (everything skipped) and its dry run.
//
//   BENCH_DB=sqlite|postgres|both (default both; postgres needs PG_URL, default postgres://postgres@127.0.0.1:5432/postgres)
//   BENCH_ENTITIES (500), BENCH_ROWS (100000)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { buildServer } from '../app.js';
import { PostgresDatabase, databaseUrl, dropDatabase } from '../core/db/postgres.js';
import { intEnv } from './harness.js';
import { syntheticDocument } from './import-document.js';

const PG_URL = process.env.PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const ENTITIES = intEnv('BENCH_ENTITIES', 500);
const ROWS = intEnv('BENCH_ROWS', 100_000);
const which = process.env.BENCH_DB || 'both';
const dialects = (which === 'both' ? ['sqlite', 'postgres'] : [which]) as Array<'sqlite' | 'postgres'>;

async function post(base: string, path: string, token: string | undefined, body: unknown): Promise<{ status: number; body: any; ms: number; bytes: number }> {
  const text = JSON.stringify(body);
  const started = performance.now();
  const res = await fetch(`${base}${path}`, {
    method: 'POST', body: text,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const json = await res.json();
  return { status: res.status, body: json, ms: performance.now() - started, bytes: Buffer.byteLength(text) };
}

async function run(dialect: 'sqlite' | 'postgres'): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rocket-bench-import-'));
  const mgmt = `rocket_bench_import_${randomBytes(4).toString('hex')}`;
  const database = dialect === 'postgres'
    ? { driver: 'postgres' as const, url: databaseUrl(PG_URL, mgmt), name: mgmt, data_dir: dataDir }
    : { driver: 'sqlite' as const, data_dir: dataDir };
  const server = await buildServer({
    config: { env: 'development', platform_jwt_secret: 'bench-import-secret-0123456789abcdef0123', log_level: (process.env.BENCH_LOG as 'info' | undefined) ?? 'warn', database, storage: { local_path: join(dataDir, 'uploads') } },
    env: {}, readConfigFile: false,
  });
  try {
    const base = await server.listen({ port: 0, host: '127.0.0.1' });
    const platform = await post(base, '/api/_platform/auth/login', undefined, { email: 'platform@localhost', password: 'changeme' });
    const newApp = async (name: string) => {
      const created = await post(base, '/api/_platform/apps', platform.body.data.access_token, { name, db_driver: dialect });
      if (created.status !== 201) throw new Error(`create app: ${created.status} ${JSON.stringify(created.body)}`);
      return (await post(base, `/api/${name}/auth/login`, undefined, { email: 'admin@localhost', password: 'changeme' })).body.data.access_token as string;
    };
    const report = (label: string, r: { status: number; body: any; ms: number; bytes: number }, extra = '') => {
      const errors = r.body?.data?.errors?.length ?? 0;
      console.log(`  ${dialect.padEnd(8)} ${label.padEnd(34)} ${r.status} ${(r.ms / 1000).toFixed(2).padStart(7)} s  ${(r.bytes / 1e6).toFixed(1).padStart(5)} MB body  errors ${errors}${extra}`);
      if (r.status !== 200 || errors > 0) console.log(`    ${JSON.stringify(r.body).slice(0, 500)}`);
    };

    const big = syntheticDocument({ entities: ENTITIES });
    const token = await newApp('entities');
    const first = await post(base, '/api/entities/_admin/import', token, big);
    report(`${ENTITIES} entities: import`, first, `  summary ${JSON.stringify(first.body.data?.summary)}`);
    report(`${ENTITIES} entities: dry run again`, await post(base, '/api/entities/_admin/import?dry_run=true', token, big));
    report(`${ENTITIES} entities: re-import`, await post(base, '/api/entities/_admin/import', token, big));

    const rows = syntheticDocument({ entities: 2, rows: ROWS, rowEntities: 1 });
    const rowsToken = await newApp('rows');
    const r = await post(base, '/api/rows/_admin/import', rowsToken, rows);
    const inserted = r.body.data?.summary?.records ?? 0;
    report(`${ROWS} sample rows: import`, r, `  ${inserted} rows, ${Math.round(inserted / (r.ms / 1000))} rows/s (one audit entry each)`);
    report(`${ROWS} sample rows: re-import`, await post(base, '/api/rows/_admin/import', rowsToken, rows));
  } finally {
    for (const app of await server.rocket.apps.list()) await server.rocket.apps.delete(app.name).catch(() => {});
    await server.close();
    if (dialect === 'postgres') {
      const admin = new PostgresDatabase({ url: databaseUrl(PG_URL, 'postgres'), max: 1 });
      await dropDatabase(admin, mgmt).catch(() => {});
      await admin.close();
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`bench:import — ${ENTITIES} entities, ${ROWS} sample rows, one request each`);
for (const d of dialects) await run(d);
