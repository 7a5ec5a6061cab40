// The five entity endpoints over HTTP on both databases (rest-api.md): envelopes, validation,
// slugs, updates, deletes with every on_delete policy, malformed ids and hostile input.
import t from 'tap';
import { Validator } from '@seriousme/openapi-schema-validator';
import { eachDialect } from '../helpers/server.js';
import type { TestRocket } from '../helpers/server.js';

const author = {
  name: 'author', table: 'authors', primary_key: { field: 'id', type: 'uuid', generated: true },
  fields: [
    { name: 'id', type: 'uuid' }, { name: 'name', type: 'string', required: true },
    { name: 'email', type: 'string', unique: true }, { name: 'created_at', type: 'timestamp', auto: 'create' },
  ],
};
const book = {
  name: 'book', table: 'books', primary_key: { field: 'id', type: 'uuid', generated: true }, soft_delete: true,
  slug: { field: 'slug', source: 'title', regenerate_on_update: true },
  fields: [
    { name: 'id', type: 'uuid' },
    { name: 'title', type: 'string', required: true },
    { name: 'slug', type: 'string', unique: true },
    { name: 'pages', type: 'int', default: 100 },
    { name: 'price', type: 'decimal', precision: 2 },
    { name: 'big', type: 'bigint' },
    { name: 'format', type: 'string', enum: ['hardcover', 'paperback'], default: 'paperback' },
    { name: 'in_print', type: 'boolean' },
    { name: 'published_on', type: 'date' },
    { name: 'attributes', type: 'json' },
    { name: 'author_id', type: 'uuid' },
    { name: 'updated_at', type: 'timestamp', auto: 'update' },
  ],
};
const chapter = {
  name: 'chapter', table: 'chapters', primary_key: { field: 'id', type: 'int', generated: true },
  fields: [{ name: 'id', type: 'int' }, { name: 'book_id', type: 'uuid' }, { name: 'heading', type: 'string' }],
};
const review = {
  name: 'review', table: 'reviews', primary_key: { field: 'code', type: 'string' },
  fields: [{ name: 'code', type: 'string' }, { name: 'book_id', type: 'uuid' }, { name: 'stars', type: 'int' }],
};
const genre = {
  name: 'genre', table: 'genres', primary_key: { field: 'id', type: 'uuid', generated: true },
  fields: [{ name: 'id', type: 'uuid' }, { name: 'label', type: 'string' }],
};

async function setup(r: TestRocket) {
  const app = await r.createApp();
  const base = `/api/${app.name}`;
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) =>
    r.request(method, `${base}${path}`, { token: app.token, body });
  for (const e of [author, book, chapter, review, genre]) {
    const res = await call('POST', '/_admin/entities', e);
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  }
  return { app, call, ctx: r.server.rocket.apps.get(app.name)! };
}

eachDialect(t, 'create, get, update', async (t, r) => {
  const { call } = await setup(r);
  const created = await call('POST', '/book', {
    title: 'Crème Brûlée: A History!', price: '24.5', big: r.dialect === 'postgres' ? '9007199254740993' : '9007199254740991', in_print: true,
    published_on: '2024-10-01T23:30:00Z', attributes: { edition: 2 }, updated_at: 'ignored', deleted_at: 'ignored',
  });
  t.equal(created.status, 201);
  const b = created.body.data;
  t.match(b, {
    title: 'Crème Brûlée: A History!', slug: 'creme-brulee-a-history', pages: 100, price: '24.50',
    big: r.dialect === 'postgres' ? '9007199254740993' : '9007199254740991',
    format: 'paperback', in_print: true, published_on: '2024-10-01', attributes: { edition: 2 }, author_id: null, deleted_at: null,
  });
  t.match(b.id, /^[0-9a-f-]{36}$/);
  t.match(b.updated_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  t.same(Object.keys(b), [...book.fields.map((f) => f.name), 'deleted_at'], 'fields in definition order, then deleted_at');

  const again = await call('POST', '/book', { title: 'Crème brûlée — a history' });
  t.equal(again.body.data.slug, 'creme-brulee-a-history-2', 'slugs are made unique');

  t.same((await call('GET', `/book/${b.id}`)).body.data, b, 'get by id');
  t.same((await call('GET', `/book/${b.slug}`)).body.data.id, b.id, 'get by slug');
  t.same((await call('GET', `/book/${b.id.toUpperCase()}`)).body.data.id, b.id, 'UUIDs are case-insensitive');
  t.same((await call('GET', '/book/00000000-0000-4000-8000-000000000000')).body.error, {
    code: 'NOT_FOUND', message: 'book with id 00000000-0000-4000-8000-000000000000 not found',
  });
  t.equal((await call('GET', '/chapter/abc')).status, 404, 'a malformed int id is 404, not 500');
  t.equal((await call('GET', '/chapter/99999999999999999999')).status, 404, 'an out-of-range id is 404');
  t.same((await call('GET', '/nope')).body.error, { code: 'UNKNOWN_ENTITY', message: 'Unknown entity: nope' });
  t.same((await call('GET', '/book/_bulk')).body.error.message, 'Route not found');

  const updated = await call('PUT', `/book/${b.slug}`, { title: 'New Title', pages: '250' });
  t.equal(updated.status, 200, 'update by slug');
  t.match(updated.body.data, { id: b.id, title: 'New Title', slug: 'new-title', pages: 250, price: '24.50' });
  const empty = await call('PUT', `/book/${b.id}`, {});
  t.equal(empty.status, 200, 'an empty update still bumps auto update fields');
  t.equal((await call('PUT', '/book/00000000-0000-4000-8000-000000000000', { pages: 'x' })).status, 404, '404 before 422');
  t.equal((await call('PUT', `/book/${b.id}`, '[1]')).status, 400);

  const review1 = await call('POST', '/review', { code: 'R-1', stars: 5 });
  t.equal(review1.status, 201, 'a client-supplied string PK');
  t.same((await call('POST', '/review', { stars: 5 })).body.error.details, [{ field: 'code', rule: 'required', message: 'code is required' }]);
  const dupPk = await call('POST', '/review', { code: 'R-1' });
  t.same([dupPk.status, dupPk.body.error.details], [409, [{ field: 'code', rule: 'unique', message: 'code must be unique' }]]);
  const chapterRes = await call('POST', '/chapter', { heading: 'One', id: 55 });
  t.equal(typeof chapterRes.body.data.id, 'number', 'generated int PK');

  await call('POST', '/author', { name: 'A', email: 'a@x.org' });
  const dup = await call('POST', '/author', { name: 'B', email: 'a@x.org' });
  t.same(dup.body, { error: { code: 'CONFLICT', message: 'A record with this value already exists', details: [{ field: 'email', rule: 'unique', message: 'email must be unique' }] } });
});

eachDialect(t, 'payload validation', async (t, r) => {
  const { call } = await setup(r);
  const unknown = await call('POST', '/book', { pages: 'many', format: 'scroll', colour: 'red' });
  t.same(unknown.body.error, {
    code: 'VALIDATION_FAILED', message: 'Validation failed',
    details: [{ field: 'colour', rule: 'unknown', message: 'Unknown field or relation: colour' }],
  });
  const fields = await call('POST', '/book', { pages: 'many', format: 'scroll', published_on: '2025-02-30', in_print: 'yes' });
  t.same(fields.body.error.details, [
    { field: 'pages', rule: 'type', message: 'pages must be an integer' },
    { field: 'in_print', rule: 'type', message: 'in_print must be a boolean' },
    { field: 'published_on', rule: 'type', message: 'published_on must be a date (YYYY-MM-DD)' },
    { field: 'title', rule: 'required', message: 'title is required' },
    { field: 'format', rule: 'enum', message: 'format must be one of: hardcover, paperback' },
  ]);
  t.equal((await call('POST', '/book', '{"title":')).body.error.code, 'INVALID_PAYLOAD');
  t.equal((await call('POST', '/book', '"str"')).status, 400);
  const created = (await call('POST', '/book', { title: 'T' })).body.data;
  t.same((await call('PUT', `/book/${created.id}`, { title: '' })).body.error.details, [{ field: 'title', rule: 'required', message: 'title is required' }]);
  t.equal((await call('PUT', `/book/${created.id}`, { pages: 2 ** 31 })).status, 422, 'int range checked');
});

eachDialect(t, 'list basics and hostile input', async (t, r) => {
  const { call } = await setup(r);
  for (let i = 1; i <= 30; i++) await call('POST', '/chapter', { heading: `h${String(i).padStart(2, '0')}` });
  const page = await call('GET', '/chapter?sort=-heading&per_page=5&page=2');
  t.same(page.body.meta, { page: 2, per_page: 5, total: 30 });
  t.same(page.body.data.map((c: { heading: string }) => c.heading), ['h25', 'h24', 'h23', 'h22', 'h21']);
  t.same((await call('GET', '/chapter?page=99')).body, { data: [], meta: { page: 99, per_page: 25, total: 30 } }, 'page past the end');
  t.equal((await call('GET', '/chapter?per_page=1000')).body.meta.per_page, 100, 'per_page clamped');
  t.equal((await call('GET', '/chapter?per_page=abc&page=-1')).body.meta.per_page, 25, 'non-numeric values fall back');
  t.notOk('total' in (await call('GET', '/chapter?total=false')).body.meta, 'total=false skips the count');
  t.equal((await call('GET', '/chapter?filter[heading.in]=h01,h02')).body.meta.total, 2);
  for (const [qs, code] of [
    ['filter[nope]=1', 'UNKNOWN_FIELD'],
    ["filter[heading;drop table chapters]=1", 'UNKNOWN_FIELD'],
    ['filter[heading.evil]=1', 'INVALID_PAYLOAD'],
    ['filter[id]=1 or 1=1', 'INVALID_PAYLOAD'],
    ['sort=heading;drop', 'UNKNOWN_FIELD'],
    ['include=nothing', 'UNKNOWN_FIELD'],
  ] as const) {
    const res = await call('GET', `/chapter?${encodeURI(qs)}`);
    t.same([res.status, res.body.error.code], [400, code], qs);
  }
  t.equal((await call('GET', '/chapter')).body.meta.total, 30, 'the table is intact');
});

eachDialect(t, 'deletes and on_delete policies', async (t, r) => {
  const { call, ctx } = await setup(r);
  const rel = (body: Record<string, unknown>) => call('POST', '/_admin/relations', body);
  t.equal((await rel({ name: 'chapters', type: 'one_to_many', source: 'book', target: 'chapter', target_key: 'book_id', on_delete: 'cascade' })).status, 201);
  t.equal((await rel({ name: 'reviews', type: 'one_to_many', source: 'book', target: 'review', target_key: 'book_id', on_delete: 'set_null' })).status, 201);
  t.equal((await rel({ name: 'genres', type: 'many_to_many', source: 'book', target: 'genre', join_table: 'book_genres', source_join_key: 'book_id', target_join_key: 'genre_id', on_delete: 'detach' })).status, 201);
  t.equal((await rel({ name: 'books', type: 'one_to_many', source: 'author', target: 'book', target_key: 'author_id', on_delete: 'restrict' })).status, 201);

  const writer = (await call('POST', '/author', { name: 'W' })).body.data;
  const b = (await call('POST', '/book', { title: 'Doomed', author_id: writer.id })).body.data;
  await call('POST', '/chapter', { heading: 'c1', book_id: b.id });
  await call('POST', '/chapter', { heading: 'c2', book_id: b.id });
  await call('POST', '/review', { code: 'keep', book_id: b.id });
  const g = (await call('POST', '/genre', { label: 'g' })).body.data;
  await ctx.db.run('INSERT INTO book_genres (book_id, genre_id) VALUES ($1, $2)', [b.id, g.id]);

  const restricted = await call('DELETE', `/author/${writer.id}`);
  t.same([restricted.status, restricted.body.error], [409, { code: 'CONFLICT', message: 'Cannot delete: 1 related book records exist' }]);

  const del = await call('DELETE', `/book/${b.slug}`);
  t.same([del.status, del.body], [200, { data: { id: b.id } }], 'delete by slug answers the stored PK');
  t.equal((await call('GET', `/book/${b.id}`)).status, 404, 'soft-deleted rows are never found');
  t.equal((await call('GET', '/chapter')).body.meta.total, 0, 'chapters cascaded (hard delete)');
  t.equal((await call('GET', '/review/keep')).body.data.book_id, null, 'review detached by set_null');
  t.equal((await ctx.db.query('SELECT * FROM book_genres')).length, 0, 'join rows detached');
  t.equal((await call('DELETE', `/book/${b.id}`)).status, 404, 'a second delete is 404');
  t.same((await call('DELETE', `/author/${writer.id}`)).body, { data: { id: writer.id } }, 'restrict counts live rows only');
  const c = (await call('POST', '/chapter', { heading: 'x' })).body.data;
  t.same((await call('DELETE', `/chapter/${c.id}`)).body, { data: { id: c.id } }, 'int PK answered as a number');
});

eachDialect(t, 'OpenAPI document', async (t, r) => {
  const { call } = await setup(r);
  const doc = await call('GET', '/_openapi.json');
  t.equal(doc.status, 200);
  t.equal(doc.body.openapi, '3.1.0');
  t.ok(doc.body.paths['/book/{id}'], 'entity paths present');
  const result = await new Validator().validate(doc.body);
  t.equal(result.valid, true, 'a valid OpenAPI 3.1 document');
  await call('POST', '/_admin/entities', { ...genre, name: 'shelf', table: 'shelves' });
  t.ok((await call('GET', '/_openapi.json')).body.paths['/shelf'], 'regenerated after a metadata change');
});
