// The server's one webhook dispatcher (webhooks-and-files.md §A3.2, §A8; issue #15 item 5): attempts
// asynchronous deliveries with bounded concurrency — overall and per app, so one app's slow
// receiver cannot starve the others — and a bounded in-memory queue. A delivery the queue has no
// room for is simply not taken: its row stays `pending` (or `retrying`) in `_webhook_logs` and the
// scheduler attempts it once its lease or due time comes. Memory therefore stays flat under any
// backlog, and nothing is lost.
import type { Database } from '../db/types.js';
import { Fifo } from '../db/fifo.js';
import type { Logger } from '../logger.js';
import type { OutboundClient } from '../outbound/http-client.js';
import { deliver, endDeliverySpan, type DeliveryRequest } from './delivery.js';
import { settleAttempt, type AttemptState } from './outbox.js';
import { runPlanned, type ActiveSpan, type PlannedSpan } from '../tracing/index.js';

export interface DeliveryJob extends AttemptState {
  app: string;
  db: Database;
  request: DeliveryRequest;
  /** The attempt's span (observability-and-audit.md §A2, §A3): `webhook.dispatch` in the writing
   * request's trace for a first attempt, `webhook.retry` as the root of its own trace for a
   * scheduled one. Without it the attempt runs outside any trace. */
  span?: PlannedSpan;
}

export interface DispatcherOptions {
  client: OutboundClient;
  log: Logger;
  /** Attempts in flight across all apps. */
  concurrency: number;
  /** Attempts in flight for one app. */
  appConcurrency: number;
  /** Jobs waiting in memory across all apps; beyond it the scheduler takes over. */
  maxQueued: number;
  /** Base of the retry backoff (§A8: 30 s). */
  retryBaseMs: number;
  now?: () => number;
}

export class WebhookDispatcher {
  private readonly queues = new Map<string, Fifo<DeliveryJob>>();
  private readonly running = new Map<string, number>();
  private queued = 0;
  private active = 0;
  private readonly waiters: Array<() => void> = [];
  private readonly roomWaiters: Array<{ n: number; resolve: () => void }> = [];
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly opts: DispatcherOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Queues `job`; false when the queue is full (the row waits for the scheduler). */
  submit(job: DeliveryJob): boolean {
    if (this.stopped || this.queued >= this.opts.maxQueued) return false;
    let q = this.queues.get(job.app);
    if (!q) this.queues.set(job.app, (q = new Fifo()));
    q.push(job);
    this.queued++;
    this.pump();
    return true;
  }

  /** Deliveries waiting in memory (the metrics' backlog gauge). */
  get queuedJobs(): number {
    return this.queued;
  }

  /** Free places in the queue (the scheduler claims no more than this). */
  room(): number {
    return Math.max(0, this.opts.maxQueued - this.queued);
  }

  /**
   * Resolves once at most `n` jobs are queued. The scheduler paces a backlog with it: claimed rows
   * wait in memory only briefly (well within their lease), and memory stays small.
   */
  waitUntilQueuedAtMost(n: number): Promise<void> {
    if (this.queued <= n || this.stopped) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push({ n, resolve }));
  }

  /**
   * Shutdown: queued jobs are dropped (their rows stay pending or retrying and the scheduler of
   * the next start attempts them); attempts in flight finish.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.queues.clear();
    this.queued = 0;
    for (const w of this.roomWaiters.splice(0)) w.resolve();
    await this.idle();
  }

  /** Resolves when nothing is queued or in flight (shutdown, tests). */
  idle(): Promise<void> {
    if (this.queued === 0 && this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private pump(): void {
    // Round-robin over apps with queued work, each under its own limit.
    let progressed = true;
    while (progressed && this.active < this.opts.concurrency && this.queued > 0) {
      progressed = false;
      for (const [app, q] of this.queues) {
        if (this.active >= this.opts.concurrency) break;
        if (q.length === 0) {
          this.queues.delete(app);
          continue;
        }
        if ((this.running.get(app) ?? 0) >= this.opts.appConcurrency) continue;
        const job = q.shift()!;
        this.queued--;
        this.start(job);
        progressed = true;
      }
    }
  }

  private start(job: DeliveryJob): void {
    this.active++;
    this.running.set(job.app, (this.running.get(job.app) ?? 0) + 1);
    void this.attempt(job).finally(() => {
      this.active--;
      const n = (this.running.get(job.app) ?? 1) - 1;
      if (n === 0) this.running.delete(job.app);
      else this.running.set(job.app, n);
      this.pump();
      for (let i = this.roomWaiters.length - 1; i >= 0; i--) {
        if (this.queued <= this.roomWaiters[i].n) this.roomWaiters.splice(i, 1)[0].resolve();
      }
      if (this.queued === 0 && this.active === 0) for (const w of this.waiters.splice(0)) w();
    });
  }

  /** In the job's own trace (or none): it started in whatever context freed the slot. */
  private attempt(job: DeliveryJob): Promise<void> {
    return runPlanned(job.span, (span) => this.attemptTraced(job, span));
  }

  private async attemptTraced(job: DeliveryJob, span: ActiveSpan): Promise<void> {
    try {
      const outcome = await deliver(this.opts.client, job.request);
      endDeliverySpan(span, outcome);
      if (!outcome.ok) this.opts.log.warn({ app: job.app, log: job.logId, url: job.request.url, error: outcome.error }, 'webhook delivery failed');
      const owned = await settleAttempt(job.db, job, outcome, this.now(), this.opts.retryBaseMs);
      if (!owned) this.opts.log.warn({ app: job.app, log: job.logId }, 'webhook lease ran out before the attempt finished; outcome dropped');
    } catch (err) {
      // The row keeps its lease and is attempted again when it ends.
      this.opts.log.error({ err, app: job.app, log: job.logId }, 'could not record a webhook delivery outcome');
    }
  }
}
