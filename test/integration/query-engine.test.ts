// The read path of core/query against real databases: filters, sort, pagination, row filters,
// includes of every relation kind and get-by-id, on SQLite always and on PostgreSQL when
// ROCKET_TEST_PG_URL is set (a throwaway database). Every observed result is also compared across
// the two drivers at the end: they must be identical.
import t from 'tap';
import type { CompiledEntity } from '../../core/compile/compiled-entity.js';
import { compileRegistry, type Registry } from '../../core/compile/registry.js';
import { tableColumns } from '../../core/db/introspect.js';
import { applyDdl, planEntityDdl, planRelationDdl } from '../../core/db/schema-migrator.js';
import type { Database, Queryable, Row } from '../../core/db/types.js';
import { AppError } from '../../core/errors.js';
import type { DialectName, EntityDef, FieldDef, RelationDef } from '../../core/metadata/types.js';
import type { Condition, RowFilter } from '../../core/query/conditions.js';
import { findRecord, findRecordRow } from '../../core/query/get-one.js';
import { withEagerIncludes } from '../../core/query/include-tree.js';
import { loadIncludes } from '../../core/query/includes.js';
import { parseIncludes, parseListQuery, type QueryInput } from '../../core/query/parse-list-query.js';
import { runList } from '../../core/query/run-list.js';
import { openScratchDatabase } from '../helpers/scratch-db.js';
import { dialects as testDialects } from '../helpers/server.js';

const dialects: DialectName[] = [...testDialects];
type T = Parameters<Parameters<typeof t.test>[0]>[0];
const log = { info() {}, warn() {}, error() {}, debug() {} };

// ---------------------------------------------------------------------------------------------
// Schema: author (uuid PK, slug, soft delete) 1—n book (int PK) 1—n chapter (string PK, slug,
// soft delete) 1—n footnote; author 1—1 profile (eager); book n—n tag through book_tag_links.

const f = (name: string, type: string, extra: Partial<FieldDef> = {}): FieldDef => ({ name, type, ...extra });
const entities: EntityDef[] = [
  {
    name: 'author', table: 'authors', primary_key: { field: 'id', type: 'uuid', generated: true }, soft_delete: true,
    slug: { field: 'slug' },
    fields: [f('id', 'uuid'), f('name', 'string'), f('slug', 'string', { unique: true }), f('born', 'date')],
  },
  {
    name: 'book', table: 'books', primary_key: { field: 'id', type: 'int', generated: true }, soft_delete: false,
    fields: [
      f('id', 'int'), f('title', 'string'), f('pages', 'int'), f('price', 'decimal', { precision: 2 }), f('big', 'bigint'),
      f('score', 'float'), f('published_on', 'date'), f('published_at', 'timestamp'), f('is_public', 'boolean'),
      f('author_id', 'uuid'), f('meta', 'json'), f('cover', 'file'), f('blurb', 'text'),
    ],
  },
  {
    name: 'chapter', table: 'chapters', primary_key: { field: 'code', type: 'string', generated: false }, soft_delete: true,
    slug: { field: 'slug' },
    fields: [f('code', 'string'), f('slug', 'string', { unique: true }), f('book_id', 'int'), f('heading', 'text')],
  },
  {
    name: 'footnote', table: 'footnotes', primary_key: { field: 'id', type: 'int', generated: true }, soft_delete: false,
    fields: [f('id', 'int'), f('chapter_code', 'string'), f('body', 'text')],
  },
  {
    name: 'profile', table: 'profiles', primary_key: { field: 'id', type: 'int', generated: true }, soft_delete: false,
    fields: [f('id', 'int'), f('author_id', 'uuid'), f('bio', 'text')],
  },
  {
    name: 'tag', table: 'tags', primary_key: { field: 'id', type: 'uuid', generated: true }, soft_delete: true,
    fields: [f('id', 'uuid'), f('label', 'string')],
  },
];
const rel = (r: Partial<RelationDef> & Pick<RelationDef, 'name' | 'type' | 'source' | 'target'>): RelationDef =>
  ({ source_key: 'id', ownership: 'source', fetch: 'lazy', write_mode: 'diff', ...r });
const relations: RelationDef[] = [
  rel({ name: 'author_books', type: 'one_to_many', source: 'author', target: 'book', target_key: 'author_id' }),
  rel({ name: 'author_profile', type: 'one_to_one', source: 'author', target: 'profile', target_key: 'author_id', fetch: 'eager' }),
  rel({ name: 'book_chapters', type: 'one_to_many', source: 'book', target: 'chapter', target_key: 'book_id' }),
  rel({
    name: 'book_tags', type: 'many_to_many', source: 'book', target: 'tag', ownership: 'none',
    join_table: 'book_tag_links', source_join_key: 'book_id', target_join_key: 'tag_id',
  }),
  rel({ name: 'chapter_footnotes', type: 'one_to_many', source: 'chapter', target: 'footnote', source_key: 'code', target_key: 'chapter_code' }),
];

const A1 = '0c9e2d4a-1b3f-4e5d-8a7b-6c5d4e3f2a01';
const A2 = '0c9e2d4a-1b3f-4e5d-8a7b-6c5d4e3f2a02';
const A3 = '0c9e2d4a-1b3f-4e5d-8a7b-6c5d4e3f2a03'; // soft-deleted
const T1 = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c01';
const T2 = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c02';
const T3 = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c03'; // soft-deleted
const DELETED = '2025-01-01T00:00:00.000Z';

type Data = Record<string, unknown>;
const rows: Record<string, Data[]> = {
  author: [
    { id: A1, name: 'Ines', slug: 'ines', born: '1970-05-01' },
    { id: A2, name: 'Omar', slug: 'omar', born: null },
    { id: A3, name: 'Gone', slug: 'gone', born: '1900-01-01', deleted_at: DELETED },
  ],
  book: [
    { id: 1, title: 'Alpha', pages: 100, price: '10.50', big: 1, score: 1.5, published_on: '2024-01-01', published_at: '2024-01-01T10:00:00.000Z', is_public: true, author_id: A1, meta: { a: 1 }, blurb: 'x' },
    { id: 2, title: 'beta', pages: null, price: '20.00', big: '9007199254740991', score: 2.5, published_on: '2024-02-01', published_at: null, is_public: false, author_id: A1, meta: null },
    { id: 3, title: 'Gamma', pages: 300, price: null, big: -5, score: null, published_on: '2023-12-31', published_at: '2024-03-01T00:00:00.000Z', is_public: true, author_id: A2, meta: [1] },
    { id: 4, title: 'delta', pages: 100, price: '5.25', big: null, score: 0.1, published_on: null, published_at: '2024-01-01T09:59:59.999Z', is_public: null, author_id: null },
    { id: 5, title: 'Epsilon%', pages: 200, price: '10.51', big: 7, score: 3, published_on: '2024-01-01', published_at: '2024-01-02T00:00:00.000Z', is_public: false, author_id: A2 },
    { id: 6, title: 'null', pages: null, price: '0.10', big: 8, score: 4, published_on: '2024-06-30', published_at: null, is_public: true, author_id: A3 },
  ],
  chapter: [
    { code: 'c1', slug: 'first', book_id: 1, heading: 'One' },
    { code: 'c2', slug: 'c1', book_id: 1, heading: 'Two' },
    { code: 'c3', slug: 'third', book_id: 2, heading: 'Three' },
    { code: 'c4', slug: 'gone', book_id: 1, heading: 'Deleted', deleted_at: DELETED },
  ],
  footnote: [
    { id: 1, chapter_code: 'c1', body: 'n1' },
    { id: 2, chapter_code: 'c1', body: 'n2' },
    { id: 3, chapter_code: 'c3', body: 'n3' },
    { id: 4, chapter_code: 'c4', body: 'on a deleted chapter' },
  ],
  profile: [
    { id: 1, author_id: A1, bio: 'bio of Ines' },
    { id: 2, author_id: A3, bio: 'bio of a deleted author' },
  ],
  tag: [
    { id: T1, label: 'sea' },
    { id: T2, label: 'river' },
    { id: T3, label: 'gone', deleted_at: DELETED },
  ],
};
const links: Array<[number, string]> = [[1, T1], [1, T2], [2, T2], [3, T3], [5, T1]];

// ---------------------------------------------------------------------------------------------

const openDatabase = (t: T, dialect: DialectName): Promise<Database> =>
  openScratchDatabase(t, dialect, { prefix: 'rocket-query', max: 3 });

async function setUp(db: Database): Promise<Registry> {
  const d = db.dialect;
  const byName = new Map(entities.map((e) => [e.name, e]));
  await db.transaction(async (tx) => {
    for (const e of entities) await applyDdl(tx, planEntityDdl(d, undefined, e, await tableColumns(tx, d, e.table)));
    for (const r of relations) await applyDdl(tx, planRelationDdl(d, r, byName, await tableColumns(tx, d, r.join_table ?? '')));
  });
  const now = '2025-01-01T00:00:00.000Z';
  const registry = compileRegistry(d, {
    entities: entities.map((e) => ({ name: e.name, table_name: e.table, definition: e, created_at: now, updated_at: now })),
    relations: relations.map((r) => ({ name: r.name, source: r.source, target: r.target, definition: r, created_at: now, updated_at: now })),
  }, 1, log);
  for (const [name, list] of Object.entries(rows)) {
    const entity = registry.entity(name)!;
    for (const row of list) {
      const cols = Object.keys(row);
      const values = cols.map((c) => (c === 'deleted_at' ? row[c] : entity.fieldMap.get(c)!.encode(row[c])));
      await db.run(`INSERT INTO ${entity.quotedTable} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`, values);
    }
  }
  for (const [book, tag] of links) await db.run('INSERT INTO book_tag_links (book_id, tag_id) VALUES ($1, $2)', [book, tag]);
  return registry;
}

/** Records every statement, so tests can prove a lookup ran no query or a bounded number. */
function spy(db: Queryable): Queryable & { calls: Array<{ sql: string; params: readonly unknown[] }> } {
  const calls: Array<{ sql: string; params: readonly unknown[] }> = [];
  return {
    calls,
    query: <R = Row>(sql: string, params: readonly unknown[] = []) => { calls.push({ sql, params }); return db.query<R>(sql, params); },
    run: (sql: string, params: readonly unknown[] = []) => { calls.push({ sql, params }); return db.run(sql, params); },
  };
}

async function rejection(fn: () => unknown): Promise<AppError | undefined> {
  try { await fn(); } catch (err) { return err as AppError; }
  return undefined;
}

/** Results observed per dialect, compared at the end. */
const observed: Record<string, Record<string, unknown>> = {};

for (const d of dialects) {
  t.test(d, async (t) => {
    const db = await openDatabase(t, d);
    const registry = await setUp(db);
    const seen: Record<string, unknown> = (observed[d] = {});
    const book = registry.entity('book')!;
    const author = registry.entity('author')!;

    const list = async (entity: CompiledEntity, q: QueryInput, rowFilter?: RowFilter) => {
      const query = parseListQuery(entity, registry, q);
      const result = await runList(db, entity, query, { rowFilter });
      const include = withEagerIncludes(registry, entity, query.include);
      await loadIncludes(db, registry, entity, result.records, include);
      seen[`${entity.name} ${JSON.stringify(q)} ${rowFilter ? 'rf' : ''}`] = result;
      return result;
    };
    const ids = async (q: QueryInput, rowFilter?: RowFilter) => (await list(book, q, rowFilter)).records.map((r) => r.id);

    t.test('records are decoded with every field in definition order', async (t) => {
      const { records, total } = await list(book, { 'filter[id]': '2' });
      t.equal(total, 1);
      t.same(Object.keys(records[0]), book.fields.map((x) => x.name));
      t.same(records[0], {
        id: 2, title: 'beta', pages: null, price: '20.00', big: '9007199254740991', score: 2.5, published_on: '2024-02-01',
        published_at: null, is_public: false, author_id: A1, meta: null, cover: null, blurb: null,
      });
      const a = await list(author, { 'filter[slug]': 'ines' });
      t.same(Object.keys(a.records[0]), ['id', 'name', 'slug', 'born', 'deleted_at', 'author_profile'], 'deleted_at, then the eager relation');
    });

    t.test('filters: every operator', async (t) => {
      const cases: Array<[QueryInput, number[]]> = [
        [{ 'filter[title]': 'Alpha' }, [1]],
        [{ 'filter[title.eq]': 'alpha' }, []],
        [{ 'filter[title]': 'null' }, [6]],
        [{ 'filter[title.neq]': 'Alpha' }, [2, 3, 4, 5, 6]],
        [{ 'filter[title.like]': 'A%' }, [1]],
        [{ 'filter[title.like]': '%a' }, [1, 2, 3, 4]],
        [{ 'filter[title.like]': '_eta' }, [2]],
        [{ 'filter[title.like]': '%\\%' }, []],
        [{ 'filter[title.ilike]': 'a%' }, [1]],
        [{ 'filter[title.ilike]': '%L%' }, [1, 4, 5, 6]],
        [{ 'filter[title.ilike]': 'EPSILON%' }, [5]],
        [{ 'filter[title.gt]': 'beta' }, [4, 6]],
        [{ 'filter[title.in]': 'Alpha,beta, Gamma ' }, [1, 2, 3]],
        [{ 'filter[title.in]': ['Alpha', 'beta'] }, [1, 2]],
        [{ 'filter[pages]': '100' }, [1, 4]],
        [{ 'filter[pages.neq]': '100' }, [3, 5]],
        [{ 'filter[pages.gt]': '100' }, [3, 5]],
        [{ 'filter[pages.gte]': '200' }, [3, 5]],
        [{ 'filter[pages.lt]': '200' }, [1, 4]],
        [{ 'filter[pages.lte]': '200' }, [1, 4, 5]],
        [{ 'filter[pages.in]': '100, 300' }, [1, 3, 4]],
        [{ 'filter[pages.not_in]': '100' }, [3, 5]],
        [{ 'filter[pages.is_null]': 'true' }, [2, 6]],
        [{ 'filter[pages.is_null]': '0' }, [1, 3, 4, 5]],
        [{ 'filter[price]': '10.5' }, [1]],
        [{ 'filter[price]': '10.505' }, []],
        [{ 'filter[price.gt]': '10.5' }, [2, 5]],
        [{ 'filter[price.in]': '0.1,5.25' }, [4, 6]],
        // Beyond 2^53 the value stays an exact digit string (better-sqlite3 would round on read, so the
        // stored data stays within the safe range).
        [{ 'filter[big]': '9007199254740991' }, [2]],
        [{ 'filter[big]': '9007199254740993' }, []],
        [{ 'filter[big.in]': '9007199254740993,-5' }, [3]],
        [{ 'filter[big.gt]': '9007199254740990' }, [2]],
        [{ 'filter[big.lt]': '0' }, [3]],
        [{ 'filter[score.lt]': '1' }, [4]],
        [{ 'filter[score.gte]': '2.5' }, [2, 5, 6]],
        [{ 'filter[published_on]': '2024-01-01' }, [1, 5]],
        [{ 'filter[published_on.gte]': '2024-02-01' }, [2, 6]],
        [{ 'filter[published_on.not_in]': '2024-01-01,2023-12-31' }, [2, 6]],
        [{ 'filter[published_at.gte]': '2024-01-01' }, [1, 3, 4, 5]],
        [{ 'filter[published_at]': '2024-01-01T11:00:00+01:00' }, [1]],
        [{ 'filter[published_at.lt]': '2024-01-01T10:00:00Z' }, [4]],
        [{ 'filter[published_at.in]': '2024-01-01T10:00:00.000Z,2024-03-01' }, [1, 3]],
        [{ 'filter[is_public]': 'true' }, [1, 3, 6]],
        [{ 'filter[is_public]': '0' }, [2, 5]],
        [{ 'filter[is_public.neq]': 'false' }, [1, 3, 6]],
        [{ 'filter[is_public.in]': 'TRUE,false' }, [1, 2, 3, 5, 6]],
        [{ 'filter[is_public.not_in]': 'false' }, [1, 3, 6]],
        [{ 'filter[author_id]': A1.toUpperCase() }, [1, 2]],
        [{ 'filter[author_id.in]': `${A2},${A3}` }, [3, 5, 6]],
        [{ 'filter[author_id.is_null]': 'TRUE' }, [4]],
        [{ 'filter[meta.is_null]': 'false' }, [1, 3]],
        [{ 'filter[cover.is_null]': 'true' }, [1, 2, 3, 4, 5, 6]],
        [{ 'filter[id.in]': '1,2,99' }, [1, 2]],
        [{ 'filter[pages.gte]': '100', 'filter[is_public]': 'true', 'filter[title.neq]': 'Gamma' }, [1]],
        [{ 'filter[blurb.is_null]': 'false', 'filter[blurb]': 'x' }, [1]],
      ];
      for (const [q, expected] of cases) t.same(await ids(q), expected, JSON.stringify(q));
    });

    t.test('hostile values are parameters, never SQL', async (t) => {
      const s = spy(db);
      const evil = "x' OR '1'='1"; // a valid string value: just matches nothing
      const query = parseListQuery(book, registry, { 'filter[title]': evil, 'filter[title.in]': `${evil},"q\\u{}` });
      t.same((await runList(s, book, query)).records, []);
      for (const call of s.calls) t.notMatch(call.sql, "'1'='1", 'value not in SQL text');
    });

    t.test('sort: NULLs greatest, PK tie-breaker, multiple keys', async (t) => {
      t.same(await ids({ sort: 'pages' }), [1, 4, 5, 3, 2, 6]);
      t.same(await ids({ sort: '-pages' }), [2, 6, 3, 5, 1, 4]);
      t.same(await ids({ sort: '-pages,-title' }), [6, 2, 3, 5, 4, 1]);
      t.same(await ids({ sort: 'title' }), [1, 5, 3, 2, 4, 6], 'byte order on both drivers');
      t.same(await ids({ sort: ' , -id ,' }), [6, 5, 4, 3, 2, 1], 'explicit PK sort, empty items ignored');
      t.same(await ids({ sort: 'is_public' }), [2, 5, 1, 3, 6, 4]);
      t.same(await ids({ sort: '-price' }), [3, 2, 5, 1, 4, 6]);
      t.same(await ids({ sort: 'published_at,title' }), [4, 1, 5, 3, 2, 6]);
      t.same(await ids({ sort: 'big' }), [3, 1, 5, 6, 2, 4]);
      t.same(await ids({}), [1, 2, 3, 4, 5, 6], 'no sort: insertion order');
    });

    t.test('pagination', async (t) => {
      let r = await list(book, { sort: 'id', page: '2', per_page: '2' });
      t.same([r.records.map((x) => x.id), r.total, r.page, r.perPage], [[3, 4], 6, 2, 2]);
      r = await list(book, { sort: 'id', page: '3', per_page: '2' });
      t.same([r.records.map((x) => x.id), r.total], [[5, 6], 6], 'last full page');
      // A sort on a non-unique field with a filter: the page is the right slice and the total counts
      // every match, not the page (the count is a subquery planned on its own, list-sql.ts).
      const all = await list(book, { sort: '-pages', 'filter[pages.gte]': '100', per_page: '100' });
      t.ok(all.records.length >= 3, 'enough matches to page through');
      for (const page of [1, 2]) {
        r = await list(book, { sort: '-pages', 'filter[pages.gte]': '100', page: String(page), per_page: '2' });
        t.same([r.records.map((x) => x.id), r.total], [all.records.slice((page - 1) * 2, page * 2).map((x) => x.id), all.records.length],
          `page ${page} of a filtered sort by a non-unique field`);
      }
      const s = spy(db);
      const q = parseListQuery(book, registry, { sort: 'id', page: '10', per_page: '2', 'filter[pages.gte]': '100' });
      r = await runList(s, book, q);
      t.same([r.records, r.total, r.page], [[], 4, 10], 'page beyond the end keeps the real total');
      t.equal(s.calls.length, 2, 'a separate count only for an empty page');
      r = await list(book, { page: '1', 'filter[pages.gt]': '1000' });
      t.same([r.records, r.total], [[], 0], 'empty first page: total 0 without a count');
      r = await list(book, { per_page: '1000' });
      t.same([r.perPage, r.records.length, r.total], [100, 6, 6], 'per_page clamped to 100');
      r = await list(book, { per_page: '0', page: 'abc' });
      t.same([r.perPage, r.page], [25, 1], 'invalid values fall back to the defaults');
      r = await list(book, { page: '-1', per_page: '2.5' });
      t.same([r.perPage, r.page], [25, 1]);
      r = await list(book, { per_page: '2', total: 'false' });
      t.same([r.records.length, r.total], [2, undefined], 'total=false skips the count');
      const one = spy(db);
      await runList(one, book, parseListQuery(book, registry, { per_page: '2' }));
      t.equal(one.calls.length, 1, 'rows and total in one round trip');
    });

    t.test('soft-deleted rows are excluded from lists and counts', async (t) => {
      const r = await list(author, { sort: 'name' });
      t.same([r.records.map((x) => x.name), r.total], [['Ines', 'Omar'], 2]);
      t.same((await list(author, { 'filter[slug]': 'gone' })).total, 0);
    });

    t.test('row filters: OR of AND-groups, combined with filters', async (t) => {
      const pages = book.fieldMap.get('pages')!;
      const pub = book.fieldMap.get('is_public')!;
      const title = book.fieldMap.get('title')!;
      const c = (field: typeof pages, op: Condition['op'], value: unknown): Condition => ({ field, op, value });
      const rf: RowFilter = [[c(pages, 'gt', 100)], [c(pub, 'eq', false), c(title, 'like', '%a')]];
      let r = await list(book, { sort: 'id' }, rf);
      t.same([r.records.map((x) => x.id), r.total], [[2, 3, 5], 3]);
      r = await list(book, { sort: 'id', 'filter[pages.is_null]': 'false' }, rf);
      t.same([r.records.map((x) => x.id), r.total], [[3, 5], 2], 'ANDed with the query filters');
      r = await list(book, { sort: 'id', page: '5', per_page: '1' }, rf);
      t.same([r.records, r.total], [[], 3], 'count past the end honours the row filter');
      const s = spy(db);
      r = await runList(s, book, parseListQuery(book, registry, {}), { rowFilter: [] });
      t.same([r.records, r.total, s.calls.length], [[], 0, 0], 'no group: no rows, no query');
      r = await list(book, {}, [[c(pages, 'gt', 100)], []]);
      t.equal(r.total, 6, 'a group without conditions lifts the restriction');
      r = await list(book, { sort: 'id' }, [[c(title, 'in', ['Alpha', 'null']), c(pages, 'not_in', [])]]);
      t.same(r.records.map((x) => x.id), [1], 'not_in with an empty list still excludes NULLs');
    });

    t.test('includes: every relation kind, shapes and soft delete', async (t) => {
      const r = await list(book, { sort: 'id', include: 'author,tags,chapters' });
      const shape = r.records.map((b) => ({
        id: b.id,
        author: (b.author as Data | null)?.name ?? null,
        tags: (b.tags as Data[]).map((x) => x.label),
        chapters: (b.chapters as Data[]).map((x) => x.code),
        keys: Object.keys(b).slice(-3),
      }));
      t.same(shape, [
        { id: 1, author: 'Ines', tags: ['sea', 'river'], chapters: ['c1', 'c2'], keys: ['author', 'tags', 'chapters'] },
        { id: 2, author: 'Ines', tags: ['river'], chapters: ['c3'], keys: ['author', 'tags', 'chapters'] },
        { id: 3, author: 'Omar', tags: [], chapters: [], keys: ['author', 'tags', 'chapters'] },
        { id: 4, author: null, tags: [], chapters: [], keys: ['author', 'tags', 'chapters'] },
        { id: 5, author: 'Omar', tags: ['sea'], chapters: [], keys: ['author', 'tags', 'chapters'] },
        { id: 6, author: null, tags: [], chapters: [], keys: ['author', 'tags', 'chapters'] },
      ], 'reverse o2m → object|null (soft-deleted parent → null); m2m → array without deleted targets; o2m → array');
      t.same((r.records[0].author as Data).deleted_at, null, 'included soft-delete records carry deleted_at');

      const tags = await list(registry.entity('tag')!, { sort: 'label', include: 'book' });
      t.same(tags.records.map((x) => [x.label, (x.book as Data[]).map((b) => b.id)]), [['river', [1, 2]], ['sea', [1, 5]]], 'reverse m2m → array');

      const authors = await list(author, { sort: 'name', include: 'books' });
      t.same(authors.records.map((a) => [a.name, (a.books as Data[]).map((b) => b.id), (a.author_profile as Data | null)?.bio ?? null]),
        [['Ines', [1, 2], 'bio of Ines'], ['Omar', [3, 5], null]], 'forward o2m, plus the eager o2o after it');
      t.same(Object.keys(authors.records[0]).slice(-2), ['books', 'author_profile']);

      const withProfile = await list(author, { sort: 'name', include: 'profile' });
      t.same(withProfile.records.map((a) => [(a.profile as Data | null)?.id ?? null, 'author_profile' in a]), [[1, false], [null, false]],
        'forward o2o → object|null; the eager relation is not repeated under its own name');

      const profiles = await list(registry.entity('profile')!, { sort: 'id', include: 'author' });
      t.same(profiles.records.map((p) => (p.author as Data | null)?.name ?? null), ['Ines', null], 'reverse o2o; soft-deleted parent → null');
    });

    t.test('nested includes attach at each level, one query per level', async (t) => {
      const s = spy(db);
      const query = parseListQuery(author, registry, { sort: 'name', include: 'books.chapters.footnotes,books.tags' });
      const r = await runList(s, author, query);
      await loadIncludes(s, registry, author, r.records, withEagerIncludes(registry, author, query.include));
      t.equal(s.calls.length, 1 + 4 + 1, 'list + books + chapters + footnotes + tags + eager profile');
      const ines = r.records[0];
      const books = ines.books as Data[];
      t.same(books.map((b) => [b.id, (b.chapters as Data[]).map((c) => [c.code, (c.footnotes as Data[]).map((n) => n.body)]), (b.tags as Data[]).length]), [
        [1, [['c1', ['n1', 'n2']], ['c2', []]], 2],
        [2, [['c3', ['n3']]], 1],
      ]);
      t.same(((r.records[1].books as Data[])[0]).chapters, [], 'to-many without rows is []');
      t.notOk('author_profile' in books[0], 'eager relations only on top-level records');
      seen.nested = r.records;
    });

    t.test('include row filters: filtered to-one becomes null', async (t) => {
      const chapter = registry.entity('chapter')!;
      const authorFilter: RowFilter = [[{ field: author.fieldMap.get('name')!, op: 'eq', value: 'Omar' }]];
      const chapterFilter: RowFilter = [[{ field: chapter.fieldMap.get('heading')!, op: 'in', value: ['Two', 'Three'] }]];
      const query = parseListQuery(book, registry, { sort: 'id', per_page: '3', include: 'author,chapters' });
      const r = await runList(db, book, query);
      await loadIncludes(db, registry, book, r.records, query.include, {
        rowFilter: (name) => (name === 'author' ? authorFilter : name === 'chapter' ? chapterFilter : undefined),
      });
      t.same(r.records.map((b) => [(b.author as Data | null)?.name ?? null, (b.chapters as Data[]).map((c) => c.code)]),
        [[null, ['c2']], [null, ['c3']], ['Omar', []]]);
      const none = await runList(db, book, query);
      await loadIncludes(db, registry, book, none.records, query.include, { rowFilter: () => [] });
      t.same(none.records.map((b) => [b.author, b.chapters]), [[null, []], [null, []], [null, []]]);
    });

    t.test('get by id: PK and slug resolution', async (t) => {
      const chapter = registry.entity('chapter')!;
      const s = spy(db);
      t.equal((await findRecord(s, book, '1'))?.title, 'Alpha');
      t.equal(await findRecord(s, book, '99'), undefined);
      const before = s.calls.length;
      for (const bad of ['abc', '1.0', '99999999999', ' 1', '']) t.equal(await findRecord(s, book, bad), undefined, `malformed "${bad}"`);
      t.equal(s.calls.length, before, 'malformed PKs never query');
      t.equal((await findRecord(s, author, A1.toUpperCase()))?.name, 'Ines', 'uuid, case-insensitive');
      t.equal((await findRecord(s, author, 'omar'))?.id, A2, 'slug when not a valid uuid');
      t.equal(await findRecord(s, author, A3), undefined, 'soft-deleted by id');
      t.equal(await findRecord(s, author, 'gone'), undefined, 'soft-deleted by slug');
      t.equal((await findRecord(s, chapter, 'c1'))?.code, 'c2', 'string PK: slug first');
      t.equal((await findRecord(s, chapter, 'first'))?.code, 'c1');
      t.equal((await findRecord(s, chapter, 'c3'))?.code, 'c3', 'then the PK');
      t.equal(await findRecord(s, chapter, 'c4'), undefined, 'soft-deleted chapter');
      const row = await findRecordRow(db, author, 'ines');
      t.equal(String(row?.id).toLowerCase(), A1, 'raw row carries the PK for PUT/DELETE');
      const rf: RowFilter = [[{ field: book.fieldMap.get('is_public')!, op: 'eq', value: true }]];
      t.equal((await findRecord(db, book, '1', { rowFilter: rf }))?.id, 1);
      t.equal(await findRecord(db, book, '2', { rowFilter: rf }), undefined, 'outside the row filter → not found');
      t.equal(await findRecord(db, book, '1', { rowFilter: [] }), undefined);
      const one = await findRecord(db, book, '1');
      await loadIncludes(db, registry, book, [one!], parseIncludes(book, registry, 'chapters.footnotes,author'));
      t.same([(one!.chapters as Data[]).length, (one!.author as Data).name], [2, 'Ines']);
      seen.getOne = [await findRecord(db, author, 'ines'), await findRecord(db, chapter, 'c1'), one];
    });

    t.test('400s are thrown before any query', async (t) => {
      const err = await rejection(() => parseListQuery(book, registry, { 'filter[nope]': '1' }));
      t.match(err, { code: 'UNKNOWN_FIELD', statusCode: 400, message: 'Unknown filter field: nope' });
      t.match(await rejection(() => parseListQuery(book, registry, { include: 'author.nothing' })),
        { code: 'UNKNOWN_FIELD', message: 'Unknown include: author.nothing' });
    });
  });
}

t.test('both drivers return identical results', { skip: dialects.length < 2 ? 'ROCKET_TEST_PG_URL not set' : false }, async (t) => {
  const [a, b] = dialects.map((d) => observed[d]);
  t.same(Object.keys(b), Object.keys(a), 'same observations');
  for (const key of Object.keys(a)) t.same(b[key], a[key], key);
});
