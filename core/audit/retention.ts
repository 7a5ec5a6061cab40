// Audit retention (observability-and-audit.md §B8): with `audit.retention_days` > 0, a daily job
// per app deletes the entries older than that many days. On PostgreSQL only one instance works on
// an app at a time (an advisory lock, core/jobs/lock.ts); deleting old rows is idempotent anyway.
import type { Database } from '../db/types.js';
import type { AppJob } from '../jobs/runner.js';
import { runExclusive } from '../jobs/lock.js';

const DAY_MS = 24 * 3600 * 1000;
export const AUDIT_RETENTION_JOB = 'audit-retention';

/** Deletes the app's entries older than `days` days before `now` (epoch ms); returns how many (0 when another instance holds the lock). */
export async function purgeAuditLogs(db: Database, days: number, now: number): Promise<number> {
  if (days <= 0) return 0;
  const cutoff = new Date(now - days * DAY_MS).toISOString();
  let deleted = 0;
  await runExclusive(db, `rocket:audit-retention`, async (tx) => {
    deleted = await tx.run('DELETE FROM _audit_logs WHERE created_at < $1', [cutoff]);
  });
  return deleted;
}

/** Daily, and once at start, so a server restarted more often than daily still purges. */
export function auditRetentionJob(days: number): AppJob {
  return {
    name: AUDIT_RETENTION_JOB,
    intervalMs: DAY_MS,
    runAtStart: true,
    perApp: true,
    async run(ctx) {
      const deleted = await purgeAuditLogs(ctx.app.db, days, ctx.now());
      if (deleted > 0) ctx.log.info({ app: ctx.app.name, deleted }, 'audit entries past retention deleted');
    },
  };
}
