// State machines enforced on writes over HTTP, on both databases (logic.md §3.2–§3.7,
// write-pipeline.md §2.2 steps 7, 16, 24, 30 and §6): the initial state on create, transitions,
// roles and guards on update, every transition action for real (set_field, create_record,
// send_event into _events, the webhook to a local receiver), machines on nested children, inactive
// machines, and the recovery of effects whose process died between COMMIT and the effect.
import t from 'tap';
import { receiver, until } from '../helpers/receiver.js';
import { PG_URL, eachDialect, startInstancePair, startRocket, testConfig, dropStores, dialects, userToken, type TestRocket } from '../helpers/server.js';

const intPk = { field: 'id', type: 'int', generated: true };
const claim = {
  name: 'claim', table: 'claims', primary_key: intPk,
  fields: [
    { name: 'id', type: 'int' }, { name: 'title', type: 'string' }, { name: 'amount', type: 'float' },
    { name: 'status', type: 'string', default: 'zzz' }, { name: 'phase', type: 'string' },
    { name: 'submitted_at', type: 'timestamp' }, { name: 'submitted_on', type: 'date' }, { name: 'note', type: 'string' },
  ],
};
const ledger = {
  name: 'ledger', table: 'ledger', primary_key: intPk,
  fields: [
    { name: 'id', type: 'int' }, { name: 'claim_id', type: 'int', required: true }, { name: 'amount', type: 'float', required: true },
    { name: 'kind', type: 'string' }, { name: 'ref', type: 'string', required: true, unique: true }, { name: 'state', type: 'string' },
  ],
};
const line = {
  name: 'line', table: 'lines', primary_key: intPk,
  fields: [{ name: 'id', type: 'int' }, { name: 'claim_id', type: 'int' }, { name: 'label', type: 'string' }, { name: 'stage', type: 'string' }],
};

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

function machineDef(hookUrl: string) {
  return {
    entity: 'claim', field: 'status',
    definition: {
      initial: 'draft',
      transitions: [
        {
          from: 'draft', to: 'submitted', guard: 'record.amount > 0',
          actions: [
            { type: 'set_field', field: 'submitted_at', value: 'now' },
            { type: 'set_field', field: 'submitted_on', value: 'now' },
            { type: 'set_field', field: 'note', value: 'sent' },
          ],
        },
        {
          from: ['submitted', 'on_hold'], to: 'approved', roles: ['finance'],
          actions: [
            { type: 'create_record', entity: 'ledger', data: { claim_id: '{{record.id}}', amount: '{{ record.amount }}', kind: 'expense', ref: '{{record.title}}' } },
            { type: 'send_event', event: 'claim_approved', data: { amount: '{{record.amount}}', by: 'machine' } },
            { type: 'webhook', url: hookUrl, headers: { 'X-Hook-Key': '{{env.ROCKET_TEST_SM_KEY}}', 'X-Origin': 'rocket' } },
          ],
        },
        { from: 'submitted', to: 'on_hold', guard: 'record.amount / 0 > 1' },
        { from: ['draft', 'submitted'], to: 'withdrawn' },
      ],
    },
  };
}

async function setup(r: TestRocket, hookUrl = 'http://127.0.0.1:9/unused') {
  const app = await r.createApp();
  const as = (token: string) => (method: Method, path: string, body?: unknown) => r.request(method, `/api/${app.name}${path}`, { token, body });
  const admin = as(app.token);
  const ok = async (method: Method, path: string, body?: unknown) => {
    const res = await admin(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  };
  for (const e of [claim, ledger, line]) await ok('POST', '/_admin/entities', e);
  await ok('POST', '/_admin/relations', { name: 'lines', type: 'one_to_many', source: 'claim', target: 'line', target_key: 'claim_id' });
  const machine = await ok('POST', '/_admin/state-machines', machineDef(hookUrl));
  const ctx = () => r.server.rocket.apps.get(app.name)!;
  const rows = (sql: string, params: unknown[] = []) => ctx().db.query<Record<string, any>>(sql, params);
  const user = (...roles: string[]) => as(userToken(r, app.name, roles));
  return { app, admin, ok, machine, rows, user };
}

const details = (res: { body: any }) => res.body.error?.details?.map((d: any) => `${d.field}|${d.rule}|${d.message}`);

eachDialect(t, 'create: the initial state replaces an absent or null state, ahead of the default; another value is refused', async (t, r) => {
  const { admin, ok, rows } = await setup(r);
  t.equal((await ok('POST', '/claim', { title: 'a' })).status, 'draft', 'absent → initial, not the field default');
  t.equal((await ok('POST', '/claim', { title: 'b', status: null })).status, 'draft', 'null → initial');
  t.equal((await ok('POST', '/claim', { title: 'c', status: 'draft' })).status, 'draft');
  const wrong = await admin('POST', '/claim', { title: 'd', status: 'approved' });
  t.equal(wrong.status, 422);
  t.same(wrong.body.error.code, 'VALIDATION_FAILED');
  t.same(details(wrong), ["status|state_machine|Initial state must be 'draft', got 'approved'"]);
  t.equal((await rows("SELECT id FROM claims WHERE title = 'd'")).length, 0, 'nothing written');
  const bulk = await admin('POST', '/claim', { title: 'e', lines: { data: [{ label: 'x' }] } });
  t.equal(bulk.status, 201);
});

eachDialect(t, 'update: valid, undefined and multi-from transitions; guards true, false and erroring; set_field now and literal', async (t, r) => {
  const { admin, ok, rows } = await setup(r);
  const c = await ok('POST', '/claim', { title: 'trip', amount: 0 });

  const undefinedTransition = await admin('PUT', `/claim/${c.id}`, { status: 'approved' });
  t.equal(undefinedTransition.status, 422);
  t.same(details(undefinedTransition), ["status|state_machine|Invalid transition from 'draft' to 'approved'"]);

  const blocked = await admin('PUT', `/claim/${c.id}`, { status: 'submitted' });
  t.same(details(blocked), ["status|state_machine|Transition from 'draft' to 'submitted' blocked by guard"], 'guard false (amount 0)');
  t.equal((await ok('GET', `/claim/${c.id}`)).status, 'draft');

  const before = Date.now();
  const submitted = await admin('PUT', `/claim/${c.id}`, { status: 'submitted', amount: 12.5 });
  t.equal(submitted.status, 200, 'the guard sees the merged record with the payload amount');
  const s = submitted.body.data;
  t.equal(s.status, 'submitted');
  t.equal(s.note, 'sent', 'literal set_field');
  t.match(s.submitted_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, '"now" for a timestamp');
  t.ok(Date.parse(s.submitted_at) >= before - 1000 && Date.parse(s.submitted_at) <= Date.now() + 1000);
  t.equal(s.submitted_on, s.submitted_at.slice(0, 10), '"now" for a date is YYYY-MM-DD');
  t.same((await ok('GET', `/claim/${c.id}`)).submitted_at, s.submitted_at, 'stored');

  const erroring = await admin('PUT', `/claim/${c.id}`, { status: 'on_hold' });
  t.same(details(erroring), ["status|state_machine|Guard evaluation error: division by zero"]);

  t.equal((await admin('PUT', `/claim/${c.id}`, { status: 'submitted', title: 'same state' })).status, 200, 'same state: nothing to check');
  t.equal((await admin('PUT', `/claim/${c.id}`, { title: 'no state' })).body.data.status, 'submitted', 'no state field: no machine');

  // Multi-from: draft → withdrawn and submitted → withdrawn are one transition.
  const other = await ok('POST', '/claim', { title: 'other' });
  t.equal((await admin('PUT', `/claim/${other.id}`, { status: 'withdrawn' })).status, 200, 'draft → withdrawn');
  t.equal((await admin('PUT', `/claim/${c.id}`, { status: 'withdrawn' })).status, 200, 'submitted → withdrawn');
  t.same(details(await admin('PUT', `/claim/${c.id}`, { status: 'draft' })), ["status|state_machine|Invalid transition from 'withdrawn' to 'draft'"]);

  // A record without a state may only enter the initial one.
  await rows('UPDATE claims SET status = NULL WHERE id = $1', [other.id]);
  t.same(details(await admin('PUT', `/claim/${other.id}`, { status: 'submitted' })), ["status|state_machine|Invalid transition from '' to 'submitted'"]);
  t.equal((await admin('PUT', `/claim/${other.id}`, { status: 'draft' })).status, 200, "'' → initial");
});

eachDialect(t, 'roles: refused with 403 before the guard, matched case-insensitively, admin bypasses', async (t, r) => {
  const hook = await receiver(t);
  const { ok, admin, user } = await setup(r, hook.url('/hooks/claims'));
  for (const action of ['read', 'update']) await ok('POST', '/_admin/permissions', { entity: 'claim', action, roles: ['staff', 'finance'] });
  const c = await ok('POST', '/claim', { title: 'r1', amount: 3 });
  await ok('PUT', `/claim/${c.id}`, { status: 'submitted' });
  const refused = await user('staff')('PUT', `/claim/${c.id}`, { status: 'approved' });
  t.equal(refused.status, 403);
  t.same(refused.body.error, { code: 'FORBIDDEN', message: "Role not allowed for transition from 'submitted' to 'approved'" });
  t.equal((await ok('GET', `/claim/${c.id}`)).status, 'submitted');
  // A 403 stops at once, even with a 422 from another machine pending.
  const allowed = await user('FINANCE')('PUT', `/claim/${c.id}`, { status: 'approved' });
  t.equal(allowed.status, 200, 'roles match case-insensitively');
  const c2 = await ok('POST', '/claim', { title: 'r2', amount: 3 });
  await ok('PUT', `/claim/${c2.id}`, { status: 'submitted' });
  t.equal((await admin('PUT', `/claim/${c2.id}`, { status: 'approved' })).status, 200, 'admin bypasses transition roles');
});

eachDialect(t, 'several machines: details collected into one 422; a 403 wins over them; inactive machines are not enforced', async (t, r) => {
  const { ok, admin, user, machine } = await setup(r);
  await ok('POST', '/_admin/permissions', { entity: 'claim', action: 'update', roles: ['staff'] });
  await ok('POST', '/_admin/state-machines', {
    entity: 'claim', field: 'phase', definition: { initial: 'a', transitions: [{ from: 'a', to: 'b', guard: 'record.amount < 0' }, { from: 'a', to: 'c', roles: ['boss'] }] },
  });
  const c = await ok('POST', '/claim', { title: 'm', amount: 1 });
  t.equal(c.phase, 'a', 'each machine assigns its initial state');
  const both = await admin('PUT', `/claim/${c.id}`, { status: 'approved', phase: 'b' });
  t.same(details(both), [
    "status|state_machine|Invalid transition from 'draft' to 'approved'",
    "phase|state_machine|Transition from 'a' to 'b' blocked by guard",
  ], 'in machine creation order');
  const forbidden = await user('staff')('PUT', `/claim/${c.id}`, { status: 'approved', phase: 'c' });
  t.equal(forbidden.status, 403, 'a 403 stops evaluation');

  await ok('PUT', `/_admin/state-machines/${machine.id}`, { ...machineDef('http://127.0.0.1:9/x'), active: false });
  t.equal((await admin('PUT', `/claim/${c.id}`, { status: 'approved' })).body.data.status, 'approved', 'inactive: any transition');
  t.equal((await ok('POST', '/claim', { title: 'n' })).status, 'zzz', 'inactive: no initial state, the field default applies');
  t.equal((await ok('POST', '/claim', { title: 'o', status: 'whatever' })).status, 'whatever');
});

eachDialect(t, 'create_record: created in the same transaction; validation details prefixed; a unique violation is 409; failures roll back', async (t, r) => {
  const hook = await receiver(t);
  const { ok, admin, rows } = await setup(r, hook.url('/hooks/claims'));
  const c = await ok('POST', '/claim', { title: 'hotel', amount: 80 });
  await ok('PUT', `/claim/${c.id}`, { status: 'submitted' });
  const approved = await admin('PUT', `/claim/${c.id}`, { status: 'approved' });
  t.equal(approved.status, 200);
  const entries = await ok('GET', '/ledger');
  t.same(entries.map((e: any) => [e.claim_id, e.amount, e.kind, e.ref]), [[c.id, 80, 'expense', 'hotel']], '{{record.id}} is the PK');

  // Validation failure: ref is required and the title is null.
  const untitled = await ok('POST', '/claim', { amount: 5 });
  await ok('PUT', `/claim/${untitled.id}`, { status: 'submitted' });
  const invalid = await admin('PUT', `/claim/${untitled.id}`, { status: 'approved' });
  t.equal(invalid.status, 422);
  t.same(details(invalid), ['create_record.ledger.ref|required|ref is required']);
  t.equal((await ok('GET', `/claim/${untitled.id}`)).status, 'submitted', 'the transition rolled back');

  // Unique violation: another claim titled "hotel" makes the same ref.
  const twin = await ok('POST', '/claim', { title: 'hotel', amount: 9 });
  await ok('PUT', `/claim/${twin.id}`, { status: 'submitted' });
  const conflict = await admin('PUT', `/claim/${twin.id}`, { status: 'approved', lines: { data: [{ label: 'child' }] } });
  t.equal(conflict.status, 409);
  t.equal(conflict.body.error.code, 'CONFLICT');
  t.equal((await ok('GET', `/claim/${twin.id}`)).status, 'submitted', 'rolled back');
  t.equal((await rows('SELECT id FROM lines')).length, 0, 'children rolled back too');
  t.equal((await ok('GET', '/ledger')).length, 1);
  t.equal((await rows('SELECT id FROM _effects')).length, 2, 'only the first approval recorded effects (its event and its webhook)');
  await until(() => hook.received.length === 1, 'the first webhook');
  t.equal(hook.received.length, 1, 'no webhook for rolled-back transitions');
});

eachDialect(t, 'send_event and the webhook action: after commit, bodies and headers as specified', async (t, r) => {
  process.env.ROCKET_TEST_SM_KEY = 'secret-from-env';
  t.teardown(() => void delete process.env.ROCKET_TEST_SM_KEY);
  const hook = await receiver(t);
  const { app, ok, user, rows } = await setup(r, hook.url('/hooks/claims'));
  await ok('POST', '/_admin/permissions', { entity: 'claim', action: 'update', roles: ['finance'] });
  const c = await ok('POST', '/claim', { title: 'flight', amount: 420.5 });
  await ok('PUT', `/claim/${c.id}`, { status: 'submitted' });
  const userId = '00000000-0000-4000-8000-0000000000aa';
  const res = await r.request('PUT', `/api/${app.name}/claim/${c.id}`, { token: userToken(r, app.name, ['finance'], userId), body: { status: 'approved' } });
  t.equal(res.status, 200);

  const events = await rows("SELECT * FROM _events WHERE event_type = 'business'");
  t.equal(events.length, 1, 'the event is written before the response');
  const e = events[0];
  // observability-and-audit.md §A7.1: the values of an emitted event, in the writing request's trace.
  t.match(e, { event_type: 'business', source: 'app', component: 'engine', action: 'claim_approved', entity: 'claim', record_id: String(c.id), user_id: userId });
  t.equal(e.trace_id, res.headers['x-trace-id'], 'in the trace of the request that made the transition');
  t.ok(e.parent_span_id, 'under a span of that request');
  const metadata = typeof e.metadata === 'string' ? JSON.parse(e.metadata) : e.metadata;
  t.same(metadata, { source: 'state_machine', field: 'status', from: 'submitted', to: 'approved', data: { amount: 420.5, by: 'machine' } });

  await until(() => hook.received.length === 1, 'the transition webhook');
  const got = hook.received[0];
  t.equal(got.method, 'POST', 'POST by default');
  t.equal(got.url, '/hooks/claims');
  t.equal(got.headers['content-type'], 'application/json');
  t.equal(got.headers['x-hook-key'], 'secret-from-env', '{{env.NAME}} resolved at send time');
  t.equal(got.headers['x-origin'], 'rocket');
  t.match(got.body, {
    event: 'state_transition', entity: 'claim', record_id: c.id, field: 'status', from: 'submitted', to: 'approved',
    record: { id: c.id, title: 'flight', amount: 420.5, status: 'approved', note: 'sent' },
    user: { id: userId, roles: ['finance'] },
  });
  t.match(got.body.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  t.match(got.body.idempotency_key, /^wh_[0-9a-f-]{36}$/);
  t.equal(got.headers['idempotency-key'], got.body.idempotency_key);
  t.same(Object.keys(got.body.record).sort(), claim.fields.map((f) => f.name).sort(), 'the complete record');
  const stored = await rows('SELECT payload FROM _effects');
  t.notOk(JSON.stringify(stored).includes('secret-from-env'), 'header templates are stored unresolved');
  await until(async () => (await rows("SELECT id FROM _effects WHERE status = 'done'")).length === 2, 'both effects done');

  // A failing receiver: logged, never failing the write.
  hook.status.code = 503;
  const c2 = await ok('POST', '/claim', { title: 'taxi', amount: 3 });
  await ok('PUT', `/claim/${c2.id}`, { status: 'submitted' });
  t.equal((await user('finance')('PUT', `/claim/${c2.id}`, { status: 'approved' })).status, 200);
  await until(async () => (await rows("SELECT error FROM _effects WHERE status = 'failed'")).length === 1, 'the failed webhook recorded');
  t.same((await rows("SELECT error FROM _effects WHERE status = 'failed'"))[0].error, 'HTTP 503');
});

eachDialect(t, 'machines on nested children: prefixed details, initial state, nothing written on refusal', async (t, r) => {
  const { ok, admin, rows } = await setup(r);
  await ok('POST', '/_admin/state-machines', {
    entity: 'line', field: 'stage', definition: { initial: 'new', transitions: [{ from: 'new', to: 'done', guard: 'record.label != nil' }] },
  });
  const c = await ok('POST', '/claim', { title: 'with lines', lines: { data: [{ label: 'a' }, {}] } });
  const lines = await ok('GET', `/line?sort=id`);
  t.same(lines.map((l: any) => l.stage), ['new', 'new'], 'children get their initial state');
  const wrongInitial = await admin('POST', '/claim', { title: 'x', lines: { data: [{ label: 'a' }, { label: 'b', stage: 'done' }] } });
  t.same(details(wrongInitial), ["lines[1].stage|state_machine|Initial state must be 'new', got 'done'"]);

  const blocked = await admin('PUT', `/claim/${c.id}`, {
    title: 'renamed', lines: { data: [{ id: lines[0].id, stage: 'done' }, { id: lines[1].id, stage: 'done' }, { label: 'new one' }], mode: 'merge' },
  });
  t.equal(blocked.status, 422);
  t.same(details(blocked), ["lines[1].stage|state_machine|Transition from 'new' to 'done' blocked by guard"]);
  t.equal((await ok('GET', `/claim/${c.id}`)).title, 'with lines', 'the parent rolled back');
  t.same((await rows('SELECT stage FROM lines ORDER BY id')).map((l) => l.stage), ['new', 'new'], 'no child changed');
  t.equal((await rows('SELECT id FROM lines')).length, 2, 'no child added');

  const done = await admin('PUT', `/claim/${c.id}`, { lines: { data: [{ id: lines[0].id, stage: 'done' }], mode: 'merge' } });
  t.equal(done.status, 200);
  t.same((await rows('SELECT stage FROM lines ORDER BY id')).map((l) => l.stage), ['done', 'new']);

  // A parent transition refused → its children are not written either.
  const refused = await admin('PUT', `/claim/${c.id}`, { status: 'approved', lines: { data: [{ label: 'late' }], mode: 'merge' } });
  t.equal(refused.status, 422);
  t.equal((await rows('SELECT id FROM lines')).length, 2);
});

// The crash test (issue #14 item 5): the process "dies" between COMMIT and its effects (the test
// seam throws there); a new server on the same database finishes them, once.
for (const dialect of dialects) {
  t.test(`effects lost to a crash after COMMIT are finished by the next server, once [${dialect}]`, async (t) => {
    const hook = await receiver(t);
    // The writer's lease (recovery delay) is short; the first server's own job would only look in a minute.
    const config = testConfig(dialect, { effects: { recovery_delay_ms: 100, interval_ms: 60_000 } });
    t.teardown(() => dropStores(dialect, config));
    const first = await startRocket(dialect, {}, config);
    let app: string;
    let claimId: number;
    try {
      const s = await setup(first, hook.url('/hooks/claims'));
      app = s.app.name;
      const c = await s.ok('POST', '/claim', { title: 'crash', amount: 7 });
      claimId = c.id;
      await s.ok('PUT', `/claim/${c.id}`, { status: 'submitted' });
      first.server.rocket.effects.beforeFinish = () => { throw new Error('process died after COMMIT'); };
      const approved = await s.admin('PUT', `/claim/${c.id}`, { status: 'approved' });
      t.equal(approved.status, 200, 'the write was acknowledged');
      t.equal((await s.rows('SELECT id FROM _events')).length, 0, 'no event yet');
      t.equal((await s.rows("SELECT id FROM _effects WHERE status = 'pending'")).length, 2, 'both intents recorded');
      t.equal((await s.rows('SELECT id FROM ledger')).length, 1, 'create_record committed with the write');
    } finally {
      await first.server.close();
    }
    t.equal(hook.received.length, 0, 'no webhook sent by the dead process');

    const second = await startRocket(dialect, {}, { ...config, effects: { recovery_delay_ms: 100, interval_ms: 20 } });
    t.teardown(() => second.server.close());
    const db = () => second.server.rocket.apps.get(app)!.db; // every active app loads at start
    await until(async () => (await db().query("SELECT id FROM _effects WHERE status = 'done'")).length === 2, 'the effects finished');
    await until(() => hook.received.length === 1, 'the recovered webhook');
    const events = await db().query<Record<string, unknown>>('SELECT action, record_id FROM _events');
    t.same(events, [{ action: 'claim_approved', record_id: String(claimId!) }], 'the event, once');
    t.equal(hook.received[0].body.to, 'approved');
    // More ticks change nothing: both effects are done.
    await new Promise((r) => setTimeout(r, 100));
    t.equal(hook.received.length, 1, 'the webhook once');
    t.equal((await db().query('SELECT id FROM _events')).length, 1);
  });
}

if (PG_URL) {
  t.test('a machine created, changed or deleted on one instance applies on the other [postgres]', async (t) => {
    const [a, b] = await startInstancePair(t);
    const s = await setup(a);
    const onB = (method: Method, path: string, body?: unknown) => b.request(method, `/api/${s.app.name}${path}`, { token: s.app.token, body });
    await until(async () => (await onB('POST', '/claim', { title: 'b' })).body?.data?.status === 'draft', 'B assigns the initial state');
    const c = await s.ok('POST', '/claim', { title: 'x' });
    t.same(details(await onB('PUT', `/claim/${c.id}`, { status: 'approved' })), ["status|state_machine|Invalid transition from 'draft' to 'approved'"]);
    await s.ok('DELETE', `/_admin/state-machines/${s.machine.id}`);
    await until(async () => (await onB('PUT', `/claim/${c.id}`, { status: 'approved' })).status === 200, 'B drops the machine');
    t.pass('B follows every change');
  });
}
