// Memory of many idle SQLite apps in one process (issue #11: 1,000 idle apps within 300 MB RSS).
// Phase 1 (one process): creates N apps, each with two entities and a few records, reads every one
// with all handles open (no limit), then runs the idle sweep. Phase 2 (a fresh process, as after a
// restart, default configuration): loads every app, runs the idle sweep, then reads every app once
// more (at most database.max_connections handles open, least recently used closed). Prints RSS and
// heap at each step. Not a test: a measurement for the README.
//
//   node --expose-gc --import tsx bench/idle-apps.ts [apps]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../app.js';

const N = Number(process.argv[2] ?? 1000);
const PHASE2_DIR = process.argv[3];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function report(label: string): number {
  gc();
  gc();
  const m = process.memoryUsage();
  console.log(`${label.padEnd(52)} rss ${mb(m.rss).padStart(9)}  heap ${mb(m.heapUsed).padStart(9)}  external ${mb(m.external).padStart(8)}`);
  return m.rss;
}

const SECRET = 'idle-apps-secret-0123456789abcdef0123456789';

/** Phase 2: a fresh server over the existing data directory, default limits. */
async function restarted(dir: string): Promise<void> {
  const base = report('phase 2: process started (nothing loaded)');
  const server = await buildServer({
    config: { env: 'development', platform_jwt_secret: SECRET, log_level: 'silent', database: { driver: 'sqlite', data_dir: dir }, storage: { local_path: join(dir, 'uploads') } },
    env: {}, readConfigFile: false, logger: false,
  });
  await server.ready();
  const apps = server.rocket.apps;
  const openCount = () => apps.loadedApps().filter((c) => c.isOpen).length;
  report(`${apps.loadedApps().length} apps loaded at start, ${openCount()} handles open`);
  await apps.closeIdlePools(0);
  const idle = report(`idle sweep: ${openCount()} handles open`);
  const token = (await server.inject({ method: 'POST', url: '/api/_platform/auth/login', payload: { email: 'platform@localhost', password: 'changeme' } })).json().data.access_token;
  for (const ctx of apps.loadedApps()) {
    const res = await server.inject({ method: 'GET', url: `/api/${ctx.name}/customer`, headers: { authorization: `Bearer ${token}` } });
    if (res.statusCode !== 200) throw new Error(`read ${ctx.name}: ${res.statusCode} ${res.body}`);
  }
  report(`every app read once: ${openCount()} handles open (limit ${server.rocket.config.database.max_connections})`);
  await apps.closeIdlePools(0);
  report(`idle sweep: ${openCount()} handles open`);
  console.log(`phase 2 per idle app: ${mb((idle - base) / apps.loadedApps().length)}`);
  await server.close();
}

async function main(): Promise<void> {
  if (PHASE2_DIR) return restarted(PHASE2_DIR);
  const dir = mkdtempSync(join(tmpdir(), 'rocket-idle-'));
  const server = await buildServer({
    config: {
      env: 'development', platform_jwt_secret: SECRET, log_level: 'silent',
      // No LRU closing while measuring the open state; the sweep is run by hand below.
      database: { driver: 'sqlite', data_dir: dir, max_connections: N + 10, idle_ms: 3_600_000, idle_sweep_ms: 3_600_000 },
      storage: { local_path: join(dir, 'uploads') },
    },
    env: {}, readConfigFile: false, logger: false,
  });
  await server.ready();
  const inject = async (method: 'GET' | 'POST', url: string, token?: string, body?: unknown) => {
    const res = await server.inject({ method, url, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, payload: body === undefined ? undefined : JSON.stringify(body) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const token = (await inject('POST', '/api/_platform/auth/login', undefined, { email: 'platform@localhost', password: 'changeme' })).data.access_token;
  const base = report('started, no apps');
  const customer = {
    name: 'customer', table: 'customers', primary_key: { field: 'id', type: 'uuid', generated: true },
    fields: [{ name: 'id', type: 'uuid' }, { name: 'name', type: 'string' }, { name: 'email', type: 'string' }, { name: 'score', type: 'int' }],
  };
  const order = {
    name: 'order', table: 'orders', primary_key: { field: 'id', type: 'int', generated: true },
    fields: [{ name: 'id', type: 'int' }, { name: 'number', type: 'string' }, { name: 'customer_id', type: 'uuid' }, { name: 'total', type: 'decimal', precision: 2 }],
  };
  const names: string[] = [];
  const t0 = Date.now();
  for (let i = 0; i < N; i++) {
    const name = `idle${String(i).padStart(4, '0')}`;
    await inject('POST', '/api/_platform/apps', token, { name, db_driver: 'sqlite' });
    await inject('POST', `/api/${name}/_admin/entities`, token, customer);
    await inject('POST', `/api/${name}/_admin/entities`, token, order);
    const c = await inject('POST', `/api/${name}/customer`, token, { name: 'A', email: 'a@x', score: 1 });
    await inject('POST', `/api/${name}/order`, token, { number: 'N1', customer_id: c.data.id, total: '1.50' });
    names.push(name);
    if ((i + 1) % 250 === 0) console.log(`  created ${i + 1} apps (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  for (const name of names) await inject('GET', `/api/${name}/customer`, token);
  const open = report(`${N} apps loaded, handles open, read once each`);
  await server.rocket.apps.closeIdlePools(0);
  const open2 = server.rocket.apps.loadedApps().filter((c) => c.isOpen).length;
  const closed = report(`idle sweep ran: ${open2} handles still open`);
  console.log(`per app: ${mb((open - base) / N)} with its handle open, ${mb((closed - base) / N)} idle (handle closed)`);
  await server.close();
  spawnSync(process.execPath, [...process.execArgv, import.meta.filename, String(N), dir], { stdio: 'inherit', env: process.env });
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
