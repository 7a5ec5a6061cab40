// Hostile input over HTTP on both databases (issue #12): malformed, oversized, deep, null and
// non-object bodies; values no database stores; ids that are too long, badly encoded, reserved or
// unicode; bad and forged auth headers; query grammar abuse; bad definitions; duplicate-create
// races; malformed HTTP and oversized uploads on a real socket. Every answer must be below 500,
// and every error must be the envelope {"error": {"code", "message"}} (platform-and-apps.md §1.1).
import net from 'node:net';
import t from 'tap';
import { eachDialect, userToken } from '../helpers/server.js';
import type { TapTest, TestResponse, TestRocket } from '../helpers/server.js';

const BODY_LIMIT = 2 * 1024 * 1024;

const book = {
  name: 'book', table: 'books', primary_key: { field: 'id', type: 'uuid', generated: true },
  slug: { field: 'slug', source: 'title' },
  fields: [
    { name: 'id', type: 'uuid' }, { name: 'title', type: 'string', required: true },
    { name: 'slug', type: 'string', unique: true }, { name: 'pages', type: 'int' }, { name: 'big', type: 'bigint' },
    { name: 'price', type: 'decimal', precision: 2 }, { name: 'rating', type: 'float' }, { name: 'in_print', type: 'boolean' },
    { name: 'published_on', type: 'date' }, { name: 'seen_at', type: 'timestamp' }, { name: 'data', type: 'json' },
    { name: 'isbn', type: 'string', unique: true },
  ],
};
const chapter = {
  name: 'chapter', table: 'chapters', primary_key: { field: 'id', type: 'int', generated: true },
  fields: [{ name: 'id', type: 'int' }, { name: 'book_id', type: 'uuid' }, { name: 'heading', type: 'string' }],
};
const note = {
  name: 'note', table: 'notes', primary_key: { field: 'code', type: 'string' },
  fields: [{ name: 'code', type: 'string' }, { name: 'body', type: 'text' }, { name: 'data', type: 'json' }],
};
const chapters = { name: 'chapters', type: 'one_to_many', source: 'book', target: 'chapter', target_key: 'book_id', on_delete: 'cascade' };

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS' | 'PATCH' | 'HEAD';

/** status < 500, and the envelope on every error; `status` (one or a list) when given. */
function expectAnswer(t: TapTest, res: TestResponse, label: string, status?: number | number[]): void {
  t.ok(res.status < 500, `${label}: ${res.status} < 500`);
  if (res.status >= 400) {
    const error = res.body?.error;
    t.ok(typeof error?.code === 'string' && typeof error?.message === 'string', `${label}: envelope (${JSON.stringify(res.body)?.slice(0, 120)})`);
  }
  if (status !== undefined) {
    const wanted = Array.isArray(status) ? status : [status];
    t.ok(wanted.includes(res.status), `${label}: ${res.status} is ${wanted.join(' or ')}`);
  }
}

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

async function setup(r: TestRocket) {
  const app = await r.createApp();
  const other = await r.createApp();
  const base = `/api/${app.name}`;
  const call = (method: Method, path: string, body?: unknown, headers?: Record<string, string>) =>
    r.request(method, `${base}${path}`, { token: app.token, body, headers });
  for (const e of [book, chapter, note]) {
    const res = await call('POST', '/_admin/entities', e);
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  }
  const rel = await call('POST', '/_admin/relations', chapters);
  if (rel.status !== 201) throw new Error(JSON.stringify(rel.body));
  const seeded = await call('POST', '/book', { title: 'Seed', chapters: { data: [{ heading: 'one' }] } });
  if (seeded.status !== 201) throw new Error(JSON.stringify(seeded.body));
  return { app, other, base, call, bookId: seeded.body.data.id as string };
}

/** Sends raw bytes on a fresh connection and collects everything until the server closes it. */
function rawExchange(port: number, send: (socket: net.Socket) => void): Promise<{ text: string; writeError?: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let writeError: string | undefined;
    const guard = setTimeout(() => { socket.destroy(); reject(new Error('no close within 10 s')); }, 10_000);
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', (e: NodeJS.ErrnoException) => { writeError = e.code; });
    socket.on('close', () => {
      clearTimeout(guard);
      resolve({ text: Buffer.concat(chunks).toString('latin1'), writeError });
    });
    socket.on('connect', () => send(socket));
  });
}

/** The status and parsed body of a raw HTTP/1.1 answer. */
function parseRaw(text: string): TestResponse {
  const head = /^HTTP\/1\.1 (\d{3})/.exec(text);
  const split = text.indexOf('\r\n\r\n');
  let body: unknown;
  try { body = JSON.parse(text.slice(split + 4)); } catch { body = text.slice(split + 4); }
  return { status: head ? Number(head[1]) : 0, body, headers: {} };
}

eachDialect(t, 'hostile input', async (t, r) => {
  const { app, other, base, call, bookId } = await setup(r);

  t.test('bodies', async (t) => {
    for (const text of ['{', '{"title":}', "{'title':'x'}", '{"title":"x"}garbage', '{"title":"x",}', '\u0000', 'nul', '{"a":1e}', '{"title":"x"}{}', '{"title":"\\x"}']) {
      const res = await call('POST', '/book', text);
      expectAnswer(t, res, `malformed ${JSON.stringify(text)}`, 400);
      t.equal(res.body?.error?.code, 'INVALID_PAYLOAD');
    }
    for (const text of ['null', '[]', '[{"title":"x"}]', '"title"', '42', 'true']) {
      for (const [method, path] of [['POST', '/book'], ['PUT', `/book/${bookId}`], ['POST', '/_admin/entities'], ['PUT', '/_admin/entities/book'],
        ['POST', '/_admin/relations'], ['POST', '/_admin/permissions'], ['POST', '/_admin/users'], ['POST', '/_admin/invites'], ['POST', '/auth/login']] as const) {
        const res = await call(method, path, text);
        expectAnswer(t, res, `${method} ${path} ${text}`, 400);
        t.same(res.body, { error: { code: 'INVALID_PAYLOAD', message: 'Invalid JSON body' } });
      }
    }
    const nullApp = await r.request('POST', '/api/_platform/apps', { token: await r.platformToken(), body: 'null' });
    expectAnswer(t, nullApp, 'platform create-app null', 400);
    t.same(nullApp.body, { error: { code: 'INVALID_PAYLOAD', message: 'Invalid request body' } });
    expectAnswer(t, await r.request('POST', '/api/_platform/auth/login', { body: 'null' }), 'platform login null', 400);

    for (const [label, body] of [
      ['title number', { title: 123 }], ['pages text', { title: 'x', pages: 'abc' }], ['pages fraction', { title: 'x', pages: 1.5 }],
      ['in_print text', { title: 'x', in_print: 'yes' }], ['price object', { title: 'x', price: {} }], ['date array', { title: 'x', published_on: [] }],
      ['timestamp garbage', { title: 'x', seen_at: 'yesterday' }], ['unknown key', { title: 'x', nope: 1 }], ['relation scalar', { title: 'x', chapters: 5 }],
      ['relation data object', { title: 'x', chapters: { data: { heading: 'a' } } }], ['bad write mode', { title: 'x', chapters: { _write_mode: 'explode', data: [] } }],
      ['title array', { title: ['a'] }],
    ] as const) {
      expectAnswer(t, await call('POST', '/book', body), `wrong type: ${label}`, 422);
    }

    const huge = await call('POST', '/book', JSON.stringify({ title: 'x'.repeat(BODY_LIMIT + 10) }));
    expectAnswer(t, huge, 'body over the limit', 413);
    t.equal(huge.body?.error?.code, 'PAYLOAD_TOO_LARGE');
    expectAnswer(t, await call('POST', '/book', { title: 'y'.repeat(200_000) }), 'a 200 KB title', [201, 422]);

    const nest = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    for (const depth of [129, 5_000, 100_000]) {
      const res = await call('POST', '/book', `{"title":"deep","data":${nest(depth - 1)}}`);
      expectAnswer(t, res, `json value ${depth} deep`, 400);
      t.equal(res.body?.error?.code, 'INVALID_PAYLOAD');
    }
    const deepest = await call('POST', '/book', `{"title":"deep","data":${nest(127)}}`);
    expectAnswer(t, deepest, 'json value at the depth limit (128 with the body)', 201);
    const deepObj = await call('POST', '/book', `{"title":"deep","data":${'{"a":'.repeat(6000)}1${'}'.repeat(6000)}}`);
    expectAnswer(t, deepObj, 'json objects 6000 deep', 400);
    expectAnswer(t, await call('POST', '/book', JSON.stringify({ title: '['.repeat(10_000) })), 'brackets inside a string are not depth', 201);
    const nestedWrite = `{"title":"x",${'"chapters":{"data":[{"heading":"x",'.repeat(2000)}"heading":"leaf"${'}]}'.repeat(2000)}}`;
    expectAnswer(t, await call('POST', '/book', nestedWrite), 'nested writes 2000 deep', 400);
    const deepCondition = `{"entity":"book","action":"read","conditions":[{"field":"title","operator":"eq","value":${nest(5000)}}]}`;
    expectAnswer(t, await call('POST', '/_admin/permissions', deepCondition), 'permission condition 5000 deep', 400);
    const deepDefinition = `{"name":"deep","table":"deeps","primary_key":{"field":"id","type":"uuid","generated":true},"fields":[{"name":"id","type":"uuid","default":${nest(5000)}}]}`;
    expectAnswer(t, await call('POST', '/_admin/entities', deepDefinition), 'entity definition 5000 deep', 400);

    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', 'image/png', 'text/html; charset=utf-8']) {
      const res = await call('POST', '/book', '{"title":"sent as other type"}', { 'content-type': type });
      expectAnswer(t, res, `content type ${type} is {}`, 422);
    }
    expectAnswer(t, await call('POST', '/book', '{bad', { 'content-type': 'application/vnd.api+json' }), '+json malformed', 400);
    expectAnswer(t, await call('POST', '/book', '{"title":"ok"}', { 'content-type': 'application/json; charset=utf-8' }), 'json with charset', 201);
    expectAnswer(t, await call('POST', '/book', '', { 'content-type': 'application/json' }), 'empty json body is {}', 422);
    expectAnswer(t, await call('POST', '/book', '\ufeff{"title":"with a BOM"}'), 'a byte order mark is skipped', 201);
    expectAnswer(t, await call('POST', '/book', '{"title":"x"}', { 'content-type': ';;;' }), 'content type garbage', [201, 400, 415, 422]);
  });

  t.test('values', async (t) => {
    let n = 0;
    const fresh = () => `v${n++}`;
    t.test('text no database stores', async (t) => {
      for (const [label, body] of [
        ['NUL in a string', { title: 'a\u0000b' }], ['NUL in a json value', { title: 'x', data: { k: 'a\u0000' } }],
        ['NUL in a json key', { title: 'x', data: { 'k\u0000': 1 } }], ['lone surrogate in json', { title: 'x', data: '\ud800' }],
        ['lone surrogate in a string', { title: 'x\udc00' }],
      ] as const) {
        expectAnswer(t, await call('POST', '/book', body), label, 422);
      }
      expectAnswer(t, await call('POST', '/note', { code: 'a\u0000' }), 'NUL in a string id', 422);
      expectAnswer(t, await call('GET', '/note/%00'), 'NUL id segment', 404);
      expectAnswer(t, await r.request('GET', '/api/_platform/apps/%00', { token: await r.platformToken() }), 'NUL app name', 404);
      expectAnswer(t, await call('POST', '/auth/login', { email: 'a\u0000@x.io', password: 'x' }), 'NUL login email', 401);
      expectAnswer(t, await r.request('POST', '/api/_platform/auth/login', { body: { email: 'a\u0000@x.io', password: 'x' } }), 'NUL platform login email', 401);
      expectAnswer(t, await call('POST', '/_admin/permissions', { entity: 'book', action: 'read', conditions: [{ field: 'title', operator: 'eq', value: 'a\u0000' }] }), 'NUL condition value', 422);
      expectAnswer(t, await call('GET', '/book?filter[title]=a%00b'), 'NUL in a filter value', [200, 400]);
    });
    t.test('numbers', async (t) => {
      for (const [label, text] of [
        ['int 1e400', '{"title":"x","pages":1e400}'], ['int beyond 2^31', '{"title":"x","pages":99999999999}'],
        ['int 20 digits', '{"title":"x","pages":99999999999999999999}'], ['bigint beyond 2^63', '{"title":"x","big":"99999999999999999999999"}'],
        ['float 1e400', '{"title":"x","rating":1e400}'], ['decimal 1e400', '{"title":"x","price":1e400}'],
        ['decimal text garbage', '{"title":"x","price":"12.3.4"}'], ['negative zero', '{"title":"x","pages":-0}'],
      ] as const) {
        expectAnswer(t, await call('POST', '/book', text), label);
      }
      expectAnswer(t, await call('POST', '/book', '{"title":"x","price":"1e400"}'), 'decimal text 1e400');
      expectAnswer(t, await call('POST', '/book', '{"title":"x","rating":1e308,"price":"99999999999999999999999999999.99"}'), 'huge but finite');
    });
    t.test('dates', async (t) => {
      for (const [label, body] of [
        ['date year 0', { title: 'x', published_on: '0000-01-01' }], ['timestamp year 0', { title: 'x', seen_at: '0000-01-01T00:00:00Z' }],
        ['date year 10000', { title: 'x', published_on: '+010000-01-01' }], ['date Feb 30', { title: 'x', published_on: '2024-02-30' }],
        ['timestamp extended year', { title: 'x', seen_at: '+275760-09-13T00:00:00Z' }], ['date month 13', { title: 'x', published_on: '2024-13-01' }],
      ] as const) {
        expectAnswer(t, await call('POST', '/book', body), label, [201, 422]);
      }
      expectAnswer(t, await call('GET', '/book?filter[published_on]=0000-01-01'), 'filter on year 0', [200, 400]);
    });
    t.test('json scalars round-trip', async (t) => {
      for (const value of [true, false, [true], [false, 1], 0, -1.5, 'text', [null, true], { a: [true, null] }, []]) {
        const code = fresh();
        const res = await call('POST', '/note', { code, data: value });
        expectAnswer(t, res, `json ${JSON.stringify(value)}`, 201);
        t.same((await call('GET', `/note/${code}`)).body?.data?.data, value, `json ${JSON.stringify(value)} round-trips`);
      }
    });
    t.test('prototype keys are unknown keys', async (t) => {
      expectAnswer(t, await call('POST', '/book', '{"title":"x","__proto__":{"admin":true}}'), '__proto__', 422);
      expectAnswer(t, await call('POST', '/book', '{"title":"x","constructor":{"prototype":{"admin":true}}}'), 'constructor.prototype', 422);
    });
  });

  t.test('ids', async (t) => {
    const max = 'k'.repeat(255);
    const created = await call('POST', '/note', { code: max });
    expectAnswer(t, created, 'a 255-character string id', 201);
    expectAnswer(t, await call('GET', `/note/${max}`), 'is addressable', 200);
    expectAnswer(t, await call('PUT', `/note/${max}`, { body: 'x' }), 'is updatable', 200);
    expectAnswer(t, await call('DELETE', `/note/${max}`), 'is deletable', 200);
    const tooLong = await call('POST', '/note', { code: 'k'.repeat(256) });
    expectAnswer(t, tooLong, 'a 256-character string id', 422);
    t.match(tooLong.body?.error?.details, [{ field: 'code', rule: 'max_length' }]);
    const nestedTooLong = await call('POST', '/note', { code: 'z', body: 'x' });
    expectAnswer(t, nestedTooLong, 'short id', 201);
    for (const length of [256, 1_000, 8_000]) {
      const res = await call('GET', `/note/${'k'.repeat(length)}`);
      expectAnswer(t, res, `GET a ${length}-character id`, 404);
      t.equal(res.body?.error?.code, 'NOT_FOUND');
    }
    const unicode = '\u00e9'.repeat(200) + '\u{1F680}'.repeat(27); // 254 code units, 1 562 characters encoded
    expectAnswer(t, await call('POST', '/note', { code: unicode }), 'unicode id', 201);
    expectAnswer(t, await call('GET', `/note/${encodeURIComponent(unicode)}`), 'unicode id addressable', 200);
    expectAnswer(t, await call('POST', '/note', { code: 'a/b' }), 'id with a slash', 201);
    expectAnswer(t, await call('GET', '/note/a%2Fb'), 'encoded slash id', 200);
    expectAnswer(t, await call('GET', '/note/a/b'), 'unencoded slash', 404);
    for (const bad of ['%ZZ', '%FF', '%C0%AF', '%E0%80', '%', '%2', 'a%ZZb', '%ED%A0%80']) {
      for (const path of [`/book/${bad}`, `/note/${bad}`]) {
        const res = await call('GET', path);
        expectAnswer(t, res, `bad encoding ${path}`, 404);
        t.equal(res.body?.error?.code, 'NOT_FOUND');
      }
      expectAnswer(t, await call('PUT', `/book/${bad}`, { title: 'x' }), `PUT bad encoding ${bad}`, 404);
      expectAnswer(t, await call('DELETE', `/book/${bad}`), `DELETE bad encoding ${bad}`, 404);
    }
    expectAnswer(t, await r.request('GET', '/api/%ZZ/book', { token: app.token }), 'bad encoding in the app segment', 404);
    expectAnswer(t, await call('GET', '/%FF'), 'bad encoding in the entity segment', 404);
    expectAnswer(t, await r.request('GET', '/api/_platform/apps/%C0%AF', { token: await r.platformToken() }), 'bad encoding in a platform path', 404);
    expectAnswer(t, await call('GET', '/book?filter[title]=%ZZ'), 'bad encoding in the query string', [200, 400]);
    for (const reserved of ['_x', '_bulk', '_', '__proto__']) {
      expectAnswer(t, await call('GET', `/book/${reserved}`), `GET /book/${reserved}`, 404);
      expectAnswer(t, await call('PUT', `/book/${reserved}`, { title: 'x' }), `PUT /book/${reserved}`, 404);
    }
    expectAnswer(t, await call('POST', '/note', { code: '_underscore' }), '_-prefixed string id', [201, 422]);
    for (const id of ['99999999999999999999', '-1', '1.5', '0x10', '1e3', ' 1', '']) {
      expectAnswer(t, await call('GET', `/chapter/${encodeURIComponent(id)}`), `int id ${JSON.stringify(id)}`, [200, 404]);
    }
    for (const id of ['not-a-uuid', '00000000-0000-0000-0000-00000000000g', bookId.toUpperCase() + 'x', '%E2%9C%93', '..', '.']) {
      expectAnswer(t, await call('GET', `/book/${id}`), `uuid id ${id}`, [200, 404]);
    }
    expectAnswer(t, await call('GET', '//book'), 'empty entity segment', 404);
    expectAnswer(t, await r.request('GET', `/api//book`, { token: app.token }), 'empty app segment', 404);
    expectAnswer(t, await call('PATCH', `/book/${bookId}`, { title: 'x' }), 'PATCH (the partial update, like PUT)', 200);
    expectAnswer(t, await call('PATCH', '/book', { title: 'x' }), 'PATCH on a collection', 404);
  });

  t.test('headers', async (t) => {
    const url = `${base}/book`;
    const signature = app.token.split('.')[2];
    const tampered = app.token.slice(0, -2) + (app.token.endsWith('AA') ? 'BB' : 'AA');
    const none = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: '00000000-0000-4000-8000-000000000001', roles: ['admin'], exp: 4102444800 })}.`;
    const hs512 = `${b64url({ alg: 'HS512', typ: 'JWT' })}.${app.token.split('.')[1]}.${signature}`;
    for (const [label, authorization] of [
      ['Bearer only', 'Bearer'], ['Bearer and space', 'Bearer '], ['Basic', 'Basic YWRtaW46Y2hhbmdlbWU='], ['lowercase scheme', `bearer ${app.token}`],
      ['two parts', 'Bearer a.b'], ['garbage', 'Bearer !!!'], ['alg=none', `Bearer ${none}`], ['alg=none unsigned', `Bearer ${none.slice(0, -1)}`],
      ['alg swapped', `Bearer ${hs512}`], ['tampered signature', `Bearer ${tampered}`], ['wrong app', `Bearer ${other.token}`],
      ['8 KB token', `Bearer ${'a'.repeat(8192)}`], ['double space', `Bearer  ${app.token}`], ['two tokens', `Bearer ${app.token} ${app.token}`],
    ] as const) {
      const res = await r.request('GET', url, { headers: { authorization } });
      expectAnswer(t, res, `auth: ${label}`, label === 'lowercase scheme' ? [200, 401] : 401);
    }
    const user = userToken(r, app.name, ['reader']);
    expectAnswer(t, await r.request('GET', `${base}/_admin/entities`, { token: user }), 'non-admin on an admin route', 403);
    expectAnswer(t, await r.request('GET', `/api/_platform/apps`, { token: app.token }), 'app token on a platform route', [401, 403]);
    expectAnswer(t, await r.request('GET', url, { token: app.token, headers: { 'x-trace-id': 'x'.repeat(10_000) } }), 'a 10 KB trace id', 200);
    expectAnswer(t, await r.request('GET', `/api/nope${'x'.repeat(300)}/book`, { token: app.token }), 'long unknown app', 404);
    const preflight = await r.request('OPTIONS', url);
    expectAnswer(t, preflight, 'OPTIONS without CORS request headers', 204);
    const realPreflight = await r.request('OPTIONS', url, { headers: { origin: 'http://example.test', 'access-control-request-method': 'POST' } });
    expectAnswer(t, realPreflight, 'CORS preflight', 204);
  });

  t.test('query grammar', async (t) => {
    const list = (query: string) => call('GET', `/book?${query}`);
    for (const [query, status] of [
      ['filter[nope]=1', 400], ['filter[title.nope]=1', 400], ['filter[title.eq.x]=1', 400], ['filter[pages]=abc', 400],
      ['filter[pages.in]=1,a', 400], ['filter[data]=x', 400], ['filter[title.is_null]=maybe', 400], ['filter[]=1', 400],
      ['filter[.eq]=1', 400], ['filter[title.]=x', 400], ['filter[title][]=a', 400], ['filter[title][eq]=a', 400],
      ['filter[pages.gt]=99999999999999999999', 400], ['filter[big.lt]=-99999999999999999999999', 400], ['filter[seen_at.gte]=soon', 400],
      ['filter[id]=not-a-uuid', 400], ['filter[in_print]=yes', 400], ['filter[published_on]=2024-02-30', 400], ['filter[deleted_at]=x', 400],
      ['filter[title.like]=%25%25%25%25', 200], ['filter[title.in]=' + ',a'.repeat(2000), 200], ['filter[title]=a&filter[title]=b', 200],
      ['filter[title=x', 200], ['filter=x', 200], ['filter[title.ilike]=%25_%25', 200], ['filter[price.gt]=1.5', 200],
      ['page=0', 200], ['page=-1', 200], ['page=abc', 200], ['page=1e3', 200], ['page=99999999999999999999999', 200], ['page=1&page=2', 200],
      ['per_page=0', 200], ['per_page=100000', 200], ['per_page=abc', 200], ['per_page=-5', 200], ['per_page[]=5', 200], ['total=maybe', 200],
      ['sort=nope', 400], ['sort=-nope', 400], ['sort=--title', 400], ['sort=-', 400], ['sort=,,', 200], ['sort=title,-title', 200],
      ['sort=title&sort=nope', 400], ['sort=data', 200], ['sort[]=title', 200],
      ['include=nope', 400], ['include=chapters.nope', 400], ['include=chapters.book.chapters.book', 400], ['include=chapters,chapters', 200],
      ['include=.', 400], ['include=chapters..x', 400], ['include=' + 'chapters,'.repeat(500), 200], ['include[]=chapters', 200],
      ['include=__proto__', 400], ['include=constructor', 400], ['filter[__proto__]=1', 400], ['filter[constructor]=1', 400],
      ['__proto__[x]=1', 200], ['a'.repeat(10_000) + '=1', 200], [Array.from({ length: 500 }, (_, i) => `p${i}=${i}`).join('&'), 200],
    ] as const) {
      expectAnswer(t, await list(query), `?${query.slice(0, 60)}`, status);
    }
    expectAnswer(t, await call('GET', `/book/${bookId}?include=nope`), 'GET one, unknown include', 400);
    expectAnswer(t, await call('GET', `/book/${bookId}?include=chapters.book.chapters.book`), 'GET one, include too deep', 400);
  });

  t.test('metadata', async (t) => {
    const pk = { field: 'id', type: 'uuid', generated: true };
    const id = { name: 'id', type: 'uuid' };
    for (const [label, def] of [
      ['no name', { table: 'xs', primary_key: pk, fields: [id] }], ['name with spaces', { name: 'a b', table: 'abs', primary_key: pk, fields: [id] }],
      ['name 10k', { name: 'n'.repeat(10_000), table: 'ns', primary_key: pk, fields: [id] }], ['fields a string', { name: 'fs', table: 'fs', primary_key: pk, fields: 'id' }],
      ['fields missing', { name: 'fm', table: 'fm', primary_key: pk }], ['unknown type', { name: 'ut', table: 'uts', primary_key: pk, fields: [id, { name: 'x', type: 'blob' }] }],
      ['duplicate field', { name: 'df', table: 'dfs', primary_key: pk, fields: [id, id] }], ['pk not a field', { name: 'pn', table: 'pns', primary_key: { field: 'nope', type: 'uuid' }, fields: [id] }],
      ['enum not a list', { name: 'en', table: 'ens', primary_key: pk, fields: [id, { name: 's', type: 'string', enum: 'a' }] }],
      ['field name with quote', { name: 'fq', table: 'fqs', primary_key: pk, fields: [id, { name: 'a"b', type: 'string' }] }],
      ['table with semicolon', { name: 'ts', table: 'x; DROP TABLE books', primary_key: pk, fields: [id] }],
      ['reserved name', { name: '_admin', table: 'admins', primary_key: pk, fields: [id] }], ['reserved name auth', { name: 'auth', table: 'auths', primary_key: pk, fields: [id] }],
      ['field null', { name: 'fnull', table: 'fnulls', primary_key: pk, fields: [id, null] }], ['primary key null', { name: 'pknull', table: 'pknulls', primary_key: null, fields: [id] }],
      ['existing entity', book],
    ] as const) {
      expectAnswer(t, await call('POST', '/_admin/entities', def), `definition: ${label}`, [400, 409, 422]);
    }
    t.test('system table names', async (t) => {
      for (const table of ['pg_user', 'pg_class', 'sqlite_master', 'sqlite_sequence', '_users', '_migrations', '_permissions']) {
        expectAnswer(t, await call('POST', '/_admin/entities', { name: `sys${table.replace(/_/g, '')}`, table, primary_key: pk, fields: [id] }), `table ${table}`, [409, 422]);
      }
    });
    for (const [label, relation] of [
      ['unknown target', { ...chapters, name: 'ghosts', target: 'ghost' }], ['unknown type', { ...chapters, name: 'weird', type: 'many_to_few' }],
      ['name of a field', { ...chapters, name: 'title' }], ['existing relation', chapters], ['no fields', {}],
      ['target key missing', { name: 'tk', type: 'one_to_many', source: 'book', target: 'chapter', target_key: 'nope' }],
    ] as const) {
      expectAnswer(t, await call('POST', '/_admin/relations', relation), `relation: ${label}`, [400, 404, 409, 422]);
    }
    for (const [label, permission] of [
      ['unknown action', { entity: 'book', action: 'explode' }], ['roles not strings', { entity: 'book', action: 'read', roles: [1] }],
      ['conditions object', { entity: 'book', action: 'read', conditions: { field: 'title' } }],
      ['condition operator', { entity: 'book', action: 'read', conditions: [{ field: 'title', operator: 'explode', value: 1 }] }],
      ['condition without field', { entity: 'book', action: 'read', conditions: [{ operator: 'eq', value: 1 }] }],
      ['condition null', { entity: 'book', action: 'read', conditions: [null] }], ['entity object', { entity: {}, action: 'read' }],
    ] as const) {
      expectAnswer(t, await call('POST', '/_admin/permissions', permission), `permission: ${label}`, [400, 422]);
    }
    expectAnswer(t, await call('PUT', '/_admin/entities/ghost', book), 'PUT unknown entity', [404, 422]);
    expectAnswer(t, await call('DELETE', '/_admin/entities/ghost'), 'DELETE unknown entity', 404);
    expectAnswer(t, await call('GET', '/_admin/permissions/not-a-uuid'), 'permission id not a uuid', 404);
    expectAnswer(t, await call('GET', '/_admin/users/%FF'), 'user id bad encoding', 404);
    const appName = await r.request('POST', '/api/_platform/apps', { token: await r.platformToken(), body: { name: 'x'.repeat(300), db_driver: r.dialect } });
    expectAnswer(t, appName, 'app name 300 characters', [400, 422]);
    expectAnswer(t, await r.request('POST', '/api/_platform/apps', { token: await r.platformToken(), body: { name: '_platform', db_driver: r.dialect } }), 'app named _platform', [400, 409, 422]);
    expectAnswer(t, await r.request('POST', '/api/_platform/apps', { token: await r.platformToken(), body: { name: 'ok', db_driver: 'oracle' } }), 'unknown driver', [400, 422]);
  });

  t.test('races', async (t) => {
    const same = await Promise.all(Array.from({ length: 8 }, () => call('POST', '/note', { code: 'race' })));
    for (const res of same) expectAnswer(t, res, 'duplicate string id', [201, 409]);
    t.equal(same.filter((res) => res.status === 201).length, 1, 'one duplicate id create wins');
    const isbn = await Promise.all(Array.from({ length: 8 }, (_, i) => call('POST', '/book', { title: `Race ${i}`, isbn: 'race-isbn' })));
    for (const res of isbn) expectAnswer(t, res, 'duplicate unique value', [201, 409]);
    t.equal(isbn.filter((res) => res.status === 201).length, 1, 'one unique-value create wins');
    t.equal((await call('GET', '/book?filter[isbn]=race-isbn')).body.meta.total, 1, 'one row stored');
    const users = await Promise.all(Array.from({ length: 6 }, () => call('POST', '/_admin/users', { email: 'race@example.test', password: 'secret-password' })));
    for (const res of users) expectAnswer(t, res, 'duplicate user email', [201, 409]);
    t.equal(users.filter((res) => res.status === 201).length, 1, 'one user create wins');
    const entity = { name: 'racer', table: 'racers', primary_key: { field: 'id', type: 'uuid', generated: true }, fields: [{ name: 'id', type: 'uuid' }] };
    const defs = await Promise.all(Array.from({ length: 4 }, () => call('POST', '/_admin/entities', entity)));
    for (const res of defs) expectAnswer(t, res, 'duplicate entity definition', [201, 409, 422]);
    t.equal(defs.filter((res) => res.status === 201).length, 1, 'one entity create wins');
    expectAnswer(t, await call('GET', '/_admin/entities/racer'), 'the raced entity exists', 200);
  });

  t.test('raw HTTP', async (t) => {
    const address = await r.server.listen({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(address).port);
    const send = (text: string) => rawExchange(port, (s) => s.write(text));
    for (const [label, text, status] of [
      ['duplicate Content-Length', 'POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab', 400],
      ['Content-Length and Transfer-Encoding', 'POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400],
      ['obs-fold', 'GET /health HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n', 400],
      ['NUL in a header', 'GET /health HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n', 400],
      ['bad Content-Length', 'POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n', 400],
      ['bad chunk size', 'POST /health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 400],
      ['garbage request line', 'GARBAGE\r\n\r\n', 400], ['unknown method', 'BREW /health HTTP/1.1\r\nHost: x\r\n\r\n', 400],
      ['header over 16 KB', `GET /health HTTP/1.1\r\nHost: x\r\nX-A: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
      ['URL over 16 KB', `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431],
    ] as const) {
      const res = parseRaw((await send(text)).text);
      expectAnswer(t, res, `raw: ${label}`, status);
    }
    const keepAlive = await send('GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    t.match(keepAlive.text, /^HTTP\/1\.1 200/, 'a well-formed request still works');

    // Item 13: a body over the limit declared with Content-Length, written in full before the
    // client reads anything, must get its 413 envelope — never a reset mid-upload.
    const body = Buffer.alloc(2 * BODY_LIMIT - 64 * 1024, 0x78);
    let delivered = 0;
    for (let i = 0; i < 25; i++) {
      const out = await rawExchange(port, (s) => {
        s.pause(); // read nothing until the whole body is written, like a simple client
        s.write(`POST ${base}/book HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${app.token}\r\nContent-Type: application/json\r\n`
          + `Content-Length: ${body.length}\r\n${i % 2 ? 'Connection: close\r\n' : ''}\r\n`);
        s.write(body, () => s.resume());
        s.on('error', () => s.resume());
      });
      const res = parseRaw(out.text);
      if (out.writeError === undefined && res.status === 413 && res.body?.error?.code === 'PAYLOAD_TOO_LARGE') delivered++;
      else t.fail(`attempt ${i}: ${out.writeError ?? ''} ${out.text.slice(0, 80)}`);
    }
    t.equal(delivered, 25, 'the 413 envelope arrived 25 of 25 times, without a reset');
    const beyond = await rawExchange(port, (s) => {
      s.write(`POST ${base}/book HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${app.token}\r\nContent-Type: application/json\r\n`
        + `Content-Length: ${100 * BODY_LIMIT}\r\n\r\n{"title":`);
    });
    expectAnswer(t, parseRaw(beyond.text), 'a declared body far over the limit', 413);
  });
}, { server: { body_limit: BODY_LIMIT } as never });
