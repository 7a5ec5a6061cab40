// The permission model over HTTP on both databases (auth.md §8, rest-api.md §5.7, §6, §10.6): the
// /_admin/permissions API and its validation, the whitelist, role matching, row filters on list,
// get and includes, admin bypass, and policy changes applying to the next request.
import t from 'tap';
import { eachDialect, userToken, type TestRocket } from '../helpers/server.js';

const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const customer = {
  name: 'customer', table: 'customers', primary_key: { field: 'id', type: 'uuid', generated: true },
  fields: [{ name: 'id', type: 'uuid' }, { name: 'name', type: 'string' }, { name: 'tier', type: 'string' }],
};
const workOrder = {
  name: 'work_order', table: 'work_orders', primary_key: { field: 'id', type: 'uuid', generated: true }, soft_delete: true,
  fields: [
    { name: 'id', type: 'uuid' }, { name: 'title', type: 'string' }, { name: 'region', type: 'string' },
    { name: 'priority', type: 'int' }, { name: 'state', type: 'string' }, { name: 'customer_id', type: 'uuid' },
    { name: 'cost', type: 'decimal', precision: 2 }, { name: 'urgent', type: 'boolean' },
  ],
};
const note = {
  name: 'note', table: 'notes', primary_key: { field: 'id', type: 'int', generated: true },
  fields: [{ name: 'id', type: 'int' }, { name: 'work_order_id', type: 'uuid' }, { name: 'body', type: 'string' }, { name: 'internal', type: 'boolean' }],
};
const relations = [
  { name: 'customer_work_orders', type: 'one_to_many', source: 'customer', target: 'work_order', target_key: 'customer_id' },
  { name: 'work_order_notes', type: 'one_to_many', source: 'work_order', target: 'note', target_key: 'work_order_id' },
];

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

async function setup(r: TestRocket) {
  const app = await r.createApp();
  const base = `/api/${app.name}`;
  const as = (token: string) => (method: Method, path: string, body?: unknown) => r.request(method, `${base}${path}`, { token, body });
  const admin = as(app.token);
  const user = (...roles: string[]) => as(userToken(r, app.name, roles));
  const ok = async (method: Method, path: string, body?: unknown) => {
    const res = await admin(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  };
  return { app, base, admin, user, ok };
}

/** Entities, relations and rows: 4 work orders (2 north, 2 south), 2 customers, 3 notes. */
async function seed(ok: Awaited<ReturnType<typeof setup>>['ok']) {
  for (const e of [customer, workOrder, note]) await ok('POST', '/_admin/entities', e);
  for (const rel of relations) await ok('POST', '/_admin/relations', rel);
  const gold = await ok('POST', '/customer', { name: 'Gold Co', tier: 'gold' });
  const basic = await ok('POST', '/customer', { name: 'Basic Co', tier: 'basic' });
  const wo = async (title: string, region: string, priority: number, state: string, customerId: string, cost: string) =>
    ok('POST', '/work_order', { title, region, priority, state, customer_id: customerId, cost, urgent: priority < 3 });
  const n1 = await wo('N1', 'north', 1, 'open', gold.id, '10.50');
  const n2 = await wo('N2', 'north', 5, 'closed', basic.id, '99.00');
  const s1 = await wo('S1', 'south', 2, 'open', gold.id, '20.00');
  const s2 = await wo('S2', 'south', 4, 'scheduled', basic.id, '5.25');
  await ok('POST', '/note', { work_order_id: n1.id, body: 'public', internal: false });
  await ok('POST', '/note', { work_order_id: n1.id, body: 'secret', internal: true });
  await ok('POST', '/note', { work_order_id: s1.id, body: 'south note', internal: false });
  return { gold, basic, n1, n2, s1, s2 };
}

const titles = (body: any) => body.data.map((r: any) => r.title).sort();

eachDialect(t, 'permissions admin API: CRUD, order, defaults, timestamps', async (t, r) => {
  const { admin } = await setup(r);
  const created = await admin('POST', '/_admin/permissions', { entity: 'work_order', action: 'read' });
  t.equal(created.status, 201);
  const p = created.body.data;
  t.same(Object.keys(p), ['id', 'entity', 'action', 'roles', 'conditions', 'created_at', 'updated_at']);
  t.match(p, { entity: 'work_order', action: 'read', roles: [], conditions: [] }, 'defaults');
  t.match(p.id, UUID);
  t.match(p.created_at, ISO_MS);
  t.equal(p.updated_at, p.created_at);

  const cond = [{ field: 'region', operator: 'eq', value: 'north' }, { field: 'priority', operator: 'in', value: [1, 2] }];
  const second = (await admin('POST', '/_admin/permissions', { entity: 'customer', action: 'update', roles: ['dispatcher', 'Supervisor'], conditions: cond })).body.data;
  t.same(second.roles, ['dispatcher', 'Supervisor'], 'roles stored as written');
  t.same(second.conditions, cond);
  const third = (await admin('POST', '/_admin/permissions', { entity: 'customer', action: 'create', roles: ['x'] })).body.data;
  const ghost = await admin('POST', '/_admin/permissions', { entity: 'not_defined_yet', action: 'delete', conditions: [{ field: 'a', operator: 'eq' }] });
  t.equal(ghost.status, 201, 'the entity does not have to exist');
  t.same(ghost.body.data.conditions, [{ field: 'a', operator: 'eq', value: null }], 'a missing value is stored as null');
  const dup = await admin('POST', '/_admin/permissions', { entity: 'work_order', action: 'read', roles: ['b'] });
  t.equal(dup.status, 201, 'several rows for one pair');

  const list = await admin('GET', '/_admin/permissions');
  t.equal(list.status, 200);
  t.same(list.body.data.map((x: any) => `${x.entity}/${x.action}`), [
    'customer/create', 'customer/update', 'not_defined_yet/delete', 'work_order/read', 'work_order/read',
  ], 'ordered by entity, then action');
  t.same(list.body.data[1], second, 'list items are the stored rows');

  t.same((await admin('GET', `/_admin/permissions/${p.id}`)).body.data, p, 'get by id');
  t.same((await admin('GET', `/_admin/permissions/${p.id.toUpperCase()}`)).body.data.id, p.id, 'ids are case-insensitive');
  for (const bad of ['abc', '00000000-0000-4000-8000-000000000000']) {
    const res = await admin('GET', `/_admin/permissions/${bad}`);
    t.equal(res.status, 404);
    t.same(res.body, { error: { code: 'NOT_FOUND', message: `Permission not found: ${bad}` } });
  }

  await new Promise((resolve) => setTimeout(resolve, 5));
  const put = await admin('PUT', `/_admin/permissions/${second.id}`, { entity: 'customer', action: 'delete' });
  t.equal(put.status, 200);
  t.match(put.body.data, { id: second.id, entity: 'customer', action: 'delete', roles: [], conditions: [], created_at: second.created_at });
  t.ok(put.body.data.updated_at > second.updated_at, 'updated_at moves; full replacement resets roles and conditions');
  t.same((await admin('GET', `/_admin/permissions/${second.id}`)).body.data, put.body.data, 'PUT returns the stored row');

  const missing = await admin('PUT', '/_admin/permissions/00000000-0000-4000-8000-000000000000', []);
  t.same([missing.status, missing.body.error.message], [404, 'Permission not found: 00000000-0000-4000-8000-000000000000'], 'PUT: unknown id before body checks');
  t.equal((await admin('PUT', '/_admin/permissions/nope', { entity: 'a', action: 'read' })).status, 404);

  const del = await admin('DELETE', `/_admin/permissions/${third.id}`);
  t.same([del.status, del.body], [200, { data: { id: third.id, deleted: true } }]);
  t.equal((await admin('DELETE', `/_admin/permissions/${third.id}`)).status, 404, 'deleted');
  t.equal((await admin('DELETE', '/_admin/permissions/xyz')).body.error.message, 'Permission not found: xyz');
  t.equal((await admin('GET', '/_admin/permissions')).body.data.length, 4);
});

eachDialect(t, 'permissions admin API: validation in the documented order (POST and PUT)', async (t, r) => {
  const { admin } = await setup(r);
  const existing = (await admin('POST', '/_admin/permissions', { entity: 'e', action: 'read' })).body.data;
  const cases: Array<[unknown, number, string]> = [
    [[], 400, 'Invalid JSON body'],
    ['"text"', 400, 'Invalid JSON body'],
    [{}, 422, 'entity is required'],
    [{ entity: '', action: 'bogus' }, 422, 'entity is required'],
    [{ entity: 'e' }, 422, 'action is required'],
    [{ entity: 'e', action: '', roles: 'x' }, 422, 'action is required'],
    [{ entity: 'e', action: 'write', roles: 'x' }, 422, 'action must be read, create, update, or delete'],
    [{ entity: 'e', action: 'READ' }, 422, 'action must be read, create, update, or delete'],
    [{ entity: 'e', action: 'read', roles: 'x', conditions: 'y' }, 422, 'roles must be an array of strings'],
    [{ entity: 'e', action: 'read', roles: ['a', 1] }, 422, 'roles must be an array of strings'],
    [{ entity: 'e', action: 'read', conditions: {} }, 422, 'conditions must be an array'],
    [{ entity: 'e', action: 'read', conditions: [{}] }, 422, 'conditions[0].field is required'],
    [{ entity: 'e', action: 'read', conditions: ['x'] }, 422, 'conditions[0].field is required'],
    [{ entity: 'e', action: 'read', conditions: [{ field: 5, operator: 'like' }] }, 422, 'conditions[0].field is required'],
    [{ entity: 'e', action: 'read', conditions: [{ field: 'a', operator: 'like' }] }, 422,
      'conditions[0].operator must be one of eq, neq, gt, gte, lt, lte, in, not_in'],
    [{ entity: 'e', action: 'read', conditions: [{ field: 'a', operator: 'eq', value: 1 }, { field: 'b', operator: 'in', value: 'x' }] }, 422,
      'conditions[1].value must be an array for in/not_in'],
    [{ entity: 'e', action: 'read', conditions: [{ field: 'a', operator: 'not_in' }] }, 422,
      'conditions[0].value must be an array for in/not_in'],
  ];
  for (const [body, status, message] of cases) {
    for (const [method, path] of [['POST', '/_admin/permissions'], ['PUT', `/_admin/permissions/${existing.id}`]] as const) {
      const res = await admin(method, path, body);
      t.same([res.status, res.body.error?.code, res.body.error?.message], [status, status === 400 ? 'INVALID_PAYLOAD' : 'VALIDATION_FAILED', message],
        `${method} ${JSON.stringify(body)}`);
    }
  }
  t.same((await admin('GET', '/_admin/permissions')).body.data, [existing], 'nothing was written');
});

eachDialect(t, 'read permissions: whitelist, roles, row filters on list, get and includes', async (t, r) => {
  const { admin, user, ok, app } = await setup(r);
  const { gold, n1, n2, s1 } = await seed(ok);
  const tech = user('field_tech');

  // Whitelist: no row at all for the pair.
  let res = await tech('GET', '/work_order');
  t.same([res.status, res.body], [403, { error: { code: 'FORBIDDEN', message: 'No permission for read on work_order' } }]);
  t.equal((await tech('GET', `/work_order/${n1.id}`)).body.error.message, 'No permission for read on work_order');
  t.equal((await tech('GET', '/nope')).body.error.code, 'UNKNOWN_ENTITY', 'unknown entity before permissions');

  await ok('POST', '/_admin/permissions', { entity: 'work_order', action: 'read', roles: ['field_tech'], conditions: [{ field: 'region', operator: 'eq', value: 'north' }] });
  await ok('POST', '/_admin/permissions', { entity: 'customer', action: 'read', roles: ['field_tech', 'dispatcher'], conditions: [{ field: 'tier', operator: 'eq', value: 'gold' }] });
  await ok('POST', '/_admin/permissions', { entity: 'note', action: 'read', roles: ['field_tech'], conditions: [{ field: 'internal', operator: 'eq', value: false }] });

  // Rows exist, none for the caller's roles.
  res = await user('auditor')('GET', '/work_order');
  t.same([res.status, res.body.error.message], [403, 'Permission denied for read on work_order']);
  t.equal((await user()('GET', '/work_order')).body.error.message, 'Permission denied for read on work_order', 'no roles at all');
  t.equal((await tech('GET', '/work_order?filter[nope]=1')).status, 400, 'allowed: the query is parsed after the permission check');
  t.equal((await user('auditor')('GET', '/work_order?filter[nope]=1')).status, 403, 'read permission (403) before query parsing (400)');
  t.equal((await user('auditor')('GET', `/work_order/${n1.id}?include=nothing`)).status, 403, 'get: 403 before include parsing');

  // List: only permitted rows, total counts only them, caller filters ANDed.
  res = await tech('GET', '/work_order');
  t.equal(res.status, 200);
  t.same(titles(res.body), ['N1', 'N2']);
  t.equal(res.body.meta.total, 2);
  res = await tech('GET', '/work_order?filter[state]=open&sort=title');
  t.same([titles(res.body), res.body.meta.total], [['N1'], 1], 'combined with the caller filters by AND');
  res = await tech('GET', '/work_order?per_page=1&page=3');
  t.same([res.body.data, res.body.meta.total], [[], 2], 'a page past the end counts permitted rows only');

  // Get by id through the row filter.
  t.equal((await tech('GET', `/work_order/${n2.id}`)).body.data.title, 'N2');
  res = await tech('GET', `/work_order/${s1.id}`);
  t.same([res.status, res.body], [404, { error: { code: 'NOT_FOUND', message: `work_order with id ${s1.id} not found` } }], 'outside the filter: 404 like a missing record');

  // Includes load through each target's filter; a filtered to-one becomes null.
  res = await tech('GET', '/work_order?include=customer,notes&sort=title');
  t.equal(res.status, 200);
  const [rn1, rn2] = res.body.data;
  t.equal(rn1.customer.id, gold.id, 'permitted to-one');
  t.equal(rn2.customer, null, 'filtered to-one is null');
  t.same(rn1.notes.map((x: any) => x.body), ['public'], 'filtered to-many');
  t.same(rn2.notes, []);
  res = await tech('GET', `/work_order/${n1.id}?include=notes.work_order`);
  t.same(res.body.data.notes.map((x: any) => x.work_order.title), ['N1'], 'nested includes filtered too');

  // An included entity without read: 403 for the whole request.
  await ok('POST', '/_admin/permissions', { entity: 'work_order', action: 'read', roles: ['dispatcher'] });
  const dispatcher = user('dispatcher');
  t.equal((await dispatcher('GET', '/work_order')).body.meta.total, 4, 'a policy without conditions: every row');
  res = await dispatcher('GET', '/work_order?include=notes');
  t.same([res.status, res.body.error], [403, { code: 'FORBIDDEN', message: 'Permission denied for read on note' }]);
  t.equal((await dispatcher('GET', '/work_order?include=nothing')).status, 400, 'include parsing (400) before include permission');
  t.equal((await dispatcher('GET', `/work_order/${n1.id}?include=notes`)).status, 403);
  t.equal((await dispatcher('GET', '/work_order/00000000-0000-4000-8000-000000000000?include=notes')).status, 404, 'get: 404 before include permission');
  res = await dispatcher('GET', '/work_order?include=customer&sort=title');
  t.same(res.body.data.map((w: any) => w.customer?.name ?? null), ['Gold Co', null, 'Gold Co', null], 'includes filtered for an unrestricted parent');

  // Admin and platform token bypass everything.
  for (const token of [app.token, await r.platformToken()]) {
    res = await r.request('GET', `/api/${app.name}/work_order?include=customer,notes&sort=title`, { token });
    t.equal(res.body.meta.total, 4);
    t.same(res.body.data[1].customer?.name, 'Basic Co');
    t.same(res.body.data[0].notes.length, 2);
  }
  t.equal((await admin('GET', `/work_order/${s1.id}`)).status, 200);

  // Roles are matched case-insensitively on both sides.
  res = await user('FIELD_Tech')('GET', '/work_order');
  t.same(titles(res.body), ['N1', 'N2'], 'caller role in another case');
  await ok('POST', '/_admin/permissions', { entity: 'work_order', action: 'read', roles: ['Night_Shift'], conditions: [{ field: 'region', operator: 'eq', value: 'south' }] });
  t.same(titles((await user('night_shift')('GET', '/work_order')).body), ['S1', 'S2'], 'policy role in another case');
  t.equal((await user('ADMIN')('GET', '/work_order')).status, 403, 'only the exact lowercase admin role bypasses');

  // Several matching policies are ORed; a caller with several roles gets the union.
  res = await user('field_tech', 'night_shift')('GET', '/work_order');
  t.same([titles(res.body), res.body.meta.total], [['N1', 'N2', 'S1', 'S2'], 4]);
  const extra = await ok('POST', '/_admin/permissions', {
    entity: 'work_order', action: 'read', roles: ['field_tech'],
    conditions: [{ field: 'priority', operator: 'lte', value: 2 }, { field: 'state', operator: 'in', value: ['open', 'scheduled'] }],
  });
  res = await tech('GET', '/work_order');
  t.same([titles(res.body), res.body.meta.total], [['N1', 'N2', 'S1'], 3], 'OR of policies, AND inside one');
  t.equal((await tech('GET', `/work_order/${s1.id}`)).status, 200, 'get follows the widened filter');

  // A policy change applies to the next request.
  await ok('PUT', `/_admin/permissions/${extra.id}`, { entity: 'work_order', action: 'read', roles: ['field_tech'], conditions: [{ field: 'cost', operator: 'gt', value: 15 }] });
  t.same(titles((await tech('GET', '/work_order')).body), ['N1', 'N2', 'S1'], 'decimal comparison (cost > 15)');
  await ok('DELETE', `/_admin/permissions/${extra.id}`);
  t.same(titles((await tech('GET', '/work_order')).body), ['N1', 'N2'], 'deleted policy no longer applies');

  // Non-admins cannot manage permissions.
  for (const [method, path] of [['GET', '/_admin/permissions'], ['POST', '/_admin/permissions'], ['DELETE', `/_admin/permissions/${extra.id}`]] as const) {
    res = await tech(method, path, method === 'POST' ? { entity: 'work_order', action: 'read', roles: ['field_tech'] } : undefined);
    t.same([res.status, res.body.error], [403, { code: 'FORBIDDEN', message: 'Admin access required' }], `${method} ${path}`);
  }
});

eachDialect(t, 'read row filters: operators, typed values, unknown fields, eager relations', async (t, r) => {
  const { user, ok } = await setup(r);
  const { n1, s2 } = await seed(ok);
  const policy = async (role: string, conditions: unknown[], entity = 'work_order') =>
    ok('POST', '/_admin/permissions', { entity, action: 'read', roles: [role], conditions });
  const seen = async (role: string) => {
    const res = await user(role)('GET', '/work_order?sort=title');
    t.equal(res.status, 200, role);
    t.equal(res.body.meta.total, res.body.data.length);
    return titles(res.body);
  };

  await policy('r_in', [{ field: 'state', operator: 'in', value: ['open', 'scheduled', null] }, { field: 'priority', operator: 'gte', value: '2' }]);
  t.same(await seen('r_in'), ['S1', 'S2'], 'in + gte with a numeric string');
  await policy('r_not_in', [{ field: 'state', operator: 'not_in', value: ['open'] }]);
  t.same(await seen('r_not_in'), ['N2', 'S2']);
  await policy('r_neq', [{ field: 'region', operator: 'neq', value: 'north' }, { field: 'priority', operator: 'lt', value: 3.5 }]);
  t.same(await seen('r_neq'), ['S1'], 'neq + lt with a fraction on an int field');
  await policy('r_gt_frac', [{ field: 'priority', operator: 'gt', value: 1.5 }, { field: 'priority', operator: 'lte', value: 4.9 }]);
  t.same(await seen('r_gt_frac'), ['S1', 'S2'], 'fractional bounds on an int field');
  await policy('r_bool', [{ field: 'urgent', operator: 'eq', value: true }]);
  t.same(await seen('r_bool'), ['N1', 'S1'], 'boolean value');
  await policy('r_num_text', [{ field: 'priority', operator: 'eq', value: '5' }]);
  t.same(await seen('r_num_text'), ['N2'], 'string form of the value');
  await policy('r_uuid', [{ field: 'id', operator: 'eq', value: n1.id.toUpperCase() }]);
  t.same(await seen('r_uuid'), ['N1'], 'uuid compared as the field type does');
  await policy('r_decimal', [{ field: 'cost', operator: 'in', value: [5.25, '99'] }]);
  t.same(await seen('r_decimal'), ['N2', 'S2'], 'decimal values compared exactly');
  await policy('r_non_numeric', [{ field: 'priority', operator: 'gt', value: 'abc' }]);
  t.same(await seen('r_non_numeric'), ['N1', 'N2', 'S1', 'S2'], 'a non-numeric bound counts as 0');
  await policy('r_huge', [{ field: 'priority', operator: 'lt', value: 1e12 }]);
  t.same(await seen('r_huge'), ['N1', 'N2', 'S1', 'S2'], 'a bound beyond the column range');
  await policy('r_bad_eq', [{ field: 'priority', operator: 'eq', value: 'high' }]);
  t.same(await seen('r_bad_eq'), [], 'an unparseable eq value matches no row');
  await policy('r_null', [{ field: 'title', operator: 'eq', value: null }]);
  t.same(await seen('r_null'), [], 'eq null is IS NULL');

  await policy('r_unknown', [{ field: 'nope', operator: 'eq', value: 1 }]);
  t.same(await seen('r_unknown'), [], 'a condition on an unknown field: no rows');
  t.equal((await user('r_unknown')('GET', `/work_order/${n1.id}`)).status, 404);
  t.same(await seen('r_unknown'), [], 'still none');
  await policy('r_unknown', [{ field: 'region', operator: 'eq', value: 'south' }]);
  t.same(await seen('r_unknown'), ['S1', 'S2'], 'another policy of the same role still grants its rows');

  // Eager relations are included entities too.
  await ok('POST', '/_admin/relations', { name: 'wo_notes', type: 'one_to_many', source: 'work_order', target: 'note', target_key: 'work_order_id', fetch: 'eager' });
  let res = await user('r_in')('GET', '/work_order');
  t.same([res.status, res.body.error?.message], [403, 'No permission for read on note'], 'eager relation needs read on its target');
  t.equal((await user('r_in')('GET', `/work_order/${s2.id}`)).status, 403);
  await policy('r_in', [{ field: 'body', operator: 'neq', value: 'south note' }], 'note');
  res = await user('r_in')('GET', '/work_order?sort=title');
  t.same(res.body.data.map((w: any) => w.wo_notes.length), [0, 0], 'eager rows filtered');
  res = await user('r_bool')('GET', '/work_order?sort=title');
  t.equal(res.status, 403, 'a role without note policies');
});
