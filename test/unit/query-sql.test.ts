// The SQL text the read path generates, per dialect, checked without a database: placeholders
// and parameters line up, the text depends only on the query shape (never on values or list
// lengths), it is cached, and NULL ordering / tie-breaker / soft-delete terms are present.
import t from 'tap';
import { compileRegistry, type Registry } from '../../core/compile/registry.js';
import { dialectFor } from '../../core/db/dialects/index.js';
import type { Queryable, Row } from '../../core/db/types.js';
import type { DialectName, EntityDef, FieldDef, RelationDef } from '../../core/metadata/types.js';
import { conditionSql, type Condition } from '../../core/query/conditions.js';
import { findRecord } from '../../core/query/get-one.js';
import { loadIncludes } from '../../core/query/includes.js';
import { listSql } from '../../core/query/list-sql.js';
import { parseIncludes, parseListQuery, type QueryInput } from '../../core/query/parse-list-query.js';
import { runList } from '../../core/query/run-list.js';

const log = { info() {}, warn() {}, error() {}, debug() {} };
const f = (name: string, type: string, extra: Partial<FieldDef> = {}): FieldDef => ({ name, type, ...extra });
const now = '2025-01-01T00:00:00.000Z';
const entities: EntityDef[] = [
  {
    name: 'post', table: 'posts', primary_key: { field: 'id', type: 'uuid', generated: true }, soft_delete: true,
    slug: { field: 'slug' },
    fields: [f('id', 'uuid'), f('title', 'string'), f('slug', 'string', { unique: true }), f('views', 'int'), f('price', 'decimal', { precision: 2 }),
      f('live', 'boolean'), f('at', 'timestamp'), f('author_id', 'int')],
  },
  { name: 'author', table: 'authors', primary_key: { field: 'id', type: 'int', generated: true }, soft_delete: false, fields: [f('id', 'int'), f('name', 'string')] },
  { name: 'comment', table: 'comments', primary_key: { field: 'id', type: 'int', generated: true }, soft_delete: false, fields: [f('id', 'int'), f('post_ref', 'string')] },
  { name: 'tag', table: 'tags', primary_key: { field: 'id', type: 'int', generated: true }, soft_delete: true, fields: [f('id', 'int'), f('label', 'string')] },
];
const rel = (r: Partial<RelationDef> & Pick<RelationDef, 'name' | 'type' | 'source' | 'target'>): RelationDef =>
  ({ source_key: 'id', ownership: 'source', fetch: 'lazy', write_mode: 'diff', ...r });
const relations: RelationDef[] = [
  rel({ name: 'author_posts', type: 'one_to_many', source: 'author', target: 'post', target_key: 'author_id' }),
  rel({ name: 'post_comments', type: 'one_to_many', source: 'post', target: 'comment', target_key: 'post_ref' }),
  rel({ name: 'post_tags', type: 'many_to_many', source: 'post', target: 'tag', join_table: 'post_tag_links', source_join_key: 'post_id', target_join_key: 'tag_id' }),
];

function registry(dialect: DialectName): Registry {
  return compileRegistry(dialectFor(dialect), {
    entities: entities.map((e) => ({ name: e.name, table_name: e.table, definition: e, created_at: now, updated_at: now })),
    relations: relations.map((r) => ({ name: r.name, source: r.source, target: r.target, definition: r, created_at: now, updated_at: now })),
  }, 1, log);
}

/** Answers every query with `reply(sql)` and records it. */
function fake(reply: (sql: string) => Row[] = () => []): Queryable & { calls: Array<{ sql: string; params: readonly unknown[] }> } {
  const calls: Array<{ sql: string; params: readonly unknown[] }> = [];
  return {
    calls,
    async query<R = Row>(sql: string, params: readonly unknown[] = []) { calls.push({ sql, params }); return reply(sql) as R[]; },
    async run(sql: string, params: readonly unknown[] = []) { calls.push({ sql, params }); return 0; },
  };
}

const maxPlaceholder = (sql: string) => Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));

for (const d of ['postgres', 'sqlite'] as const) {
  t.test(d, async (t) => {
    const reg = registry(d);
    const post = reg.entity('post')!;
    const pg = d === 'postgres';
    const run = async (q: QueryInput) => {
      const db = fake();
      await runList(db, post, parseListQuery(post, reg, q));
      return db.calls[0];
    };

    t.test('plain list: live rows, total subquery, LIMIT/OFFSET parameters, no ORDER BY', async (t) => {
      const { sql, params } = await run({ page: '3', per_page: '10' });
      t.equal(sql, 'SELECT "id", "title", "slug", "views", "price", "live", "at", "author_id", ' +
        '(SELECT COUNT(*) FROM "posts" WHERE "deleted_at" IS NULL) AS "__total" FROM "posts" WHERE "deleted_at" IS NULL LIMIT $1 OFFSET $2');
      t.same(params, [10, 20]);
      const noTotal = await run({ total: 'false' });
      t.notMatch(noTotal.sql, 'COUNT');
    });

    t.test('operators and their parameters', async (t) => {
      const { sql, params } = await run({
        'filter[title.ilike]': '%A%', 'filter[views.in]': '1,2', 'filter[views.not_in]': '3', 'filter[price.gte]': '10.5',
        'filter[live]': 'true', 'filter[live.in]': 'true,false', 'filter[at.lt]': '2025-01-01', 'filter[slug.is_null]': 'false',
        'filter[title.like]': 'a%', 'filter[title.neq]': 'x',
      });
      const where = sql.slice(sql.lastIndexOf(' FROM "posts" WHERE ') + 20, sql.indexOf(' LIMIT'));
      const expected = pg
        ? ['"deleted_at" IS NULL', `LOWER("title") LIKE LOWER($1) ESCAPE ''`, '"views" = ANY($2::int4[])',
          '("views" IS NOT NULL AND "views" <> ALL($3::int4[]))', '"price" >= $4::numeric', '"live" = $5', '"live" = ANY($6::bool[])',
          '"at" < $7', '"slug" IS NOT NULL', `"title" LIKE $8 ESCAPE ''`, '"title" <> $9']
        : ['"deleted_at" IS NULL', 'LOWER("title") LIKE LOWER($1)', '"views" IN (SELECT value FROM json_each($2))',
          '("views" IS NOT NULL AND "views" NOT IN (SELECT value FROM json_each($3)))', '"price" >= $4', '"live" = $5',
          '"live" IN (SELECT value FROM json_each($6))', '"at" < $7', '"slug" IS NOT NULL', '"title" LIKE $8', '"title" <> $9'];
      t.equal(where, expected.join(' AND '));
      t.match(sql, `(SELECT COUNT(*) FROM "posts" WHERE ${where}) AS "__total"`, 'the count repeats the same WHERE and placeholders');
      t.same(params, pg
        ? ['%A%', [1, 2], [3], '10.5', true, '{t,f}', '2025-01-01T00:00:00.000Z', 'a%', 'x', 25, 0]
        : ['%A%', '[1,2]', '[3]', 10.5, 1, '[1,0]', '2025-01-01T00:00:00.000Z', 'a%', 'x', 25, 0]);
      t.equal(maxPlaceholder(sql), params.length);
    });

    t.test('sort: NULLs greatest, PK tie-breaker', async (t) => {
      const { sql } = await run({ sort: '-views,title' });
      t.match(sql, pg
        ? ' ORDER BY "views" DESC NULLS FIRST, "title" ASC NULLS LAST, "id" ASC LIMIT $1 OFFSET $2'
        : ' ORDER BY ("views" IS NULL) DESC, "views" DESC, ("title" IS NULL) ASC, "title" ASC, "id" ASC LIMIT $1 OFFSET $2');
      t.match((await run({ sort: 'title,-id' })).sql, pg
        ? ' ORDER BY "title" ASC NULLS LAST, "id" DESC LIMIT'
        : ' ORDER BY ("title" IS NULL) ASC, "title" ASC, "id" DESC LIMIT', 'no second PK term when the client sorts by it');
    });

    t.test('total: a scalar subquery planned on its own, whatever the sort', async (t) => {
      for (const sort of ['-views', 'slug', '-id,views', '']) {
        const { sql } = await run({ sort, 'filter[views]': '1' });
        t.notMatch(sql, 'OVER()', `sort=${sort}: no window count (it would read every matching row before the LIMIT)`);
        t.match(sql, '(SELECT COUNT(*) FROM "posts" WHERE "deleted_at" IS NULL AND "views" = $1) AS "__total"');
      }
      t.notMatch((await run({ sort: 'views', total: 'false' })).sql, 'COUNT');
    });

    t.test('text depends on shape only, and is cached', async (t) => {
      const a = await run({ 'filter[views.in]': '1', 'filter[title]': 'a', sort: 'title' });
      const b = await run({ 'filter[views.in]': '1,2,3,4,5,6,7', 'filter[title]': "b' OR 1=1 --", sort: 'title', page: '4' });
      t.equal(a.sql, b.sql, 'same prepared statement for any list length and values');
      const q = parseListQuery(post, reg, { 'filter[views.in]': '1' });
      t.equal(listSql(post, q), listSql(post, q), 'same string from the cache');
      const rf = [[{ field: post.fieldMap.get('views')!, op: 'gt', value: 1 } as Condition]];
      t.not(listSql(post, q, rf), listSql(post, q), 'a row filter is part of the shape');
      t.match(listSql(post, q, rf), pg ? '"views" = ANY($1::int4[]) AND ("views" > $2)' : '"views" IN (SELECT value FROM json_each($1)) AND ("views" > $2)');
    });

    t.test('row filter: OR of AND-groups after the filters', async (t) => {
      const views = post.fieldMap.get('views')!;
      const title = post.fieldMap.get('title')!;
      const db = fake();
      const rf = [[{ field: views, op: 'gt', value: 1 }, { field: title, op: 'eq', value: 'x' }], [{ field: title, op: 'is_null', value: true }]] as Condition[][];
      await runList(db, post, parseListQuery(post, reg, { 'filter[views]': '5' }), { rowFilter: rf });
      t.match(db.calls[0].sql, 'WHERE "deleted_at" IS NULL AND "views" = $1 AND (("views" > $2 AND "title" = $3) OR ("title" IS NULL)) LIMIT $4 OFFSET $5');
      t.same(db.calls[0].params, [5, 1, 'x', 25, 0]);
      const counter = { n: 4 };
      t.equal(conditionSql(dialectFor(d), { field: title, op: 'eq', value: 'y' }, counter, 't'), 't."title" = $5', 'fragments compose through the counter');
      t.equal(counter.n, 5);
    });

    t.test('total comes from the first row; empty later pages count separately', async (t) => {
      const rows = fake((sql) => (sql.startsWith('SELECT COUNT') ? [{ __total: pg ? '7' : 7 }] : []));
      const r = await runList(rows, post, parseListQuery(post, reg, { page: '5', 'filter[views]': '1' }));
      t.equal(r.total, 7);
      t.equal(rows.calls[1].sql, 'SELECT COUNT(*) AS "__total" FROM "posts" WHERE "deleted_at" IS NULL AND "views" = $1');
      t.same(rows.calls[1].params, [1]);
      const one = fake(() => [{ id: 'a', title: 't', __total: pg ? '12' : 12 }]);
      const r1 = await runList(one, post, parseListQuery(post, reg, {}));
      t.same([r1.total, r1.records[0].title, r1.records[0].deleted_at, '__total' in r1.records[0]], [12, 't', null, false]);
    });

    t.test('include SQL: one query per relation, keys as one list parameter', async (t) => {
      const author = reg.entity('author')!;
      const db = fake((sql) => (sql.includes('"posts"')
        ? [{ id: 'p1', author_id: 1 }, { id: 'p2', author_id: 1 }, { id: 'p3', author_id: 2 }]
        : sql.includes('"post_tag_links"') ? [{ __key: 'p1', id: 10, label: 'x' }, { __key: 'p3', id: 10, label: 'x' }] : []));
      const authors = [{ id: 1, name: 'a' }, { id: 2, name: 'b' }, { id: 3, name: 'c' }, { id: 1, name: 'dup' }];
      await loadIncludes(db, reg, author, authors, parseIncludes(author, reg, 'posts.tags'));
      t.equal(db.calls.length, 2);
      t.equal(db.calls[0].sql, `SELECT "id", "title", "slug", "views", "price", "live", "at", "author_id" FROM "posts" WHERE ` +
        `${pg ? '"author_id" = ANY($1::int4[])' : '"author_id" IN (SELECT value FROM json_each($1))'} AND "deleted_at" IS NULL`);
      t.same(db.calls[0].params, [pg ? [1, 2, 3] : '[1,2,3]'], 'distinct parent keys');
      t.equal(db.calls[1].sql, 'SELECT j."post_id" AS "__key", t."id", t."label" FROM "post_tag_links" j JOIN "tags" t ON t."id" = j."tag_id" ' +
        `WHERE ${pg ? 'j."post_id" = ANY($1::uuid[])' : 'j."post_id" IN (SELECT value FROM json_each($1))'} AND t."deleted_at" IS NULL`);
      const posts = authors.map((a) => (a as Record<string, unknown>).posts as Array<Record<string, unknown>>);
      t.same(posts.map((p) => p.map((x) => x.id)), [['p1', 'p2'], ['p3'], [], ['p1', 'p2']]);
      t.same(posts[0].map((p) => (p.tags as unknown[]).length), [1, 0]);
      const none = fake();
      const orphans = [{ id: 9, author_id: null }];
      await loadIncludes(none, reg, post, orphans, parseIncludes(post, reg, 'author'));
      t.same([none.calls.length, (orphans[0] as Record<string, unknown>).author], [0, null], 'no keys → no query, null attached');
    });

    t.test('include keys of another type than the referenced column', async (t) => {
      const comment = reg.entity('comment')!;
      const P = 'ab000000-0000-4000-8000-000000000000';
      const db = fake(() => [{ id: P, title: 'p' }]);
      const comments: Array<Record<string, unknown>> = [{ id: 1, post_ref: P.toUpperCase() }, { id: 2, post_ref: 'not-a-uuid' }, { id: 3, post_ref: null }];
      await loadIncludes(db, reg, comment, comments, parseIncludes(comment, reg, 'post'));
      t.same(db.calls[0].params, [pg ? [P] : `["${P}"]`], 'only values valid for the uuid column are sent');
      t.same(comments.map((c) => (c.post as Record<string, unknown> | null)?.title ?? null), ['p', null, null]);
    });

    t.test('get by id uses the precompiled statements', async (t) => {
      const db = fake(() => [{ id: 'ab', title: 'x' }]);
      const rec = await findRecord(db, post, 'AB000000-0000-4000-8000-000000000000');
      t.equal(db.calls[0].sql, post.sql.byPk);
      t.same(db.calls[0].params, ['ab000000-0000-4000-8000-000000000000']);
      t.equal(rec?.title, 'x');
      await findRecord(db, post, 'some-slug');
      t.equal(db.calls[1].sql, post.sql.bySlug);
      const rf = [[{ field: post.fieldMap.get('live')!, op: 'eq', value: true }]] as Condition[][];
      await findRecord(db, post, 'some-slug', { rowFilter: rf });
      t.match(db.calls[2].sql, 'WHERE "slug" = $1 AND "deleted_at" IS NULL AND ("live" = $2) LIMIT 1');
      t.same(db.calls[2].params, ['some-slug', pg ? true : 1]);
    });
  });
}
