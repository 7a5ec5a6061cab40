// The span model (observability-and-audit.md §A2, §A3): a span is one timed operation; its parent is
// the enclosing span, which the caller passes explicitly (`parent`: the request's root, or the span
// its own work runs as), so siblings share a parent and concurrent work never chains to whatever
// started last. A span is recorded when it ends: ending only appends it to its app's buffer
// (./buffer.ts), it never waits for a database.
//
// Why explicit parents and not AsyncLocalStorage: on Node.js 20 an AsyncLocalStorage, once entered,
// runs promise hooks for every promise the process creates. Measured at a fixed 2,000 get-by-id/s,
// that alone cost about 22 µs of the server's CPU per request, about as much as recording the
// request's four spans. AsyncLocalStorage is entered only for `instrumentation.db_queries`
// (`enableQueryContext`): a statement's span finds its enclosing span there, since the database
// layer has no request to ask.
//
// Cost model, since spans sit on every request:
// - Nothing is allocated unless the request is traced and sampled: every entry point first looks at
//   the parent it is given and hands back the shared NOOP_SPAN (or the unsampled root) otherwise.
// - A recorded span is one object whose own properties are the `_events` columns (snake_case), so
//   the buffer serialises the batch with one JSON.stringify and no per-span row object; its link to
//   the trace serialises to nothing (Trace.toJSON). `duration_ms` holds the start clock until the
//   span ends.
// - With query spans on, only spans that can have children enter the async context (`withSpan`:
//   als.run); leaves (`startSpan`: permission checks, query spans) do not. Otherwise nothing enters
//   it and Node installs no async hook.
// - An unsampled request's root span is passed down like a recorded one (its children are never
//   created): business events still join its trace (`spanRef`).
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { eventId } from './ids.js';

export type SpanStatus = 'ok' | 'error';
export type Metadata = Record<string, unknown>;

/** `source`, `component` and `action` of a span (§A3). */
export interface SpanKind {
  readonly source: string;
  readonly component: string;
  readonly action: string;
}

const kind = (source: string, component: string, action: string): SpanKind => Object.freeze({ source, component, action });

/** The mandatory spans of §A3 (implementations may add spans but must not rename these). */
export const SPANS = Object.freeze({
  request: kind('http', 'handler', 'request.start'),
  authValidate: kind('auth', 'middleware', 'auth.validate'),
  permissionCheck: kind('auth', 'permissions', 'permission.check'),
  recordList: kind('engine', 'handler', 'record.list'),
  recordGet: kind('engine', 'handler', 'record.get'),
  recordCreate: kind('engine', 'handler', 'record.create'),
  recordUpdate: kind('engine', 'handler', 'record.update'),
  recordDelete: kind('engine', 'handler', 'record.delete'),
  nestedWrite: kind('engine', 'writer', 'nested_write.execute'),
  rulesEvaluate: kind('engine', 'rules', 'rules.evaluate'),
  stateTransition: kind('engine', 'state_machine', 'state.transition'),
  webhookDispatch: kind('webhook', 'dispatcher', 'webhook.dispatch'),
  webhookRetry: kind('webhook', 'scheduler', 'webhook.retry'),
  workflowTrigger: kind('workflow', 'engine', 'workflow.trigger'),
  workflowAdvance: kind('workflow', 'engine', 'workflow.advance'),
  workflowApprove: kind('workflow', 'handler', 'workflow.approve'),
  workflowReject: kind('workflow', 'handler', 'workflow.reject'),
  workflowTimeout: kind('workflow', 'scheduler', 'workflow.timeout'),
  fileUpload: kind('storage', 'file', 'file.upload'),
  fileServe: kind('storage', 'file', 'file.serve'),
  fileDelete: kind('storage', 'file', 'file.delete'),
  queryExecute: kind('db', 'query', 'query.execute'),
});

/** Where ended spans go: one per app (./buffer.ts). */
export interface SpanSink {
  add(span: Span): void;
}

/** One trace: a request, or one scheduler work item. */
export class Trace {
  /** The authenticated caller (a UUID), copied onto every span when it ends (§A1 `user_id`). */
  userId: string | null = null;
  /** The trace's root span, once started (work after the response attaches to it, §A2). */
  root: Span | undefined;
  /** Wall clock minus the monotonic clock, taken when the trace starts: span start times are
   * monotonic within the trace (their order is the real order) and on the wall clock's scale. */
  readonly clockOffset = Date.now() - performance.now();

  constructor(
    readonly traceId: string,
    /** null: the trace is not recorded (unsampled request); its spans are never created. */
    readonly sink: SpanSink | null,
    /** The caller's span id from `traceparent` (16 hex), the OTLP parent of the root span. */
    readonly remoteParentId: string | null = null,
  ) {}

  /** A span's link to its trace is not a column: it serialises to nothing. */
  toJSON(): undefined {
    return undefined;
  }
}

/** What callers of the span API hold: a recorded span, or NOOP_SPAN. */
export interface ActiveSpan {
  /** Whether this span is recorded (false: NOOP_SPAN, every method does nothing). */
  readonly recording: boolean;
  /** Sets one metadata key (§A3's keys of the span). */
  set(key: string, value: unknown): this;
  /** The record concerned, once known (a create's new id). */
  setRecordId(id: unknown): this;
  /** Ends the span (later calls do nothing); `metadata` is merged into what `set` collected. */
  end(status?: SpanStatus, metadata?: Metadata): void;
  /** Ends the span as an error with `metadata.error`, the error's message (§A3). */
  fail(err: unknown, metadata?: Metadata): void;
}

function round2(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** A short message of an error for `metadata.error`: one line, no NUL or lone surrogate (a jsonb
 * column refuses them, and one bad row fails its whole batch), at most 500 characters. */
export function errorText(err: unknown): string {
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : String(err);
  const text = raw.length > 500 ? raw.slice(0, 500) : raw;
  return text.toWellFormed().replace(/\u0000/g, '');
}

/** A record id as the text column holds it. */
const recordText = (id: unknown): string | null => (id === null || id === undefined ? null : String(id));

export class Span implements ActiveSpan {
  // The `_events` columns, in order (the buffer serialises this object as the row).
  readonly id: string;
  readonly trace_id: string;
  readonly span_id: string;
  readonly parent_span_id: string | null;
  readonly source: string;
  readonly component: string;
  readonly action: string;
  entity: string | null;
  record_id: string | null;
  user_id: string | null = null;
  /** The monotonic start until the span ends, then its duration in ms (2 decimals). */
  duration_ms: number;
  /** null until the span ends. */
  status: SpanStatus | null = null;
  metadata: Metadata | null;
  /** Start, epoch milliseconds with fractions (the writer turns it into the timestamp). */
  readonly created_at: number;
  readonly trace: Trace;

  constructor(trace: Trace, parentId: string | null, k: SpanKind, entity: string | null, recordId: unknown, spanId?: string, metadata?: Metadata | null) {
    const t = performance.now();
    this.trace = trace;
    this.created_at = trace.clockOffset + t;
    this.id = trace.sink === null ? '' : eventId(this.created_at);
    this.trace_id = trace.traceId;
    this.span_id = spanId ?? randomUUID();
    this.parent_span_id = parentId;
    this.source = k.source;
    this.component = k.component;
    this.action = k.action;
    this.entity = entity;
    this.record_id = recordText(recordId);
    this.duration_ms = t;
    this.metadata = metadata ?? null;
  }

  get recording(): boolean {
    return this.trace.sink !== null;
  }

  set(key: string, value: unknown): this {
    // An unsampled root is handed to its work as the parent to pass on; what that work sets on it
    // would never be recorded.
    if (this.status === null && this.trace.sink !== null) (this.metadata ??= {})[key] = value;
    return this;
  }

  setRecordId(id: unknown): this {
    if (this.status === null) this.record_id = recordText(id);
    return this;
  }

  end(status: SpanStatus = 'ok', metadata?: Metadata): void {
    if (this.status !== null) return;
    this.duration_ms = round2(performance.now() - this.duration_ms);
    this.status = status;
    if (metadata) this.metadata = this.metadata ? Object.assign(this.metadata, metadata) : metadata;
    this.user_id = this.trace.userId;
    this.trace.sink?.add(this);
  }

  fail(err: unknown, metadata?: Metadata): void {
    if (this.status !== null) return;
    this.set('error', errorText(err));
    this.end('error', metadata);
  }
}

/** The span of untraced, unsampled or disabled work: every method does nothing. */
export const NOOP_SPAN: ActiveSpan = Object.freeze({
  recording: false,
  set() { return NOOP_SPAN; },
  setRecordId() { return NOOP_SPAN; },
  end() {},
  fail() {},
}) as ActiveSpan;

/** The enclosing span a caller passes: a span its work runs as (recorded or an unsampled root),
 * NOOP_SPAN or undefined outside a trace. */
export type Parent = ActiveSpan | undefined;

const asSpan = (parent: Parent): Span | undefined => (parent instanceof Span ? parent : undefined);

/** The active span of the current async context, kept only for query spans (`enableQueryContext`). */
const storage = new AsyncLocalStorage<Span>();
/** Whether spans that can have children enter `storage` (instrumentation.db_queries). */
let queryContext = false;
/** Set once a trace was ever entered: before that, no context can exist and `outsideTrace` need
 * not touch AsyncLocalStorage (which would install its async hook for nothing). */
let entered = false;

/** Query spans are on (instrumentation.db_queries): spans that can have children enter the async
 * context, where a statement's span finds its parent (./db.ts). For the whole process, once. */
export function enableQueryContext(): void {
  queryContext = true;
}

/** The span a statement runs under (./db.ts), if its work belongs to a trace. */
export function querySpanParent(): Span | undefined {
  return entered ? storage.getStore() : undefined;
}

/** Where an event decided now belongs (§A7.1: a `send_event` event joins the trace of the work
 * that ran the action, under its enclosing span); null outside a trace. */
export function spanRef(parent: Parent): { trace_id: string; parent_span_id: string } | null {
  const span = asSpan(parent);
  return span ? { trace_id: span.trace_id, parent_span_id: span.span_id } : null;
}

/** Runs `fn` with `span` active for query spans (a request's root span around its handler). */
export function runInSpan<T>(span: Span, fn: () => T): T {
  if (!queryContext) return fn();
  entered = true;
  return storage.run(span, fn);
}

/** Runs `fn` outside any trace: queued work that must not inherit its starter's trace (a buffer
 * flush started inside a request, a webhook attempt started by another request's completion). */
export function outsideTrace<T>(fn: () => T): T {
  return entered && storage.getStore() !== undefined ? storage.exit(fn) : fn();
}

/**
 * A span that does not become a parent (a leaf), child of `parent`; NOOP_SPAN when that is not
 * recorded. End it with `end`/`fail`.
 */
export function startSpan(parent: Parent, k: SpanKind, entity: string | null = null, recordId: unknown = null): ActiveSpan {
  const p = asSpan(parent);
  if (p === undefined || p.trace.sink === null) return NOOP_SPAN;
  return new Span(p.trace, p.span_id, k, entity, recordId);
}

function settle<T>(span: Span, result: T, onError?: (span: ActiveSpan, err: unknown) => void): T {
  if (result !== null && typeof result === 'object' && typeof (result as { then?: unknown }).then === 'function') {
    return (result as unknown as Promise<unknown>).then(
      (value) => {
        span.end();
        return value;
      },
      (err: unknown) => {
        onError?.(span, err);
        span.fail(err);
        throw err;
      },
    ) as T;
  }
  span.end();
  return result;
}

function runAs<T>(span: Span, fn: (span: ActiveSpan) => T, onError?: (span: ActiveSpan, err: unknown) => void): T {
  let result: T;
  try {
    if (queryContext) {
      entered = true;
      result = storage.run(span, fn, span);
    } else result = fn(span);
  } catch (err) {
    onError?.(span, err);
    span.fail(err);
    throw err;
  }
  return settle(span, result, onError);
}

/**
 * Runs `fn` as a span, child of `parent`; `fn` gets the span to pass on as the parent of what it
 * starts. Ended `ok` when `fn` returns (or its promise resolves), as an error with
 * `metadata.error` when it throws or rejects (`onError` may add metadata first, e.g. an error
 * count); `fn` may end it itself with another status. Under an unsampled root, `fn` gets that root
 * (so business events still find the trace); outside a trace, NOOP_SPAN.
 */
export function withSpan<T>(
  parent: Parent, k: SpanKind, entity: string | null, recordId: unknown, fn: (span: ActiveSpan) => T, onError?: (span: ActiveSpan, err: unknown) => void,
): T {
  const p = asSpan(parent);
  if (p === undefined) return fn(NOOP_SPAN);
  if (p.trace.sink === null) return fn(p);
  return runAs(new Span(p.trace, p.span_id, k, entity, recordId), fn, onError);
}

/**
 * `withSpan` under a span captured earlier (queued work running in another async context, a
 * request's root for work after its response); without one, `fn(NOOP_SPAN)` outside any trace, so
 * queued work never records into the trace of whatever request happened to start it.
 */
export function withSpanUnder<T>(
  parent: Span | undefined, k: SpanKind, entity: string | null, recordId: unknown, fn: (span: ActiveSpan) => T,
  onError?: (span: ActiveSpan, err: unknown) => void,
): T {
  if (parent === undefined) return outsideTrace(() => fn(NOOP_SPAN));
  if (parent.trace.sink === null) return outsideTrace(() => fn(parent));
  return outsideTrace(() => runAs(new Span(parent.trace, parent.span_id, k, entity, recordId), fn, onError));
}

/**
 * Runs `fn` as the root span of a new trace recorded into `sink` (a scheduler work item: one
 * webhook retry, one workflow timeout; §A2). Scheduler traces are never sampled out (§A5). Without
 * a sink (instrumentation disabled), `fn(NOOP_SPAN)` outside any trace.
 */
export function withRootSpan<T>(
  sink: SpanSink | undefined, k: SpanKind, entity: string | null, recordId: unknown, fn: (span: ActiveSpan) => T,
  onError?: (span: ActiveSpan, err: unknown) => void,
): T {
  if (sink === undefined) return outsideTrace(() => fn(NOOP_SPAN));
  const trace = new Trace(randomUUID(), sink);
  const root = new Span(trace, null, k, entity, recordId);
  trace.root = root;
  return outsideTrace(() => runAs(root, fn, onError));
}

/** A span to run later, elsewhere (a queued job): its kind and where it belongs. */
export interface PlannedSpan {
  readonly kind: SpanKind;
  readonly entity: string | null;
  readonly recordId: unknown;
  readonly metadata: Metadata | undefined;
  /** Child of this span (the planning request's root) … */
  readonly under?: Span;
  /** … or the root of a new trace in this sink (scheduler work). */
  readonly root?: SpanSink;
}

/** A span for work that runs after the response of the request `parent` belongs to, as a child of
 * its root span (§A2); undefined when that request is not recorded. */
export function planSpan(parent: Parent, k: SpanKind, entity: string | null, recordId: unknown, metadata?: Metadata): PlannedSpan | undefined {
  const root = asSpan(parent)?.trace.root;
  return root && root.trace.sink !== null ? { kind: k, entity, recordId, metadata, under: root } : undefined;
}

/** A span that will be the root of its own trace in `sink` (a scheduler work item); undefined without a sink. */
export function planRootSpan(sink: SpanSink | undefined, k: SpanKind, entity: string | null, recordId: unknown, metadata?: Metadata): PlannedSpan | undefined {
  return sink ? { kind: k, entity, recordId, metadata, root: sink } : undefined;
}

/** Runs `fn` as the planned span (started now, so it times `fn`), or outside any trace without one. */
export function runPlanned<T>(plan: PlannedSpan | undefined, fn: (span: ActiveSpan) => T): T {
  if (plan === undefined) return outsideTrace(() => fn(NOOP_SPAN));
  const withMetadata = (span: ActiveSpan) => {
    if (plan.metadata) for (const key in plan.metadata) span.set(key, plan.metadata[key]);
    return fn(span);
  };
  return plan.root
    ? withRootSpan(plan.root, plan.kind, plan.entity, plan.recordId, withMetadata)
    : withSpanUnder(plan.under, plan.kind, plan.entity, plan.recordId, withMetadata);
}

/** How many problems an error reports: the details of a 422, else 1 (`error_count` metadata). */
export function errorCount(err: unknown): number {
  const details = (err as { details?: unknown[] } | null)?.details;
  return Array.isArray(details) && details.length > 0 ? details.length : 1;
}
