// Audit retention (observability-and-audit.md §B8): with `audit.retention_days` > 0, a daily job
// per app deletes the entries older than that many days (core/jobs/retention.ts: once at start
// too, one instance at a time on PostgreSQL).
import type { Database } from '../db/types.js';
import { DAY_MS, olderThan, purgeOlderThan, retentionJob, type Retention } from '../jobs/retention.js';
import type { AppJob } from '../jobs/runner.js';

export const AUDIT_RETENTION_JOB = 'audit-retention';
const AUDIT: Retention = { name: AUDIT_RETENTION_JOB, intervalMs: DAY_MS, deletes: [olderThan('_audit_logs')], what: 'audit entries' };

/** Deletes the app's entries older than `days` days before `now` (epoch ms); returns how many (0 when another instance holds the lock). */
export const purgeAuditLogs = (db: Database, days: number, now: number): Promise<number> => purgeOlderThan(db, AUDIT, days, now);

export const auditRetentionJob = (days: number): AppJob => retentionJob(AUDIT, days);
