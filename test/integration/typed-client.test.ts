// The OpenAPI document as a contract a typed client can rely on (issue 20 §1): a realistic app's
// /_openapi.json goes through openapi-typescript, and a client program using openapi-fetch is
// compiled with the TypeScript compiler in strict mode. The program exercises list (filters, sort,
// include), get, a nested create, update and delete; its `// @ts-expect-error` probes are wrong
// calls the types must refuse. Any diagnostic fails the test, an unused @ts-expect-error (TS2578,
// a probe that compiled) included. SQLite only: the document does not depend on the database.
import t from 'tap';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
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

/** The client program: every call it makes must compile, every probe must not. */
const CLIENT = `
import createClient from 'openapi-fetch';
import type { paths, components } from './api';

type Book = components['schemas']['Book'];
type BookCreate = components['schemas']['BookCreate'];
type BookUpdate = components['schemas']['BookUpdate'];
type AuthorCreate = components['schemas']['AuthorCreate'];
const client = createClient<paths>({ baseUrl: 'http://localhost:3000/api/shop' });
const authorId = '00000000-0000-4000-8000-000000000001';
const tagId = '00000000-0000-4000-8000-000000000002';

export async function run(): Promise<void> {
  // List with filters, sort and include.
  const list = await client.GET('/book', {
    params: { query: { 'filter[genre]': 'fiction', 'filter[pages.gt]': 100, 'filter[status.in]': ['draft', 'published'], sort: ['-pages', 'title'], include: ['book_tags', 'book_chapters'], per_page: 10 } },
  });
  if (list.data) {
    const first: Book | undefined = list.data.data[0];
    const total: number | undefined = list.data.meta.total;
    if (first) {
      const title: string = first.title;                   // required: never null
      const id: string = first.id;                         // primary key: never null
      const genre: 'fiction' | 'science' | 'history' = first.genre;
      const subtitle: string | null = first.subtitle;      // optional: nullable
      const tags: string[] = (first.book_tags ?? []).map((tag) => tag.label);
      const headings: string[] = (first.book_chapters ?? []).map((c) => c.heading + c.number);
      void [title, id, genre, subtitle, tags, headings, total];
    }
  }
  if (list.error) {
    const code: components['schemas']['Error']['error']['code'] = list.error.error.code;
    if (code === 'VALIDATION_FAILED') void list.error.error.details;
  }

  // Nested create: children, links, a grandparent's write of its books.
  const created = await client.POST('/book', {
    body: {
      title: 'Dune', genre: 'fiction', author_id: authorId, pages: 412,
      book_chapters: { _write_mode: 'append', data: [{ heading: 'One', number: 1 }, { heading: 'Two', number: '2' }] },
      book_tags: { data: [{ id: tagId }] },
    },
  });
  const bookId = created.data?.data.id ?? '';
  await client.POST('/author', {
    body: { name: 'Frank', country: 'fr', author_books: { data: [{ title: 'Dune', genre: 'fiction', book_chapters: { data: [{ heading: 'H', number: 1 }] } }] } },
  });

  // Get with include.
  const one = await client.GET('/book/{id}', { params: { path: { id: bookId }, query: { include: ['book_tags'] } } });
  const book: Book | undefined = one.data?.data;
  void book?.book_tags?.[0]?.label;
  const author = await client.GET('/author/{id}', { params: { path: { id: authorId }, query: { include: ['author_books'] } } });
  void author.data?.data.author_books?.map((b) => b.title);

  // Update (PUT and PATCH are partial): fields, a child by key, a child deleted, a link removed.
  await client.PATCH('/book/{id}', {
    params: { path: { id: bookId } },
    body: { pages: 420, subtitle: null, book_chapters: { data: [{ id: 1, heading: 'Uno' }, { id: 2, _delete: true }] }, book_tags: { data: [{ id: tagId, _delete: true }] } },
  });
  await client.PUT('/book/{id}', { params: { path: { id: bookId } }, body: { status: 'published' } });

  // Delete.
  const deleted = await client.DELETE('/book/{id}', { params: { path: { id: bookId } } });
  const deletedId: string | undefined = deleted.data?.data.id;
  void deletedId;
}

export async function probes(bookId: string, book: Book): Promise<void> {
  // openapi-fetch infers its options generically, so an extra key passes unless the body is
  // checked against its type where it is written: \`satisfies\` (or an annotation) does that.
  // @ts-expect-error an unknown field in a create body
  await client.POST('/book', { body: { title: 'x', genre: 'fiction', author_id: authorId, isbn: '123' } satisfies BookCreate });
  // @ts-expect-error a wrong enum value
  await client.POST('/book', { body: { title: 'x', genre: 'poetry', author_id: authorId } });
  // @ts-expect-error a missing required field on create (title)
  await client.POST('/book', { body: { genre: 'fiction', author_id: authorId } });
  // @ts-expect-error a wrong child field type (a boolean chapter number)
  await client.POST('/book', { body: { title: 'x', genre: 'fiction', author_id: authorId, book_chapters: { data: [{ heading: 'h', number: true }] } } });
  // @ts-expect-error a number where a string is expected in a nested child
  await client.POST('/book', { body: { title: 'x', genre: 'fiction', author_id: authorId, book_chapters: { data: [{ heading: 7, number: 1 }] } } });
  // @ts-expect-error a missing required field in a nested child row (heading)
  await client.POST('/book', { body: { title: 'x', genre: 'fiction', author_id: authorId, book_chapters: { data: [{ number: 1 }] } } });
  // @ts-expect-error an unknown write mode
  await client.PATCH('/book/{id}', { params: { path: { id: bookId } }, body: { book_tags: { _write_mode: 'merge', data: [] } } });
  // @ts-expect-error a link row without the target's key
  await client.PATCH('/book/{id}', { params: { path: { id: bookId } }, body: { book_tags: { data: [{ label: 'x' }] } } });
  // @ts-expect-error null for a required field on update
  await client.PATCH('/book/{id}', { params: { path: { id: bookId } }, body: { title: null } });
  // @ts-expect-error an unknown field in an update body
  await client.PUT('/book/{id}', { params: { path: { id: bookId } }, body: { isbn: '123' } satisfies BookUpdate });
  // @ts-expect-error an unknown field in a nested child row
  await client.PATCH('/book/{id}', { params: { path: { id: bookId } }, body: { book_chapters: { data: [{ heading: 'h', number: 1, page: 3 }] } } satisfies BookUpdate });
  // @ts-expect-error a wrong filter value type (pages is an integer)
  await client.GET('/book', { params: { query: { 'filter[pages.gt]': 'many' } } });
  // @ts-expect-error a wrong enum value in a filter
  await client.GET('/book', { params: { query: { 'filter[genre]': 'poetry' } } });
  // @ts-expect-error sort by an unknown field
  await client.GET('/book', { params: { query: { sort: ['isbn'] } } });
  // @ts-expect-error a relation key the record does not have (an unknown include)
  void book.book_authors;
  // @ts-expect-error a nullable field read as non-null
  const subtitle: string = book.subtitle;
  // @ts-expect-error the author's generated key is not writable
  await client.POST('/author', { body: { id: authorId, name: 'x' } satisfies AuthorCreate });
  // @ts-expect-error an error code that does not exist
  void ((await client.GET('/book')).error?.error.code === 'NO_SUCH_CODE');
  // @ts-expect-error an entity that does not exist
  await client.GET('/shelf');
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
  t.equal(doc.status, 200);

  const dir = mkdtempSync(join(tmpdir(), 'rocket-typed-client-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const types = astToString(await openapiTS(doc.body));
  writeFileSync(join(dir, 'api.d.ts'), types);
  const compile = (program: string): string[] => {
    writeFileSync(join(dir, 'client.ts'), program);
    const fetchTypes = join(dirname(require.resolve('openapi-fetch')), 'index.d.mts');
    const options: ts.CompilerOptions = {
      strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [],
      noUnusedLocals: false, skipLibCheck: true, paths: { 'openapi-fetch': [fetchTypes] },
    };
    const host = ts.createCompilerHost(options);
    const result = ts.createProgram([join(dir, 'client.ts')], options, host);
    return ts.getPreEmitDiagnostics(result).map((d) => {
      const where = d.file && d.start !== undefined ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
      return `${where} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  };

  const diagnostics = compile(CLIENT);
  t.same(diagnostics, [], 'no diagnostics: every call compiles, every probe is refused');
  if (diagnostics.length > 0 || process.env.ROCKET_TYPED_CLIENT_DEBUG) {
    // What each probe is refused for, to tell a loosened type from a probe refused for another reason.
    for (const d of compile(CLIENT.replaceAll('// @ts-expect-error', '// probe:'))) t.comment(d);
    t.comment(`types: ${join(dir, 'api.d.ts')}`);
  }
  t.ok((CLIENT.match(/@ts-expect-error/g) ?? []).length >= 10, 'at least ten probes');

  // The check itself: a probe that compiles is reported (TS2578), so a loosened type fails the test.
  const loose = compile(CLIENT.replace("body: { title: 'x', genre: 'poetry'", "body: { title: 'x', genre: 'history'"));
  t.equal(loose.length, 1, 'exactly one diagnostic for one wrong probe');
  t.match(loose[0] ?? '', /TS2578/, 'an unused @ts-expect-error');
});
