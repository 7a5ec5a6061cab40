// Schema export and import (schema-io.md §1, §2) and the dry run (beyond the spec) on both
// databases: the export's shape, order and absence of secrets; an export imported into another
// app (wrapped, as the export answers) with its counts, live tables and enforced logic; the
// idempotent re-import; the document checks of §2.1; the errors list; sample data with links,
// users, conversions, conflicts and audit entries; a row the database refuses; the dry run writing
// nothing and reporting creates, skips, failures and differences; and a document large enough for
// several sample-row batches (the 500-entity / 100,000-row sizes behind ROCKET_TEST_IMPORT_FULL=1;
// their timings come from `npm run bench:import`). The shipped examples: schema-io-examples.test.ts.
import t from 'tap';
import { entityName, rowId, syntheticDocument } from '../../bench/import-document.js';
import { eachDialect, userToken, type TestRocket } from '../helpers/server.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Json = Record<string, any>;

async function setup(r: TestRocket) {
  const app = await r.createApp();
  const call = (method: Method, path: string, body?: unknown, token: string | undefined = app.token) =>
    r.request(method, `/api/${app.name}${path}`, { token, body });
  return { app, call };
}

const SECTIONS = ['entities', 'relations', 'rules', 'state_machines', 'workflows', 'permissions', 'webhooks', 'ui_configs'];
const zero = { entities: 0, relations: 0, rules: 0, state_machines: 0, workflows: 0, permissions: 0, webhooks: 0, ui_configs: 0, records: 0 };
const SECRET = 'whsec-a-very-long-signing-secret-0042';

/** An entity with a generated UUID key `id` and these other fields. */
const entity = (name: string, table: string, fields: Json[], extra: Json = {}): Json => ({
  name, table, primary_key: { field: 'id', type: 'uuid', generated: true }, ...extra,
  fields: [{ name: 'id', type: 'uuid', required: true }, ...fields],
});

const book = {
  name: 'book', table: 'books', primary_key: { field: 'id', type: 'uuid', generated: true },
  fields: [
    { name: 'id', type: 'uuid', required: true },
    { name: 'title', type: 'string', required: true },
    { name: 'status', type: 'string', enum: ['draft', 'published'] },
    { name: 'kind', type: 'string' },
    { name: 'price', type: 'decimal', precision: 2 },
  ],
};
const tag = {
  name: 'tag', table: 'tags', primary_key: { field: 'id', type: 'uuid', generated: true },
  fields: [{ name: 'id', type: 'uuid', required: true }, { name: 'label', type: 'string', required: true }],
};
const bookTags = {
  name: 'book_tags', type: 'many_to_many', source: 'book', target: 'tag',
  join_table: 'book_tag_links', source_join_key: 'book_id', target_join_key: 'tag_id',
};
const titleRule = { entity: 'book', type: 'field', definition: { field: 'title', operator: 'min_length', value: 2, message: 'Title too short' } };
const statusMachine = { entity: 'book', field: 'status', definition: { initial: 'draft', transitions: [{ from: 'draft', to: 'published' }] } };
const kindMachine = { entity: 'book', field: 'kind', definition: { transitions: [{ from: ['paper', 'ebook'], to: 'audio' }] } };
const publishFlow = {
  name: 'publish_flow', trigger: { type: 'state_change', entity: 'book', field: 'status', to: 'published' },
  steps: [{ id: 'note', type: 'action', actions: [{ type: 'send_event', event: 'book_published' }], then: 'end' }],
};
const readers = { entity: 'book', action: 'read', roles: ['reader'] };
const hookB = { entity: 'book', url: 'https://hooks.example.com/b', headers: { 'X-Token': '{{env.BOOK_HOOK_TOKEN}}' }, secret: SECRET };
const hookA = { entity: 'book', url: 'https://hooks.example.com/a', method: 'PUT' };
const bookList = { entity: 'book', config: { list: { columns: ['title', 'status'] } } };

/** The app of the first tests: one of every kind of metadata, created through the admin APIs. */
async function populate(call: Awaited<ReturnType<typeof setup>>['call']): Promise<void> {
  const created: Array<[string, unknown]> = [
    ['/_admin/entities', book], ['/_admin/entities', tag], ['/_admin/relations', bookTags], ['/_admin/rules', titleRule],
    // Created out of the export's order (by field, by url), so the export must sort them.
    ['/_admin/state-machines', statusMachine], ['/_admin/state-machines', kindMachine], ['/_admin/workflows', publishFlow],
    ['/_admin/permissions', readers], ['/_admin/webhooks', hookB], ['/_admin/webhooks', hookA], ['/_admin/ui-configs', bookList],
  ];
  for (const [path, body] of created) {
    const res = await call('POST', path, body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

const withoutStamp = (doc: Json) => {
  const { exported_at, ...rest } = doc;
  return rest;
};

eachDialect(t, 'export: every section, sorted, without ids, timestamps or secrets; admin only', async (t, r) => {
  const { app, call } = await setup(r);
  await populate(call);
  const res = await call('GET', '/_admin/export');
  t.equal(res.status, 200);
  const doc = res.body.data;
  t.same(Object.keys(doc), ['version', 'exported_at', ...SECTIONS], 'every section, in order');
  t.equal(doc.version, 1);
  t.ok(Math.abs(Date.parse(doc.exported_at) - Date.now()) < 60_000 && doc.exported_at.endsWith('Z'), 'exported_at is now, in UTC');
  t.same(doc.entities, (await call('GET', '/_admin/entities')).body.data.map((e: Json) => e.definition), 'entities as stored, by name');
  t.same(doc.entities.map((e: Json) => e.name), ['book', 'tag']);
  t.same(doc.relations, [{ ...bookTags, source_key: 'id', ownership: 'none', fetch: 'lazy', write_mode: 'diff' }]);
  t.same(doc.rules, [{ ...titleRule, hook: 'before_write', priority: 0, active: true }]);
  t.same(doc.state_machines.map((m: Json) => m.field), ['kind', 'status'], 'state machines by entity, field');
  t.same(doc.state_machines[1], {
    entity: 'book', field: 'status', active: true,
    definition: { initial: 'draft', transitions: [{ from: ['draft'], to: 'published', roles: [], guard: null, actions: [] }] },
  }, 'normalised from arrays');
  t.same(doc.workflows.map((w: Json) => w.name), ['publish_flow']);
  t.same(doc.workflows[0].steps[0].then, { goto: 'end' }, 'gotos in object form');
  t.same(doc.permissions, [{ ...readers, conditions: [] }]);
  t.same(doc.webhooks.map((w: Json) => w.url), ['https://hooks.example.com/a', 'https://hooks.example.com/b'], 'webhooks by entity, hook, url');
  t.same(Object.keys(doc.webhooks[1]), ['entity', 'hook', 'url', 'method', 'headers', 'condition', 'async', 'retry', 'active']);
  t.same(doc.webhooks[1].headers, { 'X-Token': '{{env.BOOK_HOOK_TOKEN}}' }, 'header templates verbatim');
  t.same(doc.ui_configs, [{ entity: 'book', scope: 'default', config: bookList.config }]);
  for (const section of SECTIONS.slice(2)) {
    for (const item of doc[section]) t.notOk('id' in item || 'created_at' in item || 'updated_at' in item || 'has_secret' in item, `${section}: no id, timestamps, has_secret`);
  }
  t.notOk(JSON.stringify(res.body).includes(SECRET), 'the webhook secret is nowhere in the export');

  t.equal((await call('GET', '/_admin/export', undefined, userToken(r, app.name, ['reader']))).status, 403, 'admin only');
  t.equal((await call('GET', '/_admin/export', undefined, '')).status, 401, 'authenticated only');
});

eachDialect(t, 'import of an export into another app: counts, live tables, enforced logic, idempotent re-import', async (t, r) => {
  const source = await setup(r);
  await populate(source.call);
  const exported = (await source.call('GET', '/_admin/export')).body;
  const { app, call } = await setup(r);

  const res = await call('POST', '/_admin/import', exported);
  t.equal(res.status, 200, 'the wrapped export response is accepted as it is');
  t.same(res.body, {
    data: {
      message: 'Import completed',
      summary: { entities: 2, relations: 1, rules: 1, state_machines: 2, workflows: 1, permissions: 1, webhooks: 2, ui_configs: 1, records: 0 },
    },
  }, 'every item counted, no errors key');
  const copy = (await call('GET', '/_admin/export')).body.data;
  t.same(withoutStamp(copy), withoutStamp(exported.data), 'the copy exports exactly as the original');

  // The tables are live and the logic is enforced.
  const created = await call('POST', '/book', { title: 'Dune' });
  t.equal(created.status, 201);
  t.equal(created.body.data.status, 'draft', 'the state machine sets the initial state');
  const short = await call('POST', '/book', { title: 'D' });
  t.equal(short.status, 422);
  t.ok(short.body.error.details.some((d: Json) => d.message === 'Title too short'), 'the rule is enforced');
  const id = created.body.data.id;
  t.equal((await call('PUT', `/book/${id}`, { status: 'published' })).status, 200, 'an allowed transition');
  t.equal((await call('PUT', `/book/${id}`, { status: 'draft' })).status, 422, 'a transition the machine does not have is refused');
  const tagged = await call('POST', '/tag', { label: 'sf' });
  const linked = await call('PUT', `/book/${id}`, { book_tags: { data: [{ id: tagged.body.data.id }] } });
  t.equal(linked.status, 200, 'the many_to_many join table exists', { body: linked.body });
  const reader = userToken(r, app.name, ['reader']);
  t.equal((await call('GET', '/book', undefined, reader)).status, 200, 'the permission grants reads');
  t.equal((await call('POST', '/book', { title: 'Emma' }, reader)).status, 403, 'and nothing else');
  const hooks = (await call('GET', '/_admin/webhooks')).body.data;
  t.same(hooks.map((h: Json) => h.has_secret), [false, false], 'no secret travelled');

  const again = await call('POST', '/_admin/import', exported);
  t.same(again.body, { data: { message: 'Import completed', summary: { ...zero, ui_configs: 1 } } }, 'a re-import inserts nothing (UI configs are upserted)');
  t.same(withoutStamp((await call('GET', '/_admin/export')).body.data), withoutStamp(copy), 'and changes nothing');
  t.equal((await call('GET', '/book')).body.meta.total, 1, 'records untouched');
});

eachDialect(t, 'the document checks: body, version, section types; nothing written when they fail', async (t, r) => {
  const { app, call } = await setup(r);
  const note = entity('note', 'notes', []);
  const cases: Array<[unknown, number, string, string]> = [
    [[1, 2], 400, 'INVALID_PAYLOAD', 'Invalid JSON body'],
    ['"text"', 400, 'INVALID_PAYLOAD', 'Invalid JSON body'],
    [{ version: 2, entities: [note] }, 422, 'VALIDATION_FAILED', 'Unsupported schema version: 2'],
    [{ entities: [note] }, 422, 'VALIDATION_FAILED', 'Unsupported schema version: undefined'],
    [{ data: { version: 3 } }, 422, 'VALIDATION_FAILED', 'Unsupported schema version: 3'],
    [{ version: 1, entities: { note } }, 422, 'VALIDATION_FAILED', 'entities must be an array'],
    [{ version: 1, entities: [note], webhooks: 'none' }, 422, 'VALIDATION_FAILED', 'webhooks must be an array'],
    [{ version: 1, entities: [note], ui_configs: null }, 422, 'VALIDATION_FAILED', 'ui_configs must be an array'],
    [{ version: 1, entities: [note], sample_data: [] }, 422, 'VALIDATION_FAILED', 'sample_data must be an object of arrays'],
    [{ version: 1, entities: [note], sample_data: { note: {} } }, 422, 'VALIDATION_FAILED', 'sample_data must be an object of arrays'],
  ];
  for (const [body, status, code, message] of cases) {
    for (const query of ['', '?dry_run=true']) {
      const res = await call('POST', `/_admin/import${query}`, body);
      t.same([res.status, res.body.error?.code, res.body.error?.message], [status, code, message], `${JSON.stringify(body).slice(0, 60)}${query}`);
    }
  }
  t.same((await call('GET', '/_admin/entities')).body.data, [], 'no entity of a refused document was created');
  const bad = await call('POST', '/_admin/import?dry_run=maybe', { version: 1 });
  t.same([bad.status, bad.body.error.message], [400, 'dry_run must be true or false']);
  t.equal((await call('POST', '/_admin/import', { version: 1 }, userToken(r, app.name, ['editor']))).status, 403, 'admin only');
  t.equal((await call('POST', '/_admin/import', { version: 1 }, '')).status, 401);
  t.same((await call('POST', '/_admin/import', { version: 1, exported_at: 'ignored' })).body.data, { message: 'Import completed', summary: zero }, 'every section is optional');
});

eachDialect(t, 'best effort per item: the valid items are imported, every failure is listed', async (t, r) => {
  const { call } = await setup(r);
  const author = entity('author', 'authors', [{ name: 'name', type: 'string', required: true }]);
  const doc = {
    version: 1,
    entities: [
      author,
      entity('Bad Name', 'bad', []),
      'not an object',
      { ...author, table: 'other_authors' }, // the name exists (earlier in this import): skipped silently
      entity('writer', 'authors', []),
    ],
    relations: [{ name: 'author_fans', type: 'one_to_many', source: 'author', target: 'fan', target_key: 'author_id' }],
    rules: [
      { entity: 'author', type: 'field', definition: { field: 'name', operator: 'min_length', value: 2 } },
      { entity: 'author', type: 'field', definition: { field: 'day_count', operator: 'min', value: 1 } },
      // The same rule again, in the flat form and with the default hook spelled out: the same key.
      { entity: 'author', hook: 'before_write', type: 'field', field: 'name', operator: 'min_length', value: 2 },
    ],
    state_machines: [{ entity: 'author', field: 'mood', definition: { transitions: [{ from: 'a', to: 'b' }] } }],
    workflows: [{ name: 'empty', trigger: { type: 'state_change', entity: 'author', field: 'name', to: 'x' }, steps: [] }],
    permissions: [{ entity: 'author', action: 'read', roles: ['b', 'a'] }, { entity: 'author', action: 'read', roles: ['a', 'b'] }, { entity: 'author', action: 'fly' }],
    webhooks: [{ entity: 'author', url: 'ftp://example.com/x' }, { entity: 'author', url: 'https://example.com/ok' }],
    ui_configs: [{ entity: 'author', config: [] }, { entity: 'ghost', config: {} }],
    sample_data: { author: [{ id: '60000000-0000-4000-8000-000000000001', name: 'Ann' }, { name: 5 }], nobody: [{}] },
  };
  const res = await call('POST', '/_admin/import', doc);
  t.equal(res.status, 200, '200 although items failed');
  t.same(res.body.data.summary, { entities: 1, relations: 0, rules: 1, state_machines: 0, workflows: 0, permissions: 1, webhooks: 1, ui_configs: 0, records: 1 });
  t.same(res.body.data.errors, [
    'entity Bad Name: invalid entity name: Bad Name',
    'entity : item must be an object',
    'entity writer: Table already in use: authors',
    'relation author_fans: target entity not found: fan',
    'rule author/field: rule field day_count not found on entity author',
    'state_machine author/mood: field mood not found on entity author',
    'workflow empty: at least one step is required',
    'permission author/fly: action must be read, create, update, or delete',
    'webhook author/after_write/ftp://example.com/x: url must start with http:// or https://',
    'ui_config author/default: config must be an object',
    'ui_config ghost/default: entity not found: ghost',
    'record author: row 1: name must be a string',
    'record nobody: unknown sample_data key',
  ]);
  t.same((await call('GET', '/_admin/entities')).body.data.map((e: Json) => e.name), ['author'], 'only the valid entity');
  t.equal((await call('GET', '/author')).body.meta.total, 1, 'and its valid sample row');

  const again = await call('POST', '/_admin/import', doc);
  t.same(again.body.data.summary, zero, 'nothing new the second time');
  t.same(again.body.data.errors, res.body.data.errors, 'and the same failures');
});

eachDialect(t, 'sample data: conversions, defaults, links, table-name keys, users, conflicts and audit entries', async (t, r) => {
  const { app, call } = await setup(r);
  const A1 = '10000000-0000-4000-8000-000000000001';
  const A2 = '10000000-0000-4000-8000-000000000002';
  const P1 = '20000000-0000-4000-8000-000000000001';
  const T1 = '30000000-0000-4000-8000-000000000001';
  const T2 = '30000000-0000-4000-8000-000000000002';
  const U1 = '40000000-0000-4000-8000-000000000001';
  const doc = {
    version: 1,
    entities: [
      entity('author', 'authors', [{ name: 'name', type: 'string', required: true }, { name: 'email', type: 'string', unique: true }]),
      entity('post', 'posts', [
        { name: 'title', type: 'string', required: true },
        { name: 'author_id', type: 'uuid' }, { name: 'published', type: 'boolean', default: false },
        { name: 'rating', type: 'int' }, { name: 'score', type: 'bigint' }, { name: 'meta', type: 'json' },
        { name: 'seen_at', type: 'timestamp' }, { name: 'created_at', type: 'timestamp', auto: 'create' },
      ], { soft_delete: true }),
      entity('tag', 'tag_rows', [{ name: 'label', type: 'string', required: true }]),
      { name: 'counter', table: 'counters', primary_key: { field: 'n', type: 'int', generated: true }, fields: [{ name: 'n', type: 'int', required: true }, { name: 'label', type: 'string' }] },
    ],
    relations: [
      { name: 'author_posts', type: 'one_to_many', source: 'author', target: 'post', target_key: 'author_id' },
      { name: 'post_tags', type: 'many_to_many', source: 'post', target: 'tag', join_table: 'post_tag_links', source_join_key: 'post_id', target_join_key: 'tag_id' },
    ],
    sample_data: {
      mystery: [{ a: 1 }],
      _users: [
        { id: U1, email: 'Writer@Example.com', password: 'writer-pass', role: 'editor', name: 'ignored' },
        { email: 'admin@localhost', password: 'whatever' },
        { email: 'nopass@example.com' },
      ],
      post_tag_links: [{ post_id: P1, tag_id: T1 }, { post_id: P1, tag_id: T2 }, { post_id: P1, tag_id: T1 }, { post_id: 'nope', tag_id: T1 }],
      tag_rows: [{ id: T1, label: 'sf' }, { id: T2, label: 'classic' }],
      post: [
        { id: P1, title: 'Dune', author_id: A1, rating: '5', score: '1234567890123', meta: { a: [1, true] }, seen_at: '2026-01-02T03:04:05+01:00', extra: 'ignored' },
        { title: 'No id' },
        { id: '20000000-0000-4000-8000-000000000003', title: 'Bad', rating: 2.5 },
        { id: P1, title: 'Duplicate key' },
        { id: '20000000-0000-4000-8000-000000000004' },
      ],
      author: [{ id: A1, name: 'Frank', email: 'f@example.com' }, { id: A2, name: 'Mary', email: 'f@example.com' }, { id: A2, name: 'Mary', email: 'm@example.com' }],
      counter: [{ n: 1, label: 'one' }, { n: 7, label: 'seven' }, { label: 'generated' }],
    },
  };
  const res = await call('POST', '/_admin/import', doc);
  t.equal(res.status, 200);
  // authors 2 (one skipped on its unique email), posts 2, tags 2, counters 3, links 2, users 1.
  t.equal(res.body.data.summary.records, 12, 'only rows actually inserted are counted');
  t.same(res.body.data.errors, [
    'record post: row 2: rating must be an integer',
    'record post: row 4: title is required',
    'record post_tag_links: row 3: post_id must be a UUID',
    'record _users: row 2: password is required',
    'record mystery: unknown sample_data key',
  ], 'entities first (document order), then join tables, then _users, then unknown keys');

  const post = (await call('GET', `/post/${P1}?include=tags`)).body.data;
  t.same(
    { title: post.title, author_id: post.author_id, published: post.published, rating: post.rating, score: post.score, meta: post.meta, seen_at: post.seen_at },
    { title: 'Dune', author_id: A1, published: false, rating: 5, score: '1234567890123', meta: { a: [1, true] }, seen_at: '2026-01-02T02:04:05.000Z' },
    'values in their storage: default, int from text, json, normalised timestamp',
  );
  t.ok(Math.abs(Date.parse(post.created_at) - Date.now()) < 60_000, 'an absent auto field gets the import time');
  t.same(post.tags.map((x: Json) => x.label).sort(), ['classic', 'sf'], 'join rows link the records');
  t.same((await call('GET', `/author/${A1}?include=author_posts`)).body.data.author_posts.map((p: Json) => p.id), [P1], 'one_to_many links by the sample ids');
  const posts = (await call('GET', '/post?sort=title')).body;
  t.equal(posts.meta.total, 2);
  t.match(posts.data[0].id, /^[0-9a-f-]{36}$/, 'an absent generated key is generated');
  t.equal((await call('GET', '/tag')).body.meta.total, 2, 'rows under the table name');
  t.same((await call('GET', '/author?sort=name')).body.data.map((a: Json) => [a.id, a.email]), [[A1, 'f@example.com'], [A2, 'm@example.com']], 'a row with a taken unique value is skipped, the next one goes in');

  const counters = (await call('GET', '/counter?sort=n')).body.data.map((c: Json) => [c.n, c.label]);
  t.same(counters.slice(0, 2), [[1, 'one'], [7, 'seven']], 'explicit integer keys are kept');
  t.equal((await call('POST', '/counter', { label: 'api' })).status, 201, 'and the key generator moved past them: the next create does not collide');
  const login = await r.request('POST', `/api/${app.name}/auth/login`, { body: { email: 'writer@example.com', password: 'writer-pass' } });
  t.equal(login.status, 200, 'the imported user can log in (password hashed as for POST /_admin/users)');
  const users = (await call('GET', '/_admin/users')).body.data;
  const writer = users.find((u: Json) => u.email === 'writer@example.com');
  t.same([writer?.id, writer?.roles, writer?.active], [U1, ['editor'], true], 'its id, role → roles, active by default');
  t.equal(users.length, 2, 'the existing admin email was skipped');

  const audit = (entity: string) => call('GET', `/_admin/audit-logs?entity=${entity}&source=import`);
  const postEntries = (await audit('post')).body;
  t.equal(postEntries.data.length, 2, 'one audit entry per inserted post, source import');
  t.same(postEntries.data.map((e: Json) => e.action), ['create', 'create']);
  t.equal((await audit('author')).body.data.length, 2);
  t.equal((await audit('_users')).body.data.length, 1, 'the user is audited like an admin-created one, source import');

  const again = await call('POST', '/_admin/import', doc);
  // Rows are matched by their key and unique values: the one row that names no key is new again.
  t.same(again.body.data.summary, { ...zero, records: 2 }, 'a re-import inserts only the rows without a key (a post, a counter)');
  t.same(again.body.data.errors, res.body.data.errors, 'and reports the same refused rows');
  t.equal((await audit('post')).body.data.length, 3, 'and audits only that row');
  t.equal((await audit('author')).body.data.length, 2);
});

eachDialect(t, 'a sample row the database refuses costs its own entry only (the batch is retried row by row)', async (t, r) => {
  const { app, call } = await setup(r);
  const db = r.server.rocket.apps.get(app.name)!.db;
  const uuid = r.dialect === 'postgres' ? 'UUID' : 'TEXT';
  // An adopted table (metadata.md §9.1) with a constraint the entity does not know about.
  await db.run(`CREATE TABLE gadgets (id ${uuid} PRIMARY KEY, name TEXT NOT NULL, qty INTEGER CHECK (qty <> 13))`);
  const rows = Array.from({ length: 8 }, (_, i) => ({ id: `50000000-0000-4000-8000-00000000000${i}`, name: `g${i}`, qty: i === 5 ? 13 : i }));
  const res = await call('POST', '/_admin/import', {
    version: 1,
    entities: [entity('gadget', 'gadgets', [{ name: 'name', type: 'string', required: true }, { name: 'qty', type: 'int' }])],
    sample_data: { gadget: rows },
  });
  t.equal(res.status, 200);
  t.equal(res.body.data.summary.records, 7);
  t.equal(res.body.data.errors.length, 1);
  t.match(res.body.data.errors[0], /^record gadget: row 5: insert failed: .*(check|CHECK)/);
  t.equal((await call('GET', '/gadget')).body.meta.total, 7, 'the other rows of the batch went in');
});

eachDialect(t, 'dry run: the plan of creates, skips with differences, replacements and failures; nothing written', async (t, r) => {
  const { call } = await setup(r);
  const author = entity('author', 'authors', [{ name: 'name', type: 'string', required: true }]);
  const nameRule = { entity: 'author', type: 'field', definition: { field: 'name', operator: 'min_length', value: 2, message: 'Too short' } };
  const hook = { entity: 'author', url: 'https://hooks.example.com/authors' };
  for (const [path, body] of [['/_admin/entities', author], ['/_admin/rules', nameRule], ['/_admin/webhooks', hook], ['/_admin/ui-configs', { entity: 'author', config: { list: { columns: ['id'] } } }]] as const) {
    t.equal((await call('POST', path, body)).status, 201, `present: ${path}`);
  }
  t.equal((await call('POST', '/author', { name: 'Existing' })).status, 201);
  const doc = {
    version: 1,
    entities: [
      { ...author, fields: [...author.fields, { name: 'bio', type: 'text' }] },
      entity('book', 'books', [{ name: 'title', type: 'string', required: true }, { name: 'author_id', type: 'uuid' }]),
    ],
    relations: [{ name: 'author_books', type: 'one_to_many', source: 'author', target: 'book', target_key: 'author_id' }],
    rules: [{ ...nameRule, priority: 5 }, { entity: 'book', type: 'field', definition: { field: 'title', operator: 'not_empty' } }, { entity: 'book', type: 'field', definition: { field: 'pages', operator: 'min', value: 1 } }],
    webhooks: [{ ...hook, method: 'PUT' }],
    ui_configs: [{ entity: 'author', config: { list: { columns: ['name'] } } }, { entity: 'book', scope: 'card' }],
    sample_data: { book: [{ title: 'B1' }, { title: 'B2' }], author: [{ name: 'New' }] },
  };
  const before = withoutStamp((await call('GET', '/_admin/export')).body.data);
  const audits = (await call('GET', '/_admin/audit-logs?per_page=1')).body.meta?.total;

  const res = await call('POST', '/_admin/import?dry_run=true', doc);
  t.equal(res.status, 200);
  const data = res.body.data;
  t.equal(data.dry_run, true);
  t.equal(data.message, 'Dry run: nothing was written');
  const summary = { entities: 1, relations: 1, rules: 1, state_machines: 0, workflows: 0, permissions: 0, webhooks: 0, ui_configs: 2, records: 3 };
  t.same(data.summary, summary, 'the summary the import would answer with');
  t.same(data.errors, ['rule book/field: rule field pages not found on entity book']);
  const plan = data.plan;
  t.same(plan.entities, {
    create: ['entity book'], replace: [],
    skip: [{ item: 'entity author', differences: [{ path: 'fields[bio]', imported: { name: 'bio', type: 'text' } }] }],
    fail: [],
  }, 'an existing entity is skipped; its drift is listed');
  t.same(plan.relations.create, ['relation author_books']);
  t.same(plan.rules.create, ['rule book/field']);
  t.same(plan.rules.skip, [{ item: 'rule author/field', differences: [{ path: 'priority', existing: 0, imported: 5 }] }], 'the same key, another priority');
  t.same(plan.rules.fail, [{ item: 'rule book/field', error: 'rule book/field: rule field pages not found on entity book' }]);
  t.same(plan.webhooks.skip, [{ item: 'webhook author/after_write/https://hooks.example.com/authors', differences: [{ path: 'method', existing: 'POST', imported: 'PUT' }] }]);
  t.same(plan.ui_configs.replace, [{ item: 'ui_config author/default', differences: [{ path: 'config.list.columns[0]', existing: 'id', imported: 'name' }] }]);
  t.same(plan.ui_configs.create, ['ui_config book/card']);
  t.same(plan.state_machines, { create: [], replace: [], skip: [], fail: [] });
  t.same(plan.sample_data, [
    { key: 'author', target: 'author', rows: 1, insert: 1, skip: 0, errors: [] },
    { key: 'book', target: 'book', rows: 2, insert: 2, skip: 0, errors: [] },
  ], 'sample rows that would go in, in processing order');

  t.same(withoutStamp((await call('GET', '/_admin/export')).body.data), before, 'no metadata was written');
  t.equal((await call('GET', '/book')).status, 404, 'no table for the planned entity is served');
  t.equal((await call('GET', '/author')).body.meta.total, 1, 'no sample row was written');
  t.equal((await call('GET', '/_admin/audit-logs?per_page=1')).body.meta?.total, audits, 'no audit entry was written');
  t.equal((await call('POST', '/author', { name: 'After' })).status, 201, 'the app still writes normally');

  const real = await call('POST', '/_admin/import', doc);
  t.same(real.body.data.summary, summary, 'the import then does what the plan said');
  t.same(real.body.data.errors, data.errors);
});

const full = process.env.ROCKET_TEST_IMPORT_FULL === '1';
const SIZE = full ? { entities: 500, rows: 100_000, rowEntities: 2, joinRows: 1000 } : { entities: 30, rows: 1_300, rowEntities: 2, joinRows: 40 };

eachDialect(t, `a large document (${SIZE.entities} entities, ${SIZE.rows} sample rows) in one request`, async (t, r) => {
  const { call } = await setup(r);
  const doc = syntheticDocument(SIZE);
  const links = new Set((doc.sample_data as Json).e0000_links.map((l: Json) => `${l.e0000_id}/${l.e0001_id}`)).size;
  const res = await call('POST', '/_admin/import', doc);
  t.equal(res.status, 200);
  t.same(res.body.data, {
    message: 'Import completed',
    summary: { ...zero, entities: SIZE.entities, relations: SIZE.entities, rules: SIZE.entities, permissions: SIZE.entities, webhooks: SIZE.entities, records: SIZE.rows + links },
  });
  const perEntity = SIZE.rows / SIZE.rowEntities;
  t.equal((await call('GET', '/e0000?per_page=1')).body.meta.total, perEntity, 'rows of several batches');
  const last = SIZE.rows - 1;
  const row = (await call('GET', `/e0001/${rowId(1, last)}?include=e0001_children`)).body.data;
  t.same([row.title, row.parent_id, row.active], [`Row ${last}`, rowId(0, last - 1), true], 'the last row, with its link and default');
  t.equal((await call('GET', `/${entityName(SIZE.entities - 1)}`)).status, 200, 'the last entity is served');
  t.equal((await call('POST', '/e0002', { title: 'x' })).status, 422, 'its rules are live');
  const again = await call('POST', '/_admin/import', doc);
  t.same(again.body.data.summary, zero, 're-import: nothing');
});

eachDialect(t, 'the OpenAPI document lists export, import and the dry run', async (t, r) => {
  const { call } = await setup(r);
  const doc = (await call('GET', '/_openapi.json')).body;
  t.equal(doc.paths['/_admin/export'].get.operationId, 'exportSchema');
  const post = doc.paths['/_admin/import'].post;
  t.equal(post.operationId, 'importSchema');
  t.same(post.parameters.map((p: Json) => [p.name, p.in, p.schema.type]), [['dry_run', 'query', 'boolean']]);
  t.same(post.responses['200'].content['application/json'].schema.properties.data.oneOf.map((s: Json) => s.$ref),
    ['#/components/schemas/ImportResult', '#/components/schemas/ImportPlan']);
  t.same(doc.components.schemas.ImportSummary.required, [...SECTIONS, 'records']);
  t.same(doc.components.schemas.SchemaDocument.required, ['version', 'exported_at', ...SECTIONS]);
  t.ok(doc.components.schemas.ImportPlan.properties.plan.properties.sample_data);
});

eachDialect(t, 'the import takes bodies up to server.import_body_limit, other requests stay at server.body_limit', async (t, r) => {
  const { call } = await setup(r);
  const doc = syntheticDocument({ entities: 1, rows: 40 });
  const size = Buffer.byteLength(JSON.stringify(doc));
  t.ok(size > 4096, `the document (${size} bytes) is over body_limit`);
  const res = await call('POST', '/_admin/import', doc);
  t.same([res.status, res.body.data?.summary?.records], [200, 40], 'the import accepts it');
  const other = await call('POST', '/_admin/entities', { ...(doc.entities as Json[])[0], name: 'big', table: 'big', padding: 'x'.repeat(5000) });
  t.equal(other.status, 413, 'an entity body of that size is refused');
  const huge = await call('POST', '/_admin/import', { version: 1, padding: 'x'.repeat(70_000) });
  t.same([huge.status, huge.body.error?.code], [413, 'PAYLOAD_TOO_LARGE'], 'and an import over its own limit too');
}, { server: { body_limit: 4096, import_body_limit: 64 * 1024 } as never });
