// The write-step pipeline over HTTP on both databases: `records.committed` fires once per entity
// and operation after COMMIT (never for a rolled-back write), covers nested children and cascades,
// and a failing listener never changes the response.
import t from 'tap';
import { eachDialect } from '../helpers/server.js';
import type { TestRocket } from '../helpers/server.js';

const uuidPk = { field: 'id', type: 'uuid', generated: true };
const entities = [
  { name: 'shelf', table: 'shelves', primary_key: uuidPk, fields: [{ name: 'id', type: 'uuid' }, { name: 'label', type: 'string', unique: true }] },
  {
    name: 'item', table: 'items', primary_key: { field: 'id', type: 'int', generated: true },
    fields: [{ name: 'id', type: 'int' }, { name: 'shelf_id', type: 'uuid' }, { name: 'name', type: 'string', required: true }],
  },
];
const relations = [{ name: 'items', type: 'one_to_many', source: 'shelf', target: 'item', target_key: 'shelf_id', on_delete: 'cascade' }];

type Committed = { app: string; entity: string; op: string; ids: ReadonlyArray<string | number> };

async function setup(r: TestRocket) {
  const app = await r.createApp();
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) =>
    r.request(method, `/api/${app.name}${path}`, { token: app.token, body });
  for (const e of entities) if ((await call('POST', '/_admin/entities', e)).status !== 201) throw new Error('entity');
  for (const rel of relations) if ((await call('POST', '/_admin/relations', rel)).status !== 201) throw new Error('relation');
  const seen: Committed[] = [];
  const off = r.server.rocket.events.on('records.committed', (e) => void seen.push(e));
  return { app, call, seen, off };
}

eachDialect(t, 'records.committed after commit, for parent, children and cascades', async (t, r) => {
  const { app, call, seen, off } = await setup(r);
  const created = await call('POST', '/shelf', { label: 'A', items: { data: [{ name: 'x' }, { name: 'y' }, { name: 'z' }] } });
  t.equal(created.status, 201);
  const shelf = created.body.data.id;
  t.same(seen.map((e) => [e.app, e.entity, e.op, e.ids.length]), [[app.name, 'shelf', 'create', 1], [app.name, 'item', 'create', 3]],
    'one event per entity and operation; batched children are not lost');
  t.equal(seen[0].ids[0], shelf);
  t.ok(seen[1].ids.every((id) => typeof id === 'number'), 'int ids of children come back from their inserts');

  seen.length = 0;
  const dup = await call('POST', '/shelf', { label: 'A' });
  t.equal(dup.status, 409);
  t.same(seen, [], 'a rolled-back write announces nothing');

  const updated = await call('PUT', `/shelf/${shelf}`, { label: 'B' });
  t.equal(updated.status, 200);
  t.same(seen.map((e) => [e.entity, e.op, e.ids]), [['shelf', 'update', [shelf]]]);

  seen.length = 0;
  t.equal((await call('DELETE', `/shelf/${shelf}`)).status, 200);
  t.same(seen.map((e) => [e.entity, e.op, e.ids.length]), [['shelf', 'delete', 1], ['item', 'delete', 3]], 'cascaded deletes are included');
  off();
});

eachDialect(t, 'a failing listener is logged and never changes the response', async (t, r) => {
  const { call, off } = await setup(r);
  const offBad = r.server.rocket.events.on('records.committed', () => {
    throw new Error('listener down');
  });
  const res = await call('POST', '/shelf', { label: 'C', items: { data: [{ name: 'x' }] } });
  t.equal(res.status, 201);
  t.equal((await call('GET', `/item?filter[shelf_id]=${res.body.data.id}`)).body.data.length, 1, 'the write committed');
  offBad();
  off();
});
