// `query.execute` spans (observability-and-audit.md §A3, `instrumentation.db_queries`): every
// statement an app database runs inside a recorded trace becomes a span with the SQL's fingerprint
// (literals and parameters as `?`; parameter values are never recorded), its operation and its row
// count. The app's Database is wrapped only when the option is on (AppManager), so with it off the
// query path has not even a check more. Statements outside a recorded trace (buffer flushes,
// background jobs, unsampled requests) pass straight through.
import type { Database, Queryable, Row } from '../db/types.js';
import { SPANS, querySpanParent, startSpan } from './span.js';

interface Fingerprint {
  text: string;
  operation: string;
}

// String literals (with '' escapes), $n parameters, ? placeholders and numeric literals standing
// alone (not part of a name such as t1 or idx_2).
const LITERALS_RE = /'(?:[^']|'')*'|\$\d+|\?|(?<![\w.])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?(?![\w])/gi;
const cache = new Map<string, Fingerprint>();
/** Statement texts are few (cached per shape everywhere in the engine); bounded all the same. */
const CACHE_MAX = 2000;

export function fingerprint(sql: string): Fingerprint {
  let fp = cache.get(sql);
  if (!fp) {
    const text = sql.replace(LITERALS_RE, '?').replace(/\s+/g, ' ').trim();
    const operation = /^\s*\(?\s*([a-z]+)/i.exec(sql)?.[1]?.toUpperCase() ?? '';
    fp = { text, operation };
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(sql, fp);
  }
  return fp;
}

function traced<T>(sql: string, exec: () => Promise<T>, rows: (result: T) => number): Promise<T> {
  const span = startSpan(querySpanParent(), SPANS.queryExecute);
  if (!span.recording) return exec();
  const fp = fingerprint(sql);
  span.set('sql_fingerprint', fp.text).set('operation', fp.operation);
  let pending: Promise<T>;
  try {
    pending = exec();
  } catch (err) {
    span.fail(err);
    throw err;
  }
  return pending.then(
    (result) => {
      span.set('rows', rows(result)).end();
      return result;
    },
    (err: unknown) => {
      span.fail(err);
      throw err;
    },
  );
}

const rowCount = (rows: unknown[]) => rows.length;
const affected = (n: number) => n;

/** A transaction's Queryable whose statements are spans too. */
function tracedQueryable(q: Queryable): Queryable {
  const out: Queryable = {
    query: <R = Row>(sql: string, params?: readonly unknown[]) => traced(sql, () => q.query<R>(sql, params), rowCount),
    run: (sql: string, params?: readonly unknown[]) => traced(sql, () => q.run(sql, params), affected),
  };
  if (q.savepoint) out.savepoint = <S>(fn: (inner: Queryable) => Promise<S>) => q.savepoint!((inner) => fn(tracedQueryable(inner)));
  if (q.defer) {
    // Answered with COMMIT: no duration or row count of its own, recorded when sent.
    out.defer = (sql: string, params?: readonly unknown[]) => {
      const span = startSpan(querySpanParent(), SPANS.queryExecute);
      if (span.recording) {
        const fp = fingerprint(sql);
        span.end('ok', { sql_fingerprint: fp.text, operation: fp.operation, deferred: true });
      }
      q.defer!(sql, params);
    };
  }
  return out;
}

/**
 * Makes `db`'s statements `query.execute` spans, in place: its own methods are replaced, so
 * everything else about it (pool sizing, idle closing, the handle release of SQLite) stays as it
 * is. Returns `db`.
 */
export function instrumentDatabase<D extends Database>(db: D): D {
  const query = db.query.bind(db);
  const run = db.run.bind(db);
  const transaction = db.transaction.bind(db);
  db.query = <R = Row>(sql: string, params?: readonly unknown[]) => traced(sql, () => query<R>(sql, params), rowCount);
  db.run = (sql: string, params?: readonly unknown[]) => traced(sql, () => run(sql, params), affected);
  db.transaction = (fn, options) => transaction((tx) => fn(tracedQueryable(tx)), options);
  return db;
}
