// The webhook admin API and the webhook-log API (webhooks-and-files.md §A9, §A10) on both
// databases: CRUD with the defaults of §A2 and `async` normalised to the hook, list order, 404s,
// every validation check in its documented order (first failure wins), PUT as a full replacement,
// the write-only secret (beyond the spec), the admin gate, logs going with their webhook, and the
// logs API (filters, order, the 200 cap, get, retry) over rows inserted directly with SQL.
// Delivery itself is not tested here.
import t from 'tap';
import { randomUUID } from 'node:crypto';
import { compileExpression } from '../../core/expr/index.js';
import { eachDialect, userToken } from '../helpers/server.js';
import type { TestRocket } from '../helpers/server.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const BASE = '/_admin/webhooks';
const LOGS = '/_admin/webhook-logs';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

async function setup(r: TestRocket) {
  const app = await r.createApp();
  const call = (method: Method, path: string, body?: unknown, token: string | undefined = app.token) =>
    r.request(method, `/api/${app.name}${path}`, { token, body });
  const db = r.server.rocket.apps.get(app.name)!.db;
  return { app, call, db };
}

const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));
const compileReason = (source: string): string => {
  try {
    compileExpression(source);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`compiles: ${source}`);
};

const minimal = { entity: 'invoice', url: 'https://ledger.example.net/hooks/invoices' };
const DEFAULTS = {
  hook: 'after_write', method: 'POST', headers: {}, condition: '', async: true,
  retry: { max_attempts: 3, backoff: 'exponential' }, active: true, has_secret: false,
};
const VIEW_KEYS = ['active', 'async', 'condition', 'created_at', 'entity', 'has_secret', 'headers', 'hook', 'id', 'method', 'retry', 'updated_at', 'url'];
const SECRET = 'whsec-0123456789abcdef';

eachDialect(t, 'webhooks CRUD: defaults, async follows the hook, full replacement, delete', async (t, r) => {
  const { call } = await setup(r);
  const created = await call('POST', BASE, minimal);
  t.equal(created.status, 201);
  const wh = created.body.data;
  t.same(Object.keys(wh).sort(), VIEW_KEYS);
  t.same(wh, { ...minimal, ...DEFAULTS, id: wh.id, created_at: wh.created_at, updated_at: wh.updated_at }, 'defaults of §A2');
  t.match(wh.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  t.match(wh.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  t.equal(wh.created_at, wh.updated_at);
  t.same((await call('GET', `${BASE}/${wh.id}`)).body, { data: wh }, 'GET returns the stored form');
  t.same((await call('GET', `${BASE}/${wh.id.toUpperCase()}`)).body.data, wh, 'ids are case-insensitive');

  const full = {
    entity: 'invoice', hook: 'after_write', url: 'http://ledger.example.net/x', method: 'PATCH',
    headers: { 'X-Ledger-Key': '{{env.LEDGER_HOOK_KEY}}', 'X-Origin': 'rocket' },
    condition: "record.status == 'paid' && old.status != 'paid'", async: true,
    retry: { max_attempts: 5, backoff: 'linear' }, active: false,
    id: 'ignored', created_at: 'ignored', has_secret: true, unknown: 1,
  };
  const fullRes = await call('POST', BASE, full);
  t.equal(fullRes.status, 201);
  const { id: _i, created_at: _c, has_secret: _h, unknown: _u, ...stored } = full;
  t.same(fullRes.body.data, { ...stored, has_secret: false, id: fullRes.body.data.id, created_at: fullRes.body.data.created_at, updated_at: fullRes.body.data.updated_at },
    'every field as sent; unknown keys and read-only ones ignored');
  t.not(fullRes.body.data.id, 'ignored');

  // async is normalised to the hook on create and on replacement, whatever was sent.
  for (const [hook, sent, expected] of [
    ['before_write', true, false], ['before_write', false, false], ['before_write', undefined, false],
    ['before_delete', true, false], ['after_write', false, true], ['after_delete', false, true], ['after_delete', undefined, true],
  ] as const) {
    const res = await call('POST', BASE, { ...minimal, hook, ...(sent === undefined ? {} : { async: sent }) });
    t.same([res.status, res.body.data.hook, res.body.data.async], [201, hook, expected], `POST ${hook} async ${sent} → ${expected}`);
    const put = await call('PUT', `${BASE}/${wh.id}`, { ...minimal, hook, ...(sent === undefined ? {} : { async: !expected }) });
    t.same([put.status, put.body.data.async], [200, expected], `PUT ${hook} → async ${expected}`);
  }

  await sleep(5);
  const replaced = await call('PUT', `${BASE}/${fullRes.body.data.id}`, { entity: 'order', url: 'https://x.test/h' });
  t.equal(replaced.status, 200);
  t.same(replaced.body.data, {
    entity: 'order', url: 'https://x.test/h', ...DEFAULTS,
    id: fullRes.body.data.id, created_at: fullRes.body.data.created_at, updated_at: replaced.body.data.updated_at,
  }, 'PUT is a full replacement: omitted fields take the defaults, not the stored values');
  t.ok(replaced.body.data.updated_at > fullRes.body.data.updated_at, 'updated_at moves');
  t.same((await call('GET', `${BASE}/${fullRes.body.data.id}`)).body.data, replaced.body.data);

  const deleted = await call('DELETE', `${BASE}/${wh.id}`);
  t.same([deleted.status, deleted.body], [200, { data: { id: wh.id, deleted: true } }]);
  t.same((await call('GET', `${BASE}/${wh.id}`)).body.error, { code: 'NOT_FOUND', message: `Webhook not found: ${wh.id}` });
  t.notOk((await call('GET', BASE)).body.data.some((x: { id: string }) => x.id === wh.id), 'gone from the list');
});

eachDialect(t, 'every write bumps the metadata version and reloads the registry', async (t, r) => {
  const { app, call } = await setup(r);
  const ctx = r.server.rocket.apps.get(app.name)!;
  const before = ctx.metadataVersion;
  const created = (await call('POST', BASE, minimal)).body.data;
  t.equal(ctx.metadataVersion, before + 1, 'POST');
  await call('PUT', `${BASE}/${created.id}`, minimal);
  t.equal(ctx.metadataVersion, before + 2, 'PUT');
  await call('DELETE', `${BASE}/${created.id}`);
  t.equal(ctx.metadataVersion, before + 3, 'DELETE');
  await call('POST', BASE, {});
  await call('PUT', `${BASE}/${UNKNOWN}`, minimal);
  await call('GET', BASE);
  t.equal(ctx.metadataVersion, before + 3, 'failed writes and reads change nothing');
});

eachDialect(t, 'list order (entity, hook, created_at); 404s; the admin gate', async (t, r) => {
  const { app, call } = await setup(r);
  const make = async (entity: string, hook: string) => {
    const res = await call('POST', BASE, { entity, hook, url: 'https://x.test/h' });
    t.equal(res.status, 201, `${entity} ${hook}`);
    await sleep(5); // distinct created_at
    return res.body.data.id as string;
  };
  const orderWrite1 = await make('order', 'after_write');
  const invBeforeWrite = await make('invoice', 'before_write');
  const invAfterWrite1 = await make('invoice', 'after_write');
  const invAfterDelete = await make('invoice', 'after_delete');
  const upper = await make('Invoice', 'after_write');
  const invAfterWrite2 = await make('invoice', 'after_write');
  const invBeforeDelete = await make('invoice', 'before_delete');
  const orderWrite2 = await make('order', 'after_write');
  const ids = async (query = '') => (await call('GET', `${BASE}${query}`)).body.data.map((x: { id: string }) => x.id);
  const expected = [upper, invAfterDelete, invAfterWrite1, invAfterWrite2, invBeforeDelete, invBeforeWrite, orderWrite1, orderWrite2];
  t.same(await ids(), expected, 'by entity (byte order), hook, then created_at');
  t.same(await ids('?entity=order'), expected, '?entity= is not a filter here');

  const listed = (await call('GET', BASE)).body.data;
  t.same(listed[0], (await call('GET', `${BASE}/${upper}`)).body.data, 'list items are the API form');

  for (const id of [UNKNOWN, 'not-a-uuid', `${UNKNOWN}0`]) {
    for (const [method, body] of [['GET', undefined], ['PUT', minimal], ['PUT', {}], ['PUT', '[1]'], ['DELETE', undefined]] as const) {
      const res = await call(method, `${BASE}/${id}`, body);
      t.same([res.status, res.body.error], [404, { code: 'NOT_FOUND', message: `Webhook not found: ${id}` }],
        `${method} ${id}${body ? ` ${JSON.stringify(body)}` : ''}: 404 before validation`);
    }
  }

  const editor = userToken(r, app.name, ['editor']);
  for (const [method, path, body] of [
    ['GET', BASE, undefined], ['POST', BASE, minimal], ['GET', `${BASE}/${upper}`, undefined],
    ['PUT', `${BASE}/${upper}`, minimal], ['DELETE', `${BASE}/${upper}`, undefined],
    ['GET', LOGS, undefined], ['GET', `${LOGS}/${UNKNOWN}`, undefined], ['POST', `${LOGS}/${UNKNOWN}/retry`, undefined],
  ] as const) {
    const res = await call(method, path, body, editor);
    t.same([res.status, res.body.error], [403, { code: 'FORBIDDEN', message: 'Admin access required' }], `${method} ${path} needs admin`);
    t.equal((await call(method, path, body, '')).status, 401, `${method} ${path} needs a token`);
  }
  t.same(await ids(), expected, 'nothing changed');
});

const withRetry = (retry: unknown) => ({ ...minimal, retry });

// [body, message]: each body fails exactly one check; listed in the documented order (§A9).
const INVALID: Array<[unknown, string]> = [
  // entity missing/empty
  [{}, 'entity is required'],
  [{ url: minimal.url }, 'entity is required'],
  [{ ...minimal, entity: '' }, 'entity is required'],
  [{ ...minimal, entity: 7 }, 'entity is required'],
  [{ ...minimal, entity: null }, 'entity is required'],
  // hook present and invalid
  [{ ...minimal, hook: 'after_update' }, 'hook must be after_write, before_write, after_delete, or before_delete'],
  [{ ...minimal, hook: 'AFTER_WRITE' }, 'hook must be after_write, before_write, after_delete, or before_delete'],
  [{ ...minimal, hook: '' }, 'hook must be after_write, before_write, after_delete, or before_delete'],
  [{ ...minimal, hook: null }, 'hook must be after_write, before_write, after_delete, or before_delete'],
  [{ ...minimal, hook: ['after_write'] }, 'hook must be after_write, before_write, after_delete, or before_delete'],
  // url missing/empty, then its prefix
  [{ entity: 'invoice' }, 'url is required'],
  [{ ...minimal, url: '' }, 'url is required'],
  [{ ...minimal, url: 5 }, 'url is required'],
  [{ ...minimal, url: 'ftp://x.test' }, 'url must start with http:// or https://'],
  [{ ...minimal, url: 'ledger.example.net/hooks' }, 'url must start with http:// or https://'],
  [{ ...minimal, url: '/relative' }, 'url must start with http:// or https://'],
  [{ ...minimal, url: ' https://x.test' }, 'url must start with http:// or https://'],
  [{ ...minimal, url: 'HTTPS://x.test' }, 'url must start with http:// or https://'],
  [{ ...minimal, url: 'https:/x.test' }, 'url must start with http:// or https://'],
  // method present and invalid (uppercase only)
  [{ ...minimal, method: 'post' }, 'method must be POST, PUT, PATCH, GET, or DELETE'],
  [{ ...minimal, method: 'HEAD' }, 'method must be POST, PUT, PATCH, GET, or DELETE'],
  [{ ...minimal, method: '' }, 'method must be POST, PUT, PATCH, GET, or DELETE'],
  [{ ...minimal, method: 1 }, 'method must be POST, PUT, PATCH, GET, or DELETE'],
  // headers: an object of strings
  [{ ...minimal, headers: 'X-A: 1' }, 'headers must be an object with string values'],
  [{ ...minimal, headers: ['X-A'] }, 'headers must be an object with string values'],
  [{ ...minimal, headers: null }, 'headers must be an object with string values'],
  [{ ...minimal, headers: { 'X-A': 1 } }, 'headers must be an object with string values'],
  [{ ...minimal, headers: { 'X-A': 'ok', 'X-B': null } }, 'headers must be an object with string values'],
  [{ ...minimal, headers: { 'X-A': { v: 'x' } } }, 'headers must be an object with string values'],
  // async, then active: booleans
  [{ ...minimal, async: 'true' }, 'async must be a boolean'],
  [{ ...minimal, async: 1 }, 'async must be a boolean'],
  [{ ...minimal, async: null }, 'async must be a boolean'],
  [{ ...minimal, hook: 'before_write', async: 'no' }, 'async must be a boolean'],
  [{ ...minimal, active: 'yes' }, 'active must be a boolean'],
  [{ ...minimal, active: 0 }, 'active must be a boolean'],
  [{ ...minimal, active: null }, 'active must be a boolean'],
  // retry: max_attempts integer 1–20, backoff exponential|linear
  [withRetry('3'), 'retry.max_attempts must be an integer between 1 and 20'],
  [withRetry(3), 'retry.max_attempts must be an integer between 1 and 20'],
  [withRetry(null), 'retry.max_attempts must be an integer between 1 and 20'],
  [withRetry([3, 'linear']), 'retry.max_attempts must be an integer between 1 and 20'],
  [withRetry({ max_attempts: 0 }), 'retry.max_attempts must be an integer between 1 and 20'],
  [withRetry({ max_attempts: 21 }), 'retry.max_attempts must be an integer between 1 and 20'],
  [withRetry({ max_attempts: -1, backoff: 'linear' }), 'retry.max_attempts must be an integer between 1 and 20'],
  [withRetry({ max_attempts: 2.5 }), 'retry.max_attempts must be an integer between 1 and 20'],
  [withRetry({ max_attempts: '3' }), 'retry.max_attempts must be an integer between 1 and 20'],
  [withRetry({ max_attempts: null }), 'retry.max_attempts must be an integer between 1 and 20'],
  [withRetry({ max_attempts: 3, backoff: 'constant' }), 'retry.backoff must be exponential or linear'],
  [withRetry({ backoff: 'Linear' }), 'retry.backoff must be exponential or linear'],
  [withRetry({ max_attempts: 3, backoff: null }), 'retry.backoff must be exponential or linear'],
  [withRetry({ max_attempts: 3, backoff: 1 }), 'retry.backoff must be exponential or linear'],
  // condition compiles
  [{ ...minimal, condition: 'record.total >' }, `condition is not a valid expression: ${compileReason('record.total >')}`],
  [{ ...minimal, condition: 'nope(1)' }, `condition is not a valid expression: ${compileReason('nope(1)')}`],
  [{ ...minimal, condition: '   ' }, `condition is not a valid expression: ${compileReason('   ')}`],
  [{ ...minimal, condition: 5 }, 'condition is not a valid expression: condition must be a string'],
  [{ ...minimal, condition: null }, 'condition is not a valid expression: condition must be a string'],
  // secret (beyond the spec): a string of 16 to 1024 characters, or null
  [{ ...minimal, secret: 'short' }, 'secret must be a string of 16 to 1024 characters or null'],
  [{ ...minimal, secret: 'x'.repeat(15) }, 'secret must be a string of 16 to 1024 characters or null'],
  [{ ...minimal, secret: 'x'.repeat(1025) }, 'secret must be a string of 16 to 1024 characters or null'],
  [{ ...minimal, secret: '' }, 'secret must be a string of 16 to 1024 characters or null'],
  [{ ...minimal, secret: 1234567890123456 }, 'secret must be a string of 16 to 1024 characters or null'],
  [{ ...minimal, secret: { value: SECRET } }, 'secret must be a string of 16 to 1024 characters or null'],
  // then text no database can store
  [{ ...minimal, entity: 'inv\u0000oice' }, 'entity must not contain NUL characters'],
  [{ ...minimal, entity: 'inv\ud800' }, 'entity must not contain unpaired surrogates'],
  [{ ...minimal, url: 'https://x.test/\u0000' }, 'url must not contain NUL characters'],
  [{ ...minimal, headers: { 'X-A': 'a\u0000' } }, 'headers must not contain NUL characters'],
  [{ ...minimal, headers: { 'X-\udc00': 'a' } }, 'headers must not contain unpaired surrogates'],
  [{ ...minimal, condition: "record.note == '\ud800'" }, 'condition must not contain unpaired surrogates'],
  [{ ...minimal, secret: `${SECRET}\u0000` }, 'secret must not contain NUL characters'],
];

// Bodies with two problems: the earlier check of the table wins.
const FIRST_WINS: Array<[unknown, string]> = [
  [{ entity: '', url: '' }, 'entity is required'],
  [{ entity: 'invoice', hook: 'nope' }, 'hook must be after_write, before_write, after_delete, or before_delete'],
  [{ entity: 'invoice', url: 'ftp://x', method: 'post' }, 'url must start with http:// or https://'],
  [{ ...minimal, method: 'TRACE', headers: [] }, 'method must be POST, PUT, PATCH, GET, or DELETE'],
  [{ ...minimal, headers: { a: 1 }, async: 'x' }, 'headers must be an object with string values'],
  [{ ...minimal, async: 'x', active: 'y' }, 'async must be a boolean'],
  [{ ...minimal, active: 'y', retry: { max_attempts: 0 } }, 'active must be a boolean'],
  [withRetry({ max_attempts: 0, backoff: 'nope' }), 'retry.max_attempts must be an integer between 1 and 20'],
  [{ ...withRetry({ backoff: 'nope' }), condition: '(' }, 'retry.backoff must be exponential or linear'],
  [{ ...minimal, condition: '(', secret: 'short' }, `condition is not a valid expression: ${compileReason('(')}`],
  [{ ...minimal, entity: 'a\u0000', hook: 'x' }, 'hook must be after_write, before_write, after_delete, or before_delete'],
  [{ ...minimal, entity: 'a\u0000', secret: 'short' }, 'secret must be a string of 16 to 1024 characters or null'],
];

eachDialect(t, 'webhook validation: each check in order, first failure wins, no details', async (t, r) => {
  const { call } = await setup(r);
  for (const body of [[minimal], '"x"', '1', 'null', '[]']) {
    const res = await call('POST', BASE, typeof body === 'string' ? body : JSON.stringify(body));
    t.same([res.status, res.body.error], [400, { code: 'INVALID_PAYLOAD', message: 'Invalid JSON body' }], `body ${JSON.stringify(body)}`);
  }
  for (const [body, message] of [...INVALID, ...FIRST_WINS]) {
    const res = await call('POST', BASE, body);
    t.same([res.status, res.body.error], [422, { code: 'VALIDATION_FAILED', message }], message);
  }
  t.same((await call('GET', BASE)).body.data, [], 'no failed POST stored anything');

  // Edges that are valid.
  for (const [body, check] of [
    [withRetry({}), { retry: { max_attempts: 3, backoff: 'exponential' } }],
    [withRetry({ backoff: 'linear' }), { retry: { max_attempts: 3, backoff: 'linear' } }],
    [withRetry({ max_attempts: 1 }), { retry: { max_attempts: 1, backoff: 'exponential' } }],
    [withRetry({ max_attempts: 20, backoff: 'linear', extra: 1 }), { retry: { max_attempts: 20, backoff: 'linear' } }],
    [{ ...minimal, url: 'http://' }, { url: 'http://' }],
    [{ ...minimal, condition: '' }, { condition: '' }],
    [{ ...minimal, headers: { 'X-Empty': '' } }, { headers: { 'X-Empty': '' } }],
    [{ ...minimal, entity: 'not_an_entity_yet' }, { entity: 'not_an_entity_yet' }],
    [{ ...minimal, secret: 'x'.repeat(16) }, { has_secret: true }],
    [{ ...minimal, secret: 'x'.repeat(1024) }, { has_secret: true }],
    [{ ...minimal, secret: null }, { has_secret: false }],
  ] as const) {
    const res = await call('POST', BASE, body);
    t.equal(res.status, 201, JSON.stringify(body).slice(0, 80));
    t.match(res.body.data, check);
  }

  const existing = (await call('POST', BASE, minimal)).body.data;
  for (const [body, message] of [
    [{}, 'entity is required'], [{ ...minimal, active: 'yes' }, 'active must be a boolean'],
    [{ ...minimal, condition: 'a +' }, `condition is not a valid expression: ${compileReason('a +')}`],
  ] as const) {
    const res = await call('PUT', `${BASE}/${existing.id}`, body);
    t.same([res.status, res.body.error], [422, { code: 'VALIDATION_FAILED', message }], `PUT: ${message}`);
  }
  const notObject = await call('PUT', `${BASE}/${existing.id}`, '[1]');
  t.same([notObject.status, notObject.body.error.code], [400, 'INVALID_PAYLOAD'], 'PUT of a non-object: 400');
  t.same((await call('GET', `${BASE}/${existing.id}`)).body.data, existing, 'a failed PUT changes nothing');
});

eachDialect(t, 'the secret is write-only: has_secret, kept by a PUT without it, removed by null', async (t, r) => {
  const { call, db } = await setup(r);
  const storedSecret = async (id: string) =>
    (await db.query<{ secret: unknown }>('SELECT secret FROM _webhooks WHERE id = $1', [id]))[0].secret ?? null;
  const noSecretAnywhere = (label: string, res: { body: unknown }) => {
    const text = JSON.stringify(res.body);
    t.notOk(text.includes('"secret"'), `${label}: no secret key`);
    t.notOk(text.includes(SECRET) || text.includes('other-secret-value-42'), `${label}: no secret value`);
  };

  const created = await call('POST', BASE, { ...minimal, secret: SECRET });
  t.equal(created.status, 201);
  noSecretAnywhere('POST', created);
  t.equal(created.body.data.has_secret, true);
  const id = created.body.data.id;
  t.equal(await storedSecret(id), SECRET, 'stored');
  const without = (await call('POST', BASE, minimal)).body.data;
  t.equal(without.has_secret, false);
  t.equal(await storedSecret(without.id), null, 'POST without a secret stores none');

  noSecretAnywhere('GET', await call('GET', `${BASE}/${id}`));
  noSecretAnywhere('list', await call('GET', BASE));
  t.same((await call('GET', BASE)).body.data.map((x: { has_secret: boolean }) => x.has_secret), [true, false]);

  const kept = await call('PUT', `${BASE}/${id}`, { ...minimal, method: 'PUT' });
  noSecretAnywhere('PUT without secret', kept);
  t.same([kept.status, kept.body.data.has_secret, kept.body.data.method], [200, true, 'PUT']);
  t.equal(await storedSecret(id), SECRET, 'a PUT without secret keeps the stored one');
  const echoed = await call('PUT', `${BASE}/${id}`, { ...kept.body.data });
  t.same([echoed.status, echoed.body.data.has_secret], [200, true], 'PUT of what GET returned (has_secret included) keeps it');
  t.equal(await storedSecret(id), SECRET);

  const changed = await call('PUT', `${BASE}/${id}`, { ...minimal, secret: 'other-secret-value-42' });
  noSecretAnywhere('PUT with secret', changed);
  t.equal(changed.body.data.has_secret, true);
  t.equal(await storedSecret(id), 'other-secret-value-42', 'a PUT with a secret replaces it');

  const badSecret = await call('PUT', `${BASE}/${id}`, { ...minimal, secret: 'short' });
  t.same([badSecret.status, badSecret.body.error.message], [422, 'secret must be a string of 16 to 1024 characters or null']);
  t.equal(await storedSecret(id), 'other-secret-value-42', 'a failed PUT keeps it');

  const removed = await call('PUT', `${BASE}/${id}`, { ...minimal, secret: null });
  t.same([removed.status, removed.body.data.has_secret], [200, false], 'secret: null removes it');
  t.equal(await storedSecret(id), null);
  const stillNone = await call('PUT', `${BASE}/${id}`, minimal);
  t.equal(stillNone.body.data.has_secret, false, 'and a later PUT without one keeps none');

  const set = await call('PUT', `${BASE}/${without.id}`, { ...minimal, secret: SECRET });
  t.equal(set.body.data.has_secret, true, 'a PUT can add a secret');
  noSecretAnywhere('DELETE', await call('DELETE', `${BASE}/${without.id}`));
});

// --- the logs API -------------------------------------------------------------------------------

interface LogRow {
  id: string;
  webhook_id: string;
  entity: string;
  hook: string;
  url: string;
  method: string;
  request_headers: Record<string, string>;
  request_body: unknown;
  response_status: number | null;
  response_body: string;
  status: string;
  attempt: number;
  max_attempts: number;
  next_retry_at: string | null;
  error: string;
  idempotency_key: string;
  created_at: string;
  updated_at: string;
}

const LOG_COLUMNS = ['id', 'webhook_id', 'entity', 'hook', 'url', 'method', 'request_headers', 'request_body', 'response_status',
  'response_body', 'status', 'attempt', 'max_attempts', 'next_retry_at', 'error', 'idempotency_key', 'created_at', 'updated_at'] as const;

/** Inserts `_webhook_logs` rows directly (the delivery engine is not under test) and returns them in API form. */
async function insertLogs(db: { dialect: any; run(sql: string, params?: unknown[]): Promise<number> }, rows: Array<Partial<LogRow> & { webhook_id: string }>): Promise<LogRow[]> {
  const out: LogRow[] = [];
  for (const [i, partial] of rows.entries()) {
    const at = new Date(Date.UTC(2025, 3, 2, 12, 0, 0, 0) + i * 1000).toISOString();
    const row: LogRow = {
      id: randomUUID(), entity: 'invoice', hook: 'after_write', url: 'https://ledger.example.net/hooks/invoices', method: 'POST',
      request_headers: { 'X-Ledger-Key': '{{env.LEDGER_HOOK_KEY}}' }, request_body: { event: 'after_write', n: i },
      response_status: null, response_body: '', status: 'pending', attempt: 0, max_attempts: 3, next_retry_at: null,
      error: '', idempotency_key: `wh_${randomUUID()}`, created_at: at, updated_at: at, ...partial,
    };
    const d = db.dialect;
    const params = LOG_COLUMNS.map((c) => (c === 'request_headers' || c === 'request_body' ? d.encodeJson(row[c]) : row[c]));
    await db.run(`INSERT INTO _webhook_logs (${LOG_COLUMNS.join(', ')}) VALUES (${LOG_COLUMNS.map((_, n) => `$${n + 1}`).join(', ')})`, params);
    out.push(row);
  }
  return out;
}

eachDialect(t, 'deleting a webhook deletes its logs', async (t, r) => {
  const { call, db } = await setup(r);
  const a = (await call('POST', BASE, minimal)).body.data.id;
  const b = (await call('POST', BASE, minimal)).body.data.id;
  await insertLogs(db, [{ webhook_id: a }, { webhook_id: a, status: 'failed' }, { webhook_id: b }]);
  const count = async (id: string) => Number((await db.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM _webhook_logs WHERE webhook_id = $1', [id]))[0].n);
  t.same([await count(a), await count(b)], [2, 1]);
  t.equal((await call('DELETE', `${BASE}/${a}`)).status, 200);
  t.same([await count(a), await count(b)], [0, 1], "only the deleted webhook's logs go");
  t.same((await call('GET', LOGS)).body.data.map((l: LogRow) => l.webhook_id), [b]);
});

eachDialect(t, 'webhook logs: representation, filters, newest first, the 200 cap, get and 404', async (t, r) => {
  const { call, db } = await setup(r);
  const a = (await call('POST', BASE, minimal)).body.data.id as string;
  const b = (await call('POST', BASE, { entity: 'order', hook: 'after_delete', url: 'https://x.test/h' })).body.data.id as string;
  t.same((await call('GET', LOGS)).body, { data: [] }, 'no logs yet');

  const logs = await insertLogs(db, [
    { webhook_id: a, status: 'delivered', attempt: 1, response_status: 200, response_body: 'ok' },
    {
      webhook_id: a, status: 'retrying', attempt: 2, max_attempts: 5, response_status: 503, response_body: 'service unavailable',
      error: 'HTTP 503', next_retry_at: '2025-04-02T12:16:03.500Z', request_body: { nested: { list: [1, 'two', null] }, ok: true },
    },
    { webhook_id: b, entity: 'order', hook: 'after_delete', status: 'failed', attempt: 3, response_status: 0, error: 'connect ECONNREFUSED' },
    { webhook_id: a, status: 'pending', next_retry_at: '2025-04-02T12:02:03.000Z' },
    { webhook_id: b, entity: 'order', hook: 'after_delete', status: 'delivered', attempt: 1, response_status: 204 },
  ]);
  const [aDelivered, aRetrying, bFailed, aPending, bDelivered] = logs;

  const all = await call('GET', LOGS);
  t.equal(all.status, 200);
  t.same(all.body.data, [bDelivered, aPending, bFailed, aRetrying, aDelivered], 'every column, newest created_at first');
  t.same(Object.keys(all.body.data[0]), [...LOG_COLUMNS], 'exactly the columns of _webhook_logs');
  t.same((await call('GET', `${LOGS}/${aRetrying.id}`)).body, { data: aRetrying }, 'GET one');
  t.same((await call('GET', `${LOGS}/${aRetrying.id.toUpperCase()}`)).body.data, aRetrying, 'ids are case-insensitive');

  const ids = async (query: string) => (await call('GET', `${LOGS}${query}`)).body.data.map((l: LogRow) => l.id);
  t.same(await ids(`?webhook_id=${a}`), [aPending.id, aRetrying.id, aDelivered.id], 'webhook_id');
  t.same(await ids(`?webhook_id=${a.toUpperCase()}`), [aPending.id, aRetrying.id, aDelivered.id], 'webhook_id in upper case');
  t.same(await ids('?status=delivered'), [bDelivered.id, aDelivered.id], 'status');
  t.same(await ids('?entity=order'), [bDelivered.id, bFailed.id], 'entity');
  t.same(await ids(`?webhook_id=${a}&status=delivered`), [aDelivered.id], 'webhook_id AND status');
  t.same(await ids(`?webhook_id=${b}&status=failed&entity=order`), [bFailed.id], 'all three');
  t.same(await ids(`?webhook_id=${b}&entity=invoice`), [], 'AND: no row matches both');
  t.same(await ids('?status=Delivered'), [], 'exact match');
  t.same(await ids('?status=nope'), [], 'an unknown status matches nothing');
  t.same(await ids('?entity=ord'), [], 'no prefix match');
  t.same(await ids(`?webhook_id=${UNKNOWN}`), [], 'an unknown webhook');
  for (const bad of ['not-a-uuid', '', `${a}0`, "x' OR '1'='1"]) {
    const res = await call('GET', `${LOGS}?webhook_id=${encodeURIComponent(bad)}`);
    t.same([res.status, res.body], [200, { data: [] }], `webhook_id ${JSON.stringify(bad)} is no UUID: []`);
  }
  t.same(await ids('?entity=a%00b'), [], 'a NUL entity matches nothing');
  t.same(await ids('?status=delivered&status=failed'), [], 'a repeated filter matches nothing');
  t.same(await ids('?other=1'), [bDelivered.id, aPending.id, bFailed.id, aRetrying.id, aDelivered.id], 'unknown parameters are ignored');

  for (const id of [UNKNOWN, 'not-a-uuid']) {
    const res = await call('GET', `${LOGS}/${id}`);
    t.same([res.status, res.body.error], [404, { code: 'NOT_FOUND', message: `Webhook log not found: ${id}` }], `GET ${id}`);
  }

  // Equal created_at: then id, descending.
  const same = '2030-01-01T00:00:00.000Z';
  const twins = await insertLogs(db, [{ webhook_id: b, created_at: same, updated_at: same }, { webhook_id: b, created_at: same, updated_at: same }]);
  const twinIds = twins.map((l) => l.id).sort().reverse();
  t.same((await ids('')).slice(0, 2), twinIds, 'ties by id');

  // At most 200 rows, the newest.
  const many = await insertLogs(db, Array.from({ length: 205 }, () => ({ webhook_id: a, status: 'failed' })));
  const capped = (await call('GET', `${LOGS}?webhook_id=${a}&status=failed`)).body.data as LogRow[];
  t.equal(capped.length, 200, 'at most 200');
  t.same(capped.map((l) => l.id), many.slice(5).reverse().map((l) => l.id), 'the 200 newest, newest first');
  t.equal((await call('GET', LOGS)).body.data.length, 200, 'unfiltered too');
});

eachDialect(t, 'webhook log retry: 404, 422 unless failed or retrying, requeued now with attempt kept', async (t, r) => {
  const { call, db } = await setup(r);
  const a = (await call('POST', BASE, minimal)).body.data.id as string;
  const [pending, delivered, failed, retrying] = await insertLogs(db, [
    { webhook_id: a, status: 'pending' },
    { webhook_id: a, status: 'delivered', attempt: 1, response_status: 200 },
    { webhook_id: a, status: 'failed', attempt: 5, max_attempts: 5, response_status: 503, error: 'HTTP 503' },
    { webhook_id: a, status: 'retrying', attempt: 2, max_attempts: 5, next_retry_at: '2099-01-01T00:00:00.000Z' },
  ]);

  for (const id of [UNKNOWN, 'not-a-uuid']) {
    const res = await call('POST', `${LOGS}/${id}/retry`);
    t.same([res.status, res.body.error], [404, { code: 'NOT_FOUND', message: `Webhook log not found: ${id}` }], `retry ${id}`);
  }
  for (const log of [pending, delivered]) {
    const res = await call('POST', `${LOGS}/${log.id}/retry`);
    t.same([res.status, res.body.error], [422, { code: 'VALIDATION_FAILED', message: 'Can only retry failed or retrying webhook logs' }], log.status);
    t.same((await call('GET', `${LOGS}/${log.id}`)).body.data, log, `${log.status}: unchanged`);
  }

  for (const log of [failed, retrying]) {
    const before = Date.now();
    const res = await call('POST', `${LOGS}/${log.id}/retry`, {});
    const after = Date.now();
    t.equal(res.status, 200, log.status);
    const got = res.body.data;
    t.same(Object.keys(got), ['id', 'webhook_id', 'entity', 'hook', 'url', 'method', 'status', 'attempt', 'max_attempts', 'next_retry_at', 'updated_at'],
      'the fields of the §A10 example');
    t.same({ ...got, next_retry_at: null, updated_at: null }, {
      id: log.id, webhook_id: a, entity: log.entity, hook: log.hook, url: log.url, method: log.method,
      status: 'retrying', attempt: log.attempt, max_attempts: log.max_attempts, next_retry_at: null, updated_at: null,
    }, 'retrying, attempt not reset');
    const due = Date.parse(got.next_retry_at);
    t.ok(due >= before - 5 && due <= after + 5, 'next_retry_at ≈ now');
    t.equal(got.updated_at, got.next_retry_at, 'updated_at = next_retry_at = now');
    const stored = (await call('GET', `${LOGS}/${log.id}`)).body.data;
    t.same(stored, { ...log, status: 'retrying', next_retry_at: got.next_retry_at, updated_at: got.updated_at },
      'nothing else changed (error, response, created_at kept)');
  }
  const again = await call('POST', `${LOGS}/${failed.id.toUpperCase()}/retry`);
  t.same([again.status, again.body.data.id, again.body.data.attempt], [200, failed.id, 5], 'a retrying log may be retried again');
});

eachDialect(t, 'the OpenAPI document lists the webhook and webhook-log endpoints', async (t, r) => {
  const { call } = await setup(r);
  const doc = (await call('GET', '/_openapi.json')).body;
  t.same(Object.keys(doc.paths[BASE]).sort(), ['get', 'post']);
  t.same(Object.keys(doc.paths[`${BASE}/{id}`]).sort(), ['delete', 'get', 'parameters', 'put']);
  t.notOk(doc.paths[BASE].get.parameters, 'the list takes no ?entity=');
  t.equal(doc.paths[BASE].post.operationId, 'createWebhook');
  t.equal(doc.paths[BASE].post.requestBody.content['application/json'].schema.$ref, '#/components/schemas/WebhookInput');
  t.same(Object.keys(doc.paths[LOGS]), ['get']);
  t.same(doc.paths[LOGS].get.parameters.map((p: { name: string }) => p.name), ['webhook_id', 'status', 'entity']);
  t.same(Object.keys(doc.paths[`${LOGS}/{id}`]).sort(), ['get', 'parameters']);
  t.equal(doc.paths[`${LOGS}/{id}/retry`].post.operationId, 'retryWebhookLog');
  t.ok(doc.paths[`${LOGS}/{id}/retry`].post.responses['422']);
  const schemas = doc.components.schemas;
  t.ok(schemas.Webhook && schemas.WebhookInput && schemas.WebhookLog);
  t.notOk('secret' in schemas.Webhook.properties, 'the secret is never returned');
  t.ok(schemas.Webhook.properties.has_secret);
  t.equal(schemas.WebhookInput.properties.secret.writeOnly, true);
});
