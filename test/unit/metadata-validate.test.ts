// Unit tests for entity and relation definition validation (metadata.md §10.4, §11.2), stored
// defaults, the type-change table (§9.5) and relation-name resolution (§8.5).

import t from 'tap';
import { typeChangeAllowed, typeChangeKind, validateEntity } from '../../core/metadata/validate-entity.js';
import { validateRelation } from '../../core/metadata/validate-relation.js';
import { resolveRelationToken } from '../../core/metadata/resolve-relation.js';
import type { EntityDef, FieldDef, Problem, RelationDef } from '../../core/metadata/types.js';

type Json = Record<string, any>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const BOOK: Json = {
  name: 'book',
  table: 'books',
  primary_key: { field: 'id', type: 'uuid', generated: true },
  soft_delete: true,
  slug: { field: 'slug', source: 'title' },
  fields: [
    { name: 'id', type: 'uuid', required: true },
    { name: 'title', type: 'string', required: true },
    { name: 'slug', type: 'string', unique: true },
    { name: 'pages', type: 'int', default: 0 },
    { name: 'list_price', type: 'decimal', precision: 2 },
    { name: 'format', type: 'string', enum: ['hardcover', 'paperback', 'ebook'], default: 'paperback' },
    { name: 'author_id', type: 'uuid' },
    { name: 'cover', type: 'file' },
    { name: 'attributes', type: 'json' },
    { name: 'published_on', type: 'date' },
    { name: 'created_at', type: 'timestamp', auto: 'create' },
    { name: 'updated_at', type: 'timestamp', auto: 'update' },
  ],
};
const ctx = () => ({ joinTables: new Set(['book_genres']) });

function book(mutate: (b: Json) => void = () => {}): Json {
  const b = clone(BOOK);
  mutate(b);
  return b;
}
function problemsOf(input: unknown, c: Parameters<typeof validateEntity>[1] = ctx()): Problem[] {
  const r = validateEntity(input, c);
  return r.ok ? [] : r.problems;
}
function firstMessage(input: unknown, c?: Parameters<typeof validateEntity>[1]): string | undefined {
  return problemsOf(input, c)[0]?.message;
}

t.test('valid definition is normalised (§10.1)', async (t) => {
  const r = validateEntity(book(), ctx());
  t.ok(r.ok);
  if (!r.ok) return;
  t.same(r.definition, BOOK);
  const minimal = validateEntity({ name: 'tag', table: 'tags', primary_key: { field: 'id' }, fields: [{ name: 'id', type: 'integer' }], ui: { icon: 'x' } }, ctx());
  t.ok(minimal.ok);
  if (!minimal.ok) return;
  t.same(minimal.definition, {
    name: 'tag', table: 'tags', primary_key: { field: 'id', type: 'int', generated: false }, soft_delete: false,
    fields: [{ name: 'id', type: 'integer' }], ui: { icon: 'x' },
  });
  t.same(Object.keys(minimal.definition), ['name', 'table', 'primary_key', 'soft_delete', 'fields', 'ui']);
  const text = validateEntity({ name: 'k', table: 'k', primary_key: { field: 'code', type: 'string' }, fields: [{ name: 'code', type: 'text' }] }, ctx());
  t.ok(text.ok && text.definition.primary_key.type === 'string', 'string PK matches text field');
  const derived = validateEntity({ name: 'k', table: 'k', primary_key: { field: 'code' }, fields: [{ name: 'code', type: 'text' }] }, ctx());
  t.ok(derived.ok && derived.definition.primary_key.type === 'string', 'text field → string PK');
  t.ok(validateEntity(book((b) => { b.name = '_test_orders'; }), ctx()).ok, 'leading underscore allowed');
});

t.test('entity checks and messages in documented order', async (t) => {
  const cases: Array<[string, Json | unknown, string]> = [
    ['1 name missing', book((b) => { delete b.name; }), 'entity name is required'],
    ['1 name empty', book((b) => { b.name = ''; }), 'entity name is required'],
    ['2 name pattern', book((b) => { b.name = 'Book'; }), 'invalid entity name: Book'],
    ['2 name length', book((b) => { b.name = 'a'.repeat(64); }), `invalid entity name: ${'a'.repeat(64)}`],
    ['3 reserved', book((b) => { b.name = '_admin'; }), 'entity name is reserved: _admin'],
    ['3 reserved auth', book((b) => { b.name = 'auth'; }), 'entity name is reserved: auth'],
    ['4 table missing', book((b) => { delete b.table; }), 'table name is required'],
    ['5 table pattern', book((b) => { b.table = 'my-books'; }), 'invalid table name: my-books'],
    ['6 system table', book((b) => { b.table = '_users'; }), 'table name is reserved: _users'],
    ['6 join table', book((b) => { b.table = 'book_genres'; }), 'table name is reserved: book_genres'],
    ['7 no fields', book((b) => { b.fields = []; }), 'entity must have at least one field'],
    ['7 fields not array', book((b) => { b.fields = {}; }), 'entity must have at least one field'],
    ['8 field name', book((b) => { b.fields[1].name = 'Title'; }), 'invalid field name: Title'],
    ['8 field name underscore', book((b) => { b.fields[1].name = '_title'; }), 'invalid field name: _title'],
    ['8 field name missing', book((b) => { delete b.fields[1].name; }), 'invalid field name: undefined'],
    ['9 duplicate', book((b) => { b.fields[3].name = 'title'; }), 'duplicate field name: title'],
    ['10 type', book((b) => { b.fields[3].type = 'money'; }), 'invalid field type: money'],
    ['11 auto value', book((b) => { b.fields[10].auto = 'always'; }), 'invalid auto value for field created_at'],
    ['11 auto type', book((b) => { b.fields[3].auto = 'create'; }), 'invalid auto value for field pages'],
    ['12 precision range', book((b) => { b.fields[4].precision = 19; }), 'invalid precision for field list_price'],
    ['12 precision not integer', book((b) => { b.fields[4].precision = 1.5; }), 'invalid precision for field list_price'],
    ['12 precision on non-decimal', book((b) => { b.fields[3].precision = 2; }), 'invalid precision for field pages'],
    ['13 enum empty', book((b) => { b.fields[5].enum = []; }), 'invalid enum for field format'],
    ['13 enum members', book((b) => { b.fields[5].enum = ['a', { b: 1 }]; }), 'invalid enum for field format'],
    ['14 default type', book((b) => { b.fields[3].default = 'many'; }), 'invalid default for field pages'],
    ['14 default enum', book((b) => { b.fields[5].default = 'scroll'; }), 'invalid default for field format'],
    ['15 pk missing', book((b) => { delete b.primary_key; }), 'primary key field is required'],
    ['15 composite pk', book((b) => { b.primary_key = { fields: ['a', 'b'] }; }), 'primary key field is required'],
    ['16 pk field', book((b) => { b.primary_key.field = 'uuid'; }), 'primary key field uuid not found in fields'],
    ['17 pk type unknown', book((b) => { b.primary_key.type = 'serial'; }), 'invalid primary key type: serial'],
    ['17 pk type mismatch', book((b) => { b.primary_key.type = 'int'; }), 'invalid primary key type: int'],
    ['17 pk field type unfit', book((b) => { b.primary_key = { field: 'published_on' }; }), 'invalid primary key type: date'],
    ['18 slug field', book((b) => { b.slug.field = 'handle'; }), 'slug field "handle" not found in fields'],
    ['19 slug type', book((b) => { b.slug.field = 'pages'; b.fields[3].unique = true; }), 'slug field "pages" must be of type string or text'],
    ['20 slug unique', book((b) => { delete b.fields[2].unique; }), 'slug field "slug" must have unique: true'],
    ['21 slug source', book((b) => { b.slug.source = 'headline'; }), 'slug source field "headline" not found in fields'],
  ];
  for (const [label, input, message] of cases) t.equal(firstMessage(input), message, label);
});

t.test('every independent problem is collected with a path and rule', async (t) => {
  const input = book((b) => {
    b.name = 'Bad Name';
    b.fields[3].type = 'money';
    b.fields[5].default = 'scroll';
    b.slug.source = 'headline';
  });
  t.same(problemsOf(input), [
    { field: 'name', rule: 'pattern', message: 'invalid entity name: Bad Name' },
    { field: 'fields[3].type', rule: 'unknown_type', message: 'invalid field type: money' },
    { field: 'fields[5].default', rule: 'invalid', message: 'invalid default for field format' },
    { field: 'slug.source', rule: 'not_found', message: 'slug source field "headline" not found in fields' },
  ]);
  const many = problemsOf({ fields: 'x' });
  t.same(many.map((p) => p.field), ['name', 'table', 'fields', 'primary_key.field']);
  t.same(problemsOf([1, 2])[0], { field: '', rule: 'invalid', message: 'Invalid JSON body' });
});

t.test('defaults: null default allowed, typed defaults checked, integer ≡ int', async (t) => {
  t.ok(validateEntity(book((b) => { b.fields[3].default = null; }), ctx()).ok);
  t.ok(validateEntity(book((b) => { b.fields[3].default = '12'; }), ctx()).ok, 'digit string valid for int');
  t.ok(validateEntity(book((b) => { b.fields[4].default = 1.999; }), ctx()).ok);
  t.ok(validateEntity(book((b) => { b.fields[5].enum = [1, 2]; b.fields[5].type = 'int'; b.fields[5].default = 2; }), ctx()).ok);
  t.equal(firstMessage(book((b) => { b.fields[9].default = '2025-02-30'; })), 'invalid default for field published_on');
  t.ok(validateEntity(book((b) => { b.fields[8].default = { a: [1] }; }), ctx()).ok, 'json default object');
});

t.test('undocumented flag checks come after documented ones', async (t) => {
  t.same(problemsOf(book((b) => { b.primary_key.generated = 'yes'; })), [
    { field: 'primary_key.generated', rule: 'invalid', message: 'invalid primary key generated: yes' },
  ]);
  t.equal(firstMessage(book((b) => { b.soft_delete = 'true'; })), 'invalid soft_delete: true');
  t.equal(firstMessage(book((b) => { b.soft_delete = 'true'; b.name = ''; })), 'entity name is required');
});

t.test('PUT checks 22–25', async (t) => {
  const existing = clone(BOOK) as EntityDef;
  const put = (mutate: (b: Json) => void, extra: Json = {}) =>
    validateEntity(book(mutate), { ...ctx(), existing, urlName: 'book', ...extra });
  const r = put((b) => { b.name = 'renamed'; });
  t.ok(r.ok && r.definition.name === 'book', 'name forced to URL name');
  t.ok(put((b) => { delete b.primary_key.type; delete b.primary_key.generated; b.primary_key.generated = true; }).ok, 'defaults equal stored PK');
  const msg = (m: (b: Json) => void, extra: Json = {}) => { const x = put(m, extra); return x.ok ? undefined : x.problems[0].message; };
  t.equal(msg((b) => { b.table = 'volumes'; }), 'table cannot be changed');
  t.equal(msg((b) => { b.primary_key.generated = false; }), 'primary key cannot be changed');
  t.equal(msg((b) => { b.fields.push({ name: 'code', type: 'string' }); b.primary_key = { field: 'code' }; }), 'primary key cannot be changed');
  t.equal(msg((b) => { b.fields[1].type = 'int'; }), 'unsafe type change for field title: string -> int');
  t.equal(msg((b) => { b.fields[4].precision = 1; }), 'unsafe type change for field list_price: decimal(2) -> decimal(1)');
  t.equal(msg((b) => { b.fields[8].type = 'string'; }), 'unsafe type change for field attributes: json -> string');
  t.ok(put((b) => { b.fields[3].type = 'bigint'; b.fields[1].type = 'text'; b.fields[9].type = 'timestamp'; }).ok, 'allowed changes');
  t.ok(put((b) => { b.fields[3].type = 'integer'; }).ok, 'int ≡ integer');
  t.ok(put((b) => { b.fields.splice(6, 1); }).ok, 'removing an unreferenced field is fine');
  t.equal(
    msg((b) => { b.fields.splice(6, 1); }, { referencedFields: new Map([['author_id', 'relation author']]) }),
    'field author_id is referenced by relation author',
  );
  t.equal(
    msg((b) => { b.fields.splice(6, 1); }, { referencedFields: new Map([['author_id', 'state machine 3']]) }),
    'field author_id is referenced by state machine 3',
  );
  const p = put((b) => { b.fields.splice(6, 1); }, { referencedFields: new Map([['author_id', 'relation author']]) });
  t.same(!p.ok && p.problems[0], { field: 'fields', rule: 'referenced', message: 'field author_id is referenced by relation author' });
});

t.test('type-change table (§9.5)', async (t) => {
  const fd = (type: string, precision?: number): FieldDef => ({ name: 'f', type, ...(precision === undefined ? {} : { precision }) });
  const cases: Array<[FieldDef, FieldDef, string]> = [
    [fd('string'), fd('text'), 'none'],
    [fd('text'), fd('string'), 'none'],
    [fd('int'), fd('integer'), 'none'],
    [fd('int'), fd('bigint'), 'alter'],
    [fd('int'), fd('decimal', 2), 'alter'],
    [fd('bigint'), fd('decimal'), 'alter'],
    [fd('int'), fd('float'), 'alter'],
    [fd('bigint'), fd('float'), 'alter'],
    [fd('decimal', 2), fd('decimal', 4), 'alter'],
    [fd('decimal', 2), fd('decimal'), 'alter'],
    [fd('decimal', 2), fd('decimal', 2), 'none'],
    [fd('decimal', 4), fd('decimal', 2), 'forbidden'],
    [fd('decimal'), fd('decimal', 2), 'forbidden'],
    [fd('date'), fd('timestamp'), 'alter'],
    [fd('timestamp'), fd('date'), 'forbidden'],
    [fd('boolean'), fd('string'), 'alter'],
    [fd('uuid'), fd('text'), 'alter'],
    [fd('decimal', 2), fd('string'), 'alter'],
    [fd('json'), fd('string'), 'forbidden'],
    [fd('file'), fd('text'), 'forbidden'],
    [fd('text'), fd('int'), 'forbidden'],
    [fd('bigint'), fd('int'), 'forbidden'],
    [fd('float'), fd('decimal'), 'forbidden'],
    [fd('string'), fd('json'), 'forbidden'],
    [fd('json'), fd('json'), 'none'],
  ];
  for (const [from, to, kind] of cases) {
    const label = `${String(from.type)}${from.precision ?? ''} -> ${String(to.type)}${to.precision ?? ''}`;
    t.equal(typeChangeKind(from, to), kind, label);
    t.equal(typeChangeAllowed(from, to), kind !== 'forbidden', label);
  }
});

// ---------------------------------------------------------------- relations

const entity = (name: string, table: string, fields: string[], pk = 'id'): EntityDef => ({
  name, table, primary_key: { field: pk, type: 'uuid', generated: true }, soft_delete: false,
  fields: fields.map((f) => ({ name: f, type: 'uuid' })),
});
const ENTITIES = new Map<string, EntityDef>([
  ['book', entity('book', 'books', ['id', 'title', 'author_id'])],
  ['chapter', entity('chapter', 'chapters', ['id', 'book_id'])],
  ['genre', entity('genre', 'genres', ['id', 'label'])],
  ['author', entity('author', 'authors', ['code', 'name'], 'code')],
]);
const rctx = () => ({ entities: ENTITIES, entityTables: new Set(['books', 'chapters', 'genres', 'authors']) });
const CHAPTERS: Json = { name: 'chapters', type: 'one_to_many', source: 'book', target: 'chapter', target_key: 'book_id', on_delete: 'cascade', write_mode: 'replace' };
const GENRES: Json = { name: 'genres', type: 'many_to_many', source: 'book', target: 'genre', join_table: 'book_genres', source_join_key: 'book_id', target_join_key: 'genre_id', on_delete: 'detach' };
const rel = (base: Json, mutate: (r: Json) => void = () => {}) => { const r = clone(base); mutate(r); return r; };
const relMessage = (input: unknown, extra: Json = {}) => {
  const r = validateRelation(input, { ...rctx(), ...extra });
  return r.ok ? undefined : r.problems[0].message;
};

t.test('relation defaults (§8.1, §11.1 example)', async (t) => {
  const r = validateRelation(rel(CHAPTERS), rctx());
  t.ok(r.ok);
  if (r.ok) {
    t.same(r.definition, {
      name: 'chapters', type: 'one_to_many', source: 'book', target: 'chapter', source_key: 'id', target_key: 'book_id',
      ownership: 'source', on_delete: 'cascade', fetch: 'lazy', write_mode: 'replace',
    });
    t.same(Object.keys(r.definition), ['name', 'type', 'source', 'target', 'source_key', 'target_key', 'ownership', 'on_delete', 'fetch', 'write_mode']);
  }
  const m = validateRelation(rel(GENRES, (x) => { delete x.on_delete; x.hint = 1; }), rctx());
  t.ok(m.ok);
  if (m.ok) {
    t.equal(m.definition.ownership, 'none');
    t.equal(m.definition.write_mode, 'diff');
    t.equal(m.definition.fetch, 'lazy');
    t.equal(m.definition.source_key, 'id');
    t.notOk('on_delete' in m.definition, 'on_delete stays absent');
    t.equal(m.definition.hint, 1, 'unknown property kept');
  }
  const put = validateRelation(rel(CHAPTERS, (x) => { x.name = 'other'; }), { ...rctx(), urlName: 'chapters' });
  t.ok(put.ok && put.definition.name === 'chapters', 'name forced from URL');
  const self = validateRelation({ name: 'children', type: 'one_to_many', source: 'chapter', target: 'chapter', target_key: 'book_id' }, rctx());
  t.ok(self.ok, 'self relation');
});

t.test('relation checks and messages (§11.2)', async (t) => {
  const cases: Array<[string, Json, string]> = [
    ['2 name', rel(CHAPTERS, (r) => { delete r.name; }), 'relation name is required'],
    ['3 name pattern', rel(CHAPTERS, (r) => { r.name = 'Chapters!'; }), 'invalid relation name: Chapters!'],
    ['4 source', rel(CHAPTERS, (r) => { delete r.source; }), 'source and target are required'],
    ['4 target', rel(CHAPTERS, (r) => { r.target = ''; }), 'source and target are required'],
    ['5 source exists', rel(CHAPTERS, (r) => { r.source = 'volume'; }), 'source entity not found: volume'],
    ['6 target exists', rel(CHAPTERS, (r) => { r.target = 'page'; }), 'target entity not found: page'],
    ['7 type', rel(CHAPTERS, (r) => { r.type = 'many_to_one'; }), 'invalid relation type: many_to_one'],
    ['7 type missing', rel(CHAPTERS, (r) => { delete r.type; }), 'invalid relation type: undefined'],
    ['8 join_table', rel(GENRES, (r) => { delete r.join_table; }), 'join_table is required for many_to_many relations'],
    ['9 join keys missing', rel(GENRES, (r) => { delete r.target_join_key; }), 'source_join_key and target_join_key are required for many_to_many relations'],
    ['9 join keys equal', rel(GENRES, (r) => { r.target_join_key = 'book_id'; }), 'source_join_key and target_join_key are required for many_to_many relations'],
    ['9 join key invalid', rel(GENRES, (r) => { r.source_join_key = 'Book Id'; }), 'source_join_key and target_join_key are required for many_to_many relations'],
    ['10 join_table entity table', rel(GENRES, (r) => { r.join_table = 'genres'; }), 'invalid join_table: genres'],
    ['10 join_table system', rel(GENRES, (r) => { r.join_table = '_files'; }), 'invalid join_table: _files'],
    ['10 join_table pattern', rel(GENRES, (r) => { r.join_table = 'Book-Genres'; }), 'invalid join_table: Book-Genres'],
    ['11 source_key', rel(CHAPTERS, (r) => { r.source_key = 'isbn'; }), 'source_key isbn not found on entity book'],
    ['12 target_key missing', rel(CHAPTERS, (r) => { delete r.target_key; }), 'target_key undefined not found on entity chapter'],
    ['12 target_key unknown', rel(CHAPTERS, (r) => { r.target_key = 'volume_id'; }), 'target_key volume_id not found on entity chapter'],
    ['13 ownership', rel(CHAPTERS, (r) => { r.ownership = 'both'; }), 'invalid ownership: both'],
    ['13 on_delete', rel(CHAPTERS, (r) => { r.on_delete = 'nullify'; }), 'invalid on_delete: nullify'],
    ['13 fetch', rel(CHAPTERS, (r) => { r.fetch = 'always'; }), 'invalid fetch: always'],
    ['13 write_mode', rel(CHAPTERS, (r) => { r.write_mode = 'merge'; }), 'invalid write_mode: merge'],
    ['14 conflicts with field', rel(CHAPTERS, (r) => { r.name = 'title'; }), 'relation name title conflicts with a field of book'],
  ];
  for (const [label, input, message] of cases) t.equal(relMessage(input), message, label);
  t.ok(validateRelation(rel(CHAPTERS, (r) => { delete r.target_key; r.type = 'many_to_many'; Object.assign(r, { join_table: 'bc', source_join_key: 'a', target_join_key: 'b' }); }), rctx()).ok,
    'target_key not needed for many_to_many');
  const r = validateRelation(rel(CHAPTERS, (x) => { x.name = 'Bad!'; x.fetch = 'x'; x.target_key = 'nope'; }), rctx());
  t.same(!r.ok && r.problems.map((p) => p.field), ['name', 'target_key', 'fetch'], 'all problems collected in order');
  t.equal(relMessage('nope'), 'Invalid JSON body');
});

t.test('relation name resolution (§8.5)', async (t) => {
  const R = (name: string, source: string, target: string): RelationDef => ({
    name, type: 'one_to_many', source, target, source_key: 'id', ownership: 'source', fetch: 'lazy', write_mode: 'diff',
  });
  const rels = [
    R('chapters', 'book', 'chapter'),
    R('written', 'author', 'book'),
    R('b_notes', 'book', 'note'),
    R('a_notes', 'book', 'note'),
    R('post_tags', 'post', 'tag'),
    R('parent', 'category', 'category'),
    R('author', 'publisher', 'author'),
  ];
  const res = (token: string, e: string) => {
    const r = resolveRelationToken(token, e, rels);
    return r && `${r.relation.name}/${r.direction}`;
  };
  t.equal(res('chapters', 'book'), 'chapters/forward', 'rule 1 forward');
  t.equal(res('chapters', 'chapter'), 'chapters/reverse', 'rule 1 reverse');
  t.equal(res('chapters', 'author'), undefined, 'rule 1 requires the entity');
  t.equal(res('chapter', 'book'), 'chapters/forward', 'rule 2 by target name');
  t.equal(res('note', 'book'), 'a_notes/forward', 'rule 2 first by name');
  t.equal(res('author', 'book'), 'written/reverse', 'rule 3 by source name (relation "author" does not touch book)');
  t.equal(res('book', 'chapter'), 'chapters/reverse', 'rule 3');
  t.equal(res('tags', 'post'), 'post_tags/forward', 'rule 4');
  t.equal(res('parent', 'category'), 'parent/forward', 'self relation is forward');
  t.equal(res('nothing', 'book'), undefined);
  t.equal(res('author', 'publisher'), 'author/forward', 'rule 1 beats rule 2');
});
