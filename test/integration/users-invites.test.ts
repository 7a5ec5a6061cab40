// Users administration, invites and accept-invite (auth.md §4.4, §6, §7), on both dialects.
import t from 'tap';
import { eachDialect } from '../helpers/server.js';
import type { TapTest, TestResponse, TestRocket } from '../helpers/server.js';

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const USER_KEYS = ['active', 'created_at', 'email', 'id', 'roles', 'updated_at'];
const INVITE_KEYS = ['accepted_at', 'created_at', 'email', 'expires_at', 'id', 'invited_by', 'roles', 'status', 'token'];
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

const sub = (token: string): string => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub;

/** A client for one app that remembers every response, to prove no secret ever leaves the API. */
function client(r: TestRocket, app: string, token: string) {
  const seen: TestResponse[] = [];
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, as = token) => {
    const res = await r.request(method, `/api/${app}${path}`, { token: as, body });
    seen.push(res);
    return res;
  };
  return { call, seen };
}

/** No response carries a password or hash field, a bcrypt hash, or one of the plaintext passwords. */
function expectNoSecrets(t: TapTest, seen: TestResponse[], passwords: string[]): void {
  const leaks = seen.filter((res) => {
    const text = JSON.stringify(res.body ?? '');
    return /"password(_hash)?":|\$2[aby]\$/.test(text) || passwords.some((p) => text.includes(p));
  });
  t.same(leaks, [], `no password or hash in any of ${seen.length} responses`);
}

function expectError(t: TapTest, res: TestResponse, status: number, code: string, message: string): void {
  t.same([res.status, res.body], [status, { error: { code, message } }], `${status} ${message}`);
}

async function login(r: TestRocket, app: string, email: string, password: string): Promise<TestResponse> {
  return r.request('POST', `/api/${app}/auth/login`, { body: { email, password } });
}

async function refresh(r: TestRocket, app: string, token: string): Promise<TestResponse> {
  return r.request('POST', `/api/${app}/auth/refresh`, { body: { refresh_token: token } });
}

eachDialect(t, 'users admin: create, read, list, validation', async (t, r) => {
  const { name, token } = await r.createApp();
  const { call, seen } = client(r, name, token);

  const initial = await call('GET', '/_admin/users');
  t.equal(initial.status, 200);
  t.same(initial.body.data.map((u: { email: string }) => u.email), ['admin@localhost'], 'the seeded administrator');
  t.same(Object.keys(initial.body.data[0]).sort(), USER_KEYS);

  const created = await call('POST', '/_admin/users', { email: ' Tech.Lee@Acme.test ', password: 'Copper-Lantern-5', roles: ['technician'] });
  t.equal(created.status, 201);
  const lee = created.body.data;
  t.same(Object.keys(lee).sort(), USER_KEYS, 'the user representation, without password_hash');
  t.match(lee, { email: 'tech.lee@acme.test', roles: ['technician'], active: true }, 'email normalised, active defaults to true');
  t.match(lee.id, UUID_V4);
  t.match(lee.created_at, ISO_MS);
  t.equal(lee.updated_at, lee.created_at);

  const plain = await call('POST', '/_admin/users', { email: 'zed@acme.test', password: 'pw', active: false });
  t.same([plain.status, plain.body.data.roles, plain.body.data.active], [201, [], false], 'roles default to []');
  await call('POST', '/_admin/users', { email: 'bob@acme.test', password: 'pw', roles: [] });

  const list = await call('GET', '/_admin/users');
  t.same(list.body.data.map((u: { email: string }) => u.email),
    ['admin@localhost', 'bob@acme.test', 'tech.lee@acme.test', 'zed@acme.test'], 'ordered by email');
  t.same((await call('GET', `/_admin/users/${lee.id}`)).body, { data: lee });
  t.same((await call('GET', `/_admin/users/${lee.id.toUpperCase()}`)).body.data.id, lee.id, 'ids are case-insensitive');
  expectError(t, await call('GET', `/_admin/users/${MISSING_ID}`), 404, 'NOT_FOUND', `User not found: ${MISSING_ID}`);
  expectError(t, await call('GET', '/_admin/users/not-a-uuid'), 404, 'NOT_FOUND', 'User not found: not-a-uuid');

  const ok = { email: 'new@acme.test', password: 'pw' };
  const cases: Array<[unknown, number, string, string]> = [
    [[1], 400, 'INVALID_PAYLOAD', 'Invalid JSON body'],
    ['"text"', 400, 'INVALID_PAYLOAD', 'Invalid JSON body'],
    ['null', 400, 'INVALID_PAYLOAD', 'Invalid JSON body'],
    [{}, 422, 'VALIDATION_FAILED', 'email is required'],
    [{ email: '   ', password: 'pw' }, 422, 'VALIDATION_FAILED', 'email is required'],
    [{ email: 'no-at-sign', password: '' }, 422, 'VALIDATION_FAILED', 'email must be a valid email address'],
    [{ email: 'two@at@signs', password: 'pw' }, 422, 'VALIDATION_FAILED', 'email must be a valid email address'],
    [{ email: 'white space@acme.test', password: 'pw' }, 422, 'VALIDATION_FAILED', 'email must be a valid email address'],
    [{ email: '@acme.test', password: 'pw' }, 422, 'VALIDATION_FAILED', 'email must be a valid email address'],
    [{ email: 42, password: 'pw' }, 422, 'VALIDATION_FAILED', 'email must be a valid email address'],
    [{ email: 'new@acme.test', roles: 'admin' }, 422, 'VALIDATION_FAILED', 'password is required'],
    [{ email: 'new@acme.test', password: '', roles: 'admin' }, 422, 'VALIDATION_FAILED', 'password is required'],
    [{ ...ok, password: 'é'.repeat(37) }, 422, 'VALIDATION_FAILED', 'password must be at most 72 bytes'],
    [{ ...ok, roles: 'admin', active: 'yes' }, 422, 'VALIDATION_FAILED', 'roles must be an array of strings'],
    [{ ...ok, roles: ['ok', 1] }, 422, 'VALIDATION_FAILED', 'roles must be an array of strings'],
    [{ ...ok, active: 'yes' }, 422, 'VALIDATION_FAILED', 'active must be a boolean'],
    [{ ...ok, active: null }, 422, 'VALIDATION_FAILED', 'active must be a boolean'],
    [{ email: 'TECH.LEE@acme.test', password: 'pw' }, 409, 'CONFLICT', 'A user with this email already exists'],
  ];
  for (const [body, status, code, message] of cases) {
    const payload = Array.isArray(body) ? JSON.stringify(body) : body;
    expectError(t, await call('POST', '/_admin/users', payload), status, code, message);
  }
  t.equal((await call('POST', '/_admin/users', { ...ok, password: 'é'.repeat(36) })).status, 201, 'exactly 72 bytes is accepted');
  t.equal((await call('GET', '/_admin/users')).body.data.length, 5, 'no rejected request created a user');

  expectNoSecrets(t, seen, ['Copper-Lantern-5']);
});

eachDialect(t, 'users admin: update, revocation, delete', async (t, r) => {
  const { name, token } = await r.createApp();
  const { call, seen } = client(r, name, token);
  const ann = (await call('POST', '/_admin/users', { email: 'ann@acme.test', password: 'first-pw', roles: ['editor', 'viewer'] })).body.data;
  await call('POST', '/_admin/users', { email: 'taken@acme.test', password: 'pw' });

  // Unknown ids answer 404 before the body is looked at.
  expectError(t, await call('PUT', `/_admin/users/${MISSING_ID}`, '[]'), 404, 'NOT_FOUND', `User not found: ${MISSING_ID}`);
  expectError(t, await call('PUT', '/_admin/users/42', {}), 404, 'NOT_FOUND', 'User not found: 42');

  const path = `/_admin/users/${ann.id}`;
  const cases: Array<[unknown, number, string, string]> = [
    ['[]', 400, 'INVALID_PAYLOAD', 'Invalid JSON body'],
    [{ roles: ['x'] }, 422, 'VALIDATION_FAILED', 'email is required'],
    [{ email: 'nope', password: 'é'.repeat(37) }, 422, 'VALIDATION_FAILED', 'email must be a valid email address'],
    [{ email: 'ann@acme.test', password: 'é'.repeat(37), roles: 'x' }, 422, 'VALIDATION_FAILED', 'password must be at most 72 bytes'],
    [{ email: 'ann@acme.test', password: 7 }, 422, 'VALIDATION_FAILED', 'password is required'],
    [{ email: 'ann@acme.test', roles: [true] }, 422, 'VALIDATION_FAILED', 'roles must be an array of strings'],
    [{ email: 'ann@acme.test', active: 0 }, 422, 'VALIDATION_FAILED', 'active must be a boolean'],
    [{ email: ' Taken@acme.test' }, 409, 'CONFLICT', 'A user with this email already exists'],
  ];
  for (const [body, status, code, message] of cases) expectError(t, await call('PUT', path, body), status, code, message);

  // A partial body keeps roles and active; the email is normalised; the row is re-read.
  const session = (await login(r, name, 'ann@acme.test', 'first-pw')).body.data;
  const renamed = await call('PUT', path, { email: 'Ann.B@Acme.test', password: '' });
  t.equal(renamed.status, 200);
  t.match(renamed.body.data, { id: ann.id, email: 'ann.b@acme.test', roles: ['editor', 'viewer'], active: true, created_at: ann.created_at });
  t.ok(renamed.body.data.updated_at >= ann.updated_at, 'updated_at moves forward');
  t.match(renamed.body.data.updated_at, ISO_MS);
  t.equal((await call('PUT', path, { email: 'ann.b@acme.test' })).status, 200, 'keeping one\'s own email is not a conflict');
  const kept = await refresh(r, name, session.refresh_token);
  t.equal(kept.status, 200, 'an update without password or deactivation keeps sessions');

  t.same((await call('PUT', path, { email: 'ann.b@acme.test', roles: [] })).body.data.roles, [], 'roles can be cleared explicitly');
  await call('PUT', path, { email: 'ann.b@acme.test', roles: ['editor'] });
  const roles = JSON.parse(Buffer.from((await refresh(r, name, kept.body.data.refresh_token)).body.data.access_token.split('.')[1], 'base64url').toString()).roles;
  t.same(roles, ['editor'], 'a refresh carries the current roles');

  // A password change revokes every refresh token of the user.
  const s1 = (await login(r, name, 'ann.b@acme.test', 'first-pw')).body.data;
  const s2 = (await login(r, name, 'ann.b@acme.test', 'first-pw')).body.data;
  t.equal((await call('PUT', path, { email: 'ann.b@acme.test', password: 'second-pw' })).status, 200);
  for (const s of [s1, s2]) {
    expectError(t, await refresh(r, name, s.refresh_token), 401, 'UNAUTHORIZED', 'Invalid refresh token');
  }
  expectError(t, await login(r, name, 'ann.b@acme.test', 'first-pw'), 401, 'UNAUTHORIZED', 'Invalid email or password');
  const s3 = (await login(r, name, 'ann.b@acme.test', 'second-pw')).body.data;
  t.ok(s3.access_token, 'the new password works');

  // Deactivation revokes sessions and blocks login; reactivation lets the user back in.
  const off = await call('PUT', path, { email: 'ann.b@acme.test', active: false });
  t.equal(off.body.data.active, false);
  expectError(t, await refresh(r, name, s3.refresh_token), 401, 'UNAUTHORIZED', 'Invalid refresh token');
  expectError(t, await login(r, name, 'ann.b@acme.test', 'second-pw'), 401, 'UNAUTHORIZED', 'Account is disabled');
  const stillOff = await call('PUT', path, { email: 'ann.b@acme.test', roles: ['viewer'] });
  t.equal(stillOff.body.data.active, false, 'an omitted active keeps false');
  await call('PUT', path, { email: 'ann.b@acme.test', active: true });
  const s4 = (await login(r, name, 'ann.b@acme.test', 'second-pw')).body.data;
  t.ok(s4.refresh_token, 'reactivated');

  // Hard delete: the row and its refresh tokens are gone.
  const deleted = await call('DELETE', path);
  t.same([deleted.status, deleted.body], [200, { data: { id: ann.id, deleted: true } }]);
  expectError(t, await call('GET', path), 404, 'NOT_FOUND', `User not found: ${ann.id}`);
  expectError(t, await call('DELETE', path), 404, 'NOT_FOUND', `User not found: ${ann.id}`);
  expectError(t, await call('DELETE', '/_admin/users/xyz'), 404, 'NOT_FOUND', 'User not found: xyz');
  expectError(t, await refresh(r, name, s4.refresh_token), 401, 'UNAUTHORIZED', 'Invalid refresh token');
  const [{ n }] = await r.server.rocket.apps.get(name)!.db.query<{ n: unknown }>(
    'SELECT COUNT(*) AS n FROM _refresh_tokens WHERE user_id = $1', [ann.id]);
  t.equal(Number(n), 0, 'no refresh token row survives the user');
  t.equal((await call('POST', '/_admin/users', { email: 'ann.b@acme.test', password: 'pw' })).status, 201, 'the email is free again');

  expectNoSecrets(t, seen, ['first-pw', 'second-pw']);
});

eachDialect(t, 'admin gate on users and invites', async (t, r) => {
  const { name, token } = await r.createApp();
  const { call } = client(r, name, token);
  const viewer = (await call('POST', '/_admin/users', { email: 'viewer@acme.test', password: 'pw', roles: ['viewer', 'Admin'] })).body.data;
  const session = (await login(r, name, 'viewer@acme.test', 'pw')).body.data;
  const forbidden: Array<[string, string, unknown?]> = [
    ['GET', '/_admin/users'],
    ['GET', `/_admin/users/${viewer.id}`],
    ['POST', '/_admin/users', { email: 'x@acme.test', password: 'pw', roles: ['admin'] }],
    // Raising one's own roles is an admin operation like any other.
    ['PUT', `/_admin/users/${viewer.id}`, { email: 'viewer@acme.test', roles: ['admin'] }],
    ['DELETE', `/_admin/users/${viewer.id}`],
    ['GET', '/_admin/invites'],
    ['POST', '/_admin/invites', { email: 'x@acme.test', roles: ['admin'] }],
    ['POST', '/_admin/invites/bulk', { emails: ['x@acme.test'] }],
    ['DELETE', `/_admin/invites/${MISSING_ID}`],
  ];
  for (const [method, path, body] of forbidden) {
    expectError(t, await call(method as 'GET', path, body, session.access_token), 403, 'FORBIDDEN', 'Admin access required');
  }
  t.same((await call('GET', `/_admin/users/${viewer.id}`)).body.data.roles, ['viewer', 'Admin'], 'roles unchanged');
  expectError(t, await r.request('GET', `/api/${name}/_admin/users`), 401, 'UNAUTHORIZED', 'Missing auth token');
  expectError(t, await r.request('GET', '/api/nosuchapp/_admin/users', { token }), 404, 'APP_NOT_FOUND', 'App not found: nosuchapp');
  const viaPlatform = await call('GET', '/_admin/users', undefined, await r.platformToken());
  t.equal(viaPlatform.status, 200, 'a platform token administers users');
});

eachDialect(t, 'invites: create, list, revoke', async (t, r) => {
  const { name, token } = await r.createApp();
  const { call, seen } = client(r, name, token);
  const db = r.server.rocket.apps.get(name)!.db;

  const created = await call('POST', '/_admin/invites', { email: 'New.Hire@acme.test ', roles: ['technician'] });
  t.equal(created.status, 201);
  const invite = created.body.data;
  t.same(Object.keys(invite).sort(), INVITE_KEYS);
  t.match(invite, { email: 'new.hire@acme.test', roles: ['technician'], accepted_at: null, invited_by: sub(token), status: 'pending' });
  t.match(invite.token, UUID_V4, 'the token is a random UUID v4');
  t.match(invite.id, UUID_V4);
  t.match(invite.created_at, ISO_MS);
  t.equal(Date.parse(invite.expires_at) - Date.parse(invite.created_at), 72 * 3600 * 1000, 'valid for 72 hours');

  const platformToken = await r.platformToken();
  const byPlatform = await call('POST', '/_admin/invites', { email: 'ops@acme.test' }, platformToken);
  t.same([byPlatform.status, byPlatform.body.data.invited_by, byPlatform.body.data.roles], [201, sub(platformToken), []],
    'a platform caller is recorded as the inviter; roles default to []');

  await call('POST', '/_admin/users', { email: 'both@acme.test', password: 'pw' });
  await db.run('INSERT INTO _invites (id, email, roles, token, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    MISSING_ID.replace(/0$/, '1'), 'both@acme.test', db.dialect.encodeTextArray([]), 'manual-token',
    new Date(Date.now() + 3600_000).toISOString(), new Date(Date.now() - 1000).toISOString(),
  ]);
  const cases: Array<[unknown, number, string, string]> = [
    ['[1]', 400, 'INVALID_PAYLOAD', 'Invalid JSON body'],
    [{ roles: 'x' }, 422, 'VALIDATION_FAILED', 'email is required'],
    [{ email: '' }, 422, 'VALIDATION_FAILED', 'email is required'],
    [{ email: 'nope', roles: 'x' }, 422, 'VALIDATION_FAILED', 'email must be a valid email address'],
    [{ email: 'x@acme.test', roles: [null] }, 422, 'VALIDATION_FAILED', 'roles must be an array of strings'],
    [{ email: 'ADMIN@localhost' }, 409, 'CONFLICT', 'A user with this email already exists'],
    [{ email: 'both@acme.test' }, 409, 'CONFLICT', 'A user with this email already exists'],
    [{ email: ' new.hire@ACME.test' }, 409, 'CONFLICT', 'A pending invite already exists for this email'],
  ];
  for (const [body, status, code, message] of cases) expectError(t, await call('POST', '/_admin/invites', body), status, code, message);

  // An expired invite does not block a new one.
  await db.run('UPDATE _invites SET expires_at = $1 WHERE id = $2', [new Date(Date.now() - 1000).toISOString(), invite.id]);
  const again = await call('POST', '/_admin/invites', { email: 'new.hire@acme.test' });
  t.equal(again.status, 201, 'expired invites do not block a new invite');
  t.not(again.body.data.token, invite.token);

  const list = (await call('GET', '/_admin/invites')).body.data;
  t.equal(list.length, 4);
  const times = list.map((i: { created_at: string }) => i.created_at);
  t.same(times, [...times].sort().reverse(), 'newest first');
  t.same(list.map((i: { id: string }) => i.id).slice(0, 1), [again.body.data.id]);
  const byId = Object.fromEntries(list.map((i: { id: string }) => [i.id, i]));
  t.equal(byId[invite.id].status, 'expired', 'status is computed');
  t.equal(byId[again.body.data.id].status, 'pending');
  for (const i of list) t.same(Object.keys(i).sort(), INVITE_KEYS);

  const revoked = await call('DELETE', `/_admin/invites/${again.body.data.id}`);
  t.same([revoked.status, revoked.body], [200, { data: { id: again.body.data.id, deleted: true } }]);
  expectError(t, await call('DELETE', `/_admin/invites/${again.body.data.id}`), 404, 'NOT_FOUND', `Invite not found: ${again.body.data.id}`);
  expectError(t, await call('DELETE', '/_admin/invites/abc'), 404, 'NOT_FOUND', 'Invite not found: abc');
  expectError(t, await r.request('POST', `/api/${name}/auth/accept-invite`, { body: { token: again.body.data.token, password: 'pw' } }),
    404, 'NOT_FOUND', 'Invalid invite token');
  t.equal((await call('GET', '/_admin/invites')).body.data.length, 3);
  expectNoSecrets(t, seen, []);
});

eachDialect(t, 'invites: bulk, skip & report', async (t, r) => {
  const { name, token } = await r.createApp();
  const { call } = client(r, name, token);
  await call('POST', '/_admin/users', { email: 'root@acme.test', password: 'pw' });
  await call('POST', '/_admin/invites', { email: 'pending@acme.test' });

  const res = await call('POST', '/_admin/invites/bulk', {
    emails: ['ana@acme.test', ' BO@acme.test', 'ana@acme.test', 'Root@acme.test', 'pending@ACME.test', 'not-an-email', 'bo@acme.test '],
    roles: ['viewer'],
  });
  t.equal(res.status, 200, 'bulk answers 200');
  const { created, skipped, summary } = res.body.data;
  t.same(created.map((c: { email: string }) => c.email), ['ana@acme.test', 'bo@acme.test'], 'first occurrence wins, order kept');
  for (const c of created) {
    t.same(Object.keys(c).sort(), ['email', 'expires_at', 'id', 'token']);
    t.match(c.token, UUID_V4);
  }
  t.equal(created[0].expires_at, created[1].expires_at, 'one expires_at for the batch');
  t.same(skipped, [
    { email: 'root@acme.test', reason: 'A user with this email already exists' },
    { email: 'pending@acme.test', reason: 'A pending invite already exists for this email' },
    { email: 'not-an-email', reason: 'Invalid email address' },
  ]);
  t.same(summary, { total: 5, created: 2, skipped: 3 }, 'total counts unique emails');
  const stored = (await call('GET', '/_admin/invites')).body.data.filter((i: { email: string }) => i.email !== 'pending@acme.test');
  t.same(stored.map((i: { roles: string[]; invited_by: string }) => [i.roles, i.invited_by]), [[['viewer'], sub(token)], [['viewer'], sub(token)]]);

  const again = await call('POST', '/_admin/invites/bulk', { emails: ['ana@acme.test', 'cy@acme.test'] });
  t.same(again.body.data.summary, { total: 2, created: 1, skipped: 1 }, 'a second run skips what the first created');

  const cases: Array<[unknown, number, string, string]> = [
    ['"x"', 400, 'INVALID_PAYLOAD', 'Invalid JSON body'],
    [{}, 422, 'VALIDATION_FAILED', 'emails is required and must be a non-empty array'],
    [{ emails: [] }, 422, 'VALIDATION_FAILED', 'emails is required and must be a non-empty array'],
    [{ emails: 'a@acme.test' }, 422, 'VALIDATION_FAILED', 'emails is required and must be a non-empty array'],
    [{ emails: ['a@acme.test', '  '], roles: 'x' }, 422, 'VALIDATION_FAILED', 'emails must not contain blank entries'],
    [{ emails: ['a@acme.test', 3] }, 422, 'VALIDATION_FAILED', 'emails must not contain blank entries'],
    [{ emails: ['a@acme.test'], roles: 'x' }, 422, 'VALIDATION_FAILED', 'roles must be an array of strings'],
  ];
  for (const [body, status, code, message] of cases) expectError(t, await call('POST', '/_admin/invites/bulk', body), status, code, message);
  t.equal((await call('GET', '/_admin/invites')).body.data.length, 4, 'rejected requests created nothing');
});

eachDialect(t, 'accept-invite', async (t, r) => {
  const { name, token } = await r.createApp();
  const { call } = client(r, name, token);
  const db = r.server.rocket.apps.get(name)!.db;
  const accept = (body: unknown) => r.request('POST', `/api/${name}/auth/accept-invite`, { body });
  const invite = (await call('POST', '/_admin/invites', { email: 'New.Hire@acme.test', roles: ['technician'] })).body.data;

  const cases: Array<[unknown, number, string, string]> = [
    ['[]', 400, 'INVALID_PAYLOAD', 'Invalid JSON body'],
    [{}, 422, 'VALIDATION_FAILED', 'token is required'],
    [{ token: '', password: '' }, 422, 'VALIDATION_FAILED', 'token is required'],
    [{ token: 'whatever' }, 422, 'VALIDATION_FAILED', 'password is required'],
    [{ token: 'whatever', password: 'é'.repeat(37) }, 422, 'VALIDATION_FAILED', 'password must be at most 72 bytes'],
    [{ token: MISSING_ID, password: 'pw' }, 404, 'NOT_FOUND', 'Invalid invite token'],
    [{ token: 'not-a-uuid', password: 'pw' }, 404, 'NOT_FOUND', 'Invalid invite token'],
  ];
  for (const [body, status, code, message] of cases) expectError(t, await accept(body), status, code, message);

  const ok = await accept({ token: invite.token.toUpperCase(), password: 'first-Rain-907' });
  t.equal(ok.status, 201);
  t.same(Object.keys(ok.body.data).sort(), ['access_token', 'refresh_token', 'user']);
  t.same(ok.body.data.user, { id: ok.body.data.user.id, email: 'new.hire@acme.test', roles: ['technician'] });
  t.equal(sub(ok.body.data.access_token), ok.body.data.user.id, 'the invitee is logged in');
  t.equal((await refresh(r, name, ok.body.data.refresh_token)).status, 200, 'the refresh token works');
  t.equal((await login(r, name, 'NEW.HIRE@acme.test', 'first-Rain-907')).status, 200, 'the password was set');
  const user = (await call('GET', `/_admin/users/${ok.body.data.user.id}`)).body.data;
  t.match(user, { email: 'new.hire@acme.test', roles: ['technician'], active: true });
  const accepted = (await call('GET', '/_admin/invites')).body.data[0];
  t.equal(accepted.status, 'accepted');
  t.match(accepted.accepted_at, ISO_MS);

  expectError(t, await accept({ token: invite.token, password: 'again' }), 400, 'VALIDATION_FAILED', 'Invite has already been accepted');

  const late = (await call('POST', '/_admin/invites', { email: 'late@acme.test' })).body.data;
  await db.run('UPDATE _invites SET expires_at = $1 WHERE id = $2', [new Date(Date.now() - 1).toISOString(), late.id]);
  expectError(t, await accept({ token: late.token, password: 'pw' }), 400, 'VALIDATION_FAILED', 'Invite has expired');

  // The user was created some other way after the invite was sent.
  const clash = (await call('POST', '/_admin/invites', { email: 'clash@acme.test' })).body.data;
  await call('POST', '/_admin/users', { email: 'clash@acme.test', password: 'pw' });
  expectError(t, await accept({ token: clash.token, password: 'pw' }), 409, 'CONFLICT', 'A user with this email already exists');
  t.equal((await call('GET', '/_admin/invites')).body.data.find((i: { id: string }) => i.id === clash.id).accepted_at, null,
    'a refused accept leaves the invite open');

  // Two concurrent accepts of one token: exactly one wins.
  const race = (await call('POST', '/_admin/invites', { email: 'race@acme.test', roles: ['a'] })).body.data;
  const results = await Promise.all(['pw-1', 'pw-2'].map((password) => accept({ token: race.token, password })));
  t.same(results.map((x) => x.status).sort(), [201, 400], 'one 201, one 400');
  const loser = results.find((x) => x.status === 400)!;
  t.same(loser.body.error, { code: 'VALIDATION_FAILED', message: 'Invite has already been accepted' });
  const users = (await call('GET', '/_admin/users')).body.data.filter((u: { email: string }) => u.email === 'race@acme.test');
  t.equal(users.length, 1, 'one user created');
});
