// The state-machine admin API (logic.md §3.8) on both databases: CRUD and the normalised stored
// definition (§3.1), list order and ?entity=, 404s, every validation check in its documented order
// (first failure wins), the one-machine-per-(entity, field) 409 — also under 20 concurrent POSTs —,
// the admin gate, machines going with their entity, and the OpenAPI document's paths.
// Enforcement on records is not tested here (test/integration/state-machines.test.ts).
import t from 'tap';
import { compileExpression } from '../../core/expr/index.js';
import { eachDialect, userToken } from '../helpers/server.js';
import type { TestRocket } from '../helpers/server.js';

const intPk = { field: 'id', type: 'int', generated: true };
const claim = {
  name: 'claim', table: 'claims', primary_key: intPk,
  fields: [
    { name: 'id', type: 'int' }, { name: 'status', type: 'string' }, { name: 'stage', type: 'string' },
    { name: 'amount', type: 'int' }, { name: 'flag', type: 'boolean' }, { name: 'note', type: 'text' },
    { name: 'submitted_at', type: 'timestamp' }, { name: 'approved_on', type: 'date' },
    { name: 'priority', type: 'string', enum: ['low', 'high'] },
    { name: 'title', type: 'string', required: true },
    { name: 'label', type: 'string', required: true, nullable: true },
    { name: 'doc', type: 'json' },
  ],
};
const ledger = {
  name: 'ledger', table: 'ledgers', primary_key: intPk,
  fields: [{ name: 'id', type: 'int' }, { name: 'claim_id', type: 'int' }, { name: 'amount', type: 'int' }, { name: 'kind', type: 'string' }],
};

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const BASE = '/_admin/state-machines';

async function setup(r: TestRocket) {
  const app = await r.createApp();
  const call = (method: Method, path: string, body?: unknown, token: string | undefined = app.token) =>
    r.request(method, `/api/${app.name}${path}`, { token, body });
  for (const e of [claim, ledger]) if ((await call('POST', '/_admin/entities', e)).status !== 201) throw new Error('entity');
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

const minimal = { entity: 'claim', field: 'status', definition: { transitions: [{ from: 'a', to: 'b' }] } };
/** The minimal machine with its one transition extended (or replaced by `transitions`). */
const withTransition = (extra: Record<string, unknown>) =>
  ({ entity: 'claim', field: 'status', definition: { transitions: [{ from: 'a', to: 'b', ...extra }] } });
const withAction = (action: unknown) => withTransition({ actions: [action] });
const withTransitions = (transitions: unknown, more: Record<string, unknown> = {}) =>
  ({ entity: 'claim', field: 'status', definition: { transitions, ...more } });

eachDialect(t, 'state machines CRUD: normalised definition, timestamps, full replacement, delete', async (t, r) => {
  const { call } = await setup(r);
  const created = await call('POST', BASE, {
    entity: 'claim', field: 'status', unknown_top: 1,
    definition: {
      initial: 'draft', extra: 'dropped',
      transitions: [
        {
          from: 'draft', to: 'submitted', guard: 'record.amount > 0', note: 'dropped',
          actions: [
            { type: 'set_field', field: 'submitted_at', value: 'now', extra: 1 },
            { type: 'webhook', url: 'https://payroll.example.net/hooks/claims' },
          ],
        },
        {
          from: ['submitted', 'on_hold'], to: 'approved', roles: ['finance'],
          actions: [
            { type: 'create_record', entity: 'ledger', data: { claim_id: '{{record.id}}', amount: '{{ record.amount }}', kind: 'expense' } },
            { type: 'send_event', event: 'claim_approved' },
            { type: 'send_event', event: 'claim_paid', data: { by: '{{user.id}}', n: 1 } },
            { type: 'webhook', url: '/relative', method: 'PATCH', headers: { 'x-key': '{{env.KEY}}' } },
          ],
        },
        { from: ['draft', 'submitted'], to: 'withdrawn', roles: null, guard: null, actions: null },
      ],
    },
  });
  t.equal(created.status, 201);
  const sm = created.body.data;
  t.same(Object.keys(sm).sort(), ['active', 'created_at', 'definition', 'entity', 'field', 'id', 'updated_at']);
  t.match(sm, { entity: 'claim', field: 'status', active: true });
  t.same(sm.definition, {
    initial: 'draft',
    transitions: [
      {
        from: ['draft'], to: 'submitted', roles: [], guard: 'record.amount > 0',
        actions: [
          { type: 'set_field', field: 'submitted_at', value: 'now' },
          { type: 'webhook', url: 'https://payroll.example.net/hooks/claims', method: 'POST', headers: {} },
        ],
      },
      {
        from: ['submitted', 'on_hold'], to: 'approved', roles: ['finance'], guard: null,
        actions: [
          { type: 'create_record', entity: 'ledger', data: { claim_id: '{{record.id}}', amount: '{{ record.amount }}', kind: 'expense' } },
          { type: 'send_event', event: 'claim_approved' },
          { type: 'send_event', event: 'claim_paid', data: { by: '{{user.id}}', n: 1 } },
          { type: 'webhook', url: '/relative', method: 'PATCH', headers: { 'x-key': '{{env.KEY}}' } },
        ],
      },
      { from: ['draft', 'submitted'], to: 'withdrawn', roles: [], guard: null, actions: [] },
    ],
  }, 'from as an array, defaults filled in, unknown keys dropped');
  t.match(sm.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  t.match(sm.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  t.equal(sm.created_at, sm.updated_at);

  t.same((await call('GET', `${BASE}/${sm.id}`)).body, { data: sm }, 'GET returns the stored form');
  t.same((await call('GET', `${BASE}/${sm.id.toUpperCase()}`)).body.data, sm, 'ids are case-insensitive');

  await sleep(5);
  const replaced = await call('PUT', `${BASE}/${sm.id}`, {
    entity: 'claim', field: 'status', active: false, definition: { initial: null, transitions: [{ from: 'x', to: 'y' }] },
  });
  t.equal(replaced.status, 200);
  t.same(replaced.body.data.definition, { transitions: [{ from: ['x'], to: 'y', roles: [], guard: null, actions: [] }] },
    'full replacement: initial is gone');
  t.equal(replaced.body.data.active, false);
  t.equal(replaced.body.data.created_at, sm.created_at, 'created_at is kept');
  t.ok(replaced.body.data.updated_at > sm.updated_at, 'updated_at moves');
  const again = await call('PUT', `${BASE}/${sm.id}`, minimal);
  t.equal(again.body.data.active, true, 'absent active → true on replacement');
  t.same((await call('GET', `${BASE}/${sm.id}`)).body.data, again.body.data);

  const deleted = await call('DELETE', `${BASE}/${sm.id}`);
  t.same([deleted.status, deleted.body], [200, { data: { id: sm.id, deleted: true } }]);
  t.equal((await call('GET', `${BASE}/${sm.id}`)).status, 404);
  t.same((await call('GET', BASE)).body.data, []);
});

eachDialect(t, 'list order and ?entity=; 404s; the admin gate', async (t, r) => {
  const { app, call } = await setup(r);
  const make = async (entity: string, field: string) => {
    const res = await call('POST', BASE, { entity, field, definition: { transitions: [{ from: 'a', to: 'b' }] } });
    t.equal(res.status, 201, `${entity}.${field}`);
    await sleep(5); // distinct created_at
    return res.body.data.id as string;
  };
  const ledgerKind = await make('ledger', 'kind');
  const claimStage = await make('claim', 'stage');
  const claimStatus = await make('claim', 'status');
  const ids = async (query = '') => (await call('GET', `${BASE}${query}`)).body.data.map((x: { id: string }) => x.id);
  t.same(await ids(), [claimStage, claimStatus, ledgerKind], 'by entity, then created_at');
  t.same(await ids('?entity=claim'), [claimStage, claimStatus]);
  t.same(await ids('?entity=ledger'), [ledgerKind]);
  t.same(await ids('?entity=nope'), []);
  t.same(await ids('?entity=a%00b'), [], 'a NUL entity name lists nothing');

  for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
    for (const [method, body] of [['GET', undefined], ['PUT', minimal], ['PUT', {}], ['DELETE', undefined]] as const) {
      const res = await call(method, `${BASE}/${id}`, body);
      t.same([res.status, res.body.error], [404, { code: 'NOT_FOUND', message: `State machine not found: ${id}` }],
        `${method} ${id}${body ? ` ${JSON.stringify(body)}` : ''}`);
    }
  }

  const editor = userToken(r, app.name, ['editor']);
  for (const [method, path, body] of [
    ['GET', BASE, undefined], ['POST', BASE, minimal], ['GET', `${BASE}/${claimStage}`, undefined],
    ['PUT', `${BASE}/${claimStage}`, minimal], ['DELETE', `${BASE}/${claimStage}`, undefined],
  ] as const) {
    const res = await call(method, path, body, editor);
    t.same([res.status, res.body.error.code], [403, 'FORBIDDEN'], `${method} ${path} needs admin`);
    t.equal((await call(method, path, body, '')).status, 401, `${method} ${path} needs a token`);
  }
  t.same(await ids(), [claimStage, claimStatus, ledgerKind], 'nothing changed');

  t.equal((await call('DELETE', '/_admin/entities/ledger')).status, 200);
  t.same(await ids(), [claimStage, claimStatus], "an entity's machines go with it");
  t.equal((await call('GET', `${BASE}/${ledgerKind}`)).status, 404);
});

// [body, message]: each body fails exactly one check; listed in the documented order (§3.8).
const INVALID: Array<[unknown, string]> = [
  // entity present / exists
  [{}, 'entity is required'],
  [{ entity: '', field: 'status' }, 'entity is required'],
  [{ entity: 7, field: 'status' }, 'entity is required'],
  [{ entity: 'nope', field: 'status', definition: minimal.definition }, 'entity not found: nope'],
  // field present / exists
  [{ entity: 'claim', definition: minimal.definition }, 'field is required'],
  [{ entity: 'claim', field: '', definition: minimal.definition }, 'field is required'],
  [{ entity: 'claim', field: 'nope', definition: minimal.definition }, 'field nope not found on entity claim'],
  [{ entity: 'claim', field: 'kind', definition: minimal.definition }, 'field kind not found on entity claim'],
  // definition.transitions non-empty array
  [{ entity: 'claim', field: 'status' }, 'at least one transition is required'],
  [{ entity: 'claim', field: 'status', definition: 'x' }, 'at least one transition is required'],
  [{ entity: 'claim', field: 'status', definition: [minimal.definition] }, 'at least one transition is required'],
  [{ entity: 'claim', field: 'status', definition: {} }, 'at least one transition is required'],
  [withTransitions([]), 'at least one transition is required'],
  [withTransitions({ from: 'a', to: 'b' }), 'at least one transition is required'],
  // initial a string when present
  [withTransitions([{ from: 'a', to: 'b' }], { initial: 5 }), 'initial must be a string'],
  [withTransitions([{ from: 'a', to: 'b' }], { initial: ['a'] }), 'initial must be a string'],
  // transition from / to
  [withTransitions([{ to: 'b' }]), 'transition from is required'],
  [withTransitions(['a']), 'transition from is required'],
  [withTransition({ from: '' }), 'transition from is required'],
  [withTransition({ from: [] }), 'transition from is required'],
  [withTransition({ from: ['a', ''] }), 'transition from is required'],
  [withTransition({ from: ['a', 1] }), 'transition from is required'],
  [withTransition({ from: 1 }), 'transition from is required'],
  [withTransitions([{ from: 'a' }]), 'transition to is required'],
  [withTransition({ to: '' }), 'transition to is required'],
  [withTransition({ to: ['b'] }), 'transition to is required'],
  // roles
  [withTransition({ roles: 'finance' }), 'transition roles must be an array of strings'],
  [withTransition({ roles: ['finance', 1] }), 'transition roles must be an array of strings'],
  // guard compiles
  [withTransition({ guard: 'record.amount >' }), `invalid guard expression: ${compileReason('record.amount >')}`],
  [withTransition({ guard: 'nope(1)' }), `invalid guard expression: ${compileReason('nope(1)')}`],
  [withTransition({ guard: '' }), `invalid guard expression: ${compileReason('')}`],
  [withTransition({ guard: true }), 'invalid guard expression: guard must be a string or null'],
  // actions, then each action's type
  [withTransition({ actions: { type: 'send_event', event: 'e' } }), 'transition actions must be an array'],
  [withAction({ type: 'notify' }), 'invalid action type: notify'],
  [withAction({ type: 'Set_Field', field: 'stage', value: 'x' }), 'invalid action type: Set_Field'],
  [withAction({ field: 'stage', value: 'x' }), 'invalid action type: undefined'],
  [withAction('set_field'), 'invalid action type: undefined'],
  // set_field: field exists, value valid
  [withAction({ type: 'set_field', value: 'x' }), 'invalid set_field action: field is required'],
  [withAction({ type: 'set_field', field: 'nope', value: 'x' }), 'invalid set_field action: field nope not found on entity claim'],
  [withAction({ type: 'set_field', field: 'stage' }), 'invalid set_field action: value is required'],
  [withAction({ type: 'set_field', field: 'amount', value: 'abc' }), 'invalid set_field action: value for field amount must be an integer'],
  [withAction({ type: 'set_field', field: 'amount', value: 1.5 }), 'invalid set_field action: value for field amount must be an integer'],
  [withAction({ type: 'set_field', field: 'amount', value: 'now' }), 'invalid set_field action: value for field amount must be an integer'],
  [withAction({ type: 'set_field', field: 'flag', value: 'now' }), 'invalid set_field action: value for field flag must be a boolean'],
  [withAction({ type: 'set_field', field: 'submitted_at', value: 'yesterday' }),
    'invalid set_field action: value for field submitted_at must be an ISO-8601 timestamp'],
  [withAction({ type: 'set_field', field: 'approved_on', value: '2025-02-30' }),
    'invalid set_field action: value for field approved_on must be a date (YYYY-MM-DD)'],
  [withAction({ type: 'set_field', field: 'stage', value: 5 }), 'invalid set_field action: value for field stage must be a string'],
  [withAction({ type: 'set_field', field: 'priority', value: 'mid' }), 'invalid set_field action: value for field priority must be one of: low, high'],
  [withAction({ type: 'set_field', field: 'priority', value: 'now' }), 'invalid set_field action: value for field priority must be one of: low, high'],
  [withAction({ type: 'set_field', field: 'title', value: null }), 'invalid set_field action: field title is required and cannot be set to null'],
  // create_record (§3.6): entity exists, data an object of its fields, templates compile
  [withAction({ type: 'create_record', data: {} }), 'invalid create_record action: entity is required'],
  [withAction({ type: 'create_record', entity: 'nope', data: {} }), 'invalid create_record action: entity nope not found'],
  [withAction({ type: 'create_record', entity: 'ledger' }), 'invalid create_record action: data must be an object'],
  [withAction({ type: 'create_record', entity: 'ledger', data: [{ amount: 1 }] }), 'invalid create_record action: data must be an object'],
  [withAction({ type: 'create_record', entity: 'ledger', data: { amount: 1, nope: 2 } }), 'invalid create_record action: field nope not found on entity ledger'],
  [withAction({ type: 'create_record', entity: 'ledger', data: { amount: '{{record.amount +}}' } }),
    `invalid create_record action: invalid template in data.amount: ${compileReason('record.amount +')}`],
  // send_event
  [withAction({ type: 'send_event' }), 'invalid send_event action: event is required'],
  [withAction({ type: 'send_event', event: '' }), 'invalid send_event action: event is required'],
  [withAction({ type: 'send_event', event: 3 }), 'invalid send_event action: event is required'],
  [withAction({ type: 'send_event', event: 'e', data: 'x' }), 'invalid send_event action: data must be an object'],
  [withAction({ type: 'send_event', event: 'e', data: { who: '{{ nope(1) }}' } }),
    `invalid send_event action: invalid template in data.who: ${compileReason(' nope(1) ')}`],
  // webhook
  [withAction({ type: 'webhook' }), 'invalid webhook action: url is required'],
  [withAction({ type: 'webhook', url: '' }), 'invalid webhook action: url is required'],
  [withAction({ type: 'webhook', url: 'https://x.test', method: 'post' }), 'invalid webhook action: method must be one of POST, PUT, PATCH, GET, DELETE'],
  [withAction({ type: 'webhook', url: 'https://x.test', method: 'TRACE' }), 'invalid webhook action: method must be one of POST, PUT, PATCH, GET, DELETE'],
  [withAction({ type: 'webhook', url: 'https://x.test', headers: 'x-a: 1' }), 'invalid webhook action: headers must be an object of strings'],
  [withAction({ type: 'webhook', url: 'https://x.test', headers: { 'x-a': 1 } }), 'invalid webhook action: headers must be an object of strings'],
  // active, then text the databases cannot store
  [{ ...minimal, active: 'yes' }, 'active must be a boolean'],
  [{ ...minimal, active: null }, 'active must be a boolean'],
  [withTransition({ to: 'a\u0000b' }), 'definition must not contain NUL characters'],
  [withTransition({ roles: ['\ud800'] }), 'definition must not contain unpaired surrogates'],
  [withAction({ type: 'set_field', field: 'stage', value: 'x\u0000' }), 'definition must not contain NUL characters'],
];

// Bodies with two problems: the earlier check of the table wins.
const FIRST_WINS: Array<[unknown, string]> = [
  [{ entity: 'nope' }, 'entity not found: nope'],
  [{ entity: 'claim', field: 'nope', definition: {} }, 'field nope not found on entity claim'],
  [withTransitions([], { initial: 5 }), 'at least one transition is required'],
  [withTransitions([{ from: '', to: '' }]), 'transition from is required'],
  [withTransition({ roles: 'x', guard: '(' }), 'transition roles must be an array of strings'],
  [withTransition({ guard: '(', actions: [{ type: 'nope' }] }), `invalid guard expression: ${compileReason('(')}`],
  [withTransition({ actions: [{ type: 'set_field', field: 'nope' }, { type: 'nope' }] }), 'invalid set_field action: field nope not found on entity claim'],
  // Transitions are checked one by one: the first transition's action before the second's `from`.
  [withTransitions([{ from: 'a', to: 'b', actions: [{ type: 'webhook' }] }, { from: '', to: 'c' }]), 'invalid webhook action: url is required'],
  [{ ...withAction({ type: 'send_event' }), active: 'no' }, 'invalid send_event action: event is required'],
  [{ ...withTransition({ to: 'a\u0000' }), active: 1 }, 'active must be a boolean'],
];

eachDialect(t, 'state machine validation: each check in order, first failure wins, no details', async (t, r) => {
  const { call } = await setup(r);
  for (const body of [[minimal], 'x', 1, null]) {
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
    [{}, 'entity is required'], [{ ...minimal, active: 'yes' }, 'active must be a boolean'],
    [withAction({ type: 'webhook' }), 'invalid webhook action: url is required'],
  ] as const) {
    const res = await call('PUT', `${BASE}/${existing.id}`, body);
    t.same([res.status, res.body.error], [422, { code: 'VALIDATION_FAILED', message }], `PUT: ${message}`);
  }
  t.same((await call('GET', `${BASE}/${existing.id}`)).body.data, existing, 'a failed PUT changes nothing');
});

eachDialect(t, 'set_field values: "now" for timestamp, date, string and text; typed literals; null where allowed', async (t, r) => {
  const { call } = await setup(r);
  const VALID: Array<[string, unknown]> = [
    ['submitted_at', 'now'], ['approved_on', 'now'], ['stage', 'now'], ['note', 'now'], ['doc', 'now'],
    ['submitted_at', '2025-03-09T14:05:00+01:00'], ['approved_on', '2025-03-09'], ['amount', 5], ['amount', '7'],
    ['flag', false], ['priority', 'low'], ['doc', { a: [1] }], ['stage', ''],
    ['amount', null], ['submitted_at', null], ['label', null], ['title', 'x'],
  ];
  for (const [field, value] of VALID) {
    const res = await call('POST', BASE, withAction({ type: 'set_field', field, value }));
    t.equal(res.status, 201, `${field} = ${JSON.stringify(value)}`);
    t.same(res.body.data.definition.transitions[0].actions, [{ type: 'set_field', field, value }], 'stored as given');
    await call('DELETE', `${BASE}/${res.body.data.id}`);
  }
});

eachDialect(t, 'one machine per (entity, field): 409 last, on POST and on a PUT moving to a taken pair', async (t, r) => {
  const { call } = await setup(r);
  const status = (await call('POST', BASE, minimal)).body.data;
  const stage = (await call('POST', BASE, { ...minimal, field: 'stage' })).body.data;
  const conflict = { code: 'CONFLICT', message: 'State machine already exists for claim.status' };

  const again = await call('POST', BASE, { ...minimal, active: false });
  t.same([again.status, again.body.error], [409, conflict], 'POST of a taken pair');
  const invalidToo = await call('POST', BASE, { ...minimal, active: 'no' });
  t.same([invalidToo.status, invalidToo.body.error.message], [422, 'active must be a boolean'], 'validation comes before the 409');

  const moved = await call('PUT', `${BASE}/${stage.id}`, minimal);
  t.same([moved.status, moved.body.error], [409, conflict], 'PUT moving to a taken pair');
  t.same((await call('GET', `${BASE}/${stage.id}`)).body.data, stage, 'and changes nothing');
  const kept = await call('PUT', `${BASE}/${status.id}`, { ...minimal, active: false });
  t.same([kept.status, kept.body.data.field, kept.body.data.active], [200, 'status', false], 'PUT keeping its own pair is fine');
  const elsewhere = await call('PUT', `${BASE}/${stage.id}`, { ...minimal, entity: 'ledger', field: 'kind' });
  t.same([elsewhere.status, elsewhere.body.data.entity, elsewhere.body.data.field], [200, 'ledger', 'kind'], 'PUT moving to a free pair');
  const freed = await call('POST', BASE, { ...minimal, field: 'stage' });
  t.equal(freed.status, 201, 'the pair it left is free again');

  const results = await Promise.all(Array.from({ length: 20 }, () => call('POST', BASE, { ...minimal, field: 'note' })));
  const statuses = results.map((res) => res.status).sort();
  t.same(statuses, [201, ...Array(19).fill(409)], '20 concurrent POSTs: exactly one 201');
  for (const res of results.filter((x) => x.status === 409)) {
    t.same(res.body.error, { code: 'CONFLICT', message: 'State machine already exists for claim.note' });
  }
  const notes = (await call('GET', `${BASE}?entity=claim`)).body.data.filter((x: { field: string }) => x.field === 'note');
  t.equal(notes.length, 1, 'one row stored');
});

eachDialect(t, 'the OpenAPI document lists the state-machine admin endpoints', async (t, r) => {
  const { call } = await setup(r);
  const doc = (await call('GET', '/_openapi.json')).body;
  t.same(Object.keys(doc.paths[BASE]).sort(), ['get', 'post']);
  t.same(Object.keys(doc.paths[`${BASE}/{id}`]).sort(), ['delete', 'get', 'parameters', 'put']);
  t.equal(doc.paths[BASE].post.operationId, 'createStateMachine');
  t.equal(doc.paths[BASE].post.requestBody.content['application/json'].schema.$ref, '#/components/schemas/StateMachineInput');
  t.ok(doc.paths[BASE].post.responses['409'], 'POST documents the 409');
  t.ok(doc.components.schemas.StateMachine && doc.components.schemas.StateMachineInput);
});
