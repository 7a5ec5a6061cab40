// The per-app event buffer (observability-and-audit.md §A4). Ending a span appends it here and
// returns; the buffer writes batches to the app database off the request path:
// - when it holds `buffer_size` spans, or `flush_interval_ms` after the first span of a batch
//   arrived, whichever comes first (no timer runs while the buffer is empty, so an idle app costs
//   nothing);
// - one flush per app at a time: while one runs, spans collect for the next, which starts as soon
//   as it ends if the buffer is full again (a slow database gets larger batches, not more of them);
// - a failed flush is logged and its batch discarded (telemetry is best effort);
// - back-pressure: holding 10 × `buffer_size` spans (the database cannot keep up), new spans are
//   dropped and counted, with a warning at most once a minute;
// - the server's shutdown flushes it (plugins/tracing.ts, then `close` on eviction); deleting the
//   app discards it (`discard`: the database is about to be dropped).
// The same batch goes to the OTLP exporter when one is configured (./otlp.ts).
import type { Database } from '../db/types.js';
import type { Logger } from '../logger.js';
import type { AppExtension } from '../platform/app-context.js';
import { outsideTrace, type Span, type SpanSink } from './span.js';
import { writeSpans } from './store.js';

/** Where a flushed batch also goes (OTLP). */
export interface SpanExport {
  export(app: string, spans: readonly Span[]): void;
}

export interface BufferOptions {
  bufferSize: number;
  flushIntervalMs: number;
  log: Logger;
  exporter?: SpanExport;
  /** Writes a batch (default: `_spans`, ./store.ts); tests substitute a slow one. */
  write?: (db: Database, spans: readonly Span[]) => Promise<void>;
}

const WARN_EVERY_MS = 60_000;

export class EventBuffer implements SpanSink, AppExtension {
  private spans: Span[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private closed = false;
  private readonly maxHeld: number;
  private readonly write: (db: Database, spans: readonly Span[]) => Promise<void>;
  /** System spans dropped by back-pressure since the buffer was created. */
  dropped = 0;
  private droppedSinceWarning = 0;
  private lastWarning = 0;

  constructor(
    readonly app: string,
    /** The app database, looked up at flush time (it may have been reopened since). */
    private readonly db: () => Database,
    private readonly opts: BufferOptions,
  ) {
    this.maxHeld = 10 * opts.bufferSize;
    this.write = opts.write ?? writeSpans;
  }

  /** Spans waiting for the next flush. */
  get pending(): number {
    return this.spans.length;
  }

  add(span: Span): void {
    if (this.closed) return;
    const held = this.spans.length;
    if (held >= this.maxHeld) return this.drop();
    this.spans.push(span);
    if (this.flushing !== undefined) return; // its end starts the next flush or timer
    if (held + 1 >= this.opts.bufferSize) this.startFlush();
    else if (this.timer === undefined) this.arm();
  }

  /** Writes everything buffered now and waits for it (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.flushing !== undefined) await this.flushing;
    if (this.spans.length > 0) {
      this.startFlush();
      await this.flushing;
    }
  }

  /** App deleted: the buffered spans are dropped and later ones ignored. */
  discard(): void {
    this.closed = true;
    this.spans = [];
    this.disarm();
  }

  /** Eviction or shutdown (AppContext.close, before its database closes): the last flush. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush().catch(() => {});
    this.closed = true;
    this.disarm();
  }

  private drop(): void {
    this.dropped++;
    this.droppedSinceWarning++;
    const now = Date.now();
    if (now - this.lastWarning >= WARN_EVERY_MS) {
      this.opts.log.warn({ app: this.app, dropped: this.droppedSinceWarning, dropped_total: this.dropped, buffered: this.spans.length },
        'event buffer full: system events dropped');
      this.lastWarning = now;
      this.droppedSinceWarning = 0;
    }
  }

  private arm(): void {
    // Created inside a request, the timer would carry its async context: the flush leaves it.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.flushing === undefined && this.spans.length > 0) this.startFlush();
    }, this.opts.flushIntervalMs);
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private startFlush(): void {
    this.disarm();
    const batch = this.spans;
    this.spans = [];
    // Outside the trace that happened to fill the buffer: the flush's own statements are no spans.
    this.flushing = outsideTrace(() => this.writeBatch(batch)).finally(() => {
      this.flushing = undefined;
      if (this.closed || this.spans.length === 0) return;
      if (this.spans.length >= this.opts.bufferSize) this.startFlush();
      else this.arm();
    });
  }

  private async writeBatch(batch: Span[]): Promise<void> {
    try {
      this.opts.exporter?.export(this.app, batch);
    } catch (err) {
      this.opts.log.warn({ err, app: this.app }, 'could not export spans');
    }
    try {
      await this.write(this.db(), batch);
    } catch (err) {
      this.opts.log.warn({ err, app: this.app, events: batch.length }, 'could not write system events; batch discarded');
    }
  }
}
