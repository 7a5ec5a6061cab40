// Tracing (observability-and-audit.md §A2–§A6) over HTTP on both databases: the trace headers
// (generated, adopted, traceparent), every mandatory span of a create, a nested update, a rule
// failure, a state transition, webhooks (synchronous, asynchronous, a scheduled retry) and files,
// fetched by trace id with their parent links; sampling; back-pressure; the flush on shutdown;
// query.execute spans; retention; OTLP export to a local receiver.
import t from 'tap';
import type { DeepPartial } from '../../config/load.js';
import type { RocketConfig } from '../../config/schema.js';
import { appSink } from '../../core/tracing/index.js';
import { eventsRetentionJob } from '../../core/tracing/retention.js';
import { tracerOf } from '../../core/tracing/tracer.js';
import { writeSpans } from '../../core/tracing/store.js';
import type { Span } from '../../core/tracing/span.js';
import { workflowTimeoutsJob } from '../../core/workflows/timeouts.js';
import { receiver, until } from '../helpers/receiver.js';
import { dialects, dropStores, eachDialect, startRocket, testConfig, userToken, type TestRocket } from '../helpers/server.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const V4_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TRACEPARENT_RE = /^00-([0-9a-f]{32})-([0-9a-f]{16})-(0[01])$/;
const FAST = { instrumentation: { flush_interval_ms: 10 } } satisfies DeepPartial<RocketConfig>;

const uuidPk = { field: 'id', type: 'uuid', generated: true };
const order = {
  name: 'order', table: 'orders', primary_key: uuidPk,
  fields: [{ name: 'id', type: 'uuid' }, { name: 'number', type: 'string', required: true }, { name: 'status', type: 'string' }, { name: 'qty', type: 'int' }],
};
const line = {
  name: 'order_line', table: 'order_lines', primary_key: uuidPk,
  fields: [{ name: 'id', type: 'uuid' }, { name: 'order_id', type: 'uuid' }, { name: 'product', type: 'string', required: true }],
};

async function setup(r: TestRocket) {
  const app = await r.createApp();
  const call = (method: Method, path: string, body?: unknown, opts: { token?: string; headers?: Record<string, string> } = {}) =>
    r.request(method, `/api/${app.name}${path}`, { token: opts.token ?? app.token, body, headers: opts.headers });
  const ok = async (method: Method, path: string, body?: unknown) => {
    const res = await call(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  };
  for (const e of [order, line]) await ok('POST', '/_admin/entities', e);
  await ok('POST', '/_admin/relations', { name: 'lines', type: 'one_to_many', source: 'order', target: 'order_line', target_key: 'order_id' });
  const ctx = () => r.server.rocket.apps.get(app.name)!;
  /** Writes what every app buffered (the test's way to skip the flush interval). */
  const flush = () => tracerOf(r.server.rocket)!.flushAll(r.server.rocket.apps.loadedApps());
  const trace = async (traceId: string) => {
    await flush();
    const res = await call('GET', `/_events/trace/${traceId}`);
    if (res.status !== 200) throw new Error(`trace ${traceId}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data as { root_span: any; spans: any[]; span_count: number; total_duration_ms: number | null };
  };
  return { app, call, ok, ctx, flush, trace };
}

/** The spans of a trace by action (the first of each, and all of them). */
function byAction(spans: any[]): { one: (action: string) => any; all: (action: string) => any[] } {
  return {
    one: (action) => {
      const found = spans.find((s) => s.action === action);
      if (!found) throw new Error(`no ${action} span in ${spans.map((s) => s.action).join(', ')}`);
      return found;
    },
    all: (action) => spans.filter((s) => s.action === action),
  };
}

eachDialect(t, 'trace headers: generated, adopted, replaced, from traceparent; on errors; never on platform routes', async (t, r) => {
  const { app, call } = await setup(r);
  const plain = await call('GET', '/order');
  t.match(plain.headers['x-trace-id'], V4_RE, 'a new UUID v4');
  const tp = TRACEPARENT_RE.exec(String(plain.headers.traceparent));
  t.ok(tp, `traceparent ${plain.headers.traceparent}`);
  t.equal(tp![1], String(plain.headers['x-trace-id']).replaceAll('-', ''), 'the same trace id');
  t.equal(tp![3], '01', 'sampled');

  const mine = 'F2A9C1D4-6B3E-4A70-9E85-1C7D0B4F2E96';
  t.equal((await call('GET', '/order', undefined, { headers: { 'x-trace-id': mine } })).headers['x-trace-id'], mine.toLowerCase(), 'a valid X-Trace-ID is adopted, lowercased');
  const bad = await call('GET', '/order', undefined, { headers: { 'x-trace-id': 'not-a-uuid' } });
  t.match(bad.headers['x-trace-id'], V4_RE, 'an invalid one is replaced');

  const parent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
  const fromParent = await call('GET', '/order', undefined, { headers: { traceparent: parent } });
  t.equal(fromParent.headers['x-trace-id'], '4bf92f35-77b3-4da6-a3ce-929d0e0e4736', 'a W3C traceparent gives the trace id');
  t.match(fromParent.headers.traceparent, /^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/, 'and is answered with ours as the parent');
  t.not(String(fromParent.headers.traceparent).split('-')[2], '00f067aa0ba902b7');
  t.equal((await call('GET', '/order', undefined, { headers: { traceparent: parent, 'x-trace-id': mine } })).headers['x-trace-id'], mine.toLowerCase(),
    'X-Trace-ID (the contract) wins over traceparent');
  for (const invalid of ['00-00000000000000000000000000000000-00f067aa0ba902b7-01', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', 'garbage']) {
    t.match((await call('GET', '/order', undefined, { headers: { traceparent: invalid } })).headers['x-trace-id'], V4_RE, `invalid traceparent ${invalid}`);
  }

  const errors: Array<[string, Promise<{ status: number; headers: Record<string, unknown> }>]> = [
    ['401', r.request('GET', `/api/${app.name}/order`)],
    ['403', call('GET', '/_events', undefined, { token: userToken(r, app.name, ['staff']) })],
    ['404 entity', call('GET', '/nope')],
    ['404 record', call('GET', '/order/7d1e8b03-a5c4-4f92-b6e7-90c2d1a4f85e')],
    ['404 app', r.request('GET', '/api/no-such-app/order', { token: app.token })],
    ['public route', r.request('POST', `/api/${app.name}/auth/login`, { body: { email: 'admin@localhost', password: 'wrong' } })],
  ];
  for (const [what, pending] of errors) {
    const res = await pending;
    t.match(res.headers['x-trace-id'], UUID_RE, `${what} (${res.status}) carries X-Trace-ID`);
    t.match(res.headers.traceparent, TRACEPARENT_RE, `${what} carries traceparent`);
  }
  t.notOk((await r.request('GET', '/health')).headers['x-trace-id'], '/health is not traced');
  t.notOk((await r.request('GET', '/api/_platform/apps', { token: await r.platformToken() })).headers['x-trace-id'], 'platform routes are not traced');
}, FAST);

eachDialect(t, 'every span of a create: the root, auth.validate, record.create, permission.check, nested_write.execute', async (t, r) => {
  const { call, trace } = await setup(r);
  const res = await call('POST', '/order', { number: 'A1' });
  t.equal(res.status, 201);
  const id = res.body.data.id;
  const { root_span: root, spans, span_count: count, total_duration_ms: total } = await trace(String(res.headers['x-trace-id']));
  const me = (await call('GET', '/_admin/users')).body.data.find((u: any) => u.email === 'admin@localhost');
  t.match(root, {
    source: 'http', component: 'handler', action: 'request.start', parent_span_id: null, event_type: 'system', status: 'ok', user_id: me.id,
    metadata: { method: 'POST', path: `/api/${r.server.rocket.apps.loadedApps()[0].name}/order`, status_code: 201 },
  });
  t.equal(String(res.headers.traceparent).split('-')[2], root.span_id.slice(19, 23) + root.span_id.slice(24), 'traceparent names the root span');
  t.equal(total, root.duration_ms);
  t.equal(count, spans.length);
  t.ok(spans.every((s) => s.children === undefined), 'the flat list has no children');
  const s = byAction(spans);
  const auth = s.one('auth.validate');
  t.match(auth, { source: 'auth', component: 'middleware', parent_span_id: root.span_id, status: 'ok', metadata: { token_type: 'app', user_id: me.id } });
  const create = s.one('record.create');
  t.match(create, { source: 'engine', component: 'handler', entity: 'order', record_id: id, parent_span_id: root.span_id, metadata: { record_id: id } });
  const permission = s.one('permission.check');
  t.match(permission, { source: 'auth', component: 'permissions', entity: 'order', parent_span_id: create.span_id, metadata: { action: 'create', result: 'admin_bypass' } });
  const write = s.one('nested_write.execute');
  t.match(write, { source: 'engine', component: 'writer', entity: 'order', record_id: id, parent_span_id: create.span_id, metadata: { operation: 'create' } });
  t.ok(spans.every((x) => x.user_id === me.id && x.trace_id === root.trace_id), 'every span carries the caller and the trace');
  t.ok(spans.every((x) => typeof x.duration_ms === 'number' && x.duration_ms >= 0));
  t.ok(spans.every((x, i) => i === 0 || x.created_at >= spans[i - 1].created_at), 'ordered by start');
  t.same(root.children.map((c: any) => c.action), ['auth.validate', 'record.create']);
  t.same(root.children[1].children.map((c: any) => c.action), ['permission.check', 'nested_write.execute'], 'a tree by enclosing span');
  t.ok(root.duration_ms >= create.duration_ms, 'the root covers the request');

  const reader = userToken(r, r.server.rocket.apps.loadedApps()[0].name, ['reader']);
  const denied = await call('GET', '/order', undefined, { token: reader });
  t.equal(denied.status, 403);
  const d = await trace(String(denied.headers['x-trace-id']));
  t.match(d.root_span, { status: 'error', metadata: { status_code: 403 }, user_id: '00000000-0000-4000-8000-000000000001' });
  t.match(byAction(d.spans).one('permission.check'), {
    status: 'error', metadata: { action: 'read', result: 'denied', error: 'No permission for read on order' },
  });
  t.match(byAction(d.spans).one('record.list'), { status: 'error', metadata: { error: 'No permission for read on order' } });

  const unauth = await r.request('GET', `/api/${r.server.rocket.apps.loadedApps()[0].name}/order`, { token: 'bogus' });
  const u = await trace(String(unauth.headers['x-trace-id']));
  t.match(u.root_span, { status: 'error', user_id: null, metadata: { status_code: 401 } });
  t.match(byAction(u.spans).one('auth.validate'), { status: 'error', metadata: { error: 'Invalid or expired token' } });
}, FAST);

eachDialect(t, 'read spans and an update with a nested child', async (t, r) => {
  const { call, ok, trace } = await setup(r);
  const created = await ok('POST', '/order', { number: 'A1', lines: { data: [{ product: 'p' }] } });
  const list = await call('GET', '/order');
  const l = byAction((await trace(String(list.headers['x-trace-id']))).spans);
  t.match(l.one('record.list'), { entity: 'order', status: 'ok', metadata: { count: 1 } });
  t.match(l.one('permission.check'), { metadata: { action: 'read', result: 'admin_bypass' }, parent_span_id: l.one('record.list').span_id });
  const get = await call('GET', `/order/${created.id}`);
  t.match(byAction((await trace(String(get.headers['x-trace-id']))).spans).one('record.get'), { entity: 'order', record_id: created.id, status: 'ok' });
  const missing = await call('GET', '/order/7d1e8b03-a5c4-4f92-b6e7-90c2d1a4f85e');
  t.match(byAction((await trace(String(missing.headers['x-trace-id']))).spans).one('record.get'),
    { status: 'error', metadata: { error: 'order with id 7d1e8b03-a5c4-4f92-b6e7-90c2d1a4f85e not found' } });

  const lineId = (await ok('GET', `/order/${created.id}?include=lines`)).lines[0].id;
  const updated = await call('PUT', `/order/${created.id}`, { number: 'A2', lines: { data: [{ id: lineId, product: 'q' }, { product: 'r' }] } });
  t.equal(updated.status, 200);
  const u = await trace(String(updated.headers['x-trace-id']));
  const s = byAction(u.spans);
  const update = s.one('record.update');
  t.match(update, { entity: 'order', record_id: created.id, parent_span_id: u.root_span.span_id, status: 'ok' });
  const write = s.one('nested_write.execute');
  t.match(write, { entity: 'order', record_id: created.id, parent_span_id: update.span_id, metadata: { operation: 'update' } });
  t.ok(s.all('permission.check').length >= 1);
  t.ok(s.all('permission.check').every((p) => [update.span_id, write.span_id].includes(p.parent_span_id)), 'permission checks nest under the write');
  t.match(u.root_span, { metadata: { method: 'PUT', status_code: 200 } });

  const del = await call('DELETE', `/order/${created.id}`);
  const ds = byAction((await trace(String(del.headers['x-trace-id']))).spans);
  t.match(ds.one('record.delete'), { entity: 'order', record_id: created.id, status: 'ok' });
  t.match(ds.one('permission.check'), { metadata: { action: 'delete' }, parent_span_id: ds.one('record.delete').span_id });
}, FAST);

eachDialect(t, 'a rule failure: rules.evaluate is an error with its counts, and so are its parents', async (t, r) => {
  const { call, ok, trace } = await setup(r);
  await ok('POST', '/_admin/rules', { entity: 'order', type: 'field', definition: { field: 'qty', operator: 'min', value: 1 } });
  await ok('POST', '/_admin/rules', { entity: 'order', type: 'field', definition: { field: 'number', operator: 'min_length', value: 3 } });
  const res = await call('POST', '/order', { number: 'A', qty: 0 });
  t.equal(res.status, 422);
  const { root_span: root, spans } = await trace(String(res.headers['x-trace-id']));
  const s = byAction(spans);
  t.match(s.one('rules.evaluate'), {
    source: 'engine', component: 'rules', entity: 'order', status: 'error', parent_span_id: s.one('record.create').span_id,
    metadata: { hook: 'before_write', rule_count: 2, error_count: 2, error: 'Validation failed' },
  });
  t.match(s.one('record.create'), { status: 'error', metadata: { error: 'Validation failed' } });
  t.match(root, { status: 'error', metadata: { status_code: 422 } });
  const passing = await call('POST', '/order', { number: 'ABC', qty: 2 });
  t.match(byAction((await trace(String(passing.headers['x-trace-id']))).spans).one('rules.evaluate'),
    { status: 'ok', metadata: { hook: 'before_write', rule_count: 2, error_count: 0 } });
}, FAST);

eachDialect(t, 'a state transition: state.transition under the write, errors counted', async (t, r) => {
  const { call, ok, trace } = await setup(r);
  await ok('POST', '/_admin/state-machines', {
    entity: 'order', field: 'status', definition: { initial: 'new', transitions: [{ from: 'new', to: 'paid' }] },
  });
  const created = await call('POST', '/order', { number: 'A1' });
  const id = created.body.data.id;
  t.match(byAction((await trace(String(created.headers['x-trace-id']))).spans).one('state.transition'),
    { entity: 'order', status: 'ok', metadata: { machine_count: 1, error_count: 0 } }, 'the initial state check of a create');
  const paid = await call('PUT', `/order/${id}`, { status: 'paid' });
  t.equal(paid.status, 200);
  const s = byAction((await trace(String(paid.headers['x-trace-id']))).spans);
  t.match(s.one('state.transition'), {
    source: 'engine', component: 'state_machine', entity: 'order', status: 'ok', parent_span_id: s.one('nested_write.execute').span_id,
    metadata: { machine_count: 1, error_count: 0 },
  });
  const back = await call('PUT', `/order/${id}`, { status: 'new' });
  t.equal(back.status, 422);
  t.match(byAction((await trace(String(back.headers['x-trace-id']))).spans).one('state.transition'),
    { status: 'error', metadata: { machine_count: 1, error_count: 1, error: 'Validation failed' } });
  const untouched = await call('PUT', `/order/${id}`, { number: 'B' });
  t.same(byAction((await trace(String(untouched.headers['x-trace-id']))).spans).all('state.transition'), [], 'no state field, no evaluation');
}, FAST);

eachDialect(t, 'webhooks: a synchronous dispatch in the write, an asynchronous one under the root, a retry as its own trace', async (t, r) => {
  const rx = await receiver(t);
  const { call, ok, trace, flush } = await setup(r);
  const sync = await ok('POST', '/_admin/webhooks', { entity: 'order', hook: 'before_write', url: rx.url('/sync') });
  // Retries come 20, 40, 60 … ms apart: some may still meet the failing receiver before the test
  // restores it, so there are attempts to spare and the check below looks for the one that succeeded.
  const later = await ok('POST', '/_admin/webhooks', { entity: 'order', hook: 'after_write', url: rx.url('/async'), retry: { max_attempts: 8, backoff: 'linear' } });
  const res = await call('POST', '/order', { number: 'W1' });
  t.equal(res.status, 201);
  await until(() => rx.received.length >= 2, 'both deliveries');
  await r.server.rocket.webhooks.dispatcher.idle();
  const { root_span: root, spans } = await trace(String(res.headers['x-trace-id']));
  const s = byAction(spans);
  const [first, second] = s.all('webhook.dispatch').sort((a, b) => (a.metadata.async ? 1 : -1) - (b.metadata.async ? 1 : -1));
  t.match(first, {
    source: 'webhook', component: 'dispatcher', entity: 'order', status: 'ok', parent_span_id: s.one('nested_write.execute').span_id,
    metadata: { hook: 'before_write', webhook_id: sync.id, url: rx.url('/sync'), async: false, status_code: 200 },
  });
  t.match(second, {
    source: 'webhook', component: 'dispatcher', entity: 'order', status: 'ok', parent_span_id: root.span_id,
    metadata: { hook: 'after_write', webhook_id: later.id, url: rx.url('/async'), async: true, status_code: 200 },
  }, 'after the response, a child of the root span');

  // A failing first attempt, then the scheduler's retry: its own trace, rooted in webhook.retry.
  rx.status.code = 500;
  const failing = await call('PUT', `/order/${res.body.data.id}`, { number: 'W2' });
  t.equal(failing.status, 500, 'the synchronous webhook vetoes while the receiver fails');
  await ok('DELETE', `/_admin/webhooks/${sync.id}`);
  const again = await call('PUT', `/order/${res.body.data.id}`, { number: 'W3' });
  t.equal(again.status, 200);
  await until(async () => {
    await flush();
    const events = await call('GET', `/_events?trace_id=${again.headers['x-trace-id']}&action=webhook.dispatch`);
    return events.body.data.length === 1;
  }, 'the failed first attempt');
  const failedFirst = (await call('GET', `/_events?trace_id=${again.headers['x-trace-id']}&action=webhook.dispatch`)).body.data[0];
  t.match(failedFirst, { status: 'error', metadata: { status_code: 500, error: 'HTTP 500', async: true } });
  const vetoed = byAction((await trace(String(failing.headers['x-trace-id']))).spans);
  t.match(vetoed.one('webhook.dispatch'), { status: 'error', metadata: { async: false, status_code: 500, error: 'HTTP 500' } });
  rx.status.code = 200;
  let retry: any;
  await until(async () => {
    await flush();
    retry = (await call('GET', '/_events?action=webhook.retry')).body.data.find((e: any) => e.status === 'ok');
    return retry !== undefined;
  }, 'the successful retry span');
  t.match(retry, {
    source: 'webhook', component: 'scheduler', entity: 'order', parent_span_id: null, status: 'ok',
    metadata: { webhook_id: later.id, status_code: 200 },
  });
  t.ok(retry.metadata.attempt >= 2, `a retry, not the first attempt (attempt ${retry.metadata.attempt})`);
  t.match(retry.metadata.log_id, UUID_RE);
  t.not(retry.trace_id, again.headers['x-trace-id'], 'a trace of its own');
  t.equal((await trace(retry.trace_id)).root_span.span_id, retry.span_id);
}, { ...FAST, webhooks: { retry_interval_ms: 20, retry_base_ms: 20 } });

eachDialect(t, 'workflows: trigger and advance under the write, approval with its advance, send_event in the trace, a timeout as its own trace', async (t, r) => {
  const { call, ok, trace, flush, ctx } = await setup(r);
  await ok('POST', '/_admin/workflows', {
    name: 'pay_review', trigger: { type: 'state_change', entity: 'order', field: 'status', to: 'paid' },
    context: { order_id: 'trigger.record_id' },
    steps: [
      { id: 'review', type: 'approval', on_approve: 'mark', on_reject: 'end' },
      {
        id: 'mark', type: 'action', then: 'end',
        actions: [
          { type: 'set_field', entity: 'order', record_id: 'context.order_id', field: 'qty', value: 1 },
          { type: 'send_event', event: 'order.reviewed' },
        ],
      },
    ],
  });
  await ok('POST', '/_admin/workflows', {
    name: 'late_review', trigger: { type: 'state_change', entity: 'order', field: 'status', to: 'late' },
    steps: [{ id: 'wait', type: 'approval', timeout: '1h', on_timeout: 'end' }],
  });

  // The write that starts it: workflow.trigger under the write plan (whose commit starts it), workflow.advance under that.
  const created = await call('POST', '/order', { number: 'WF1', status: 'paid' });
  t.equal(created.status, 201);
  let s = byAction((await trace(String(created.headers['x-trace-id']))).spans);
  const triggered = s.one('workflow.trigger');
  t.match(triggered, {
    source: 'workflow', component: 'engine', entity: 'order', record_id: created.body.data.id, status: 'ok',
    parent_span_id: s.one('nested_write.execute').span_id, metadata: { field: 'status', to_state: 'paid', workflow_count: 1 },
  });
  const [instance] = (await ok('GET', '/_workflows?workflow=pay_review')) as any[];
  t.match(s.one('workflow.advance'), {
    source: 'workflow', component: 'engine', status: 'ok', parent_span_id: triggered.span_id,
    metadata: { instance_id: instance.id, workflow_name: 'pay_review', result: 'paused' },
  });
  const untouched = await call('PUT', `/order/${created.body.data.id}`, { number: 'WF1b' });
  t.same(byAction((await trace(String(untouched.headers['x-trace-id']))).spans).all('workflow.trigger'), [], 'no trigger field written, no trigger span');

  // The approval: workflow.approve under the root, the advance it causes under it, the action's event in the trace.
  const approved = await call('POST', `/_workflows/${instance.id}/approve`);
  t.equal(approved.status, 200);
  t.equal(approved.body.data.status, 'completed');
  const traceId = String(approved.headers['x-trace-id']);
  const waterfall = await trace(traceId);
  s = byAction(waterfall.spans);
  const approve = s.one('workflow.approve');
  t.match(approve, {
    source: 'workflow', component: 'handler', status: 'ok', parent_span_id: waterfall.root_span.span_id,
    metadata: { instance_id: instance.id, user_id: String(approved.body.data.history.at(-2).by) },
  });
  const advance = s.one('workflow.advance');
  t.match(advance, { parent_span_id: approve.span_id, metadata: { instance_id: instance.id, result: 'completed' } });
  t.match(s.one('order.reviewed'), {
    event_type: 'business', source: 'app', component: 'engine', trace_id: traceId, parent_span_id: advance.span_id,
  }, 'the send_event business event joins the trace, under the advance that ran it');

  const rejected = await call('POST', `/_workflows/${instance.id}/reject`);
  t.equal(rejected.status, 422, 'a finished instance cannot be rejected');
  t.match(byAction((await trace(String(rejected.headers['x-trace-id']))).spans).one('workflow.reject'),
    { status: 'error', metadata: { instance_id: instance.id } });

  // A timeout: the scheduler item is the root of its own trace.
  await call('POST', '/order', { number: 'WF2', status: 'late' });
  const [late] = (await ok('GET', '/_workflows?workflow=late_review')) as any[];
  await ctx().db.run('UPDATE _workflow_instances SET current_step_deadline = $1', [new Date(Date.now() - 1000).toISOString()]);
  const job = workflowTimeoutsJob(r.server.rocket.workflows, 60_000);
  await job.run({ job: job.name, app: ctx(), log: r.server.log, signal: new AbortController().signal, now: () => Date.now() });
  await flush();
  const timeouts = (await call('GET', '/_events?action=workflow.timeout')).body.data as any[];
  t.equal(timeouts.length, 1);
  t.match(timeouts[0], { source: 'workflow', component: 'scheduler', parent_span_id: null, status: 'ok', metadata: { instance_id: late.id, step: 'wait' } });
  const own = byAction((await trace(timeouts[0].trace_id)).spans);
  t.same(own.all('request.start'), [], 'no request in the scheduler trace');
  t.equal(own.one('workflow.timeout').span_id, timeouts[0].span_id, 'the timeout span is the root of that trace');
}, FAST);

eachDialect(t, 'sampling 0: headers, no system events; business events still stored', async (t, r) => {
  const { call, flush } = await setup(r);
  const res = await call('POST', '/order', { number: 'A1' });
  t.match(res.headers['x-trace-id'], V4_RE);
  t.match(res.headers.traceparent, /-00$/, 'the sampled flag is off');
  const emitted = await call('POST', '/_events', { action: 'quote.accepted' });
  t.equal(emitted.status, 200);
  await flush();
  const all = await call('GET', '/_events');
  t.same(all.body.data.map((e: any) => e.action), ['quote.accepted'], 'only the business event');
  t.equal(all.body.data[0].trace_id, emitted.headers['x-trace-id']);
}, { instrumentation: { sampling_rate: 0, flush_interval_ms: 10 } });

eachDialect(t, 'sampling 1 (clamped from 5): every request recorded completely', async (t, r) => {
  t.equal(tracerOf(r.server.rocket)!.settings.samplingRate, 1);
  const { call, flush } = await setup(r);
  const ids = [];
  for (let i = 0; i < 5; i++) ids.push(String((await call('GET', '/order')).headers['x-trace-id']));
  await flush();
  for (const id of ids) {
    const events = (await call('GET', `/_events?trace_id=${id}`)).body.data;
    t.same(events.map((e: any) => e.action).sort(), ['auth.validate', 'permission.check', 'record.list', 'request.start']);
  }
}, { instrumentation: { sampling_rate: 5, flush_interval_ms: 10 } });

eachDialect(t, 'disabled: headers and the events API keep working, no system events', async (t, r) => {
  const { call, ctx } = await setup(r);
  const res = await call('POST', '/order', { number: 'A1' });
  t.match(res.headers['x-trace-id'], V4_RE);
  t.match(res.headers.traceparent, /-00$/);
  t.notOk(appSink(ctx()), 'no buffer at all');
  const emitted = await call('POST', '/_events', { action: 'x' });
  t.equal(emitted.body.data.trace_id, emitted.headers['x-trace-id']);
  t.same((await call('GET', '/_events')).body.data.map((e: any) => e.action), ['x']);
}, { instrumentation: { enabled: false } });

eachDialect(t, 'back-pressure: past 10 × buffer_size spans are dropped and counted, with one warning', async (t, r) => {
  const { call, ctx, flush } = await setup(r);
  const sink = appSink(ctx())!;
  // The database "cannot keep up": the first flush never ends until released.
  let release!: () => void;
  const stalled = new Promise<void>((resolve) => (release = resolve));
  const writes: number[] = [];
  const original = (sink as any).write;
  (sink as any).write = async (db: unknown, spans: unknown[]) => {
    writes.push(spans.length);
    if (writes.length === 1) await stalled;
    return original(db, spans);
  };
  const before = sink.pending;
  let added = 0;
  const add = sink.add.bind(sink);
  sink.add = (span) => {
    added++;
    add(span);
  };
  const warnings: unknown[] = [];
  const log = (sink as any).opts.log;
  (sink as any).opts.log = { ...log, warn: (obj: unknown, msg: string) => warnings.push([obj, msg]) };
  for (let i = 0; i < 10; i++) await call('GET', '/order'); // 4 spans each
  t.equal(writes[0], 2, 'the first flush took buffer_size spans');
  t.equal(sink.pending, 20, 'the buffer holds 10 × buffer_size');
  t.ok(added >= 40, 'four spans per request');
  t.equal(sink.dropped, before + added - 2 - 20, 'the rest was dropped');
  t.equal(warnings.length, 1, 'one warning however many drops');
  t.match(warnings[0], [{ dropped: 1, dropped_total: 1, buffered: 20 }, 'event buffer full: system events dropped']);
  release();
  await flush();
  t.equal(sink.pending, 0);
  t.equal((await call('GET', '/_events?event_type=system&per_page=100')).body.pagination.total >= 22, true, 'what was buffered is written');
}, { instrumentation: { buffer_size: 2, flush_interval_ms: 10 } });

for (const dialect of dialects) {
  t.test(`shutdown flushes the buffers [${dialect}]`, async (t) => {
    const config = testConfig(dialect, { instrumentation: { flush_interval_ms: 600_000, buffer_size: 10_000 } });
    const a = await startRocket(dialect, {}, config);
    const { name, token } = await a.createApp();
    const res = await a.request('GET', `/api/${name}/_events`, { token });
    t.equal(appSink(a.server.rocket.apps.get(name)!)!.pending > 0, true, 'spans are waiting');
    await a.server.close();
    const b = await startRocket(dialect, {}, config);
    t.teardown(async () => {
      for (const app of await b.server.rocket.apps.list()) await b.server.rocket.apps.delete(app.name).catch(() => {});
      await b.server.close();
      await dropStores(dialect, config);
    });
    const login = await b.request('POST', `/api/${name}/auth/login`, { body: { email: 'admin@localhost', password: 'changeme' } });
    const events = await b.request('GET', `/api/${name}/_events?trace_id=${res.headers['x-trace-id']}`, { token: login.body.data.access_token });
    t.same(events.body.data.map((e: any) => e.action).sort(), ['auth.validate', 'request.start'], 'written on the way down');
  });
}

eachDialect(t, 'db_queries: query.execute spans with fingerprints, under the span that ran them', async (t, r) => {
  const { call, ok, trace } = await setup(r);
  const created = await ok('POST', '/order', { number: 'SECRET-123' });
  const get = await call('GET', `/order/${created.id}`);
  const s = byAction((await trace(String(get.headers['x-trace-id']))).spans);
  const queries = s.all('query.execute');
  t.ok(queries.length >= 1, 'the SELECT is a span');
  const select = queries.find((q) => q.metadata.operation === 'SELECT' && /orders/.test(q.metadata.sql_fingerprint));
  t.ok(select, JSON.stringify(queries.map((q) => q.metadata)));
  t.match(select, { source: 'db', component: 'query', status: 'ok', parent_span_id: s.one('record.get').span_id, metadata: { rows: 1 } });
  t.notMatch(select.metadata.sql_fingerprint, /\$\d/, 'parameters are ?');
  const write = await call('POST', '/order', { number: 'SECRET-456' });
  const w = byAction((await trace(String(write.headers['x-trace-id']))).spans);
  const insert = w.all('query.execute').find((q) => q.metadata.operation === 'INSERT' || q.metadata.operation === 'WITH');
  t.ok(insert, 'the INSERT is a span');
  t.notOk(JSON.stringify(w.all('query.execute')).includes('SECRET-456'), 'no parameter value is recorded');
  t.notOk((await call('GET', '/_events?action=query.execute&per_page=100')).body.data.some((q: any) => /_spans/.test(q.metadata.sql_fingerprint) && q.metadata.operation === 'INSERT'),
    'the buffer\'s own writes are no spans');
}, { instrumentation: { db_queries: true, flush_interval_ms: 10 } });

eachDialect(t, 'retention: the hourly job deletes events older than retention_days from both tables', async (t, r) => {
  const { call, ctx, flush } = await setup(r);
  await call('POST', '/_events', { action: 'fresh' });
  await call('GET', '/order');
  await flush();
  const old = new Date(Date.now() - 8 * 24 * 3600 * 1000).toISOString();
  const db = ctx().db;
  const cols = 'id, trace_id, span_id, event_type, source, component, action, created_at';
  await db.run(`INSERT INTO _events (${cols}) VALUES ($1, $2, $3, 'business', 'app', 'engine', 'stale', $4)`,
    ['0b9e5a43-8d27-4c1e-9f36-2a7d4c8e1b50', '1b9e5a43-8d27-4c1e-9f36-2a7d4c8e1b50', '2b9e5a43-8d27-4c1e-9f36-2a7d4c8e1b50', old]);
  const stale = { id: '3b9e5a43-8d27-4c1e-9f36-2a7d4c8e1b50', trace_id: '4b9e5a43-8d27-4c1e-9f36-2a7d4c8e1b50', span_id: '5b9e5a43-8d27-4c1e-9f36-2a7d4c8e1b50',
    parent_span_id: null, source: 'http', component: 'handler', action: 'stale', entity: null, record_id: null, user_id: null, duration_ms: 1,
    status: 'ok', metadata: null, created_at: Date.parse(old) };
  await writeSpans(db, [stale as unknown as Span]);
  const before = (await call('GET', '/_events?per_page=100')).body.data;
  t.equal(before.filter((e: any) => e.action === 'stale').length, 2);
  if (r.dialect === 'postgres') {
    const tables = await db.query<{ p: string }>("SELECT relpersistence AS p FROM pg_class WHERE relname IN ('_span_batches', '_span_traces')");
    t.same(tables.map((x) => x.p), ['u', 'u'], 'system spans live in UNLOGGED tables on PostgreSQL');
  }
  const job = eventsRetentionJob(7);
  t.equal(job.intervalMs, 3600_000, 'hourly');
  await job.run({ job: job.name, app: ctx(), log: r.server.log, signal: new AbortController().signal, now: () => Date.now() });
  const after = (await call('GET', '/_events?per_page=100')).body.data;
  t.equal(after.filter((e: any) => e.action === 'stale').length, 0, 'both 8-day-old events are gone');
  t.same(await db.query('SELECT trace_id FROM _span_traces WHERE trace_id = $1', [stale.trace_id]), [], 'with the stale batch\'s trace index');
  t.ok(after.some((e: any) => e.action === 'fresh') && after.some((e: any) => e.action === 'request.start'), 'today\'s stay');
}, { instrumentation: { retention_days: 7, flush_interval_ms: 10 } });

for (const dialect of dialects) {
  t.test(`OTLP: spans are exported to the collector over OTLP/HTTP JSON [${dialect}]`, async (t) => {
    const rx = await receiver(t);
    const r = await startRocket(dialect, { instrumentation: { flush_interval_ms: 10, otlp_endpoint: rx.url('/').replace(/\/$/, '') } });
    t.teardown(() => r.close());
    const { call, flush } = await setup(r);
    const parent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const res = await call('POST', '/order', { number: 'O1' }, { headers: { traceparent: parent } });
    t.equal(res.status, 201);
    await flush();
    await until(() => rx.received.some((x) => x.raw.includes('record.create')), 'the export');
    const requests = rx.received.filter((x) => x.url === '/v1/traces');
    t.ok(requests.length >= 1, 'posted to /v1/traces');
    t.match(requests[0].headers['content-type'], /application\/json/);
    const spans = requests.flatMap((x) => x.body.resourceSpans.flatMap((rs: any) => rs.scopeSpans.flatMap((ss: any) => ss.spans)));
    const mine = spans.filter((s: any) => s.traceId === '4bf92f3577b34da6a3ce929d0e0e4736');
    t.same(mine.map((s: any) => s.name).sort(), ['auth.validate', 'nested_write.execute', 'permission.check', 'record.create', 'request.start']);
    const root = mine.find((s: any) => s.name === 'request.start');
    t.equal(root.parentSpanId, '00f067aa0ba902b7', 'the root continues the caller\'s span');
    t.equal(root.kind, 2, 'SERVER');
    t.equal(String(res.headers.traceparent).split('-')[2], root.spanId, 'the span id the response named');
    const create = mine.find((s: any) => s.name === 'record.create');
    t.equal(create.parentSpanId, root.spanId);
    t.ok(create.attributes.some((a: any) => a.key === 'rocket.entity' && a.value.stringValue === 'order'));
    const resource = requests[0].body.resourceSpans[0].resource.attributes;
    t.ok(resource.some((a: any) => a.key === 'service.name' && a.value.stringValue === 'rocket'));
  });
}
