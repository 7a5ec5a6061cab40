// Pipelined statements on PostgreSQL app pools (core/db/pg-pool.ts, README "Connections"): once a
// pool is at app_pool_size, single statements share busy connections, at most app_pool_pipeline on
// one; a transaction keeps its connection to itself and is not starved by a stream of statements;
// a failing statement fails alone; a lost connection fails what was on it and the pool recovers.
import t from 'tap';
import type { PgPool } from '../../core/db/pg-pool.js';
import { PostgresDatabase, databaseUrl } from '../../core/db/postgres.js';
import { pgCode } from '../../core/db/dialects/postgres.js';
import { PG_URL, startRocket, type TapTest, type TestRocket } from '../helpers/server.js';

const skip = PG_URL ? false : 'ROCKET_TEST_PG_URL not set';

interface Pooled {
  r: TestRocket;
  app: string;
  token: string;
  pool: PgPool;
}

/** An app whose pool holds `size` connections at most; no span flushes taking one of them. */
async function pooled(t: TapTest, size: number, pipeline: number): Promise<Pooled> {
  const r = await startRocket('postgres', { app_pool_size: size, app_pool_pipeline: pipeline, instrumentation: { enabled: false } });
  t.teardown(() => r.close());
  const { name: app, token } = await r.createApp();
  const pool = r.server.rocket.apps.get(app)!.db as PgPool;
  pool.closeIdle(0);
  return { r, app, token, pool };
}

/** Statements in flight on each open connection of the pool (its private bookkeeping). */
const loads = (pool: PgPool): number[] => [...(pool as any).all].filter((c: any) => !c.dead).map((c: any) => c.load as number);

const pidOf = async (q: { query: PgPool['query'] }, sleep = 0): Promise<number> =>
  (await q.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_sleep($1)', [sleep]))[0].pid;

/** `loops` concurrent loops of 40 short statements each, once 20 have finished: `done()` counts
 * the finished ones, `finished` settles with the last. */
async function stream(pool: PgPool, loops: number): Promise<{ done: () => number; finished: Promise<unknown> }> {
  let done = 0;
  const loop = async () => {
    for (let i = 0; i < 40; i++) {
      await pool.query('SELECT pg_sleep(0.001)');
      done++;
    }
  };
  const finished = Promise.all(Array.from({ length: loops }, loop));
  while (done < 20) await new Promise((res) => setTimeout(res, 1));
  return { done: () => done, finished };
}

t.test('at the cap, statements pipeline onto busy connections, never more than app_pool_pipeline on one', { skip }, async (t) => {
  const { pool } = await pooled(t, 2, 3);
  let deepest = 0;
  const sampler = setInterval(() => { deepest = Math.max(deepest, ...loads(pool), 0); }, 1);
  const pids = await Promise.all(Array.from({ length: 12 }, () => pidOf(pool, 0.02)));
  clearInterval(sampler);
  deepest = Math.max(deepest, ...loads(pool), 0);
  t.equal(new Set(pids).size, 2, 'twelve statements ran on the two connections of the pool');
  t.ok(pool.pipelined >= 4, `${pool.pipelined} statements were pipelined`);
  t.ok(deepest <= 3, `at most 3 in flight on one connection (saw ${deepest})`);
  t.ok(deepest >= 2, 'and more than one');
});

t.test('app_pool_pipeline 1: statements wait for a free connection instead', { skip }, async (t) => {
  const { pool } = await pooled(t, 2, 1);
  await Promise.all(Array.from({ length: 12 }, () => pidOf(pool, 0.01)));
  t.equal(pool.pipelined, 0);
  t.equal(pool.connections, 2);
});

t.test('below the cap, a statement opens a connection rather than pipelining', { skip }, async (t) => {
  const { pool } = await pooled(t, 4, 4);
  const pids = await Promise.all(Array.from({ length: 4 }, () => pidOf(pool, 0.05)));
  t.equal(new Set(pids).size, 4, 'four concurrent statements, four connections');
  t.equal(pool.pipelined, 0);
});

t.test('a failing statement fails alone; the ones pipelined with it succeed', { skip }, async (t) => {
  const { pool } = await pooled(t, 1, 4);
  const results = await Promise.allSettled([
    pool.query('SELECT pg_sleep(0.02), 1 AS n'),
    pool.query('SELECT 1 / 0 AS n'),
    pool.query('SELECT 3 AS n'),
    pool.query<{ n: number }>('SELECT $1::int AS n', [4]),
  ]);
  t.equal(pool.pipelined, 3, 'all four were on the one connection at once');
  t.same(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  t.equal(pgCode((results[1] as PromiseRejectedResult).reason), '22012', 'division by zero');
  t.same((results[3] as PromiseFulfilledResult<Array<{ n: number }>>).value, [{ n: 4 }]);
  t.same(await pool.query('SELECT 5 AS n'), [{ n: 5 }], 'the connection is fine afterwards');
});

t.test('a transaction keeps its connection to itself while statements pipeline beside it', { skip }, async (t) => {
  const { pool } = await pooled(t, 2, 4);
  let txPid = 0;
  let others: number[] = [];
  await pool.transaction(async (tx) => {
    txPid = await pidOf(tx);
    others = await Promise.all(Array.from({ length: 10 }, () => pidOf(pool, 0.01)));
    t.equal(await pidOf(tx), txPid, 'the transaction stays on its connection');
  });
  t.ok(pool.pipelined > 0, 'the statements beside it were pipelined');
  t.notOk(others.includes(txPid), 'no statement ran on the transaction\'s connection');
  t.equal(new Set(others).size, 1, 'they shared the other connection');
});

t.test('a transaction waiting behind a stream of statements gets the next connection that empties', { skip }, async (t) => {
  const { pool } = await pooled(t, 1, 4);
  const { done, finished } = await stream(pool, 8);
  const atStart = done();
  await pool.transaction(async (tx) => { await tx.query('SELECT 1'); });
  const before = done() - atStart;
  await finished;
  t.ok(pool.pipelined > 0, 'the stream was pipelined');
  // Ahead of it: 4 statements in flight and 4 waiting (one per loop); newer ones queue behind it.
  t.ok(before <= 8, `the transaction ran after the 8 statements ahead of it (${before} finished meanwhile)`);
});

t.test('a lost connection fails the statements pipelined on it; the pool opens a new one', { skip }, async (t) => {
  const { r, app, pool } = await pooled(t, 1, 4);
  const admin = new PostgresDatabase({ url: databaseUrl(PG_URL!, 'postgres'), max: 1 });
  t.teardown(() => admin.close());
  const pid = await pidOf(pool);
  const slow = Array.from({ length: 3 }, () => pool.query('SELECT pg_sleep(5)'));
  const settled = Promise.allSettled(slow);
  while ((await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1 AND state = 'active'", [pid]))[0].n === 0) {
    await new Promise((res) => setTimeout(res, 5));
  }
  t.equal(pool.pipelined, 2);
  await admin.query('SELECT pg_terminate_backend($1)', [pid]);
  const results = await settled;
  t.same(results.map((x) => x.status), ['rejected', 'rejected', 'rejected'], 'all three failed');
  t.not(await pidOf(pool), pid, 'the next statement runs on a new connection');
  t.equal(pool.connections, 1);
  t.ok(r.server.rocket.apps.get(app), 'the app is still there');
});

t.test('HTTP: a burst of reads and writes at the cap answers every request', { skip }, async (t) => {
  const { r, app, token } = await pooled(t, 2, 4);
  const note = { name: 'note', table: 'notes', primary_key: { field: 'id', generated: true }, fields: [{ name: 'id', type: 'uuid' }, { name: 'body', type: 'string', required: true }] };
  t.equal((await r.request('POST', `/api/${app}/_admin/entities`, { token, body: note })).status, 201);
  const created = await Promise.all(Array.from({ length: 40 }, (_, i) => r.request('POST', `/api/${app}/note`, { token, body: { body: `n${i}` } })));
  t.same([...new Set(created.map((x) => x.status))], [201], 'every create answered 201');
  const read = await Promise.all(created.map((x) => r.request('GET', `/api/${app}/note/${x.body.data.id}`, { token })));
  t.same(read.map((x) => x.body.data?.body), created.map((x) => x.body.data.body), 'every read found its record');
  const pool = r.server.rocket.apps.get(app)!.db as PgPool;
  t.ok(pool.pipelined > 0, `${pool.pipelined} statements pipelined`);
  t.ok(pool.connections <= 2);
});

t.test('an app waiting for its first connection gets one from an app whose stream keeps its connections busy', { skip }, async (t) => {
  // An app budget of 2 real connections (max_connections − pool_size − 1).
  const r = await startRocket('postgres', { app_pool_size: 2, app_pool_pipeline: 4, database: { max_connections: 5, pool_size: 2 }, instrumentation: { enabled: false } });
  t.teardown(() => r.close());
  const x = (await r.createApp()).name;
  const y = (await r.createApp()).name;
  const poolX = r.server.rocket.apps.get(x)!.db as PgPool;
  const poolY = r.server.rocket.apps.get(y)!.db as PgPool;
  poolY.closeIdle(0);
  const { done, finished } = await stream(poolX, 12);
  t.equal(poolY.connections, 0, 'y holds no connection');
  const atStart = done();
  t.same(await poolY.query('SELECT 1 AS n'), [{ n: 1 }]);
  const meanwhile = done() - atStart;
  await finished;
  t.ok(poolX.pipelined > 0, "x's stream was pipelined");
  // x stops pipelining onto the connection it is to give up, so it empties after the statements on it.
  t.ok(meanwhile < 12 * 4, `y was served while x's stream ran (${meanwhile} of x's statements finished meanwhile)`);
});
