// Parsing of list query strings and includes (rest-api.md §5.2–§5.6, §10.1): every operator, value
// parsing per field type, each documented 400, and hostile keys/values that must stop at parsing.
import t from 'tap';
import { compileRegistry, type Registry } from '../../core/compile/registry.js';
import { dialectFor } from '../../core/db/dialects/index.js';
import { AppError } from '../../core/errors.js';
import type { DialectName, EntityDef, FieldDef, RelationDef } from '../../core/metadata/types.js';
import { EMPTY_INCLUDES, includedEntityNames, withEagerIncludes } from '../../core/query/include-tree.js';
import { parseIncludes, parseListQuery, type QueryInput } from '../../core/query/parse-list-query.js';

const log = { info() {}, warn() {}, error() {}, debug() {} };
const f = (name: string, type: string, extra: Partial<FieldDef> = {}): FieldDef => ({ name, type, ...extra });
const now = '2025-01-01T00:00:00.000Z';
const entities: EntityDef[] = [
  {
    name: 'item', table: 'items', primary_key: { field: 'id', type: 'int', generated: true }, soft_delete: true,
    fields: [
      f('id', 'int'), f('s', 'string'), f('tx', 'text'), f('i', 'integer'), f('b', 'bigint'), f('fl', 'float'),
      f('d', 'decimal', { precision: 2 }), f('bo', 'boolean'), f('u', 'uuid'), f('ts', 'timestamp'), f('dt', 'date'),
      f('j', 'json'), f('fi', 'file'), f('owner_id', 'int'),
    ],
  },
  { name: 'owner', table: 'owners', primary_key: { field: 'id', type: 'int', generated: true }, soft_delete: false, fields: [f('id', 'int'), f('name', 'string')] },
  { name: 'note', table: 'notes', primary_key: { field: 'id', type: 'int', generated: true }, soft_delete: false, fields: [f('id', 'int'), f('item_id', 'int'), f('parent_id', 'int')] },
  { name: 'label', table: 'labels', primary_key: { field: 'id', type: 'uuid', generated: true }, soft_delete: false, fields: [f('id', 'uuid')] },
];
const rel = (r: Partial<RelationDef> & Pick<RelationDef, 'name' | 'type' | 'source' | 'target'>): RelationDef =>
  ({ source_key: 'id', ownership: 'source', fetch: 'lazy', write_mode: 'diff', ...r });
const relations: RelationDef[] = [
  rel({ name: 'owner_items', type: 'one_to_many', source: 'owner', target: 'item', target_key: 'owner_id' }),
  rel({ name: 'item_notes', type: 'one_to_many', source: 'item', target: 'note', target_key: 'item_id', fetch: 'eager' }),
  rel({ name: 'item_labels', type: 'many_to_many', source: 'item', target: 'label', join_table: 'item_label_links', source_join_key: 'item_id', target_join_key: 'label_id' }),
  rel({ name: 'note_children', type: 'one_to_many', source: 'note', target: 'note', target_key: 'parent_id' }),
];

function registry(dialect: DialectName = 'sqlite', version = 1): Registry {
  return compileRegistry(dialectFor(dialect), {
    entities: entities.map((e) => ({ name: e.name, table_name: e.table, definition: e, created_at: now, updated_at: now })),
    relations: relations.map((r) => ({ name: r.name, source: r.source, target: r.target, definition: r, created_at: now, updated_at: now })),
  }, version, log);
}

const reg = registry();
const item = reg.entity('item')!;
const parse = (q: QueryInput) => parseListQuery(item, reg, q);

function error(fn: () => unknown): AppError | undefined {
  try { fn(); } catch (err) { return err as AppError; }
  return undefined;
}
type T = Parameters<Parameters<typeof t.test>[0]>[0];
function expect400(tt: T, q: QueryInput, code: string, message: string): void {
  const err = error(() => parse(q));
  tt.ok(err instanceof AppError, `${JSON.stringify(q)} is rejected`);
  tt.match(err, { code, statusCode: 400, message }, JSON.stringify(q));
}

t.test('defaults', async (t) => {
  const q = parse({});
  t.same([q.filters, q.sort, q.page, q.perPage, q.withTotal, q.include], [[], [], 1, 25, true, EMPTY_INCLUDES]);
  t.same(parse({ unknown: 'x', 'filters[s]': 'x', filter: 'y' }).filters, [], 'unknown parameters are ignored');
});

t.test('filter keys: default eq, split at the first dot, every operator', async (t) => {
  const one = (q: QueryInput) => {
    const [c] = parse(q).filters;
    return [c.field.name, c.op, c.value];
  };
  t.same(one({ 'filter[s]': 'a.b' }), ['s', 'eq', 'a.b']);
  for (const op of ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const) t.same(one({ [`filter[i.${op}]`]: '-7' }), ['i', op, -7], op);
  t.same(one({ 'filter[i.in]': '1, 2 ,3' }), ['i', 'in', [1, 2, 3]]);
  t.same(one({ 'filter[i.not_in]': '4' }), ['i', 'not_in', [4]]);
  t.same(one({ 'filter[s.like]': ' %A_b% ' }), ['s', 'like', ' %A_b% '], 'like values are verbatim');
  t.same(one({ 'filter[tx.ilike]': '%x%' }), ['tx', 'ilike', '%x%']);
  for (const [text, value] of [['true', true], ['TRUE', true], ['1', true], ['false', false], ['0', false]] as const) {
    t.same(one({ 'filter[j.is_null]': text }), ['j', 'is_null', value], `is_null ${text}`);
  }
  t.same(one({ 'filter[s.in]': ['a', 'b,c'] }), ['s', 'in', ['a', 'b', 'c']], 'repeated keys are joined with ","');
  t.same(one({ 'filter[s]': ['a', 'b'] }), ['s', 'eq', 'a,b']);
  t.same(one({ 'filter[s]': '' }), ['s', 'eq', ''], 'empty string is a string value');
  t.same(one({ 'filter[s]': 'null' }), ['s', 'eq', 'null'], '"null" is not special');
  t.same(parse({ 'filter[s]': 'x', 'filter[i.gt]': '1', 'filter[s.neq]': 'y' }).filters.map((c) => `${c.field.name}.${c.op}`),
    ['s.eq', 'i.gt', 's.neq'], 'filters keep key order and are all kept');
});

t.test('values are parsed per field type', async (t) => {
  const value = (field: string, text: string, op = 'eq') => parse({ [`filter[${field}.${op}]`]: text }).filters[0].value;
  t.equal(value('i', '-2147483648'), -2147483648);
  t.equal(value('b', '9007199254740993'), '9007199254740993', 'bigint beyond 2^53 stays an exact string');
  t.equal(value('b', '42'), 42);
  t.equal(value('fl', '-1.25'), -1.25);
  t.equal(value('d', '010.50'), '10.5', 'decimal: canonical text, compared exactly');
  t.equal(value('bo', 'True'), true);
  t.equal(value('bo', '0'), false);
  t.equal(value('u', 'ABCDEF00-0000-4000-8000-00000000000A'), 'abcdef00-0000-4000-8000-00000000000a');
  t.equal(value('ts', '2025-03-09T15:05:00+01:00'), '2025-03-09T14:05:00.000Z', 'timestamp normalised to UTC');
  t.equal(value('ts', '2025-03-09'), '2025-03-09T00:00:00.000Z');
  t.equal(value('dt', '2024-02-29'), '2024-02-29');
  t.same(value('ts', '2025-01-01, 2025-01-02T01:00:00+01:00', 'in'), ['2025-01-01T00:00:00.000Z', '2025-01-02T00:00:00.000Z']);
  t.same(value('dt', '2024-01-01 , 2024-12-31', 'in'), ['2024-01-01', '2024-12-31'], 'list items are trimmed');
});

t.test('every documented 400', async (t) => {
  expect400(t, { 'filter[nope]': '1' }, 'UNKNOWN_FIELD', 'Unknown filter field: nope');
  expect400(t, { 'filter[deleted_at.is_null]': 'true' }, 'UNKNOWN_FIELD', 'Unknown filter field: deleted_at');
  expect400(t, { 'filter[owner.name]': 'x' }, 'UNKNOWN_FIELD', 'Unknown filter field: owner');
  expect400(t, { 'filter[s.name]': 'x' }, 'INVALID_PAYLOAD', 'Unknown filter operator: name');
  expect400(t, { 'filter[s.contains]': 'x' }, 'INVALID_PAYLOAD', 'Unknown filter operator: contains');
  expect400(t, { 'filter[s.]': 'x' }, 'INVALID_PAYLOAD', 'Unknown filter operator: ');
  expect400(t, { 'filter[i.in.x]': '1' }, 'INVALID_PAYLOAD', 'Unknown filter operator: in.x');
  expect400(t, { 'filter[i.like]': '1' }, 'INVALID_PAYLOAD', 'Operator like is not supported for field i');
  expect400(t, { 'filter[u.ilike]': 'a' }, 'INVALID_PAYLOAD', 'Operator ilike is not supported for field u');
  for (const op of ['eq', 'neq', 'gt', 'in', 'not_in', 'like']) {
    expect400(t, { [`filter[j.${op}]`]: '1' }, 'INVALID_PAYLOAD', `Operator ${op} is not supported for field j`);
    expect400(t, { [`filter[fi.${op}]`]: '1' }, 'INVALID_PAYLOAD', `Operator ${op} is not supported for field fi`);
  }
  const invalid: Array<[string, string]> = [
    ['i', 'abc'], ['i', '1.5'], ['i', '2147483648'], ['i', ' 1'], ['i', ''], ['i', 'null'],
    ['b', '9223372036854775808'], ['fl', '1e5'], ['fl', '.5'], ['d', '1,5'], ['d', 'NaN'],
    ['bo', 'yes'], ['bo', 'abc'], ['u', 'not-a-uuid'], ['ts', '2025-02-30'], ['ts', 'yesterday'],
    ['dt', '2025-03-09T10:00:00Z'], ['dt', '2025-13-01'],
  ];
  for (const [field, text] of invalid) expect400(t, { [`filter[${field}]`]: text }, 'INVALID_PAYLOAD', `Invalid filter value for ${field}: ${text}`);
  expect400(t, { 'filter[i.in]': '1, x ,3' }, 'INVALID_PAYLOAD', 'Invalid filter value for i: x');
  expect400(t, { 'filter[i.in]': '1,,3' }, 'INVALID_PAYLOAD', 'Invalid filter value for i: ');
  expect400(t, { 'filter[s.is_null]': 'maybe' }, 'INVALID_PAYLOAD', 'Invalid filter value for s: maybe');
  expect400(t, { sort: 'nope' }, 'UNKNOWN_FIELD', 'Unknown sort field: nope');
  expect400(t, { sort: 's,-nope' }, 'UNKNOWN_FIELD', 'Unknown sort field: nope');
  expect400(t, { sort: 'deleted_at' }, 'UNKNOWN_FIELD', 'Unknown sort field: deleted_at');
  expect400(t, { sort: '--s' }, 'UNKNOWN_FIELD', 'Unknown sort field: -s');
  expect400(t, { include: 'nope' }, 'UNKNOWN_FIELD', 'Unknown include: nope');
  expect400(t, { include: 'labels, notes.nope' }, 'UNKNOWN_FIELD', 'Unknown include: notes.nope');
  expect400(t, { include: 'notes..children' }, 'UNKNOWN_FIELD', 'Unknown include: notes..children');
  expect400(t, { include: 'notes.children.children.children' }, 'INVALID_PAYLOAD', 'Include depth exceeds 3: notes.children.children.children');
  t.match(error(() => parse({ 'filter[nope]': '1', sort: 'nope' })), { message: 'Unknown filter field: nope' }, 'filters are checked first');
  t.match(error(() => parse({ sort: 'nope', include: 'nope' })), { message: 'Unknown sort field: nope' }, 'then sort, then include');
});

t.test('hostile keys, sort and values stop at parsing', async (t) => {
  const hostile = [`s"; DROP TABLE items; --`, 's) OR (1=1', '__proto__', 'constructor', 's\u0000', "s' --", 'S', ' s'];
  for (const name of hostile) {
    t.match(error(() => parse({ [`filter[${name}]`]: '1' })), { code: 'UNKNOWN_FIELD', statusCode: 400 }, `filter key ${JSON.stringify(name)}`);
    t.match(error(() => parse({ sort: `-${name}` })), { code: 'UNKNOWN_FIELD', statusCode: 400 }, `sort ${JSON.stringify(name)}`);
    t.match(error(() => parse({ include: name })), { code: 'UNKNOWN_FIELD', statusCode: 400 }, `include ${JSON.stringify(name)}`);
  }
  t.match(error(() => parse({ 'filter[s.eq; DROP TABLE items]': '1' })), { code: 'INVALID_PAYLOAD', message: 'Unknown filter operator: eq; DROP TABLE items' });
  t.match(error(() => parse({ 'filter[i]': '1; DROP TABLE items' })), { code: 'INVALID_PAYLOAD' });
  t.match(error(() => parse({ 'filter[u.in]': `${'0'.repeat(8)}-0000-4000-8000-000000000000,') OR 1=1 --` })), { code: 'INVALID_PAYLOAD' });
  const q = parse({ 'filter[s]': "x' OR '1'='1", 'filter[s.like]': "%'; --" });
  t.same(q.filters.map((c) => c.value), ["x' OR '1'='1", "%'; --"], 'string values are kept as data (bound as parameters)');
  t.notMatch(q.shape, "'", 'the shape (SQL cache key) never contains values');
});

t.test('sort', async (t) => {
  const sort = (text: string | string[]) => parse({ sort: text }).sort.map((s) => `${s.desc ? '-' : ''}${s.field.name}`);
  t.same(sort('-s, i ,,'), ['-s', 'i'], 'items trimmed, empty ignored');
  t.same(sort(['s', '-i']), ['s', '-i'], 'repeated keys joined');
  t.same(sort('s,-s,i'), ['s', 'i'], 'a repeated field keeps its first direction');
  t.same(sort(''), []);
  t.same(sort('j,fi'), ['j', 'fi'], 'any field of the entity may be sorted');
});

t.test('pagination', async (t) => {
  const page = (q: QueryInput) => { const p = parse(q); return [p.page, p.perPage]; };
  t.same(page({ page: '3', per_page: '10' }), [3, 10]);
  t.same(page({ page: '0', per_page: '0' }), [1, 25]);
  t.same(page({ page: '-2', per_page: '-5' }), [1, 25]);
  t.same(page({ page: '1.5', per_page: '1e2' }), [1, 25]);
  t.same(page({ page: 'abc', per_page: '' }), [1, 25]);
  t.same(page({ page: ' 2', per_page: '10 ' }), [1, 25], 'must match ^\\d+$');
  t.same(page({ page: '007', per_page: '0100' }), [7, 100]);
  t.same(page({ per_page: '101' }), [1, 100], 'clamped to 100');
  t.same(page({ per_page: '99999999999999999999999' }), [1, 100]);
  t.same(page({ page: '99999999999999999999999' }), [Math.floor(Number.MAX_SAFE_INTEGER / 100), 25], 'huge pages are clamped so OFFSET stays exact');
  t.same(page({ page: ['2', '3'] }), [1, 25], 'repeated page → "2,3" → default');
  t.equal(parse({ total: 'false' }).withTotal, false);
  t.equal(parse({ total: '0' }).withTotal, false);
  t.equal(parse({ total: 'true' }).withTotal, true);
});

t.test('shapes: equal for equal structure, whatever the values', async (t) => {
  const a = parse({ 'filter[i.in]': '1', 'filter[s]': 'x', sort: '-i' });
  const b = parse({ 'filter[i.in]': '1,2,3,4,5', 'filter[s]': 'other', sort: '-i', page: '9', per_page: '3' });
  t.equal(a.shape, b.shape);
  t.not(parse({ 'filter[j.is_null]': 'true' }).shape, parse({ 'filter[j.is_null]': 'false' }).shape, 'is_null direction is structure');
  t.not(parse({ sort: 'i' }).shape, parse({ sort: '-i' }).shape);
  t.not(parse({}).shape, parse({ total: 'false' }).shape);
});

t.test('includes: resolution, tree, order, caching', async (t) => {
  const tree = parseIncludes(item, reg, ' labels , notes.children, owner,notes ,labels,, notes.children.children');
  const outline = (nodes: typeof tree): unknown => nodes.map((n) => [n.key, n.direction, n.relation.name, n.toMany, outline(n.children)]);
  t.same(outline(tree), [
    ['labels', 'forward', 'item_labels', true, []],
    ['notes', 'forward', 'item_notes', true, [['children', 'forward', 'note_children', true, [['children', 'forward', 'note_children', true, []]]]]],
    ['owner', 'reverse', 'owner_items', false, []],
  ], 'request order, duplicates merged, nested paths under their parent');
  t.equal(parseIncludes(item, reg, ' labels , notes.children, owner,notes ,labels,, notes.children.children'), tree, 'cached per registry and text');
  t.equal(parseIncludes(item, reg, ['labels', 'notes.children']).length, 2, 'repeated keys joined');
  t.equal(parseIncludes(item, reg, undefined), EMPTY_INCLUDES);
  t.same(parseIncludes(item, reg, ' , '), [], 'only empty items');
  t.same([...includedEntityNames(tree)].sort(), ['label', 'note', 'owner']);
  const other = registry('sqlite', 2);
  t.not(parseIncludes(other.entity('item')!, other, 'labels'), parseIncludes(item, reg, 'labels'), 'a new registry snapshot re-resolves');
  const owner = reg.entity('owner')!;
  t.same(outline(parseIncludes(owner, reg, 'items.labels')), [['items', 'forward', 'owner_items', true, [['labels', 'forward', 'item_labels', true, []]]]]);
  const label = reg.entity('label')!;
  t.same(outline(parseIncludes(label, reg, 'item')), [['item', 'reverse', 'item_labels', true, []]], 'reverse many_to_many is to-many');
});

t.test('eager relations are appended once, after requested includes', async (t) => {
  const keys = (text: string) => withEagerIncludes(reg, item, parseIncludes(item, reg, text)).map((n) => n.key);
  t.same(keys(''), ['item_notes']);
  t.same(keys('labels'), ['labels', 'item_notes']);
  t.same(keys('item_notes'), ['item_notes'], 'same key: not repeated');
  t.same(keys('notes'), ['notes'], 'same relation under another token: not repeated');
  const merged = withEagerIncludes(reg, item, parseIncludes(item, reg, 'labels'));
  t.equal(withEagerIncludes(reg, item, parseIncludes(item, reg, 'labels')), merged, 'memoised');
  t.same(withEagerIncludes(reg, reg.entity('owner')!, EMPTY_INCLUDES), [], 'no eager relation of its own');
});
