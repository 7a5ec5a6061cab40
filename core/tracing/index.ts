// Tracing (observability-and-audit.md Part A): the API other modules use to record spans.
//
// In a request, under the span the work runs as (`parent`: the request's root, `ctx.span`, …):
//   await withSpan(parent, SPANS.recordGet, entity, id, async (span) => { … work(span) … span.set('count', n); });
//   const span = startSpan(parent, SPANS.permissionCheck, entity); … span.end('ok', { result });  // a leaf
// Work that continues after the response, in the request's trace (children of its root span):
//   const plan = planSpan(parent, SPANS.webhookDispatch, entity, null, { webhook_id });   // while handling
//   … later, anywhere: await runPlanned(plan, async (span) => { … });
// A scheduler work item, its own trace (never sampled out):
//   await withRootSpan(appSink(appContext), SPANS.workflowTimeout, null, null, async (span) => { … });
// Every function is a no-op (the callback gets NOOP_SPAN) when the work is not traced, unsampled or
// instrumentation is disabled; a thrown error or rejected promise ends the span as `error` with
// `metadata.error`.
export {
  SPANS, NOOP_SPAN, errorCount, errorText, spanRef, startSpan, withSpan, withSpanUnder,
  withRootSpan, planSpan, planRootSpan, runPlanned, outsideTrace,
  type ActiveSpan, type Parent, type SpanKind, type SpanStatus, type PlannedSpan, type SpanSink, type Metadata,
} from './span.js';
export { appSink, requestSpan } from './tracer.js';
