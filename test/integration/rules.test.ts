// Rules over HTTP on both databases (logic.md §1, write-pipeline.md §2.2 steps 12–15 and 25, §3
// step 5): every field operator with its constraint semantics, expression rules and their
// variables, computed fields, priority and stop_on_fail, inactive rules, the three hooks,
// related_load forward and reverse, and rules on nested children with their paths.
import t from 'tap';
import { eachDialect, userToken } from '../helpers/server.js';
import type { TestRocket } from '../helpers/server.js';

const uuidPk = { field: 'id', type: 'uuid', generated: true };
const intPk = { field: 'id', type: 'int', generated: true };
const entities = [
  {
    name: 'probe', table: 'probes', primary_key: intPk,
    fields: [
      { name: 'id', type: 'int' }, { name: 'n', type: 'float' }, { name: 'i', type: 'int' }, { name: 'd', type: 'decimal', precision: 2 },
      { name: 's', type: 'string' }, { name: 'when', type: 'date' }, { name: 'tags', type: 'json' },
    ],
  },
  {
    name: 'order', table: 'orders', primary_key: uuidPk, soft_delete: false,
    fields: [
      { name: 'id', type: 'uuid' }, { name: 'number', type: 'string' },
      { name: 'status', type: 'string', enum: ['draft', 'paid', 'void'], default: 'draft' },
      { name: 'total', type: 'decimal', precision: 2 }, { name: 'tax_rate', type: 'float' }, { name: 'gross', type: 'decimal', precision: 2 },
      { name: 'payment_date', type: 'date' }, { name: 'label', type: 'string' }, { name: 'line_count', type: 'int' },
      { name: 'max_quantity', type: 'int' },
    ],
  },
  {
    name: 'line', table: 'lines', primary_key: intPk,
    fields: [
      { name: 'id', type: 'int' }, { name: 'order_id', type: 'uuid' }, { name: 'product', type: 'string' },
      { name: 'quantity', type: 'int' }, { name: 'unit_price', type: 'decimal', precision: 2 }, { name: 'line_total', type: 'decimal', precision: 2 },
    ],
  },
];
const relations = [{ name: 'lines', type: 'one_to_many', source: 'order', target: 'line', target_key: 'order_id', on_delete: 'cascade' }];

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

async function setup(r: TestRocket) {
  const app = await r.createApp();
  const call = (method: Method, path: string, body?: unknown, token = app.token) => r.request(method, `/api/${app.name}${path}`, { token, body });
  for (const e of entities) {
    const res = await call('POST', '/_admin/entities', e);
    if (res.status !== 201) throw new Error(`entity ${e.name}: ${JSON.stringify(res.body)}`);
  }
  for (const rel of relations) if ((await call('POST', '/_admin/relations', rel)).status !== 201) throw new Error('relation');
  const rule = async (body: Record<string, unknown>): Promise<string> => {
    const res = await call('POST', '/_admin/rules', body);
    if (res.status !== 201) throw new Error(`rule ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data.id;
  };
  const dropRule = async (id: string) => {
    if ((await call('DELETE', `/_admin/rules/${id}`)).status !== 200) throw new Error('drop rule');
  };
  return { app, call, rule, dropRule };
}

// [operator, value, field, passing values, failing values]
const OPERATOR_CASES: Array<[string, unknown, string, unknown[], unknown[]]> = [
  ['min', 0, 'n', [0, 3.5], [-1]],
  ['min', 10, 'd', ['10.00', 11], ['9.99', 5]],
  ['max', 10, 'n', [10, -3], [10.5]],
  ['min_length', 3, 's', ['abc', '😀😀😀'], ['ab', '😀😀']],
  ['max_length', 3, 's', ['abc', '😀😀😀'], ['abcd']],
  ['pattern', '^[A-Z]{3}-\\d+$', 's', ['ABC-12'], ['abc-12', 'ABC-']],
  ['pattern', 'b', 's', ['abc'], ['xyz']],
  ['eq', 'x', 's', ['x'], ['y', 'X']],
  ['eq', 5, 'd', ['5.00', 5], ['5.01']],
  ['neq', 'x', 's', ['y'], ['x']],
  ['gt', 5, 'n', [5.5], [5, 4]],
  ['gte', 5, 'i', [5, 6], [4]],
  ['lt', 5, 'i', [4], [5]],
  ['lte', 5, 'i', [5], [6]],
  ['gt', '2024-12-31', 'when', ['2025-01-01'], ['2024-12-31', '2024-01-01']],
  ['in', ['a', 'b'], 's', ['a', 'b'], ['c']],
  ['not_in', ['a', 'b'], 's', ['c'], ['a']],
  ['like', 'AB%_', 's', ['ABcd', 'ABx'], ['abcd', 'AB', 'xABcd']],
  ['like', 'a_c', 's', ['abc', 'a😀c'], ['abbc']],
  ['not_empty', undefined, 's', ['x'], ['', '   ']],
  ['not_empty', undefined, 'tags', [[1], {}], [[]]],
];

eachDialect(t, 'every field operator states a constraint (logic.md §1.3)', async (t, r) => {
  const { call, rule, dropRule } = await setup(r);
  for (const [operator, value, field, passing, failing] of OPERATOR_CASES) {
    const definition: Record<string, unknown> = { field, operator };
    if (value !== undefined) definition.value = value;
    const id = await rule({ entity: 'probe', type: 'field', definition });
    const label = `${field} ${operator} ${JSON.stringify(value)}`;
    for (const v of passing) t.equal((await call('POST', '/probe', { [field]: v })).status, 201, `${label}: ${JSON.stringify(v)} passes`);
    for (const v of failing) {
      const res = await call('POST', '/probe', { [field]: v });
      t.equal(res.status, 422, `${label}: ${JSON.stringify(v)} fails`);
      t.same(res.body.error, {
        code: 'VALIDATION_FAILED', message: 'Validation failed',
        details: [{ field, rule: operator, message: `field ${field} failed ${operator} validation` }],
      }, `${label}: the detail`);
    }
    // An absent or null value passes every operator but not_empty (which fails on create).
    const absent = await call('POST', '/probe', {});
    const nulled = await call('POST', '/probe', { [field]: null });
    const expected = operator === 'not_empty' ? 422 : 201;
    t.equal(absent.status, expected, `${label}: absent on create`);
    t.equal(nulled.status, expected, `${label}: null on create`);
    await dropRule(id);
  }
  const all = await call('GET', '/probe?per_page=1');
  t.ok(all.body.meta.total > 0, 'passing writes were stored');
});

eachDialect(t, 'field rules: kinds that do not apply pass, not_empty on update, custom messages', async (t, r) => {
  const { call, rule } = await setup(r);
  // A string for min is not applicable (§1.3) and passes; min_length on a number too.
  await rule({ entity: 'probe', type: 'field', definition: { field: 's', operator: 'min', value: 5 } });
  await rule({ entity: 'probe', type: 'field', definition: { field: 'n', operator: 'min_length', value: 5 } });
  t.equal((await call('POST', '/probe', { s: 'abc', n: 1 })).status, 201);
  t.equal((await call('POST', '/probe', { s: '3' })).status, 422, 'a numeric string is a number for min');

  await rule({ entity: 'probe', type: 'field', definition: { field: 'i', operator: 'not_empty', message: 'i is needed' } });
  const missing = await call('POST', '/probe', { s: 'abc' });
  t.same(missing.body.error.details, [{ field: 'i', rule: 'not_empty', message: 'i is needed' }], 'custom message');
  const created = await call('POST', '/probe', { s: 'abc', i: 1 });
  t.equal(created.status, 201);
  const id = created.body.data.id;
  t.equal((await call('PUT', `/probe/${id}`, { s: 'abcd' })).status, 200, 'not_empty: absent on update passes');
  const cleared = await call('PUT', `/probe/${id}`, { i: null });
  t.equal(cleared.status, 422, 'not_empty: sent as null on update violates');
  t.equal((await call('GET', `/probe/${id}`)).body.data.i, 1, 'the failed update wrote nothing');
});

eachDialect(t, 'expression rules: truthy is a violation; record, old, action, user and now', async (t, r) => {
  const { app, call, rule } = await setup(r);
  await rule({ entity: 'order', type: 'expression', definition: {
    expression: "record.status == 'paid' && record.payment_date == nil", message: 'A paid order needs a payment date', field: 'payment_date',
  } });
  await rule({ entity: 'order', type: 'expression', definition: {
    expression: "action == 'update' && old.status == 'void'", message: 'A void order is final',
  } });
  await rule({ entity: 'order', type: 'expression', definition: {
    expression: "action == 'update' && old != nil && old.status != record.status && !('admin' in user.roles)", message: 'Only admins change the status',
  } });
  await rule({ entity: 'order', type: 'expression', definition: { expression: 'record.total / record.line_count > 1000' } });
  await rule({ entity: 'order', type: 'expression', definition: { expression: "record.label == 'future' && new Date(record.payment_date) > now" } });

  const paid = await call('POST', '/order', { status: 'paid', total: 10 });
  t.equal(paid.status, 422);
  t.same(paid.body.error.details, [{ field: 'payment_date', rule: 'expression', message: 'A paid order needs a payment date' }],
    'the rule attributes its detail to definition.field');
  const ok = await call('POST', '/order', { status: 'paid', total: 10, payment_date: '2025-01-02' });
  t.equal(ok.status, 201, 'old is null on create: old.status is null, not an error');
  const id = ok.body.data.id;

  const divided = await call('POST', '/order', { total: 10, line_count: 0 });
  t.same(divided.body.error.details, [{ rule: 'expression', message: 'rule evaluation error: division by zero' }],
    'a runtime error is a violation with its reason');
  t.same((await call('POST', '/order', { total: 3000, line_count: 2 })).body.error.details,
    [{ rule: 'expression', message: 'Expression rule violated' }], 'the default message; decimal text is a number');
  t.equal((await call('POST', '/order', { label: 'future', payment_date: '2999-01-01' })).status, 422, 'now is the request time');
  t.equal((await call('POST', '/order', { label: 'future', payment_date: '2001-01-01' })).status, 201);

  const reader = userToken(r, app.name, ['clerk']);
  await call('POST', '/_admin/permissions', { entity: 'order', action: 'update', roles: ['clerk'] });
  await call('POST', '/_admin/permissions', { entity: 'order', action: 'read', roles: ['clerk'] });
  const byClerk = await call('PUT', `/order/${id}`, { status: 'void' }, reader);
  t.same(byClerk.body.error?.details, [{ rule: 'expression', message: 'Only admins change the status' }], 'user.roles of the caller');
  t.equal((await call('PUT', `/order/${id}`, { label: 'same status' }, reader)).status, 200,
    'record is merged with old on update: an unchanged status is not a change');
  t.equal((await call('PUT', `/order/${id}`, { status: 'void' })).status, 200, 'an admin may');
  const afterVoid = await call('PUT', `/order/${id}`, { label: 'x' });
  t.same(afterVoid.body.error.details, [{ rule: 'expression', message: 'A void order is final' }], 'old is the current record on update');
});

eachDialect(t, 'computed fields on create and update, overriding the client, converted to the field type', async (t, r) => {
  const { call, rule } = await setup(r);
  await rule({ entity: 'line', type: 'computed', definition: { field: 'line_total', expression: 'record.quantity * record.unit_price' } });
  await rule({ entity: 'order', type: 'computed', priority: 1, definition: { field: 'gross', expression: 'record.total * (1 + record.tax_rate)' } });
  // Runs after `gross` (priority), sees its value, and converts a number to the int type by rounding.
  await rule({ entity: 'order', type: 'computed', priority: 2, definition: { field: 'line_count', expression: 'record.gross / 10' } });
  await rule({ entity: 'order', type: 'computed', priority: 3, definition: { field: 'label', expression: "'Order ' + record.number" } });

  const line = await call('POST', '/line', { quantity: 3, unit_price: '2.50', line_total: 999 });
  t.equal(line.status, 201);
  t.equal(line.body.data.line_total, '7.50', 'computed; the client value is overridden');
  const updated = await call('PUT', `/line/${line.body.data.id}`, { quantity: 4 });
  t.equal(updated.body.data.line_total, '10.00', 'recomputed on update from the merged record');

  const order = await call('POST', '/order', { number: 'A-1', total: '100.00', tax_rate: 0.25 });
  t.equal(order.status, 201, JSON.stringify(order.body));
  t.same([order.body.data.gross, order.body.data.line_count, order.body.data.label], ['125.00', 13, 'Order A-1'],
    'each computed result is visible to the next; int rounds half away from zero; text concatenation');
  const nothing = await call('POST', '/order', { total: '100.00' });
  t.same([nothing.body.data.gross, nothing.body.data.line_count, nothing.body.data.label], [null, null, null],
    'null operands give null (and null + string is null)');
});

eachDialect(t, 'computed fields: invalid results, runtime errors, and only when checks passed', async (t, r) => {
  const { call, rule, dropRule } = await setup(r);
  const bad = await rule({ entity: 'order', type: 'computed', definition: { field: 'status', expression: "'shipped'" } });
  const invalid = await call('POST', '/order', { total: 1 });
  t.same(invalid.body.error.details, [{ field: 'status', rule: 'computed', message: 'computed value for status is not a valid string' }],
    'a value outside the enum is not a valid value of the field');
  await dropRule(bad);
  const boom = await rule({ entity: 'order', type: 'computed', definition: { field: 'line_count', expression: 'record.total % 0' } });
  t.same((await call('POST', '/order', { total: 1 })).body.error.details,
    [{ field: 'line_count', rule: 'computed', message: 'computed field line_count evaluation error: division by zero' }]);
  await dropRule(boom);
  const bool = await rule({ entity: 'order', type: 'computed', definition: { field: 'line_count', expression: 'true' } });
  t.equal((await call('POST', '/order', { total: 1 })).status, 422, 'a boolean is not an int');
  await dropRule(bool);

  await rule({ entity: 'order', type: 'computed', definition: { field: 'label', expression: "'computed'" } });
  await rule({ entity: 'order', type: 'field', definition: { field: 'total', operator: 'min', value: 0 } });
  const failed = await call('POST', '/order', { total: -1, label: 'client' });
  t.same(failed.body.error.details, [{ field: 'total', rule: 'min', message: 'field total failed min validation' }],
    'a failing check means no computed rule runs');
  t.equal((await call('POST', '/order', { total: 1, label: 'client' })).body.data.label, 'computed');
});

eachDialect(t, 'priority order, all details in one 422, stop_on_fail, inactive rules', async (t, r) => {
  const { call, rule } = await setup(r);
  await rule({ entity: 'probe', type: 'expression', priority: 1, definition: { expression: 'record.i > 1', message: 'expr-1' } });
  await rule({ entity: 'probe', type: 'field', priority: 5, definition: { field: 'i', operator: 'max', value: 1, message: 'field-5' } });
  await rule({ entity: 'probe', type: 'field', priority: 2, definition: { field: 'n', operator: 'min', value: 0, message: 'field-2' } });
  await rule({ entity: 'probe', type: 'expression', priority: 0, definition: { expression: 'record.i > 1', message: 'expr-0' } });
  await rule({ entity: 'probe', type: 'field', priority: -1, active: false, definition: { field: 'i', operator: 'max', value: 0, message: 'inactive' } });
  const res = await call('POST', '/probe', { i: 2, n: -1 });
  t.same(res.body.error.details.map((d: { message: string }) => d.message), ['field-2', 'field-5', 'expr-0', 'expr-1'],
    'field rules first, then expression rules, each by priority; inactive rules never run');

  await rule({ entity: 'probe', type: 'field', priority: 3, definition: { field: 'i', operator: 'max', value: 1, message: 'stop-3', stop_on_fail: true } });
  const stopped = await call('POST', '/probe', { i: 2, n: -1 });
  t.same(stopped.body.error.details.map((d: { message: string }) => d.message), ['field-2', 'stop-3'],
    'a failing stop_on_fail rule ends evaluation with the details so far');
  t.equal((await call('POST', '/probe', { i: 1, n: 0 })).status, 201, 'a passing stop_on_fail rule does not stop anything');
});

eachDialect(t, 'after_write sees children written in the request; before_delete blocks a delete', async (t, r) => {
  const { call, rule, dropRule } = await setup(r);
  const invariant = await rule({ entity: 'order', hook: 'after_write', type: 'expression', definition: {
    expression: 'len(related.lines) == 0', message: 'An order needs lines', related_load: [{ relation: 'lines' }],
  } });
  await rule({ entity: 'order', hook: 'after_write', type: 'field', definition: { field: 'number', operator: 'not_empty' } });
  const empty = await call('POST', '/order', { number: 'N-1' });
  t.same(empty.body.error.details, [{ rule: 'expression', message: 'An order needs lines' }]);
  const withLines = await call('POST', '/order', { number: 'N-2', lines: { data: [{ product: 'a', quantity: 1 }] } });
  t.equal(withLines.status, 201, 'related_load inside the transaction sees the lines of this request');
  const noNumber = await call('POST', '/order', { lines: { data: [{ product: 'a' }] } });
  t.same(noNumber.body.error.details, [{ field: 'number', rule: 'not_empty', message: 'field number failed not_empty validation' }],
    'after_write field rules check the persisted value');
  const list = await call('GET', '/order');
  t.same(list.body.data.map((o: { number: string }) => o.number), ['N-2'], 'failed writes left no order');
  t.equal((await call('GET', '/line')).body.data.length, 1, 'and no lines');
  const id = withLines.body.data.id;
  t.equal((await call('PUT', `/order/${id}`, { lines: { _write_mode: 'replace', data: [] } })).status, 422, 'an update removing every line is refused');
  t.equal((await call('GET', `/line?filter[order_id]=${id}`)).body.data.length, 1, 'and rolled back');
  await dropRule(invariant);

  await rule({ entity: 'order', hook: 'before_delete', type: 'expression', definition: {
    expression: 'len(related.lines) > 0', message: 'Delete the lines first', related_load: [{ relation: 'lines' }],
  } });
  await rule({ entity: 'order', hook: 'before_delete', type: 'expression', definition: { expression: "action != 'delete' || old.id != record.id" } });
  const blocked = await call('DELETE', `/order/${id}`);
  t.equal(blocked.status, 422);
  t.same(blocked.body.error.details, [{ rule: 'expression', message: 'Delete the lines first' }], 'action is delete and old is record');
  t.equal((await call('GET', `/order/${id}`)).status, 200, 'the order is still there');
  const lineId = (await call('GET', `/line?filter[order_id]=${id}`)).body.data[0].id;
  t.equal((await call('DELETE', `/line/${lineId}`)).status, 200);
  t.equal((await call('DELETE', `/order/${id}`)).status, 200, 'without lines the delete goes through');
});

eachDialect(t, 'related_load forward with a filter, and reverse', async (t, r) => {
  const { call, rule } = await setup(r);
  // Forward (one_to_many) with a filter, on update: lines with quantity > 1 only.
  await rule({ entity: 'order', type: 'computed', definition: {
    field: 'line_count', expression: "count(related.lines, 'quantity > 1') + 100 * len(related.big)",
    related_load: [{ relation: 'lines', filter: { 'quantity.gt': 1 } }],
  } });
  // Reverse: a line sees its order (an object).
  await rule({ entity: 'line', type: 'expression', definition: {
    expression: 'related.order != nil && record.quantity > related.order.max_quantity', field: 'quantity', message: 'Too many',
    related_load: [{ relation: 'order' }],
  } });
  const order = await call('POST', '/order', { number: 'R-1', max_quantity: 5 });
  t.equal(order.status, 201);
  t.equal(order.body.data.line_count, 0, 'on create the forward relation is empty (no key yet)');
  const id = order.body.data.id;
  for (const quantity of [1, 2, 3]) t.equal((await call('POST', '/line', { order_id: id, quantity })).status, 201);
  const tooMany = await call('POST', '/line', { order_id: id, quantity: 6 });
  t.same(tooMany.body.error.details, [{ field: 'quantity', rule: 'expression', message: 'Too many' }], 'reverse relation loaded');
  t.equal((await call('POST', '/line', { quantity: 6 })).status, 201, 'no order: related.order is null');
  const updated = await call('PUT', `/order/${id}`, { number: 'R-1b' });
  t.equal(updated.body.data.line_count, 2, 'the filter applied: two lines with quantity > 1; an unloaded relation counts 0');
});

eachDialect(t, 'rules run on nested children with their own rules and paths', async (t, r) => {
  const { call, rule } = await setup(r);
  await rule({ entity: 'line', type: 'field', definition: { field: 'quantity', operator: 'min', value: 1 } });
  await rule({ entity: 'line', type: 'expression', definition: { expression: "record.product == 'banned'", message: 'Banned product' } });
  await rule({ entity: 'line', type: 'computed', definition: { field: 'line_total', expression: 'record.quantity * record.unit_price' } });
  const res = await call('POST', '/order', { number: 'C-1', lines: { data: [
    { product: 'a', quantity: 1, unit_price: 1 }, { product: 'b', quantity: 1 }, { product: 'c', quantity: 0 }, { product: 'banned', quantity: 2 },
  ] } });
  t.equal(res.status, 422);
  t.same(res.body.error.details, [{ field: 'lines[2].quantity', rule: 'min', message: 'field quantity failed min validation' }],
    'the first failing child answers, with its path');
  t.equal((await call('GET', '/order')).body.data.length, 0, 'nothing was written');
  const banned = await call('POST', '/order', { number: 'C-2', lines: { data: [{ product: 'a', quantity: 1 }, { product: 'banned', quantity: 2 }] } });
  t.same(banned.body.error.details, [{ field: 'lines[1]', rule: 'expression', message: 'Banned product' }],
    'a fieldless detail of a child names the child');
  const ok = await call('POST', '/order?include=lines', { number: 'C-3', lines: { data: [
    { product: 'a', quantity: 2, unit_price: '1.25' }, { product: 'b', quantity: 3, unit_price: 2 },
  ] } });
  t.equal(ok.status, 201);
  const lines = (await call('GET', `/line?filter[order_id]=${ok.body.data.id}&sort=id`)).body.data;
  t.same(lines.map((l: { line_total: string }) => l.line_total), ['2.50', '6.00'], 'computed fields of nested children');
  const lineId = lines[0].id;
  const nestedUpdate = await call('PUT', `/order/${ok.body.data.id}`, { lines: { data: [{ id: lineId, quantity: 0 }] } });
  t.same(nestedUpdate.body.error.details, [{ field: 'lines[0].quantity', rule: 'min', message: 'field quantity failed min validation' }],
    'nested updates run the child rules');
  const fixed = await call('PUT', `/order/${ok.body.data.id}`, { lines: { data: [{ id: lineId, quantity: 4 }] } });
  t.equal(fixed.status, 200);
  t.equal((await call('GET', `/line/${lineId}`)).body.data.line_total, '5.00', 'recomputed from the merged child row');
});

eachDialect(t, 'races: rule changes during writes, and parallel writes through the same compiled rules', async (t, r) => {
  const { call, rule } = await setup(r);
  await rule({ entity: 'line', type: 'computed', definition: { field: 'line_total', expression: 'record.quantity * record.unit_price' } });
  const id = await rule({ entity: 'probe', type: 'field', definition: { field: 'i', operator: 'min', value: 0 } });
  for (let trial = 0; trial < 10; trial++) {
    // A write racing a rule change uses one registry snapshot: the old rule set or the new one, never a 500.
    const active = trial % 2 === 0;
    const [changed, ...writes] = await Promise.all([
      call('PUT', `/_admin/rules/${id}`, { entity: 'probe', type: 'field', active, definition: { field: 'i', operator: 'min', value: 0 } }),
      ...Array.from({ length: 8 }, () => call('POST', '/probe', { i: -1 })),
    ]);
    t.equal(changed.status, 200);
    const statuses = writes.map((w) => w.status);
    t.ok(statuses.every((s) => s === 201 || s === 422), `trial ${trial + 1}: ${statuses.join(',')}`);
    t.ok(writes.filter((w) => w.status === 422).every((w) => w.body.error.details[0].rule === 'min'), 'a refusal is the rule, in the envelope');
    t.equal((await call('POST', '/probe', { i: -1 })).status, active ? 422 : 201, 'after the change, the new rule set');
  }
  // Parallel nested creates share the compiled rules but never each other's values.
  const orders = await Promise.all(Array.from({ length: 20 }, (_, n) => call('POST', '/order', {
    number: `P-${n}`, lines: { data: [{ product: 'a', quantity: n + 1, unit_price: 2 }, { product: 'b', quantity: 1, unit_price: n }] },
  })));
  t.same(orders.map((o) => o.status), Array(20).fill(201));
  for (const [n, o] of orders.entries()) {
    const lines = (await call('GET', `/line?filter[order_id]=${o.body.data.id}&sort=product`)).body.data;
    t.same(lines.map((l: { line_total: string }) => l.line_total), [`${(n + 1) * 2}.00`, `${n}.00`], `order ${n}`);
  }
});
