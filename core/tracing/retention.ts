// Event retention (observability-and-audit.md §A6): with instrumentation enabled and
// `retention_days` > 0, an hourly job per app deletes events older than that many days, system
// spans and business events alike (core/jobs/retention.ts: once at start too, one instance at a
// time on PostgreSQL).
import type { Database } from '../db/types.js';
import { purgeOlderThan, retentionJob, type Retention } from '../jobs/retention.js';
import type { AppJob } from '../jobs/runner.js';

export const EVENTS_RETENTION_JOB = 'events-retention';
const EVENTS: Retention = { name: EVENTS_RETENTION_JOB, intervalMs: 3600 * 1000, tables: ['_spans', '_events'], what: 'events' };

/** Deletes the app's events older than `days` days before `now` (epoch ms); returns how many. */
export const purgeEvents = (db: Database, days: number, now: number): Promise<number> => purgeOlderThan(db, EVENTS, days, now);

export const eventsRetentionJob = (days: number): AppJob => retentionJob(EVENTS, days);
