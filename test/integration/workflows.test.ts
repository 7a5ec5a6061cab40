// Workflows at run time over HTTP, on both databases (logic.md §4.2–§4.9, write-pipeline.md §7):
// state-change and event triggers, the context mapping, condition/action/approval steps, every
// workflow action for real (set_field, the webhook to a local receiver, create_record, send_event),
// approvals with assignees, timeouts through the scheduler, the step limit, concurrent approvals,
// the admin list, and the recovery of a start whose process died between COMMIT and the start.
import t from 'tap';
import { receiver, until } from '../helpers/receiver.js';
import { PG_URL, dialects, dropStores, eachDialect, startInstancePair, startRocket, testConfig, userToken, type TestRocket } from '../helpers/server.js';

const uuidPk = { field: 'id', type: 'uuid', generated: true };
const claim = {
  name: 'expense_claim', table: 'expense_claims', primary_key: uuidPk,
  fields: [
    { name: 'id', type: 'uuid' }, { name: 'title', type: 'string' }, { name: 'amount', type: 'decimal', precision: 10, scale: 2 },
    { name: 'status', type: 'string', default: 'draft' }, { name: 'owner_id', type: 'string' }, { name: 'approved_at', type: 'timestamp' },
    { name: 'priority', type: 'string' }, { name: 'touched_at', type: 'timestamp', auto: 'update' },
  ],
};
const note = {
  name: 'note', table: 'notes', primary_key: uuidPk,
  fields: [{ name: 'id', type: 'uuid' }, { name: 'claim_id', type: 'string', required: true }, { name: 'text', type: 'string', required: true }],
};
const item = {
  name: 'claim_item', table: 'claim_items', primary_key: uuidPk,
  fields: [{ name: 'id', type: 'uuid' }, { name: 'claim_id', type: 'uuid' }, { name: 'label', type: 'string' }, { name: 'state', type: 'string' }],
};

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const FINANCE_USER = '00000000-0000-4000-8000-00000000f1a0';
const OWNER = '00000000-0000-4000-8000-0000000000aa';

const approval = (hookUrl: string) => ({
  name: 'claim_approval',
  trigger: { type: 'state_change', entity: 'expense_claim', field: 'status', to: 'submitted' },
  context: { claim_id: 'trigger.record_id', amount: 'trigger.record.amount', owner_id: 'record.owner_id', kind: 'expense', missing: 'record.nope.deeper' },
  steps: [
    { id: 'size_check', type: 'condition', expression: 'context.amount > 1000', on_true: { goto: 'finance_review' }, on_false: 'auto_approve' },
    {
      id: 'finance_review', type: 'approval', assignee: { type: 'role', role: 'Finance' }, timeout: '48h',
      on_approve: { goto: 'auto_approve' }, on_reject: { goto: 'send_back' }, on_timeout: { goto: 'remind' },
    },
    { id: 'remind', type: 'action', actions: [{ type: 'webhook', url: hookUrl, headers: { 'X-Flow': 'remind' } }], then: { goto: 'finance_review' } },
    {
      id: 'auto_approve', type: 'action',
      actions: [
        { type: 'set_field', entity: 'expense_claim', record_id: 'context.claim_id', field: 'status', value: 'approved' },
        { type: 'set_field', entity: 'expense_claim', record_id: 'context.claim_id', field: 'approved_at', value: 'now' },
        { type: 'create_record', entity: 'note', data: { claim_id: '{{ context.claim_id }}', text: 'approved' } },
        { type: 'webhook', url: hookUrl },
      ],
      then: 'end',
    },
    { id: 'send_back', type: 'action', actions: [{ type: 'set_field', entity: 'expense_claim', record_id: 'context.claim_id', field: 'status', value: 'draft' }], then: { goto: 'end' } },
  ],
});

async function setup(r: TestRocket) {
  const app = await r.createApp();
  const as = (token: string) => (method: Method, path: string, body?: unknown, headers?: Record<string, string>) =>
    r.request(method, `/api/${app.name}${path}`, { token, body, headers });
  const admin = as(app.token);
  const ok = async (method: Method, path: string, body?: unknown) => {
    const res = await admin(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  };
  for (const e of [claim, note, item]) await ok('POST', '/_admin/entities', e);
  await ok('POST', '/_admin/relations', { name: 'claim_items', type: 'one_to_many', source: 'expense_claim', target: 'claim_item', target_key: 'claim_id' });
  const ctx = () => r.server.rocket.apps.get(app.name)!;
  const rows = (sql: string, params: unknown[] = []) => ctx().db.query<Record<string, any>>(sql, params);
  const user = (roles: string[], id?: string) => as(userToken(r, app.name, roles, id));
  const instances = async (workflow?: string) => (await ok('GET', `/_workflows?per_page=100${workflow ? `&workflow=${workflow}` : ''}`)) as any[];
  return { app, admin, ok, rows, user, instances };
}

const steps = (i: any) => i.history.map((h: any) => `${h.step}:${h.status}${h.by ? `:${h.by}` : ''}${h.error ? `:${h.error}` : ''}`);

eachDialect(t, 'state_change trigger: a small claim runs through condition and actions to completed before the response', async (t, r) => {
  const hook = await receiver(t);
  const { ok, admin, rows, instances } = await setup(r);
  const wf = await ok('POST', '/_admin/workflows', approval(hook.url('/hooks/flow')));
  const c = await ok('POST', '/expense_claim', { title: 'taxi', amount: '25.50', owner_id: OWNER });
  t.same(await instances(), [], 'draft: no trigger');

  const submitted = await admin('PUT', `/expense_claim/${c.id}`, { status: 'submitted' });
  t.equal(submitted.status, 200);
  t.equal(submitted.body.data.status, 'submitted', 'the response is the write as committed');
  const [inst] = await instances();
  t.equal(inst.workflow_id, wf.id);
  t.equal(inst.workflow_name, 'claim_approval');
  t.equal(inst.status, 'completed', 'advanced before the response');
  t.equal(inst.current_step, '', 'no current step when finished');
  t.equal(inst.current_step_deadline, null);
  t.same(inst.context, { claim_id: c.id, amount: c.amount, owner_id: OWNER, kind: 'expense', missing: null }, 'paths, literal, missing segment');
  t.same(steps(inst), ['size_check:on_false', 'auto_approve:completed']);
  t.ok(inst.history.every((h: any) => /^\d{4}-\d\d-\d\dT/.test(h.at)));

  const after = await ok('GET', `/expense_claim/${c.id}`);
  t.equal(after.status, 'approved', 'set_field');
  t.match(after.approved_at, /^\d{4}-\d\d-\d\dT/, 'set_field now');
  t.ok(Date.parse(after.touched_at) >= Date.parse(submitted.body.data.touched_at), 'auto update field touched');
  t.same((await rows('SELECT claim_id, text FROM notes')).map((n) => `${n.claim_id}:${n.text}`), [`${c.id}:approved`], 'create_record');
  await until(() => hook.received.length === 1, 'the workflow webhook');
  t.same(hook.received[0].body, inst.context, 'webhook body = context');
  t.equal(hook.received[0].method, 'POST');

  // The set_field to approved was a direct update: no new trigger; neither is an update that keeps the state.
  await ok('PUT', `/expense_claim/${c.id}`, { title: 'renamed' });
  t.equal((await instances()).length, 1, 'no re-trigger without a state change');
  const audit = await rows("SELECT source, changed_fields FROM _audit_logs WHERE entity = 'expense_claim' AND source = 'workflow'");
  t.equal(audit.length, 2, 'each set_field has an audit entry with source workflow');
});

eachDialect(t, 'approval: pauses with its deadline; role assignee enforced; approve and reject record the approver', async (t, r) => {
  const hook = await receiver(t);
  const { ok, admin, user, instances } = await setup(r);
  await ok('POST', '/_admin/workflows', approval(hook.url()));
  const big = await ok('POST', '/expense_claim', { title: 'laptop', amount: '1250.00', status: 'submitted' });
  t.equal(big.status, 'submitted', 'create with the `to` value triggers');
  let [inst] = await instances();
  t.equal(inst.status, 'running');
  t.equal(inst.current_step, 'finance_review');
  t.same(steps(inst), ['size_check:on_true'], 'no history entry for a pending approval');
  await ok('PUT', `/expense_claim/${big.id}`, { title: 'laptop, 15 inch' });
  t.equal((await instances()).length, 1, 'an update that leaves the state at `to` starts nothing');
  const deadline = Date.parse(inst.current_step_deadline);
  t.ok(Math.abs(deadline - (Date.now() + 48 * 3600_000)) < 60_000, 'deadline = now + 48h');

  const staff = user(['staff']);
  const finance = user(['finance'], FINANCE_USER);
  t.same((await staff('GET', '/_workflows/pending')).body.data, [], 'not an assignee: nothing pending');
  t.same((await finance('GET', '/_workflows/pending')).body.data.map((i: any) => i.id), [inst.id], 'role matched case-insensitively');
  t.same((await admin('GET', '/_workflows/pending')).body.data.map((i: any) => i.id), [inst.id], 'admin sees all');
  const refused = await staff('POST', `/_workflows/${inst.id}/approve`);
  t.equal(refused.status, 403);
  t.same(refused.body.error, { code: 'FORBIDDEN', message: 'Not an assignee of this approval step' });
  t.equal((await staff('GET', `/_workflows/${inst.id}`)).status, 200, 'any authenticated caller may read it');

  const approved = await finance('POST', `/_workflows/${inst.id}/approve`, undefined, { 'x-user-id': 'someone-else' });
  t.equal(approved.status, 200);
  t.equal(approved.body.data.status, 'completed');
  t.same(steps(approved.body.data), ['size_check:on_true', `finance_review:approved:${FINANCE_USER}`, 'auto_approve:completed'], 'by = the caller; X-User-ID ignored for non-admins');
  t.equal((await ok('GET', `/expense_claim/${big.id}`)).status, 'approved');

  const again = await finance('POST', `/_workflows/${inst.id}/approve`);
  t.equal(again.status, 422);
  t.same(again.body.error, { code: 'INVALID_STATE', message: 'workflow instance is not running (status: completed)' }, 'a finished instance is refused');

  // Reject, by an admin naming the actor.
  const second = await ok('POST', '/expense_claim', { title: 'desk', amount: '5000', status: 'submitted' });
  inst = (await instances()).find((i) => i.context.claim_id === second.id);
  const rejected = await admin('POST', `/_workflows/${inst.id}/reject`, {}, { 'x-user-id': 'auditor-7' });
  t.equal(rejected.status, 200);
  t.same(steps(rejected.body.data), ['size_check:on_true', 'finance_review:rejected:auditor-7', 'send_back:completed']);
  t.equal((await ok('GET', `/expense_claim/${second.id}`)).status, 'draft', 'sent back');
});

eachDialect(t, 'runtime errors: unknown and malformed ids are 404; a step that is no approval is 422; delete', async (t, r) => {
  const { ok, admin } = await setup(r);
  for (const id of ['7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2918', 'not-a-uuid']) {
    for (const [method, path] of [['GET', ''], ['POST', '/approve'], ['POST', '/reject'], ['DELETE', '']] as const) {
      const res = await admin(method, `/_workflows/${id}${path}`);
      t.equal(res.status, 404, `${method} ${path || '/'} ${id}`);
      t.same(res.body.error, { code: 'NOT_FOUND', message: `Workflow instance not found: ${id}` });
    }
  }
  await ok('POST', '/_admin/workflows', {
    name: 'stuck', trigger: { type: 'state_change', entity: 'expense_claim', field: 'priority', to: 'critical' },
    steps: [{ id: 'bad', type: 'action', actions: [{ type: 'set_field', entity: 'nope', record_id: 'context.x', field: 'y', value: 1 }] }],
  });
  await ok('POST', '/expense_claim', { title: 'p', priority: 'critical' });
  const [inst] = (await ok('GET', '/_workflows')) as any[];
  t.equal(inst.status, 'failed', 'a failing action fails the instance');
  t.equal(inst.current_step, 'bad', 'current_step keeps the failing step');
  t.same(steps(inst), ['bad:failed:unknown entity: nope']);
  t.same((await admin('POST', `/_workflows/${inst.id}/approve`)).body.error.message, 'workflow instance is not running (status: failed)');
  t.same((await admin('DELETE', `/_workflows/${inst.id}`)).body, { data: { deleted: true } });
  t.equal((await admin('GET', `/_workflows/${inst.id}`)).status, 404);

  await ok('POST', '/_admin/workflows', {
    name: 'waits', trigger: { type: 'state_change', entity: 'expense_claim', field: 'priority', to: 'low' },
    steps: [{ id: 'a', type: 'approval', on_approve: 'next' }, { id: 'next', type: 'approval' }],
  });
  await ok('POST', '/expense_claim', { title: 'q', priority: 'low' });
  const [waiting] = ((await ok('GET', '/_workflows?workflow=waits')) as any[]);
  t.equal(waiting.current_step_deadline, null, 'no timeout: no deadline');
  await ok('PUT', `/_admin/workflows/${(await ok('GET', '/_admin/workflows')).find((w: any) => w.name === 'waits').id}`, {
    name: 'waits', trigger: { type: 'state_change', entity: 'expense_claim', field: 'priority', to: 'low' },
    steps: [{ id: 'a', type: 'action' }, { id: 'next', type: 'approval' }],
  });
  const res = await admin('POST', `/_workflows/${waiting.id}/approve`);
  t.equal(res.status, 422);
  t.same(res.body.error, { code: 'INVALID_STATE', message: 'current step is not an approval step' });
});

eachDialect(t, 'assignees: fixed user and relation path; an unauthorised caller sees nothing pending', async (t, r) => {
  const { ok, user, instances } = await setup(r);
  await ok('POST', '/_admin/workflows', {
    name: 'by_owner', trigger: { type: 'state_change', entity: 'expense_claim', field: 'status', to: 'review' },
    context: { owner: 'record.owner_id' },
    steps: [
      { id: 'owner_ok', type: 'approval', assignee: { type: 'relation', path: 'context.owner' }, on_approve: 'boss_ok' },
      { id: 'boss_ok', type: 'approval', assignee: { type: 'fixed', user: FINANCE_USER }, on_approve: { goto: 'end' } },
    ],
  });
  await ok('POST', '/expense_claim', { title: 'x', owner_id: OWNER, status: 'review' });
  const [inst] = await instances();
  const owner = user(['staff'], OWNER);
  const boss = user(['staff'], FINANCE_USER);
  t.same((await boss('GET', '/_workflows/pending')).body.data, []);
  t.equal((await boss('POST', `/_workflows/${inst.id}/approve`)).status, 403, 'not the related user');
  t.equal((await owner('POST', `/_workflows/${inst.id}/approve`)).body.data.current_step, 'boss_ok', 'relation path');
  t.equal((await owner('POST', `/_workflows/${inst.id}/approve`)).status, 403, 'not the fixed user');
  const done = await boss('POST', `/_workflows/${inst.id}/approve`);
  t.equal(done.body.data.status, 'completed', 'on_approve end');
  t.same(steps(done.body.data), [`owner_ok:approved:${OWNER}`, `boss_ok:approved:${FINANCE_USER}`]);
});

eachDialect(t, 'triggers: inactive workflows never start, nested children and updates fire, on create only when equal to `to`', async (t, r) => {
  const { ok, admin, instances } = await setup(r);
  const one = { trigger: { type: 'state_change', entity: 'claim_item', field: 'state', to: 'done' }, steps: [{ id: 's', type: 'approval' }] };
  await ok('POST', '/_admin/workflows', { name: 'b_item_done', ...one });
  await ok('POST', '/_admin/workflows', { name: 'a_item_done', ...one });
  await ok('POST', '/_admin/workflows', { name: 'c_inactive', ...one, active: false });
  const c = await ok('POST', '/expense_claim', { title: 'n', claim_items: { data: [{ label: 'x', state: 'open' }, { label: 'y', state: 'done' }] } });
  let list = await instances();
  t.same(list.map((i) => i.workflow_name).sort(), ['a_item_done', 'b_item_done'], 'a nested child created in the state: each active workflow once');
  const items = (await ok('GET', `/expense_claim/${c.id}?include=claim_items`)).claim_items;
  const open = items.find((i: any) => i.state === 'open');
  await ok('PUT', `/claim_item/${open.id}`, { state: 'done' });
  list = await instances();
  t.equal(list.length, 4, 'the update to done starts both again');
  await ok('PUT', `/claim_item/${open.id}`, { state: 'done', label: 'same state' });
  t.equal((await instances()).length, 4, 'same state: no trigger');
  const off = await admin('GET', '/_workflows?workflow=c_inactive');
  t.same(off.body.data, [], 'inactive: never started');
  t.same(off.body.meta, { page: 1, per_page: 25, total: 0 });
});

eachDialect(t, 'the admin list filters by workflow, status and record, newest first, paginated', async (t, r) => {
  const { ok, admin, user } = await setup(r);
  const wf = await ok('POST', '/_admin/workflows', {
    name: 'flag', trigger: { type: 'state_change', entity: 'expense_claim', field: 'priority', to: 'high' },
    steps: [{ id: 'cond', type: 'condition', expression: "context.title == 'end'", on_true: 'end', on_false: 'wait' }, { id: 'wait', type: 'approval' }],
    context: { title: 'record.title' },
  });
  const made = [];
  for (const title of ['a', 'end', 'b']) made.push(await ok('POST', '/expense_claim', { title, priority: 'high' }));
  const all = await admin('GET', '/_workflows?per_page=2');
  t.equal(all.body.meta.total, 3);
  t.equal(all.body.data.length, 2);
  t.same(all.body.data[0].context.title, 'b', 'newest first');
  t.equal((await admin('GET', '/_workflows?per_page=2&page=2')).body.data.length, 1);
  t.equal((await admin('GET', `/_workflows?workflow=${wf.id}&status=completed`)).body.data.length, 1);
  t.equal((await admin('GET', '/_workflows?workflow=flag&status=running')).body.data.length, 2);
  const byRecord = await admin('GET', `/_workflows?record_id=${made[0].id}`);
  t.same(byRecord.body.data.map((i: any) => i.context.title), ['a']);
  t.equal((await admin('GET', '/_workflows?status=%00')).body.meta.total, 0, 'unstorable text matches nothing');
  t.equal((await user(['staff'])('GET', '/_workflows')).status, 403, 'admins only');
});

eachDialect(t, 'event triggers: a state machine send_event and a workflow send_event start event workflows (entity matched)', async (t, r) => {
  const { ok, rows, instances } = await setup(r);
  await ok('POST', '/_admin/state-machines', {
    entity: 'expense_claim', field: 'status',
    definition: { initial: 'draft', transitions: [{ from: 'draft', to: 'paid', actions: [{ type: 'send_event', event: 'claim_paid', data: { how: 'bank' } }] }] },
  });
  await ok('POST', '/_admin/workflows', {
    name: 'on_paid', trigger: { type: 'event', event: 'claim_paid', entity: 'expense_claim' },
    context: { id: 'record_id', how: 'trigger.data.how', event: 'trigger.event', title: 'record.title' },
    steps: [{ id: 'tell', type: 'action', actions: [{ type: 'send_event', event: 'flow_done', data: { n: '{{ 1 + 1 }}' } }] }],
  });
  await ok('POST', '/_admin/workflows', { name: 'on_paid_other_entity', trigger: { type: 'event', event: 'claim_paid', entity: 'note' }, steps: [{ id: 'x', type: 'approval' }] });
  await ok('POST', '/_admin/workflows', {
    name: 'on_done', trigger: { type: 'event', event: 'flow_done' }, context: { rid: 'record_id', rec: 'record', n: 'trigger.data.n' },
    steps: [{ id: 'y', type: 'approval' }],
  });
  const c = await ok('POST', '/expense_claim', { title: 'pay me' });
  await ok('PUT', `/expense_claim/${c.id}`, { status: 'paid' });
  const list = await instances();
  const byName = Object.fromEntries(list.map((i) => [i.workflow_name, i]));
  t.same(Object.keys(byName).sort(), ['on_done', 'on_paid'], 'entity matching');
  t.same(byName.on_paid.context, { id: c.id, how: 'bank', event: 'claim_paid', title: 'pay me' });
  t.equal(byName.on_paid.status, 'completed');
  t.same(byName.on_done.context, { rid: null, rec: null, n: 2 }, 'an event from a workflow: record null');
  const events = await rows("SELECT action, entity, record_id, component, metadata FROM _events WHERE event_type = 'business' ORDER BY created_at, action");
  const source = (m: unknown) => (typeof m === 'string' ? JSON.parse(m) : m).source;
  // observability-and-audit.md §A7.1: component `engine` like an emitted event; metadata.source tells them apart.
  t.same(events.map((e) => `${e.action}:${e.entity}:${e.record_id}:${e.component}:${source(e.metadata)}`).sort(),
    [`claim_paid:expense_claim:${c.id}:engine:state_machine`, 'flow_done:expense_claim:null:engine:workflow'].sort());
});

eachDialect(t, 'create_record in a step fails the instance with the validation message; the step limit stops a cycle', async (t, r) => {
  const { ok, instances } = await setup(r);
  await ok('POST', '/_admin/workflows', {
    name: 'bad_note', trigger: { type: 'state_change', entity: 'expense_claim', field: 'priority', to: 'x' },
    steps: [{ id: 'n', type: 'action', actions: [{ type: 'create_record', entity: 'note', data: { claim_id: 'c' } }] }],
  });
  await ok('POST', '/_admin/workflows', {
    name: 'loop', trigger: { type: 'state_change', entity: 'expense_claim', field: 'priority', to: 'y' },
    steps: [
      { id: 'a', type: 'condition', expression: 'true', on_true: 'b' },
      { id: 'b', type: 'action', then: 'a' },
    ],
  });
  await ok('POST', '/expense_claim', { title: 'n', priority: 'x' });
  const [bad] = await instances('bad_note');
  t.equal(bad.status, 'failed');
  t.match(bad.history[0].error, /text/, 'names the missing field');
  await ok('POST', '/expense_claim', { title: 'l', priority: 'y' });
  const [loop] = await instances('loop');
  t.equal(loop.status, 'failed');
  t.equal(loop.history.length, 101, '100 steps, then the failure');
  t.same(loop.history[100], { step: loop.history[100].step, status: 'failed', error: 'step limit exceeded', at: loop.history[100].at });
});

eachDialect(t, 'concurrent approvals of one instance advance it once; the others get 422 INVALID_STATE', async (t, r) => {
  const hook = await receiver(t);
  const { ok, admin, rows } = await setup(r);
  await ok('POST', '/_admin/workflows', approval(hook.url()));
  for (let round = 0; round < 5; round++) {
    const c = await ok('POST', '/expense_claim', { title: `big${round}`, amount: '9999', status: 'submitted' });
    const [inst] = await rows('SELECT id FROM _workflow_instances WHERE record_id = $1', [c.id]);
    const answers = await Promise.all(Array.from({ length: 6 }, () => admin('POST', `/_workflows/${inst.id}/approve`)));
    t.same(answers.map((a) => a.status).sort(), [200, 422, 422, 422, 422, 422], `round ${round}`);
    t.ok(answers.filter((a) => a.status === 422).every((a) => a.body.error.code === 'INVALID_STATE'));
    const final = (await ok('GET', `/_workflows/${inst.id}`));
    t.same(steps(final).filter((s: string) => s.startsWith('finance_review')).length, 1, 'one approval entry');
    t.equal((await rows('SELECT id FROM notes WHERE claim_id = $1', [c.id])).length, 1, 'its actions ran once');
  }
});

eachDialect(t, 'timeouts: the scheduler follows on_timeout, `end` completes, a missing on_timeout fails', async (t, r) => {
  const hook = await receiver(t);
  const { ok, rows, instances } = await setup(r);
  await ok('POST', '/_admin/workflows', approval(hook.url('/remind')));
  await ok('POST', '/_admin/workflows', {
    name: 'ends', trigger: { type: 'state_change', entity: 'expense_claim', field: 'priority', to: 'e' },
    steps: [{ id: 'w', type: 'approval', timeout: '30m', on_timeout: 'end' }],
  });
  await ok('POST', '/_admin/workflows', {
    name: 'fails', trigger: { type: 'state_change', entity: 'expense_claim', field: 'priority', to: 'f' },
    steps: [{ id: 'w', type: 'approval', timeout: '7d' }],
  });
  await ok('POST', '/expense_claim', { title: 'big', amount: '2000', status: 'submitted' });
  await ok('POST', '/expense_claim', { title: 'e', priority: 'e' });
  await ok('POST', '/expense_claim', { title: 'f', priority: 'f' });
  const waiting = await instances();
  t.equal(waiting.filter((i) => i.status === 'running' && i.current_step_deadline).length, 3);
  await rows("UPDATE _workflow_instances SET current_step_deadline = $1", [new Date(Date.now() - 1000).toISOString()]);
  // claim_approval's history grows in two saves: timed out, then reminded, which puts it back at
  // the review with its new deadline. Wait for the second.
  await until(async () => (await instances()).every((i) => i.history.some((h: any) => h.status === 'timed_out') && (i.workflow_name !== 'claim_approval' || i.history.length === 3)), 'the scheduler');
  const byName = Object.fromEntries((await instances()).map((i) => [i.workflow_name, i]));
  t.same(steps(byName.claim_approval), ['size_check:on_true', 'finance_review:timed_out', 'remind:completed'], 'on_timeout → remind → back to review');
  t.equal(byName.claim_approval.current_step, 'finance_review');
  t.ok(Date.parse(byName.claim_approval.current_step_deadline) > Date.now() + 47 * 3600_000, 'a new deadline');
  await until(() => hook.received.length === 1, 'the reminder');
  t.equal(hook.received[0].headers['x-flow'], 'remind');
  t.equal(byName.ends.status, 'completed');
  t.same(steps(byName.ends), ['w:timed_out']);
  t.equal(byName.fails.status, 'failed');
  t.equal(byName.fails.current_step, '');
  t.same(steps(byName.fails), ['w:timed_out']);
}, { workflows: { timeout_interval_ms: 20 } });

for (const dialect of dialects) {
  t.test(`a start lost to a crash after COMMIT is made by the next server, once [${dialect}]`, async (t) => {
    const config = testConfig(dialect, { effects: { recovery_delay_ms: 100, interval_ms: 60_000 } });
    t.teardown(() => dropStores(dialect, config));
    const first = await startRocket(dialect, {}, config);
    let app: string;
    let claimId: string;
    try {
      const s = await setup(first);
      app = s.app.name;
      await s.ok('POST', '/_admin/workflows', approval('http://127.0.0.1:9/unused'));
      first.server.rocket.effects.beforeFinish = () => { throw new Error('process died after COMMIT'); };
      const c = await s.admin('POST', '/expense_claim', { title: 'crash', amount: '5000', status: 'submitted' });
      t.equal(c.status, 201, 'the write was acknowledged');
      claimId = c.body.data.id;
      t.equal((await s.rows('SELECT id FROM _workflow_instances')).length, 0, 'not started yet');
      t.equal((await s.rows("SELECT id FROM _effects WHERE kind = 'workflow_start' AND status = 'pending'")).length, 1, 'the start is recorded');
    } finally {
      await first.server.close();
    }
    const second = await startRocket(dialect, {}, { ...config, effects: { recovery_delay_ms: 100, interval_ms: 20 } });
    t.teardown(() => second.server.close());
    const db = () => second.server.rocket.apps.get(app)!.db;
    await until(async () => (await db().query("SELECT id FROM _effects WHERE status = 'done'")).length === 1, 'the start finished');
    await new Promise((r) => setTimeout(r, 100));
    const started = await db().query<Record<string, any>>('SELECT record_id, current_step FROM _workflow_instances');
    t.same(started, [{ record_id: claimId!, current_step: 'finance_review' }], 'started once, and advanced');
  });
}

if (PG_URL) {
  t.test('two instances share the timeout scheduler: each expired deadline is handled once [postgres]', async (t) => {
    const hook = await receiver(t);
    const [a, b] = await startInstancePair(t, { workflows: { timeout_interval_ms: 20 } });
    const s = await setup(a);
    await s.ok('POST', '/_admin/workflows', approval(hook.url('/remind')));
    const N = 40;
    for (let i = 0; i < N; i++) await s.ok('POST', '/expense_claim', { title: `c${i}`, amount: '5000', status: 'submitted' });
    // B loads the app (and its workflows) on its first request.
    await until(async () => (await b.request('GET', `/api/${s.app.name}/_workflows/pending`, { token: s.app.token })).body?.data?.length === N, 'B sees them');
    await s.rows('UPDATE _workflow_instances SET current_step_deadline = $1', [new Date(Date.now() - 1000).toISOString()]);
    await until(() => hook.received.length >= N, 'every reminder');
    await new Promise((r) => setTimeout(r, 200));
    t.equal(hook.received.length, N, 'one reminder per deadline');
    const list = await s.rows('SELECT history FROM _workflow_instances');
    const timedOut = list.map((r) => (typeof r.history === 'string' ? JSON.parse(r.history) : r.history).filter((h: any) => h.status === 'timed_out').length);
    t.same([...new Set(timedOut)], [1], 'each instance timed out once');
  });
}
