// The workflow admin API (logic.md §4.10) on both databases: CRUD and the normalised stored form
// (§4.1–§4.5: gotos as `{goto}`, defaults, unknown keys dropped), full replacement with a rename,
// list order by name, 404s, every validation check in its documented order (first failure wins),
// the unique-name 409 — also under 10 concurrent POSTs —, the admin gate, instances going with
// their workflow, the example schemas' workflows, and the OpenAPI document's paths.
// Running workflows is not tested here.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { compileExpression } from '../../core/expr/index.js';
import { newId } from '../../core/ids.js';
import { eachDialect, userToken } from '../helpers/server.js';
import type { TestRocket } from '../helpers/server.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const BASE = '/_admin/workflows';

async function setup(r: TestRocket) {
  const app = await r.createApp();
  const call = (method: Method, path: string, body?: unknown, token: string | undefined = app.token) =>
    r.request(method, `/api/${app.name}${path}`, { token, body });
  return { app, call };
}

const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));
const compileReason = (source: string): string => {
  try {
    compileExpression(source);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`compiles: ${source}`);
};

const trigger = { type: 'state_change', entity: 'claim', field: 'status', to: 'submitted' };
const minimal = { name: 'wf', trigger, steps: [{ id: 'a', type: 'action' }] };
const withTrigger = (tr: unknown) => ({ name: 'wf', trigger: tr, steps: minimal.steps });
const withSteps = (steps: unknown, more: Record<string, unknown> = {}) => ({ name: 'wf', trigger, steps, ...more });
const withStep = (step: Record<string, unknown>) => withSteps([step]);
const condition = (extra: Record<string, unknown>) => withStep({ id: 'c', type: 'condition', expression: 'true', ...extra });
const approval = (extra: Record<string, unknown>) => withStep({ id: 'r', type: 'approval', ...extra });
const withAction = (action: unknown) => withStep({ id: 'a', type: 'action', actions: [action] });
const setField = (extra: Record<string, unknown>) =>
  withAction({ type: 'set_field', entity: 'claim', record_id: 'context.claim_id', field: 'status', value: 'approved', ...extra });
const END = { goto: 'end' };

/** logic.md §4.1, with gotos in every accepted form and keys the stored form drops. */
const claimApproval = {
  name: 'claim_approval', extra: 'dropped',
  trigger: { type: 'state_change', entity: 'expense_claim', field: 'status', to: 'submitted', from: 'dropped' },
  context: { claim_id: 'trigger.record_id', amount: 'trigger.record.amount', owner_id: 'record.owner_id', kind: 'expense', n: [1, { a: null }] },
  steps: [
    { id: 'size_check', type: 'condition', expression: 'context.amount > 1000',
      on_true: { goto: 'finance_review', extra: 1 }, on_false: 'auto_approve', then: 'dropped, not checked' },
    { id: 'finance_review', type: 'approval', assignee: { type: 'role', role: 'finance', user: 'dropped' },
      timeout: '48h', on_approve: { goto: 'auto_approve' }, on_reject: { goto: 'send_back' }, on_timeout: 'remind' },
    { id: 'remind', type: 'action',
      actions: [
        { type: 'webhook', url: 'https://chat.example.net/hooks/finance', method: 'post', extra: 1 },
        { type: 'webhook', url: 'https://chat.example.net/hooks/audit', method: 'PUT', headers: { 'x-key': '{{env.KEY}}' } },
      ],
      then: { goto: 'finance_review' } },
    { id: 'auto_approve', type: 'action',
      actions: [
        { type: 'set_field', entity: 'expense_claim', record_id: 'context.claim_id', field: 'status', value: 'approved' },
        { type: 'create_record', entity: 'ledger', data: { claim: '{{ context.claim_id }}', kind: 'expense' } },
        { type: 'send_event', event: 'claim_approved' },
        { type: 'send_event', event: 'claim_paid', data: { amount: '{{context.amount}}', n: 1 } },
      ],
      then: 'end' },
    { id: 'send_back', type: 'action',
      actions: [{ type: 'set_field', entity: 'expense_claim', record_id: '{{ context.claim_id }}', field: 'status', value: 'draft' }],
      then: { goto: 'end' } },
  ],
  active: true,
};

const claimApprovalStored = {
  name: 'claim_approval',
  trigger: { type: 'state_change', entity: 'expense_claim', field: 'status', to: 'submitted' },
  context: claimApproval.context,
  steps: [
    { id: 'size_check', type: 'condition', expression: 'context.amount > 1000', on_true: { goto: 'finance_review' }, on_false: { goto: 'auto_approve' } },
    { id: 'finance_review', type: 'approval', assignee: { type: 'role', role: 'finance' }, timeout: '48h',
      on_approve: { goto: 'auto_approve' }, on_reject: { goto: 'send_back' }, on_timeout: { goto: 'remind' } },
    { id: 'remind', type: 'action',
      actions: [
        { type: 'webhook', url: 'https://chat.example.net/hooks/finance', method: 'POST', headers: {} },
        { type: 'webhook', url: 'https://chat.example.net/hooks/audit', method: 'PUT', headers: { 'x-key': '{{env.KEY}}' } },
      ],
      then: { goto: 'finance_review' } },
    { id: 'auto_approve', type: 'action',
      actions: [
        { type: 'set_field', entity: 'expense_claim', record_id: 'context.claim_id', field: 'status', value: 'approved' },
        { type: 'create_record', entity: 'ledger', data: { claim: '{{ context.claim_id }}', kind: 'expense' } },
        { type: 'send_event', event: 'claim_approved' },
        { type: 'send_event', event: 'claim_paid', data: { amount: '{{context.amount}}', n: 1 } },
      ],
      then: END },
    { id: 'send_back', type: 'action',
      actions: [{ type: 'set_field', entity: 'expense_claim', record_id: '{{ context.claim_id }}', field: 'status', value: 'draft' }],
      then: END },
  ],
  active: true,
};

eachDialect(t, 'workflows CRUD: normalised stored form, timestamps, full replacement with a rename, delete', async (t, r) => {
  const { call } = await setup(r);
  const created = await call('POST', BASE, claimApproval);
  t.equal(created.status, 201);
  const wf = created.body.data;
  t.same(Object.keys(wf).sort(), ['active', 'context', 'created_at', 'id', 'name', 'steps', 'trigger', 'updated_at']);
  const { id, created_at, updated_at, ...stored } = wf;
  t.strictSame(stored, claimApprovalStored, 'gotos as objects, webhook defaults, unknown keys dropped');
  t.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  t.match(created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  t.equal(created_at, updated_at);

  t.same((await call('GET', `${BASE}/${id}`)).body, { data: wf }, 'GET returns the stored form');
  t.same((await call('GET', `${BASE}/${id.toUpperCase()}`)).body.data, wf, 'ids are case-insensitive');
  t.same((await call('GET', BASE)).body, { data: [wf] });

  await sleep(5);
  const replaced = await call('PUT', `${BASE}/${id}`, {
    name: 'claim_escalation', trigger: { type: 'event', event: 'claim_flagged', entity: 'expense_claim' }, active: false,
    steps: [{ id: 'only', type: 'approval', assignee: { type: 'fixed', user: 'u-1' } }],
  });
  t.equal(replaced.status, 200);
  t.strictSame({ ...replaced.body.data, created_at: undefined, updated_at: undefined }, {
    id, name: 'claim_escalation', trigger: { type: 'event', event: 'claim_flagged', entity: 'expense_claim' }, context: {},
    steps: [{ id: 'only', type: 'approval', assignee: { type: 'fixed', user: 'u-1' }, on_approve: END, on_reject: END }],
    active: false, created_at: undefined, updated_at: undefined,
  }, 'full replacement: renamed, context back to {}, no on_timeout');
  t.equal(replaced.body.data.created_at, created_at, 'created_at is kept');
  t.ok(replaced.body.data.updated_at > updated_at, 'updated_at moves');
  t.same((await call('GET', `${BASE}/${id}`)).body.data, replaced.body.data);
  const again = await call('PUT', `${BASE}/${id}`, minimal);
  t.same([again.body.data.name, again.body.data.active], ['wf', true], 'absent active → true on replacement');
  t.equal((await call('POST', BASE, { ...minimal, name: 'claim_approval' })).status, 201, 'the old name is free again');

  const deleted = await call('DELETE', `${BASE}/${id}`);
  t.same([deleted.status, deleted.body], [200, { data: { id, deleted: true } }]);
  t.equal((await call('GET', `${BASE}/${id}`)).status, 404);
  t.same((await call('GET', BASE)).body.data.map((w: { name: string }) => w.name), ['claim_approval']);
});

eachDialect(t, 'gotos in object form, defaults, null as absent', async (t, r) => {
  const { call } = await setup(r);
  const stored = async (body: Record<string, unknown>) => {
    const res = await call('POST', BASE, body);
    t.equal(res.status, 201, JSON.stringify(body).slice(0, 120));
    await call('DELETE', `${BASE}/${res.body.data.id}`);
    return res.body.data;
  };

  const defaults = await stored(minimal);
  t.same([defaults.context, defaults.active], [{}, true], 'context {} and active true by default');
  t.strictSame(defaults.steps, [{ id: 'a', type: 'action', actions: [], then: END }], 'a missing then is end');

  const gotoForms = await stored(withSteps([
    { id: 'a', type: 'action', then: 'b' },
    { id: 'b', type: 'action', then: { goto: 'c' } },
    { id: 'c', type: 'action', then: 'end' },
    { id: 'd', type: 'action', then: { goto: 'end' } },
    { id: 'e', type: 'action', then: 'e' },
  ]));
  t.strictSame(gotoForms.steps.map((s: { then: unknown }) => s.then), [{ goto: 'b' }, { goto: 'c' }, END, END, { goto: 'e' }],
    'string step id, object, string end, object end, itself');

  t.strictSame((await stored(withStep({ id: 'c', type: 'condition', expression: 'context.n > 1' }))).steps,
    [{ id: 'c', type: 'condition', expression: 'context.n > 1', on_true: END, on_false: END }], 'condition: missing gotos are end');
  t.strictSame((await stored(withStep({ id: 'r', type: 'approval' }))).steps,
    [{ id: 'r', type: 'approval', on_approve: END, on_reject: END }], 'approval: on_timeout stays absent (fail at timeout)');
  t.strictSame((await stored(withStep({ id: 'r', type: 'approval', on_timeout: 'end', timeout: '7d' }))).steps,
    [{ id: 'r', type: 'approval', timeout: '7d', on_approve: END, on_reject: END, on_timeout: END }], 'an explicit on_timeout end is kept');

  const nulls = await stored({
    name: 'wf', trigger: { type: 'event', event: 'e', entity: null }, context: null,
    steps: [
      { id: 'a', type: 'action', actions: null, then: null },
      { id: 'r', type: 'approval', assignee: null, timeout: null, on_approve: null, on_reject: null, on_timeout: null },
      { id: 'c', type: 'condition', expression: 'true', on_true: null, on_false: null },
    ],
  });
  t.strictSame([nulls.trigger, nulls.context], [{ type: 'event', event: 'e' }, {}], 'null entity and context are absent');
  t.strictSame(nulls.steps, [
    { id: 'a', type: 'action', actions: [], then: END },
    { id: 'r', type: 'approval', on_approve: END, on_reject: END },
    { id: 'c', type: 'condition', expression: 'true', on_true: END, on_false: END },
  ], 'null gotos, actions, assignee and timeout are absent');

  const assignees = await stored(withSteps([
    { id: 'a', type: 'approval', assignee: { type: 'role', role: 'finance' } },
    { id: 'b', type: 'approval', assignee: { type: 'fixed', user: '00000000-0000-4000-8000-000000000001' } },
    { id: 'c', type: 'approval', assignee: { type: 'relation', path: 'context.owner_id' } },
  ]));
  t.strictSame(assignees.steps.map((s: { assignee: unknown }) => s.assignee), [
    { type: 'role', role: 'finance' }, { type: 'fixed', user: '00000000-0000-4000-8000-000000000001' }, { type: 'relation', path: 'context.owner_id' },
  ], 'the three assignee forms');

  const methods = await stored(withStep({
    id: 'a', type: 'action',
    actions: ['post', 'Put', 'patch', 'get', 'DELETE'].map((method) => ({ type: 'webhook', url: 'https://x.test', method })),
  }));
  t.same(methods.steps[0].actions.map((a: { method: string }) => a.method), ['POST', 'PUT', 'PATCH', 'GET', 'DELETE'], 'methods upper-cased');

  const literals = await stored(withStep({
    id: 'a', type: 'action',
    actions: [
      { type: 'set_field', entity: 'claim', record_id: 42, field: 'amount', value: 7 },
      { type: 'set_field', entity: 'claim', record_id: 'a-literal-id', field: 'stamp', value: 'now' },
      { type: 'set_field', entity: 'claim', record_id: 'context.claim_id', field: 'note', value: null },
      { type: 'set_field', entity: 'claim', record_id: 'context.claim_id', field: 'note', value: '{{ context.kind }}' },
      { type: 'create_record', entity: 'nothing_yet', data: {} },
    ],
  }));
  t.strictSame(literals.steps[0].actions, [
    { type: 'set_field', entity: 'claim', record_id: 42, field: 'amount', value: 7 },
    { type: 'set_field', entity: 'claim', record_id: 'a-literal-id', field: 'stamp', value: 'now' },
    { type: 'set_field', entity: 'claim', record_id: 'context.claim_id', field: 'note', value: null },
    { type: 'set_field', entity: 'claim', record_id: 'context.claim_id', field: 'note', value: '{{ context.kind }}' },
    { type: 'create_record', entity: 'nothing_yet', data: {} },
  ], 'literal ids and values as given; entities are not looked up at save');
});

// [body, message]: each body fails exactly one check; listed in the documented order (§4.10).
const INVALID: Array<[unknown, string]> = [
  // name present
  [{}, 'workflow name is required'],
  [{ ...minimal, name: '' }, 'workflow name is required'],
  [{ ...minimal, name: 7 }, 'workflow name is required'],
  [{ ...minimal, name: null }, 'workflow name is required'],
  // trigger.type present, known
  [{ name: 'wf', steps: minimal.steps }, 'trigger type is required'],
  [withTrigger('state_change'), 'trigger type is required'],
  [withTrigger({}), 'trigger type is required'],
  [withTrigger({ type: '' }), 'trigger type is required'],
  [withTrigger({ type: null, event: 'e' }), 'trigger type is required'],
  [withTrigger({ type: 'cron' }), 'unsupported trigger type: cron'],
  [withTrigger({ type: 'State_Change', entity: 'claim', field: 'status', to: 'x' }), 'unsupported trigger type: State_Change'],
  [withTrigger({ type: 5 }), 'unsupported trigger type: 5'],
  // state_change: entity, field, to
  [withTrigger({ ...trigger, entity: undefined }), 'trigger entity is required'],
  [withTrigger({ ...trigger, entity: '' }), 'trigger entity is required'],
  [withTrigger({ ...trigger, field: undefined }), 'trigger field is required'],
  [withTrigger({ ...trigger, field: 3 }), 'trigger field is required'],
  [withTrigger({ ...trigger, to: undefined }), 'trigger to is required'],
  [withTrigger({ ...trigger, to: ['submitted'] }), 'trigger to is required'],
  // event: event (entity optional, a name when given)
  [withTrigger({ type: 'event' }), 'trigger event is required'],
  [withTrigger({ type: 'event', event: '', entity: 'claim' }), 'trigger event is required'],
  [withTrigger({ type: 'event', entity: 'claim', field: 'status', to: 'x' }), 'trigger event is required'],
  [withTrigger({ type: 'event', event: 'e', entity: 5 }), 'trigger entity must be a non-empty string'],
  [withTrigger({ type: 'event', event: 'e', entity: '' }), 'trigger entity must be a non-empty string'],
  // context an object when present
  [{ ...minimal, context: 'x' }, 'context must be an object'],
  [{ ...minimal, context: [] }, 'context must be an object'],
  [{ ...minimal, context: 5 }, 'context must be an object'],
  // steps non-empty array
  [{ name: 'wf', trigger }, 'at least one step is required'],
  [withSteps([]), 'at least one step is required'],
  [withSteps({ id: 'a', type: 'action' }), 'at least one step is required'],
  [withSteps('a'), 'at least one step is required'],
  // every step has an id
  [withSteps([{ type: 'action' }]), 'step id is required'],
  [withSteps([{ id: '', type: 'action' }]), 'step id is required'],
  [withSteps([{ id: 5, type: 'action' }]), 'step id is required'],
  [withSteps(['a']), 'step id is required'],
  [withSteps([{ id: 'a', type: 'action' }, null]), 'step id is required'],
  // step ids unique
  [withSteps([{ id: 'a', type: 'action' }, { id: 'a', type: 'condition', expression: 'true' }]), 'duplicate step id: a'],
  [withSteps([{ id: 'a', type: 'action' }, { id: 'b', type: 'action' }, { id: 'b', type: 'action' }]), 'duplicate step id: b'],
  // step type known
  [withStep({ id: 'a' }), 'invalid step type: undefined'],
  [withStep({ id: 'a', type: 'wait' }), 'invalid step type: wait'],
  [withStep({ id: 'a', type: 'Action' }), 'invalid step type: Action'],
  [withStep({ id: 'a', type: 1 }), 'invalid step type: 1'],
  // every goto names a step or end
  [withStep({ id: 'a', type: 'action', then: 'nope' }), "goto target 'nope' references unknown step"],
  [withStep({ id: 'a', type: 'action', then: { goto: 'nope' } }), "goto target 'nope' references unknown step"],
  [withStep({ id: 'a', type: 'action', then: 'End' }), "goto target 'End' references unknown step"],
  [withStep({ id: 'a', type: 'action', then: '' }), "goto target '' references unknown step"],
  [withStep({ id: 'a', type: 'action', then: { goto: 5 } }), "goto target '5' references unknown step"],
  [withStep({ id: 'a', type: 'action', then: {} }), "goto target 'undefined' references unknown step"],
  [withStep({ id: 'a', type: 'action', then: ['end'] }), `goto target '["end"]' references unknown step`],
  [condition({ on_true: 'x' }), "goto target 'x' references unknown step"],
  [condition({ on_false: { goto: 'y' } }), "goto target 'y' references unknown step"],
  [approval({ on_approve: 'x' }), "goto target 'x' references unknown step"],
  [approval({ on_reject: 'x' }), "goto target 'x' references unknown step"],
  [approval({ on_timeout: 'x' }), "goto target 'x' references unknown step"],
  // condition expression compiles
  [withStep({ id: 'c', type: 'condition' }), 'invalid expression in step c: expression is required'],
  [condition({ expression: 5 }), 'invalid expression in step c: expression must be a string'],
  [condition({ expression: 'context.amount >' }), `invalid expression in step c: ${compileReason('context.amount >')}`],
  [condition({ expression: 'nope(1)' }), `invalid expression in step c: ${compileReason('nope(1)')}`],
  [condition({ expression: '' }), `invalid expression in step c: ${compileReason('')}`],
  // approval timeout valid
  [approval({ timeout: '48' }), 'invalid timeout in step r: 48'],
  [approval({ timeout: '1w' }), 'invalid timeout in step r: 1w'],
  [approval({ timeout: '48H' }), 'invalid timeout in step r: 48H'],
  [approval({ timeout: ' 1h' }), 'invalid timeout in step r:  1h'],
  [approval({ timeout: '1.5h' }), 'invalid timeout in step r: 1.5h'],
  [approval({ timeout: '' }), 'invalid timeout in step r: '],
  [approval({ timeout: 48 }), 'invalid timeout in step r: 48'],
  [approval({ timeout: '99999999999999d' }), 'invalid timeout in step r: 99999999999999d'],
  // approval assignee valid
  [approval({ assignee: 'finance' }), 'invalid assignee in step r'],
  [approval({ assignee: {} }), 'invalid assignee in step r'],
  [approval({ assignee: { type: 'group', role: 'finance' } }), 'invalid assignee in step r'],
  [approval({ assignee: { type: 'toString', role: 'finance' } }), 'invalid assignee in step r'],
  [approval({ assignee: { type: 'role' } }), 'invalid assignee in step r'],
  [approval({ assignee: { type: 'role', role: '' } }), 'invalid assignee in step r'],
  [approval({ assignee: { type: 'role', role: ['finance'] } }), 'invalid assignee in step r'],
  [approval({ assignee: { type: 'fixed', role: 'finance' } }), 'invalid assignee in step r'],
  [approval({ assignee: { type: 'fixed', user: 5 } }), 'invalid assignee in step r'],
  [approval({ assignee: { type: 'relation', user: 'u' } }), 'invalid assignee in step r'],
  [approval({ assignee: { type: 'relation', path: '' } }), 'invalid assignee in step r'],
  // actions valid: the list, the type
  [withStep({ id: 'a', type: 'action', actions: { type: 'send_event', event: 'e' } }), 'invalid action in step a: actions must be an array'],
  [withAction({ type: 'notify' }), 'invalid action in step a: unknown action type: notify'],
  [withAction({ type: 'Set_Field' }), 'invalid action in step a: unknown action type: Set_Field'],
  [withAction({ entity: 'claim' }), 'invalid action in step a: unknown action type: undefined'],
  [withAction('set_field'), 'invalid action in step a: unknown action type: undefined'],
  // set_field: entity, record_id, field (and a value); templates compile
  [setField({ entity: undefined }), 'invalid action in step a: entity is required'],
  [setField({ entity: '' }), 'invalid action in step a: entity is required'],
  [setField({ record_id: undefined }), 'invalid action in step a: record_id is required'],
  [setField({ record_id: null }), 'invalid action in step a: record_id is required'],
  [setField({ record_id: '' }), 'invalid action in step a: record_id is required'],
  [setField({ record_id: { path: 'x' } }), 'invalid action in step a: record_id must be a string or a number'],
  [setField({ field: undefined }), 'invalid action in step a: field is required'],
  [setField({ field: 5 }), 'invalid action in step a: field is required'],
  [setField({ value: undefined }), 'invalid action in step a: value is required'],
  [setField({ record_id: '{{ context.claim_id + }}' }), `invalid action in step a: invalid template in record_id: ${compileReason(' context.claim_id + ')}`],
  [setField({ value: '{{ nope(1) }}' }), `invalid action in step a: invalid template in value: ${compileReason(' nope(1) ')}`],
  // webhook: url, method, headers
  [withAction({ type: 'webhook' }), 'invalid action in step a: url is required'],
  [withAction({ type: 'webhook', url: '' }), 'invalid action in step a: url is required'],
  [withAction({ type: 'webhook', url: 'https://x.test', method: 'TRACE' }), 'invalid action in step a: method must be one of POST, PUT, PATCH, GET, DELETE'],
  [withAction({ type: 'webhook', url: 'https://x.test', method: 5 }), 'invalid action in step a: method must be one of POST, PUT, PATCH, GET, DELETE'],
  [withAction({ type: 'webhook', url: 'https://x.test', headers: 'x-a: 1' }), 'invalid action in step a: headers must be an object of strings'],
  [withAction({ type: 'webhook', url: 'https://x.test', headers: { 'x-a': 1 } }), 'invalid action in step a: headers must be an object of strings'],
  // create_record: entity, object data, templates compile
  [withAction({ type: 'create_record', data: {} }), 'invalid action in step a: entity is required'],
  [withAction({ type: 'create_record', entity: 'ledger' }), 'invalid action in step a: data must be an object'],
  [withAction({ type: 'create_record', entity: 'ledger', data: [{ amount: 1 }] }), 'invalid action in step a: data must be an object'],
  [withAction({ type: 'create_record', entity: 'ledger', data: { amount: '{{context.amount +}}' } }),
    `invalid action in step a: invalid template in data.amount: ${compileReason('context.amount +')}`],
  // send_event: event, object data, templates compile
  [withAction({ type: 'send_event' }), 'invalid action in step a: event is required'],
  [withAction({ type: 'send_event', event: 3 }), 'invalid action in step a: event is required'],
  [withAction({ type: 'send_event', event: 'e', data: 'x' }), 'invalid action in step a: data must be an object'],
  [withAction({ type: 'send_event', event: 'e', data: { who: '{{ nope(1) }}' } }),
    `invalid action in step a: invalid template in data.who: ${compileReason(' nope(1) ')}`],
  // active a boolean, then text the databases cannot store
  [{ ...minimal, active: 'yes' }, 'active must be a boolean'],
  [{ ...minimal, active: null }, 'active must be a boolean'],
  [{ ...minimal, active: 1 }, 'active must be a boolean'],
  [{ ...minimal, name: 'a\u0000b' }, 'name must not contain NUL characters'],
  [withTrigger({ ...trigger, to: 'x\u0000' }), 'trigger must not contain NUL characters'],
  [{ ...minimal, context: { ['k\ud800']: 1 } }, 'context must not contain unpaired surrogates'],
  [withSteps([{ id: 'a\ud800', type: 'action' }]), 'steps must not contain unpaired surrogates'],
  [setField({ value: 'x\u0000' }), 'steps must not contain NUL characters'],
];

// Bodies with two problems: the earlier check of the table wins.
const FIRST_WINS: Array<[unknown, string]> = [
  [{ trigger: { type: 'cron' }, steps: [] }, 'workflow name is required'],
  [{ ...withTrigger({ type: 'cron' }), context: 'x' }, 'unsupported trigger type: cron'],
  [withTrigger({ type: 'state_change', to: 'x' }), 'trigger entity is required'],
  [withTrigger({ type: 'state_change', entity: 'claim' }), 'trigger field is required'],
  [{ name: 'wf', trigger, context: 'x', steps: [] }, 'context must be an object'],
  [withSteps([], { active: 'no' }), 'at least one step is required'],
  // The step rows run over all steps in turn: a later step failing an earlier row wins.
  [withSteps([{ id: 'a', type: 'action' }, { id: 'a', type: 'action' }, { type: 'action' }]), 'step id is required'],
  [withSteps([{ id: 'a', type: 'wait' }, { id: 'a', type: 'action' }]), 'duplicate step id: a'],
  [withSteps([{ id: 'a', type: 'action', then: 'nope' }, { id: 'b', type: 'wait' }]), 'invalid step type: wait'],
  [withSteps([{ id: 'c', type: 'condition', expression: '(' }, { id: 'b', type: 'action', then: 'nope' }]), "goto target 'nope' references unknown step"],
  [withSteps([{ id: 'r', type: 'approval', timeout: 'soon' }, { id: 'c', type: 'condition', expression: '(' }]), `invalid expression in step c: ${compileReason('(')}`],
  [withSteps([{ id: 'r', type: 'approval', assignee: {} }, { id: 's', type: 'approval', timeout: 'soon' }]), 'invalid timeout in step s: soon'],
  [withSteps([{ id: 'a', type: 'action', actions: [{ type: 'nope' }] }, { id: 'r', type: 'approval', assignee: {} }]), 'invalid assignee in step r'],
  [withStep({ id: 'a', type: 'action', then: 'nope', actions: [{ type: 'nope' }] }), "goto target 'nope' references unknown step"],
  [approval({ on_reject: 'x', on_approve: 'y' }), "goto target 'y' references unknown step"],
  // Within a step's actions, the first failing action; within an action, its properties in order.
  [withStep({ id: 'a', type: 'action', actions: [{ type: 'set_field', field: 'f' }, { type: 'nope' }] }), 'invalid action in step a: entity is required'],
  [withSteps([{ id: 'a', type: 'action', actions: [{ type: 'webhook' }] }, { id: 'b', type: 'action', actions: [{ type: 'nope' }] }]),
    'invalid action in step a: url is required'],
  [setField({ record_id: undefined, field: undefined }), 'invalid action in step a: record_id is required'],
  [{ ...withAction({ type: 'send_event' }), active: 'no' }, 'invalid action in step a: event is required'],
  [{ ...minimal, name: 'a\u0000', active: 1 }, 'active must be a boolean'],
];

eachDialect(t, 'workflow validation: each check in order, first failure wins, no details', async (t, r) => {
  const { call } = await setup(r);
  for (const body of [[minimal], 'x', 1, null, true]) {
    const res = await call('POST', BASE, JSON.stringify(body));
    t.same([res.status, res.body.error], [400, { code: 'INVALID_PAYLOAD', message: 'Invalid JSON body' }], `body ${JSON.stringify(body)}`);
  }
  for (const [body, message] of [...INVALID, ...FIRST_WINS]) {
    const res = await call('POST', BASE, body);
    t.same([res.status, res.body.error], [422, { code: 'VALIDATION_FAILED', message }], message);
  }
  t.same((await call('GET', BASE)).body.data, [], 'no failed POST stored anything');

  const existing = (await call('POST', BASE, minimal)).body.data;
  for (const [body, message] of [
    [{}, 'workflow name is required'], [{ ...minimal, active: 'yes' }, 'active must be a boolean'],
    [withStep({ id: 'a', type: 'action', then: 'b' }), "goto target 'b' references unknown step"],
  ] as const) {
    const res = await call('PUT', `${BASE}/${existing.id}`, body);
    t.same([res.status, res.body.error], [422, { code: 'VALIDATION_FAILED', message }], `PUT: ${message}`);
  }
  const bad = await call('PUT', `${BASE}/${existing.id}`, JSON.stringify([minimal]));
  t.same([bad.status, bad.body.error.code], [400, 'INVALID_PAYLOAD'], 'PUT: a non-object body');
  t.same((await call('GET', `${BASE}/${existing.id}`)).body.data, existing, 'a failed PUT changes nothing');
});

eachDialect(t, 'list order by name; 404s; the admin gate', async (t, r) => {
  const { app, call } = await setup(r);
  const make = async (name: string) => {
    const res = await call('POST', BASE, { ...minimal, name });
    t.equal(res.status, 201, name);
    return res.body.data.id as string;
  };
  const charlie = await make('charlie');
  const alpha = await make('alpha');
  const bravo = await make('Bravo');
  const alpha2 = await make('alpha_2');
  const names = async () => (await call('GET', BASE)).body.data.map((w: { name: string }) => w.name);
  t.same(await names(), ['Bravo', 'alpha', 'alpha_2', 'charlie'], 'by name, byte order');

  for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', `${alpha}x`]) {
    for (const [method, body] of [['GET', undefined], ['PUT', minimal], ['PUT', {}], ['PUT', '[1]'], ['DELETE', undefined]] as const) {
      const res = await call(method, `${BASE}/${id}`, body);
      t.same([res.status, res.body.error], [404, { code: 'NOT_FOUND', message: `Workflow not found: ${id}` }],
        `${method} ${id}${body ? ` ${JSON.stringify(body)}` : ''}`);
    }
  }

  const editor = userToken(r, app.name, ['editor']);
  for (const [method, path, body] of [
    ['GET', BASE, undefined], ['POST', BASE, { ...minimal, name: 'new' }], ['GET', `${BASE}/${bravo}`, undefined],
    ['PUT', `${BASE}/${bravo}`, minimal], ['DELETE', `${BASE}/${bravo}`, undefined],
  ] as const) {
    const res = await call(method, path, body, editor);
    t.same([res.status, res.body.error.code], [403, 'FORBIDDEN'], `${method} ${path} needs admin`);
    t.equal((await call(method, path, body, '')).status, 401, `${method} ${path} needs a token`);
  }
  t.same(await names(), ['Bravo', 'alpha', 'alpha_2', 'charlie'], 'nothing changed');
  t.ok(charlie && alpha2);
});

eachDialect(t, 'unique names: the 409 last, on POST and on a PUT renaming to a taken name; 10 concurrent POSTs', async (t, r) => {
  const { call } = await setup(r);
  const one = (await call('POST', BASE, { ...minimal, name: 'one' })).body.data;
  const two = (await call('POST', BASE, { ...minimal, name: 'two' })).body.data;
  const conflict = { code: 'CONFLICT', message: 'Workflow already exists: one' };

  const again = await call('POST', BASE, { ...minimal, name: 'one', active: false });
  t.same([again.status, again.body.error], [409, conflict], 'POST of a taken name');
  const invalidToo = await call('POST', BASE, { ...minimal, name: 'one', steps: [] });
  t.same([invalidToo.status, invalidToo.body.error.message], [422, 'at least one step is required'], 'validation comes before the 409');
  const activeToo = await call('POST', BASE, { ...minimal, name: 'one', active: 'no' });
  t.same([activeToo.status, activeToo.body.error.message], [422, 'active must be a boolean'], 'even the last validation check');
  t.equal((await call('POST', BASE, { ...minimal, name: 'One' })).status, 201, 'names are case-sensitive');

  const renamed = await call('PUT', `${BASE}/${two.id}`, { ...minimal, name: 'one' });
  t.same([renamed.status, renamed.body.error], [409, conflict], 'PUT renaming to a taken name');
  t.same((await call('GET', `${BASE}/${two.id}`)).body.data, two, 'and changes nothing');
  const kept = await call('PUT', `${BASE}/${one.id}`, { ...minimal, name: 'one', active: false });
  t.same([kept.status, kept.body.data.name, kept.body.data.active], [200, 'one', false], 'PUT keeping its own name is fine');
  const moved = await call('PUT', `${BASE}/${two.id}`, { ...minimal, name: 'three' });
  t.same([moved.status, moved.body.data.name], [200, 'three'], 'PUT renaming to a free name');
  t.equal((await call('POST', BASE, { ...minimal, name: 'two' })).status, 201, 'the name it left is free again');

  const results = await Promise.all(Array.from({ length: 10 }, (_, i) => call('POST', BASE, { ...minimal, name: 'raced', context: { i } })));
  t.same(results.map((res) => res.status).sort(), [201, ...Array(9).fill(409)], '10 concurrent POSTs: exactly one 201');
  for (const res of results.filter((x) => x.status === 409)) {
    t.same(res.body.error, { code: 'CONFLICT', message: 'Workflow already exists: raced' });
  }
  const raced = (await call('GET', BASE)).body.data.filter((w: { name: string }) => w.name === 'raced');
  t.equal(raced.length, 1, 'one row stored');
  t.same(raced[0].context, results.find((x) => x.status === 201)!.body.data.context, 'the winner\'s row');
});

eachDialect(t, "deleting a workflow deletes its instances, and only its", async (t, r) => {
  const { app, call } = await setup(r);
  const doomed = (await call('POST', BASE, { ...minimal, name: 'doomed' })).body.data;
  const kept = (await call('POST', BASE, { ...minimal, name: 'kept' })).body.data;
  const db = r.server.rocket.apps.get(app.name)!.db;
  const d = db.dialect;
  const insertInstance = async (workflow: { id: string; name: string }) => {
    const now = new Date().toISOString();
    await db.query(
      'INSERT INTO _workflow_instances (id, workflow_id, workflow_name, status, current_step, current_step_deadline, context, history, version, created_at, updated_at) ' +
        'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)',
      [newId(), workflow.id, workflow.name, 'running', 'a', null, d.encodeJson({ x: 1 }), d.encodeJson([]), 0, now],
    );
  };
  await insertInstance(doomed);
  await insertInstance(doomed);
  await insertInstance(kept);
  const count = async (workflowId: string) =>
    Number((await db.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM _workflow_instances WHERE workflow_id = $1', [workflowId]))[0].n);
  t.same([await count(doomed.id), await count(kept.id)], [2, 1]);

  t.same((await call('DELETE', `${BASE}/${doomed.id}`)).body, { data: { id: doomed.id, deleted: true } });
  t.same([await count(doomed.id), await count(kept.id)], [0, 1], 'its instances went with it (ON DELETE CASCADE)');
  t.equal((await call('DELETE', `${BASE}/${doomed.id}`)).status, 404, 'a second delete is 404');
});

// The examples' workflows are already in the stored form (gotos as objects, every default given).
const EXAMPLES = join(import.meta.dirname, '../../examples');
const exampleFiles = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort();

eachDialect(t, "the example schemas' workflows are accepted as they are", async (t, r) => {
  const { call } = await setup(r);
  let seen = 0;
  for (const file of exampleFiles) {
    const workflows = (JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as { workflows?: Array<Record<string, unknown>> }).workflows ?? [];
    for (const wf of workflows) {
      const res = await call('POST', BASE, wf);
      t.equal(res.status, 201, `${file}: ${wf.name}`);
      const { id, created_at, updated_at, ...stored } = res.body.data;
      t.strictSame(stored, wf, `${file}: ${wf.name} stored as given`);
      seen++;
    }
  }
  t.ok(seen >= 4, `the examples hold workflows (${seen})`);
});

eachDialect(t, 'the OpenAPI document lists the workflow admin endpoints', async (t, r) => {
  const { call } = await setup(r);
  const doc = (await call('GET', '/_openapi.json')).body;
  t.same(Object.keys(doc.paths[BASE]).sort(), ['get', 'post']);
  t.same(Object.keys(doc.paths[`${BASE}/{id}`]).sort(), ['delete', 'get', 'parameters', 'put']);
  t.equal(doc.paths[BASE].get.parameters, undefined, 'the list takes no ?entity=');
  t.equal(doc.paths[BASE].post.operationId, 'createWorkflow');
  t.equal(doc.paths[BASE].post.requestBody.content['application/json'].schema.$ref, '#/components/schemas/WorkflowInput');
  t.ok(doc.paths[BASE].post.responses['409'] && doc.paths[`${BASE}/{id}`].put.responses['409'], 'POST and PUT document the 409');
  t.ok(doc.components.schemas.Workflow && doc.components.schemas.WorkflowInput);
});
