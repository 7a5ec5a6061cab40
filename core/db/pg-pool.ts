// App database pools on PostgreSQL: one elastic pool per app database, all of one instance under a
// ConnectionBudget of real connections (README "Connections"). A pool opens connections only when
// its work needs them, up to its cap (`app_pool_size`). A transaction has its connection to itself.
// Single statements take an idle connection, or open one; only when the pool is at its cap do they
// pipeline onto the least busy connection that runs statements, at most `app_pool_pipeline` in
// flight on one connection. Pipelining sends several statements in one socket write and lets
// PostgreSQL answer them in one wake-up: on the 2-core machine a primary-key SELECT from 50 loops
// over 10 connections ran at 16,500 q/s with one in flight per connection and at 26,000–31,000
// with up to 5, with the CPU per query of both Node and PostgreSQL down by about 40%. postgres.js'
// own pool slows down without bound when it queues (shared/measurements/README.md); each
// connection here is its own single-connection instance, dispatched by this pool, which stayed
// flat over 150 s at depths 5 and 100. Idle connections are reused last-in first-out, so the ones
// beyond what the load needs stay idle and are closed by the idle sweep (`closeIdle`). When the
// budget is used up, a pool below its cap that needs a connection waits; ConnectionBudget decides
// who gets the next one.
//
// Each connection is its own single-connection postgres.js instance, which gives exact accounting
// (a permit per real connection, returned when its socket has closed) and per-connection closing.
// The hot path (an idle connection is there) is a pop and a push: no allocation, no promise.
import postgres from 'postgres';
import { Fifo } from './fifo.js';
import { pgCode, postgresDialect } from './dialects/postgres.js';
import { pipelinedTransaction } from './pg-pipelined-tx.js';
import type { Database, Queryable, Row, TransactionOptions } from './types.js';

type Sql = postgres.Sql<Record<string, never>>;

const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 3;
const PREPARED = { prepare: true } as const;
const NO_PARAMS: readonly unknown[] = [];
/** Seconds a closing pool lets running statements finish before it cuts their connections. */
const END_TIMEOUT_S = 5;
/** An idle connection older than this is closed by the sweep (instead of postgres.js' max_lifetime,
 * which could end a connection this pool has already handed out again). */
const MAX_LIFETIME_MS = 30 * 60_000;

const DRIVER_CONNECTION_ERRORS = new Set([
  'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT',
  'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'POOL_CLOSED',
]);

/** The connection was lost or refused, or the database is gone (not an error of the statement):
 * postgres.js' connection errors, SQLSTATE classes 08 and 57P (e.g. terminated by DROP DATABASE
 * … WITH (FORCE)), 3D000 (database does not exist). */
export function isConnectionError(err: unknown): boolean {
  const code = pgCode(err);
  if (code === undefined) return false;
  return DRIVER_CONNECTION_ERRORS.has(code) || code.startsWith('08') || code.startsWith('57P') || code === '3D000';
}

/** How long a connection must have been idle before a busy pool that wants more may take its permit. */
const RECLAIM_IDLE_MS = 1000;

/** What a pool needs from the budget. */
export enum Want {
  None = 0,
  /** Waiting callers, holds connections, below its cap: would open more. */
  More = 1,
  /** Waiting callers and no connection at all: cannot make progress. */
  First = 2,
}

/** A FIFO of pools, each at most once (its flag), O(1) push and shift. */
class PoolQueue {
  private readonly items = new Fifo<PgPool>();

  constructor(private readonly flag: 'inFirst' | 'inMore') {}

  get length(): number {
    return this.items.length;
  }

  push(pool: PgPool): void {
    if (pool[this.flag]) return;
    pool[this.flag] = true;
    this.items.push(pool);
  }

  shift(): PgPool | undefined {
    const pool = this.items.shift();
    if (pool) pool[this.flag] = false;
    return pool;
  }
}

/**
 * The global ceiling of real connections over every app pool of one instance. Free permits go to
 * waiting pools, those without any connection first. When none is free:
 * - a pool without a connection gets one at once: the longest idle connection of any pool closes
 *   for it, or else the next connection another pool releases (unless that pool's only one serves
 *   its own waiting callers);
 * - a pool that wants more (it has connections, and callers waiting) takes connections that other
 *   pools have left idle for RECLAIM_IDLE_MS, so a busy app grows at the expense of quiet ones,
 *   while apps that are all busy keep their connections instead of trading them on every release.
 */
export class ConnectionBudget {
  private free: number;
  private readonly first = new PoolQueue('inFirst');
  private readonly more = new PoolQueue('inMore');
  private readonly pools = new Set<PgPool>();
  /** Pools that want their first connection (Want.First). */
  hungry = 0;
  /** Connections being closed for waiting pools (their permits are on the way). */
  reclaiming = 0;
  /** Highest number of connections held at once (for tests and measurements). */
  peak = 0;
  /** Connections opened (for measurements of churn). */
  opened = 0;
  /** The parsed postgres.js options of a connection that has fetched the server's array types:
   * later connections (to any app database of this server) reuse them instead of fetching again,
   * one round trip less per new connection. */
  types: Record<string, any> | undefined;
  private draining = false;
  private rebalanceTimer: NodeJS.Timeout | undefined;

  constructor(readonly limit: number, public reclaimIdleMs = RECLAIM_IDLE_MS) {
    this.free = limit;
  }

  /** Connections held (open, opening or closing) by all app pools. */
  get held(): number {
    return this.limit - this.free;
  }

  register(pool: PgPool): void {
    this.pools.add(pool);
  }

  unregister(pool: PgPool): void {
    this.pools.delete(pool);
  }

  tryTake(): boolean {
    if (this.free === 0) return false;
    this.free--;
    if (this.limit - this.free > this.peak) this.peak = this.limit - this.free;
    return true;
  }

  /** A connection has closed: its permit goes to a waiting pool, else back to the budget. */
  give(): void {
    if (this.reclaiming > 0) this.reclaiming--;
    this.free++;
    this.drain();
  }

  /** Reclaims an idle connection for a pool waiting for its first one. */
  reclaimFirst(): void {
    this.reclaimIdle(0);
  }

  wantChanged(pool: PgPool, before: Want, now: Want): void {
    if (before === Want.First) this.hungry--;
    if (now === Want.First) this.hungry++;
    if (now === Want.None) return;
    this.enqueue(pool, now);
    if (this.free > 0) this.drain();
  }

  private enqueue(pool: PgPool, want: Want): void {
    if (want === Want.First) {
      this.first.push(pool);
      if (this.free === 0 && this.hungry > this.reclaiming) this.reclaimIdle(0);
    } else {
      this.more.push(pool);
      if (this.free === 0 && !this.reclaimIdle(this.reclaimIdleMs)) this.scheduleRebalance();
    }
  }

  /** Hands free permits to waiting pools: those without a connection first, then in turn. */
  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.free > 0) {
        const pool = this.first.shift() ?? this.more.shift();
        if (pool === undefined) break;
        if (pool.want === Want.None || !this.tryTake()) continue;
        pool.grant();
        const after = pool.want as Want;
        if (after !== Want.None) this.enqueue(pool, after);
      }
    } finally {
      this.draining = false;
    }
  }

  /** Closes the longest idle connection (idle at least minIdleMs) of a pool that holds more than
   * one, else of any pool (least recently used); false if there is none. Taking a pool's last
   * connection would only make it the next one waiting for a first connection. */
  private reclaimIdle(minIdleMs: number): boolean {
    const cutoff = Date.now() - minIdleMs;
    let best: PgPool | undefined;
    let bestSince = cutoff;
    let last: PgPool | undefined;
    let lastSince = cutoff;
    for (const pool of this.pools) {
      const since = pool.oldestIdleSince();
      if (since > cutoff) continue;
      if (pool.connections > 1) {
        if (since <= bestSince) {
          bestSince = since;
          best = pool;
        }
      } else if (since <= lastSince) {
        lastSince = since;
        last = pool;
      }
    }
    const victim = best ?? last;
    if (victim === undefined) return false;
    this.reclaiming++;
    victim.retireOldestIdle();
    return true;
  }

  /** Pools want more and nothing idle is old enough yet: look again once something could be. */
  private scheduleRebalance(): void {
    if (this.rebalanceTimer) return;
    this.rebalanceTimer = setTimeout(() => {
      this.rebalanceTimer = undefined;
      if (this.more.length === 0 || this.free > 0) return this.drain();
      if (this.reclaimIdle(this.reclaimIdleMs) || this.more.length > 0) this.scheduleRebalance();
    }, this.reclaimIdleMs);
    this.rebalanceTimer.unref();
  }
}

export interface PgPoolOptions {
  url: string;
  /** Most connections this pool opens (app_pool_size). */
  max: number;
  /** Most single statements in flight on one connection once the pool is at its cap
   * (app_pool_pipeline); 1 turns pipelining off. */
  pipeline?: number;
  /** postgres.js options of each connection (types, onnotice, connect_timeout …). */
  connection?: Omit<postgres.Options<any>, 'max' | 'idle_timeout' | 'onclose'>;
  /** Maps a connection-level failure (isConnectionError) to the error the caller gets, e.g.
   * "app not found" once the app is being deleted. */
  onConnectionError?: (err: unknown) => unknown;
}

interface Conn {
  sql: Sql;
  /** Statements, or the one transaction, in flight on it. */
  load: number;
  /** Held by a transaction: nothing else goes on it until it is released. */
  exclusive: boolean;
  /** Opened with fetch_types: offers its options as the budget's types template once used. */
  fetchesTypes: boolean;
  idleSince: number;
  openedAt: number;
  /** No longer usable: retired, lost, or its pool closed. */
  dead: boolean;
  /** Its budget permit has been given back. */
  finished: boolean;
}

interface Waiter {
  exclusive: boolean;
  resolve(c: Conn): void;
  reject(err: unknown): void;
}

export class PgPool implements Database {
  readonly dialect = postgresDialect;
  /** Idle connections; the most recently used on top. */
  private readonly idle: Conn[] = [];
  private readonly all = new Set<Conn>();
  /** Connections counted against the cap (open or opening; not the ones being closed). */
  private size = 0;
  private inUse = 0;
  private readonly waiters = new Fifo<Waiter>();
  private closing: Promise<void> | undefined;
  /** Statements sent onto a connection that was already running one (for tests and measurements). */
  pipelined = 0;
  /** Budget bookkeeping (ConnectionBudget reads and sets these). */
  want: Want = Want.None;
  inFirst = false;
  inMore = false;

  private readonly database: string;
  private readonly depth: number;

  constructor(readonly options: PgPoolOptions, private readonly budget: ConnectionBudget) {
    this.database = decodeURIComponent(new URL(options.url).pathname.slice(1));
    this.depth = Math.max(1, options.pipeline ?? 1);
    budget.register(this);
  }

  /** Statements or transactions running or waiting. */
  get busy(): number {
    return this.inUse + this.waiting;
  }

  /** Real connections this pool holds (open or opening). */
  get connections(): number {
    return this.size;
  }

  get idleConnections(): number {
    return this.idle.length;
  }

  /** Whether this pool holds a connection (AppContext.isOpen). */
  get holdsHandle(): boolean {
    return this.size > 0;
  }

  /** Closes every idle connection (an idle app); the pool stays usable and opens connections again
   * on demand, so whoever still holds it is never left with a closed pool. */
  async releaseHandle(): Promise<void> {
    this.closeIdle(0);
  }

  private get waiting(): number {
    return this.waiters.length;
  }

  async query<R = Row>(text: string, params: readonly unknown[] = NO_PARAMS): Promise<R[]> {
    const c = this.take(false) ?? (await this.wait(false));
    try {
      return (await c.sql.unsafe(text, params as any[], PREPARED)) as unknown as R[];
    } catch (err) {
      throw await this.mapError(err);
    } finally {
      this.release(c);
    }
  }

  async run(text: string, params: readonly unknown[] = NO_PARAMS): Promise<number> {
    const c = this.take(false) ?? (await this.wait(false));
    try {
      return (await c.sql.unsafe(text, params as any[], PREPARED)).count;
    } catch (err) {
      throw await this.mapError(err);
    } finally {
      this.release(c);
    }
  }

  /** One connection for the whole transaction; serialization failures and deadlocks retry. */
  async transaction<T>(fn: (tx: Queryable) => Promise<T>, _options?: TransactionOptions): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const c = this.take(true) ?? (await this.wait(true));
      try {
        return await pipelinedTransaction(c.sql, fn);
      } catch (err) {
        if (attempt < MAX_ATTEMPTS && RETRYABLE.has(pgCode(err) ?? '')) continue;
        throw await this.mapError(err);
      } finally {
        this.release(c);
      }
    }
  }

  /** The idle sweep: closes the connections idle for at least idleMs, and idle ones older than
   * 30 minutes (recycled); returns how many. */
  closeIdle(idleMs: number, now = Date.now()): number {
    let n = 0;
    while (this.idle.length > 0 && now - this.idle[0].idleSince >= idleMs) {
      this.retire(this.idle.shift()!);
      n++;
    }
    for (let i = this.idle.length - 1; i >= 0; i--) {
      if (now - this.idle[i].openedAt >= MAX_LIFETIME_MS) {
        this.retire(this.idle.splice(i, 1)[0]);
        n++;
      }
    }
    if (n > 0) this.update();
    return n;
  }

  /** Lets running statements finish (up to 5 s), refuses new ones, closes every connection. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    let done!: () => void;
    this.closing = new Promise<void>((resolve) => { done = resolve; });
    const err = Object.assign(new Error('connection pool closed'), { code: 'POOL_CLOSED' });
    while (this.waiting > 0) {
      const w = this.waiters.shift()!;
      void this.mapError(err).then(w.reject, w.reject);
    }
    this.idle.length = 0;
    const ends: Promise<void>[] = [];
    for (const c of this.all) {
      if (!c.dead) {
        c.dead = true;
        this.size--;
      }
      ends.push(c.sql.end({ timeout: END_TIMEOUT_S }).then(() => this.finish(c), () => this.finish(c)));
    }
    this.update();
    this.budget.unregister(this);
    void Promise.all(ends).then(done);
    return this.closing;
  }

  // --- the budget's side ---------------------------------------------------------------------

  /** A permit from the budget (taken for this pool): opens a connection for the first waiter. */
  grant(): void {
    const w = this.waiters.shift()!;
    w.resolve(this.spawn(w.exclusive));
  }

  oldestIdleSince(): number {
    return this.idle.length > 0 ? this.idle[0].idleSince : Infinity;
  }

  retireOldestIdle(): void {
    const c = this.idle.shift();
    if (c) {
      this.retire(c);
      this.update();
    }
  }

  // --- internals -------------------------------------------------------------------------------

  private take(exclusive: boolean): Conn | undefined {
    const c = this.idle.pop();
    if (c !== undefined) return this.use(c, exclusive);
    if (this.closing !== undefined || this.waiting > 0) return undefined;
    if (this.size < this.options.max) return this.budget.tryTake() ? this.spawn(exclusive) : undefined;
    return exclusive || this.othersStarve() ? undefined : this.leastBusyShared();
  }

  /** Another pool waits for its first connection: this pool's connections should empty, so one of
   * them can go to it (release), instead of taking more pipelined statements. */
  private othersStarve(): boolean {
    return this.budget.hungry > this.budget.reclaiming;
  }

  /** At the cap: the connection running the fewest statements, if one has room for another. */
  private leastBusyShared(): Conn | undefined {
    let best: Conn | undefined;
    for (const c of this.all) {
      if (c.dead || c.exclusive || c.load >= this.depth || c.load === 0) continue;
      if (best === undefined || c.load < best.load) best = c;
    }
    if (best === undefined) return undefined;
    this.pipelined++;
    return this.use(best, false);
  }

  private use(c: Conn, exclusive: boolean): Conn {
    c.load++;
    c.exclusive = exclusive;
    this.inUse++;
    return c;
  }

  private wait(exclusive: boolean): Promise<Conn> {
    if (this.closing) return this.mapError(Object.assign(new Error('connection pool closed'), { code: 'POOL_CLOSED' })).then((e) => { throw e; });
    return new Promise<Conn>((resolve, reject) => {
      this.waiters.push({ exclusive, resolve, reject });
      this.update();
    });
  }

  /** A new connection (its permit already taken), handed to the caller in use. */
  private spawn(exclusive: boolean): Conn {
    const types = this.budget.types;
    const c: Conn = { sql: undefined as unknown as Sql, load: 1, exclusive, fetchesTypes: types === undefined, idleSince: 0, openedAt: Date.now(), dead: false, finished: false };
    const onclose = () => this.lost(c);
    // The idle sweep closes connections (LIFO reuse decides which stay idle): no idle_timeout.
    c.sql = (types
      // postgres.js takes already parsed options as they are (they carry `shared`): the server's
      // type parsers and serializers are shared, only the database and our hooks differ.
      ? postgres({
        ...types, database: this.database, max: 1, idle_timeout: 0, max_lifetime: null, fetch_types: false, onclose,
        parameters: {}, shared: { retries: 0, typeArrayMap: types.shared.typeArrayMap },
      } as any)
      : postgres(this.options.url, { ...this.options.connection, max: 1, idle_timeout: 0, max_lifetime: null, onclose })) as unknown as Sql;
    this.budget.opened++;
    this.all.add(c);
    this.size++;
    this.inUse++;
    this.update();
    return c;
  }

  private release(c: Conn): void {
    this.inUse--;
    c.load--;
    if (c.fetchesTypes) this.offerTypes(c);
    if (c.dead) return this.update();
    if (c.load > 0) return this.pipelineWaiters(c);
    c.exclusive = false;
    const b = this.budget;
    // Another pool waits for its first connection: give this one up if this pool keeps another
    // (its last one stays while callers here wait: giving it up would make this pool the next one
    // without).
    if (this.othersStarve() && this.size > 1) {
      b.reclaiming++;
      this.retire(c);
      return this.update();
    }
    const w = this.waiters.shift();
    if (w !== undefined) {
      w.resolve(this.use(c, w.exclusive));
      if (!w.exclusive) this.pipelineWaiters(c);
      return this.update();
    }
    c.idleSince = Date.now();
    this.idle.push(c);
    // Still waiting: the best idle connection goes (a pool's only one last; maybe this one).
    if (this.othersStarve()) b.reclaimFirst();
  }

  /** Waiting statements at the head of the queue join a connection that runs statements, up to
   * the depth. A waiting transaction stops them: it gets the next connection that empties, and
   * nothing pipelines while anyone waits (take), so it is not starved. */
  private pipelineWaiters(c: Conn): void {
    if (this.othersStarve()) return;
    let served = false;
    while (c.load < this.depth && this.waiters.peek()?.exclusive === false) {
      this.pipelined++;
      this.waiters.shift()!.resolve(this.use(c, false));
      served = true;
    }
    if (served) this.update();
  }

  private offerTypes(c: Conn): void {
    c.fetchesTypes = false;
    const options = (c.sql as unknown as { options: Record<string, any> }).options;
    if (this.budget.types === undefined && Object.keys(options.shared.typeArrayMap).length > 0) this.budget.types = options;
  }

  /** Closes a connection that is idle or just released; its permit returns once it has closed. */
  private retire(c: Conn): void {
    c.dead = true;
    this.size--;
    c.sql.end({ timeout: END_TIMEOUT_S }).then(() => this.finish(c), () => this.finish(c));
  }

  /** postgres.js reports a closed connection: after our own end, or lost (server gone, killed). */
  private lost(c: Conn): void {
    if (!c.dead) {
      c.dead = true;
      this.size--;
      const i = this.idle.indexOf(c);
      if (i >= 0) this.idle.splice(i, 1);
      // Never let the instance reconnect by itself: a new connection is a new permit.
      void c.sql.end({ timeout: 0 }).catch(() => {});
      this.update();
    }
    this.finish(c);
  }

  private finish(c: Conn): void {
    if (c.finished) return;
    c.finished = true;
    this.all.delete(c);
    this.budget.give();
    this.update();
  }

  private update(): void {
    const want = this.waiting === 0 || this.size >= this.options.max || this.closing !== undefined
      ? Want.None
      : this.size === 0 ? Want.First : Want.More;
    if (want !== this.want) {
      const before = this.want;
      this.want = want;
      this.budget.wantChanged(this, before, want);
    }
  }

  private async mapError(err: unknown): Promise<unknown> {
    const map = this.options.onConnectionError;
    return map && isConnectionError(err) ? await map(err) : err;
  }
}
