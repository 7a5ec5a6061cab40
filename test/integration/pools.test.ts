// App pools on PostgreSQL (issue #11 item 4, issue #12 item 19; README "Connections"): a busy app
// grows to its cap, many apps stay within database.max_connections (real connections, sampled from
// pg_stat_activity), idle connections close, and a starved app gets a connection from another's.
import t from 'tap';
import type { PgPool } from '../../core/db/pg-pool.js';
import { PostgresDatabase, databaseUrl } from '../../core/db/postgres.js';
import { PG_URL, startRocket, type TapTest, type TestRocket } from '../helpers/server.js';

const skip = PG_URL ? false : 'ROCKET_TEST_PG_URL not set';

function poolOf(r: TestRocket, app: string): PgPool {
  return r.server.rocket.apps.get(app)!.db as PgPool;
}

async function sessions(admin: PostgresDatabase, dbNames: string[]): Promise<number> {
  const [row] = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = ANY($1::text[])', [dbNames]);
  return row.n;
}

async function openAdmin(t: TapTest): Promise<PostgresDatabase> {
  const admin = new PostgresDatabase({ url: databaseUrl(PG_URL!, 'postgres'), max: 1 });
  t.teardown(() => admin.close());
  return admin;
}

t.test('a busy app opens more connections than the old pool of 5, up to app_pool_size', { skip }, async (t) => {
  const r = await startRocket('postgres', { app_pool_size: 10 });
  t.teardown(() => r.close());
  const admin = await openAdmin(t);
  const app = await r.createApp();
  const db = r.server.rocket.apps.get(app.name)!.db;
  const dbName = `rocket_${app.name}`;
  const slow = Array.from({ length: 12 }, () => db.query('SELECT pg_sleep(0.5)'));
  let seen = 0;
  for (let i = 0; i < 200 && seen < 10; i++) seen = Math.max(seen, await sessions(admin, [dbName]));
  await Promise.all(slow);
  t.ok(seen > 5, `${seen} concurrent connections to the app database`);
  t.ok(seen <= 10, 'never more than app_pool_size');
  t.equal(poolOf(r, app.name).connections, 10, 'the pool grew to its cap');

  // Sequential work reuses the most recently used connection, so the others stay idle …
  const pids = new Set<number>();
  for (let i = 0; i < 20; i++) pids.add((await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))[0].pid);
  t.equal(pids.size, 1, 'sequential statements use one connection');
  // … and the idle sweep closes them.
  t.equal(poolOf(r, app.name).closeIdle(0), 10, 'idle connections are closed');
  t.ok(await waitFor(async () => (await sessions(admin, [dbName])) === 0), 'and gone from the server');
  t.equal((await db.query<{ n: number }>('SELECT 1 AS n'))[0].n, 1, 'the next statement opens one again');
  t.equal(poolOf(r, app.name).connections, 1);
  const budget = (r.server.rocket.apps as any).storages.postgres.budget;
  t.ok(budget.types, 'later connections reuse the array types the first one fetched');
  t.same((await db.query<{ r: string[] }>("SELECT ARRAY['a','b']::text[] AS r"))[0].r, ['a', 'b'], 'and still decode arrays');
  t.same((await db.query<{ r: string[] }>('SELECT $1::text[] AS r', [['x', 'y']]))[0].r, ['x', 'y'], 'and send them');
});

async function waitFor(check: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return true;
    await new Promise((res) => setTimeout(res, 10));
  }
  return check();
}

t.test('many busy apps never hold more than database.max_connections', { skip }, async (t) => {
  // 11 = management pool 4 + listener 1 + 6 app connections.
  const r = await startRocket('postgres', { app_pool_size: 4, database: { max_connections: 11 } });
  t.teardown(() => r.close());
  const admin = await openAdmin(t);
  const apps: string[] = [];
  for (let i = 0; i < 16; i++) apps.push((await r.createApp()).name);
  const dbNames = apps.map((a) => `rocket_${a}`);
  const mgmtName = r.config.database!.name!;
  const budget = (r.server.rocket.apps as any).storages.postgres.budget;
  t.equal(budget.limit, 6);

  let running = true;
  let maxApps = 0;
  let maxAll = 0;
  const sampler = (async () => {
    while (running) {
      maxApps = Math.max(maxApps, await sessions(admin, dbNames));
      maxAll = Math.max(maxAll, await sessions(admin, [...dbNames, mgmtName]));
    }
  })();
  // Every app runs 3 loops of short queries and transactions at the same time.
  let done = 0;
  await Promise.all(apps.flatMap((name) => Array.from({ length: 3 }, async (_, i) => {
    const db = r.server.rocket.apps.get(name)!.db;
    for (let n = 0; n < 6; n++) {
      if ((n + i) % 2 === 0) await db.query('SELECT pg_sleep(0.01)');
      else await db.transaction(async (tx) => { await tx.query('SELECT pg_sleep(0.01)'); await tx.query('SELECT 1'); });
      done++;
    }
  })));
  running = false;
  await sampler;
  t.equal(done, 16 * 3 * 6, 'every statement completed (no deadlock, no error)');
  t.ok(maxApps <= 6, `app connections sampled: at most ${maxApps} (budget 6)`);
  t.ok(maxAll <= 11, `all connections of the instance sampled: at most ${maxAll} (max_connections 11)`);
  t.ok(budget.peak <= 6, `connections held at once (exact): ${budget.peak}`);
  t.ok(budget.peak >= 4, 'the budget was used');
});

t.test('a starved app gets a connection: idle ones of other apps close for it, busy ones are shared', { skip }, async (t) => {
  // Exact connection counts: no background span flushes taking a connection of y (core/tracing/buffer.ts).
  const r = await startRocket('postgres', { app_pool_size: 6, database: { max_connections: 11 }, instrumentation: { enabled: false } });
  t.teardown(() => r.close());
  const admin = await openAdmin(t);
  const x = (await r.createApp()).name;
  const y = (await r.createApp()).name;
  const budget = (r.server.rocket.apps as any).storages.postgres.budget;
  const dbX = r.server.rocket.apps.get(x)!.db;
  const dbY = r.server.rocket.apps.get(y)!.db;
  // Let y's creation connections go, then x takes the whole budget and leaves it idle.
  poolOf(r, y).closeIdle(0);
  await waitFor(async () => budget.held === poolOf(r, x).connections);
  await Promise.all(Array.from({ length: 6 }, () => dbX.query('SELECT pg_sleep(0.1)')));
  t.equal(poolOf(r, x).connections, 6, 'x holds the whole budget (idle now)');
  t.equal((await dbY.query<{ n: number }>('SELECT 1 AS n'))[0].n, 1, 'y is served without waiting for an idle timeout');
  t.equal(poolOf(r, x).connections, 5, "one of x's idle connections was closed for it");

  // x busy with a backlog: y still gets its share when x's statements finish.
  const backlog = Array.from({ length: 30 }, () => dbX.query('SELECT pg_sleep(0.05)'));
  const fromY = Array.from({ length: 6 }, () => dbY.query('SELECT pg_sleep(0.05)'));
  await Promise.all(fromY);
  t.ok(true, "y's statements completed while x had a backlog");
  await Promise.all(backlog);
  t.ok(budget.peak <= 6, `never more than the budget (${budget.peak})`);

  // A busy app grows by taking the connections a quiet app has left idle (for at least
  // reclaimIdleMs, 1 s by default; 0 here so the test does not wait).
  budget.reclaimIdleMs = 0;
  const before = poolOf(r, y).connections;
  await Promise.all(Array.from({ length: 6 }, () => dbY.query('SELECT pg_sleep(0.1)')));
  t.ok(poolOf(r, y).connections > before, `y grew from ${before} to ${poolOf(r, y).connections} connections`);
  t.ok(budget.peak <= 6);
  t.ok((await sessions(admin, [`rocket_${x}`, `rocket_${y}`])) <= 6);
});

t.test('SQLite: at most database.max_connections app files open; a released file reopens for whoever holds it', async (t) => {
  const r = await startRocket('sqlite', { database: { max_connections: 2 } });
  t.teardown(() => r.close());
  const apps: string[] = [];
  for (let i = 0; i < 5; i++) apps.push((await r.createApp()).name);
  const manager = r.server.rocket.apps;
  const openCount = () => manager.loadedApps().filter((c) => c.isOpen).length;
  for (const name of apps) await manager.get(name)!.db.query('SELECT 1');
  t.ok(openCount() <= 2, `${openCount()} files open after using 5 apps (limit 2)`);

  const ctx = manager.get(apps[0])!;
  const held = ctx.db; // a request between two statements
  t.equal(await ctx.closeIfIdle(), true, 'the idle sweep releases the file');
  t.notOk(ctx.isOpen);
  t.same(await held.query('SELECT 1 AS n'), [{ n: 1 }], 'the holder runs its next statement on the reopened file');
  t.ok(ctx.isOpen);
  await manager.closeIdlePools(0);
  t.equal(openCount(), 0, 'the sweep closes every idle file');
});
