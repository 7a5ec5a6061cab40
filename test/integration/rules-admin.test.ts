// The rules admin API (logic.md §1.8) on both databases: CRUD, the flat form and the hook default
// (§1.1), every validation check in its documented order, changes taking effect on the next
// request (here and on another instance), stored rules that no longer compile, and the OpenAPI
// document's admin paths.
import t from 'tap';
import { PG_URL, eachDialect, startInstancePair, userToken } from '../helpers/server.js';
import type { TestRocket } from '../helpers/server.js';

const intPk = { field: 'id', type: 'int', generated: true };
const probe = {
  name: 'probe', table: 'probes', primary_key: intPk,
  fields: [
    { name: 'id', type: 'int' }, { name: 'n', type: 'int' }, { name: 's', type: 'string' },
    { name: 'made', type: 'timestamp', auto: 'create' }, { name: 'doc', type: 'file' },
  ],
};
const other = { name: 'other', table: 'others', primary_key: intPk, fields: [{ name: 'id', type: 'int' }, { name: 'x', type: 'int' }] };
const relation = { name: 'others', type: 'one_to_many', source: 'probe', target: 'other', target_key: 'x' };

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

async function setup(r: TestRocket) {
  const app = await r.createApp();
  const call = (method: Method, path: string, body?: unknown, token: string | undefined = app.token) =>
    r.request(method, `/api/${app.name}${path}`, { token, body });
  for (const e of [probe, other]) if ((await call('POST', '/_admin/entities', e)).status !== 201) throw new Error('entity');
  if ((await call('POST', '/_admin/relations', relation)).status !== 201) throw new Error('relation');
  return { app, call };
}

const minRule = { entity: 'probe', type: 'field', definition: { field: 'n', operator: 'min', value: 0 } };

eachDialect(t, 'rules CRUD: defaults, flat form, order, ?entity=, full replacement, 404s, roles', async (t, r) => {
  const { app, call } = await setup(r);
  const flat = await call('POST', '/_admin/rules', { entity: 'probe', type: 'field', field: 'n', operator: 'max', value: 10, message: 'too big' });
  t.equal(flat.status, 201);
  const rule = flat.body.data;
  t.match(rule, {
    entity: 'probe', hook: 'before_write', type: 'field', priority: 0, active: true,
    definition: { field: 'n', operator: 'max', value: 10, message: 'too big' },
  }, 'the flat keys form the definition; hook, priority and active defaults');
  t.match(rule.id, /^[0-9a-f-]{36}$/);
  t.match(rule.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  t.equal(rule.created_at, rule.updated_at);

  const second = (await call('POST', '/_admin/rules', { ...minRule, priority: -5 })).body.data;
  const third = (await call('POST', '/_admin/rules', { entity: 'other', type: 'expression', definition: { expression: 'record.x > 5' } })).body.data;
  const list = await call('GET', '/_admin/rules');
  t.same(list.body.data.map((x: { id: string }) => x.id), [third.id, second.id, rule.id], 'by entity, then priority');
  t.same((await call('GET', '/_admin/rules?entity=probe')).body.data.map((x: { id: string }) => x.id), [second.id, rule.id]);
  t.same((await call('GET', '/_admin/rules?entity=nope')).body.data, []);
  t.same((await call('GET', '/_admin/rules?entity=a%00b')).body.data, [], 'a NUL entity name lists nothing');
  t.same((await call('GET', `/_admin/rules/${rule.id}`)).body.data, rule);

  const replaced = await call('PUT', `/_admin/rules/${second.id}`, { entity: 'probe', type: 'field', definition: { field: 'n', operator: 'min', value: 1 } });
  t.equal(replaced.status, 200);
  t.match(replaced.body.data, { id: second.id, priority: 0, active: true, definition: { value: 1 } }, 'absent priority → 0 on replacement');
  t.equal(replaced.body.data.created_at, second.created_at);

  for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
    for (const [method, body] of [['GET', undefined], ['PUT', minRule], ['DELETE', undefined]] as const) {
      const res = await call(method, `/_admin/rules/${id}`, body);
      t.same([res.status, res.body.error], [404, { code: 'NOT_FOUND', message: `Rule not found: ${id}` }], `${method} ${id}`);
    }
  }
  t.equal((await call('GET', '/_admin/rules', undefined, userToken(r, app.name, ['editor']))).status, 403, 'admin only');
  t.equal((await call('POST', '/_admin/rules', minRule, '')).status, 401);

  const deleted = await call('DELETE', `/_admin/rules/${rule.id}`);
  t.same(deleted.body, { data: { id: rule.id, deleted: true } });
  t.equal((await call('GET', `/_admin/rules/${rule.id}`)).status, 404);

  t.equal((await call('DELETE', '/_admin/entities/other')).status, 200);
  t.same((await call('GET', '/_admin/rules')).body.data.map((x: { id: string }) => x.id), [second.id], "an entity's rules go with it");
});

// [body, message]: each case fails exactly one check, in the documented order (first failure wins).
const INVALID: Array<[unknown, string]> = [
  [{}, 'entity is required'],
  [{ type: 'field', definition: minRule.definition }, 'entity is required'],
  [{ entity: 'nope', type: 'field' }, 'entity not found: nope'],
  [{ entity: 'probe', hook: 'after', type: 'zzz' }, 'invalid hook: after (must be before_write, after_write, or before_delete)'],
  [{ entity: 'probe', type: 'conditions' }, 'invalid rule type: conditions (must be field, expression, or computed)'],
  [{ entity: 'probe', conditions: [{ field: 'n', operator: 'min', value: 0 }] }, 'invalid rule type: undefined (must be field, expression, or computed)'],
  [{ entity: 'probe', type: 'field' }, 'definition is required'],
  [{ entity: 'probe', type: 'field', definition: 'n > 0' }, 'definition is required'],
  [{ entity: 'probe', type: 'computed', hook: 'after_write', definition: { field: 'n', expression: '1' } }, 'computed rules are only allowed with hook before_write'],
  [{ entity: 'probe', type: 'field', definition: { field: 'nope', operator: 'min', value: 0 } }, 'rule field nope not found on entity probe'],
  [{ entity: 'probe', type: 'expression', definition: { field: 'nope', expression: 'true' } }, 'rule field nope not found on entity probe'],
  [{ entity: 'probe', type: 'computed', definition: { field: 'id', expression: '1' } }, 'rule field id not found on entity probe'],
  [{ entity: 'probe', type: 'computed', definition: { field: 'made', expression: 'now' } }, 'rule field made not found on entity probe'],
  [{ entity: 'probe', type: 'computed', definition: { field: 'doc', expression: 'nil' } }, 'rule field doc not found on entity probe'],
  [{ entity: 'probe', type: 'field', definition: { field: 'n', operator: 'between', value: 0 } }, 'invalid operator: between'],
  [{ entity: 'probe', type: 'field', definition: { field: 'n', operator: 'min', value: '0' } }, 'invalid value for operator min'],
  [{ entity: 'probe', type: 'field', definition: { field: 's', operator: 'min_length', value: -1 } }, 'invalid value for operator min_length'],
  [{ entity: 'probe', type: 'field', definition: { field: 's', operator: 'in', value: 'a' } }, 'invalid value for operator in'],
  [{ entity: 'probe', type: 'field', definition: { field: 's', operator: 'eq', value: [1] } }, 'invalid value for operator eq'],
  [{ entity: 'probe', type: 'field', definition: { field: 's', operator: 'not_empty', value: 1 } }, 'invalid value for operator not_empty'],
  [{ entity: 'probe', type: 'expression', definition: {} }, 'invalid expression: expression is required'],
  [{ entity: 'probe', type: 'field', definition: { field: 'n', operator: 'min', value: 0, stop_on_fail: 'yes' } }, 'stop_on_fail must be a boolean'],
  [{ ...minRule, priority: 1.5 }, 'priority must be an integer'],
  [{ ...minRule, priority: 2 ** 40 }, 'priority must be an integer between -2147483647 and 2147483647'],
  [{ ...minRule, active: 'yes' }, 'active must be a boolean'],
  [{ entity: 'probe', type: 'field', definition: { field: 'n', operator: 'min', value: 0, message: 7 } }, 'message must be a string'],
];

const PREFIXED: Array<[unknown, string]> = [
  [{ entity: 'probe', type: 'field', definition: { field: 's', operator: 'pattern', value: '(' } }, 'invalid pattern: '],
  [{ entity: 'probe', type: 'expression', definition: { expression: 'record.s.toLowerCase()' } }, 'invalid expression: '],
  [{ entity: 'probe', type: 'expression', definition: { expression: 'record.n = 1' } }, 'invalid expression: '],
  [{ entity: 'probe', type: 'expression', definition: { expression: 'nope(1)' } }, 'invalid expression: '],
  [{ entity: 'probe', type: 'expression', definition: { expression: 'len(1, 2)' } }, 'invalid expression: '],
  [{ entity: 'probe', type: 'expression', definition: { expression: 'record.n 1' } }, 'invalid expression: '],
  [{ entity: 'probe', type: 'computed', definition: { field: 'n', expression: "sum(record.items, 'a +')" } }, 'invalid expression: '],
  [{ entity: 'probe', type: 'expression', definition: { expression: 'true', related_load: [{ relation: 'nope' }] } },
    'invalid related_load: relation nope not found on entity probe'],
  [{ entity: 'probe', type: 'expression', definition: { expression: 'true', related_load: { relation: 'others' } } },
    'invalid related_load: related_load must be an array'],
  [{ entity: 'probe', type: 'expression', definition: { expression: 'true', related_load: [{ relation: 'others', filter: { 'y.gt': 1 } }] } },
    'invalid related_load: unknown field y on entity other'],
  [{ entity: 'probe', type: 'expression', definition: { expression: 'true', related_load: [{ relation: 'others', filter: { 'x.near': 1 } }] } },
    'invalid related_load: unknown operator near'],
  [{ entity: 'probe', type: 'expression', definition: { expression: 'true', related_load: [{ relation: 'others', filter: { 'x.like': 'a%' } }] } },
    'invalid related_load: operator like is not supported for field x'],
  [{ entity: 'probe', type: 'expression', definition: { expression: 'true', related_load: [{ relation: 'others', filter: { 'x.in': 1 } }] } },
    'invalid related_load: x.in must be an array'],
  [{ entity: 'probe', type: 'expression', definition: { expression: 'true', related_load: [{ relation: 'others', filter: { x: 'abc' } }] } },
    'invalid related_load: invalid value for x on entity other'],
  [{ entity: 'probe', type: 'field', definition: { field: 'n', operator: 'min', value: 0, related_load: [{ relation: 'others' }] } },
    'invalid related_load: only expression and computed rules load related data'],
];

eachDialect(t, 'rule validation: each check in order, first failure wins, no details', async (t, r) => {
  const { call } = await setup(r);
  const notObject = await call('POST', '/_admin/rules', [minRule]);
  t.same([notObject.status, notObject.body.error], [400, { code: 'INVALID_PAYLOAD', message: 'Invalid JSON body' }]);
  for (const [body, message] of INVALID) {
    const res = await call('POST', '/_admin/rules', body);
    t.same([res.status, res.body.error], [422, { code: 'VALIDATION_FAILED', message }], message);
  }
  for (const [body, prefix] of PREFIXED) {
    const res = await call('POST', '/_admin/rules', body);
    t.equal(res.status, 422, prefix);
    t.ok(res.body.error.message.startsWith(prefix) && res.body.error.message.length >= prefix.length, `${res.body.error.message}`);
    t.notOk('details' in res.body.error);
  }
  const existing = (await call('POST', '/_admin/rules', minRule)).body.data;
  const badPut = await call('PUT', `/_admin/rules/${existing.id}`, { ...minRule, type: 'nope' });
  t.equal(badPut.status, 422, 'PUT validates the same way');
  t.same((await call('GET', `/_admin/rules/${existing.id}`)).body.data, existing, 'and changes nothing when it fails');
  t.same((await call('GET', '/_admin/rules')).body.data.length, 1, 'no failed POST stored anything');
});

eachDialect(t, 'changes apply to the next request; a stored rule that no longer compiles fails alone', async (t, r) => {
  const { app, call } = await setup(r);
  t.equal((await call('POST', '/probe', { n: -1 })).status, 201);
  const id = (await call('POST', '/_admin/rules', minRule)).body.data.id;
  t.equal((await call('POST', '/probe', { n: -1 })).status, 422, 'a new rule applies at once');
  t.equal((await call('PUT', `/_admin/rules/${id}`, { ...minRule, active: false })).status, 200);
  t.equal((await call('POST', '/probe', { n: -1 })).status, 201, 'an inactive rule never runs');
  t.equal((await call('PUT', `/_admin/rules/${id}`, minRule)).status, 200);
  t.equal((await call('POST', '/probe', { n: -1 })).status, 422);
  t.equal((await call('DELETE', `/_admin/rules/${id}`)).status, 200);
  t.equal((await call('POST', '/probe', { n: -1 })).status, 201, 'a deleted rule is gone');

  // A row written by hand (or by an older version) that does not compile: logged, and only it fails.
  const db = r.server.rocket.apps.get(app.name)!.db;
  const d = db.dialect;
  await db.query(
    'INSERT INTO _rules (id, entity, hook, type, definition, priority, active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)',
    ['11111111-1111-4111-8111-111111111111', 'probe', 'before_write', 'expression', d.encodeJson({ expression: 'record.n >' }), 0, d.encodeBool(true), new Date().toISOString()],
  );
  await call('POST', '/_admin/rules', { entity: 'probe', type: 'field', definition: { field: 's', operator: 'max_length', value: 3 } }); // reloads
  const res = await call('POST', '/probe', { s: 'abcd' });
  t.equal(res.status, 422);
  t.equal(res.body.error.details.length, 2, 'the broken rule and the working one both report');
  t.same(res.body.error.details[0], { field: 's', rule: 'max_length', message: 'field s failed max_length validation' });
  t.equal(res.body.error.details[1].rule, 'expression');
  t.match(res.body.error.details[1].message, /^rule evaluation error: invalid expression: /);
});

eachDialect(t, 'the OpenAPI document lists the rules admin endpoints', async (t, r) => {
  const { call } = await setup(r);
  const doc = (await call('GET', '/_openapi.json')).body;
  t.same(Object.keys(doc.paths['/_admin/rules']).sort(), ['get', 'post']);
  t.same(Object.keys(doc.paths['/_admin/rules/{id}']).sort(), ['delete', 'get', 'parameters', 'put']);
  t.equal(doc.paths['/_admin/rules'].post.operationId, 'createRule');
  t.ok(doc.components.schemas.Rule && doc.components.schemas.RuleInput);
});

if (PG_URL) {
  t.test('a rule change reaches another instance on the next request [postgres]', async (t) => {
    const [a, b] = await startInstancePair(t);
    const app = await a.createApp();
    const on = (r: TestRocket) => (method: Method, path: string, body?: unknown) => r.request(method, `/api/${app.name}${path}`, { token: app.token, body });
    t.equal((await on(a)('POST', '/_admin/entities', probe)).status, 201);
    const until = async (check: () => Promise<boolean>) => {
      for (let i = 0; i < 200; i++) {
        if (await check()) return true;
        await new Promise((res) => setTimeout(res, 10));
      }
      return false;
    };
    t.ok(await until(async () => (await on(b)('POST', '/probe', { n: -1 })).status === 201), 'B serves the entity');
    t.equal((await on(a)('POST', '/_admin/rules', minRule)).status, 201);
    t.ok(await until(async () => (await on(b)('POST', '/probe', { n: -1 })).status === 422), 'B applies the rule');
  });
}
