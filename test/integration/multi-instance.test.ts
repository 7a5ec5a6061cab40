// Several instances, crashes and deletes (issue #12 items 15–17; platform-and-apps.md §4, §8):
// instances starting together on an empty management database, deleting an app while another
// instance serves it, and apps left half-created by a crash.
import t from 'tap';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PostgresDatabase, databaseExists, databaseUrl } from '../../core/db/postgres.js';
import {
  PG_URL, dialects, dropStores, startInstancePair, startRocket, testConfig, uniqueName, type TestDialect, type TestRocket,
} from '../helpers/server.js';

const note = {
  name: 'note', table: 'notes', primary_key: { field: 'id', type: 'int', generated: true },
  fields: [{ name: 'id', type: 'int' }, { name: 'body', type: 'string' }],
};

const until = async (check: () => boolean | Promise<boolean>, tries = 200) => {
  for (let i = 0; i < tries; i++) {
    if (await check()) return true;
    await new Promise((res) => setTimeout(res, 25));
  }
  return check();
};

async function storageExists(r: TestRocket, dbName: string): Promise<boolean> {
  return (r.server.rocket.apps as any).storages[r.dialect].exists(dbName);
}

for (const dialect of dialects) {
  t.test(`requests racing the delete of their app get 200 or 404 APP_NOT_FOUND, never 500 (one instance) [${dialect}]`, async (t) => {
    const r = await startRocket(dialect);
    t.teardown(() => r.close());
    for (let trial = 0; trial < 3; trial++) {
      const app = await r.createApp();
      t.equal((await r.request('POST', `/api/${app.name}/_admin/entities`, { token: app.token, body: note })).status, 201);
      const statuses = await deleteUnderLoad(r, r, app);
      t.same(unexpected(statuses), [], `trial ${trial + 1}: ${statuses.length} responses, all 200/201 or 404 APP_NOT_FOUND`);
    }
  });

  t.test(`an app left provisioning by a crash is rolled back at start and its name can be used again [${dialect}]`, async (t) => {
    const config = testConfig(dialect);
    const first = await startRocket(dialect, {}, config);
    const stale = uniqueName('crashed');
    const fresh = uniqueName('creating');
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const insert = (name: string, at: string, status = 'provisioning') => first.server.rocket.mgmt.run(
      `INSERT INTO _apps (name, display_name, db_name, jwt_secret, db_driver, status, created_at, updated_at)
       VALUES ($1, $1, $2, 'x', $3, $4, $5, $5)`, [name, `rocket_${name}`, dialect, status, at]);
    // The crash state: the row reserved, the storage created, nothing else (kill -9 mid-create).
    await insert(stale, hourAgo);
    await (first.server.rocket.apps as any).storages[dialect].create(`rocket_${stale}`);
    // A create still within its lease (another instance working on it) is left alone.
    await insert(fresh, new Date().toISOString());
    // A delete that died half-way is finished too.
    const halfDeleted = uniqueName('halfdel');
    await insert(halfDeleted, hourAgo, 'deleting');
    await first.close();

    const second = await startRocket(dialect, {}, config);
    t.teardown(async () => {
      for (const a of await second.server.rocket.apps.list()) await second.server.rocket.apps.delete(a.name).catch(() => {});
      await second.close();
      await dropStores(dialect, config);
    });
    const token = await second.platformToken();
    const names = (await second.server.rocket.apps.list()).map((a) => a.name);
    t.notOk(names.includes(stale), 'the stale provisioning row is gone');
    t.notOk(names.includes(halfDeleted), 'the stale deleting row is gone');
    t.ok(names.includes(fresh), 'a create within its lease is not touched');
    t.notOk(await storageExists(second, `rocket_${stale}`), 'its database / file was dropped');
    const again = await second.request('POST', '/api/_platform/apps', { token, body: { name: stale, db_driver: dialect } });
    t.equal(again.status, 201, 'the name can be created again');

    // The periodic job does the same once the lease has run out (its clock moved, no sleeping).
    const later = Date.now() + second.server.rocket.config.app_provisioning_lease_ms + 60_000;
    t.same(await second.server.rocket.apps.reclaimStale(later), [fresh], 'rolled back after its lease');
    t.same(await second.server.rocket.apps.reclaimStale(later), [], 'and only once');
  });
}

// PostgreSQL only: SQLite serves one instance (two in one process would block each other's write
// lock; two processes serialise on it with busy_timeout).
t.test('two instances starting together on an empty management database both start', { skip: PG_URL ? false : 'ROCKET_TEST_PG_URL not set' }, async (t) => {
  const dialect: TestDialect = 'postgres';
  for (let trial = 0; trial < 10; trial++) {
    const config = testConfig(dialect); // a fresh management database (or data directory) per trial
    const started = await Promise.allSettled([startRocket(dialect, {}, config), startRocket(dialect, {}, config)]);
    const failures = started.filter((s) => s.status === 'rejected').map((s) => String((s as PromiseRejectedResult).reason));
    t.same(failures, [], `trial ${trial + 1}: both started`);
    for (const s of started) if (s.status === 'fulfilled') await s.value.close();
    await dropStores(dialect, config);
    if (failures.length > 0) break;
  }
  // And the one seeded administrator can log in (seeded once, not twice).
  const config = testConfig(dialect);
  const [a, b] = await Promise.all([startRocket(dialect, {}, config), startRocket(dialect, {}, config)]);
  t.teardown(async () => { await a.close(); await b.close(); await dropStores(dialect, config); });
  const users = await a.server.rocket.mgmt.query('SELECT email FROM _platform_users');
  t.equal(users.length, 1, 'one platform administrator');
  t.equal((await b.request('POST', '/api/_platform/auth/login', { body: { email: 'platform@localhost', password: 'changeme' } })).status, 200);
});

/** Requests of several loops on `server` for the app while `deleter` deletes it; their statuses. */
async function deleteUnderLoad(server: TestRocket, deleter: TestRocket, app: { name: string; token: string }): Promise<Array<[number, string | undefined]>> {
  const statuses: Array<[number, string | undefined]> = [];
  const token = await deleter.platformToken();
  let deleted = false;
  let after = 0;
  let sent = 0;
  let del: Promise<{ status: number }> | undefined;
  const loop = async (i: number) => {
    // Until a few rounds after the delete was answered (bounded, whatever happens).
    for (let n = 0; n < 400 && after < 40; n++) {
      if (++sent === 50) {
        del = deleter.request('DELETE', `/api/_platform/apps/${app.name}`, { token }).then((r) => { deleted = true; return r; });
      }
      const res = n % 3 === i % 3
        ? await server.request('POST', `/api/${app.name}/note`, { token: app.token, body: { body: `n${n}` } })
        : await server.request('GET', `/api/${app.name}/note?sort=-id&page[size]=5`, { token: app.token });
      statuses.push([res.status, res.body?.error?.code]);
      if (deleted) after++;
    }
  };
  await Promise.all(Array.from({ length: 12 }, (_, i) => loop(i)));
  const res = await del;
  if (res?.status !== 200) statuses.push([res?.status ?? 0, 'DELETE']);
  if (!deleted) statuses.push([0, 'DELETE NOT ANSWERED WHILE REQUESTS RAN']);
  return statuses;
}

const unexpected = (statuses: Array<[number, string | undefined]>) =>
  statuses.filter(([s, code]) => !(s === 200 || s === 201 || (s === 404 && code === 'APP_NOT_FOUND')));

t.test('deleting an app on one instance while another serves it: 200 or 404 APP_NOT_FOUND, never 500', { skip: PG_URL ? false : 'ROCKET_TEST_PG_URL not set' }, async (t) => {
  const [a, b] = await startInstancePair(t);
  for (let trial = 0; trial < 3; trial++) {
    const app = await a.createApp();
    t.equal((await a.request('POST', `/api/${app.name}/_admin/entities`, { token: app.token, body: note })).status, 201);
    t.ok(await until(() => Boolean(b.server.rocket.apps.get(app.name)?.registry.entity('note'))), 'B serves the app');
    const statuses = await deleteUnderLoad(b, a, app);
    t.same(unexpected(statuses), [], `trial ${trial + 1}: ${statuses.length} responses on B, all 200/201 or 404 APP_NOT_FOUND`);
    t.ok(statuses.some(([s]) => s === 404), 'B answered 404 once the app was gone');
    const mgmt = a.server.rocket.mgmt as PostgresDatabase;
    t.notOk(await databaseExists(mgmt, `rocket_${app.name}`), 'the database was dropped');
  }

  // An instance that missed the notification: its connections are cut by the forced drop, and the
  // requests that lose them answer 404 as well.
  const app = await a.createApp();
  t.equal((await a.request('POST', `/api/${app.name}/_admin/entities`, { token: app.token, body: note })).status, 201);
  t.ok(await until(() => Boolean(b.server.rocket.apps.get(app.name)?.registry.entity('note'))));
  const bApps = b.server.rocket.apps as any;
  const evict = bApps.evict.bind(bApps);
  bApps.evict = async () => {}; // B ignores the notification
  t.teardown(() => { bApps.evict = evict; });
  (a.server.rocket.config as { app_delete_drain_ms: number }).app_delete_drain_ms = 0;
  const statuses = await deleteUnderLoad(b, a, app);
  t.same(unexpected(statuses), [], `${statuses.length} responses on B, all 200/201 or 404 APP_NOT_FOUND`);
});

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

t.test('kill -9 during app creation: the next instance rolls it back', { skip: PG_URL ? false : 'ROCKET_TEST_PG_URL not set' }, async (t) => {
  const dialect: TestDialect = 'postgres';
  const config = testConfig(dialect, { app_provisioning_lease_ms: 1, app_delete_drain_ms: 3000 });
  const port = await freePort();
  // ROCKET_CONFIG names an empty file, so no app.yaml of the working directory is read.
  writeFileSync(join(config.database!.data_dir!, 'none.yaml'), '{}\n');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: {
      ...process.env, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', ROCKET_LOG_LEVEL: 'warn',
      DATABASE_URL: config.database!.url, ROCKET_DATA_DIR: config.database!.data_dir, ROCKET_DB_POOL_SIZE: '2',
      ROCKET_PLATFORM_JWT_SECRET: config.platform_jwt_secret, ROCKET_STORAGE_PATH: config.storage!.local_path,
      ROCKET_CONFIG: join(config.database!.data_dir!, 'none.yaml'),
    },
    stdio: 'ignore',
  });
  let exited = false;
  child.on('exit', () => { exited = true; });
  t.teardown(() => { if (!exited) child.kill('SIGKILL'); });
  const base = `http://127.0.0.1:${port}`;
  t.ok(await until(async () => (await fetch(`${base}/health`).catch(() => undefined))?.ok ?? false, 400), 'the child server started');
  const login = await (await fetch(`${base}/api/_platform/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'platform@localhost', password: 'changeme' }),
  })).json() as { data: { access_token: string } };
  const name = uniqueName('killed');
  const mgmt = new PostgresDatabase({ url: config.database!.url!, max: 1 });
  void fetch(`${base}/api/_platform/apps`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${login.data.access_token}` },
    body: JSON.stringify({ name, db_driver: dialect }),
  }).catch(() => undefined);
  // Kill as soon as the row is reserved (the database is being created or bootstrapped).
  let status: string | undefined;
  for (let i = 0; i < 2000 && status === undefined; i++) {
    const [row] = await mgmt.query<{ status: string }>('SELECT status FROM _apps WHERE name = $1', [name]);
    status = row?.status;
  }
  child.kill('SIGKILL');
  await until(() => exited);
  t.equal(status, 'provisioning', 'killed while the app was provisioning');
  // A CREATE DATABASE the killed server had sent still completes on the server, and its backend
  // may sit in any database (the maintenance one too): wait until no session is left on the
  // management or the app database and none is still running a statement that names the app's
  // database (the lease, 5 minutes by default, covers this in production). Sessions of other test
  // files running at the same time match neither.
  await mgmt.close();
  const admin = new PostgresDatabase({ url: databaseUrl(PG_URL!, 'postgres'), max: 1 });
  t.teardown(() => admin.close());
  const mgmtName = new URL(config.database!.url!).pathname.slice(1);
  const appDb = `rocket_${name}`;
  t.ok(await until(async () => {
    const [row] = await admin.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND (datname IN ($1, $2) OR (state <> 'idle' AND position($2 in query) > 0))",
      [mgmtName, appDb]);
    return row.n === 0;
  }, 400), "the killed server's sessions ended");

  const next = await startRocket(dialect, {}, config);
  t.teardown(async () => {
    for (const a of await next.server.rocket.apps.list()) await next.server.rocket.apps.delete(a.name).catch(() => {});
    await next.close();
    await dropStores(dialect, config);
  });
  t.same((await next.server.rocket.apps.list()).map((a) => a.name), [], 'the half-created app was rolled back');
  t.notOk(await databaseExists(admin, appDb), 'its database was dropped');
  const again = await next.request('POST', '/api/_platform/apps', { token: await next.platformToken(), body: { name, db_driver: dialect } });
  t.equal(again.status, 201, 'and the name can be created again');
});
