// Event retention (observability-and-audit.md §A6): with instrumentation enabled and
// `retention_days` > 0, an hourly job per app deletes events older than that many days, system
// spans (whole batches, once their last span is older) and business events alike (core/jobs/retention.ts: once at start too, one instance at a
// time on PostgreSQL).
import type { Database } from '../db/types.js';
import { olderThan, purgeOlderThan, retentionJob, type Retention } from '../jobs/retention.js';
import type { AppJob } from '../jobs/runner.js';

export const EVENTS_RETENTION_JOB = 'events-retention';
// A batch of system spans goes once its last span started before the cutoff, with its trace index.
const EVENTS: Retention = {
  name: EVENTS_RETENTION_JOB,
  intervalMs: 3600 * 1000,
  deletes: [
    'DELETE FROM _span_traces WHERE batch_id IN (SELECT id FROM _span_batches WHERE last_at < $1)',
    olderThan('_span_batches', 'last_at'),
    olderThan('_events'),
  ],
  what: 'event rows',
};

/** Deletes the app's events older than `days` days before `now` (epoch ms); returns how many. */
export const purgeEvents = (db: Database, days: number, now: number): Promise<number> => purgeOlderThan(db, EVENTS, days, now);

export const eventsRetentionJob = (days: number): AppJob => retentionJob(EVENTS, days);
