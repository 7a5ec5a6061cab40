// Event retention (observability-and-audit.md §A6): with instrumentation enabled and
// `retention_days` > 0, an hourly job per app (and once at start, so a server restarted more often
// still purges) deletes events older than that many days, system spans and business events alike.
// On PostgreSQL only one instance works on an app at a time (an advisory lock, core/jobs/lock.ts);
// deleting old rows is idempotent anyway.
import type { Database } from '../db/types.js';
import { runExclusive } from '../jobs/lock.js';
import type { AppJob } from '../jobs/runner.js';

const DAY_MS = 24 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;
export const EVENTS_RETENTION_JOB = 'events-retention';

/** Deletes the app's events older than `days` days before `now` (epoch ms); returns how many (0
 * when another instance holds the lock). */
export async function purgeEvents(db: Database, days: number, now: number): Promise<number> {
  if (days <= 0) return 0;
  const cutoff = new Date(now - days * DAY_MS).toISOString();
  let deleted = 0;
  await runExclusive(db, 'rocket:events-retention', async (tx) => {
    deleted += await tx.run('DELETE FROM _spans WHERE created_at < $1', [cutoff]);
    deleted += await tx.run('DELETE FROM _events WHERE created_at < $1', [cutoff]);
  });
  return deleted;
}

export function eventsRetentionJob(days: number): AppJob {
  return {
    name: EVENTS_RETENTION_JOB,
    intervalMs: HOUR_MS,
    runAtStart: true,
    perApp: true,
    async run(ctx) {
      const deleted = await purgeEvents(ctx.app.db, days, ctx.now());
      if (deleted > 0) ctx.log.info({ app: ctx.app.name, deleted }, 'events past retention deleted');
    },
  };
}
