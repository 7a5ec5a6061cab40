// Races between writes (issue #12 items 1–4), each run 25 times on both databases and checked in
// the database afterwards: a nested update racing a delete leaves no orphan, a link racing a
// delete leaves no dangling join row, concurrent slugs are all suffixed (never 409), and of
// concurrent invites for one email exactly one is created.
import t from 'tap';
import { eachDialect } from '../helpers/server.js';
import type { TestRocket } from '../helpers/server.js';

const TRIALS = 25;
const uuidPk = { field: 'id', type: 'uuid', generated: true };
const entities = [
  { name: 'book', table: 'books', primary_key: uuidPk, fields: [{ name: 'id', type: 'uuid' }, { name: 'title', type: 'string' }] },
  {
    name: 'chapter', table: 'chapters', primary_key: uuidPk, soft_delete: true,
    fields: [{ name: 'id', type: 'uuid' }, { name: 'book_id', type: 'uuid' }, { name: 'heading', type: 'string' }],
  },
  {
    name: 'footnote', table: 'footnotes', primary_key: { field: 'id', type: 'int', generated: true },
    fields: [{ name: 'id', type: 'int' }, { name: 'chapter_id', type: 'uuid' }, { name: 'body', type: 'string' }],
  },
  { name: 'tag', table: 'tags', primary_key: uuidPk, fields: [{ name: 'id', type: 'uuid' }, { name: 'label', type: 'string' }] },
  {
    name: 'author', table: 'authors', primary_key: uuidPk, slug: { field: 'slug', source: 'name' },
    fields: [{ name: 'id', type: 'uuid' }, { name: 'name', type: 'string' }, { name: 'slug', type: 'string', unique: true }],
  },
];
const relations = [
  { name: 'chapters', type: 'one_to_many', source: 'book', target: 'chapter', target_key: 'book_id', on_delete: 'cascade' },
  { name: 'footnotes', type: 'one_to_many', source: 'chapter', target: 'footnote', target_key: 'chapter_id', on_delete: 'cascade' },
  { name: 'tags', type: 'many_to_many', source: 'book', target: 'tag', join_table: 'book_tags', source_join_key: 'book_id', target_join_key: 'tag_id' },
];

async function setup(r: TestRocket) {
  const app = await r.createApp();
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) =>
    r.request(method, `/api/${app.name}${path}`, { token: app.token, body });
  for (const e of entities) if ((await call('POST', '/_admin/entities', e)).status !== 201) throw new Error(`entity ${e.name}`);
  for (const rel of relations) if ((await call('POST', '/_admin/relations', rel)).status !== 201) throw new Error(`relation ${rel.name}`);
  const db = r.server.rocket.apps.get(app.name)!.db;
  const count = async (sql: string) => Number((await db.query<{ n: unknown }>(sql))[0].n);
  return { app, call, count };
}

eachDialect(t, 'a nested update racing a delete of the child leaves no orphan', async (t, r) => {
  const { call, count } = await setup(r);
  const outcomes = new Map<string, number>();
  for (let i = 0; i < TRIALS; i++) {
    const book = (await call('POST', '/book', { title: `b${i}`, chapters: { data: [{ heading: 'c' }] } })).body.data.id;
    const chapter = (await call('GET', `/chapter?filter[book_id]=${book}`)).body.data[0].id;
    const [put, del] = await Promise.all([
      call('PUT', `/book/${book}`, { chapters: { data: [{ id: chapter, footnotes: { data: [{ body: 'x' }] } }] } }),
      call('DELETE', `/chapter/${chapter}`),
    ]);
    const key = `${put.status}/${del.status}`;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    t.ok(put.status < 500 && del.status < 500, `trial ${i}: no 5xx (${key} ${JSON.stringify(put.body)})`);
  }
  const orphans = await count(
    'SELECT COUNT(*) AS n FROM footnotes f WHERE NOT EXISTS (SELECT 1 FROM chapters c WHERE c.id = f.chapter_id AND c.deleted_at IS NULL)',
  );
  t.equal(orphans, 0, `no footnote under a deleted chapter (outcomes ${JSON.stringify([...outcomes])})`);
});

eachDialect(t, 'a link racing a delete of the target leaves no dangling join row', async (t, r) => {
  const { call, count } = await setup(r);
  for (let i = 0; i < TRIALS; i++) {
    const book = (await call('POST', '/book', { title: `b${i}` })).body.data.id;
    const tag = (await call('POST', '/tag', { label: `t${i}` })).body.data.id;
    const [put, del] = await Promise.all([
      call('PUT', `/book/${book}`, { tags: { _write_mode: 'append', data: [{ id: tag }] } }),
      call('DELETE', `/tag/${tag}`),
    ]);
    t.ok([200, 422].includes(put.status) && del.status === 200, `trial ${i}: ${put.status}/${del.status} ${JSON.stringify(put.body)}`);
    if (put.status === 422) t.match(put.body.error.details, [{ field: 'tags[0].id', rule: 'not_found' }], 'a lost race answers not_found');
  }
  t.equal(await count('SELECT COUNT(*) AS n FROM book_tags bt WHERE NOT EXISTS (SELECT 1 FROM tags g WHERE g.id = bt.tag_id)'), 0,
    'no join row points at a deleted tag');
});

eachDialect(t, 'concurrent creates with the same slug source are all suffixed', async (t, r) => {
  const { call } = await setup(r);
  const responses = await Promise.all(Array.from({ length: 20 }, () => call('POST', '/author', { name: 'Same Name' })));
  t.same(responses.map((res) => res.status), Array(20).fill(201), JSON.stringify(responses.find((res) => res.status !== 201)?.body));
  const slugs = responses.map((res) => res.body.data?.slug as string).sort();
  const expected = ['same-name', ...Array.from({ length: 19 }, (_, i) => `same-name-${i + 2}`)].sort();
  t.same(slugs, expected, 'same-name, same-name-2 … same-name-20');
});

eachDialect(t, 'concurrent invites for one email create exactly one', async (t, r) => {
  const { call } = await setup(r);
  for (let i = 0; i < TRIALS; i++) {
    const email = `race${i}@example.com`;
    const responses = await Promise.all(Array.from({ length: 6 }, () => call('POST', '/_admin/invites', { email })));
    const statuses = responses.map((res) => res.status).sort();
    t.same(statuses, [201, 409, 409, 409, 409, 409], `trial ${i}`);
  }
  const bulk = await Promise.all(Array.from({ length: 4 }, () => call('POST', '/_admin/invites/bulk', { emails: ['bulk@example.com'] })));
  t.equal(bulk.reduce((n, res) => n + res.body.data.summary.created, 0), 1, 'bulk invites race the same way');
});
