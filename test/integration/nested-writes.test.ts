// Nested writes over HTTP on both databases (write-pipeline.md §5): every mode with every relation
// type, _delete, depth, FK propagation, one_to_one enforcement, many_to_many validation, path-prefixed
// errors, all-or-nothing rollback, concurrency, and ids of another parent.
import t from 'tap';
import { eachDialect } from '../helpers/server.js';
import type { TestRocket } from '../helpers/server.js';

const uuidPk = { field: 'id', type: 'uuid', generated: true };
const entities = [
  {
    name: 'book', table: 'books', primary_key: uuidPk,
    fields: [{ name: 'id', type: 'uuid' }, { name: 'title', type: 'string', required: true }, { name: 'isbn', type: 'string', unique: true }],
  },
  {
    name: 'chapter', table: 'chapters', primary_key: uuidPk, soft_delete: true,
    slug: { field: 'slug', source: 'heading' },
    fields: [
      { name: 'id', type: 'uuid' }, { name: 'book_id', type: 'uuid', required: true },
      { name: 'number', type: 'int', required: true }, { name: 'heading', type: 'string' }, { name: 'slug', type: 'string', unique: true },
      { name: 'status', type: 'string', enum: ['draft', 'final'], default: 'draft' },
      { name: 'created_at', type: 'timestamp', auto: 'create' },
    ],
  },
  {
    name: 'footnote', table: 'footnotes', primary_key: { field: 'id', type: 'int', generated: true },
    fields: [{ name: 'id', type: 'int' }, { name: 'chapter_id', type: 'uuid' }, { name: 'text', type: 'string', required: true }],
  },
  {
    name: 'citation', table: 'citations', primary_key: uuidPk,
    fields: [{ name: 'id', type: 'uuid' }, { name: 'footnote_id', type: 'int' }, { name: 'ref', type: 'string', unique: true }],
  },
  {
    name: 'line', table: 'lines', primary_key: uuidPk,
    fields: [{ name: 'id', type: 'uuid' }, { name: 'book_id', type: 'uuid' }, { name: 'text', type: 'string', required: true }, { name: 'qty', type: 'int' }],
  },
  {
    name: 'cover', table: 'covers', primary_key: uuidPk,
    fields: [{ name: 'id', type: 'uuid' }, { name: 'book_id', type: 'uuid' }, { name: 'colour', type: 'string' }],
  },
  {
    name: 'review', table: 'reviews', primary_key: { field: 'code', type: 'string' },
    fields: [{ name: 'code', type: 'string' }, { name: 'book_id', type: 'uuid' }, { name: 'stars', type: 'int', required: true }],
  },
  {
    name: 'genre', table: 'genres', primary_key: uuidPk, soft_delete: true,
    fields: [{ name: 'id', type: 'uuid' }, { name: 'label', type: 'string' }],
  },
  {
    name: 'node', table: 'nodes', primary_key: uuidPk,
    fields: [{ name: 'id', type: 'uuid' }, { name: 'parent_id', type: 'uuid' }, { name: 'label', type: 'string' }],
  },
];
const relations = [
  { name: 'chapters', type: 'one_to_many', source: 'book', target: 'chapter', target_key: 'book_id', on_delete: 'cascade' },
  { name: 'footnotes', type: 'one_to_many', source: 'chapter', target: 'footnote', target_key: 'chapter_id', on_delete: 'cascade' },
  { name: 'citations', type: 'one_to_many', source: 'footnote', target: 'citation', target_key: 'footnote_id' },
  { name: 'lines', type: 'one_to_many', source: 'book', target: 'line', target_key: 'book_id', write_mode: 'replace' },
  { name: 'cover', type: 'one_to_one', source: 'book', target: 'cover', target_key: 'book_id' },
  { name: 'reviews', type: 'one_to_many', source: 'book', target: 'review', target_key: 'book_id' },
  { name: 'genres', type: 'many_to_many', source: 'book', target: 'genre', join_table: 'book_genres', source_join_key: 'book_id', target_join_key: 'genre_id' },
  { name: 'children', type: 'one_to_many', source: 'node', target: 'node', target_key: 'parent_id' },
];

type Body = Record<string, any>;

async function setup(r: TestRocket) {
  const app = await r.createApp();
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) =>
    r.request(method, `/api/${app.name}${path}`, { token: app.token, body });
  for (const e of entities) {
    const res = await call('POST', '/_admin/entities', e);
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  }
  for (const rel of relations) {
    const res = await call('POST', '/_admin/relations', rel);
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  }
  const ctx = r.server.rocket.apps.get(app.name)!;
  const count = async (table: string, where = '') =>
    Number((await ctx.db.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table}${where ? ` WHERE ${where}` : ''}`))[0].n);
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of ['books', 'chapters', 'footnotes', 'citations', 'lines', 'covers', 'reviews', 'book_genres']) out[table] = await count(table);
    return out;
  };
  const genres = [];
  for (const label of ['g1', 'g2', 'g3']) genres.push((await call('POST', '/genre', { label })).body.data.id as string);
  return { call, ctx, count, counts, genres };
}

const byNumber = (a: Body, b: Body) => a.number - b.number;

eachDialect(t, 'create a tree three levels deep with links and a one_to_one child', async (t, r) => {
  const { call, genres } = await setup(r);
  const res = await call('POST', '/book', {
    title: 'Harbour Lights',
    chapters: {
      data: [
        { number: 1, heading: 'Fog', book_id: '00000000-0000-4000-8000-000000000000', footnotes: { data: [{ text: 'See map.', citations: { data: [{ ref: 'R1' }, { ref: 'R2' }] } }] } },
        { number: 2, heading: 'Beacon', status: 'final' },
      ],
    },
    genres: { data: [{ id: genres[0] }, { id: genres[1].toUpperCase() }, { id: genres[0] }] },
    cover: { data: [{ colour: 'blue' }] },
  });
  t.equal(res.status, 201, JSON.stringify(res.body));
  const book = res.body.data;
  t.same(Object.keys(book), ['id', 'title', 'isbn'], 'the response holds the parent record only');

  const read = (await call('GET', `/book/${book.id}?include=chapters.footnotes.citations,genres,cover`)).body.data;
  const chapters = read.chapters.sort(byNumber);
  t.equal(chapters.length, 2);
  t.equal(chapters[0].book_id, book.id, 'a client-supplied FK is ignored: the parent key wins');
  t.match(chapters[0], { heading: 'Fog', slug: 'fog', status: 'draft', created_at: /^\d{4}-/ }, 'children get slug, defaults and auto fields');
  t.equal(chapters[1].status, 'final');
  t.equal(chapters[0].footnotes.length, 1);
  const footnote = chapters[0].footnotes[0];
  t.equal(footnote.chapter_id, chapters[0].id, 'FK propagates to the second level (int PK returned by the insert)');
  t.same(footnote.citations.map((c: Body) => c.ref).sort(), ['R1', 'R2']);
  t.ok(footnote.citations.every((c: Body) => c.footnote_id === footnote.id), 'and to the third level');
  t.same(read.genres.map((g: Body) => g.id).sort(), [genres[0], genres[1]].sort(), 'link ids are de-duplicated and normalised');
  t.equal(read.cover.colour, 'blue');
});

eachDialect(t, 'update: diff, replace and append on one_to_many', async (t, r) => {
  const { call, count } = await setup(r);
  const book = (await call('POST', '/book', { title: 'B', chapters: { data: [1, 2, 3].map((n) => ({ number: n, heading: `h${n}` })) } })).body.data;
  const chapters = async () => ((await call('GET', `/book/${book.id}?include=chapters`)).body.data.chapters as Body[]).sort(byNumber);
  const [c1, c2, c3] = await chapters();

  let res = await call('PUT', `/book/${book.id}`, {
    chapters: { _write_mode: 'diff', data: [{ id: c1.id, heading: 'Fog (revised)' }, { id: c3.id, _delete: true }, { number: 4, heading: 'Landfall' }] },
  });
  t.equal(res.status, 200, JSON.stringify(res.body));
  t.same((await chapters()).map((c) => [c.number, c.heading]), [[1, 'Fog (revised)'], [2, 'h2'], [4, 'Landfall']], 'diff: update, delete, insert; c2 untouched');
  t.equal(await count('chapters', 'deleted_at IS NOT NULL'), 1, 'the deleted child is soft-deleted (its entity has soft_delete)');

  res = await call('PUT', `/book/${book.id}`, { chapters: { _write_mode: 'append', data: [{ id: c1.id, heading: 'ignored' }, { id: c2.id, _delete: true }, { number: 5 }] } });
  t.equal(res.status, 200);
  t.same((await chapters()).map((c) => [c.number, c.heading]), [[1, 'Fog (revised)'], [2, 'h2'], [4, 'Landfall'], [5, null]], 'append only inserts');

  res = await call('PUT', `/book/${book.id}`, { title: 'B2', chapters: { _write_mode: 'replace', data: [{ id: c2.id, heading: 'kept' }, { id: c1.id, _delete: true }, { number: 6 }] } });
  t.equal(res.status, 200);
  t.equal(res.body.data.title, 'B2');
  t.same((await chapters()).map((c) => [c.number, c.heading]), [[2, 'kept'], [6, null]], 'replace keeps addressed rows, deletes the rest and _delete rows');

  res = await call('PUT', `/book/${book.id}`, { chapters: { _write_mode: 'replace', data: [] } });
  t.equal(res.status, 200);
  t.same(await chapters(), [], 'replace with an empty list deletes every child');
});

eachDialect(t, "the relation's write_mode is the default mode", async (t, r) => {
  const { call } = await setup(r);
  const book = (await call('POST', '/book', { title: 'L', lines: { data: [{ text: 'a' }, { text: 'b' }] } })).body.data;
  const lines = async () => ((await call('GET', `/book/${book.id}?include=lines`)).body.data.lines as Body[]).map((l) => l.text).sort();
  t.same(await lines(), ['a', 'b']);
  await call('PUT', `/book/${book.id}`, { lines: { data: [{ text: 'c' }] } });
  t.same(await lines(), ['c'], 'lines default to replace');
  await call('PUT', `/book/${book.id}`, { lines: { _write_mode: 'diff', data: [{ text: 'd' }] } });
  t.same(await lines(), ['c', 'd'], '_write_mode overrides it');
});

eachDialect(t, 'many_to_many: modes, _delete, validation', async (t, r) => {
  const { call, count, genres: [g1, g2, g3] } = await setup(r);
  const book = (await call('POST', '/book', { title: 'G', genres: { data: [{ id: g1 }, { id: g2 }] } })).body.data;
  const linked = async () => ((await call('GET', `/book/${book.id}?include=genres`)).body.data.genres as Body[]).map((g) => g.id).sort();

  let res = await call('PUT', `/book/${book.id}`, { genres: { _write_mode: 'replace', data: [{ id: g2 }, { id: g3 }] } });
  t.equal(res.status, 200, JSON.stringify(res.body));
  t.same(await linked(), [g2, g3].sort(), 'replace: exactly the listed set');
  res = await call('PUT', `/book/${book.id}`, { genres: { _write_mode: 'replace', data: [{ id: g2 }, { id: g3, _delete: true }] } });
  t.equal(res.status, 200);
  t.same(await linked(), [g2], 'replace: a _delete row is left out of the final set');
  res = await call('PUT', `/book/${book.id}`, { genres: { data: [{ id: g3, _delete: true }, { id: g1 }, { label: 'no id: ignored' }] } });
  t.equal(res.status, 200);
  t.same(await linked(), [g1, g2].sort(), 'diff: unlink and link');
  res = await call('PUT', `/book/${book.id}`, { genres: { _write_mode: 'append', data: [{ id: g1 }, { id: g2, _delete: true }, { id: g3 }] } });
  t.equal(res.status, 200, 'append never fails on an existing pair');
  t.same(await linked(), [g1, g2, g3].sort(), 'append ignores _delete');
  t.equal(await count('book_genres'), 3);
  res = await call('PUT', `/book/${book.id}`, { genres: { _write_mode: 'replace', data: [] } });
  t.same(await linked(), [], 'replace with an empty list unlinks all');
  t.equal(await count('genres'), 3, 'targets are never created, updated or deleted through links');

  await call('DELETE', `/genre/${g3}`);
  const missing = '9d8c7b6a-5f4e-4d3c-b2a1-0f9e8d7c6b5a';
  res = await call('PUT', `/book/${book.id}`, { genres: { data: [{ id: missing }, { id: 'nope' }, { id: g3 }, { id: missing, _delete: true }, { id: g1 }] } });
  t.equal(res.status, 422);
  t.same(res.body.error.details, [
    { field: 'genres[1].id', rule: 'type', message: 'id must be a UUID' },
    { field: 'genres[0].id', rule: 'not_found', message: `genre ${missing} not found` },
    { field: 'genres[2].id', rule: 'not_found', message: `genre ${g3} not found` },
  ], 'bad ids are typed, missing and soft-deleted targets are not found');
  t.same(await linked(), [], 'nothing linked');
});

eachDialect(t, 'one_to_one: a second child is refused, replace swaps', async (t, r) => {
  const { call, count } = await setup(r);
  const book = (await call('POST', '/book', { title: 'O', cover: { data: [{ colour: 'red' }] } })).body.data;
  let res = await call('PUT', `/book/${book.id}`, { cover: { data: [{ colour: 'green' }] } });
  t.equal(res.status, 422);
  t.same(res.body.error.details, [{ field: 'cover', rule: 'one_to_one', message: 'cover allows at most one record' }]);
  res = await call('POST', '/book', { title: 'O2', cover: { data: [{ colour: 'a' }, { colour: 'b' }] } });
  t.equal(res.status, 422, 'two children on create');
  t.equal(await count('books'), 1, 'and nothing was written');
  res = await call('PUT', `/book/${book.id}`, { cover: { _write_mode: 'replace', data: [{ colour: 'green' }] } });
  t.equal(res.status, 200, JSON.stringify(res.body));
  const cover = (await call('GET', `/book/${book.id}?include=cover`)).body.data.cover;
  t.equal(cover.colour, 'green', 'replace swaps the child');
  t.equal(await count('covers'), 1, 'the old child is deleted');
  res = await call('PUT', `/book/${book.id}`, { cover: { _write_mode: 'append', data: [{ colour: 'pink' }] } });
  t.equal(res.status, 422, 'append of a second child is refused too');
  res = await call('PUT', `/book/${book.id}`, { cover: { _write_mode: 'append', data: [{ id: cover.id, colour: 'ignored' }, { id: cover.id, _delete: true }] } });
  t.equal(res.status, 200);
  t.equal((await call('GET', `/book/${book.id}?include=cover`)).body.data.cover.colour, 'green', 'append ignores updates and _delete');
  res = await call('PUT', `/book/${book.id}`, { cover: { data: [{ id: cover.id, colour: 'teal' }] } });
  t.equal(res.status, 200);
  t.equal((await call('GET', `/book/${book.id}?include=cover`)).body.data.cover.colour, 'teal', 'diff updates it by PK');
  res = await call('PUT', `/book/${book.id}`, { cover: { data: [{ id: cover.id, _delete: true }] } });
  t.equal((await call('GET', `/book/${book.id}?include=cover`)).body.data.cover, null, '_delete removes it');
});

eachDialect(t, 'children with a non-generated PK, and ids of another parent', async (t, r) => {
  const { call, count } = await setup(r);
  const a = (await call('POST', '/book', { title: 'A', reviews: { data: [{ code: 'a1', stars: 3 }] }, chapters: { data: [{ number: 1 }] } })).body.data;
  const b = (await call('POST', '/book', { title: 'B', chapters: { data: [{ number: 1 }] } })).body.data;
  const aChapter = (await call('GET', `/book/${a.id}?include=chapters`)).body.data.chapters[0];

  let res = await call('PUT', `/book/${b.id}`, { chapters: { data: [{ id: aChapter.id, heading: 'stolen' }, { id: aChapter.id, _delete: true }] } });
  t.equal(res.status, 200);
  const after = (await call('GET', `/chapter/${aChapter.id}`)).body.data;
  t.same([after.book_id, after.heading], [a.id, null], "another parent's child is neither updated, deleted nor re-parented");
  res = await call('PUT', `/book/${b.id}`, { chapters: { _write_mode: 'replace', data: [{ id: aChapter.id }] } });
  t.equal((await call('GET', `/chapter/${aChapter.id}`)).status, 200, 'nor deleted by replace');

  res = await call('PUT', `/book/${a.id}`, { reviews: { data: [{ code: 'a1', stars: 5 }, { code: 'a2', stars: 4 }] } });
  t.equal(res.status, 200, JSON.stringify(res.body));
  const reviews = (await call('GET', `/book/${a.id}?include=reviews`)).body.data.reviews.map((x: Body) => [x.code, x.stars]).sort();
  t.same(reviews, [['a1', 5], ['a2', 4]], 'a known PK is updated, an unknown one inserted');
  res = await call('PUT', `/book/${b.id}`, { reviews: { data: [{ code: 'b1' }] } });
  t.equal(res.status, 422, 'a PK row that turns out new is validated as an insert');
  t.same(res.body.error.details, [{ field: 'reviews[0].stars', rule: 'required', message: 'stars is required' }]);
  res = await call('PUT', `/book/${b.id}`, { reviews: { data: [{ code: 'a1', stars: 1 }] } });
  t.equal(res.status, 409, "another parent's non-generated PK is an insert that conflicts");
  t.same(res.body.error.details, [{ field: 'reviews[0].code', rule: 'unique', message: 'code must be unique' }]);
  t.equal(await count('reviews', "book_id IS NOT NULL AND code = 'a1'"), 1);
});

eachDialect(t, 'failures anywhere roll back everything, with the path in details', async (t, r) => {
  const { call, counts } = await setup(r);
  const seed = (await call('POST', '/book', { title: 'Seed', chapters: { data: [{ number: 1, footnotes: { data: [{ text: 'f', citations: { data: [{ ref: 'TAKEN' }] } }] } }] } })).body.data;
  const before = await counts();

  let res = await call('POST', '/book', {
    title: 'Doomed',
    chapters: { data: [{ number: 1, footnotes: { data: [{ text: 'x', citations: { data: [{ ref: 'FREE' }, { ref: 'TAKEN' }] } }] } }] },
    genres: { data: [] },
  });
  t.equal(res.status, 409, 'a unique violation three levels down');
  t.same(res.body.error, {
    code: 'CONFLICT', message: 'A record with this value already exists',
    details: [{ field: 'chapters[0].footnotes[0].citations[1].ref', rule: 'unique', message: 'ref must be unique' }],
  });
  t.same(await counts(), before, 'nothing was written');

  res = await call('PUT', `/book/${seed.id}`, {
    title: 'Renamed', chapters: { _write_mode: 'replace', data: [{ number: 9, footnotes: { data: [{ text: 'y', citations: { data: [{ ref: 'TAKEN' }] } }] } }] },
  });
  t.equal(res.status, 409);
  t.same(await counts(), before, 'an update rolls back too');
  t.equal((await call('GET', `/book/${seed.id}`)).body.data.title, 'Seed');

  res = await call('POST', '/book', {
    title: 7,
    chapters: { data: [{ number: 1 }, { number: 'two', heading: 5 }, { heading: 'no number', colour: 'red' }, { number: 3, status: 'gone', footnotes: { data: [{}] } }] },
    genres: { data: [{ id: '9d8c7b6a-5f4e-4d3c-b2a1-0f9e8d7c6b5a' }] },
  });
  t.equal(res.status, 422);
  t.same(res.body.error.details, [
    { field: 'title', rule: 'type', message: 'title must be a string' },
    { field: 'chapters[1].number', rule: 'type', message: 'number must be an integer' },
    { field: 'chapters[1].heading', rule: 'type', message: 'heading must be a string' },
    { field: 'chapters[2].colour', rule: 'unknown', message: 'Unknown field or relation: colour' },
    { field: 'chapters[3].status', rule: 'enum', message: 'status must be one of: draft, final' },
    { field: 'chapters[3].footnotes[0].text', rule: 'required', message: 'text is required' },
    { field: 'genres[0].id', rule: 'not_found', message: 'genre 9d8c7b6a-5f4e-4d3c-b2a1-0f9e8d7c6b5a not found' },
  ], 'every problem of the tree in one response, in payload order');
  t.same(await counts(), before);
});

eachDialect(t, 'malformed nested payloads are 422, never 500', async (t, r) => {
  const { call, counts } = await setup(r);
  const before = await counts();
  const cases: Array<[unknown, Body[]]> = [
    [{ chapters: [{ number: 1 }] }, [{ field: 'chapters', rule: 'invalid', message: 'chapters must be an object with a data array' }]],
    [{ chapters: null }, [{ field: 'chapters', rule: 'invalid', message: 'chapters must be an object with a data array' }]],
    [{ chapters: { rows: [] } }, [{ field: 'chapters', rule: 'invalid', message: 'chapters must be an object with a data array' }]],
    [{ chapters: { _write_mode: 'merge', data: [] } }, [{ field: 'chapters', rule: 'invalid', message: 'invalid _write_mode: merge' }]],
    [{ chapters: { _write_mode: 3, data: [] } }, [{ field: 'chapters', rule: 'invalid', message: 'invalid _write_mode: 3' }]],
    [{ chapters: { data: [1, null, []] } }, [0, 1, 2].map((i) => ({ field: `chapters[${i}]`, rule: 'invalid', message: 'each item in data must be an object' }))],
    [{ chapters: { data: [{ number: 1, _delete: 'yes' }] } }, [{ field: 'chapters[0]._delete', rule: 'type', message: '_delete must be a boolean' }]],
    [{ chapters: { data: [{ id: 'x', _delete: true }] } }, [{ field: 'chapters[0].id', rule: 'type', message: 'id must be a UUID' }]],
    [{ genres: { data: ['a'] } }, [{ field: 'genres[0]', rule: 'invalid', message: 'each item in data must be an object' }]],
  ];
  for (const [payload, details] of cases) {
    const res = await call('POST', '/book', { title: 'x', ...(payload as Body) });
    t.equal(res.status, 422, JSON.stringify(payload));
    t.same(res.body.error.details, details, JSON.stringify(payload));
  }
  const res = await call('POST', '/book', { title: 'x', _write_mode: 'diff', _delete: true });
  t.same(res.body.error.details.map((d: Body) => d.rule), ['unknown', 'unknown'], '_write_mode and _delete at the top level are unknown keys');
  t.same(await counts(), before);
});

eachDialect(t, 'nesting depth: five levels allowed, six refused', async (t, r) => {
  const { call, count } = await setup(r);
  const tree = (depth: number): Body => (depth === 0 ? { label: 'leaf' } : { label: `d${depth}`, children: { data: [tree(depth - 1)] } });
  let res = await call('POST', '/node', tree(5));
  t.equal(res.status, 201, JSON.stringify(res.body));
  t.equal(await count('nodes'), 6);
  res = await call('POST', '/node', tree(6));
  t.equal(res.status, 422);
  t.same(res.body.error.details, [{ field: 'children[0].children[0].children[0].children[0].children[0].children', rule: 'invalid', message: 'nesting depth exceeds 5' }]);
  t.equal(await count('nodes'), 6);
});

eachDialect(t, 'mixed create, update and delete at several levels in one request', async (t, r) => {
  const { call } = await setup(r);
  const book = (await call('POST', '/book', {
    title: 'M', chapters: { data: [{ number: 1, footnotes: { data: [{ text: 'keep' }, { text: 'drop' }] } }, { number: 2 }] },
  })).body.data;
  const read = async () => ((await call('GET', `/book/${book.id}?include=chapters.footnotes`)).body.data.chapters as Body[]).sort(byNumber);
  const [c1, c2] = await read();
  const keep = c1.footnotes.find((f: Body) => f.text === 'keep');
  const drop = c1.footnotes.find((f: Body) => f.text === 'drop');
  const res = await call('PUT', `/book/${book.id}`, {
    chapters: {
      data: [
        { id: c1.id, heading: 'one', footnotes: { data: [{ id: keep.id, text: 'kept' }, { id: drop.id, _delete: true }, { text: 'new' }] } },
        { id: c2.id, _delete: true },
        { number: 3, footnotes: { data: [{ text: 'n3' }] } },
      ],
    },
  });
  t.equal(res.status, 200, JSON.stringify(res.body));
  const after = await read();
  t.same(after.map((c) => c.number), [1, 3]);
  t.same(after[0].footnotes.map((f: Body) => f.text).sort(), ['kept', 'new']);
  t.same(after[1].footnotes.map((f: Body) => f.text), ['n3']);
});

eachDialect(t, 'concurrent updates of the same parent all apply', async (t, r) => {
  const { call, count } = await setup(r);
  const book = (await call('POST', '/book', { title: 'C' })).body.data;
  const results = await Promise.all(Array.from({ length: 8 }, (_, i) =>
    call('PUT', `/book/${book.id}`, { title: `C${i}`, chapters: { _write_mode: 'append', data: [{ number: i }] }, genres: { _write_mode: 'append', data: [] } })));
  t.same(results.map((x) => x.status), Array(8).fill(200));
  t.equal(await count('chapters', 'deleted_at IS NULL'), 8, 'every appended child is there');
});

eachDialect(t, 'a large batch of siblings', async (t, r) => {
  const { call, count } = await setup(r);
  const data = Array.from({ length: 1200 }, (_, i) => ({ text: `l${i}`, qty: i }));
  const res = await call('POST', '/book', { title: 'Big', lines: { data } });
  t.equal(res.status, 201);
  t.equal(await count('lines'), 1200);
  const res2 = await call('POST', '/book', { title: 'Too big', lines: { data: Array.from({ length: 10_001 }, () => ({ text: 'x' })) } });
  t.equal(res2.status, 422);
  t.same(res2.body.error.details, [{ field: 'lines', rule: 'invalid', message: 'Too many child records' }]);
});
