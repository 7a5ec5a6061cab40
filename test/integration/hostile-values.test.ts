// Values PostgreSQL cannot store become 4xx, never 500, and both databases answer alike (issue #12
// items 5, 6, 7, 9, 14): NUL characters and unpaired surrogates in text (core/text.ts), JSON
// values of every shape, dates outside years 0001–9999, decimals beyond NUMERIC, adopted tables
// whose columns do not fit, catalogue table names, and prototype-poisoning keys in record bodies.
import t from 'tap';
import { eachDialect, uniqueName } from '../helpers/server.js';
import type { TestRocket } from '../helpers/server.js';

const NUL = '\u0000';
const LONE = '\ud800';

const note = {
  name: 'note', table: 'notes', primary_key: { field: 'code', type: 'string' },
  fields: [
    { name: 'code', type: 'string' }, { name: 'title', type: 'string' }, { name: 'body', type: 'text' },
    { name: 'data', type: 'json' }, { name: 'on', type: 'date' }, { name: 'at', type: 'timestamp' },
    { name: 'amount', type: 'decimal' }, { name: 'price', type: 'decimal', precision: 2 }, { name: 'attachment', type: 'file' },
  ],
};
const post = {
  name: 'post', table: 'posts', primary_key: { field: 'id', type: 'uuid', generated: true },
  slug: { field: 'slug', source: 'title' },
  fields: [{ name: 'id', type: 'uuid' }, { name: 'title', type: 'string' }, { name: 'slug', type: 'string', unique: true }],
};
const comment = {
  name: 'comment', table: 'comments', primary_key: { field: 'id', type: 'int', generated: true },
  fields: [{ name: 'id', type: 'int' }, { name: 'note_code', type: 'string' }, { name: 'text', type: 'string' }, { name: 'meta', type: 'json' }],
};
const comments = { name: 'comments', type: 'one_to_many', source: 'note', target: 'comment', target_key: 'note_code' };

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

async function setup(r: TestRocket) {
  const app = await r.createApp();
  const call = (method: Method, path: string, body?: unknown) => r.request(method, `/api/${app.name}${path}`, { token: app.token, body });
  for (const e of [note, post, comment]) {
    const res = await call('POST', '/_admin/entities', e);
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  }
  const rel = await call('POST', '/_admin/relations', comments);
  if (rel.status !== 201) throw new Error(JSON.stringify(rel.body));
  return { app, call };
}

const invalidText = (field: string, problem: 'nul' | 'surrogate', name = field) => ({
  field, rule: 'invalid', message: `${name} must not contain ${problem === 'nul' ? 'NUL characters' : 'unpaired surrogates'}`,
});
const validationFailed = (details: unknown[]) => ({ error: { code: 'VALIDATION_FAILED', message: 'Validation failed', details } });

eachDialect(t, 'NUL and unpaired surrogates in record text are 422 (item 5)', async (t, r) => {
  const { call } = await setup(r);
  t.equal((await call('POST', '/note', { code: 'ok', title: 'fine' })).status, 201);

  const cases: Array<[string, Record<string, unknown>, unknown[]]> = [
    ['string field', { code: 'a', title: `x${NUL}y` }, [invalidText('title', 'nul')]],
    ['text field', { code: 'a', body: NUL }, [invalidText('body', 'nul')]],
    ['string primary key', { code: `a${NUL}` }, [invalidText('code', 'nul')]],
    ['json string', { code: 'a', data: `v${NUL}` }, [invalidText('data', 'nul')]],
    ['json nested value', { code: 'a', data: { list: [1, { deep: [`x${NUL}`] }] } }, [invalidText('data', 'nul')]],
    ['json key', { code: 'a', data: { [`k${NUL}`]: 1 } }, [invalidText('data', 'nul')]],
    ['file object', { code: 'a', attachment: { id: `f${NUL}` } }, [invalidText('attachment', 'nul')]],
    ['lone surrogate in a string', { code: 'a', title: `x${LONE}` }, [invalidText('title', 'surrogate')]],
    ['lone low surrogate in a string', { code: 'a', title: '\udc00x' }, [invalidText('title', 'surrogate')]],
    ['lone surrogate in json', { code: 'a', data: LONE }, [invalidText('data', 'surrogate')]],
    ['lone surrogate in a json key', { code: 'a', data: { [LONE]: true } }, [invalidText('data', 'surrogate')]],
    // Reported with the type errors, in field order, before required and enum.
    ['several fields', { code: 'a', title: NUL, body: 5, data: [LONE] }, [invalidText('title', 'nul'), { field: 'body', rule: 'type', message: 'body must be a string' }, invalidText('data', 'surrogate')]],
  ];
  for (const [label, body, details] of cases) {
    const res = await call('POST', '/note', body);
    t.same([res.status, res.body], [422, validationFailed(details)], label);
  }
  const put = await call('PUT', '/note/ok', { title: `new${NUL}` });
  t.same([put.status, put.body], [422, validationFailed([invalidText('title', 'nul')])], 'update');
  const nested = await call('POST', '/note', { code: 'n1', comments: { data: [{ text: 'fine' }, { text: `bad${NUL}`, meta: { m: LONE } }] } });
  t.equal(nested.status, 422, 'nested child row');
  t.same(nested.body.error.details, [invalidText('comments[1].text', 'nul', 'text'), invalidText('comments[1].meta', 'surrogate', 'meta')]);

  // A surrogate pair is ordinary text, and so are other control characters.
  const emoji = await call('POST', '/note', { code: 'e', title: '\ud83d\ude80 \u0001\u001f', data: { '\ud83d\ude80': '\ud83d\ude80' } });
  t.equal(emoji.status, 201);
  t.same((await call('GET', '/note/e')).body.data.data, { '\ud83d\ude80': '\ud83d\ude80' });
  t.equal((await call('GET', '/note/e')).body.data.title, '\ud83d\ude80 \u0001\u001f');
  t.same((await call('GET', '/note')).body.meta.total, 2, 'nothing refused was written');
});

eachDialect(t, 'NUL in filters is 400, in ids and app names 404, in login 401 (item 5)', async (t, r) => {
  const { app, call } = await setup(r);
  await call('POST', '/note', { code: 'a', title: 't' });
  for (const query of ['filter[title]=%00', 'filter[title.like]=a%00', 'filter[title.ilike]=%00', 'filter[title.in]=a,%00', 'filter[code.neq]=%00']) {
    const res = await call('GET', `/note?${query}`);
    t.equal(res.status, 400, query);
    t.equal(res.body.error.code, 'INVALID_PAYLOAD');
    t.match(res.body.error.message, /^Invalid filter value for (title|code): /);
  }
  t.equal((await call('GET', '/note?filter[title.like]=t%25')).body.meta.total, 1, 'like still works');

  for (const [method, path] of [['GET', '/note/%00'], ['PUT', '/note/a%00'], ['DELETE', '/note/%00'], ['GET', '/post/%00'], ['PUT', '/post/x%00'], ['DELETE', '/post/%00']] as const) {
    const res = await call(method, path, method === 'PUT' ? { title: 'x' } : undefined);
    t.equal(res.status, 404, `${method} ${path}`);
    t.equal(res.body.error.code, 'NOT_FOUND');
  }
  const platform = await r.platformToken();
  for (const method of ['GET', 'DELETE'] as const) {
    const res = await r.request(method, '/api/_platform/apps/%00', { token: platform });
    t.same([res.status, res.body], [404, { error: { code: 'NOT_FOUND', message: 'App not found' } }], `${method} app %00`);
  }
  t.equal((await r.request('GET', `/api/_platform/apps/${app.name}`, { token: platform })).status, 200, 'real app names still resolve');

  const wrong = { error: { code: 'UNAUTHORIZED', message: 'Invalid email or password' } };
  for (const email of [`admin@localhost${NUL}`, `${NUL}`, `admin${LONE}@localhost`]) {
    for (const path of ['/api/_platform/auth/login', `/api/${app.name}/auth/login`]) {
      const res = await r.request('POST', path, { body: { email, password: 'changeme' } });
      t.same([res.status, res.body], [401, wrong], `${path} ${JSON.stringify(email)}`);
    }
  }
  t.equal((await r.request('POST', `/api/${app.name}/auth/login`, { body: { email: 'admin@localhost', password: 'changeme' } })).status, 200);
});

eachDialect(t, 'NUL in admin bodies is 422 (item 5)', async (t, r) => {
  const { call } = await setup(r);
  const invalid = (message: string) => ({ error: { code: 'VALIDATION_FAILED', message } });
  const permissions: Array<[unknown, string]> = [
    [{ entity: 'note', action: 'read', conditions: [{ field: 'title', operator: 'eq', value: `x${NUL}` }] }, 'conditions[0].value must not contain NUL characters'],
    [{ entity: 'note', action: 'read', conditions: [{ field: 'code', operator: 'eq', value: 'a' }, { field: 'title', operator: 'in', value: ['a', NUL] }] }, 'conditions[1].value must not contain NUL characters'],
    [{ entity: 'note', action: 'read', conditions: [{ field: 'title', operator: 'eq', value: { k: LONE } }] }, 'conditions[0].value must not contain unpaired surrogates'],
    [{ entity: 'note', action: 'read', conditions: [{ field: `t${NUL}`, operator: 'eq', value: 1 }] }, 'conditions[0].field must not contain NUL characters'],
    [{ entity: `note${NUL}`, action: 'read' }, 'entity must not contain NUL characters'],
    [{ entity: 'note', action: 'read', roles: ['a', `b${NUL}`] }, 'roles must not contain NUL characters'],
  ];
  for (const [body, message] of permissions) {
    const created = await call('POST', '/_admin/permissions', body);
    t.same([created.status, created.body], [422, invalid(message)], `POST ${message}`);
  }
  const ok = await call('POST', '/_admin/permissions', { entity: 'note', action: 'read' });
  t.equal(ok.status, 201);
  const updated = await call('PUT', `/_admin/permissions/${ok.body.data.id}`, permissions[0][0]);
  t.same([updated.status, updated.body], [422, invalid(permissions[0][1])], 'PUT');

  for (const body of [{ email: `u${NUL}@x.y`, password: 'secret123' }, { email: `u${LONE}@x.y`, password: 'secret123' }]) {
    const user = await call('POST', '/_admin/users', body);
    t.same([user.status, user.body], [422, invalid('email must be a valid email address')], 'user email');
  }
  const role = await call('POST', '/_admin/users', { email: 'u@x.y', password: 'secret123', roles: [NUL] });
  t.same([role.status, role.body], [422, invalid('roles must not contain NUL characters')]);
  const invite = await call('POST', '/_admin/invites', { email: `i${NUL}@x.y` });
  t.same([invite.status, invite.body], [422, invalid('email must be a valid email address')]);

  const entity = await call('POST', '/_admin/entities', { ...note, name: 'note2', table: 'notes2', ui_hint: { label: `x${NUL}` } });
  t.same([entity.status, entity.body.error.message, entity.body.error.details], [422, 'ui_hint must not contain NUL characters',
    [{ field: 'ui_hint', rule: 'invalid', message: 'ui_hint must not contain NUL characters' }]], 'entity definition');
  const enumField = await call('POST', '/_admin/entities', { ...note, name: 'note3', table: 'notes3', fields: [...note.fields, { name: 'e', type: 'string', enum: ['a', `b${LONE}`] }] });
  t.same([enumField.status, enumField.body.error.message], [422, `fields[${note.fields.length}] must not contain unpaired surrogates`]);
  const relation = await call('POST', '/_admin/relations', { ...comments, name: 'comments2', label: NUL });
  t.same([relation.status, relation.body.error.message], [422, 'label must not contain NUL characters'], 'relation definition');
});

eachDialect(t, 'every JSON value round-trips, also in filters (item 6)', async (t, r) => {
  const { call } = await setup(r);
  const values: unknown[] = [
    true, false, [true], [false], [true, false], [[true]], [null, true], [null], [], {}, 0, -1.5, 1e300, 'text', '',
    'with "quotes" and \\backslash', '{"looks":"like json"}', [1, 'two', { three: [3, null] }], { a: { b: { c: [true, { d: null }] } } },
    { 'key with spaces': 'ü ✓ \ud83d\ude80' }, [{ x: true }],
  ];
  for (let i = 0; i < values.length; i++) {
    const created = await call('POST', '/note', { code: `j${i}`, data: values[i] });
    t.equal(created.status, 201, `create ${JSON.stringify(values[i])}`);
    t.same(created.body.data.data, values[i]);
    t.same((await call('GET', `/note/j${i}`)).body.data.data, values[i], `read ${JSON.stringify(values[i])}`);
  }
  const updated = await call('PUT', '/note/j1', { data: [true, [false]] });
  t.same([updated.status, updated.body.data.data], [200, [true, [false]]], 'update');
  await call('POST', '/note', { code: 'nul', data: null });
  await call('POST', '/note', { code: 'absent' });
  const nested = await call('POST', '/note', { code: 'n', comments: { data: [{ text: 'a', meta: true }, { text: 'b', meta: [false] }] } });
  t.equal(nested.status, 201, 'nested child rows with boolean json');
  t.same((await call('GET', '/comment?sort=id')).body.data.map((c: { meta: unknown }) => c.meta), [true, [false]]);

  const list = await call('GET', '/note?per_page=100&sort=code');
  t.same(Object.fromEntries(list.body.data.map((n: { code: string; data: unknown }) => [n.code, n.data]))['j0'], true);
  t.equal((await call('GET', '/note?filter[data.is_null]=true')).body.meta.total, 3, 'is_null: null, absent, and the nested parent');
  t.equal((await call('GET', '/note?filter[data.is_null]=false')).body.meta.total, values.length, 'is_null false: every JSON value, false included');
});

eachDialect(t, 'dates and timestamps outside years 0001–9999 are 422, decimals beyond NUMERIC too (item 7)', async (t, r) => {
  const { call } = await setup(r);
  const typeError = (field: string) => validationFailed([{
    field, rule: 'type', message: field === 'on' ? 'on must be a date (YYYY-MM-DD)' : field === 'at' ? 'at must be an ISO-8601 timestamp' : `${field} must be a number`,
  }]);
  const refused: Array<[string, unknown]> = [
    ['on', '0000-01-01'], ['on', '0000-12-31'], ['on', '0000-06-01T00:00:00Z'], ['on', '0001-01-01T00:30:00+01:00'],
    ['on', '10000-01-01'], ['on', '+10000-01-01'], ['on', '-0001-01-01'], ['on', '9999-12-31T23:30:00-01:00'],
    ['at', '0000-01-01T00:00:00Z'], ['at', '0000-01-01'], ['at', '0001-01-01T00:30:00+01:00'], ['at', '9999-12-31T23:30:00-01:00'],
    ['at', '-000001-01-01T00:00:00Z'], ['at', '+010000-01-01T00:00:00Z'], ['at', '275760-09-13T00:00:00Z'],
    ['amount', `1${'0'.repeat(131072)}`], ['amount', `0.${'1'.repeat(16384)}`], ['price', `1${'0'.repeat(16)}`],
  ];
  for (const [field, value] of refused) {
    const res = await call('POST', '/note', { code: 'x', [field]: value });
    t.same([res.status, res.body], [422, typeError(field)], `${field} ${String(value).slice(0, 40)}`);
  }
  const edges = await call('POST', '/note', { code: 'edges', on: '0001-01-01', at: '0001-01-01T00:00:00Z' });
  t.same([edges.status, edges.body.data.on, edges.body.data.at], [201, '0001-01-01', '0001-01-01T00:00:00.000Z']);
  // Years 0001–0099 read back as written (postgres.js alone would read 0050 as 1950).
  const early = await call('POST', '/note', { code: 'early', on: '0050-06-15', at: '0050-06-15T12:34:56.789+02:00' });
  t.same([early.status, early.body.data.on, early.body.data.at], [201, '0050-06-15', '0050-06-15T10:34:56.789Z']);
  t.same((await call('GET', '/note?filter[at.lt]=0100-01-01&sort=at')).body.data.map((n: { at: string }) => n.at),
    ['0001-01-01T00:00:00.000Z', '0050-06-15T10:34:56.789Z'], 'listed and filtered as written');
  // SQLite keeps ~15 significant digits of a decimal (metadata.md §7.2); PostgreSQL all of them.
  const [amount, price] = r.dialect === 'postgres' ? [`9${'0'.repeat(40)}.5`, '9999999999999999.99'] : ['12345.5', '99999.99'];
  const top = await call('POST', '/note', { code: 'top', on: '9999-12-31', at: '9999-12-31T23:59:59.999Z', amount, price });
  t.same([top.status, top.body.data.on, top.body.data.at, top.body.data.amount, top.body.data.price],
    [201, '9999-12-31', '9999-12-31T23:59:59.999Z', amount, price]);
  t.same((await call('GET', '/note/top')).body.data.at, '9999-12-31T23:59:59.999Z', 'read back');
  t.equal((await call('GET', '/note?filter[on.lt]=0001-01-02')).body.meta.total, 1);

  for (const query of ['filter[on]=0000-01-01', 'filter[on.gt]=0000-12-31', 'filter[at.gte]=0000-01-01T00:00:00Z', 'filter[at.lt]=0001-01-01T00:30:00%2B01:00', `filter[amount.gt]=1${'0'.repeat(131072)}`]) {
    const res = await call('GET', `/note?${query}`);
    t.same([res.status, res.body.error?.code], [400, 'INVALID_PAYLOAD'], query.slice(0, 50));
  }
});

eachDialect(t, 'adopted tables must fit their fields; catalogue and system table names are reserved (item 9)', async (t, r) => {
  const { call } = await setup(r);
  const pg = r.dialect === 'postgres';
  const memo = {
    name: 'memo', table: 'memos', primary_key: { field: 'id', type: 'int', generated: true },
    fields: [{ name: 'id', type: 'int' }, { name: 'body', type: 'int' }, { name: 'n', type: 'int' }],
  };
  t.equal((await call('POST', '/_admin/entities', memo)).status, 201);
  t.equal((await call('POST', '/memo', { body: 7, n: 1 })).status, 201);
  t.equal((await call('DELETE', '/_admin/entities/memo')).status, 200, 'the table stays');

  const mismatched = await call('POST', '/_admin/entities', { ...memo, fields: [memo.fields[0], { name: 'body', type: 'string' }, memo.fields[2]] });
  t.same([mismatched.status, mismatched.body.error], [422, {
    code: 'VALIDATION_FAILED',
    message: `migration failed: cannot adopt table memos: column body has type ${pg ? 'integer' : 'INTEGER'}, field body (string) needs TEXT`,
  }], 'a column of another type is refused, naming it');
  t.equal((await call('GET', '/_admin/entities/memo')).status, 404, 'nothing was saved');
  const json = await call('POST', '/_admin/entities', { ...memo, fields: [...memo.fields, { name: 'extra', type: 'json' }], soft_delete: true, table: 'memos', name: 'memo' });
  t.equal(json.status, 201, 'a fitting table is adopted, missing columns added');
  t.same((await call('GET', '/memo?filter[body]=7')).body.data.map((m: { n: number }) => m.n), [1], 'and filters work');
  const marker = { name: 'marker', table: 'markers', primary_key: memo.primary_key, fields: [memo.fields[0], { name: 'deleted_at', type: 'int' }] };
  t.equal((await call('POST', '/_admin/entities', marker)).status, 201);
  t.equal((await call('DELETE', '/_admin/entities/marker')).status, 200);
  const softDelete = await call('POST', '/_admin/entities', { ...marker, soft_delete: true, fields: [memo.fields[0]] });
  t.same([softDelete.status, softDelete.body.error.message], [422,
    `migration failed: cannot adopt table markers: column deleted_at has type ${pg ? 'integer' : 'INTEGER'}, soft delete needs ${pg ? 'TIMESTAMPTZ' : 'TEXT'}`],
  'the implicit deleted_at column must be a timestamp');

  const reserved = ['pg_user', 'pg_class', 'pg_anything', 'sqlite_master', 'sqlite_sequence', 'sqlite_x', '_migrations', '_users', '_apps'];
  for (const table of reserved) {
    const res = await call('POST', '/_admin/entities', { ...memo, name: uniqueName('e'), table });
    t.same([res.status, res.body.error.message, res.body.error.details], [422, `table name is reserved: ${table}`,
      [{ field: 'table', rule: 'reserved', message: `table name is reserved: ${table}` }]], table);
  }
  for (const table of ['pg_tags', 'sqlite_tags', '_migrations']) {
    const res = await call('POST', '/_admin/relations', {
      name: uniqueName('r'), type: 'many_to_many', source: 'note', target: 'post', join_table: table, source_join_key: 'note_code', target_join_key: 'post_id',
    });
    t.same([res.status, res.body.error.message], [422, `invalid join_table: ${table}`], `join_table ${table}`);
  }
  t.equal((await call('POST', '/_admin/entities', { ...memo, name: 'pgish', table: 'pgx_user' })).status, 201, 'only the prefixes themselves are reserved');
});

eachDialect(t, '__proto__ and constructor.prototype keys are unknown fields (item 14)', async (t, r) => {
  const { app, call } = await setup(r);
  const raw = (method: Method, path: string, body: string) => r.request(method, `/api/${app.name}${path}`, { token: app.token, body });
  const unknown = (field: string, key = field) => ({ field, rule: 'unknown', message: `Unknown field or relation: ${key}` });
  const cases: Array<[string, string, unknown[]]> = [
    ['__proto__', '{"code":"p1","__proto__":{"title":"x"}}', [unknown('__proto__')]],
    ['escaped __proto__', '{"code":"p1","\\u005f_proto__":{}}', [unknown('__proto__')]],
    ['constructor.prototype', '{"code":"p1","constructor":{"prototype":{"title":"x"}}}', [unknown('constructor')]],
    ['plain constructor', '{"code":"p1","constructor":1}', [unknown('constructor')]],
    ['both, after another unknown key', '{"code":"p1","colour":1,"constructor":{"prototype":1},"__proto__":null}', [unknown('colour'), unknown('__proto__'), unknown('constructor')]],
  ];
  for (const [label, body, details] of cases) {
    const res = await raw('POST', '/note', body);
    t.same([res.status, res.body], [422, validationFailed(details)], label);
  }
  t.equal((await call('POST', '/note', { code: 'ok' })).status, 201);
  const put = await raw('PUT', '/note/ok', '{"title":"t","__proto__":{"title":"x"}}');
  t.same([put.status, put.body], [422, validationFailed([unknown('__proto__')])], 'update');
  const nested = await raw('POST', '/note', '{"code":"n","comments":{"data":[{"text":"a"},{"text":"b","__proto__":{"x":1}}]}}');
  t.same([nested.status, nested.body.error.details], [422, [unknown('comments[1].__proto__', '__proto__')]], 'nested child row');
  const deeper = await raw('POST', '/note', '{"code":"n","comments":{"data":[{"text":"a","constructor":{"prototype":{}}}]}}');
  t.same([deeper.status, deeper.body.error.details], [422, [unknown('comments[0].constructor', 'constructor')]]);
  t.same((await call('GET', '/note')).body.meta.total, 1, 'nothing was written');
  t.equal(({} as Record<string, unknown>).title, undefined, 'no prototype was touched');

  // A json value keeps no such key either: it is removed from stored values, as before.
  const inJson = await raw('POST', '/note', '{"code":"j","data":{"a":1,"__proto__":{"polluted":true}}}');
  t.same([inJson.status, inJson.body.data?.data], [201, { a: 1 }]);
  // Other bodies are parsed as before: the keys are dropped.
  const login = await r.request('POST', `/api/${app.name}/auth/login`, { body: '{"email":"admin@localhost","password":"changeme","__proto__":{"x":1}}' });
  t.equal(login.status, 200);
  t.equal((await raw('POST', '/note', '{"code":"bad"')).status, 400, 'invalid JSON is still 400');
});

eachDialect(t, 'NUL in an invite token and in a new app\'s admin_email are 4xx (item 5)', async (t, r) => {
  const app = await r.createApp();
  const accept = await r.request('POST', `/api/${app.name}/auth/accept-invite`, { body: { token: 'x\u0000', password: 'secret-password' } });
  t.equal(accept.status, 404, JSON.stringify(accept.body));
  t.equal(accept.body.error.message, 'Invalid invite token');
  const token = await r.platformToken();
  const name = `nul${Date.now().toString(36)}`;
  const created = await r.request('POST', '/api/_platform/apps', { token, body: { name, db_driver: r.dialect, admin_email: 'a\u0000@example.com' } });
  t.equal(created.status, 422, JSON.stringify(created.body));
  t.equal(created.body.error.message, 'admin_email must be a valid email address');
  t.equal((await r.request('GET', `/api/_platform/apps/${name}`, { token })).status, 404, 'nothing was reserved');
});
