// A per-app job over a table of work items (an outbox): every tick it claims due rows with a lease
// (./claim.ts), handles them with bounded concurrency after the claim committed, and writes the
// outcome: done, or another attempt after a backoff, or failed after max_attempts. Webhook retries
// are the first intended user (webhooks-and-files.md §A8); anything "do X for this row, retry on
// failure, exactly one instance at a time" fits.
//
// The table needs these columns (the shape of _webhook_logs, platform-and-apps.md §9):
//   id, status TEXT ('pending' | 'retrying' are claimable; doneStatus | 'failed' are final),
//   attempt INT, max_attempts INT, next_retry_at TIMESTAMP (due time, and the lease end while
//   claimed), error TEXT, updated_at TIMESTAMP.
// A handler resolves (done) or throws (failed attempt; PermanentJobError: no further attempts).
// Delivery is at least once: a handler interrupted by a crash runs again after the lease, so it
// must be safe to repeat (webhooks send an idempotency key).
import { quoteIdent } from '../db/builder.js';
import type { Database } from '../db/types.js';
import type { AppContext } from '../platform/app-context.js';
import { claimDue } from './claim.js';
import { forEachLimit } from './limit.js';
import type { AppJob, AppJobContext } from './runner.js';

export interface QueueRow {
  id: string | number;
  attempt: number;
  max_attempts: number;
  [column: string]: unknown;
}

/** Thrown by a handler to fail an item now, without further attempts. */
export class PermanentJobError extends Error {}

export interface QueueJobOptions<R extends QueueRow> {
  name: string;
  intervalMs: number;
  /** Trusted table name with the columns above. */
  table: string;
  /** Rows claimed per app per tick. */
  batch: number;
  /** How long a claimed row stays hidden from other claimers; longer than the slowest handler. */
  leaseMs: number;
  /** Claimed rows handled at the same time (per app). */
  concurrency: number;
  /** Milliseconds before the next attempt once `attempt` attempts have failed (see backoffDelay). */
  backoff: (attempt: number, row: R) => number;
  /** Status of a handled row (default 'done'; webhook deliveries use 'delivered'). */
  doneStatus?: string;
  /** Skips apps without work before touching their database, so their idle pools can close. */
  appliesTo?: (app: AppContext) => boolean;
  handle(row: R, ctx: AppJobContext): Promise<void>;
}

/** `exponential`: base × 2^(n−1); `linear`: base × n; n = attempts made so far; capped. */
export function backoffDelay(kind: 'exponential' | 'linear', attempt: number, baseMs: number, capMs = 3_600_000): number {
  const n = Math.max(1, attempt);
  return Math.min(capMs, kind === 'linear' ? baseMs * n : baseMs * 2 ** (n - 1));
}

export function queueJob<R extends QueueRow>(opts: QueueJobOptions<R>): AppJob {
  const table = quoteIdent(opts.table);
  const done = opts.doneStatus ?? 'done';
  const spec = { table: opts.table, dueColumn: 'next_retry_at', where: "status IN ('pending', 'retrying')", limit: opts.batch };
  // Every outcome is fenced by the lease: 0 rows means another instance reclaimed the row.
  const settleSql = `UPDATE ${table} SET status = $1, attempt = $2, next_retry_at = $3, error = $4, updated_at = $5 WHERE id = $6 AND next_retry_at = $7`;
  const releaseSql = `UPDATE ${table} SET next_retry_at = $1 WHERE id = $2 AND next_retry_at = $3`;

  return {
    name: opts.name,
    intervalMs: opts.intervalMs,
    perApp: true,
    async run(ctx) {
      if (opts.appliesTo && !opts.appliesTo(ctx.app)) return;
      const db: Database = ctx.app.db;
      const { rows, leaseUntil } = await claimDue<R>(db, spec, { now: ctx.now(), leaseMs: opts.leaseMs });
      const iso = () => new Date(ctx.now()).toISOString();

      const settle = async (row: R, status: string, next: string | null, error: string) => {
        const n = await db.run(settleSql, [status, Number(row.attempt) + 1, next, error, iso(), row.id, leaseUntil]);
        if (n === 0) ctx.log.warn({ job: ctx.job, app: ctx.app.name, id: row.id }, 'lease ran out before the item finished; outcome dropped');
      };

      await forEachLimit(rows, opts.concurrency, async (row) => {
        try {
          // Stopping: hand unstarted items back at once rather than after the lease.
          if (ctx.signal.aborted) return void (await db.run(releaseSql, [iso(), row.id, leaseUntil]));
          try {
            await opts.handle(row, ctx);
          } catch (err) {
            if (ctx.signal.aborted) return void (await db.run(releaseSql, [iso(), row.id, leaseUntil]));
            const attempt = Number(row.attempt) + 1;
            const final = err instanceof PermanentJobError || attempt >= Number(row.max_attempts);
            const next = final ? null : new Date(ctx.now() + opts.backoff(attempt, row)).toISOString();
            await settle(row, final ? 'failed' : 'retrying', next, err instanceof Error ? err.message : String(err));
            return;
          }
          await settle(row, done, null, '');
        } catch (err) {
          // Writing the outcome failed: the row keeps its lease and is retried when it ends.
          ctx.log.error({ err, job: ctx.job, app: ctx.app.name, id: row.id }, 'could not record the outcome of a job item');
        }
      });
    },
  };
}
