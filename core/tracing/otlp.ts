// OTLP/HTTP export of system spans (beyond the spec; `instrumentation.otlp_endpoint`): every batch the
// buffer flushes also goes to an OpenTelemetry collector (Jaeger, Tempo, an OTel Collector, …).
// The official exporter (@opentelemetry/exporter-trace-otlp-http) does the wire format (OTLP JSON
// over HTTP), retries, timeouts and its own concurrency limit; Rocket only turns its spans into the
// SDK's ReadableSpan shape. Rocket does not run the OpenTelemetry SDK's tracer itself: its spans,
// buffer and sampling already exist for `_events`, and a second span pipeline per request would
// double the cost on the hot path. This module (and the packages) load only when an endpoint is set.
//
// Ids: trace ids are the UUID's 32 hex digits; span ids (8 bytes in OTLP) the UUID's last 64 bits;
// the root span's parent is the caller's span from `traceparent`, so a trace continues across
// services. The exporter's HTTP client is its own, not core/outbound: the collector is the
// operator's infrastructure (often on localhost, which the webhook client refuses in production).
import { SpanKind, SpanStatusCode, TraceFlags, type Attributes, type HrTime, type SpanContext } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { Logger } from '../logger.js';
import type { SpanExport } from './buffer.js';
import { spanHex, traceHex } from './ids.js';
import type { Span } from './span.js';

const SCOPE = { name: 'rocket' };
const WARN_EVERY_MS = 60_000;
const NO_LINKS: ReadableSpan['links'] = [];
const NO_EVENTS: ReadableSpan['events'] = [];

/** `http://collector:4318` → `http://collector:4318/v1/traces`; a URL with a path is taken as it is. */
export function tracesUrl(endpoint: string): string {
  const url = new URL(endpoint);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/v1/traces';
  return url.toString();
}

function hrTime(ms: number): HrTime {
  const seconds = Math.floor(ms / 1000);
  return [seconds, Math.round((ms - seconds * 1000) * 1e6)];
}

function spanKind(s: Span): SpanKind {
  if (s.parent_span_id === null && s.source === 'http') return SpanKind.SERVER;
  if (s.source === 'webhook') return SpanKind.CLIENT;
  return SpanKind.INTERNAL;
}

/** Rocket's columns and metadata as span attributes (`rocket.*`; metadata objects as JSON text). */
function attributes(s: Span): Attributes {
  const a: Attributes = { 'rocket.source': s.source, 'rocket.component': s.component };
  if (s.entity !== null) a['rocket.entity'] = s.entity;
  if (s.record_id !== null) a['rocket.record_id'] = s.record_id;
  if (s.user_id !== null) a['enduser.id'] = s.user_id;
  const m = s.metadata;
  if (m) {
    for (const key in m) {
      const v = m[key];
      if (v === null || v === undefined) continue;
      a[`rocket.${key}`] = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);
    }
  }
  return a;
}

export function toReadableSpan(s: Span, resource: Resource): ReadableSpan {
  const traceId = traceHex(s.trace_id);
  const context: SpanContext = { traceId, spanId: spanHex(s.span_id), traceFlags: TraceFlags.SAMPLED };
  const remote = s.parent_span_id === null ? s.trace.remoteParentId : null;
  const parentSpanContext: SpanContext | undefined = s.parent_span_id !== null
    ? { traceId, spanId: spanHex(s.parent_span_id), traceFlags: TraceFlags.SAMPLED }
    : remote ? { traceId, spanId: remote, traceFlags: TraceFlags.SAMPLED, isRemote: true } : undefined;
  const error = s.status === 'error';
  return {
    name: s.action,
    kind: spanKind(s),
    spanContext: () => context,
    parentSpanContext,
    startTime: hrTime(s.created_at),
    endTime: hrTime(s.created_at + s.duration_ms),
    duration: hrTime(s.duration_ms),
    status: error ? { code: SpanStatusCode.ERROR, message: String(s.metadata?.error ?? '') } : { code: SpanStatusCode.OK },
    attributes: attributes(s),
    links: NO_LINKS,
    events: NO_EVENTS,
    ended: true,
    resource,
    instrumentationScope: SCOPE,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
}

export class OtlpExport implements SpanExport {
  private readonly exporter: OTLPTraceExporter;
  /** One resource per app (`service.name` rocket, `rocket.app`): the exporter groups spans by it. */
  private readonly resources = new Map<string, Resource>();
  private lastWarning = 0;
  private closed = false;

  constructor(endpoint: string, private readonly log: Logger) {
    this.exporter = new OTLPTraceExporter({ url: tracesUrl(endpoint) });
  }

  private resource(app: string): Resource {
    let r = this.resources.get(app);
    if (!r) this.resources.set(app, (r = resourceFromAttributes({ 'service.name': 'rocket', 'rocket.app': app })));
    return r;
  }

  export(app: string, spans: readonly Span[]): void {
    // After shutdown (what the last app closes flush): nothing more goes out.
    if (this.closed) return;
    const resource = this.resource(app);
    this.exporter.export(spans.map((s) => toReadableSpan(s, resource)), (result) => {
      if (result.code === 0) return;
      const now = Date.now();
      if (now - this.lastWarning < WARN_EVERY_MS) return;
      this.lastWarning = now;
      this.log.warn({ err: result.error, app }, 'could not export spans over OTLP');
    });
  }

  /** Waits for exports in flight. */
  flush(): Promise<void> {
    return this.exporter.forceFlush();
  }

  shutdown(): Promise<void> {
    this.closed = true;
    return this.exporter.shutdown();
  }

  /** Forgets an app (deleted or evicted). */
  forget(app: string): void {
    this.resources.delete(app);
  }
}
