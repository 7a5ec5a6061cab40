// The events API (observability-and-audit.md §A7) on both databases: business events (validation,
// readable at once, in the request's trace), every query filter, paging and sort, the trace
// waterfall and the stats with their percentile. Most tests run with instrumentation disabled and
// write their system events themselves, so every number is known.
import t from 'tap';
import { eachDialect, userToken, type TestRocket } from '../helpers/server.js';
import { insertBusinessEvent, writeSpans } from '../../core/tracing/store.js';
import type { Span } from '../../core/tracing/span.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const OFF = { instrumentation: { enabled: false } };

async function setup(r: TestRocket) {
  const app = await r.createApp();
  const call = (method: Method, path: string, body?: unknown, opts: { token?: string; headers?: Record<string, string> } = {}) =>
    r.request(method, `/api/${app.name}${path}`, { token: opts.token ?? app.token, body, headers: opts.headers });
  const db = () => r.server.rocket.apps.get(app.name)!.db;
  const list = async (query = '') => {
    const res = await call('GET', `/_events${query}`);
    if (res.status !== 200) throw new Error(`_events${query}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { data: any[]; pagination: { page: number; per_page: number; total: number } };
  };
  return { app, call, db, list };
}

let n = 0;
/** A system span as the buffer holds it (`created_at` ISO here, epoch ms in the span). */
function spanRow(e: Record<string, unknown>): Record<string, any> {
  n++;
  const hex = n.toString(16).padStart(12, '0');
  return {
    id: `00000000-0000-7000-8000-${hex}`, trace_id: '11111111-1111-4111-8111-111111111111', span_id: `22222222-2222-4222-8222-${hex}`,
    parent_span_id: null, source: 'engine', component: 'handler', action: 'record.get', entity: null, record_id: null, user_id: null,
    duration_ms: 1, status: 'ok', metadata: null, created_at: '2025-04-02T14:00:00.000Z', ...e,
  };
}

/** System spans written as the buffer writes them: one stored batch. */
async function batch(r: TestRocket, app: string, rows: Array<Record<string, any>>): Promise<void> {
  const spans = rows.map((row) => ({ ...row, created_at: Date.parse(row.created_at) }));
  await writeSpans(r.server.rocket.apps.get(app)!.db, spans as unknown as Span[]);
}

/** One system span, a batch of its own. */
async function span(r: TestRocket, app: string, e: Record<string, unknown>): Promise<Record<string, unknown>> {
  const row = spanRow(e);
  await batch(r, app, [row]);
  return row;
}

eachDialect(t, 'emit: stored at once in the request\'s trace; the body rules and their messages', async (t, r) => {
  const { app, call, list } = await setup(r);
  const trace = 'F2A9C1D4-6B3E-4A70-9E85-1C7D0B4F2E96';
  const res = await call('POST', '/_events', {
    action: 'quote.accepted', entity: 'quote', record_id: '8d41c2e7-0b6a-4f59-a3d8-2e7f1c9b5a60', metadata: { amount: 4200, currency: 'EUR' },
  }, { headers: { 'x-trace-id': trace } });
  t.equal(res.status, 200);
  t.match(res.body.data, { status: 'ok', trace_id: trace.toLowerCase() });
  t.same(Object.keys(res.body.data), ['status', 'id', 'trace_id', 'span_id']);
  const [stored] = (await list()).data;
  const me = (await call('GET', '/_admin/users')).body.data.find((u: any) => u.email === 'admin@localhost');
  t.same(stored, {
    id: res.body.data.id, trace_id: trace.toLowerCase(), span_id: res.body.data.span_id, parent_span_id: stored.parent_span_id,
    event_type: 'business', source: 'app', component: 'engine', action: 'quote.accepted', entity: 'quote',
    record_id: '8d41c2e7-0b6a-4f59-a3d8-2e7f1c9b5a60', user_id: me.id, duration_ms: null, status: null,
    metadata: { amount: 4200, currency: 'EUR' }, created_at: stored.created_at,
  }, 'readable at once, every column');
  t.same(Object.keys(stored), ['id', 'trace_id', 'span_id', 'parent_span_id', 'event_type', 'source', 'component', 'action', 'entity',
    'record_id', 'user_id', 'duration_ms', 'status', 'metadata', 'created_at'], 'the columns in order');
  t.equal(String(res.headers.traceparent).split('-')[2], stored.parent_span_id.slice(19, 23) + stored.parent_span_id.slice(24),
    'the parent is the request\'s root span');

  const staff = userToken(r, app.name, ['staff']);
  const byUser = await call('POST', '/_events', { action: 'n', record_id: 42, metadata: {} }, { token: staff });
  t.equal(byUser.status, 200, 'any authenticated caller');
  t.match((await list(`?trace_id=${byUser.body.data.trace_id}`)).data[0], {
    record_id: '42', metadata: null, entity: null, user_id: '00000000-0000-4000-8000-000000000001',
  }, 'a number as text; empty metadata is NULL');
  t.equal((await r.request('POST', `/api/${app.name}/_events`, { body: { action: 'x' } })).status, 401);
  t.equal((await call('GET', '/_events', undefined, { token: staff })).status, 403);
  t.same((await call('GET', '/_events/stats', undefined, { token: staff })).body.error.message, 'Admin access required');
  t.equal((await call('GET', `/_events/trace/${trace}`, undefined, { token: staff })).status, 403);

  const cases: Array<[unknown, number, string, string]> = [
    [[1], 400, 'INVALID_PAYLOAD', 'Invalid JSON body'],
    ['"text"', 400, 'INVALID_PAYLOAD', 'Invalid JSON body'],
    [{}, 422, 'VALIDATION_FAILED', 'action is required'],
    [{ action: '' }, 422, 'VALIDATION_FAILED', 'action is required'],
    [{ action: 7 }, 422, 'VALIDATION_FAILED', 'action is required'],
    [{ action: 'a', entity: 5 }, 422, 'VALIDATION_FAILED', 'entity must be a string'],
    [{ action: 'a', record_id: true }, 422, 'VALIDATION_FAILED', 'record_id must be a string'],
    [{ action: 'a', record_id: { id: 1 } }, 422, 'VALIDATION_FAILED', 'record_id must be a string'],
    [{ action: 'a', metadata: [1] }, 422, 'VALIDATION_FAILED', 'metadata must be an object'],
    [{ action: 'a', metadata: 'x' }, 422, 'VALIDATION_FAILED', 'metadata must be an object'],
    [{ action: 'a\u0000' }, 422, 'VALIDATION_FAILED', 'action must not contain NUL characters'],
    [{ action: 'a', metadata: { k: 'v\u0000' } }, 422, 'VALIDATION_FAILED', 'metadata must not contain NUL characters'],
  ];
  for (const [body, status, code, message] of cases) {
    const bad = await call('POST', '/_events', body);
    t.equal(bad.status, status, JSON.stringify(body));
    t.same(bad.body.error, { code, message });
  }
  t.equal((await list()).pagination.total, 2, 'nothing stored for a refused body');
}, OFF);

eachDialect(t, 'query: every filter, AND-combined; non-UUID ids match nothing; bad timestamps are 422', async (t, r) => {
  const { app, call, list } = await setup(r);
  const user = '9a3c7e15-0b2d-4f68-8e41-c7d5a2b9f003';
  const trace = '33333333-3333-4333-8333-333333333333';
  await span(r, app.name, { source: 'http', component: 'handler', action: 'request.start', trace_id: trace, created_at: '2025-04-02T10:00:00.000Z', user_id: user });
  await span(r, app.name, { source: 'webhook', component: 'dispatcher', action: 'webhook.dispatch', entity: 'order', status: 'error', created_at: '2025-04-02T11:00:00.000Z' });
  await span(r, app.name, { source: 'webhook', component: 'scheduler', action: 'webhook.retry', entity: 'order', created_at: '2025-04-02T12:00:00.000Z' });
  await span(r, app.name, { source: 'engine', component: 'writer', action: 'nested_write.execute', entity: 'invoice', created_at: '2025-04-02T13:00:00.000Z', user_id: user });
  await call('POST', '/_events', { action: 'webhooks_x', entity: 'order' });

  const actions = async (query: string) => (await list(query)).data.map((e) => e.action);
  t.same(await actions('?source=webhook'), ['webhook.retry', 'webhook.dispatch'], 'newest first');
  t.same(await actions('?component=writer'), ['nested_write.execute']);
  t.same(await actions('?entity=order&sort=created_at'), ['webhook.dispatch', 'webhook.retry', 'webhooks_x']);
  t.same(await actions('?event_type=business'), ['webhooks_x']);
  t.same(await actions('?event_type=system&status=error'), ['webhook.dispatch']);
  t.same(await actions('?action=webhook.retry'), ['webhook.retry'], 'exact');
  t.same(await actions('?action=webhook.*&sort=created_at'), ['webhook.dispatch', 'webhook.retry'], 'a trailing * is a prefix (webhooks_x does not match)');
  t.same(await actions('?action=webhook.'), [], 'without * it is exact');
  t.same((await actions('?action=*')).length, 5, 'a lone * matches everything');
  t.same(await actions(`?trace_id=${trace.toUpperCase()}`), ['request.start']);
  t.same(await actions('?trace_id=nope'), [], 'a trace_id that is no UUID matches nothing');
  t.same(await actions(`?user_id=${user}&sort=created_at`), ['request.start', 'nested_write.execute']);
  t.same(await actions('?user_id=12'), []);
  t.same(await actions('?from=2025-04-02T11:00:00Z&to=2025-04-02T12:00:00.000Z&sort=created_at'), ['webhook.dispatch', 'webhook.retry'], 'both bounds inclusive');
  t.same(await actions('?from=2025-04-02T13:30:00%2B01:00'), ['webhooks_x', 'nested_write.execute'], 'an offset is an instant (12:30Z)');
  t.same(await actions('?source=webhook&entity=order&status=ok'), ['webhook.retry'], 'AND');
  for (const param of ['from', 'to']) {
    const bad = await call('GET', `/_events?${param}=yesterday`);
    t.equal(bad.status, 422);
    t.same(bad.body.error, { code: 'VALIDATION_FAILED', message: `${param} must be an ISO-8601 timestamp` });
  }
}, OFF);

eachDialect(t, 'query: paging and its fallbacks, the two sort orders', async (t, r) => {
  const { app, list } = await setup(r);
  for (let i = 0; i < 120; i++) await span(r, app.name, { action: `a${String(i).padStart(3, '0')}`, created_at: new Date(Date.UTC(2025, 3, 2, 0, 0, i)).toISOString() });
  const first = await list();
  t.same(first.pagination, { page: 1, per_page: 50, total: 120 });
  t.equal(first.data.length, 50);
  t.equal(first.data[0].action, 'a119', 'default -created_at');
  const asc = await list('?sort=created_at&per_page=10&page=3');
  t.same(asc.pagination, { page: 3, per_page: 10, total: 120 });
  t.same(asc.data.map((e) => e.action), ['a020', 'a021', 'a022', 'a023', 'a024', 'a025', 'a026', 'a027', 'a028', 'a029']);
  t.same((await list('?per_page=500')).pagination.per_page, 100, 'over 100 is 100');
  t.equal((await list('?per_page=500')).data.length, 100);
  for (const v of ['0', '-3', 'abc', '2.5', '']) {
    t.same((await list(`?per_page=${v}`)).pagination.per_page, 50, `per_page=${v} → 50`);
    t.same((await list(`?page=${v}`)).pagination.page, 1, `page=${v} → 1`);
  }
  t.equal((await list('?sort=bogus')).data[0].action, 'a119', 'an unknown sort is the default');
  const beyond = await list('?page=9');
  t.same(beyond, { data: [], pagination: { page: 9, per_page: 50, total: 120 } });
}, OFF);

// Spans are stored a batch per row and read pruned by batch (core/tracing/events-api.ts): whole
// batches counted by span_count, pages read from the batches reaching into them. Batches here
// overlap in time as real ones do (a batch holds the spans that ended in one flush, whatever their
// start), business events are interleaved, and every page and total is checked against the same
// events sorted here.
eachDialect(t, 'query: pages and totals over overlapping span batches match a full sort, in every window', async (t, r) => {
  const { app, list, db } = await setup(r);
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const base = Date.UTC(2025, 3, 2, 12, 0, 0);
  const at = (ms: number) => new Date(base + ms).toISOString();
  const all: Array<{ id: string; created_at: string }> = [];
  for (let b = 0; b < 30; b++) {
    const rows = Array.from({ length: 1 + Math.floor(random() * 25) }, () => spanRow({ created_at: at(Math.floor(random() * 600_000)) }));
    await batch(r, app.name, rows);
    all.push(...(rows as Array<{ id: string; created_at: string }>));
  }
  for (let i = 0; i < 15; i++) {
    const hex = (9000 + i).toString(16).padStart(12, '0');
    const e = { id: `00000000-0000-7000-9000-${hex}`, created_at: at(Math.floor(random() * 600_000)) };
    await insertBusinessEvent(db(), db().dialect, {
      id: e.id, traceId: '33333333-3333-4333-8333-333333333333', spanId: `44444444-4444-4444-8444-${hex}`, parentSpanId: null, action: 'biz',
      entity: null, recordId: null, userId: null, metadata: null, createdAt: Date.parse(e.created_at),
    });
    all.push(e);
  }
  const byStart = (a: { id: string; created_at: string }, b: { id: string; created_at: string }) =>
    a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  const windows: Array<[string, string | undefined, string | undefined]> = [
    ['no window', undefined, undefined], ['from', at(200_000), undefined], ['to', undefined, at(450_000)], ['from and to', at(150_000), at(420_500)],
  ];
  for (const [name, from, to] of windows) {
    const matching = all.filter((e) => (from === undefined || e.created_at >= from) && (to === undefined || e.created_at <= to)).sort(byStart);
    for (const desc of [true, false]) {
      const expected = desc ? [...matching].reverse() : matching;
      for (const perPage of [7, 50]) {
        const last = Math.ceil(expected.length / perPage);
        for (const page of [...new Set([1, 2, 5, last])]) {
          const query = `?per_page=${perPage}&page=${page}${desc ? '' : '&sort=created_at'}${from ? `&from=${from}` : ''}${to ? `&to=${to}` : ''}`;
          const res = await list(query);
          t.equal(res.pagination.total, expected.length, `${name}: total ${query}`);
          t.same(res.data.map((e) => e.id), expected.slice((page - 1) * perPage, page * perPage).map((e) => e.id), `${name}: page ${query}`);
        }
      }
    }
  }
  const filtered = all.filter((e) => e.id.includes('-8000-')).length;
  t.equal((await list('?event_type=system')).pagination.total, filtered, 'a span-level filter counts expanded spans');
}, OFF);

eachDialect(t, 'trace waterfall: root, children by start, flat spans, counts; 404s', async (t, r) => {
  const { app, call } = await setup(r);
  const trace = '44444444-4444-4444-8444-444444444444';
  const at = (s: number) => new Date(Date.UTC(2025, 3, 2, 9, 0, s)).toISOString();
  const root = await span(r, app.name, { trace_id: trace, action: 'request.start', source: 'http', duration_ms: 14.37, created_at: at(0) });
  const auth = await span(r, app.name, { trace_id: trace, action: 'auth.validate', parent_span_id: root.span_id, duration_ms: 0.21, created_at: at(1) });
  const create = await span(r, app.name, { trace_id: trace, action: 'record.create', parent_span_id: root.span_id, duration_ms: 11.02, created_at: at(2) });
  const write = await span(r, app.name, { trace_id: trace, action: 'nested_write.execute', parent_span_id: create.span_id, created_at: at(3) });
  // Another request that joined the trace with X-Trace-ID: its own root hangs under the first.
  const emitted = await call('POST', '/_events', { action: 'quote.accepted' }, { headers: { 'x-trace-id': trace } });
  const res = await call('GET', `/_events/trace/${trace.toUpperCase()}`);
  t.equal(res.status, 200);
  const w = res.body.data;
  t.same(Object.keys(w), ['trace_id', 'root_span', 'spans', 'span_count', 'total_duration_ms']);
  t.equal(w.trace_id, trace);
  t.equal(w.span_count, 5);
  t.equal(w.total_duration_ms, 14.37);
  t.same(w.spans.map((s: any) => s.action), ['request.start', 'auth.validate', 'record.create', 'nested_write.execute', 'quote.accepted']);
  t.ok(w.spans.every((s: any) => !('children' in s)));
  t.match(w.root_span, { span_id: root.span_id, action: 'request.start', parent_span_id: null, duration_ms: 14.37, event_type: 'system' });
  t.same(Object.keys(w.root_span), [...Object.keys(w.spans[0]), 'children'], 'every column plus children');
  t.same(w.root_span.children.map((c: any) => c.span_id), [auth.span_id, create.span_id, emitted.body.data.span_id]);
  t.same(w.root_span.children[1].children.map((c: any) => c.span_id), [write.span_id]);
  t.same(w.root_span.children[1].children[0].children, []);

  for (const id of ['nope', '55555555-5555-4555-8555-555555555555']) {
    const missing = await call('GET', `/_events/trace/${id}`);
    t.equal(missing.status, 404);
    t.same(missing.body.error, { code: 'NOT_FOUND', message: `Trace not found: ${id}` });
  }
}, OFF);

/** numpy.percentile(values, 95) (linear): the definition of §A7.4. */
function p95(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const rank = 0.95 * (v.length - 1);
  const lo = Math.floor(rank);
  return v[lo] + ((v[Math.min(lo + 1, v.length - 1)] ?? v[lo]) - v[lo]) * (rank - lo);
}

eachDialect(t, 'stats: totals, average, p95 by linear interpolation, error rate, by source; the filters', async (t, r) => {
  const { app, call } = await setup(r);
  const stats = async (query = '') => {
    const res = await call('GET', `/_events/stats${query}`);
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    return res.body.data;
  };
  t.same(await stats(), { total_events: 0, avg_latency_ms: null, p95_latency_ms: null, error_rate: 0, by_source: [] }, 'no events');
  const engine = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12.5];
  const http = [10, 20, 30];
  for (const [i, d] of engine.entries()) await span(r, app.name, { source: 'engine', duration_ms: d, status: i < 2 ? 'error' : 'ok', entity: 'order', created_at: `2025-04-02T10:00:${String(i).padStart(2, '0')}.000Z` });
  for (const d of http) await span(r, app.name, { source: 'http', duration_ms: d, created_at: '2025-04-03T10:00:00.000Z' });
  await span(r, app.name, { source: 'db', duration_ms: null, status: 'error' }); // counts for totals and errors, not for by_source
  await call('POST', '/_events', { action: 'b', entity: 'order' });
  const all = [...engine, ...http];
  const s = await stats();
  t.equal(s.total_events, 17);
  t.equal(s.error_rate, 3 / 17);
  t.ok(Math.abs(s.avg_latency_ms - all.reduce((a, b) => a + b, 0) / all.length) < 1e-9, 'average over events with a duration');
  t.ok(Math.abs(s.p95_latency_ms - p95(all)) < 1e-9, `p95 ${s.p95_latency_ms} = ${p95(all)}`);
  t.same(s.by_source.map((b: any) => [b.source, b.count, b.error_count]), [['engine', 12, 2], ['http', 3, 0]], 'by count, only sources with durations');
  t.ok(Math.abs(s.by_source[0].p95_duration_ms - p95(engine)) < 1e-9);
  t.ok(Math.abs(s.by_source[1].p95_duration_ms - 29) < 1e-9, 'p95 of 10, 20, 30 is 29');
  t.equal(s.by_source[1].avg_duration_ms, 20);
  for (const v of [s.total_events, s.avg_latency_ms, s.p95_latency_ms, s.error_rate]) t.equal(typeof v, 'number');

  const orders = await stats('?entity=order');
  t.equal(orders.total_events, 13, 'entity applies to everything');
  t.same(orders.by_source.map((b: any) => b.source), ['engine']);
  const day = await stats('?from=2025-04-03T00:00:00Z&to=2025-04-03T23:59:59Z');
  t.equal(day.total_events, 3);
  t.equal(day.p95_latency_ms, 29);
  const one = await stats('?from=2025-04-02T10:00:11Z&to=2025-04-02T10:00:11Z');
  t.same(one.by_source, [{ source: 'engine', count: 1, avg_duration_ms: 12.5, p95_duration_ms: 12.5, error_count: 0 }], 'one value is its own p95');
  t.equal((await call('GET', '/_events/stats?to=never')).status, 422);
}, OFF);

eachDialect(t, 'with instrumentation on, the API reads system spans and business events together', async (t, r) => {
  const { call, list } = await setup(r);
  const res = await call('POST', '/_events', { action: 'signal' });
  const { tracerOf } = await import('../../core/tracing/tracer.js');
  await tracerOf(r.server.rocket)!.flushAll(r.server.rocket.apps.loadedApps());
  const events = (await list(`?trace_id=${res.body.data.trace_id}&sort=created_at`)).data;
  t.same(events.map((e) => [e.event_type, e.action]), [['system', 'request.start'], ['system', 'auth.validate'], ['business', 'signal']]);
  t.equal(events[2].parent_span_id, events[0].span_id, 'the business event is a child of the request\'s root span');
  const w = (await call('GET', `/_events/trace/${res.body.data.trace_id}`)).body.data;
  t.same(w.root_span.children.map((c: any) => c.action), ['auth.validate', 'signal']);
}, { instrumentation: { flush_interval_ms: 10 } });
