// Entity webhooks delivered for real to local receivers, on both databases
// (webhooks-and-files.md §A3–§A8, write-pipeline.md §2.2 steps 26 and 30, §3 step 8): the payload
// and headers of create, update and delete; conditions; the synchronous veto rolling back create,
// update and delete with its log row kept; inactive hooks; nested children firing their own hooks
// and cascades none; retries with backoff on a short tick; manual retry with the same idempotency
// key; signatures; and the private-network refusal.
import { createHmac } from 'node:crypto';
import t from 'tap';
import { receiver, until, type Receiver } from '../helpers/receiver.js';
import { PG_URL, eachDialect, startInstancePair, userToken, type TestRocket } from '../helpers/server.js';

const intPk = { field: 'id', type: 'int', generated: true };
const invoice = {
  name: 'invoice', table: 'invoices', primary_key: intPk,
  fields: [
    { name: 'id', type: 'int' }, { name: 'number', type: 'string' }, { name: 'status', type: 'string' },
    { name: 'total', type: 'decimal', precision: 12, scale: 2 }, { name: 'meta', type: 'json' },
  ],
};
const item = {
  name: 'item', table: 'items', primary_key: intPk,
  fields: [{ name: 'id', type: 'int' }, { name: 'invoice_id', type: 'int' }, { name: 'label', type: 'string' }],
};

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

async function setup(r: TestRocket) {
  const app = await r.createApp();
  const admin = (method: Method, path: string, body?: unknown) => r.request(method, `/api/${app.name}${path}`, { token: app.token, body });
  const ok = async (method: Method, path: string, body?: unknown) => {
    const res = await admin(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data;
  };
  for (const e of [invoice, item]) await ok('POST', '/_admin/entities', e);
  await ok('POST', '/_admin/relations', { name: 'items', type: 'one_to_many', source: 'invoice', target: 'item', target_key: 'invoice_id', on_delete: 'cascade' });
  const db = () => r.server.rocket.apps.get(app.name)!.db;
  const logs = async (where = '1 = 1', params: unknown[] = []) => {
    const rows = await db().query<Record<string, any>>(`SELECT * FROM _webhook_logs WHERE ${where} ORDER BY created_at, id`, params);
    const d = db().dialect;
    return rows.map((row): Record<string, any> => ({ ...row, request_headers: d.decodeJson(row.request_headers), request_body: d.decodeJson(row.request_body) }));
  };
  const hook = (body: Record<string, unknown>) => ok('POST', '/_admin/webhooks', { entity: 'invoice', ...body });
  return { app, admin, ok, db, logs, hook };
}

const settled = (logs: () => Promise<any[]>, n: number) => until(async () => (await logs()).filter((l) => l.status !== 'pending').length >= n, `${n} settled deliveries`);

eachDialect(t, 'after_write and after_delete: payload, headers, templates and log rows as specified', async (t, r) => {
  process.env.ROCKET_TEST_WH_KEY = 'k-from-env';
  t.teardown(() => void delete process.env.ROCKET_TEST_WH_KEY);
  const rx = await receiver(t);
  const { app, ok, logs, hook } = await setup(r);
  const w = await hook({ url: rx.url('/inv'), headers: { 'X-Key': '{{env.ROCKET_TEST_WH_KEY}}', 'user-agent': 'custom-agent' } });
  await hook({ hook: 'after_delete', url: rx.url('/gone') });
  const userId = '00000000-0000-4000-8000-0000000000bb';
  await ok('POST', '/_admin/permissions', { entity: 'invoice', action: 'create', roles: ['clerk'] });
  const created = await r.request('POST', `/api/${app.name}/invoice`, {
    token: userToken(r, app.name, ['clerk'], userId), body: { number: 'INV-1', status: 'draft', total: '10.50', meta: { a: 1 } },
  });
  t.equal(created.status, 201);
  const id = created.body.data.id;
  await until(() => rx.received.length === 1, 'the create delivery');
  const c = rx.received[0];
  t.equal(c.method, 'POST');
  t.equal(c.url, '/inv');
  t.equal(c.headers['content-type'], 'application/json');
  t.equal(c.headers['user-agent'], 'custom-agent', 'a configured header overrides a default, case-insensitively');
  t.equal(c.headers['x-key'], 'k-from-env');
  t.same(c.body, {
    event: 'after_write', entity: 'invoice', action: 'create',
    record: { id, number: 'INV-1', status: 'draft', total: 10.5, meta: { a: 1 } }, old: null,
    changes: { id: { old: null, new: id }, number: { old: null, new: 'INV-1' }, status: { old: null, new: 'draft' }, total: { old: null, new: 10.5 }, meta: { old: null, new: { a: 1 } } },
    user: { id: userId, roles: ['clerk'] }, timestamp: c.body.timestamp, idempotency_key: c.body.idempotency_key,
  });
  t.match(c.body.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  t.match(c.body.idempotency_key, /^wh_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  t.equal(c.headers['idempotency-key'], c.body.idempotency_key);
  t.notOk(c.headers['webhook-signature'], 'no signature without a secret');

  await ok('PUT', `/invoice/${id}`, { status: 'sent' });
  await until(() => rx.received.length === 2, 'the update delivery');
  const u = rx.received[1].body;
  t.equal(u.action, 'update');
  t.same(u.old, { id, number: 'INV-1', status: 'draft', total: 10.5, meta: { a: 1 } });
  t.same(u.changes, { status: { old: 'draft', new: 'sent' } }, 'only what differs');
  t.same(u.user, { id: u.user.id, roles: u.user.roles }, 'the admin caller');

  await ok('DELETE', `/invoice/${id}`);
  await until(() => rx.received.length === 3, 'the delete delivery');
  const d = rx.received[2];
  t.equal(d.url, '/gone');
  t.equal(d.body.event, 'after_delete');
  t.equal(d.body.action, 'delete');
  t.same(d.body.record, { id, number: 'INV-1', status: 'sent', total: 10.5, meta: { a: 1 } }, 'the record as it was');
  t.notOk('old' in d.body, 'no old on delete');
  t.notOk('changes' in d.body, 'no changes on delete');

  await settled(logs, 3);
  const rows = await logs();
  t.same(rows.map((l) => [l.status, l.attempt, l.max_attempts, l.response_status, l.error, l.next_retry_at]), [
    ['delivered', 1, 3, 200, '', null], ['delivered', 1, 3, 200, '', null], ['delivered', 1, 3, 200, '', null],
  ]);
  t.equal(rows[0].webhook_id, w.id);
  t.same(rows[0].request_headers, { 'X-Key': '{{env.ROCKET_TEST_WH_KEY}}', 'user-agent': 'custom-agent' }, 'templates stored unresolved');
  t.equal(rows[0].request_body.idempotency_key, c.body.idempotency_key, 'the body as sent');
  t.equal(rows[0].idempotency_key, c.body.idempotency_key);
  t.equal(rows[0].response_body, 'ok');
});

eachDialect(t, 'conditions true and false; GET has no body; inactive webhooks never fire', async (t, r) => {
  const rx = await receiver(t);
  const { ok, logs, hook } = await setup(r);
  await hook({ url: rx.url('/big'), condition: "action == 'create' && record.total > 100" });
  await hook({ url: rx.url('/get'), method: 'GET', condition: "record.status == 'paid' && old.status != 'paid'" });
  const off = await hook({ url: rx.url('/off') });
  await ok('PUT', `/_admin/webhooks/${off.id}`, { entity: 'invoice', url: rx.url('/off'), active: false });
  const small = await ok('POST', '/invoice', { number: 'S', total: 5 });
  await ok('POST', '/invoice', { number: 'B', total: 500 });
  await ok('PUT', `/invoice/${small.id}`, { status: 'paid' });
  await ok('PUT', `/invoice/${small.id}`, { number: 'again paid' });
  await settled(logs, 2);
  t.same(rx.received.map((x) => x.url).sort(), ['/big', '/get']);
  const get = rx.received.find((x) => x.url === '/get')!;
  t.equal(get.method, 'GET');
  t.equal(get.raw, '', 'no body for GET');
  t.equal((await logs()).length, 2, 'no log rows for conditions that were false or inactive hooks');
});

eachDialect(t, 'synchronous before_write and before_delete: a veto rolls back create, update and delete; its log row stays', async (t, r) => {
  const rx = await receiver(t);
  const { admin, ok, logs, hook, db } = await setup(r);
  const v = await hook({ hook: 'before_write', url: rx.url('/veto'), async: true });
  t.equal(v.async, false, 'async follows the hook');
  await hook({ hook: 'before_delete', url: rx.url('/veto-delete') });

  const accepted = await ok('POST', '/invoice', { number: 'OK', total: 1 });
  t.equal(rx.received.length, 1, 'sent before the response, inside the transaction');
  t.equal(rx.received[0].body.event, 'before_write');
  t.equal(rx.received[0].body.record.id, accepted.id, 'the record as written in the transaction');

  rx.status.code = 409;
  const refused = await admin('POST', '/invoice', { number: 'NO', total: 1, items: { data: [{ label: 'x' }] } });
  t.equal(refused.status, 500);
  t.same(refused.body.error, { code: 'WEBHOOK_FAILED', message: `Webhook ${v.id} failed: HTTP 409` });
  t.same((await db().query("SELECT id FROM invoices WHERE number = 'NO'")).length, 0, 'create rolled back');
  t.same((await db().query('SELECT id FROM items')).length, 0, 'children too');

  const update = await admin('PUT', `/invoice/${accepted.id}`, { number: 'CHANGED' });
  t.equal(update.status, 500);
  t.equal((await ok('GET', `/invoice/${accepted.id}`)).number, 'OK', 'update rolled back');

  const del = await admin('DELETE', `/invoice/${accepted.id}`);
  t.equal(del.status, 500);
  t.match(del.body.error.message, /^Webhook [0-9a-f-]{36} failed: HTTP 409$/);
  t.equal((await ok('GET', `/invoice/${accepted.id}`)).number, 'OK', 'delete rolled back');

  const rows = await logs();
  t.same(rows.map((l) => [l.hook, l.status, l.attempt, l.max_attempts, l.response_status, l.error]), [
    ['before_write', 'delivered', 1, 1, 200, ''],
    ['before_write', 'failed', 1, 1, 409, 'HTTP 409'],
    ['before_write', 'failed', 1, 1, 409, 'HTTP 409'],
    ['before_delete', 'failed', 1, 1, 409, 'HTTP 409'],
  ], 'every synchronous delivery logged, vetoes included');

  // A condition that cannot be evaluated vetoes without a request.
  rx.status.code = 200;
  await ok('PUT', `/_admin/webhooks/${v.id}`, { entity: 'invoice', hook: 'before_write', url: rx.url('/veto'), condition: "record.number - 1 > 0" });
  const before = rx.received.length;
  const bad = await admin('POST', '/invoice', { number: 'X', total: 1 });
  t.equal(bad.status, 500);
  t.same(bad.body.error, { code: 'WEBHOOK_FAILED', message: `Webhook ${v.id} condition failed: invalid operands for -` });
  t.equal(rx.received.length, before, 'no request sent');
});

eachDialect(t, 'nested children fire their own webhooks; cascaded deletes fire none', async (t, r) => {
  const rx = await receiver(t);
  const { ok, logs } = await setup(r);
  await ok('POST', '/_admin/webhooks', { entity: 'item', url: rx.url('/item') });
  await ok('POST', '/_admin/webhooks', { entity: 'item', hook: 'after_delete', url: rx.url('/item-gone') });
  await ok('POST', '/_admin/webhooks', { entity: 'invoice', hook: 'after_delete', url: rx.url('/invoice-gone') });
  const inv = await ok('POST', '/invoice', { number: 'N', items: { data: [{ label: 'a' }, { label: 'b' }] } });
  await settled(logs, 2);
  t.same(rx.received.map((x) => [x.url, x.body.action, x.body.record.label]).sort(), [['/item', 'create', 'a'], ['/item', 'create', 'b']]);
  await ok('DELETE', `/invoice/${inv.id}`);
  await settled(logs, 3);
  t.same(rx.received.slice(2).map((x) => x.url), ['/invoice-gone'], 'the cascade removed the items without webhooks');
});

eachDialect(t, 'retries: backoff on a short tick, failed after max_attempts, manual retry with the same key', async (t, r) => {
  const rx = await receiver(t);
  rx.status.code = 503;
  const { ok, admin, logs, hook } = await setup(r);
  await hook({ url: rx.url('/exp'), retry: { max_attempts: 3, backoff: 'exponential' } });
  await ok('POST', '/invoice', { number: 'R1' });
  await until(async () => (await logs())[0]?.status === 'failed', 'attempts exhausted');
  const [row] = await logs();
  t.match(row, { status: 'failed', attempt: 3, max_attempts: 3, response_status: 503, error: 'HTTP 503', response_body: 'receiver says no', next_retry_at: null });
  t.equal(rx.received.length, 3, 'three attempts');
  t.same(new Set(rx.received.map((x) => x.body.idempotency_key)).size, 1, 'one idempotency key for every attempt');

  // The scheduled due times: base × 2^(n−1) (exponential) and base × n (linear), base 50 ms here.
  rx.received.length = 0;
  const linear = await hook({ url: rx.url('/lin'), retry: { max_attempts: 4, backoff: 'linear' } });
  await ok('POST', '/invoice', { number: 'R2' });
  const delays: number[] = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    await until(async () => (await logs('webhook_id = $1', [linear.id]))[0]?.attempt >= attempt, `attempt ${attempt}`);
    const [l] = await logs('webhook_id = $1', [linear.id]);
    if (l.attempt === attempt && l.status === 'retrying') delays.push(Date.parse(l.next_retry_at) - Date.parse(l.updated_at));
  }
  t.same(delays, [50, 100, 150].slice(0, delays.length), 'linear backoff');
  t.ok(delays.length >= 1, 'at least one delay observed');

  // Manual retry: one more attempt for an exhausted delivery, with the same key.
  rx.status.code = 200;
  const retried = await ok('POST', `/_admin/webhook-logs/${row.id}/retry`);
  t.match(retried, { id: row.id, status: 'retrying', attempt: 3 });
  await until(async () => (await logs('id = $1', [row.id]))[0].status === 'delivered', 'the manual retry');
  const last = rx.received.filter((x) => x.url === '/exp').pop()!;
  t.equal(last.body.idempotency_key, row.idempotency_key, 'the same idempotency key');
  t.equal((await logs('id = $1', [row.id]))[0].attempt, 4);
  const again = await admin('POST', `/_admin/webhook-logs/${row.id}/retry`);
  t.equal(again.status, 422, 'a delivered log cannot be retried');
}, { webhooks: { retry_interval_ms: 20, retry_base_ms: 50 } });

eachDialect(t, 'a webhook made inactive abandons its retries', async (t, r) => {
  const rx = await receiver(t);
  rx.status.code = 500;
  const { ok, logs, hook } = await setup(r);
  const w = await hook({ url: rx.url('/x'), retry: { max_attempts: 20, backoff: 'linear' } });
  await ok('POST', '/invoice', { number: 'I' });
  await until(async () => (await logs())[0]?.status === 'retrying', 'a retrying delivery');
  await ok('PUT', `/_admin/webhooks/${w.id}`, { entity: 'invoice', url: rx.url('/x'), active: false });
  await until(async () => (await logs())[0]?.status === 'failed', 'the abandoned delivery');
  t.equal((await logs())[0].error, 'Webhook is inactive');
}, { webhooks: { retry_interval_ms: 20, retry_base_ms: 30 } });

eachDialect(t, 'signatures: Standard Webhooks headers verifiable with the secret; the secret never returned', async (t, r) => {
  const rx = await receiver(t);
  const { ok, logs, hook } = await setup(r);
  const secret = 'whsec_' + Buffer.from('0123456789abcdef0123456789abcdef').toString('base64');
  const w = await hook({ url: rx.url('/signed'), secret });
  t.notOk('secret' in w);
  t.equal(w.has_secret, true);
  await ok('POST', '/invoice', { number: 'SIG' });
  await settled(logs, 1);
  const got = rx.received[0];
  const id = String(got.headers['webhook-id']);
  const ts = String(got.headers['webhook-timestamp']);
  t.equal(id, got.body.idempotency_key, 'webhook-id is the idempotency key');
  t.ok(Math.abs(Number(ts) - Date.now() / 1000) < 300, 'a current timestamp');
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${ts}.${got.raw}`).digest('base64');
  t.equal(got.headers['webhook-signature'], `v1,${expected}`);
  t.notOk(JSON.stringify(await logs()).includes(secret.slice(6)), 'the secret is not in the log');
});

eachDialect(t, 'private networks refused when not allowed (the production default); the log says why', async (t, r) => {
  const rx: Receiver = await receiver(t);
  const { ok, logs, hook } = await setup(r);
  await hook({ url: rx.url('/private'), retry: { max_attempts: 1, backoff: 'linear' } });
  await ok('POST', '/invoice', { number: 'P' });
  await settled(logs, 1);
  const [row] = await logs();
  t.equal(row.status, 'failed');
  t.equal(row.response_status, 0);
  t.match(row.error, /refused: 127\.0\.0\.1 is a loopback address/);
  t.equal(rx.received.length, 0, 'nothing reached the receiver');
}, { webhooks: { allow_private_networks: false } });

// §A8 with platform-and-apps.md §8.2: two instances claim from one outbox; each attempt is sent once.
t.test('two instances never send the same attempt twice [postgres]', { skip: PG_URL ? false : 'ROCKET_TEST_PG_URL not set' }, async (t) => {
  const rx = await receiver(t);
  const [a, b] = await startInstancePair(t, { webhooks: { retry_interval_ms: 10 } });
  const { app, hook, db } = await setup(a);
  const w = await hook({ url: rx.url('/both') });
  await until(() => b.server.rocket.apps.get(app.name)?.registry.hasWebhookRows === true, 'B knows the webhook');
  const past = new Date(Date.now() - 1000).toISOString();
  const values: string[] = [];
  const params: unknown[] = [w.id, rx.url('/both'), past];
  for (let i = 0; i < 300; i++) {
    params.push(`wh_00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    values.push(`(gen_random_uuid(), $1, 'invoice', 'after_write', $2, 'POST', '{}', '{"n": ${i}}', 'retrying', 1, 5, $3, $${params.length})`);
  }
  await db().run(
    'INSERT INTO _webhook_logs (id, webhook_id, entity, hook, url, method, request_headers, request_body, status, attempt, max_attempts, next_retry_at, idempotency_key) ' +
      `VALUES ${values.join(', ')}`, params,
  );
  await until(async () => Number((await db().query<{ n: unknown }>("SELECT COUNT(*) AS n FROM _webhook_logs WHERE status = 'delivered'"))[0].n) === 300, 'all delivered');
  const keys = rx.received.map((x) => String(x.headers['idempotency-key']));
  t.equal(keys.length, 300, 'exactly 300 requests for 300 due deliveries');
  t.equal(new Set(keys).size, 300, 'no delivery sent twice');
  const attempts = await db().query<{ attempt: number }>('SELECT DISTINCT attempt FROM _webhook_logs');
  t.same(attempts.map((r) => Number(r.attempt)), [2], 'each row attempted once more');
});
