// UI configurations (schema-io.md §3) on both databases: the admin CRUD with the stored shape,
// full replacement, 404s, every check of the body in its documented order (first failure wins),
// the (entity, scope) 409 — also under 10 concurrent POSTs —, the admin gate, the reads of scope
// "default" for any authenticated caller, configs outliving their entity, the notice to other
// instances, the import's upsert function, and the OpenAPI paths.
import t from 'tap';
import { listUiConfigs, upsertUiConfig } from '../../core/ui-configs/store.js';
import { validateUiConfig } from '../../core/ui-configs/validate.js';
import { until } from '../helpers/receiver.js';
import { eachDialect, PG_URL, startInstancePair, userToken, type TestRocket } from '../helpers/server.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const BASE = '/_admin/ui-configs';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STAMP_RE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

const entity = (name: string) => ({
  name, table: `${name}s`, primary_key: { field: 'id', type: 'uuid', generated: true },
  fields: [{ name: 'id', type: 'uuid', required: true }, { name: 'title', type: 'string' }],
});

async function setup(r: TestRocket, entities: string[] = ['book']) {
  const app = await r.createApp();
  // token null: anonymous.
  const call = (method: Method, path: string, body?: unknown, token: string | null = app.token) =>
    r.request(method, `/api/${app.name}${path}`, { token: token ?? undefined, body });
  for (const name of entities) {
    const res = await call('POST', '/_admin/entities', entity(name));
    if (res.status !== 201) throw new Error(`entity ${name}: ${JSON.stringify(res.body)}`);
  }
  return { app, call };
}

const errorOf = (res: { status: number; body: any }) => [res.status, res.body?.error?.code, res.body?.error?.message];

eachDialect(t, 'CRUD: stored shape, defaults, full replacement, delete, 404s', async (t, r) => {
  const { call } = await setup(r);
  const config = { list: { columns: ['title'], page_size: 25 }, form: { fields: [{ name: 'title', widget: 'text' }] }, n: null };
  const created = await call('POST', BASE, { entity: 'book', config });
  t.equal(created.status, 201);
  const ui = created.body.data;
  t.same(Object.keys(ui).sort(), ['config', 'created_at', 'entity', 'id', 'scope', 'updated_at']);
  t.match(ui.id, UUID_RE);
  t.match(ui.created_at, STAMP_RE);
  t.equal(ui.created_at, ui.updated_at);
  t.strictSame({ entity: ui.entity, scope: ui.scope, config: ui.config }, { entity: 'book', scope: 'default', config }, 'scope defaults to "default"; config returned as sent');

  t.strictSame((await call('GET', `${BASE}/${ui.id}`)).body, { data: ui });
  t.strictSame((await call('GET', `${BASE}/${ui.id.toUpperCase()}`)).body.data, ui, 'ids are case-insensitive');

  const replaced = await call('PUT', `${BASE}/${ui.id}`, { entity: 'book', scope: 'mobile' });
  t.equal(replaced.status, 200);
  t.strictSame({ ...replaced.body.data, updated_at: undefined }, { ...ui, scope: 'mobile', config: {}, updated_at: undefined },
    'full replacement: absent config → {}, id and created_at kept');
  t.ok(replaced.body.data.updated_at >= ui.updated_at);
  const back = await call('PUT', `${BASE}/${ui.id}`, { entity: 'book', scope: '', config: { a: 1 } });
  t.strictSame([back.body.data.scope, back.body.data.config], ['default', { a: 1 }], 'an empty scope is "default"');
  t.strictSame((await call('GET', `${BASE}/${ui.id}`)).body.data, back.body.data, 'the replacement is stored');

  const deleted = await call('DELETE', `${BASE}/${ui.id.toUpperCase()}`);
  t.strictSame([deleted.status, deleted.body], [200, { data: { id: ui.id, deleted: true } }]);
  for (const [method, body] of [['GET'], ['PUT', { entity: 'book' }], ['DELETE']] as const) {
    t.strictSame(errorOf(await call(method, `${BASE}/${ui.id}`, body)), [404, 'NOT_FOUND', `UI config not found: ${ui.id}`], `${method} after delete`);
  }
  t.strictSame(errorOf(await call('GET', `${BASE}/not-a-uuid`)), [404, 'NOT_FOUND', 'UI config not found: not-a-uuid']);
  t.strictSame(errorOf(await call('PUT', `${BASE}/not-a-uuid`, [1])), [404, 'NOT_FOUND', 'UI config not found: not-a-uuid'],
    'an unknown id is 404 before the body is looked at');
  t.strictSame((await call('GET', BASE)).body, { data: [] });
});

eachDialect(t, 'list order: entity, then scope, in byte order', async (t, r) => {
  const { call } = await setup(r, ['book', 'author']);
  for (const [entity, scope] of [['book', 'mobile'], ['book', 'default'], ['author', 'default'], ['_app', 'default'], ['book', 'Admin']]) {
    t.equal((await call('POST', BASE, { entity, scope })).status, 201);
  }
  const list = (await call('GET', BASE)).body.data;
  t.strictSame(list.map((c: any) => `${c.entity}/${c.scope}`), ['_app/default', 'author/default', 'book/Admin', 'book/default', 'book/mobile']);
});

eachDialect(t, 'body checks in their documented order (first failure wins), on POST and PUT', async (t, r) => {
  const { call } = await setup(r);
  const existing = (await call('POST', BASE, { entity: 'book', scope: 'other' })).body.data;
  const invalid = (message: string) => [422, 'VALIDATION_FAILED', message];
  const cases: Array<[string, unknown, unknown[]]> = [
    ['an array body', [1], [400, 'INVALID_PAYLOAD', 'Invalid JSON body']],
    ['a string body', '"x"', [400, 'INVALID_PAYLOAD', 'Invalid JSON body']],
    ['no entity', { config: 'not checked yet' }, invalid('entity is required')],
    ['an empty entity', { entity: '' }, invalid('entity is required')],
    ['a non-string entity', { entity: 5 }, invalid('entity is required')],
    ['an unknown entity', { entity: 'nope', config: 'not checked yet' }, invalid('entity not found: nope')],
    ['an entity with NUL', { entity: 'bo\u0000ok' }, invalid('entity must not contain NUL characters')],
    ['an over-long pseudo-entity', { entity: `_${'a'.repeat(255)}` }, invalid('entity must be at most 255 characters')],
    ['a non-string scope', { entity: 'book', scope: 5 }, invalid('scope must be a string')],
    ['an over-long scope', { entity: 'book', scope: 's'.repeat(256) }, invalid('scope must be at most 255 characters')],
    ['a string config', { entity: 'book', config: 'x' }, invalid('config must be an object')],
    ['an array config', { entity: 'book', config: [] }, invalid('config must be an object')],
    ['a config with an unpaired surrogate', { entity: 'book', config: { label: '\ud800' } }, invalid('config must not contain unpaired surrogates')],
  ];
  for (const [what, body, expected] of cases) {
    t.strictSame(errorOf(await call('POST', BASE, body)), expected, `POST: ${what}`);
    t.strictSame(errorOf(await call('PUT', `${BASE}/${existing.id}`, body)), expected, `PUT: ${what}`);
  }
  t.strictSame((await call('GET', BASE)).body.data, [existing], 'nothing was written');

  // Accepted: a pseudo-entity, null scope and config (defaults), 255 characters.
  const app = await call('POST', BASE, { entity: '_app', scope: null, config: null });
  t.strictSame([app.status, app.body.data.scope, app.body.data.config], [201, 'default', {}]);
  t.equal((await call('POST', BASE, { entity: `_${'a'.repeat(254)}`, scope: 's'.repeat(255) })).status, 201, '255 characters are fine');
});

eachDialect(t, '(entity, scope) is unique: 409 on POST and PUT, also under concurrent POSTs', async (t, r) => {
  const { call } = await setup(r, ['book', 'author']);
  const first = (await call('POST', BASE, { entity: 'book' })).body.data;
  const conflict = [409, 'CONFLICT', 'UI config already exists for entity book scope default'];
  t.strictSame(errorOf(await call('POST', BASE, { entity: 'book', scope: 'default', config: { x: 1 } })), conflict);
  t.strictSame(errorOf(await call('POST', BASE, { entity: 'book', scope: '' })), conflict, 'an empty scope is "default" here too');
  t.strictSame(errorOf(await call('POST', BASE, { entity: 'nope' })), [422, 'VALIDATION_FAILED', 'entity not found: nope'], 'validation wins over the conflict');
  const mobile = await call('POST', BASE, { entity: 'book', scope: 'mobile' });
  t.equal(mobile.status, 201, 'another scope of the same entity');
  t.strictSame(errorOf(await call('PUT', `${BASE}/${mobile.body.data.id}`, { entity: 'book' })), conflict, 'PUT onto another config\'s pair');
  const same = await call('PUT', `${BASE}/${first.id}`, { entity: 'book', config: { kept: true } });
  t.strictSame([same.status, same.body.data.config], [200, { kept: true }], 'a config keeps its own pair');
  t.strictSame(errorOf(await call('PUT', `${BASE}/${first.id}`, { entity: 'gone' })), [422, 'VALIDATION_FAILED', 'entity not found: gone'],
    'PUT checks the entity like POST');

  const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => call('POST', BASE, { entity: 'author', config: { i } })));
  t.strictSame(answers.map((a) => a.status).sort(), [201, ...Array(9).fill(409)], 'one 201, nine 409');
  for (const a of answers.filter((x) => x.status === 409)) {
    t.equal(a.body.error.message, 'UI config already exists for entity author scope default');
  }
  t.equal((await call('GET', BASE)).body.data.filter((c: any) => c.entity === 'author').length, 1);
});

eachDialect(t, 'admin gate; /_ui reads for any authenticated caller, scope "default" only', async (t, r) => {
  const { app, call } = await setup(r, ['book', 'author']);
  const book = (await call('POST', BASE, { entity: 'book', config: { list: { columns: ['title'] } } })).body.data;
  await call('POST', BASE, { entity: 'book', scope: 'mobile', config: { compact: true } });
  const dashboard = (await call('POST', BASE, { entity: '_app', config: { dashboard: { widgets: [] } } })).body.data;
  const reader = userToken(r, app.name, []);

  for (const [method, path] of [['GET', BASE], ['POST', BASE], ['GET', `${BASE}/${book.id}`], ['PUT', `${BASE}/${book.id}`], ['DELETE', `${BASE}/${book.id}`]] as const) {
    t.strictSame(errorOf(await call(method, path, { entity: 'book' }, reader)), [403, 'FORBIDDEN', 'Admin access required'], `${method} ${path} (no admin role)`);
    t.strictSame(errorOf(await call(method, path, { entity: 'book' }, null)), [401, 'UNAUTHORIZED', 'Missing auth token'], `${method} ${path} (anonymous)`);
  }

  t.strictSame((await call('GET', '/_ui/configs', undefined, reader)).body, { data: [dashboard, book] }, 'scope "default" only, by entity');
  t.strictSame((await call('GET', '/_ui/config/book', undefined, reader)).body, { data: book });
  t.strictSame((await call('GET', '/_ui/config/_app', undefined, reader)).body, { data: dashboard });
  for (const name of ['author', 'nope', '%00', 'b%C3%B6ok']) {
    const res = await call('GET', `/_ui/config/${name}`, undefined, reader);
    t.strictSame([res.status, res.body], [200, { data: null }], `no config for ${name}: data null`);
  }
  for (const path of ['/_ui/configs', '/_ui/config/book']) {
    t.strictSame(errorOf(await call('GET', path, undefined, null)), [401, 'UNAUTHORIZED', 'Missing auth token'], `${path} needs a caller`);
    t.strictSame(errorOf(await call('GET', path, undefined, 'garbage')), [401, 'UNAUTHORIZED', 'Invalid or expired token']);
  }
  t.strictSame(errorOf(await call('POST', '/_ui/configs', {}, reader)), [404, 'NOT_FOUND', 'Route not found'], 'only GET is routed');
  t.strictSame(errorOf(await call('GET', '/_ui/other', undefined, reader)), [404, 'NOT_FOUND', 'Route not found']);

  // metadata.md §10.3: deleting an entity keeps its UI configs.
  t.equal((await call('DELETE', '/_admin/entities/book')).status, 200);
  t.strictSame((await call('GET', '/_ui/config/book', undefined, reader)).body, { data: book });
});

eachDialect(t, 'every successful write is announced to the other instances; failures are not', async (t, r) => {
  const { app, call } = await setup(r);
  const announced: string[] = [];
  const off = r.server.rocket.events.on('metadata.changed', (e) => { if (e.origin === 'local') announced.push(e.app); });
  t.teardown(off);
  const id = (await call('POST', BASE, { entity: 'book' })).body.data.id;
  await call('POST', BASE, { entity: 'book' }); // 409
  await call('PUT', `${BASE}/${id}`, { entity: 'book', scope: 'x' });
  await call('PUT', `${BASE}/${id}`, { entity: 'nope' }); // 422
  await call('DELETE', `${BASE}/${id}`);
  await call('DELETE', `${BASE}/${id}`); // 404
  t.strictSame(announced, [app.name, app.name, app.name]);
});

eachDialect(t, 'the import\'s functions: validateUiConfig, then upsertUiConfig replaces the config of a pair', async (t, r) => {
  const { app, call } = await setup(r);
  const ctx = r.server.rocket.apps.get(app.name)!;
  const input = validateUiConfig({ entity: 'book', config: { v: 1 } }, ctx.registry);
  t.strictSame(input, { entity: 'book', scope: 'default', config: { v: 1 } });
  t.throws(() => validateUiConfig({ entity: 'nope' }, ctx.registry), { message: 'entity not found: nope' });
  const first = await upsertUiConfig(ctx.db, input);
  const second = await upsertUiConfig(ctx.db, { ...input, config: { v: 2 } });
  t.equal(second.id, first.id, 'same row');
  t.equal(second.created_at, first.created_at);
  t.strictSame(second.config, { v: 2 }, 'config replaced');
  const other = await upsertUiConfig(ctx.db, { entity: '_app', scope: 'default', config: {} });
  t.not(other.id, first.id);
  t.strictSame((await listUiConfigs(ctx.db)).map((c) => [c.entity, c.config]), [['_app', {}], ['book', { v: 2 }]]);
  t.strictSame((await call('GET', `${BASE}/${first.id}`)).body.data, second, 'the admin API reads what the upsert wrote');
});

eachDialect(t, 'OpenAPI: the UI-config and AI paths', async (t, r) => {
  const { call } = await setup(r);
  const doc = (await call('GET', '/_openapi.json')).body;
  for (const path of ['/_admin/ui-configs', '/_admin/ui-configs/{id}', '/_ui/configs', '/_ui/config/{entity}', '/_admin/ai/status', '/_admin/ai/generate']) {
    t.ok(doc.paths[path], path);
  }
  t.same(doc.components.schemas.UiConfig.required, ['id', 'entity', 'scope', 'config', 'created_at', 'updated_at']);
  t.same(Object.keys(doc.paths['/_admin/ai/generate'].post.responses), ['200', '400', '401', '403', '501', '502']);
});

if (PG_URL) {
  t.test('two instances: the entity check sees an entity created on the other at once; reads need no notice [postgres]', async (t) => {
    const [a, b] = await startInstancePair(t);
    const app = await a.createApp();
    const on = (r: TestRocket) => (method: Method, path: string, body?: unknown) => r.request(method, `/api/${app.name}${path}`, { token: app.token, body });
    await until(async () => (await on(b)('GET', BASE)).status === 200, 'B to load the app');
    t.equal((await on(a)('POST', '/_admin/entities', entity('book'))).status, 201);
    const created = await on(b)('POST', BASE, { entity: 'book', config: { v: 1 } });
    t.equal(created.status, 201, 'B validates against the current metadata without waiting for the notice');
    t.strictSame((await on(a)('GET', '/_ui/config/book')).body, { data: created.body.data }, 'A reads it at once');
    t.strictSame(errorOf(await on(a)('POST', BASE, { entity: 'book' })), [409, 'CONFLICT', 'UI config already exists for entity book scope default']);
  });
}
