// Time-based retention as a background job per app: rows of some system tables older than a number
// of days are deleted, at an interval and once at start (so a server restarted more often than the
// interval still purges). On PostgreSQL only one instance works on an app at a time (an advisory
// lock, ./lock.ts); deleting old rows is idempotent anyway. Used by the events (tracing) and the
// audit log, each with its own tables, interval and lock.
import type { Database } from '../db/types.js';
import { runExclusive } from './lock.js';
import type { AppJob } from './runner.js';

export const DAY_MS = 24 * 3600 * 1000;

/** The DELETE of a system table's rows whose `column` is before the cutoff. */
export const olderThan = (table: string, column = 'created_at'): string => `DELETE FROM ${table} WHERE ${column} < $1`;

export interface Retention {
  /** The job's name (and its advisory lock's, `rocket:<name>`). */
  name: string;
  intervalMs: number;
  /** The DELETE statements, in order, each of the rows older than the cutoff `$1` (engine
   * constants, never user input; see `olderThan`). */
  deletes: readonly string[];
  /** What the log line says was deleted ("event rows", "audit entries"). */
  what: string;
}

/** Runs `r.deletes` for the rows older than `days` days before `now` (epoch ms); returns how
 * many (0 when another instance holds the lock, or `days` ≤ 0). */
export async function purgeOlderThan(db: Database, r: Retention, days: number, now: number): Promise<number> {
  if (days <= 0) return 0;
  const cutoff = new Date(now - days * DAY_MS).toISOString();
  let deleted = 0;
  await runExclusive(db, `rocket:${r.name}`, async (tx) => {
    for (const text of r.deletes) deleted += await tx.run(text, [cutoff]);
  });
  return deleted;
}

export function retentionJob(r: Retention, days: number): AppJob {
  return {
    name: r.name,
    intervalMs: r.intervalMs,
    runAtStart: true,
    perApp: true,
    async run(ctx) {
      const deleted = await purgeOlderThan(ctx.app.db, r, days, ctx.now());
      if (deleted > 0) ctx.log.info({ app: ctx.app.name, deleted }, `${r.what} past retention deleted`);
    },
  };
}
