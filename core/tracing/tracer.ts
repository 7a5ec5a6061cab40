// One server's tracing (observability-and-audit.md §A2, §A4–§A6): the settings, one event buffer
// per loaded app (kept as the app's `tracing` extension, so core code that holds an AppContext —
// a scheduler — finds it with `appSink`), and the trace of each app-scoped request: its id from
// X-Trace-ID or traceparent, the sampling decision, the root span.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { RocketConfig } from '../../config/schema.js';
import { isUuid } from '../ids.js';
import type { Logger } from '../logger.js';
import type { AppContext } from '../platform/app-context.js';
import { EventBuffer, type SpanExport } from './buffer.js';
import { adoptTraceId, parseTraceparent, traceparent } from './ids.js';
import { SPANS, Span, Trace, enableQueryContext, startSpan, type SpanSink } from './span.js';

export const TRACING_EXTENSION = 'tracing';

export interface TracingSettings {
  enabled: boolean;
  samplingRate: number;
  bufferSize: number;
  flushIntervalMs: number;
  retentionDays: number;
  dbQueries: boolean;
  otlpEndpoint: string | undefined;
}

export function tracingSettings(c: RocketConfig['instrumentation']): TracingSettings {
  return {
    enabled: c.enabled,
    samplingRate: Math.min(1, Math.max(0, c.sampling_rate)),
    bufferSize: c.buffer_size,
    flushIntervalMs: c.flush_interval_ms,
    retentionDays: c.retention_days,
    dbQueries: c.enabled && c.db_queries,
    otlpEndpoint: c.enabled ? c.otlp_endpoint : undefined,
  };
}

/** Each server's tracer by its control plane (the plugin's decoration is encapsulated; tests and
 * embedders reach it through `fastify.rocket`). */
const byPlatform = new WeakMap<object, Tracer>();

export function tracerOf(platform: object): Tracer | undefined {
  return byPlatform.get(platform);
}

export function registerTracer(platform: object, tracer: Tracer): void {
  byPlatform.set(platform, tracer);
}

/** The event buffer of a loaded app, when its server traces (scheduler work starts its traces here). */
export function appSink(app: AppContext): EventBuffer | undefined {
  return app.extensions.get(TRACING_EXTENSION) as EventBuffer | undefined;
}

/**
 * `auth.validate` (§A3) around `authenticate`, a child of the request's root span: `token_type` and
 * `user_id`, or the error; the caller's id then goes on every span of the trace.
 */
export function traceAuthentication<C extends { id: string; platform?: boolean }>(rt: RequestTrace | null, authenticate: () => C): C {
  const span = startSpan(rt?.root ?? undefined, SPANS.authValidate);
  if (!span.recording) return authenticate();
  let caller: C;
  try {
    caller = authenticate();
  } catch (err) {
    span.fail(err);
    throw err;
  }
  const trace = rt!.root!.trace;
  if (isUuid(caller.id)) trace.userId = caller.id.toLowerCase();
  span.end('ok', { token_type: caller.platform ? 'platform' : 'app', user_id: caller.id });
  return caller;
}

/** The trace of one app-scoped request (request.rocketTrace). */
export class RequestTrace {
  /** The root span once the app is resolved (recorded or not); null with instrumentation disabled
   * or before the app is known. */
  root: Span | null = null;

  constructor(
    readonly traceId: string,
    /** The root span's id, known up front for the response's `traceparent`. */
    readonly spanId: string,
    readonly remoteParentId: string | null,
  ) {}

  /** Whether this request's spans are recorded. */
  get sampled(): boolean {
    return this.root !== null && this.root.trace.sink !== null;
  }

  /** Now in epoch milliseconds on the trace's clock (that of its spans), or the wall clock. */
  now(): number {
    return this.root ? this.root.trace.clockOffset + performance.now() : Date.now();
  }

  /** `X-Trace-ID` and `traceparent` of the response. */
  headers(): { 'x-trace-id': string; traceparent: string } {
    return { 'x-trace-id': this.traceId, traceparent: traceparent(this.traceId, this.spanId, this.sampled) };
  }
}

/** The root span of a request's trace (recorded or unsampled), the parent its handler's spans
 * nest under; undefined outside an app-scoped request or with instrumentation disabled. */
export function requestSpan(req: { rocketTrace: RequestTrace | null }): Span | undefined {
  return req.rocketTrace?.root ?? undefined;
}

export class Tracer {
  constructor(
    readonly settings: TracingSettings,
    private readonly log: Logger,
    private readonly exporter?: SpanExport & { flush(): Promise<void>; shutdown(): Promise<void> },
  ) {
    if (settings.dbQueries) enableQueryContext();
  }

  /** The app's event buffer, created on first use; undefined when instrumentation is disabled. */
  sinkFor(app: AppContext): EventBuffer | undefined {
    if (!this.settings.enabled) return undefined;
    let sink = appSink(app);
    if (!sink && !app.isGone) {
      sink = new EventBuffer(app.name, () => app.db, {
        bufferSize: this.settings.bufferSize, flushIntervalMs: this.settings.flushIntervalMs, log: this.log, exporter: this.exporter,
      });
      app.extensions.set(TRACING_EXTENSION, sink);
    }
    return sink;
  }

  /**
   * A request's trace id (§A2: a valid X-Trace-ID lowercased; beyond the spec a W3C traceparent's
   * trace id; else a new UUID v4) and its root span id. Cheap, and done for every app-scoped
   * request, also with instrumentation disabled: the headers are always answered.
   */
  identify(xTraceId: unknown, traceparentHeader: unknown): RequestTrace {
    const adopted = adoptTraceId(xTraceId);
    const remote = traceparentHeader === undefined ? undefined : parseTraceparent(traceparentHeader);
    const traceId = adopted ?? remote?.traceId ?? randomUUID();
    // The caller's span is our root's remote parent only when the trace is the caller's.
    return new RequestTrace(traceId, randomUUID(), remote && remote.traceId === traceId ? remote.spanId : null);
  }

  /** §A2: the trace starts once the app is resolved; §A5: sampled per request. */
  start(rt: RequestTrace, app: AppContext, method: string, url: string): void {
    if (!this.settings.enabled || rt.root !== null) return;
    const rate = this.settings.samplingRate;
    const sink: SpanSink | null = rate >= 1 || (rate > 0 && Math.random() < rate) ? this.sinkFor(app) ?? null : null;
    const trace = new Trace(rt.traceId, sink, rt.remoteParentId);
    const q = url.indexOf('?');
    const metadata = sink === null ? null : { method, path: q < 0 ? url : url.slice(0, q) };
    rt.root = new Span(trace, null, SPANS.request, null, null, rt.spanId, metadata);
    trace.root = rt.root;
  }

  /** The response went out: the root span ends with its status (§A2). */
  end(rt: RequestTrace, statusCode: number): void {
    const root = rt.root;
    if (root === null || root.trace.sink === null) return;
    root.set('status_code', statusCode);
    root.end(statusCode >= 400 ? 'error' : 'ok');
  }

  /** Every loaded app's buffer, written now (shutdown, tests). */
  async flushAll(apps: Iterable<AppContext>): Promise<void> {
    await Promise.all([...apps].map((app) => appSink(app)?.flush()));
    await this.exporter?.flush().catch(() => {});
  }

  /** The app is being deleted: what it buffered goes with it. */
  discard(app: AppContext | undefined): void {
    if (app) appSink(app)?.discard();
  }

  async close(): Promise<void> {
    await this.exporter?.shutdown().catch(() => {});
  }
}
