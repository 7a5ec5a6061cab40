// The tracing core without a server (core/tracing/): nesting under explicit parents (siblings share
// their parent under concurrency), the query context, the buffer's flush rules and back-pressure,
// trace ids, event ids, SQL fingerprints.
import t from 'tap';
import type { Database } from '../../core/db/types.js';
import { EventBuffer } from '../../core/tracing/buffer.js';
import { fingerprint } from '../../core/tracing/db.js';
import { adoptTraceId, eventId, parseTraceparent, spanHex, traceparent } from '../../core/tracing/ids.js';
import {
  NOOP_SPAN, SPANS, Span, Trace, enableQueryContext, outsideTrace, planRootSpan, planSpan, querySpanParent, runInSpan, runPlanned, spanRef,
  startSpan, withRootSpan, withSpan, withSpanUnder, type SpanSink,
} from '../../core/tracing/span.js';

const silent = { info() {}, warn() {}, error() {}, debug() {} };

function collector(): SpanSink & { spans: Span[] } {
  const spans: Span[] = [];
  return { spans, add: (s) => spans.push(s) };
}

function rootOf(sink: SpanSink | null, traceId = '11111111-1111-4111-8111-111111111111'): Span {
  const trace = new Trace(traceId, sink);
  const root = new Span(trace, null, SPANS.request, null, null, undefined, {});
  trace.root = root;
  return root;
}

const tick = () => new Promise((r) => setImmediate(r));

t.test('nesting: the parent passed is the parent, also for concurrent siblings', async (t) => {
  const sink = collector();
  const root = rootOf(sink);
  t.same(spanRef(root), { trace_id: root.trace_id, parent_span_id: root.span_id });
  await withSpan(root, SPANS.recordCreate, 'order', null, async (create) => {
    await Promise.all([1, 2, 3].map((i) => withSpan(create, SPANS.rulesEvaluate, 'order', i, async (rule) => {
      await tick();
      startSpan(rule, SPANS.permissionCheck, 'order').end();
      await tick();
    })));
    startSpan(create, SPANS.permissionCheck, 'order').end('ok', { result: 'allowed' });
  });
  const create = sink.spans.find((s) => s.action === 'record.create')!;
  const rules = sink.spans.filter((s) => s.action === 'rules.evaluate');
  t.equal(create.parent_span_id, root.span_id);
  t.equal(rules.length, 3);
  t.ok(rules.every((r) => r.parent_span_id === create.span_id), 'siblings share their parent, none chains to another');
  const checks = sink.spans.filter((s) => s.action === 'permission.check');
  t.same(checks.map((c) => c.parent_span_id).sort(), [...rules.map((r) => r.span_id), create.span_id].sort(), 'each leaf under its own enclosing span');
  t.ok(sink.spans.every((s) => s.status === 'ok' && s.duration_ms >= 0 && s.trace_id === root.trace_id));
  t.equal(querySpanParent(), undefined, 'without query spans nothing enters the async context');
});

t.test('errors end spans as error with metadata.error; onError adds metadata; fn may end it itself', async (t) => {
  const sink = collector();
  const root = rootOf(sink);
  await t.rejects(withSpan(root, SPANS.recordGet, 'x', '1', async () => {
    throw new Error('boom\u0000');
  }, (span) => span.set('error_count', 3)));
  t.throws(() => withSpan(root, SPANS.rulesEvaluate, 'x', null, () => {
    throw new Error('sync');
  }));
  withSpan(root, SPANS.stateTransition, 'x', null, (span) => span.end('error', { custom: true }));
  t.match(sink.spans[0], { action: 'record.get', status: 'error', record_id: '1', metadata: { error: 'boom', error_count: 3 } }, 'NUL removed');
  t.match(sink.spans[1], { action: 'rules.evaluate', status: 'error', metadata: { error: 'sync' } });
  t.match(sink.spans[2], { action: 'state.transition', status: 'error', metadata: { custom: true } });
  t.equal(sink.spans.length, 3, 'ended once');
});

t.test('not traced or not sampled: nothing recorded, the callback runs; an unsampled root is passed on', async (t) => {
  let ran = 0;
  t.equal(withSpan(undefined, SPANS.recordGet, null, null, (span) => {
    ran++;
    t.equal(span, NOOP_SPAN);
    return 7;
  }), 7);
  t.equal(startSpan(undefined, SPANS.permissionCheck), NOOP_SPAN);
  t.equal(startSpan(NOOP_SPAN, SPANS.permissionCheck), NOOP_SPAN);
  t.equal(spanRef(NOOP_SPAN), null);
  const unsampled = rootOf(null);
  t.equal(startSpan(unsampled, SPANS.permissionCheck), NOOP_SPAN);
  withSpan(unsampled, SPANS.recordGet, null, null, (span) => {
    ran++;
    t.equal(span, unsampled, 'its work runs under the unsampled root');
    t.equal(spanRef(span)?.trace_id, unsampled.trace_id, 'an unsampled request still has its trace id');
    t.equal(span.recording, false);
  });
  t.equal(ran, 2);
  NOOP_SPAN.set('a', 1).setRecordId(1).end();
});

t.test('work after the response: planned spans under the root; scheduler roots', async (t) => {
  const sink = collector();
  const root = rootOf(sink);
  let plan;
  await withSpan(root, SPANS.recordCreate, null, null, async (create) => {
    plan = planSpan(create, SPANS.webhookDispatch, 'order', null, { async: true });
  });
  await runPlanned(plan, async (span) => {
    span.set('status_code', 200);
  });
  const dispatch = sink.spans.find((s) => s.action === 'webhook.dispatch')!;
  t.match(dispatch, { parent_span_id: root.span_id, entity: 'order', metadata: { async: true, status_code: 200 } }, 'a child of the root, not of record.create');
  withSpanUnder(root, SPANS.workflowAdvance, null, null, (span) => span.set('result', 'paused'));
  t.match(sink.spans.at(-1), { action: 'workflow.advance', parent_span_id: root.span_id });

  const other = collector();
  await withRootSpan(other, SPANS.workflowTimeout, null, null, async (timeout) => {
    startSpan(timeout, SPANS.queryExecute).end();
  });
  const [q, timeout] = other.spans;
  t.match(timeout, { action: 'workflow.timeout', parent_span_id: null });
  t.not(timeout.trace_id, root.trace_id, 'a trace of its own');
  t.equal(q.parent_span_id, timeout.span_id);
  await runPlanned(planRootSpan(other, SPANS.webhookRetry, 'order', null, { attempt: 2 }), () => {});
  t.match(other.spans.at(-1), { action: 'webhook.retry', parent_span_id: null, metadata: { attempt: 2 } });
  t.equal(planRootSpan(undefined, SPANS.webhookRetry, null, null), undefined);
  t.equal(planSpan(undefined, SPANS.webhookDispatch, null, null), undefined, 'nothing to plan outside a trace');
  t.equal(planSpan(rootOf(null), SPANS.webhookDispatch, null, null), undefined, 'nor for an unsampled request');
  t.equal(withRootSpan(undefined, SPANS.workflowTimeout, null, null, (span) => span), NOOP_SPAN, 'no sink: not traced');
});

// Last: enableQueryContext is for the whole process.
t.test('query spans: with the query context on, a statement finds its enclosing span; outsideTrace leaves it', async (t) => {
  const sink = collector();
  const root = rootOf(sink);
  enableQueryContext();
  await runInSpan(root, async () => {
    t.equal(querySpanParent(), root, 'the request\'s root while its handler runs');
    await withSpan(root, SPANS.recordGet, null, null, async (get) => {
      await tick();
      t.equal(querySpanParent(), get, 'the enclosing span, across an await');
      outsideTrace(() => t.equal(querySpanParent(), undefined, 'outsideTrace leaves the trace'));
      runPlanned(undefined, () => t.equal(querySpanParent(), undefined, 'a job without a plan runs outside any trace'));
    });
    t.equal(querySpanParent(), root);
  });
  t.equal(querySpanParent(), undefined, 'nothing leaks out of the context');
});

t.test('spans serialise as their columns: the batch is one JSON.stringify', async (t) => {
  const sink = collector();
  const root = rootOf(sink);
  root.trace.userId = '9a3c7e15-0b2d-4f68-8e41-c7d5a2b9f003';
  root.set('method', 'GET').end('ok', { status_code: 200 });
  const [row] = JSON.parse(JSON.stringify(sink.spans));
  t.same(Object.keys(row), ['id', 'trace_id', 'span_id', 'parent_span_id', 'source', 'component', 'action', 'entity', 'record_id', 'user_id',
    'duration_ms', 'status', 'metadata', 'created_at']);
  t.match(row, { source: 'http', action: 'request.start', user_id: root.trace.userId, status: 'ok', metadata: { method: 'GET', status_code: 200 } });
  t.equal(typeof row.created_at, 'number');
  t.equal(Math.round(row.duration_ms * 100) / 100, row.duration_ms, '2 decimals');
});

function buffer(bufferSize: number, write: (spans: readonly Span[]) => Promise<void>, log = silent, flushIntervalMs = 10_000) {
  return new EventBuffer('shop', () => ({}) as Database, { bufferSize, flushIntervalMs, log, write: (_db, spans) => write(spans) });
}

function ended(n: number, sink: SpanSink): void {
  const trace = new Trace('11111111-1111-4111-8111-111111111111', sink);
  for (let i = 0; i < n; i++) new Span(trace, null, SPANS.permissionCheck, null, null).end();
}

t.test('buffer: flushes at buffer_size, one flush at a time, the rest waits for the next', async (t) => {
  const batches: number[] = [];
  let release!: () => void;
  const b = buffer(3, async (spans) => {
    batches.push(spans.length);
    if (batches.length === 1) await new Promise<void>((r) => (release = r));
  });
  ended(2, b);
  t.same(batches, [], 'under buffer_size: waits');
  ended(1, b);
  t.same(batches, [3], 'at buffer_size: flushed');
  ended(5, b);
  t.same(batches, [3], 'one flush in flight per app');
  t.equal(b.pending, 5);
  release();
  await b.flush();
  t.same(batches, [3, 5], 'a full buffer flushes as soon as the previous flush ends, as one batch');
});

t.test('buffer: flush_interval_ms after the first span, no timer when empty', async (t) => {
  const batches: number[] = [];
  const b = buffer(100, async (spans) => {
    batches.push(spans.length);
  }, silent, 20);
  ended(2, b);
  await new Promise((r) => setTimeout(r, 60));
  t.same(batches, [2]);
  await new Promise((r) => setTimeout(r, 40));
  t.same(batches, [2], 'nothing more without spans');
});

t.test('buffer: back-pressure drops past 10 × buffer_size, counted, warned at most once a minute', async (t) => {
  const warnings: unknown[][] = [];
  const log = { ...silent, warn: (...args: unknown[]) => warnings.push(args) };
  let release!: () => void;
  let calls = 0;
  const b = buffer(2, async () => {
    if (++calls === 1) await new Promise<void>((r) => (release = r));
  }, log);
  ended(2, b); // the first flush, stalled
  ended(25, b);
  t.equal(b.pending, 20);
  t.equal(b.dropped, 5);
  t.equal(warnings.length, 1);
  t.match(warnings[0], [{ app: 'shop', dropped: 1, dropped_total: 1, buffered: 20 }, 'event buffer full: system events dropped']);
  release();
  await b.flush();
  t.equal(b.pending, 0);
});

t.test('buffer: a failed flush is logged and its batch discarded; discard and close', async (t) => {
  const warnings: unknown[][] = [];
  const log = { ...silent, warn: (...args: unknown[]) => warnings.push(args) };
  let fail = true;
  const written: number[] = [];
  const b = buffer(100, async (spans) => {
    if (fail) throw new Error('db down');
    written.push(spans.length);
  }, log);
  ended(3, b);
  await b.flush();
  t.equal(warnings.length, 1);
  t.match(warnings[0][1], /batch discarded/);
  fail = false;
  ended(1, b);
  await b.close();
  t.same(written, [1], 'close writes what is left');
  ended(1, b);
  t.equal(b.pending, 0, 'closed: later spans are ignored');
  const d = buffer(100, async (spans) => {
    written.push(spans.length);
  });
  ended(4, d);
  d.discard();
  await d.flush();
  t.same(written, [1], 'discarded: never written');
});

t.test('trace ids: X-Trace-ID and W3C traceparent', async (t) => {
  t.equal(adoptTraceId('F2A9C1D4-6B3E-4A70-9E85-1C7D0B4F2E96'), 'f2a9c1d4-6b3e-4a70-9e85-1c7d0b4f2e96');
  for (const bad of ['', 'x', 'f2a9c1d4-6b3e-4a70-9e85-1c7d0b4f2e9', 'f2a9c1d46b3e4a709e851c7d0b4f2e96', ['f2a9c1d4-6b3e-4a70-9e85-1c7d0b4f2e96'], undefined]) {
    t.equal(adoptTraceId(bad), undefined, JSON.stringify(bad));
  }
  t.same(parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'),
    { traceId: '4bf92f35-77b3-4da6-a3ce-929d0e0e4736', spanId: '00f067aa0ba902b7' });
  t.same(parseTraceparent('01-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-00-future'),
    { traceId: '4bf92f35-77b3-4da6-a3ce-929d0e0e4736', spanId: '00f067aa0ba902b7' }, 'a later version may carry more; upper case lowered');
  for (const bad of [
    '00-00000000000000000000000000000000-00f067aa0ba902b7-01', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01',
    'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x',
    '00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01', 'garbage',
  ]) t.equal(parseTraceparent(bad), undefined, bad);
  const span = 'a61b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
  t.equal(spanHex(span), '8c7d9e0f1a2b3c4d');
  t.equal(traceparent('4bf92f35-77b3-4da6-a3ce-929d0e0e4736', span, true), '00-4bf92f3577b34da6a3ce929d0e0e4736-8c7d9e0f1a2b3c4d-01');
  t.equal(traceparent('4bf92f35-77b3-4da6-a3ce-929d0e0e4736', span, false).slice(-2), '00');
});

t.test('event ids: UUID v7 layout, ordered by start within the process, unique', async (t) => {
  const ids = [eventId(1000), eventId(1000), eventId(1000.7), eventId(1001), eventId(2_000_000_000_000)];
  for (const id of ids) t.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  t.same([...ids].sort(), ids, 'sorted as text = in order of start');
  t.equal(new Set(Array.from({ length: 10_000 }, () => eventId(5))).size, 10_000);
});

t.test('fingerprints: literals and parameters become ?, names keep their digits', async (t) => {
  t.same(fingerprint("SELECT * FROM t1 WHERE a = $1 AND b = 'it''s' AND c IN (1, 2.5, -3) AND idx_2 > ? LIMIT 10"), {
    text: 'SELECT * FROM t1 WHERE a = ? AND b = ? AND c IN (?, ?, ?) AND idx_2 > ? LIMIT ?', operation: 'SELECT',
  });
  t.equal(fingerprint('  insert into x values ($1)').operation, 'INSERT');
  t.equal(fingerprint('WITH r AS (UPDATE t SET a = $1 RETURNING *) SELECT * FROM r').operation, 'WITH');
});
