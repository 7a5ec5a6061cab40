// HTTP conventions beyond the spec (issue 20 §3), over HTTP on both databases: `Location` on 201,
// ETags on reads with If-None-Match → 304 and If-Match → 412 on writes (with a race), PATCH as the
// partial update, /ready.
import t from 'tap';
import { buildServer } from '../../app.js';
import { eachDialect, testConfig, dropStores, userToken, type TestRocket } from '../helpers/server.js';

const product = {
  name: 'product', table: 'products', primary_key: { field: 'code', type: 'string' },
  fields: [{ name: 'code', type: 'string' }, { name: 'name', type: 'string', required: true }, { name: 'price', type: 'decimal' }, { name: 'stock', type: 'int' }],
};
const note = {
  name: 'note', table: 'notes', primary_key: { field: 'id', type: 'int', generated: true },
  fields: [{ name: 'id', type: 'int' }, { name: 'text', type: 'string' }],
};

async function setup(r: TestRocket) {
  const app = await r.createApp();
  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, headers?: Record<string, string>) =>
    r.request(method, path.startsWith('/api/') ? path : `/api/${app.name}${path}`, { token: app.token, body, headers });
  for (const e of [product, note]) t.equal((await call('POST', '/_admin/entities', e)).status, 201);
  return { app, call };
}

eachDialect(t, 'Location on 201: the new record\'s path, its key percent-encoded', async (t, r) => {
  const { app, call } = await setup(r);
  const created = await call('POST', '/note', { text: 'first' });
  t.equal(created.status, 201);
  t.equal(created.headers.location, `/api/${app.name}/note/${created.body.data.id}`);
  const followed = await call('GET', String(created.headers.location));
  t.equal(followed.status, 200);
  t.same(followed.body.data, created.body.data, 'the Location answers the created record');
  const odd = await call('POST', '/product?x=1', { code: 'A/B c', name: 'Slash' });
  t.equal(odd.status, 201);
  t.equal(odd.headers.location, `/api/${app.name}/product/A%2FB%20c`, 'no query string; the key is encoded');
  t.equal((await call('GET', String(odd.headers.location))).body.data.name, 'Slash');
  t.notOk((await call('PUT', `/note/${created.body.data.id}`, { text: 'x' })).headers.location, 'only a create has one');
});

eachDialect(t, 'X-Request-ID on every answer: app, platform, health, 404 and errors; a new id per request', async (t, r) => {
  const { call } = await setup(r);
  const answers = [
    await call('GET', '/note'), await call('GET', '/note/999'), await call('POST', '/note', [1]),
    await r.request('GET', '/health'), await r.request('GET', '/api/_platform/apps', { token: await r.platformToken() }),
    await r.request('GET', '/nowhere'), await r.request('GET', '/api/_platform/apps'),
  ];
  const ids = answers.map((res) => res.headers['x-request-id']);
  t.ok(ids.every((id) => typeof id === 'string' && id.length > 0), JSON.stringify(ids));
  t.equal(new Set(ids).size, ids.length, 'each request its own');
  t.ok(answers[0].headers['x-trace-id'], 'app routes also answer X-Trace-ID');

  // The document says so for every response, shared error responses included.
  const doc = (await call('GET', '/_openapi.json')).body;
  const header = { $ref: '#/components/headers/X-Request-ID' };
  t.same(doc.paths['/note'].get.responses['200'].headers['X-Request-ID'], header);
  t.same(doc.paths['/note/{id}'].get.responses['200'].headers['X-Request-ID'], header, 'beside the ETag');
  t.ok(doc.paths['/note/{id}'].get.responses['200'].headers.ETag);
  t.same(doc.paths['/auth/login'].post.responses['200'].headers['X-Request-ID'], header);
  const shared = Object.entries(doc.components.responses as Record<string, { headers?: Record<string, unknown> }>);
  t.ok(shared.length > 0 && shared.every(([, response]) => response.headers?.['X-Request-ID']), 'every shared (error) response');
  t.equal(doc.components.headers['X-Request-ID'].schema.type, 'string');
});

eachDialect(t, 'ETag and If-None-Match on reads: 304 while unchanged, a new tag after a change', async (t, r) => {
  const { call } = await setup(r);
  await call('POST', '/product', { code: 'P1', name: 'Pump', price: '10.50', stock: 3 });
  const first = await call('GET', '/product/P1');
  const etag = String(first.headers.etag);
  t.match(etag, /^"[A-Za-z0-9_-]+"$/, 'a strong ETag (over the exact bytes sent)');
  t.equal((await call('GET', '/product/P1')).headers.etag, etag, 'stable while nothing changes');
  const cached = await call('GET', '/product/P1', undefined, { 'if-none-match': etag });
  t.equal(cached.status, 304);
  t.equal(cached.body, undefined, 'no body');
  t.equal(cached.headers.etag, etag);
  t.equal((await call('GET', '/product/P1', undefined, { 'if-none-match': `"nope", W/${etag}` })).status, 304, 'a list; If-None-Match compares weakly');
  t.equal((await call('GET', '/product/P1', undefined, { 'if-none-match': '*' })).status, 304);
  t.equal((await call('GET', '/product/P1', undefined, { 'if-none-match': '"other"' })).status, 200);

  t.equal((await call('PATCH', '/product/P1', { stock: 4 })).status, 200);
  const changed = await call('GET', '/product/P1', undefined, { 'if-none-match': etag });
  t.equal(changed.status, 200, 'changed: the full answer');
  t.not(changed.headers.etag, etag);
  t.equal(changed.body.data.stock, 4);

  const list = await call('GET', '/product?sort=code');
  t.equal(list.status, 200);
  const listTag = String(list.headers.etag);
  t.equal((await call('GET', '/product?sort=code', undefined, { 'if-none-match': listTag })).status, 304, 'lists too');
  t.not((await call('GET', '/product?sort=code&per_page=1')).headers.etag, listTag, 'another representation, another tag');
  t.equal((await call('GET', '/product/NOPE', undefined, { 'if-none-match': '*' })).status, 404, 'no 304 for a missing record');
});

eachDialect(t, 'PATCH is the partial update: only the keys sent change; the same errors as PUT', async (t, r) => {
  const { call } = await setup(r);
  await call('POST', '/product', { code: 'P2', name: 'Valve', price: '2.00', stock: 9 });
  const patched = await call('PATCH', '/product/P2', { price: '2.50' });
  t.equal(patched.status, 200);
  t.match(patched.body.data, { code: 'P2', name: 'Valve', price: 2.5, stock: 9 });
  t.equal((await call('PATCH', '/product/NOPE', { stock: 1 })).status, 404);
  const bad = await call('PATCH', '/product/P2', { stock: 'many' });
  t.equal(bad.status, 422);
  t.equal(bad.body.error.code, 'VALIDATION_FAILED');
  t.equal((await call('PATCH', '/product/P2', [1])).status, 400);
  t.equal((await call('GET', '/product/P2')).body.data.stock, 9, 'nothing half-written');
  const doc = (await call('GET', '/_openapi.json')).body;
  t.ok(doc.paths['/product/{id}'].patch, 'in OpenAPI');
  t.ok(doc.paths['/product'].post.responses['201'].headers.Location);
  t.ok(doc.paths['/product/{id}'].get.responses['304']);
});

eachDialect(t, 'If-Match on PUT, PATCH and DELETE: 412 when the record changed, nothing written; 403 first', async (t, r) => {
  const { app, call } = await setup(r);
  await call('POST', '/product', { code: 'P3', name: 'Hose', stock: 1 });
  const read = await call('GET', '/product/P3');
  const etag = String(read.headers.etag);
  const ok = await call('PUT', '/product/P3', { stock: 2 }, { 'if-match': etag });
  t.equal(ok.status, 200, 'the current ETag: written');
  const stale = await call('PATCH', '/product/P3', { stock: 3 }, { 'if-match': etag });
  t.equal(stale.status, 412);
  t.equal(stale.body.error.code, 'PRECONDITION_FAILED');
  t.equal(stale.body.error.message, 'product P3 has changed: If-Match does not match its current ETag');
  const now = await call('GET', '/product/P3');
  t.equal(now.body.data.stock, 2, 'nothing written');
  t.equal((await call('PATCH', '/product/P3', { stock: 3 }, { 'if-match': `"x", ${now.headers.etag}` })).status, 200, 'a list naming the current tag');
  t.equal((await call('PATCH', '/product/P3', { stock: 4 }, { 'if-match': `W/${(await call('GET', '/product/P3')).headers.etag}` })).status, 412, 'If-Match compares strongly');
  t.equal((await call('PATCH', '/product/P3', { stock: 5 }, { 'if-match': '*' })).status, 200, '* matches any existing record');
  t.equal((await call('PATCH', '/product/NOPE', { stock: 5 }, { 'if-match': '*' })).status, 404);

  const user = userToken(r, app.name, ['clerk']);
  const refused = await r.request('PATCH', `/api/${app.name}/product/P3`, { token: user, body: { stock: 9 }, headers: { 'if-match': '"stale"' } });
  t.equal(refused.status, 403, 'no permission: 403 before anything about versions');

  const before = await call('GET', '/product/P3');
  t.equal((await call('DELETE', '/product/P3', undefined, { 'if-match': etag })).status, 412, 'DELETE with a stale tag');
  t.equal((await call('GET', '/product/P3')).status, 200, 'not deleted');
  t.equal((await call('DELETE', '/product/P3', undefined, { 'if-match': String(before.headers.etag) })).status, 200);
  t.equal((await call('GET', '/product/P3')).status, 404);
});

eachDialect(t, 'If-Match race: of concurrent updates naming one version exactly one is written (20 rounds)', async (t, r) => {
  const { call } = await setup(r);
  await call('POST', '/product', { code: 'R1', name: 'Race', stock: 0 });
  for (let round = 0; round < 20; round++) {
    const etag = String((await call('GET', '/product/R1')).headers.etag);
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => call('PATCH', '/product/R1', { stock: round * 10 + n }, { 'if-match': etag })));
    const statuses = answers.map((a) => a.status).sort();
    if (statuses.join() !== '200,412,412,412,412') t.fail(`round ${round}: ${statuses.join()}`);
    const winner = answers.find((a) => a.status === 200)!.body.data.stock;
    if ((await call('GET', '/product/R1')).body.data.stock !== winner) t.fail(`round ${round}: the stored value is not the winner's`);
  }
  t.pass('one winner in every round, and its value is the one stored');
});

eachDialect(t, '?fields= on list and get: only the named fields (and the key), relations included by naming a field of theirs', async (t, r) => {
  const { call } = await setup(r);
  const review = {
    name: 'review', table: 'reviews', primary_key: { field: 'id', type: 'int', generated: true },
    fields: [{ name: 'id', type: 'int' }, { name: 'product_code', type: 'string' }, { name: 'stars', type: 'int' }, { name: 'body', type: 'text' }],
  };
  t.equal((await call('POST', '/_admin/entities', review)).status, 201);
  t.equal((await call('POST', '/_admin/relations', { name: 'reviews', type: 'one_to_many', source: 'product', target: 'review', source_key: 'code', target_key: 'product_code' })).status, 201);
  await call('POST', '/product', { code: 'F1', name: 'Filter', price: '4.00', stock: 7 });
  await call('POST', '/review', { product_code: 'F1', stars: 5, body: 'great' });

  const list = await call('GET', '/product?fields=name');
  t.equal(list.status, 200);
  t.same(list.body.data, [{ code: 'F1', name: 'Filter' }], 'the key always stays');
  t.ok(list.body.meta, 'meta as usual');
  const nested = await call('GET', '/product?fields=price,reviews.stars');
  t.same(nested.body.data, [{ code: 'F1', price: 4, reviews: [{ id: 1, stars: 5 }] }], 'naming reviews.stars includes reviews');
  const whole = await call('GET', '/product?fields=name&include=reviews');
  t.same(whole.body.data[0].reviews, [{ id: 1, product_code: 'F1', stars: 5, body: 'great' }], 'an included relation not named keeps its fields');
  const one = await call('GET', '/product/F1?fields=stock');
  t.same(one.body.data, { code: 'F1', stock: 7 });
  t.not(one.headers.etag, (await call('GET', '/product/F1')).headers.etag, 'its own ETag');

  for (const [fields, message] of [
    ['nope', 'Unknown field in fields: nope'], ['reviews.nope', 'Unknown field in fields: reviews.nope'], ['nope.x', 'Unknown include: nope'],
  ]) {
    const bad = await call('GET', `/product?fields=${fields}`);
    t.equal(bad.status, 400, fields);
    t.same(bad.body.error, { code: 'UNKNOWN_FIELD', message }, fields);
    t.equal((await call('GET', `/product/F1?fields=${fields}`)).status, 400, `${fields} on a read`);
  }
});

eachDialect(t, 'filter[or][n][…]: alternatives ORed, each one ANDed, the whole ANDed with the other filters; total and row filters agree', async (t, r) => {
  const { app, call } = await setup(r);
  const rows = [['A', 'Anvil', '50.00', 0], ['B', 'Bolt', '0.10', 900], ['C', 'Clamp', '12.00', 3], ['D', 'Drill', '80.00', 5], ['E', 'Epoxy', '7.00', 0]];
  for (const [code, name, price, stock] of rows) t.equal((await call('POST', '/product', { code, name, price, stock })).status, 201);
  const codes = async (q: string, token?: string) => {
    const res = token ? await r.request('GET', `/api/${app.name}/product?sort=code&${q}`, { token }) : await call('GET', `/product?sort=code&${q}`);
    if (res.status !== 200) throw new Error(`${q}: ${res.status} ${JSON.stringify(res.body)}`);
    return { codes: res.body.data.map((p: any) => p.code).join(''), total: res.body.meta.total };
  };
  // (stock = 0) OR (price > 10 AND stock < 4)
  t.same(await codes('filter[or][0][stock]=0&filter[or][1][price.gt]=10&filter[or][1][stock.lt]=4'), { codes: 'ACE', total: 3 });
  t.same(await codes('filter[or][0][stock]=0&filter[or][1][price.gt]=10&filter[or][1][stock.lt]=4&filter[name.ilike]=%25e%25'), { codes: 'E', total: 1 }, 'ANDed with the plain filters');
  t.same(await codes('filter[or][7][code]=B&filter[or][2][code.in]=D,E'), { codes: 'BDE', total: 3 }, 'indexes need not start at 0');
  t.same(await codes('filter[or][0][code]=B&per_page=1&page=2'), { codes: '', total: 1 }, 'a page past the end: the count agrees');

  // A reader whose row filter allows only stock > 0: the alternatives cannot widen it.
  t.equal((await call('POST', '/_admin/permissions', { entity: 'product', action: 'read', roles: ['reader'], conditions: [{ field: 'stock', operator: 'gt', value: 0 }] })).status, 201);
  const reader = userToken(r, app.name, ['reader']);
  t.same(await codes('filter[or][0][stock]=0&filter[or][1][code]=C', reader), { codes: 'C', total: 1 }, 'the row filter still applies');

  for (const [q, message] of [
    ['filter[or][0][nope]=1', 'Unknown filter field: nope'],
    ['filter[or][0][stock.near]=1', 'Unknown filter operator: near'],
  ]) {
    const bad = await call('GET', `/product?${q}`);
    t.equal(bad.status, 400, q);
    t.equal(bad.body.error.message, message, q);
  }
  const many = Array.from({ length: 21 }, (_, i) => `filter[or][${i}][stock]=${i}`).join('&');
  const tooMany = await call('GET', `/product?${many}`);
  t.equal(tooMany.status, 400);
  t.equal(tooMany.body.error.message, 'At most 20 filter[or] alternatives');
});

eachDialect(t, 'OpenAPI servers URL: absolute from the request; forwarded headers only with trust_proxy', async (t, r) => {
  const { app, call } = await setup(r);
  const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'api.example.com' };
  t.same((await call('GET', '/_openapi.json')).body.servers, [{ url: `http://localhost:80/api/${app.name}` }]);
  t.same((await call('GET', '/_openapi.json', undefined, forwarded)).body.servers, [{ url: `http://localhost:80/api/${app.name}` }],
    'without trust_proxy a client cannot choose the URL');
});

eachDialect(t, 'OpenAPI servers URL behind a trusted proxy', async (t, r) => {
  const { app, call } = await setup(r);
  const doc = (await call('GET', '/_openapi.json', undefined, { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'api.example.com' })).body;
  t.same(doc.servers, [{ url: `https://api.example.com/api/${app.name}` }]);
}, { server: { trust_proxy: true } });

for (const dialect of ['sqlite'] as const) {
  t.test(`/ready: 200 when ready, 503 when the management database does not answer [${dialect}]`, async (t) => {
    const config = testConfig(dialect, {});
    t.teardown(() => dropStores(dialect, config));
    const server = await buildServer({ config, env: {}, readConfigFile: false, logger: false });
    await server.ready();
    const ready = await server.inject({ method: 'GET', url: '/ready' });
    t.equal(ready.statusCode, 200);
    t.same(ready.json(), { status: 'ready' });
    t.equal((await server.inject({ method: 'GET', url: '/health' })).statusCode, 200);
    // The management store goes away (here: closed under the running server).
    await server.rocket.mgmt.close();
    const down = await server.inject({ method: 'GET', url: '/ready' });
    t.equal(down.statusCode, 503);
    t.same(down.json(), { status: 'unavailable', reason: 'database' });
    t.equal((await server.inject({ method: 'GET', url: '/health' })).statusCode, 200, 'still alive');
    await server.close().catch(() => {});
  });
}
