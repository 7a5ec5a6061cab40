// The OpenAPI document as a contract a typed client can rely on (issue 20 §1): a realistic app's
// /_openapi.json goes through openapi-typescript, and a client program using openapi-fetch is
// compiled with the TypeScript compiler in strict mode, then run against the server. The program
// exercises list (filters, sort, include), get, nested creates, update and delete; its
// `// @ts-expect-error [code fragment]` probes are wrong calls the types must refuse. Any
// diagnostic fails the test, an unused @ts-expect-error (TS2578, a probe that compiled) included,
// and each probe must be refused with its own error. The program logs in through the document's
// login (whose body is the route schema the server validates with) and creates a user. SQLite
// only: the document does not depend on the database.
import t from 'tap';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import openapiTS, { astToString } from 'openapi-typescript';
import { startRocket } from '../helpers/server.js';

const require = createRequire(import.meta.url);

const ENTITIES = [
  {
    name: 'author', table: 'authors', primary_key: { field: 'id', type: 'uuid', generated: true },
    fields: [
      { name: 'id', type: 'uuid' },
      { name: 'name', type: 'string', required: true },
      { name: 'country', type: 'string', enum: ['fr', 'de', 'it'] },
      { name: 'created_at', type: 'timestamp', auto: 'create' },
    ],
  },
  {
    name: 'book', table: 'books', primary_key: { field: 'id', type: 'uuid', generated: true }, soft_delete: true,
    fields: [
      { name: 'id', type: 'uuid' },
      { name: 'title', type: 'string', required: true },
      { name: 'subtitle', type: 'string' },
      { name: 'genre', type: 'string', required: true, enum: ['fiction', 'science', 'history'] },
      { name: 'status', type: 'string', enum: ['draft', 'published'], default: 'draft', required: true },
      { name: 'pages', type: 'int' },
      { name: 'author_id', type: 'uuid', required: true },
      { name: 'updated_at', type: 'timestamp', auto: 'update' },
    ],
  },
  {
    name: 'chapter', table: 'chapters', primary_key: { field: 'id', type: 'int', generated: true },
    fields: [
      { name: 'id', type: 'int' },
      { name: 'book_id', type: 'uuid', required: true },
      { name: 'heading', type: 'string', required: true },
      { name: 'number', type: 'int', required: true },
    ],
  },
  {
    name: 'tag', table: 'tags', primary_key: { field: 'id', type: 'uuid', generated: true },
    fields: [{ name: 'id', type: 'uuid' }, { name: 'label', type: 'string', required: true }],
  },
];

const RELATIONS = [
  { name: 'author_books', type: 'one_to_many', source: 'author', target: 'book', target_key: 'author_id' },
  { name: 'book_chapters', type: 'one_to_many', source: 'book', target: 'chapter', target_key: 'book_id', on_delete: 'cascade' },
  {
    name: 'book_tags', type: 'many_to_many', source: 'book', target: 'tag',
    join_table: 'book_tags', source_join_key: 'book_id', target_join_key: 'tag_id',
  },
];

/** The client program: every call it makes must compile (and, run, succeed), every probe must not. */
const CLIENT = `
import createClient from 'openapi-fetch';
import type { paths, components } from './api';

type Book = components['schemas']['Book'];
type BookCreate = components['schemas']['BookCreate'];
type BookUpdate = components['schemas']['BookUpdate'];
type AuthorCreate = components['schemas']['AuthorCreate'];
type Fetch = (request: Request) => Promise<Response>;

/** Arrays (include, sort, in-lists) are comma-separated: style form, explode false, as the document says. */
const connect = (baseUrl: string, token: string, fetch?: Fetch) => createClient<paths>({
  baseUrl, fetch, headers: { authorization: 'Bearer ' + token }, querySerializer: { array: { style: 'form', explode: false } },
});

function ok<T>(result: { data?: T; error?: components['schemas']['Error']; response: Response }, what: string): T {
  if (result.data === undefined) throw new Error(what + ': ' + result.response.status + ' ' + JSON.stringify(result.error));
  return result.data;
}

export async function run(baseUrl: string, email: string, password: string, fetch: Fetch): Promise<Record<string, unknown>> {
  const anonymous = createClient<paths>({ baseUrl, fetch });
  const pair = ok(await anonymous.POST('/auth/login', { body: { email, password } }), 'login').data;
  const client = connect(baseUrl, pair.access_token, fetch);
  const user = ok(await client.POST('/_admin/users', { body: { email: 'reader@example.test', password: 'pw-1234', roles: ['reader'] } }), 'create user').data;
  const userRoles: string[] = user.roles;
  const author = ok(await client.POST('/author', { body: { name: 'Frank', country: 'fr' } }), 'create author').data;
  const tag = ok(await client.POST('/tag', { body: { label: 'classic' } }), 'create tag').data;

  // Nested create: children and links.
  const created = ok(await client.POST('/book', {
    body: {
      title: 'Dune', genre: 'fiction', author_id: author.id, pages: 412,
      book_chapters: { _write_mode: 'append', data: [{ heading: 'One', number: 1 }, { heading: 'Two', number: '2' }] },
      book_tags: { data: [{ id: tag.id }] },
    },
  }), 'nested create').data;
  const status: 'draft' | 'published' = created.status;   // required with a default: always set

  // A grandparent's nested write of its books and their chapters.
  ok(await client.POST('/author', {
    body: { name: 'Ursula', author_books: { data: [{ title: 'Earthsea', genre: 'fiction', book_chapters: { data: [{ heading: 'H', number: 1 }] } }] } },
  }), 'two-level nested create');

  // List with filters, sort and include.
  const list = ok(await client.GET('/book', {
    params: { query: { 'filter[genre]': 'fiction', 'filter[pages.gt]': 100, 'filter[status.in]': ['draft', 'published'], sort: ['-pages', 'title'], include: ['book_tags', 'book_chapters'], per_page: 10 } },
  }), 'list');
  const first: Book | undefined = list.data[0];
  const total: number | undefined = list.meta.total;
  if (!first) throw new Error('list: no book');
  const title: string = first.title;                   // required: never null
  const genre: 'fiction' | 'science' | 'history' = first.genre;
  const subtitle: string | null = first.subtitle;      // optional: nullable
  const tags: string[] = (first.book_tags ?? []).map((t) => t.label);
  const chapters = (first.book_chapters ?? []).map((c) => ({ id: c.id, heading: c.heading, number: c.number }));

  // Get with include.
  const one = ok(await client.GET('/author/{id}', { params: { path: { id: author.id }, query: { include: ['author_books'] } } }), 'get').data;
  const books: string[] = (one.author_books ?? []).map((b) => b.title);

  // Update (PUT and PATCH are partial): fields, a child by key, a child deleted, a link removed.
  const patched = ok(await client.PATCH('/book/{id}', {
    params: { path: { id: created.id } },
    body: {
      pages: 420, subtitle: null,
      book_chapters: { data: [{ id: chapters[0]!.id, heading: 'Uno' }, { id: chapters[1]!.id, _delete: true }] },
      book_tags: { data: [{ id: tag.id, _delete: true }] },
    } satisfies BookUpdate,
  }), 'patch').data;
  const put = ok(await client.PUT('/book/{id}', { params: { path: { id: created.id } }, body: { status: 'published' } }), 'put').data;
  const after = ok(await client.GET('/book/{id}', { params: { path: { id: created.id }, query: { include: ['book_chapters', 'book_tags'] } } }), 'get after').data;

  // Delete, and the typed error of reading it again.
  const deleted = ok(await client.DELETE('/book/{id}', { params: { path: { id: created.id } } }), 'delete').data;
  const gone = await client.GET('/book/{id}', { params: { path: { id: created.id } } });
  const code: components['schemas']['Error']['error']['code'] | undefined = gone.error?.error.code;

  return {
    userRoles, status, total, title, genre, subtitle, tags, chapters: chapters.map((c) => c.heading), books,
    patched: [patched.pages, patched.subtitle], put: put.status,
    after: { chapters: (after.book_chapters ?? []).map((c) => c.heading), tags: (after.book_tags ?? []).length },
    deleted: deleted.id === created.id, gone: [gone.response.status, code],
  };
}

export async function probes(bookId: string, book: Book): Promise<void> {
  const client = connect('http://localhost/api/shop', 'token');
  // @ts-expect-error [2322 password: string] a login without its password
  await client.POST('/auth/login', { body: { email: 'a@b' } });
  // @ts-expect-error [2322 Type 'string' is not assignable to type 'string] roles as a string on a user create
  await client.POST('/_admin/users', { body: { email: 'a@b', password: 'x', roles: 'admin' } });
  // @ts-expect-error [2322 Type 'string' is not assignable to type 'boolean] active as a string on a user update
  await client.PUT('/_admin/users/{id}', { params: { path: { id: bookId } }, body: { email: 'a@b', active: 'no' } });
  const authorId = '00000000-0000-4000-8000-000000000001';
  // openapi-fetch infers its options generically, so an extra key passes unless the body is
  // checked against its type where it is written: \`satisfies\` (or an annotation) does that.
  // @ts-expect-error [2353 isbn] an unknown field in a create body
  await client.POST('/book', { body: { title: 'x', genre: 'fiction', author_id: authorId, isbn: '123' } satisfies BookCreate });
  // @ts-expect-error [2322 "poetry"] a wrong enum value
  await client.POST('/book', { body: { title: 'x', genre: 'poetry', author_id: authorId } });
  // @ts-expect-error [2322 title: string] a missing required field on create (title)
  await client.POST('/book', { body: { genre: 'fiction', author_id: authorId } });
  // @ts-expect-error [2322 Type 'true'] a wrong child field type (a boolean chapter number)
  await client.POST('/book', { body: { title: 'x', genre: 'fiction', author_id: authorId, book_chapters: { data: [{ heading: 'h', number: true }] } } });
  // @ts-expect-error [2322 Type 'number' is not assignable to type 'string'] a number where a string is expected in a nested child
  await client.POST('/book', { body: { title: 'x', genre: 'fiction', author_id: authorId, book_chapters: { data: [{ heading: 7, number: 1 }] } } });
  // @ts-expect-error [2322 heading: string] a missing required field in a nested child row (heading)
  await client.POST('/book', { body: { title: 'x', genre: 'fiction', author_id: authorId, book_chapters: { data: [{ number: 1 }] } } });
  // @ts-expect-error [2322 "merge"] an unknown write mode
  await client.PATCH('/book/{id}', { params: { path: { id: bookId } }, body: { book_tags: { _write_mode: 'merge', data: [] } } });
  // @ts-expect-error [2353 label] a link row without the target's key
  await client.PATCH('/book/{id}', { params: { path: { id: bookId } }, body: { book_tags: { data: [{ label: 'x' }] } } });
  // @ts-expect-error [2322 Type 'null'] null for a required field on update
  await client.PATCH('/book/{id}', { params: { path: { id: bookId } }, body: { title: null } });
  // @ts-expect-error [2353 isbn] an unknown field in an update body
  await client.PUT('/book/{id}', { params: { path: { id: bookId } }, body: { isbn: '123' } satisfies BookUpdate });
  // @ts-expect-error [2353 page] an unknown field in a nested child row
  await client.PATCH('/book/{id}', { params: { path: { id: bookId } }, body: { book_chapters: { data: [{ heading: 'h', number: 1, page: 3 }] } } satisfies BookUpdate });
  // @ts-expect-error [2322 Type 'string' is not assignable to type 'number'] a wrong filter value type (pages is an integer)
  await client.GET('/book', { params: { query: { 'filter[pages.gt]': 'many' } } });
  // @ts-expect-error [2322 "poetry"] a wrong enum value in a filter
  await client.GET('/book', { params: { query: { 'filter[genre]': 'poetry' } } });
  // @ts-expect-error [2322 "isbn"] sort by an unknown field
  await client.GET('/book', { params: { query: { sort: ['isbn'] } } });
  // @ts-expect-error [2339 book_authors] a relation key the record does not have (an unknown include)
  void book.book_authors;
  // @ts-expect-error [2322 string | null] a nullable field read as non-null
  const subtitle: string = book.subtitle;
  // @ts-expect-error [2353 'id'] the author's generated key is not writable
  await client.POST('/author', { body: { id: authorId, name: 'x' } satisfies AuthorCreate });
  // @ts-expect-error [2367 NO_SUCH_CODE] an error code that does not exist
  void ((await client.GET('/book')).error?.error.code === 'NO_SUCH_CODE');
  // @ts-expect-error [2345 "/shelf"] an entity that does not exist
  await client.GET('/shelf', {});
  void subtitle;
}
`;

t.test('a strict openapi-fetch client compiles against the generated types, and its wrong calls do not', async (t) => {
  const rocket = await startRocket('sqlite');
  t.teardown(() => rocket.close());
  const app = await rocket.createApp();
  const call = (method: 'GET' | 'POST', path: string, body?: unknown) => rocket.request(method, `/api/${app.name}${path}`, { token: app.token, body });
  for (const e of ENTITIES) t.equal((await call('POST', '/_admin/entities', e)).status, 201, `entity ${e.name}`);
  for (const r of RELATIONS) t.equal((await call('POST', '/_admin/relations', r)).status, 201, `relation ${r.name}`);
  const doc = await call('GET', '/_openapi.json');
  t.equal(doc.status, 200, 'the app\'s document');

  const dir = mkdtempSync(join(tmpdir(), 'rocket-typed-client-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const types = astToString(await openapiTS(doc.body));
  writeFileSync(join(dir, 'api.d.ts'), types);
  interface Diagnostic { line: number; code: number; text: string }
  const compile = (program: string): Diagnostic[] => {
    writeFileSync(join(dir, 'client.ts'), program);
    const fetchTypes = join(dirname(require.resolve('openapi-fetch')), 'index.d.mts');
    const options: ts.CompilerOptions = {
      strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [],
      skipLibCheck: true, paths: { 'openapi-fetch': [fetchTypes] },
    };
    const result = ts.createProgram([join(dir, 'client.ts')], options, ts.createCompilerHost(options));
    return ts.getPreEmitDiagnostics(result).map((d) => ({
      line: d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0,
      code: d.code,
      text: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    }));
  };
  const show = (d: Diagnostic) => `client.ts:${d.line} TS${d.code}: ${d.text}`;

  const diagnostics = compile(CLIENT);
  t.same(diagnostics.map(show), [], 'no diagnostics: every call compiles, every probe is refused');
  const probes = CLIENT.split('\n').flatMap((text, i) => {
    const m = /@ts-expect-error \[(\d+) ([^\]]+)\] (.*)$/.exec(text);
    return m ? [{ line: i + 2, code: Number(m[1]), fragment: m[2], what: m[3] }] : [];
  });
  t.ok(probes.length >= 10, `at least ten probes (${probes.length})`);
  t.equal(probes.length, (CLIENT.match(/@ts-expect-error/g) ?? []).length, 'each probe names the error it expects');
  // Each probe is refused for its reason, not an unrelated one (without the directives, its line's error).
  const refused = compile(CLIENT.replaceAll('// @ts-expect-error', '// probe:'));
  for (const probe of probes) {
    const hit = refused.filter((d) => d.line === probe.line);
    t.ok(hit.some((d) => d.code === probe.code && d.text.includes(probe.fragment)), `probe refused as expected: ${probe.what}`, {
      expected: `TS${probe.code} …${probe.fragment}…`, found: hit.map(show),
    });
  }
  t.equal(refused.length, probes.length, 'and nothing else is refused');
  if (diagnostics.length > 0 || process.env.ROCKET_TYPED_CLIENT_DEBUG) t.comment(`types: ${join(dir, 'api.d.ts')}`);

  // Run it: the typed calls are what the server accepts and answers (openapi-fetch over inject).
  const js = ts.transpileModule(CLIENT, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText
    .replace("from 'openapi-fetch'", `from '${pathToFileURL(require.resolve('openapi-fetch')).href.replace(/\.cjs$/, '.mjs')}'`);
  writeFileSync(join(dir, 'client.mjs'), js);
  const viaInject = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const payload = request.method === 'GET' || request.method === 'DELETE' ? undefined : await request.text();
    const res = await rocket.server.inject({
      method: request.method as 'GET', url: url.pathname + url.search, headers: Object.fromEntries(request.headers), payload: payload || undefined,
    });
    const headers = Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)] as [string, string]);
    return new Response(res.statusCode === 204 || res.statusCode === 304 ? null : res.body, { status: res.statusCode, headers });
  };
  const client = await import(pathToFileURL(join(dir, 'client.mjs')).href) as { run: (...args: unknown[]) => Promise<Record<string, unknown>> };
  const outcome = await client.run(`http://localhost/api/${app.name}`, 'admin@localhost', 'changeme', viaInject);
  t.same(outcome, {
    userRoles: ['reader'], status: 'draft', total: 1, title: 'Dune', genre: 'fiction', subtitle: null, tags: ['classic'], chapters: ['One', 'Two'], books: ['Dune'],
    patched: [420, null], put: 'published', after: { chapters: ['Uno'], tags: 0 }, deleted: true, gone: [404, 'NOT_FOUND'],
  }, 'the program runs: list, get, nested create, update, delete as typed');

  // The check itself: a probe that compiles is reported (TS2578), so a loosened type fails the test.
  const loose = compile(CLIENT.replace("body: { title: 'x', genre: 'poetry'", "body: { title: 'x', genre: 'history'"));
  t.same(loose.map((d) => d.code), [2578], 'exactly one diagnostic for one wrong probe: an unused @ts-expect-error');
});
