// The webhook crash test (issue #15): under concurrent writes to an entity with an after_write
// webhook, a server process is killed with SIGKILL. A new server on the same database then
// delivers every acknowledged write at least once, repeats carry the same idempotency key, and no
// delivery arrives for a write that was not committed. Both databases.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import t from 'tap';
import { receiver, until } from '../helpers/receiver.js';
import { dialects, dropStores, startRocket, testConfig } from '../helpers/server.js';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

const invoice = {
  name: 'invoice', table: 'invoices', primary_key: { field: 'id', type: 'int', generated: true },
  fields: [{ name: 'id', type: 'int' }, { name: 'number', type: 'string', unique: true }],
};

for (const dialect of dialects) {
  t.test(`kill -9 under write load: every committed write is delivered, none other [${dialect}]`, async (t) => {
    const rx = await receiver(t);
    // Short leases, so the next server takes over the killed one's deliveries quickly.
    const config = testConfig(dialect, { webhooks: { pending_lease_ms: 400, retry_interval_ms: 50 } });
    t.teardown(() => dropStores(dialect, config));

    const setup = await startRocket(dialect, {}, config);
    const app = await setup.createApp();
    const call = (method: 'POST', path: string, body: unknown) => setup.request(method, `/api/${app.name}${path}`, { token: app.token, body });
    t.equal((await call('POST', '/_admin/entities', invoice)).status, 201);
    t.equal((await call('POST', '/_admin/webhooks', { entity: 'invoice', url: rx.url('/inv') })).status, 201);
    await setup.server.close();

    const port = await freePort();
    const dir = config.database!.data_dir!;
    writeFileSync(join(dir, 'none.yaml'), '{}\n');
    const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
      cwd: join(import.meta.dirname, '..', '..'),
      env: {
        ...process.env, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', ROCKET_LOG_LEVEL: 'silent',
        ROCKET_CONFIG: join(dir, 'none.yaml'), ROCKET_DATA_DIR: dir, ROCKET_DB_DRIVER: dialect,
        ...(dialect === 'postgres' ? { DATABASE_URL: config.database!.url!, ROCKET_DB_POOL_SIZE: '2' } : {}),
        ROCKET_PLATFORM_JWT_SECRET: config.platform_jwt_secret!, ROCKET_STORAGE_PATH: config.storage!.local_path!,
        ROCKET_WEBHOOKS_PENDING_LEASE_MS: '400',
      },
      stdio: 'ignore',
    });
    let exited = false;
    child.on('exit', () => { exited = true; });
    t.teardown(() => { if (!exited) child.kill('SIGKILL'); });
    const base = `http://127.0.0.1:${port}`;
    await until(async () => (await fetch(`${base}/health`).catch(() => undefined))?.ok ?? false, 'the child server');
    const login = await (await fetch(`${base}/api/${app.name}/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@localhost', password: 'changeme' }),
    })).json() as { data: { access_token: string } };
    const token = login.data.access_token;

    // Eight writers; the kill comes once 120 writes are acknowledged, with more in flight.
    const acknowledged = new Set<string>();
    let n = 0;
    const writer = async () => {
      while (!exited) {
        const number = `N-${n++}`;
        const res = await fetch(`${base}/api/${app.name}/invoice`, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ number }),
        }).catch(() => undefined);
        if (res?.status === 201) acknowledged.add(number);
        if (acknowledged.size >= 120 && !exited) child.kill('SIGKILL');
      }
    };
    await Promise.all(Array.from({ length: 8 }, writer));
    await until(() => exited, 'the kill');
    t.ok(acknowledged.size >= 120, `${acknowledged.size} writes acknowledged before the kill`);

    const next = await startRocket(dialect, {}, config);
    t.teardown(() => next.server.close());
    const db = () => next.server.rocket.apps.get(app.name)!.db;
    const committed = new Set((await db().query<{ number: string }>('SELECT number FROM invoices')).map((r) => r.number));
    const delivered = () => new Set(rx.received.map((x) => x.body.record.number as string));
    await until(() => [...committed].every((c) => delivered().has(c)), 'every committed write delivered');

    t.same([...acknowledged].filter((a) => !committed.has(a)), [], 'every acknowledged write committed');
    t.same([...delivered()].filter((d) => !committed.has(d)), [], 'no delivery for a write that was not committed');
    const keys = new Map<string, Set<string>>();
    for (const x of rx.received) {
      let set = keys.get(x.body.record.number);
      if (!set) keys.set(x.body.record.number, (set = new Set()));
      set.add(x.body.idempotency_key);
    }
    t.same([...keys].filter(([, set]) => set.size !== 1).map(([k]) => k), [], 'repeats carry the same idempotency key');
    const [logs] = await db().query<{ n: unknown }>('SELECT COUNT(*) AS n FROM _webhook_logs');
    t.equal(Number(logs.n), committed.size, 'one log row per committed write');
    t.comment(`${committed.size} committed, ${rx.received.length} deliveries received (${rx.received.length - committed.size} repeats)`);
  });
}
