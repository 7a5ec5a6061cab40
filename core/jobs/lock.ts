// "Only one instance at a time" for periodic work that has no rows to claim, such as retention
// cleanups (platform-and-apps.md §8.2): the work runs in a write transaction that first tries to
// take a named lock (the dialect's tryLockSql: pg_try_advisory_xact_lock on PostgreSQL).
// An instance that does not get the lock skips this round instead of waiting, since the holder is
// doing the same work. The lock prevents overlap, not repetition: every instance still runs the
// job once per interval, so the work must be idempotent (deleting expired rows is).
// On SQLite, BEGIN IMMEDIATE already serialises writers of the single process, so the work simply
// runs; keep it short, it holds the database's write lock.
//
// Usage inside a job: `await runExclusive(ctx.app.db, 'rocket:cleanup:events', (tx) => tx.run(...))`.
import type { Database, Queryable } from '../db/types.js';

/** Runs fn under the named lock and returns true, or returns false when another holder has it. */
export async function runExclusive(db: Database, key: string, fn: (tx: Queryable) => Promise<void>): Promise<boolean> {
  return db.transaction(async (tx) => {
    const lockSql = db.dialect.tryLockSql;
    if (lockSql) {
      const [row] = await tx.query<{ locked: unknown }>(lockSql, [key]);
      if (!db.dialect.decodeBool(row?.locked)) return false;
    }
    await fn(tx);
    return true;
  }, { write: true });
}
