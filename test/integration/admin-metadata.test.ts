// Entity and relation admin endpoints (metadata.md §10–12): responses, validation with details,
// conflicts, migrations in one transaction, and propagation between two instances.
import t from 'tap';
import { tableColumns } from '../../core/db/introspect.js';
import { PG_URL, eachDialect, startInstancePair, startRocket } from '../helpers/server.js';
import type { TestRocket } from '../helpers/server.js';

const book = {
  name: 'book',
  table: 'books',
  primary_key: { field: 'id', generated: true },
  slug: { field: 'slug', source: 'title' },
  ui_hint: { icon: 'book' },
  fields: [
    { name: 'id', type: 'uuid', required: true },
    { name: 'title', type: 'string', required: true },
    { name: 'slug', type: 'string', unique: true },
    { name: 'pages', type: 'int', default: 0 },
    { name: 'price', type: 'decimal', precision: 2 },
    { name: 'author_id', type: 'uuid' },
    { name: 'created_at', type: 'timestamp', auto: 'create' },
  ],
};
const author = {
  name: 'author', table: 'authors', primary_key: { field: 'id', type: 'uuid', generated: true }, soft_delete: true,
  fields: [{ name: 'id', type: 'uuid' }, { name: 'name', type: 'string', required: true }],
};

async function admin(r: TestRocket) {
  const app = await r.createApp();
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) =>
    r.request(method, `/api/${app.name}/_admin${path}`, { token: app.token, body });
  return { app, call };
}

eachDialect(t, 'entity admin endpoints', async (t, r) => {
  const { app, call } = await admin(r);
  const created = await call('POST', '/entities', book);
  t.equal(created.status, 201);
  t.same(created.body.data.primary_key, { field: 'id', generated: true, type: 'uuid' }, 'primary key type filled in');
  t.equal(created.body.data.soft_delete, false, 'soft_delete defaults to false');
  t.same(created.body.data.ui_hint, { icon: 'book' }, 'unknown top-level properties are kept');

  const list = await call('GET', '/entities');
  t.same(list.body.data.map((e: { name: string }) => e.name), ['book']);
  const row = (await call('GET', '/entities/book')).body.data;
  t.same(Object.keys(row).sort(), ['created_at', 'definition', 'name', 'table_name', 'updated_at']);
  t.equal(row.table_name, 'books');
  t.equal(typeof row.definition, 'object', 'definition is a JSON object on every driver');
  t.same((await call('GET', '/entities/nope')).body.error, { code: 'NOT_FOUND', message: 'Entity not found: nope' });

  t.same((await call('POST', '/entities', book)).body.error, { code: 'CONFLICT', message: 'Entity already exists: book' });
  t.same((await call('POST', '/entities', { ...book, name: 'book2' })).body.error, { code: 'CONFLICT', message: 'Table already in use: books' });
  t.same((await call('POST', '/entities', '[1]')).body.error, { code: 'INVALID_PAYLOAD', message: 'Invalid JSON body' });

  const ctx = r.server.rocket.apps.get(app.name)!;
  const columns = await tableColumns(ctx.db, ctx.db.dialect, 'books');
  t.same([...columns.keys()].sort(), ['author_id', 'created_at', 'id', 'pages', 'price', 'slug', 'title']);

  // PUT: add a field, remove one (the column stays), safe type change; unsafe change refused.
  const fields = book.fields.filter((f) => f.name !== 'pages').concat({ name: 'subtitle', type: 'text' });
  const put = await call('PUT', '/entities/book', { ...book, name: 'ignored', fields });
  t.equal(put.status, 200);
  t.equal(put.body.data.name, 'book', 'name forced from the URL');
  const after = await tableColumns(ctx.db, ctx.db.dialect, 'books');
  t.ok(after.has('pages'), 'a removed field keeps its column');
  t.ok(after.has('subtitle'), 'a new field adds a column');
  t.same(ctx.registry.entity('book')!.fields.map((f) => f.name).includes('pages'), false, 'the removed field is hidden');

  const unsafe = await call('PUT', '/entities/book', { ...book, fields: book.fields.map((f) => (f.name === 'title' ? { ...f, type: 'int' } : f)) });
  t.same([unsafe.status, unsafe.body.error.message], [422, 'unsafe type change for field title: string -> int']);
  const safe = await call('PUT', '/entities/book', { ...book, fields: book.fields.map((f) => (f.name === 'pages' ? { ...f, type: 'bigint' } : f)) });
  t.equal(safe.status, 200, 'int -> bigint is allowed');
  t.same((await call('PUT', '/entities/book', { ...book, table: 'other' })).body.error.message, 'table cannot be changed');
  t.same((await call('PUT', '/entities/zzz', book)).body.error, { code: 'NOT_FOUND', message: 'Entity not found: zzz' });

  t.same((await call('DELETE', '/entities/book')).body, { data: { name: 'book', deleted: true } });
  t.equal((await call('GET', '/entities/book')).status, 404);
  t.ok((await tableColumns(ctx.db, ctx.db.dialect, 'books')).size > 0, 'the table is kept after an entity delete');
  const readopt = await call('POST', '/entities', book);
  t.equal(readopt.status, 201, 'an existing table is adopted');
});

eachDialect(t, 'invalid definitions get 422 with details', async (t, r) => {
  const { call } = await admin(r);
  const cases: Array<[unknown, string, string]> = [
    [{ ...book, name: undefined }, 'entity name is required', 'name'],
    [{ ...book, name: 'Bad-Name' }, 'invalid entity name: Bad-Name', 'name'],
    [{ ...book, name: '_admin' }, 'entity name is reserved: _admin', 'name'],
    [{ ...book, table: '_users' }, 'table name is reserved: _users', 'table'],
    [{ ...book, fields: [] }, 'entity must have at least one field', 'fields'],
    [{ ...book, fields: [...book.fields, { name: 'x', type: 'money' }] }, 'invalid field type: money', 'fields[7].type'],
    [{ ...book, fields: [...book.fields, { name: 'title', type: 'string' }] }, 'duplicate field name: title', 'fields[7].name'],
    [{ ...book, primary_key: { field: 'nope' } }, 'primary key field nope not found in fields', 'primary_key.field'],
    [{ ...book, slug: { field: 'title' } }, 'slug field "title" must have unique: true', 'slug.field'],
  ];
  for (const [body, message, field] of cases) {
    const res = await call('POST', '/entities', body);
    t.equal(res.status, 422, message);
    t.equal(res.body.error.code, 'VALIDATION_FAILED');
    t.equal(res.body.error.message, message, 'the first failing check is the message');
    t.ok(res.body.error.details.some((d: { field: string; message: string }) => d.field === field && d.message === message), `detail for ${field}`);
  }
  const many = await call('POST', '/entities', { name: 'x', table: 'x', fields: [{ name: 'a', type: 'nope' }, { name: 'B', type: 'string' }] });
  t.ok(many.body.error.details.length >= 3, 'every problem has a detail');
});

eachDialect(t, 'relation admin endpoints', async (t, r) => {
  const { call } = await admin(r);
  await call('POST', '/entities', book);
  await call('POST', '/entities', author);
  const rel = { name: 'books', type: 'one_to_many', source: 'author', target: 'book', target_key: 'author_id', on_delete: 'cascade' };
  const created = await call('POST', '/relations', rel);
  t.equal(created.status, 201);
  t.same(created.body.data, { ...rel, source_key: 'id', ownership: 'source', fetch: 'lazy', write_mode: 'diff' }, 'defaults filled in');
  t.same((await call('POST', '/relations', rel)).body.error, { code: 'CONFLICT', message: 'Relation already exists: books' });
  const row = (await call('GET', '/relations/books')).body.data;
  t.same([row.name, row.source, row.target, typeof row.definition], ['books', 'author', 'book', 'object']);
  t.same((await call('GET', '/relations/none')).body.error, { code: 'NOT_FOUND', message: 'Relation not found: none' });

  for (const [body, message] of [
    [{ ...rel, name: 'x1', target: 'ghost' }, 'target entity not found: ghost'],
    [{ ...rel, name: 'x2', type: 'many_to_one' }, 'invalid relation type: many_to_one'],
    [{ ...rel, name: 'x3', target_key: 'nope' }, 'target_key nope not found on entity book'],
    [{ ...rel, name: 'x4', on_delete: 'explode' }, 'invalid on_delete: explode'],
  ] as const) {
    const res = await call('POST', '/relations', body);
    t.same([res.status, res.body.error.message], [422, message], message);
  }
  const referenced = await call('PUT', '/entities/book', { ...book, fields: book.fields.filter((f) => f.name !== 'author_id') });
  t.same([referenced.status, referenced.body.error.message], [422, 'field author_id is referenced by relation books']);

  const m2m = { name: 'genres', type: 'many_to_many', source: 'book', target: 'author', join_table: 'book_authors', source_join_key: 'book_id', target_join_key: 'author_id' };
  t.equal((await call('POST', '/relations', m2m)).status, 201);
  t.same((await call('POST', '/entities', { ...author, name: 'clash', table: 'book_authors' })).body.error.message, 'table name is reserved: book_authors');
  t.equal((await call('PUT', '/relations/books', { ...rel, fetch: 'eager' })).body.data.fetch, 'eager');
  t.same((await call('DELETE', '/relations/genres')).body, { data: { name: 'genres', deleted: true } });
  t.same((await call('DELETE', '/entities/author')).body.data, { name: 'author', deleted: true });
  t.equal((await call('GET', '/relations/books')).status, 404, 'relations of a deleted entity are removed');
});

eachDialect(t, 'a failing migration saves nothing', async (t, r) => {
  const { app, call } = await admin(r);
  const plain = { name: 'item', table: 'items', primary_key: { field: 'id', type: 'int', generated: true }, fields: [{ name: 'id', type: 'int' }, { name: 'code', type: 'string' }] };
  t.equal((await call('POST', '/entities', plain)).status, 201);
  const ctx = r.server.rocket.apps.get(app.name)!;
  await ctx.db.run("INSERT INTO items (code) VALUES ('A'), ('A')");
  const res = await call('PUT', '/entities/item', { ...plain, fields: [plain.fields[0], { name: 'code', type: 'string', unique: true }, { name: 'extra', type: 'int' }] });
  t.equal(res.status, 422);
  t.match(res.body.error.message, /^migration failed: cannot create unique index on items\.code/);
  t.same((await call('GET', '/entities/item')).body.data.definition.fields.length, 2, 'definition unchanged');
  t.notOk((await tableColumns(ctx.db, ctx.db.dialect, 'items')).has('extra'), 'no column added');
});

eachDialect(t, 'registry loads at start and survives bad stored metadata', async (t, r) => {
  const { app, call } = await admin(r);
  await call('POST', '/entities', book);
  const ctx = r.server.rocket.apps.get(app.name)!;
  await ctx.db.run("INSERT INTO _entities (name, table_name, definition, created_at, updated_at) VALUES ('broken', 'broken', $1, $2, $2)", [
    ctx.db.dialect.encodeJson({ name: 'broken', fields: [{ name: 'x', type: 'nonsense' }], primary_key: { field: 'x' } }), new Date().toISOString(),
  ]);
  // A second server on the same stores loads every app at start.
  const again = await startRocket(r.dialect, {}, r.config);
  t.teardown(() => again.close());
  const reloaded = again.server.rocket.apps.get(app.name);
  t.ok(reloaded, 'the app was loaded at start');
  t.ok(reloaded!.registry.entity('book'), 'valid entities compile');
  t.notOk(reloaded!.registry.entity('broken'), 'an invalid stored entity is skipped, not a crash');
});

t.test('two instances on one PostgreSQL share metadata changes', { skip: PG_URL ? false : 'ROCKET_TEST_PG_URL not set' }, async (t) => {
  const [one, two] = await startInstancePair(t);
  const app = await one.createApp();
  const waitFor = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((res) => setTimeout(res, 50));
    return check();
  };
  t.ok(await waitFor(() => Boolean(two.server.rocket.apps.get(app.name))), 'the second instance loaded the new app');
  const res = await one.request('POST', `/api/${app.name}/_admin/entities`, { token: app.token, body: book });
  t.equal(res.status, 201);
  t.ok(await waitFor(() => Boolean(two.server.rocket.apps.get(app.name)?.registry.entity('book'))), 'instance two serves the new entity without restart');
  const viaTwo = await two.request('GET', `/api/${app.name}/_admin/entities/book`, { token: app.token });
  t.equal(viaTwo.status, 200);
  await one.request('DELETE', `/api/_platform/apps/${app.name}`, { token: await one.platformToken() });
  t.ok(await waitFor(() => !two.server.rocket.apps.get(app.name)), 'instance two evicts a deleted app');
});
