// SQLite through better-sqlite3: one connection per database file with a statement cache. The
// driver is synchronous, so a transaction (which awaits between statements) holds a mutex that
// every other statement on the same connection waits for.
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { sqliteDialect } from './dialects/sqlite.js';
import { Gate } from './gate.js';
import type { Database, Queryable, Row, TransactionOptions } from './types.js';

export { sqliteDialect };

interface Prepared {
  stmt: BetterSqlite3.Statement;
  /** For SQL written with $n placeholders: which parameter feeds each `?`, in order. */
  order: number[] | null;
}

/** Hand-written SQL uses PostgreSQL's $n placeholders; SQLite gets `?` plus a parameter order. */
function toSqlitePlaceholders(sql: string): { text: string; order: number[] | null } {
  if (!sql.includes('$')) return { text: sql, order: null };
  const order: number[] = [];
  const text = sql.replace(/\$(\d+)/g, (_m, n: string) => {
    order.push(Number(n) - 1);
    return '?';
  });
  return { text, order: order.length > 0 ? order : null };
}

/** better-sqlite3 binds only numbers, strings, bigints, buffers and null. */
function bindable(params: readonly unknown[], order: number[] | null): unknown[] {
  const n = order ? order.length : params.length;
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = order ? params[order[i]] : params[i];
    if (v === undefined) out[i] = null;
    else if (typeof v === 'boolean') out[i] = v ? 1 : 0;
    else if (v instanceof Date) out[i] = v.toISOString();
    else if (typeof v === 'object' && v !== null && !Buffer.isBuffer(v)) out[i] = JSON.stringify(v);
    else out[i] = v;
  }
  return out;
}

export interface SqliteOptions {
  /** Maps the error of a statement after close() (e.g. to "app not found" for a deleted app). */
  onConnectionError?: (err: unknown) => unknown;
  /** Called when a released handle is opened again (for the limit of open app files). */
  onReopen?: () => void;
}

export class SqliteDatabase implements Database {
  readonly dialect = sqliteDialect;
  private handle: BetterSqlite3.Database | undefined;
  private readonly statements = new Map<string, Prepared>();
  private readonly mutex = new Gate(1);
  private txActive = false;
  private closed = false;

  constructor(readonly path: string, private readonly options: SqliteOptions = {}) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.handle = this.openHandle();
  }

  private openHandle(): BetterSqlite3.Database {
    const raw = new BetterSqlite3(this.path);
    raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
    raw.pragma('case_sensitive_like = ON');
    raw.pragma('synchronous = NORMAL');
    return raw;
  }

  /** The better-sqlite3 connection, opened again on first use after releaseHandle(). */
  get raw(): BetterSqlite3.Database {
    if (this.handle === undefined) {
      this.handle = this.openHandle();
      this.options.onReopen?.();
    }
    return this.handle;
  }

  /** Whether the file is open (false after releaseHandle() until the next statement, and after close()). */
  get holdsHandle(): boolean {
    return this.handle !== undefined;
  }

  get busy(): number {
    return this.mutex.busy;
  }

  /** Closes the file handle and its statements (idle apps), keeping this object usable: the next
   * statement opens the file again. Unlike close(), nobody holding it can be left with a dead one. */
  async releaseHandle(): Promise<void> {
    await this.mutex.run(async () => {
      this.statements.clear();
      const raw = this.handle;
      this.handle = undefined;
      if (raw?.open) raw.close();
    });
  }

  private statement(sql: string): Prepared {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      const { text, order } = toSqlitePlaceholders(sql);
      prepared = { stmt: this.raw.prepare(text), order };
      if (this.statements.size > 2000) this.statements.clear();
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  private execQuery<R>(sql: string, params: readonly unknown[]): R[] {
    const { stmt, order } = this.statement(sql);
    const bound = bindable(params, order);
    if (stmt.reader) return stmt.all(...bound) as R[];
    stmt.run(...bound);
    return [];
  }

  private execRun(sql: string, params: readonly unknown[]): number {
    const { stmt, order } = this.statement(sql);
    const bound = bindable(params, order);
    if (stmt.reader) return stmt.all(...bound).length;
    return stmt.run(...bound).changes;
  }

  /** A statement after close: the closed error, mapped by onConnectionError (e.g. app deleted). */
  private async closedError(): Promise<never> {
    const err = Object.assign(new Error('database closed'), { code: 'SQLITE_CLOSED' });
    throw this.options.onConnectionError ? await this.options.onConnectionError(err) : err;
  }

  async query<R = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    if (this.closed) return this.closedError();
    if (this.txActive || this.mutex.busy > 0) return this.mutex.run(async () => this.execQuery<R>(sql, params));
    return this.execQuery<R>(sql, params);
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    if (this.closed) return this.closedError();
    if (this.txActive || this.mutex.busy > 0) return this.mutex.run(async () => this.execRun(sql, params));
    return this.execRun(sql, params);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (this.closed) return this.closedError();
    return this.mutex.run(async () => {
      if (this.closed) return this.closedError();
      this.txActive = true;
      const tx: Queryable = {
        query: async <R = Row>(sql: string, params: readonly unknown[] = []) => this.execQuery<R>(sql, params),
        run: async (sql: string, params: readonly unknown[] = []) => this.execRun(sql, params),
        savepoint: async <S>(inner: (q: Queryable) => Promise<S>) => {
          this.raw.exec('SAVEPOINT rocket_sp');
          try {
            const result = await inner(tx);
            this.raw.exec('RELEASE rocket_sp');
            return result;
          } catch (err) {
            this.raw.exec('ROLLBACK TO rocket_sp');
            this.raw.exec('RELEASE rocket_sp');
            throw err;
          }
        },
      };
      this.raw.exec(options.write === false ? 'BEGIN' : 'BEGIN IMMEDIATE');
      try {
        const result = await fn(tx);
        this.raw.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.raw.inTransaction) this.raw.exec('ROLLBACK');
        throw err;
      } finally {
        this.txActive = false;
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.releaseHandle();
  }
}

export function sqliteFiles(path: string): string[] {
  return [path, `${path}-wal`, `${path}-shm`];
}

export function sqliteFileExists(path: string): boolean {
  return existsSync(path);
}

export function removeSqliteFiles(path: string): void {
  for (const file of sqliteFiles(path)) rmSync(file, { force: true });
}
