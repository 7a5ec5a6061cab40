// Tracing (observability-and-audit.md Part A): the API other modules use to record spans.
//
// In a request (the active span is the request's root while its handler runs):
//   await withSpan(SPANS.recordGet, entity, id, async (span) => { … span.set('count', n); … });
//   const span = startSpan(SPANS.permissionCheck, entity); … span.end('ok', { result });  // a leaf
// Work that continues after the response, in the request's trace (children of its root span):
//   const plan = planSpan(SPANS.webhookDispatch, entity, null, { webhook_id });   // while handling
//   … later, anywhere: await runPlanned(plan, async (span) => { … });
// A scheduler work item, its own trace (never sampled out):
//   await withRootSpan(appSink(appContext), SPANS.workflowTimeout, null, null, async (span) => { … });
// Every function is a no-op (the callback gets NOOP_SPAN) when the work is not traced, unsampled or
// instrumentation is disabled; a thrown error or rejected promise ends the span as `error` with
// `metadata.error`.
export {
  SPANS, NOOP_SPAN, errorCount, errorText, currentTraceId, currentSpanRef, traceLink, startSpan, startChildSpan, withSpan, withSpanUnder,
  withRootSpan, planSpan, planRootSpan, runPlanned, outsideTrace,
  type ActiveSpan, type SpanKind, type SpanStatus, type PlannedSpan, type SpanSink, type Metadata,
} from './span.js';
export { appSink } from './tracer.js';
