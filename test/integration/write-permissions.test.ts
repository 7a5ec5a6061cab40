// Permissions on writes over HTTP on both databases (auth.md §8.3, write-pipeline.md §2.2 step 3,
// §2.3 step 1, §3 step 3): create per role, update and delete against the current record, the
// error order (404 → 403 → 422), nested children checked per operation, admin bypass.
import t from 'tap';
import { eachDialect, userToken, type TestRocket } from '../helpers/server.js';

const order = {
  name: 'work_order', table: 'work_orders', primary_key: { field: 'id', type: 'uuid', generated: true },
  fields: [{ name: 'id', type: 'uuid' }, { name: 'title', type: 'string', required: true }, { name: 'state', type: 'string' }, { name: 'priority', type: 'int' }],
};
const task = {
  name: 'task', table: 'tasks', primary_key: { field: 'id', type: 'uuid', generated: true },
  fields: [{ name: 'id', type: 'uuid' }, { name: 'work_order_id', type: 'uuid' }, { name: 'label', type: 'string' }, { name: 'locked', type: 'boolean' }],
};

const label = {
  name: 'label', table: 'labels', primary_key: { field: 'id', type: 'uuid', generated: true },
  fields: [{ name: 'id', type: 'uuid' }, { name: 'name', type: 'string' }],
};

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Body = Record<string, any>;

async function setup(r: TestRocket) {
  const app = await r.createApp();
  const as = (token: string) => (method: Method, path: string, body?: unknown) => r.request(method, `/api/${app.name}${path}`, { token, body });
  const admin = as(app.token);
  const ok = async (method: Method, path: string, body?: unknown) => {
    const res = await admin(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  };
  for (const e of [order, task, label]) await ok('POST', '/_admin/entities', e);
  await ok('POST', '/_admin/relations', { name: 'tasks', type: 'one_to_many', source: 'work_order', target: 'task', target_key: 'work_order_id' });
  await ok('POST', '/_admin/relations', {
    name: 'labels', type: 'many_to_many', source: 'work_order', target: 'label', join_table: 'work_order_labels',
    source_join_key: 'work_order_id', target_join_key: 'label_id',
  });
  const allow = (entity: string, action: string, roles: string[], conditions: unknown[] = []) =>
    ok('POST', '/_admin/permissions', { entity, action, roles, conditions });
  const user = (...roles: string[]) => as(userToken(r, app.name, roles));
  const ctx = r.server.rocket.apps.get(app.name)!;
  const count = async (table: string) => Number((await ctx.db.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  return { admin, ok, allow, user, count };
}

const denied = (res: { status: number; body: Body }) => [res.status, res.body.error?.code, res.body.error?.message];

eachDialect(t, 'create, update and delete per role and against the current record', async (t, r) => {
  const { admin, ok, allow, user, count } = await setup(r);
  const open = await ok('POST', '/work_order', { title: 'open one', state: 'open', priority: 1 });
  const closed = await ok('POST', '/work_order', { title: 'closed one', state: 'closed', priority: 1 });
  const clerk = user('Clerk');

  t.same(denied(await clerk('POST', '/work_order', { title: 'x' })), [403, 'FORBIDDEN', 'No permission for create on work_order'], 'no policy row');
  await allow('work_order', 'create', ['manager']);
  t.same(denied(await clerk('POST', '/work_order', { title: 'x' })), [403, 'FORBIDDEN', 'Permission denied for create on work_order'], 'rows for other roles only');
  t.same(denied(await clerk('POST', '/work_order', { title: 5 })), [403, 'FORBIDDEN', 'Permission denied for create on work_order'], '403 before payload validation');
  await allow('work_order', 'create', ['clerk']);
  const created = await clerk('POST', '/work_order', { title: 'by clerk' });
  t.equal(created.status, 201, 'roles match case-insensitively');
  t.equal((await clerk('POST', '/work_order', { title: 5 })).status, 422, 'then the payload is validated');

  await allow('work_order', 'update', ['clerk'], [{ field: 'state', operator: 'in', value: ['open', 'scheduled'] }]);
  let res = await clerk('PUT', `/work_order/${open.id}`, { title: 'renamed', state: 'closed' });
  t.equal(res.status, 200, 'the condition holds on the current record');
  t.equal(res.body.data.state, 'closed');
  t.same(denied(await clerk('PUT', `/work_order/${open.id}`, { title: 'again' })), [403, 'FORBIDDEN', 'Permission denied for update on work_order'],
    'the current (now closed) record decides, not the payload');
  t.same(denied(await clerk('PUT', `/work_order/${closed.id}`, { title: 5 })), [403, 'FORBIDDEN', 'Permission denied for update on work_order'], '403 before 422');
  t.equal((await clerk('PUT', '/work_order/9d8c7b6a-5f4e-4d3c-b2a1-0f9e8d7c6b5a', { title: 5 })).status, 404, '404 before 403 and 422');
  // A link to a missing target is found inside the transaction when nothing else is wrong: still 403 first.
  const missingLink = { labels: { data: [{ id: '9d8c7b6a-5f4e-4d3c-b2a1-0f9e8d7c6b5a' }] } };
  t.same(denied(await clerk('PUT', `/work_order/${closed.id}`, missingLink)), [403, 'FORBIDDEN', 'Permission denied for update on work_order'],
    '403 before a not_found link');
  const notFound = await admin('PUT', `/work_order/${closed.id}`, missingLink);
  t.same([notFound.status, notFound.body.error.details], [422, [{ field: 'labels[0].id', rule: 'not_found', message: 'label 9d8c7b6a-5f4e-4d3c-b2a1-0f9e8d7c6b5a not found' }]],
    'and the same not_found detail as before BEGIN');
  t.equal((await ok('GET', `/work_order/${closed.id}`)).title, 'closed one', 'a refused update changes nothing');

  t.same(denied(await clerk('DELETE', `/work_order/${closed.id}`)), [403, 'FORBIDDEN', 'No permission for delete on work_order']);
  await allow('work_order', 'delete', ['clerk'], [{ field: 'priority', operator: 'gte', value: 3 }]);
  t.same(denied(await clerk('DELETE', `/work_order/${closed.id}`)), [403, 'FORBIDDEN', 'Permission denied for delete on work_order']);
  t.equal((await clerk('DELETE', '/work_order/9d8c7b6a-5f4e-4d3c-b2a1-0f9e8d7c6b5a')).status, 404, 'missing record: 404 first');
  await ok('PUT', `/work_order/${closed.id}`, { priority: 4 });
  t.equal((await clerk('DELETE', `/work_order/${closed.id}`)).status, 200, 'allowed once the record satisfies the condition');
  t.equal(await count('work_orders'), 2);

  await allow('work_order', 'update', ['clerk']);
  t.equal((await clerk('PUT', `/work_order/${open.id}`, { title: 'closed but allowed' })).status, 200, 'a policy without conditions allows any record (policies are ORed)');
});

eachDialect(t, 'nested children are checked per operation and roll back the whole request', async (t, r) => {
  const { ok, allow, user, count } = await setup(r);
  const planner = user('planner');
  await allow('work_order', 'create', ['planner']);
  await allow('work_order', 'update', ['planner']);

  let res = await planner('POST', '/work_order', { title: 'with tasks', tasks: { data: [{ label: 'a' }] } });
  t.same(denied(res), [403, 'FORBIDDEN', 'No permission for create on task'], 'creating a child needs create on the child entity');
  t.equal(await count('work_orders'), 0, 'the parent was rolled back');

  await allow('task', 'create', ['planner']);
  res = await planner('POST', '/work_order', { title: 'with tasks', tasks: { data: [{ label: 'a', locked: true }, { label: 'b', locked: false }] } });
  t.equal(res.status, 201, JSON.stringify(res.body));
  const wo = res.body.data;
  const tasks = ((await ok('GET', `/work_order/${wo.id}?include=tasks`)).tasks as Body[]).sort((a, b) => a.label.localeCompare(b.label));
  const [locked, free] = tasks;

  res = await planner('PUT', `/work_order/${wo.id}`, { tasks: { data: [{ id: free.id, label: 'b2' }] } });
  t.same(denied(res), [403, 'FORBIDDEN', 'No permission for update on task'], 'updating a child needs update on it');
  await allow('task', 'update', ['planner'], [{ field: 'locked', operator: 'eq', value: false }]);
  res = await planner('PUT', `/work_order/${wo.id}`, { title: 'renamed', tasks: { data: [{ id: free.id, label: 'b2' }, { id: locked.id, label: 'a2' }] } });
  t.same(denied(res), [403, 'FORBIDDEN', 'Permission denied for update on task'], 'checked against the current child');
  t.equal((await ok('GET', `/work_order/${wo.id}`)).title, 'with tasks', 'nothing of the request was kept');
  t.equal((await ok('GET', `/task/${free.id}`)).label, 'b', 'not even the allowed child update');
  res = await planner('PUT', `/work_order/${wo.id}`, { tasks: { data: [{ id: free.id, label: 'b2' }] } });
  t.equal(res.status, 200);

  res = await planner('PUT', `/work_order/${wo.id}`, { tasks: { _write_mode: 'replace', data: [{ id: free.id }] } });
  t.same(denied(res), [403, 'FORBIDDEN', 'No permission for delete on task'], 'replace deleting a child needs delete on it');
  await allow('task', 'delete', ['planner'], [{ field: 'locked', operator: 'eq', value: false }]);
  res = await planner('PUT', `/work_order/${wo.id}`, { tasks: { data: [{ id: locked.id, _delete: true }] } });
  t.same(denied(res), [403, 'FORBIDDEN', 'Permission denied for delete on task']);
  res = await planner('PUT', `/work_order/${wo.id}`, { tasks: { data: [{ id: free.id, _delete: true }] } });
  t.equal(res.status, 200);
  t.equal(await count('tasks'), 1);
});

eachDialect(t, 'admins and platform tokens bypass every write check', async (t, r) => {
  const { admin, allow, count } = await setup(r);
  await allow('work_order', 'create', ['nobody']);
  t.equal((await admin('POST', '/work_order', { title: 'a', tasks: { data: [{ label: 't' }] } })).status, 201);
  const platform = await r.platformToken();
  const apps = await r.request('GET', '/api/_platform/apps', { token: platform });
  const name = apps.body.data[0].name as string;
  const res = await r.request('POST', `/api/${name}/work_order`, { token: platform, body: { title: 'p' } });
  t.equal(res.status, 201);
  t.equal(await count('work_orders'), 2);
});
