// PostgreSQL through postgres.js: pooled prepared statements behind an admission gate sized to the
// pool (shared/measurements/README.md), transactions on one reserved connection, database-per-app
// provisioning and LISTEN/NOTIFY.
import postgres from 'postgres';
import { quoteIdent } from './builder.js';
import { parseTimestamptz, pgCode, postgresDialect } from './dialects/postgres.js';
import { Gate } from './gate.js';
import type { Database, Queryable, Row, TransactionOptions } from './types.js';

export { postgresDialect };

type Sql = postgres.Sql<Record<string, never>>;

const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 3;

export interface PostgresOptions {
  url: string;
  max: number;
  /** Seconds an unused connection stays open. */
  idleTimeout?: number;
  onNotice?: (notice: unknown) => void;
}

/** The postgres.js options every connection of ours uses (the management pool and app pools). */
export function connectionOptions(onNotice?: (notice: unknown) => void) {
  return {
    prepare: true,
    connect_timeout: 10,
    onnotice: onNotice ?? (() => {}),
    // DATE stays the plain 'YYYY-MM-DD' text (a JS Date would shift it by the local time zone).
    types: {
      date: { to: 1082, from: [1082], serialize: (x: string) => x, parse: (x: string) => x },
      // JSON parameters arrive as JSON text (postgresDialect.encodeJson) and are sent as they are:
      // left to postgres.js, `true` or `[true]` would be declared a bool parameter, which a jsonb
      // column refuses.
      json: { to: 3802, from: [114, 3802], serialize: (x: unknown) => (typeof x === 'string' ? x : JSON.stringify(x)), parse: (x: string) => JSON.parse(x) },
      // postgres.js's own reading (`new Date(text)`) takes years 0001–0099 for 2001–2099.
      timestamptz: { to: 1184, from: [1184], serialize: (x: unknown) => (x instanceof Date ? x : new Date(x as string)).toISOString(), parse: parseTimestamptz },
    },
  };
}

function connect(opts: PostgresOptions): Sql {
  return postgres(opts.url, {
    ...connectionOptions(opts.onNotice),
    max: opts.max,
    idle_timeout: opts.idleTimeout ?? 30,
  }) as unknown as Sql;
}

/** A postgres.js transaction as a Queryable (also used by the app pools, core/db/pg-pool.ts). */
export function wrap(sql: postgres.TransactionSql<any>): Queryable {
  return {
    query: async <R = Row>(text: string, params: readonly unknown[] = []) =>
      (await sql.unsafe(text, params as any[], { prepare: true })) as unknown as R[],
    run: async (text: string, params: readonly unknown[] = []) =>
      (await sql.unsafe(text, params as any[], { prepare: true })).count,
    // postgres.js fails a whole transaction on any failed query unless it ran in its own savepoint
    // scope, so a raw SAVEPOINT statement would not do.
    savepoint: <S>(fn: (q: Queryable) => Promise<S>) => sql.savepoint((inner) => fn(wrap(inner))) as Promise<S>,
  };
}

export class PostgresDatabase implements Database {
  readonly dialect = postgresDialect;
  readonly sql: Sql;
  private readonly gate: Gate;

  constructor(readonly options: PostgresOptions) {
    this.sql = connect(options);
    this.gate = new Gate(options.max);
  }

  get busy(): number {
    return this.gate.busy;
  }

  async query<R = Row>(text: string, params: readonly unknown[] = []): Promise<R[]> {
    const wait = this.gate.acquire();
    if (wait) await wait;
    try {
      return (await this.sql.unsafe(text, params as any[], { prepare: true })) as unknown as R[];
    } finally {
      this.gate.release();
    }
  }

  async run(text: string, params: readonly unknown[] = []): Promise<number> {
    const wait = this.gate.acquire();
    if (wait) await wait;
    try {
      return (await this.sql.unsafe(text, params as any[], { prepare: true })).count;
    } finally {
      this.gate.release();
    }
  }

  /** One permit for the whole transaction, so it never waits for a second connection. */
  async transaction<T>(fn: (tx: Queryable) => Promise<T>, _options?: TransactionOptions): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.gate.run(() => this.sql.begin((tx) => fn(wrap(tx))) as Promise<T>);
      } catch (err) {
        if (attempt >= MAX_ATTEMPTS || !RETRYABLE.has(pgCode(err) ?? '')) throw err;
      }
    }
  }

  /** Unpooled statement outside any transaction (CREATE/DROP DATABASE cannot run in one). */
  async unsafeOutsideTransaction(text: string): Promise<void> {
    await this.gate.run(() => this.sql.unsafe(text) as unknown as Promise<unknown>);
  }

  async listen(channel: string, onMessage: (payload: string) => void, onReconnect: () => void): Promise<void> {
    let first = true;
    await this.sql.listen(channel, onMessage, () => {
      // postgres.js calls this on every (re)connection of the listening connection.
      if (!first) onReconnect();
      first = false;
    });
  }

  async notify(channel: string, payload: string): Promise<void> {
    await this.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  async close(): Promise<void> {
    await this.sql.end({ timeout: 5 });
  }
}

/** URL of another database on the same server as `baseUrl`. */
export function databaseUrl(baseUrl: string, dbName: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${encodeURIComponent(dbName)}`;
  return url.toString();
}

export async function databaseExists(db: PostgresDatabase, dbName: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
  return rows.length > 0;
}

/** dbName must already be validated (app name rules); it is quoted, never parameterised. */
export async function createDatabase(db: PostgresDatabase, dbName: string): Promise<void> {
  await db.unsafeOutsideTransaction(`CREATE DATABASE ${quoteIdent(dbName)}`);
}

export async function dropDatabase(db: PostgresDatabase, dbName: string): Promise<void> {
  await db.unsafeOutsideTransaction(`DROP DATABASE IF EXISTS ${quoteIdent(dbName)} WITH (FORCE)`);
}

const DUPLICATE_DATABASE = new Set(['42P04', '23505']);

/** Opens the management database, creating it first (via the `postgres` database) when missing. */
export async function openOrCreate(opts: PostgresOptions, dbName: string): Promise<PostgresDatabase> {
  const db = new PostgresDatabase(opts);
  try {
    await db.query('SELECT 1');
    return db;
  } catch (err) {
    await db.close().catch(() => {});
    if (pgCode(err) !== '3D000') throw err; // 3D000: database does not exist
  }
  const maintenance = new PostgresDatabase({ ...opts, url: databaseUrl(opts.url, 'postgres'), max: 1 });
  try {
    if (!(await databaseExists(maintenance, dbName))) {
      await createDatabase(maintenance, dbName).catch((err) => {
        // Created concurrently by another instance: 42P04 duplicate_database, or 23505 on
        // pg_database_datname_index when both CREATE DATABASE statements ran at the same time.
        if (!DUPLICATE_DATABASE.has(pgCode(err) ?? '')) throw err;
      });
    }
  } finally {
    await maintenance.close();
  }
  return new PostgresDatabase(opts);
}
