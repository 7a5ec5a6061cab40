// The audit log (observability-and-audit.md Part B) over HTTP on both databases: one entry per
// record written at every capture point, in the write's transaction; the diff, masking, exclusion
// and opt-in/out rules; who and from where; the query API and record history; retention.
import t from 'tap';
import { registerFieldType } from '../../core/metadata/field-types/index.js';
import type { FieldType } from '../../core/metadata/types.js';
import { eachDialect, userToken, type TestRocket } from '../helpers/server.js';

const uuidPk = { field: 'id', type: 'uuid', generated: true };
const PATIENT = {
  name: 'patient', table: 'patients', primary_key: uuidPk, soft_delete: true,
  audit: { enabled: true, mask_fields: ['national_id'], exclude_fields: ['search_vector'] },
  fields: [
    { name: 'id', type: 'uuid' },
    { name: 'name', type: 'string', required: true },
    { name: 'bio', type: 'text' },
    { name: 'visits', type: 'int' },
    { name: 'big', type: 'bigint' },
    { name: 'weight', type: 'float' },
    { name: 'balance', type: 'decimal', precision: 2 },
    { name: 'active', type: 'boolean' },
    { name: 'doctor_id', type: 'uuid' },
    { name: 'seen_at', type: 'timestamp' },
    { name: 'born', type: 'date' },
    { name: 'prefs', type: 'json' },
    { name: 'national_id', type: 'string' },
    { name: 'portal_password', type: 'string' },
    { name: 'diagnosis', type: 'string', sensitive: true },
    { name: 'search_vector', type: 'text' },
    { name: 'created_at', type: 'timestamp', auto: 'create' },
    { name: 'updated_at', type: 'timestamp', auto: 'update' },
  ],
};

type Call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, token?: string) => Promise<{ status: number; body: any }>;

async function setup(r: TestRocket, entities: unknown[] = [PATIENT], relations: unknown[] = []) {
  const app = await r.createApp();
  const call: Call = (method, path, body, token = app.token) => r.request(method, `/api/${app.name}${path}`, { token, body });
  for (const e of entities) {
    const res = await call('POST', '/_admin/entities', e);
    if (res.status !== 201) throw new Error(`entity: ${JSON.stringify(res.body)}`);
  }
  for (const rel of relations) if ((await call('POST', '/_admin/relations', rel)).status !== 201) throw new Error('relation');
  const entries = async (query = '') => {
    const res = await call('GET', `/_admin/audit-logs?sort=created_at&per_page=100${query}`);
    if (res.status !== 200) throw new Error(`audit-logs: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data as any[];
  };
  return { app, call, entries };
}

const full = {
  name: 'Ada', bio: 'line\nbreak', visits: 3, big: '9007199254740993', weight: 61.5, balance: '10.5', active: true,
  doctor_id: '5B6F1A2E-0C1D-4E2F-8A3B-4C5D6E7F8091', seen_at: '2025-04-02T14:03:55.12+02:00', born: '1990-07-01',
  prefs: { theme: 'dark', n: [1, 2.5, null], nested: { ok: true } }, national_id: 'X-123', portal_password: 'hunter2',
  diagnosis: 'flu', search_vector: 'ada flu',
};

/** The API record as an entry's snapshot shows it: excluded fields gone, masked ones "***". */
function asSnapshot(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...record };
  delete out.search_vector;
  for (const k of ['national_id', 'portal_password', 'diagnosis']) if (out[k] !== null) out[k] = '***';
  return out;
}

eachDialect(t, 'create, update and delete entries: snapshots, diffs, masks, exclusions', async (t, r) => {
  const { call, entries } = await setup(r);
  const created = await call('POST', '/patient', full);
  t.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.data.id;
  const stored = (await call('GET', `/patient/${id}`)).body.data;

  let [entry] = await entries();
  t.match(entry, { entity: 'patient', record_id: id, action: 'create', source: 'api', old_data: null, user_email: 'admin@localhost' });
  t.same(entry.new_data, asSnapshot(stored), 'new_data is the record as read back (GET shape), masked, without excluded fields');
  t.same(entry.changed_fields, ['id', 'name', 'bio', 'visits', 'big', 'weight', 'balance', 'active', 'doctor_id', 'seen_at', 'born', 'prefs',
    'national_id', 'portal_password', 'diagnosis'], 'non-null fields in field order; auto fields and excluded ones never');
  t.same(entry.changes.name, { old: null, new: 'Ada' });
  t.same(entry.changes.national_id, { old: null, new: '***' }, 'masked in changes too');
  t.same(Object.keys(entry.changes).sort(), [...entry.changed_fields].sort(), 'changes has exactly the changed fields (JSONB orders keys its own way)');

  // The same values again (decimal 10.50 = 10.5, the timestamp as another instant text): no entry.
  const same = await call('PUT', `/patient/${id}`, { ...full, balance: 10.50, seen_at: stored.seen_at, prefs: { nested: { ok: true }, n: [1, 2.5, null], theme: 'dark' } });
  t.equal(same.status, 200);
  t.equal((await entries()).length, 1, 'an update that changed nothing (auto fields aside) writes no entry');
  const before = (await call('GET', `/patient/${id}`)).body.data;

  const changed = await call('PUT', `/patient/${id}`, { name: 'Ada L.', national_id: null, diagnosis: 'cold', search_vector: 'x', visits: 4 });
  t.equal(changed.status, 200);
  const after = (await call('GET', `/patient/${id}`)).body.data;
  entry = (await entries())[1];
  t.match(entry, { action: 'update', source: 'api', record_id: id });
  t.same(entry.changed_fields, ['name', 'visits', 'national_id', 'diagnosis'], 'excluded search_vector changed but is not listed');
  t.same(entry.changes, {
    name: { old: 'Ada', new: 'Ada L.' }, visits: { old: 3, new: 4 }, national_id: { old: '***', new: null }, diagnosis: { old: '***', new: '***' },
  });
  t.same(entry.old_data, asSnapshot(before));
  t.same(entry.new_data, asSnapshot(after));

  t.equal((await call('DELETE', `/patient/${id}`)).status, 200);
  entry = (await entries())[2];
  t.match(entry, { action: 'delete', new_data: null, changed_fields: [], changes: {} });
  t.same(entry.old_data, asSnapshot(after), 'a soft delete is a delete entry with the record before it');
});

const order = {
  name: 'order', table: 'orders', primary_key: uuidPk,
  fields: [{ name: 'id', type: 'uuid' }, { name: 'number', type: 'string', required: true, unique: true }, { name: 'total', type: 'decimal', precision: 2 }],
};
const line = {
  name: 'order_line', table: 'order_lines', primary_key: uuidPk,
  fields: [{ name: 'id', type: 'uuid' }, { name: 'order_id', type: 'uuid' }, { name: 'product', type: 'string', required: true }, { name: 'qty', type: 'int' }],
};
const note = {
  name: 'note', table: 'notes', primary_key: { field: 'id', type: 'int', generated: true },
  fields: [{ name: 'id', type: 'int' }, { name: 'order_id', type: 'uuid' }, { name: 'body', type: 'string' }],
};
const tag = { name: 'tag', table: 'tags', primary_key: uuidPk, fields: [{ name: 'id', type: 'uuid' }, { name: 'name', type: 'string' }] };
const orderRelations = [
  { name: 'order_lines', type: 'one_to_many', source: 'order', target: 'order_line', target_key: 'order_id', on_delete: 'cascade' },
  { name: 'notes', type: 'one_to_many', source: 'order', target: 'note', target_key: 'order_id', on_delete: 'cascade' },
  { name: 'tags', type: 'many_to_many', source: 'order', target: 'tag', join_table: 'order_tags', source_join_key: 'order_id', target_join_key: 'tag_id' },
];
const brief = (e: any) => [e.entity, e.action, e.source];
/** Entries of one request share their created_at, so their order among themselves is not defined. */
const sorted = <T>(list: T[]): T[] => [...list].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

eachDialect(t, 'nested writes: one entry per child (source nested), none for links or cascades', async (t, r) => {
  const { call, entries } = await setup(r, [order, line, note, tag], orderRelations);
  const tagId = (await call('POST', '/tag', { name: 'red' })).body.data.id;
  const created = await call('POST', '/order', {
    number: 'A1', total: 5, order_lines: { data: [{ product: 'p1', qty: 1 }, { product: 'p2', qty: 2 }, { product: 'p3' }] },
    notes: { data: [{ body: 'first' }] }, tags: { data: [{ id: tagId }] },
  });
  t.equal(created.status, 201, JSON.stringify(created.body));
  const orderId = created.body.data.id;
  let all = await entries();
  t.same(all.map(brief)[0], ['tag', 'create', 'api']);
  t.same(sorted(all.slice(1).map(brief)), sorted([['order', 'create', 'api'], ...Array(3).fill(['order_line', 'create', 'nested']), ['note', 'create', 'nested']]));
  const lines = all.filter((e) => e.entity === 'order_line');
  t.same(lines.map((e) => e.new_data.product).sort(), ['p1', 'p2', 'p3'], 'batched children each get their own entry');
  t.same(lines.find((e) => e.new_data.product === 'p3').changed_fields, ['id', 'order_id', 'product'], 'null qty is not a changed field');
  const noteEntry = all.find((e) => e.entity === 'note');
  t.equal(noteEntry.record_id, String(noteEntry.new_data.id), 'a database-generated int id is the record_id');

  const kept = (await call('GET', `/order_line?filter[order_id]=${orderId}&sort=product`)).body.data;
  const updated = await call('PUT', `/order/${orderId}`, {
    order_lines: { _write_mode: 'replace', data: [{ id: kept[0].id, product: 'p1', qty: 5 }, { id: kept[1].id, product: 'p2', qty: 2 }, { product: 'p4' }] },
  });
  t.equal(updated.status, 200, JSON.stringify(updated.body));
  all = (await entries()).slice(6);
  t.same(sorted(all.map((e) => [...brief(e), e.changed_fields])), sorted([
    ['order_line', 'delete', 'nested', []],
    ['order_line', 'update', 'nested', ['qty']],
    ['order_line', 'create', 'nested', ['id', 'order_id', 'product']],
  ]), 'the unchanged parent and the unchanged child get no entry');

  t.equal((await call('DELETE', `/order/${orderId}`)).status, 200);
  all = (await entries()).slice(9);
  t.same(all.map(brief), [['order', 'delete', 'api']], 'cascaded children get no entry of their own');
});

const claim = {
  name: 'claim', table: 'claims', primary_key: { field: 'id', type: 'int', generated: true },
  fields: [{ name: 'id', type: 'int' }, { name: 'title', type: 'string', required: true }, { name: 'status', type: 'string' }, { name: 'note', type: 'string' }],
};
const ledger = {
  name: 'ledger', table: 'ledger', primary_key: { field: 'id', type: 'int', generated: true },
  fields: [{ name: 'id', type: 'int' }, { name: 'claim_id', type: 'int' }, { name: 'ref', type: 'string', unique: true }],
};
const machine = {
  entity: 'claim', field: 'status',
  definition: {
    initial: 'draft',
    transitions: [{
      from: 'draft', to: 'approved',
      actions: [{ type: 'set_field', field: 'note', value: 'ok' }, { type: 'create_record', entity: 'ledger', data: { claim_id: '{{record.id}}', ref: '{{record.title}}' } }],
    }],
  },
};

eachDialect(t, 'state machines: set_field in the update entry, create_record records with source action; rejected writes write nothing', async (t, r) => {
  const { call, entries } = await setup(r, [claim, ledger]);
  t.equal((await call('POST', '/_admin/state-machines', machine)).status, 201);
  const id = (await call('POST', '/claim', { title: 'T1' })).body.data.id;
  t.equal((await call('PUT', `/claim/${id}`, { status: 'approved' })).status, 200);
  const all = await entries();
  t.same(all.map(brief)[0], ['claim', 'create', 'api']);
  t.same(sorted(all.slice(1).map(brief)), [['claim', 'update', 'api'], ['ledger', 'create', 'action']]);
  const update = all.find((e) => e.action === 'update');
  const made = all.find((e) => e.entity === 'ledger');
  t.same(update.changed_fields, ['status', 'note'], 'set_field values are part of the triggering write');
  t.same(made.new_data, { id: made.new_data.id, claim_id: id, ref: 'T1' });

  // Rejected: an invalid transition, a validation failure, a unique violation in create_record, a refused caller.
  t.equal((await call('PUT', `/claim/${id}`, { status: 'draft' })).status, 422);
  t.equal((await call('POST', '/claim', {})).status, 422);
  const second = (await call('POST', '/claim', { title: 'T1' })).body.data.id;
  t.equal((await call('PUT', `/claim/${second}`, { status: 'approved' })).status, 409, 'create_record collides on ref');
  const reader = userToken(r, (await r.server.rocket.apps.list())[0].name, ['reader']);
  t.equal((await call('POST', '/claim', { title: 'T9' }, reader)).status, 403);
  t.same((await entries()).map(brief).slice(3), [['claim', 'create', 'api']], 'only the one accepted write since');
});

eachDialect(t, 'opt-out: audit false, audit.default false, audit.enabled false', async (t, r) => {
  const quiet = { ...tag, name: 'quiet', table: 'quiet', audit: false };
  const loud = { ...tag, name: 'loud', table: 'loud', audit: true };
  const plain = { ...tag, name: 'plain', table: 'plain' };
  const { call, entries } = await setup(r, [quiet, loud, plain]);
  for (const e of ['quiet', 'loud', 'plain']) t.equal((await call('POST', `/${e}`, { name: 'x' })).status, 201);
  t.same((await entries()).map((e) => e.entity), ['loud', 'plain'], 'audit: false opts out; no key follows audit.default (true)');

  // Settings are resolved once per configuration object; a changed copy stands for a restart.
  const config = r.server.rocket.config as { audit: Record<string, unknown> };
  const original = config.audit;
  t.teardown(() => { config.audit = original; });
  const settings = { ...original, default: false };
  config.audit = settings;
  for (const e of ['quiet', 'loud', 'plain']) await call('POST', `/${e}`, { name: 'y' });
  t.same((await entries()).map((e) => e.entity), ['loud', 'plain', 'loud'], 'audit.default false: only entities that opt in');
  config.audit = { ...settings, enabled: false };
  await call('POST', '/loud', { name: 'z' });
  await call('POST', '/_admin/users', { email: 'quiet@x.test', password: 'pw123456' });
  t.equal((await entries()).length, 3, 'audit.enabled false: nothing is written, the read API still answers');
});

eachDialect(t, 'the entity audit key is validated', async (t, r) => {
  const { call } = await setup(r, []);
  const bad = async (audit: unknown) => {
    const res = await call('POST', '/_admin/entities', { ...tag, audit });
    t.equal(res.status, 422, JSON.stringify(audit));
    return res.body.error.details.map((d: any) => `${d.field}|${d.rule}`);
  };
  t.same(await bad('yes'), ['audit|invalid']);
  t.same(await bad({ enabled: 'yes' }), ['audit.enabled|invalid']);
  t.same(await bad({ mask_fields: ['nope'], exclude_fields: 'name' }), ['audit.exclude_fields|invalid', 'audit.mask_fields[0]|not_found']);
  t.same(await bad({ mask_field: ['name'] }), ['audit.mask_field|invalid']);
  t.equal((await call('POST', '/_admin/entities', { ...tag, audit: { enabled: true, mask_fields: ['name'] } })).status, 201);
});

eachDialect(t, 'users, invites and permissions are audited (source admin; accept-invite api); no password hash, tokens masked', async (t, r) => {
  const { app, call, entries } = await setup(r, [tag]);
  const user = (await call('POST', '/_admin/users', { email: 'ann@x.test', password: 'secret-pw', roles: ['staff'] })).body.data;
  t.equal((await call('PUT', `/_admin/users/${user.id}`, { email: 'ann@x.test', password: 'another-pw' })).status, 200);
  t.equal((await call('PUT', `/_admin/users/${user.id}`, { email: 'ann@x.test', roles: ['staff', 'lead'] })).status, 200);
  t.equal((await call('DELETE', `/_admin/users/${user.id}`)).status, 200);
  let all = await entries('&entity=_users');
  t.same(all.map((e) => [e.action, e.source, e.changed_fields]), [
    ['create', 'admin', ['id', 'email', 'roles', 'active']],
    ['update', 'admin', ['roles']],
    ['delete', 'admin', []],
  ], 'a password-only change touches no recorded field');
  t.same(Object.keys(all[0].new_data), ['id', 'email', 'roles', 'active', 'created_at', 'updated_at'], 'password_hash is never recorded');
  t.equal(all[0].record_id, user.id);

  const invite = (await call('POST', '/_admin/invites', { email: 'bob@x.test', roles: ['staff'] })).body.data;
  const accepted = await r.request('POST', `/api/${app.name}/auth/accept-invite`, { body: { token: invite.token, password: 'bob-pw-123' } });
  t.equal(accepted.status, 201);
  const other = (await call('POST', '/_admin/invites', { email: 'cy@x.test' })).body.data;
  t.equal((await call('DELETE', `/_admin/invites/${other.id}`)).status, 200);
  all = await entries('&entity=_invites');
  t.same(all.map((e) => [e.action, e.source]), [['create', 'admin'], ['update', 'api'], ['create', 'admin'], ['delete', 'admin']]);
  t.equal(all[0].new_data.token, '***', 'the invite token is always masked');
  t.same(all[1].changed_fields, ['accepted_at']);
  t.equal(all[1].user_id, null, 'accepting is not done by a signed-in user');
  const bob = (await entries('&entity=_users&source=api'))[0];
  t.match(bob, { action: 'create', record_id: accepted.body.data.user.id, new_data: { email: 'bob@x.test', roles: ['staff'], active: true } });

  const perm = (await call('POST', '/_admin/permissions', { entity: 'tag', action: 'read', roles: ['staff'] })).body.data;
  t.equal((await call('PUT', `/_admin/permissions/${perm.id}`, { entity: 'tag', action: 'read', roles: ['staff', 'guest'] })).status, 200);
  t.equal((await call('DELETE', `/_admin/permissions/${perm.id}`)).status, 200);
  all = await entries('&entity=_permissions');
  t.same(all.map((e) => [e.action, e.source, e.changed_fields]), [['create', 'admin', ['id', 'entity', 'action', 'roles', 'conditions']], ['update', 'admin', ['roles']], ['delete', 'admin', []]]);
  t.same(all[1].changes, { roles: { old: ['staff'], new: ['staff', 'guest'] } });
});

eachDialect(t, 'who and from where: user, email (app and platform users), ip without trust_proxy', async (t, r) => {
  const { app, call, entries } = await setup(r, [tag]);
  const headers = { 'x-forwarded-for': '203.0.113.24' };
  const first = await r.request('POST', `/api/${app.name}/tag`, { token: app.token, body: { name: 'a' }, headers });
  await r.request('POST', `/api/${app.name}/tag`, { token: await r.platformToken(), body: { name: 'b' } });
  const [mine, platform] = await entries();
  const me = (await call('GET', '/_admin/users')).body.data.find((u: any) => u.email === 'admin@localhost');
  t.match(mine, { user_id: me.id, user_email: 'admin@localhost', ip_address: '127.0.0.1' }, 'X-Forwarded-For is ignored');
  t.equal(mine.trace_id, first.headers['x-trace-id'], 'without X-Trace-ID, the trace id the request was given (§B1: joins to _events)');
  t.match(platform, { user_email: 'platform@localhost', ip_address: '127.0.0.1' }, "a platform token: the platform user's email");
  t.match(platform.user_id, /^[0-9a-f-]{36}$/);
});

eachDialect(t, 'who and from where: X-Forwarded-For with trust_proxy, the trace id of the request', async (t, r) => {
  const { app, entries } = await setup(r, [tag]);
  const trace = 'F2A9C1D4-6B3E-4A70-9E85-1C7D0B4F2E96';
  await r.request('POST', `/api/${app.name}/tag`, { token: app.token, body: { name: 'a' }, headers: { 'x-forwarded-for': '203.0.113.24', 'x-trace-id': trace } });
  t.match((await entries())[0], { ip_address: '203.0.113.24', trace_id: trace.toLowerCase() });
}, { server: { trust_proxy: true } });

eachDialect(t, 'query API: filters, paging, sort, 404, timestamps', async (t, r) => {
  const { call, entries } = await setup(r, [tag]);
  for (let i = 0; i < 5; i++) await call('POST', '/tag', { name: `t${i}` });
  const all = await entries();
  const id = all[2].record_id;
  await call('PUT', `/tag/${id}`, { name: 'renamed' });
  const list = (q: string) => call('GET', `/_admin/audit-logs${q}`);

  let res = await list('?per_page=2&page=2');
  t.same(res.body.meta, { page: 2, per_page: 2, total: 6 });
  t.equal(res.body.data.length, 2);
  res = await list('?per_page=500&page=0');
  t.same(res.body.meta, { page: 1, per_page: 100, total: 6 }, 'per_page capped, invalid page falls back');
  res = await list('?per_page=abc');
  t.equal(res.body.meta.per_page, 50);
  const newest = (await list('')).body.data[0];
  t.match(newest, { action: 'update', record_id: id }, 'newest first by default');
  t.same(Object.keys(newest), ['id', 'entity', 'record_id', 'action', 'source', 'old_data', 'new_data', 'changed_fields', 'changes',
    'user_id', 'user_email', 'ip_address', 'trace_id', 'created_at']);
  t.equal((await list(`?record_id=${id}&action=update`)).body.meta.total, 1);
  t.equal((await list('?source=nested')).body.meta.total, 0);
  t.equal((await list(`?user_id=${newest.user_id}&entity=tag`)).body.meta.total, 6);
  t.equal((await list('?user_id=not-a-uuid')).body.meta.total, 0, 'a user_id that is no UUID matches nothing');
  t.equal((await list(`?from=${encodeURIComponent(newest.created_at)}`)).body.meta.total, 1);
  t.equal((await list(`?to=${all[0].created_at}`)).body.data[0].id, all[0].id);
  t.equal((await list('?from=2999-01-01')).body.meta.total, 0);
  res = await list('?to=yesterday');
  t.equal(res.status, 422);
  t.same(res.body.error, { code: 'VALIDATION_FAILED', message: 'to must be an ISO-8601 timestamp' });

  t.same((await call('GET', `/_admin/audit-logs/${newest.id}`)).body.data, newest);
  res = await call('GET', '/_admin/audit-logs/00000000-0000-4000-8000-000000000000');
  t.same(res.body.error, { code: 'NOT_FOUND', message: 'Audit log not found: 00000000-0000-4000-8000-000000000000' });
  t.equal((await call('GET', '/_admin/audit-logs/nope')).status, 404);
  const reader = userToken(r, (await r.server.rocket.apps.list())[0].name, ['reader']);
  t.equal((await call('GET', '/_admin/audit-logs', undefined, reader)).status, 403, 'admin only');
});

eachDialect(t, 'history: through the row filter, no IP for non-admins, deleted records for admins', async (t, r) => {
  const doc = {
    name: 'doc', table: 'docs', primary_key: uuidPk, soft_delete: true, slug: { field: 'slug', source: 'title' },
    fields: [{ name: 'id', type: 'uuid' }, { name: 'title', type: 'string' }, { name: 'slug', type: 'string', unique: true }, { name: 'team', type: 'string' }],
  };
  const { app, call } = await setup(r, [doc]);
  t.equal((await call('POST', '/_admin/permissions', { entity: 'doc', action: 'read', roles: ['reader'], conditions: [{ field: 'team', operator: 'eq', value: 'red' }] })).status, 201);
  const red = (await call('POST', '/doc', { title: 'Red one', team: 'red' })).body.data;
  const blue = (await call('POST', '/doc', { title: 'Blue one', team: 'blue' })).body.data;
  await call('PUT', `/doc/${red.id}`, { team: 'red', title: 'Red two' });
  const reader = userToken(r, app.name, ['reader']);
  const stranger = userToken(r, app.name, ['stranger']);

  let res = await call('GET', `/doc/${red.id}/history`, undefined, reader);
  t.equal(res.status, 200);
  t.same(res.body.data.map((e: any) => e.action), ['update', 'create'], 'newest first');
  t.same(res.body.meta, { page: 1, per_page: 50, total: 2 });
  t.notOk('ip_address' in res.body.data[0], 'non-admins never see ip_address');
  t.equal((await call('GET', `/doc/red-one/history?per_page=1`, undefined, reader)).body.data.length, 1, 'addressed by slug');
  res = await call('GET', `/doc/${blue.id}/history`, undefined, reader);
  t.same(res.body.error, { code: 'NOT_FOUND', message: `doc with id ${blue.id} not found` }, 'outside the row filter');
  t.equal((await call('GET', `/doc/${red.id}/history`, undefined, stranger)).status, 403);
  t.equal((await call('GET', `/nope/${red.id}/history`)).body.error.code, 'UNKNOWN_ENTITY');

  t.equal((await call('DELETE', `/doc/${red.id}`)).status, 200);
  t.equal((await call('GET', `/doc/${red.id}/history`, undefined, reader)).status, 404, 'a deleted record is gone for readers');
  res = await call('GET', `/doc/${red.id}/history`);
  t.same(res.body.data.map((e: any) => e.action), ['delete', 'update', 'create'], 'admins see the history of deleted records');
  t.equal(res.body.data[0].ip_address, '127.0.0.1');
});

eachDialect(t, 'a failing audit insert rolls the change back (500)', async (t, r) => {
  const { app, call, entries } = await setup(r, [order, line, tag], orderRelations.filter((x) => x.name !== 'notes'));
  const db = r.server.rocket.apps.get(app.name)!.db;
  const existing = (await call('POST', '/tag', { name: 'keep' })).body.data.id;
  if (r.dialect === 'postgres') {
    await db.run("CREATE FUNCTION audit_down() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit down'; END $$ LANGUAGE plpgsql");
    await db.run('CREATE TRIGGER audit_down BEFORE INSERT ON _audit_logs FOR EACH ROW EXECUTE FUNCTION audit_down()');
  } else {
    await db.run("CREATE TRIGGER audit_down BEFORE INSERT ON _audit_logs BEGIN SELECT RAISE(ABORT, 'audit down'); END");
  }
  t.equal((await call('POST', '/tag', { name: 'lost' })).status, 500);
  t.equal((await call('PUT', `/tag/${existing}`, { name: 'changed' })).status, 500);
  t.equal((await call('DELETE', `/tag/${existing}`)).status, 500);
  t.equal((await call('POST', '/order', { number: 'N1', order_lines: { data: [{ product: 'p' }, { product: 'q' }] } })).status, 500);
  t.equal((await call('POST', '/_admin/users', { email: 'lost@x.test', password: 'pw-123456' })).status, 500);
  await db.run('DROP TRIGGER audit_down' + (r.dialect === 'postgres' ? ' ON _audit_logs' : ''));
  t.same((await call('GET', '/tag')).body.data.map((x: any) => x.name), ['keep'], 'nothing was written');
  t.equal((await call('GET', '/order')).body.data.length, 0);
  t.equal((await call('GET', '/order_line')).body.data.length, 0);
  t.notOk((await call('GET', '/_admin/users')).body.data.some((u: any) => u.email === 'lost@x.test'));
  t.equal((await entries()).length, 1);
});

eachDialect(t, 'retention: the job deletes entries older than retention_days', async (t, r) => {
  const { app, call, entries } = await setup(r, [tag]);
  await call('POST', '/tag', { name: 'new' });
  const ctx = r.server.rocket.apps.get(app.name)!;
  const old = new Date(Date.now() - 31 * 24 * 3600 * 1000).toISOString();
  await ctx.db.run("INSERT INTO _audit_logs (id, entity, record_id, action, source, changed_fields, changes, created_at) VALUES ($1, 'tag', 'x', 'create', 'api', $2, $3, $4)",
    ['0b9e5a43-8d27-4c1e-9f36-2a7d4c8e1b50', ctx.db.dialect.encodeTextArray([]), ctx.db.dialect.encodeJson({}), old]);
  t.equal((await entries()).length, 2);
  const { auditRetentionJob } = await import('../../core/audit/retention.js');
  const job = auditRetentionJob(30);
  await job.run({ job: job.name, app: ctx, log: r.server.log, signal: new AbortController().signal, now: () => Date.now() });
  const left = await entries();
  t.same(left.map((e) => e.record_id), [left[0].record_id]);
  t.not(left[0].record_id, 'x', 'the 31-day-old entry is gone, today\'s stays');
}, { audit: { retention_days: 30 } });

eachDialect(t, 'tables named like the statement\'s own names (o, r, a, t) are audited like any other', async (t, r) => {
  const names = ['o', 'r', 'a', 't'];
  const { call, entries } = await setup(r, names.map((n) => ({ ...tag, name: n, table: n })));
  for (const n of names) {
    const id = (await call('POST', `/${n}`, { name: 'x' })).body.data.id;
    t.equal((await call('PUT', `/${n}/${id}`, { name: 'y' })).status, 200);
  }
  // Two requests may fall in the same millisecond: compare without order.
  t.same(sorted((await entries()).map((e) => [e.entity, e.action, e.changed_fields])), sorted(names.flatMap((n) => [[n, 'create', ['id', 'name']], [n, 'update', ['name']]])));
});

// A type from outside the engine: its API values come from its own fromDb, so its entity's entries
// are computed in JS from the records read back (also on PostgreSQL), never rendered by SQL.
const shadeType: FieldType = {
  name: 'audit_shade',
  typeKind: 'a shade',
  operators: new Set(['eq']),
  storage: () => ({ kind: 'text' }),
  coerceInput: (v) => (typeof v === 'string' ? { ok: true, value: v } : { ok: false }),
  parseFilter: (text) => ({ ok: true, value: text }),
  toDb: (v) => v,
  fromDb: (raw) => (typeof raw === 'string' ? `shade:${raw.toUpperCase()}` : raw),
  outputSchema: () => ({ type: ['string', 'null'] }),
  inputSchema: () => ({ type: ['string', 'null'] }),
};
registerFieldType(shadeType);

eachDialect(t, 'a field type from outside the engine: snapshots as its fromDb reads them', async (t, r) => {
  const paint = { ...tag, name: 'paint', table: 'paints', fields: [...tag.fields, { name: 'shade', type: 'audit_shade' }] };
  const { call, entries } = await setup(r, [paint]);
  const id = (await call('POST', '/paint', { name: 'p', shade: 'blue' })).body.data.id;
  t.equal((await call('PUT', `/paint/${id}`, { shade: 'red' })).status, 200);
  t.equal((await call('PUT', `/paint/${id}`, { shade: 'red' })).status, 200);
  const all = await entries();
  t.same(all.map((e) => [e.action, e.changed_fields]), [['create', ['id', 'name', 'shade']], ['update', ['shade']]]);
  t.same(all[1].changes, { shade: { old: 'shade:BLUE', new: 'shade:RED' } });
  t.same(all[1].new_data, (await call('GET', `/paint/${id}`)).body.data);
});
