// The background-work module (core/jobs): a queue job claims due rows with a lease, retries with
// backoff, respects its concurrency; two runners on one database never handle the same item; an
// item of a runner that died is reclaimed after the lease; the runner's own rules (per-app
// iteration, failure isolation, no overlapping ticks, stop); exclusive runs; the idle-pool job and
// its plugin. Time comes from a movable clock, so nothing sleeps for a lease or a backoff.
import t from 'tap';
import Fastify from 'fastify';
import { PostgresDatabase } from '../../core/db/postgres.js';
import type { Database } from '../../core/db/types.js';
import { runExclusive } from '../../core/jobs/lock.js';
import { PermanentJobError, backoffDelay, queueJob, type QueueJobOptions, type QueueRow } from '../../core/jobs/queue.js';
import { JobRunner } from '../../core/jobs/runner.js';
import { AppContext } from '../../core/platform/app-context.js';
import { idlePoolsJob } from '../../core/platform/idle-pools.js';
import type { Logger } from '../../core/logger.js';
import platformPlugin from '../../plugins/platform.js';
import idlePoolsPlugin from '../../plugins/idle-pools.js';
import { loadConfig } from '../../config/load.js';
import { dialects, dropStores, startRocket, testConfig, uniqueName, type TapTest } from '../helpers/server.js';
import { openScratchDatabase } from '../helpers/scratch-db.js';

const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function recordingLog() {
  const lines: { level: string; obj: any; msg?: string }[] = [];
  const at = (level: string) => (obj: unknown, msg?: string) => void lines.push({ level, obj, msg });
  const log: Logger = { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
  return { log, lines };
}

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

/** An app context over a given database (or none: jobs that must not touch it). */
function fakeApp(name: string, db?: Database): AppContext {
  const info = { name, display_name: name, db_name: name, db_driver: 'sqlite' as const, status: 'active' as const, created_at: iso(T0), updated_at: iso(T0) };
  return new AppContext(info, 'job-test-secret-0123456789abcdef0123456789', () => {
    if (!db) throw new Error(`app ${name} has no database in this test`);
    return db;
  }, () => {});
}

/** The same database for a second runner: its own pool on PostgreSQL (as a second instance would
 * have); on SQLite the one connection of the process (SQLite serves a single instance). */
function secondHandle(t: TapTest, db: Database): Database {
  if (!(db instanceof PostgresDatabase)) return db;
  const other = new PostgresDatabase({ ...db.options });
  t.teardown(() => other.close());
  return other;
}

async function workTable(db: Database, ids: number[], maxAttempts = 3): Promise<void> {
  const ts = db.dialect.types.timestamptz;
  await db.run(`CREATE TABLE work_items (
    id INTEGER PRIMARY KEY, status TEXT NOT NULL DEFAULT 'pending', attempt INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 3, next_retry_at ${ts}, error TEXT NOT NULL DEFAULT '', updated_at ${ts})`);
  for (const id of ids) {
    await db.run('INSERT INTO work_items (id, max_attempts, next_retry_at) VALUES ($1, $2, $3)', [id, maxAttempts, iso(T0)]);
  }
}

interface Item { id: number; status: string; attempt: number; next_retry_at: string | null; error: string }
async function items(db: Database): Promise<Map<number, Item>> {
  const rows = await db.query<Record<string, unknown>>('SELECT * FROM work_items ORDER BY id');
  return new Map(rows.map((r) => [Number(r.id), {
    id: Number(r.id), status: String(r.status), attempt: Number(r.attempt),
    next_retry_at: db.dialect.decodeTimestamp(r.next_retry_at), error: String(r.error),
  }]));
}

function workJob(overrides: Partial<QueueJobOptions<QueueRow>> & Pick<QueueJobOptions<QueueRow>, 'handle'>) {
  return queueJob<QueueRow>({
    name: 'work', intervalMs: 1000, table: 'work_items', batch: 10, leaseMs: 60_000, concurrency: 2,
    backoff: (n) => backoffDelay('exponential', n, 1000), ...overrides,
  });
}

for (const dialect of dialects) {
  t.test(`queue job: lease, retries with backoff, final states [${dialect}]`, async (t) => {
    const db = await openScratchDatabase(t, dialect, { prefix: 'jobs-retry' });
    await workTable(db, [1, 2, 3, 4]);
    let now = T0;
    const calls: number[] = [];
    const leaseSeen: (string | null)[] = [];
    const runner = new JobRunner({ log: recordingLog().log, apps: () => [fakeApp('a', db)], now: () => now });
    runner.register(workJob({
      async handle(row, ctx) {
        const id = Number(row.id);
        calls.push(id);
        if (id === 1) {
          const [r] = await ctx.app.db.query<{ next_retry_at: unknown }>('SELECT next_retry_at FROM work_items WHERE id = 1');
          leaseSeen.push(db.dialect.decodeTimestamp(r.next_retry_at));
          return;
        }
        if (id === 2 && row.attempt === 0) throw new Error('flaky');
        if (id === 3) throw new Error(`down #${row.attempt + 1}`);
        if (id === 4) throw new PermanentJobError('not worth retrying');
      },
    }));
    t.teardown(() => runner.stop());
    const tick = async () => {
      calls.length = 0;
      await runner.runNow('work');
      return [...calls].sort();
    };

    t.same(await tick(), [1, 2, 3, 4], 'every due item is handled');
    t.same(leaseSeen, [iso(T0 + 60_000)], 'while handled, the row is leased (due again only when the lease ends)');
    let rows = await items(db);
    t.match(rows.get(1), { status: 'done', attempt: 1, next_retry_at: null, error: '' });
    t.match(rows.get(2), { status: 'retrying', attempt: 1, next_retry_at: iso(T0 + 1000), error: 'flaky' }, 'retry after backoff(1) = 1 s');
    t.match(rows.get(3), { status: 'retrying', attempt: 1, next_retry_at: iso(T0 + 1000) });
    t.match(rows.get(4), { status: 'failed', attempt: 1, next_retry_at: null, error: 'not worth retrying' }, 'a permanent error is not retried');

    t.same(await tick(), [], 'nothing is due before the backoff ends');
    now = T0 + 999;
    t.same(await tick(), [], 'still not due 1 ms before');
    now = T0 + 1000;
    t.same(await tick(), [2, 3], 'due items are retried');
    rows = await items(db);
    t.match(rows.get(2), { status: 'done', attempt: 2, next_retry_at: null, error: '' });
    t.match(rows.get(3), { status: 'retrying', attempt: 2, next_retry_at: iso(T0 + 1000 + 2000), error: 'down #2' }, 'exponential: backoff(2) = 2 s');

    now = T0 + 2999;
    t.same(await tick(), []);
    now = T0 + 3000;
    t.same(await tick(), [3]);
    t.match((await items(db)).get(3), { status: 'failed', attempt: 3, next_retry_at: null, error: 'down #3' }, 'failed after max_attempts');
    now = T0 + 3_600_000;
    t.same(await tick(), [], 'done and failed items are never claimed again');
  });

  t.test(`queue job: at most \`concurrency\` items at once [${dialect}]`, async (t) => {
    const db = await openScratchDatabase(t, dialect, { prefix: 'jobs-conc' });
    const ids = Array.from({ length: 10 }, (_v, i) => i + 1);
    await workTable(db, ids);
    let inFlight = 0;
    let max = 0;
    const runner = new JobRunner({ log: recordingLog().log, apps: () => [fakeApp('a', db)], now: () => T0 });
    runner.register(workJob({
      concurrency: 3,
      async handle() {
        max = Math.max(max, ++inFlight);
        for (let i = 0; i < 3; i++) await turn();
        inFlight--;
      },
    }));
    t.teardown(() => runner.stop());
    await runner.runNow('work');
    t.equal(max, 3, 'three items in flight, never more');
    t.same([...(await items(db)).values()].map((r) => r.status), ids.map(() => 'done'));
  });

  t.test(`two runners on one database never handle the same item [${dialect}]`, async (t) => {
    const db = await openScratchDatabase(t, dialect, { prefix: 'jobs-race', max: 3 });
    const other = secondHandle(t, db);
    const handled: { id: number; by: string }[] = [];
    const runner = (name: string, handle: Database) => {
      const r = new JobRunner({ log: recordingLog().log, apps: () => [fakeApp('a', handle)], now: () => T0 });
      r.register(workJob({
        batch: 4, concurrency: 2,
        async handle(row) {
          handled.push({ id: Number(row.id), by: name });
          await turn();
        },
      }));
      t.teardown(() => r.stop());
      return r;
    };
    const one = runner('one', db);
    const two = runner('two', other);
    const ids = Array.from({ length: 40 }, (_v, i) => i + 1);
    await workTable(db, ids);

    for (let round = 0; round < 30; round++) {
      const before = handled.length;
      await Promise.all([one.runNow('work'), two.runNow('work')]);
      if (handled.length === before) break;
    }
    const counts = new Map<number, number>();
    for (const { id } of handled) counts.set(id, (counts.get(id) ?? 0) + 1);
    t.same([...counts.entries()].filter(([, n]) => n !== 1), [], 'no item was handled twice');
    t.same([...counts.keys()].sort((a, b) => a - b), ids, 'every item was handled');
    t.ok(handled.some((h) => h.by === 'one') && handled.some((h) => h.by === 'two'), 'both runners took part');
    const rows = [...(await items(db)).values()];
    t.same(rows.filter((r) => r.status !== 'done' || r.attempt !== 1), [], 'every row done after exactly one attempt');
  });

  t.test(`an item of a runner that died is reclaimed after its lease [${dialect}]`, async (t) => {
    const db = await openScratchDatabase(t, dialect, { prefix: 'jobs-lease' });
    const other = secondHandle(t, db);
    await workTable(db, [1]);
    let now = T0;
    const stuck = deferred();
    const started = deferred();
    const dead = recordingLog();
    const a = new JobRunner({ log: dead.log, apps: () => [fakeApp('a', db)], now: () => now });
    a.register(workJob({ leaseMs: 10_000, async handle() { started.resolve(); await stuck.promise; } }));
    const bCalls: number[] = [];
    const b = new JobRunner({ log: recordingLog().log, apps: () => [fakeApp('a', other)], now: () => now });
    b.register(workJob({ leaseMs: 10_000, async handle(row) { bCalls.push(Number(row.id)); } }));
    t.teardown(async () => { stuck.resolve(); await a.stop(); await b.stop(); });

    const aTick = a.runNow('work');
    await started.promise;
    // Runner a hangs from here on, holding the claim but never finishing (as if its process died).
    await b.runNow('work');
    now = T0 + 9_999;
    await b.runNow('work');
    t.same(bCalls, [], 'the item stays with its claimer while the lease lasts');
    now = T0 + 10_000;
    await b.runNow('work');
    t.same(bCalls, [1], 'once the lease ended, another runner claims and handles it');
    t.match((await items(db)).get(1), { status: 'done', attempt: 1, next_retry_at: null });

    // The "dead" runner comes back and fails: its outcome must not overwrite the newer one.
    stuck.reject(new Error('late failure'));
    await aTick;
    t.match((await items(db)).get(1), { status: 'done', attempt: 1, error: '' }, 'a claimer whose lease ran out cannot write its outcome');
    t.ok(dead.lines.some((l) => l.level === 'warn' && /lease ran out/.test(l.msg ?? '')), 'and says so');
  });

  t.test(`stopping hands claimed items back at once [${dialect}]`, async (t) => {
    const db = await openScratchDatabase(t, dialect, { prefix: 'jobs-stop' });
    await workTable(db, [1, 2]);
    const started = deferred();
    const a = new JobRunner({ log: recordingLog().log, apps: () => [fakeApp('a', db)], now: () => T0 });
    a.register(workJob({
      concurrency: 1,
      async handle(_row, ctx) {
        started.resolve();
        await new Promise((_res, rej) => ctx.signal.addEventListener('abort', () => rej(new Error('aborted'))));
      },
    }));
    const aTick = a.runNow('work');
    await started.promise;
    await a.stop();
    await aTick;
    const rows = await items(db);
    t.same([...rows.values()].map((r) => [r.status, r.attempt, r.next_retry_at]), [['pending', 0, iso(T0)], ['pending', 0, iso(T0)]],
      'the interrupted and the unstarted item are due again, no attempt counted');
    const b = new JobRunner({ log: recordingLog().log, apps: () => [fakeApp('a', db)], now: () => T0 });
    const bCalls: number[] = [];
    b.register(workJob({ async handle(row) { bCalls.push(Number(row.id)); } }));
    t.teardown(() => b.stop());
    await b.runNow('work');
    t.same(bCalls.sort(), [1, 2], 'another runner takes them without waiting for the lease');
  });

  t.test(`runExclusive: one holder at a time [${dialect}]`, async (t) => {
    const db = await openScratchDatabase(t, dialect, { prefix: 'jobs-lock', max: 2 });
    const other = secondHandle(t, db);
    const order: string[] = [];
    const hold = deferred();
    const first = runExclusive(db, 'rocket:test:cleanup', async () => {
      order.push('a-start');
      await hold.promise;
      order.push('a-end');
    });
    while (order.length === 0) await turn();
    const second = runExclusive(other, 'rocket:test:cleanup', async () => { order.push('b'); });
    if (dialect === 'postgres') {
      t.equal(await second, false, 'a second instance skips while the lock is held');
      t.same(order, ['a-start'], 'without running the work');
      t.equal(await runExclusive(other, 'rocket:test:other-job', async () => { order.push('c'); }), true, 'another lock name is independent');
      hold.resolve();
      t.equal(await first, true);
      t.equal(await runExclusive(other, 'rocket:test:cleanup', async () => { order.push('b'); }), true, 'free again once the holder committed');
      t.same(order, ['a-start', 'c', 'a-end', 'b']);
    } else {
      hold.resolve();
      t.same([await first, await second], [true, true], 'SQLite: both run (one process, writers serialised)');
      t.same(order, ['a-start', 'a-end', 'b'], 'one after the other, never overlapping');
    }
  });

  t.test(`idle pools: the job closes unused pools, the plugin runs it [${dialect}]`, async (t) => {
    const rocket = await startRocket(dialect);
    t.teardown(() => rocket.close());
    const { name } = await rocket.createApp();
    const ctx = rocket.server.rocket.apps.get(name)!;
    void ctx.db;
    const runner = (idleMs: number) => {
      const r = new JobRunner({ log: recordingLog().log });
      r.register(idlePoolsJob(rocket.server.rocket.apps, { idleMs }));
      t.teardown(() => r.stop());
      return r;
    };
    await runner(60_000).runNow('idle-pools');
    t.ok(ctx.isOpen, 'a recently used pool stays open');
    await runner(0).runNow('idle-pools');
    t.notOk(ctx.isOpen, 'an unused pool is closed');
    t.equal((await rocket.request('POST', `/api/${name}/auth/login`, { body: { email: 'admin@localhost', password: 'changeme' } })).status, 200,
      'and reopens on the next request');

    // The plugin starts the sweep with the server (short interval here) and stops it on close.
    const config = testConfig(dialect);
    const server = Fastify({ logger: false });
    await server.register(platformPlugin, { config: loadConfig({}, config, { readFile: false }).config });
    await server.register(idlePoolsPlugin, { intervalMs: 5, idleMs: 0 });
    await server.ready();
    t.teardown(async () => {
      for (const a of await server.rocket.apps.list()) await server.rocket.apps.delete(a.name).catch(() => {});
      await server.close();
      await dropStores(dialect, config);
    });
    await server.rocket.apps.create({ name: uniqueName('idle'), db_driver: dialect });
    const [app] = server.rocket.apps.loadedApps();
    void app.db;
    for (let i = 0; i < 200 && app.isOpen; i++) await new Promise((res) => setTimeout(res, 10));
    t.notOk(app.isOpen, 'the running server closed the idle pool by itself');
  });
}

t.test('runner: per-app iteration, bounded, a failing app does not stop the others', async (t) => {
  const { log, lines } = recordingLog();
  const apps = ['a1', 'a2', 'a3', 'a4', 'a5'].map((n) => fakeApp(n));
  const runner = new JobRunner({ log, apps: () => apps });
  const seen: string[] = [];
  let inFlight = 0;
  let max = 0;
  runner.register({
    name: 'per-app', perApp: true, intervalMs: 1000, concurrency: 2,
    async run(ctx) {
      max = Math.max(max, ++inFlight);
      await turn();
      inFlight--;
      if (ctx.app.name === 'a2') throw new Error('boom');
      seen.push(ctx.app.name);
    },
  });
  t.teardown(() => runner.stop());
  await runner.runNow('per-app');
  t.same(seen.sort(), ['a1', 'a3', 'a4', 'a5'], 'every other app ran');
  t.equal(max, 2, 'two apps at a time, never more');
  t.match(lines.filter((l) => l.level === 'error'), [{ obj: { job: 'per-app', app: 'a2', err: { message: 'boom' } } }], 'the failure is logged with its app');
});

t.test('runner: ticks never overlap; stop waits for running work and ends the schedule', async (t) => {
  const runner = new JobRunner({ log: recordingLog().log });
  const gates = [deferred(), deferred()];
  let runs = 0;
  let inFlight = 0;
  let max = 0;
  runner.register({
    name: 'slow', perApp: false, intervalMs: 1000,
    async run() {
      const gate = gates[runs++];
      max = Math.max(max, ++inFlight);
      await gate?.promise;
      inFlight--;
    },
  });
  const first = runner.runNow('slow');
  const second = runner.runNow('slow');
  await turn();
  t.equal(runs, 1, 'the second tick waits for the first');
  gates[0].resolve();
  await first;
  await turn();
  t.equal(runs, 2);
  let stopped = false;
  const stopping = runner.stop().then(() => { stopped = true; });
  await turn();
  t.notOk(stopped, 'stop waits for the running tick');
  gates[1].resolve();
  await Promise.all([second, stopping]);
  t.equal(max, 1, 'never two ticks at once');
  await runner.runNow('slow');
  t.equal(runs, 2, 'a stopped runner runs nothing');

  const ticking = new JobRunner({ log: recordingLog().log });
  let count = 0;
  ticking.register({ name: 'fast', perApp: false, intervalMs: 5, runAtStart: true, async run() { count++; } });
  ticking.start();
  for (let i = 0; i < 200 && count < 3; i++) await new Promise((res) => setTimeout(res, 5));
  t.ok(count >= 3, 'started jobs tick on their interval');
  await ticking.stop();
  const after = count;
  await new Promise((res) => setTimeout(res, 30));
  t.equal(count, after, 'no tick after stop');
});

t.test('backoffDelay', async (t) => {
  t.same([1, 2, 3, 4].map((n) => backoffDelay('exponential', n, 30_000)), [30_000, 60_000, 120_000, 240_000]);
  t.same([1, 2, 3, 4].map((n) => backoffDelay('linear', n, 30_000)), [30_000, 60_000, 90_000, 120_000]);
  t.equal(backoffDelay('exponential', 20, 30_000), 3_600_000, 'capped at one hour');
});
