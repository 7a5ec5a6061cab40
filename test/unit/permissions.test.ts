// The permission engine without a database (auth.md §8): payload validation, the compiled index,
// role matching, §8.2 record conditions, §8.4 row filters, and the authorize functions.
import t from 'tap';
import type { Caller } from '../../core/auth/tokens.js';
import { compileRegistry, Registry, type StoredEntity } from '../../core/compile/registry.js';
import { dialectFor, sqliteDialect } from '../../core/db/dialects/index.js';
import { AppError } from '../../core/errors.js';
import type { EntityDef } from '../../core/metadata/types.js';
import { assertCreate, assertRecordAction, isAdmin, readFilter } from '../../core/permissions/authorize.js';
import { includeReadFilters } from '../../core/permissions/include-filters.js';
import type { StoredPermission } from '../../core/permissions/policy.js';
import { validatePolicy } from '../../core/permissions/policy.js';
import { compileRecordTest, numericForm, stringForm } from '../../core/permissions/record-test.js';
import { pushRowFilterParams, rowFilterExcludesAll, rowFilterSql, type RowFilter } from '../../core/query/conditions.js';
import { parseIncludes } from '../../core/query/include-tree.js';

const log = { info() {}, warn() {}, error() {}, debug() {} };
const stamp = { created_at: '2025-01-01T00:00:00.000Z', updated_at: '2025-01-01T00:00:00.000Z' };
const workOrder: EntityDef = {
  name: 'work_order', table: 'work_orders', soft_delete: false, primary_key: { field: 'id', type: 'uuid', generated: true },
  fields: [
    { name: 'id', type: 'uuid' }, { name: 'region', type: 'string' }, { name: 'priority', type: 'int' },
    { name: 'big', type: 'bigint' }, { name: 'cost', type: 'decimal', precision: 2 }, { name: 'ratio', type: 'float' },
    { name: 'urgent', type: 'boolean' }, { name: 'due', type: 'date' }, { name: 'meta', type: 'json' },
  ],
};
const noteDef: EntityDef = {
  name: 'note', table: 'notes', soft_delete: false, primary_key: { field: 'id', type: 'int', generated: true },
  fields: [{ name: 'id', type: 'int' }, { name: 'work_order_id', type: 'uuid' }, { name: 'body', type: 'text' }],
};

let seq = 0;
type Policy = Pick<StoredPermission, 'entity' | 'action'> & Partial<Pick<StoredPermission, 'roles' | 'conditions'>>;
const row = (p: Policy): StoredPermission => ({
  id: `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`, roles: [], conditions: [], ...stamp, ...p,
});
function registry(policies: Policy[], dialect: 'postgres' | 'sqlite' = 'postgres'): Registry {
  return compileRegistry(dialectFor(dialect), {
    entities: [workOrder, noteDef].map((d): StoredEntity => ({ name: d.name, table_name: d.table, definition: d, ...stamp })),
    relations: [{
      name: 'work_order_notes', source: 'work_order', target: 'note', ...stamp,
      definition: {
        name: 'work_order_notes', type: 'one_to_many', source: 'work_order', target: 'note', source_key: 'id',
        target_key: 'work_order_id', ownership: 'source', fetch: 'lazy', write_mode: 'diff',
      },
    }],
    permissions: policies.map(row),
  }, 1, log);
}
const caller = (...roles: string[]): Caller => ({ id: 'u1', roles });

/** Runs fn and returns `status message` of the AppError it throws (or 'ok'). */
function outcome(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return `${err.statusCode} ${err.message}`;
    throw err;
  }
}

/** SQL text and parameters of a row filter, for readable assertions. */
function sql(rf: RowFilter | undefined, dialect: 'postgres' | 'sqlite' = 'postgres'): [string, unknown[]] {
  if (rowFilterExcludesAll(rf)) return ['<no rows>', []];
  const params: unknown[] = [];
  pushRowFilterParams(rf, params);
  return [rowFilterSql(dialectFor(dialect), rf, { n: 0 }), params];
}

t.test('policy validation: messages in order, defaults, normalised conditions', async (t) => {
  const v = (body: unknown) => outcome(() => validatePolicy(body));
  t.equal(v(null), '400 Invalid JSON body');
  t.equal(v([{ entity: 'e' }]), '400 Invalid JSON body');
  t.equal(v('x'), '400 Invalid JSON body');
  t.equal(v({}), '422 entity is required');
  t.equal(v({ entity: '  ', action: 'nope' }), '422 entity is required');
  t.equal(v({ entity: 7, action: 'read' }), '422 entity is required');
  t.equal(v({ entity: 'e', roles: 5 }), '422 action is required');
  t.equal(v({ entity: 'e', action: null }), '422 action is required');
  t.equal(v({ entity: 'e', action: 'list', roles: 5 }), '422 action must be read, create, update, or delete');
  t.equal(v({ entity: 'e', action: 3 }), '422 action must be read, create, update, or delete');
  t.equal(v({ entity: 'e', action: 'read', roles: 'a', conditions: 1 }), '422 roles must be an array of strings');
  t.equal(v({ entity: 'e', action: 'read', roles: null }), '422 roles must be an array of strings');
  t.equal(v({ entity: 'e', action: 'read', roles: [null] }), '422 roles must be an array of strings');
  t.equal(v({ entity: 'e', action: 'read', conditions: 'x' }), '422 conditions must be an array');
  t.equal(v({ entity: 'e', action: 'read', conditions: [null] }), '422 conditions[0].field is required');
  t.equal(v({ entity: 'e', action: 'read', conditions: [{ field: '', operator: 'x' }] }), '422 conditions[0].field is required');
  t.equal(v({ entity: 'e', action: 'read', conditions: [{ field: 'a', operator: 'EQ' }] }),
    '422 conditions[0].operator must be one of eq, neq, gt, gte, lt, lte, in, not_in');
  t.equal(v({ entity: 'e', action: 'read', conditions: [{ field: 'a', operator: 'eq' }, { field: 'b', operator: 'in', value: {} }] }),
    '422 conditions[1].value must be an array for in/not_in');
  t.equal(v({ entity: 'e', action: 'read', conditions: [{ field: 'a', operator: 'in', value: 1 }, { operator: 'eq' }] }),
    '422 conditions[0].value must be an array for in/not_in', 'one condition is checked fully before the next');
  t.same(validatePolicy({ entity: 'e', action: 'create' }), { entity: 'e', action: 'create', roles: [], conditions: [] }, 'defaults');
  t.same(validatePolicy({ entity: 'e', action: 'read', roles: ['A'], conditions: [{ field: 'f', operator: 'gt', extra: 1 }, { field: 'g', operator: 'in', value: [1] }] }), {
    entity: 'e', action: 'read', roles: ['A'],
    conditions: [{ field: 'f', operator: 'gt', value: null }, { field: 'g', operator: 'in', value: [1] }],
  }, 'conditions keep field, operator and value (null when missing)');
});

t.test('§8.2 string and numeric forms', async (t) => {
  t.equal(stringForm(1), '1');
  t.equal(stringForm(1.5), '1.5');
  t.equal(stringForm(1.50), '1.5');
  t.equal(stringForm(-0), '0');
  t.equal(stringForm(1e21), '1000000000000000000000', 'no exponent');
  t.equal(stringForm(1.5e-7), '0.00000015');
  t.equal(stringForm(true), 'true');
  t.equal(stringForm(false), 'false');
  t.equal(stringForm(null), 'null');
  t.equal(stringForm('x'), 'x');
  t.equal(stringForm({ a: 1 }), '{"a":1}');
  t.equal(numericForm('12.5'), 12.5);
  t.equal(numericForm('abc'), 0, 'non-numeric counts as 0');
  t.equal(numericForm(null), 0);
  t.equal(numericForm(undefined), 0);
  t.equal(numericForm({}), 0);
  t.equal(numericForm(true), 1);
  t.equal(numericForm(''), 0);
});

t.test('§8.2 record conditions', async (t) => {
  const test = (field: string, operator: string, value: unknown, record: Record<string, unknown>) =>
    compileRecordTest([{ field, operator: operator as 'eq', value }])(record);
  t.ok(test('n', 'eq', 1, { n: '1' }), 'eq by string form: 1 = "1"');
  t.ok(test('n', 'eq', '3', { n: 3 }));
  t.notOk(test('n', 'eq', '1.50', { n: 1.5 }), 'string forms differ: "1.50" vs "1.5"');
  t.ok(test('price', 'eq', 24.5, { price: '24.5' }));
  t.notOk(test('price', 'eq', 24.5, { price: '24.50' }), 'decimals compare as text');
  t.ok(test('b', 'eq', 'true', { b: true }));
  t.ok(test('b', 'eq', true, { b: 'true' }));
  t.ok(test('x', 'eq', null, { x: null }), 'null → "null"');
  t.ok(test('x', 'eq', 'null', { x: null }));
  t.notOk(test('x', 'eq', null, {}), 'absent field: false');
  t.notOk(test('x', 'eq', null, { x: undefined }), 'undefined counts as absent');
  t.notOk(test('constructor', 'neq', 'x', {}), 'inherited properties are absent');
  t.ok(test('s', 'neq', 'a', { s: 'b' }));
  t.notOk(test('s', 'neq', 'a', { s: 'a' }));
  t.notOk(test('s', 'neq', 'a', {}), 'absent field: false even for neq');
  t.ok(test('s', 'in', ['a', 2], { s: 2 }));
  t.ok(test('s', 'in', ['a', null], { s: null }));
  t.notOk(test('s', 'in', ['a'], { s: 'b' }));
  t.notOk(test('s', 'in', 'a', { s: 'a' }), 'in needs an array');
  t.ok(test('s', 'not_in', ['a'], { s: 'b' }));
  t.notOk(test('s', 'not_in', ['a', 'b'], { s: 'b' }));
  t.ok(test('s', 'not_in', 'b', { s: 'b' }), 'not_in with a non-array passes');
  t.notOk(test('s', 'not_in', 'b', {}), '… but not for an absent field');
  t.ok(test('p', 'gt', 2, { p: 3 }));
  t.notOk(test('p', 'gt', 3, { p: 3 }));
  t.ok(test('p', 'gte', '3', { p: '3.0' }), 'numeric comparison of numeric strings');
  t.ok(test('p', 'lt', 10, { p: '9.99' }));
  t.ok(test('p', 'lte', 0, { p: 'abc' }), 'non-numeric record value counts as 0');
  t.ok(test('p', 'gt', 'abc', { p: 1 }), 'non-numeric condition value counts as 0');
  t.ok(test('p', 'gte', 0, { p: null }), 'null counts as 0');
  t.notOk(test('p', 'lt', 100, {}), 'absent field: false');
  const both = compileRecordTest([{ field: 'a', operator: 'eq', value: 1 }, { field: 'b', operator: 'lt', value: 5 }]);
  t.ok(both({ a: 1, b: 4 }), 'conditions are ANDed');
  t.notOk(both({ a: 1, b: 5 }));
  t.notOk(both({ a: 2, b: 4 }));
  t.ok(compileRecordTest([])({}), 'no condition: always');
});

t.test('isAdmin and authentication', async (t) => {
  t.ok(isAdmin(caller('x', 'admin')));
  t.notOk(isAdmin(caller('Admin')), 'exact lowercase');
  t.notOk(isAdmin(undefined));
  const reg = registry([]);
  t.equal(outcome(() => readFilter(reg, undefined, 'work_order')), '401 Authentication required');
  t.equal(outcome(() => assertCreate(reg, undefined, 'work_order')), '401 Authentication required');
  t.equal(outcome(() => assertRecordAction(reg, undefined, 'work_order', 'update', {})), '401 Authentication required');
  t.equal(readFilter(reg, caller('admin'), 'work_order'), undefined, 'admin bypass without any policy');
  t.equal(outcome(() => assertCreate(reg, caller('admin'), 'anything')), 'ok');
  t.equal(outcome(() => assertRecordAction(reg, caller('admin'), 'x', 'delete', {})), 'ok');
  t.equal(outcome(() => readFilter(Registry.empty(sqliteDialect), caller('a'), 'x')), '403 No permission for read on x', 'empty registry: no policy');
});

t.test('whitelist messages and role matching', async (t) => {
  const reg = registry([
    { entity: 'work_order', action: 'read', roles: ['Field_Tech'] },
    { entity: 'work_order', action: 'create', roles: ['dispatcher'] },
    { entity: 'work_order', action: 'update', roles: [] },
  ]);
  t.equal(outcome(() => readFilter(reg, caller('field_tech'), 'work_order')), 'ok', 'roles match case-insensitively');
  t.equal(outcome(() => readFilter(reg, caller('FIELD_TECH'), 'work_order')), 'ok');
  t.equal(outcome(() => readFilter(reg, caller('x', 'field_tech'), 'work_order')), 'ok', 'any role of the caller');
  t.equal(outcome(() => readFilter(reg, caller('dispatcher'), 'work_order')), '403 Permission denied for read on work_order');
  t.equal(outcome(() => readFilter(reg, caller(), 'work_order')), '403 Permission denied for read on work_order', 'no roles');
  t.equal(outcome(() => readFilter(reg, caller('field_tech'), 'note')), '403 No permission for read on note');
  t.equal(outcome(() => assertCreate(reg, caller('Dispatcher'), 'work_order')), 'ok');
  t.equal(outcome(() => assertCreate(reg, caller('field_tech'), 'work_order')), '403 Permission denied for create on work_order');
  t.equal(outcome(() => assertCreate(reg, caller('field_tech'), 'note')), '403 No permission for create on note');
  t.equal(outcome(() => assertRecordAction(reg, caller('field_tech'), 'work_order', 'update', {})), '403 Permission denied for update on work_order', 'a policy without roles matches nobody');
  t.equal(outcome(() => assertRecordAction(reg, caller('field_tech'), 'work_order', 'delete', {})), '403 No permission for delete on work_order');
  t.equal(outcome(() => assertCreate(reg, caller('ADMIN'), 'note')), '403 No permission for create on note', 'only the exact admin role bypasses');
});

t.test('update/delete: conditions against the current record, policies ORed', async (t) => {
  const reg = registry([
    { entity: 'work_order', action: 'update', roles: ['dispatcher'], conditions: [{ field: 'region', operator: 'in', value: ['north', 'east'] }, { field: 'priority', operator: 'lte', value: 3 }] },
    { entity: 'work_order', action: 'update', roles: ['dispatcher'], conditions: [{ field: 'urgent', operator: 'eq', value: true }] },
    { entity: 'work_order', action: 'update', roles: ['supervisor'] },
    { entity: 'work_order', action: 'delete', roles: ['dispatcher'], conditions: [{ field: 'nope', operator: 'neq', value: 1 }] },
  ]);
  const update = (roles: string[], record: Record<string, unknown>) => outcome(() => assertRecordAction(reg, caller(...roles), 'work_order', 'update', record));
  t.equal(update(['dispatcher'], { region: 'north', priority: 3, urgent: false }), 'ok', 'first policy');
  t.equal(update(['dispatcher'], { region: 'south', priority: 9, urgent: true }), 'ok', 'second policy (OR)');
  t.equal(update(['dispatcher'], { region: 'north', priority: 4, urgent: false }), '403 Permission denied for update on work_order', 'conditions ANDed');
  t.equal(update(['supervisor'], {}), 'ok', 'a matching policy without conditions allows every record');
  t.equal(update(['dispatcher', 'supervisor'], { region: 'x' }), 'ok');
  t.equal(outcome(() => assertRecordAction(reg, caller('dispatcher'), 'work_order', 'delete', { region: 'north' })),
    '403 Permission denied for delete on work_order', 'a condition on an absent field fails');
});

t.test('read row filter: compiled once, typed values, OR of policies', async (t) => {
  const reg = registry([
    { entity: 'work_order', action: 'read', roles: ['tech'], conditions: [{ field: 'region', operator: 'eq', value: 'north' }] },
    { entity: 'work_order', action: 'read', roles: ['tech', 'ops'], conditions: [{ field: 'priority', operator: 'lte', value: '3' }, { field: 'urgent', operator: 'eq', value: 'true' }] },
    { entity: 'work_order', action: 'read', roles: ['boss'] },
    { entity: 'work_order', action: 'read', roles: ['ghost'], conditions: [{ field: 'nope', operator: 'eq', value: 1 }] },
    { entity: 'work_order', action: 'read', roles: ['json'], conditions: [{ field: 'meta', operator: 'eq', value: 1 }] },
  ]);
  const tech = readFilter(reg, caller('tech'), 'work_order');
  t.same(sql(tech), ['(("region" = $1) OR ("priority" <= $2 AND "urgent" = $3))', ['north', 3, true]], 'string forms parsed as the field types');
  t.equal(readFilter(reg, caller('Tech'), 'work_order'), tech, 'the same filter object for the same policies (SQL cache key)');
  t.same(sql(readFilter(reg, caller('ops'), 'work_order')), ['("priority" <= $1 AND "urgent" = $2)', [3, true]]);
  t.equal(readFilter(reg, caller('tech', 'boss'), 'work_order'), undefined, 'a matching policy without conditions: unrestricted');
  t.same(readFilter(reg, caller('ghost'), 'work_order'), [], 'a condition on an unknown field: no rows');
  t.same(readFilter(reg, caller('json'), 'work_order'), [], 'a field no operator applies to: no rows');
  t.same(sql(readFilter(reg, caller('ghost', 'tech'), 'work_order')), sql(tech), 'the impossible policy only drops its own group');
  t.same(sql(tech, 'sqlite'), ['(("region" = $1) OR ("priority" <= $2 AND "urgent" = $3))', ['north', 3, 1]], 'sqlite parameters');
  t.equal(outcome(() => readFilter(reg, caller('nobody'), 'work_order')), '403 Permission denied for read on work_order');
});

t.test('read row filter: operators and value conversion', async (t) => {
  const filter = (conditions: unknown[]) => {
    const reg = registry([{ entity: 'work_order', action: 'read', roles: ['r'], conditions: conditions as StoredPermission['conditions'] }]);
    return sql(readFilter(reg, caller('r'), 'work_order'));
  };
  const c = (field: string, operator: string, value: unknown) => [{ field, operator, value }];
  t.same(filter(c('region', 'in', ['a', null, 'b', 'a'])), ['("region" = ANY($1::text[]))', [['a', 'b']]], 'in: nulls and duplicates dropped');
  t.same(filter(c('priority', 'in', [1, 'x', '2'])), ['("priority" = ANY($1::int4[]))', [[1, 2]]], 'in: unparseable items dropped');
  t.same(filter(c('priority', 'in', ['x'])), ['<no rows>', []], 'in without a usable item: no rows');
  t.same(filter(c('region', 'not_in', ['a'])), ['(("region" IS NOT NULL AND "region" <> ALL($1::text[])))', [['a']]]);
  t.same(filter(c('region', 'not_in', [null])), ['("region" IS NOT NULL)', []]);
  t.same(filter(c('region', 'eq', null)), ['("region" IS NULL)', []], 'eq null → IS NULL');
  t.same(filter(c('region', 'neq', null)), ['("region" IS NOT NULL)', []]);
  t.same(filter(c('priority', 'neq', 'x')), ['("priority" IS NOT NULL)', []], 'neq an impossible value: every non-null row');
  t.same(filter(c('priority', 'eq', 'x')), ['<no rows>', []], 'eq an impossible value: no rows');
  t.same(filter(c('priority', 'gt', 2.5)), ['("priority" > $1)', [2]], 'int: x > 2.5 ⇔ x > 2');
  t.same(filter(c('priority', 'gte', 2.5)), ['("priority" >= $1)', [3]], 'int: x >= 2.5 ⇔ x >= 3');
  t.same(filter(c('priority', 'lt', 2.5)), ['("priority" < $1)', [3]]);
  t.same(filter(c('priority', 'lte', 2.5)), ['("priority" <= $1)', [2]]);
  t.same(filter(c('priority', 'gt', 'abc')), ['("priority" > $1)', [0]], 'non-numeric bound counts as 0');
  t.same(filter(c('priority', 'gt', 1e12)), ['<no rows>', []], 'beyond the int range: no row above');
  t.same(filter(c('priority', 'lt', 1e12)), ['("priority" IS NOT NULL)', []], '… every row below');
  t.same(filter(c('priority', 'gte', -1e12)), ['("priority" IS NOT NULL)', []]);
  t.same(filter(c('big', 'gte', 2 ** 60)), ['("big" >= $1)', ['1152921504606846976']], 'bigint beyond safe integers as digits');
  t.same(filter(c('cost', 'lt', 24.5)), ['("cost" < $1::numeric)', ['24.5']], 'decimal as exact text');
  t.same(filter(c('cost', 'eq', 24.5)), ['("cost" = $1::numeric)', ['24.5']]);
  t.same(filter(c('ratio', 'gte', '0.25')), ['("ratio" >= $1)', [0.25]]);
  t.same(filter(c('due', 'lt', '2025-01-31')), ['("due" < $1)', ['2025-01-31']], 'date ordering as the field type');
  t.same(filter(c('due', 'lt', 'soon')), ['<no rows>', []], 'unparseable date bound: no rows');
  t.same(filter(c('id', 'eq', 'ABCDEF00-0000-4000-8000-000000000000')), ['("id" = $1)', ['abcdef00-0000-4000-8000-000000000000']]);
  t.same(filter(c('region', 'not_in', 'x')), ['', []], 'not_in a non-array: no restriction …');
  const reg = registry([{ entity: 'work_order', action: 'read', roles: ['r'], conditions: [{ field: 'region', operator: 'not_in', value: 'x' }] }]);
  t.equal(readFilter(reg, caller('r'), 'work_order'), undefined, '… so the caller is unrestricted');
});

t.test('includes: read required on every included entity, filters per entity', async (t) => {
  const reg = registry([
    { entity: 'work_order', action: 'read', roles: ['tech'] },
    { entity: 'note', action: 'read', roles: ['tech'], conditions: [{ field: 'body', operator: 'neq', value: 'secret' }] },
    { entity: 'note', action: 'read', roles: ['open'] },
  ]);
  const tree = parseIncludes(reg.entity('work_order')!, reg, 'notes');
  t.equal(includeReadFilters(reg, caller('admin'), tree), undefined, 'admin: no filters');
  t.equal(includeReadFilters(reg, caller('open'), tree), undefined, 'unrestricted target: no filters');
  const opts = includeReadFilters(reg, caller('tech'), tree)!;
  t.same(sql(opts.rowFilter!('note')), ['("body" <> $1)', ['secret']]);
  t.equal(opts.rowFilter!('work_order'), undefined);
  t.equal(outcome(() => includeReadFilters(reg, caller('other'), tree)), '403 Permission denied for read on note');
  const noteTree = parseIncludes(reg.entity('note')!, reg, 'work_order');
  t.equal(outcome(() => includeReadFilters(reg, caller('open'), noteTree)), '403 Permission denied for read on work_order');
});

t.test('index: pairs, invalid stored rows, many policies', async (t) => {
  const reg = registry([
    { entity: 'work_order', action: 'read', roles: ['a'], conditions: 'broken' as unknown as [] },
    { entity: 'later', action: 'read', roles: ['a'], conditions: [{ field: 'x', operator: 'eq', value: 1 }] },
  ]);
  t.equal(outcome(() => readFilter(reg, caller('a'), 'work_order')), 'ok', 'a broken row still counts as a row …');
  t.same(readFilter(reg, caller('a'), 'work_order'), [], '… but grants no rows');
  t.same(readFilter(reg, caller('a'), 'later'), [], 'policies of an entity not (yet) defined compile to no rows');
  t.equal(outcome(() => assertCreate(registry([{ entity: 'e', action: 'bogus' as 'read', roles: ['a'] }]), caller('a'), 'e')), '403 No permission for create on e');

  const many: Policy[] = Array.from({ length: 40 }, (_, i) => ({
    entity: 'work_order', action: 'read', roles: [`r${i}`], conditions: [{ field: 'priority', operator: 'eq', value: i }],
  }));
  many.push({ entity: 'work_order', action: 'update', roles: ['r39'] });
  const big = registry(many);
  t.same(sql(readFilter(big, caller('r3', 'R35'), 'work_order')), ['(("priority" = $1) OR ("priority" = $2))', [3, 35]], 'more policies than mask bits');
  t.equal(outcome(() => readFilter(big, caller('r40'), 'work_order')), '403 Permission denied for read on work_order');
  const small = registry(many.slice(0, 30));
  t.same(sql(readFilter(small, caller('r29', 'r0'), 'work_order')), ['(("priority" = $1) OR ("priority" = $2))', [0, 29]], 'policy order is kept');
  t.equal(outcome(() => assertRecordAction(big, caller('r39'), 'work_order', 'update', {})), 'ok');
});
