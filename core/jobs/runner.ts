// Background work of one server instance (platform-and-apps.md §10): periodic jobs, either once per
// tick or once per loaded app per tick. It exists so every background concern (webhook retries,
// workflow timeouts, event flushing, retention, idle pools) gets the same rules instead of its own
// setInterval: ticks of a job never overlap, a failure for one app is logged and does not affect
// the others, `stop()` waits for running work, and time is injectable so tests move the clock
// instead of sleeping.
//
// Add a job: build a Job (or use queueJob from ./queue.ts for a table of work items) and start it
// from the Fastify plugin of its concern with startJobs(fastify, [job]) (plugins/jobs.ts), which
// starts the runner when the server is ready and stops it on close. Work that must happen on one
// instance only is claimed (./claim.ts) or locked (./lock.ts); the runner itself is per instance.
import type { Logger } from '../logger.js';
import type { AppContext } from '../platform/app-context.js';
import { forEachLimit } from './limit.js';

export interface JobContext {
  readonly job: string;
  readonly log: Logger;
  /** Aborted when the runner stops: long work should give up (claimed items are released). */
  readonly signal: AbortSignal;
  /** The runner's clock in epoch milliseconds; use it instead of Date.now() for due times. */
  now(): number;
}

export interface AppJobContext extends JobContext {
  readonly app: AppContext;
}

interface JobBase {
  /** Unique per runner; used in logs and by runNow. */
  name: string;
  /** Pause between the end of one tick and the start of the next. */
  intervalMs: number;
  /** Run the first tick right after start instead of one interval later. */
  runAtStart?: boolean;
}

/** Runs once per loaded app per tick. Touching `ctx.app.db` opens the app's pool and counts as use,
 * so a frequent job should first check cheaply (e.g. the registry) whether the app has work. */
export interface AppJob extends JobBase {
  perApp: true;
  /** Apps worked on at the same time within one tick (default 1). */
  concurrency?: number;
  run(ctx: AppJobContext): Promise<void>;
}

/** Runs once per tick (instance-wide work, e.g. on the management database). */
export interface GlobalJob extends JobBase {
  perApp: false;
  run(ctx: JobContext): Promise<void>;
}

export type Job = AppJob | GlobalJob;

export interface JobRunnerOptions {
  log: Logger;
  /** The apps per-app jobs iterate over, read at every tick (the loaded apps). */
  apps?: () => Iterable<AppContext>;
  /** Clock in epoch milliseconds (default Date.now); tests pass a movable one. */
  now?: () => number;
}

interface Entry {
  job: Job;
  timer?: NodeJS.Timeout;
  /** The latest queued tick; the next one starts after it, so ticks never overlap. */
  chain: Promise<void>;
}

export class JobRunner {
  private readonly entries = new Map<string, Entry>();
  private readonly abort = new AbortController();
  private readonly now: () => number;
  private started = false;
  private stopped = false;

  constructor(private readonly options: JobRunnerOptions) {
    this.now = options.now ?? Date.now;
  }

  register(job: Job): this {
    if (this.entries.has(job.name)) throw new Error(`job already registered: ${job.name}`);
    if (!(job.intervalMs > 0)) throw new Error(`job ${job.name}: intervalMs must be positive`);
    if (job.perApp && !this.options.apps) throw new Error(`job ${job.name} is per app but the runner has no apps`);
    const entry: Entry = { job, chain: Promise.resolve() };
    this.entries.set(job.name, entry);
    if (this.started) this.schedule(entry, job.runAtStart ? 0 : job.intervalMs);
    return this;
  }

  /** Schedules every registered job (idempotent). */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    for (const entry of this.entries.values()) this.schedule(entry, entry.job.runAtStart ? 0 : entry.job.intervalMs);
  }

  /** Runs one tick of a job now, after any tick of it still running; resolves when it is done. */
  runNow(name: string): Promise<void> {
    const entry = this.entries.get(name);
    if (!entry) throw new Error(`unknown job: ${name}`);
    return this.enqueue(entry);
  }

  /** Cancels the schedule, signals running work to give up and waits for it. Final. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
    await Promise.all([...this.entries.values()].map((e) => e.chain));
  }

  private schedule(entry: Entry, delay: number): void {
    if (this.stopped) return;
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void this.enqueue(entry).then(() => this.schedule(entry, entry.job.intervalMs));
    }, delay);
    // The schedule alone never keeps the process alive (the server's socket does).
    entry.timer.unref();
  }

  private enqueue(entry: Entry): Promise<void> {
    const tick = entry.chain.then(() => this.tick(entry.job));
    entry.chain = tick;
    return tick;
  }

  /** One tick; never rejects. */
  private async tick(job: Job): Promise<void> {
    if (this.stopped) return;
    const { log } = this.options;
    const base: JobContext = { job: job.name, log, signal: this.abort.signal, now: this.now };
    if (!job.perApp) {
      try {
        await job.run(base);
      } catch (err) {
        log.error({ err, job: job.name }, 'background job failed');
      }
      return;
    }
    const apps = [...this.options.apps!()];
    await forEachLimit(apps, job.concurrency ?? 1, async (app) => {
      if (this.stopped) return;
      try {
        await job.run({ ...base, app });
      } catch (err) {
        log.error({ err, job: job.name, app: app.name }, 'background job failed for app');
      }
    });
  }
}
