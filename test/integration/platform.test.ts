// Platform login, token rules and the app lifecycle endpoints (platform-and-apps.md §5).
import t from 'tap';
import { createSigner } from 'fast-jwt';
import { PLATFORM_SECRET, eachDialect, uniqueName } from '../helpers/server.js';

const login = { email: 'platform@localhost', password: 'changeme' };

eachDialect(t, 'platform login, refresh, logout', async (t, r) => {
  const ok = await r.request('POST', '/api/_platform/auth/login', { body: { ...login, email: ' Platform@Localhost ' } });
  t.equal(ok.status, 200, 'login succeeds with a case-insensitive, trimmed email');
  t.match(ok.body.data, { access_token: String, refresh_token: /^[0-9a-f-]{36}$/ });

  for (const [body, message] of [
    [{}, 'Email and password are required'],
    [{ email: 'platform@localhost' }, 'Email and password are required'],
    [{ email: 'nobody@localhost', password: 'x' }, 'Invalid email or password'],
    [{ email: 'platform@localhost', password: 'wrong' }, 'Invalid email or password'],
  ] as const) {
    const res = await r.request('POST', '/api/_platform/auth/login', { body });
    t.same([res.status, res.body], [401, { error: { code: 'UNAUTHORIZED', message } }], message);
  }
  const empty = await r.request('POST', '/api/_platform/auth/login');
  t.equal(empty.body.error.message, 'Email and password are required', 'an empty body is {}');
  const malformed = await r.request('POST', '/api/_platform/auth/login', { body: '{"email":' });
  t.same([malformed.status, malformed.body.error], [400, { code: 'INVALID_PAYLOAD', message: 'Invalid JSON body' }]);
  const array = await r.request('POST', '/api/_platform/auth/login', { body: '[1,2]' });
  t.equal(array.status, 400, 'a JSON array is not an object');

  // Refresh rotates: the old token is refused afterwards.
  const first = ok.body.data.refresh_token;
  const rotated = await r.request('POST', '/api/_platform/auth/refresh', { body: { refresh_token: first } });
  t.equal(rotated.status, 200);
  t.not(rotated.body.data.refresh_token, first);
  const reuse = await r.request('POST', '/api/_platform/auth/refresh', { body: { refresh_token: first } });
  t.same([reuse.status, reuse.body.error.message], [401, 'Invalid refresh token'], 'a rotated token cannot be reused');
  t.equal((await r.request('POST', '/api/_platform/auth/refresh', { body: {} })).body.error.message, 'Refresh token is required');
  t.equal((await r.request('POST', '/api/_platform/auth/refresh', { body: { refresh_token: 'not-a-uuid' } })).body.error.message, 'Invalid refresh token');

  // Expired refresh token: refused and deleted.
  const other = (await r.request('POST', '/api/_platform/auth/login', { body: login })).body.data.refresh_token;
  await r.server.rocket.mgmt.run('UPDATE _platform_refresh_tokens SET expires_at = $1 WHERE token = $2', ['2000-01-01T00:00:00.000Z', other]);
  const expired = await r.request('POST', '/api/_platform/auth/refresh', { body: { refresh_token: other } });
  t.same([expired.status, expired.body.error.message], [401, 'Refresh token expired']);
  t.equal((await r.server.rocket.mgmt.query('SELECT 1 FROM _platform_refresh_tokens WHERE token = $1', [other])).length, 0, 'expired row deleted');

  const current = rotated.body.data.refresh_token;
  t.same((await r.request('POST', '/api/_platform/auth/logout', { body: { refresh_token: current } })).body, { message: 'Logged out' });
  t.equal((await r.request('POST', '/api/_platform/auth/refresh', { body: { refresh_token: current } })).status, 401, 'logged-out token refused');
  t.equal((await r.request('POST', '/api/_platform/auth/logout', { body: { refresh_token: 'junk' } })).status, 200, 'logout is idempotent');
  t.equal((await r.request('POST', '/api/_platform/auth/logout', { body: {} })).status, 401, 'logout needs a token');
});

eachDialect(t, 'platform token rules', async (t, r) => {
  const token = await r.platformToken();
  t.equal((await r.request('GET', '/api/_platform/apps', { token })).status, 200);
  const cases: Array<[Record<string, string>, string]> = [
    [{}, 'Missing auth token'],
    [{ authorization: 'Token abc' }, 'Invalid auth header format'],
    [{ authorization: 'Bearer' }, 'Invalid auth header format'],
    [{ authorization: `Bearer ${token} extra` }, 'Invalid auth header format'],
    [{ authorization: `Bearer ${token.slice(0, -3)}abc` }, 'Invalid or expired token'],
  ];
  for (const [headers, message] of cases) {
    const res = await r.request('GET', '/api/_platform/apps', { headers });
    t.same([res.status, res.body.error], [401, { code: 'UNAUTHORIZED', message }], message);
  }
  t.equal((await r.request('GET', '/api/_platform/apps', { headers: { authorization: `bearer ${token}` } })).status, 200, 'scheme is case-insensitive');

  const expiredToken = createSigner({ key: PLATFORM_SECRET, algorithm: 'HS256' })({
    sub: '00000000-0000-4000-8000-000000000000', roles: ['platform_admin'], iat: 1000, exp: 2000,
  });
  t.equal((await r.request('GET', '/api/_platform/apps', { token: expiredToken })).body.error.message, 'Invalid or expired token', 'expired token refused');
  const noneAlg = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"x","roles":["platform_admin"]}').toString('base64url')}.`;
  t.equal((await r.request('GET', '/api/_platform/apps', { token: noneAlg })).status, 401, 'alg none refused');

  const notAdmin = createSigner({ key: PLATFORM_SECRET, algorithm: 'HS256', expiresIn: 60_000 })({ sub: 'x', roles: [] });
  const forbidden = await r.request('GET', '/api/_platform/apps', { token: notAdmin });
  t.same([forbidden.status, forbidden.body.error], [403, { code: 'FORBIDDEN', message: 'Platform admin access required' }]);

  const app = await r.createApp();
  const appToken = await r.request('GET', '/api/_platform/apps', { token: app.token });
  t.same([appToken.status, appToken.body.error.message], [401, 'Invalid or expired token'], 'an app token is refused by the platform');

  const unknown = await r.request('GET', '/api/_platform/nothing/here');
  t.same([unknown.status, unknown.body], [404, { error: { code: 'NOT_FOUND', message: 'Route not found' } }]);
  const ai = await r.request('GET', '/api/_platform/ai/status', { token });
  t.same(ai.body, { data: { configured: false, model: '' } });
});

eachDialect(t, 'platform change-password', async (t, r) => {
  const token = await r.platformToken();
  const session = (await r.request('POST', '/api/_platform/auth/login', { body: login })).body.data;
  const path = '/api/_platform/auth/change-password';
  t.equal((await r.request('POST', path, { body: {} })).status, 401, 'needs a token');
  t.same((await r.request('POST', path, { token, body: {} })).body.error, { code: 'VALIDATION_FAILED', message: 'current_password and new_password are required' });
  t.same((await r.request('POST', path, { token, body: { current_password: 'nope', new_password: 'x' } })).body.error, { code: 'UNAUTHORIZED', message: 'Invalid current password' });
  const long = await r.request('POST', path, { token, body: { current_password: 'changeme', new_password: 'é'.repeat(37) } });
  t.same([long.status, long.body.error.message], [422, 'new_password must be at most 72 bytes']);
  const ok = await r.request('POST', path, { token, body: { current_password: 'changeme', new_password: 'n3w-Secret' } });
  t.same([ok.status, ok.body], [200, { message: 'Password changed' }]);
  t.equal((await r.request('POST', '/api/_platform/auth/refresh', { body: { refresh_token: session.refresh_token } })).status, 401, 'refresh tokens revoked');
  t.equal((await r.request('POST', '/api/_platform/auth/login', { body: login })).status, 401, 'old password refused');
  t.equal((await r.request('POST', '/api/_platform/auth/login', { body: { ...login, password: 'n3w-Secret' } })).status, 200);
});

eachDialect(t, 'disabled platform user', async (t, r) => {
  const session = (await r.request('POST', '/api/_platform/auth/login', { body: login })).body.data;
  await r.server.rocket.mgmt.run('UPDATE _platform_users SET active = $1', [r.server.rocket.mgmt.dialect.encodeBool(false)]);
  t.equal((await r.request('POST', '/api/_platform/auth/login', { body: login })).body.error.message, 'Account is disabled');
  t.equal((await r.request('POST', '/api/_platform/auth/refresh', { body: { refresh_token: session.refresh_token } })).body.error.message, 'Account is disabled');
});

eachDialect(t, 'app lifecycle', async (t, r) => {
  const token = await r.platformToken();
  const name = uniqueName('crm-');
  const created = await r.request('POST', '/api/_platform/apps', { token, body: { name, display_name: 'CRM', db_driver: r.dialect, admin_password: 'secret-1' } });
  t.equal(created.status, 201);
  t.same(Object.keys(created.body.data).sort(), ['created_at', 'db_driver', 'db_name', 'display_name', 'name', 'status', 'updated_at']);
  t.match(created.body.data, { name, display_name: 'CRM', db_name: `rocket_${name.replace(/-/g, '_')}`, db_driver: r.dialect, status: 'active' });
  t.match(created.body.data.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  t.notOk(JSON.stringify(created.body).includes('secret'), 'neither jwt_secret nor admin password echoed');

  const dup = await r.request('POST', '/api/_platform/apps', { token, body: { name, db_driver: r.dialect } });
  t.same([dup.status, dup.body.error], [409, { code: 'CONFLICT', message: `App already exists: ${name}` }]);
  const sameDb = await r.request('POST', '/api/_platform/apps', { token, body: { name: name.replace(/-/g, '_'), db_driver: r.dialect } });
  t.same([sameDb.status, sameDb.body.error.code], [409, 'CONFLICT'], 'crm-x and crm_x share a database name');

  const bad: Array<[unknown, number, string]> = [
    [{}, 422, 'App name is required'],
    [{ name: '' }, 422, 'App name is required'],
    [{ name: 'Bad' }, 422, 'App name must be lowercase letters, numbers, hyphens, underscores (start with letter)'],
    [{ name: '1abc' }, 422, 'App name must be lowercase letters, numbers, hyphens, underscores (start with letter)'],
    [{ name: 'a'.repeat(57) }, 422, 'App name must be at most 56 characters'],
    [{ name: 'okname', db_driver: 'mysql' }, 422, 'Invalid db_driver: must be one of postgres, sqlite'],
    [[1], 400, 'Invalid request body'],
  ];
  for (const [body, status, message] of bad) {
    const res = await r.request('POST', '/api/_platform/apps', { token, body });
    t.same([res.status, res.body.error.message], [status, message], message);
  }
  if (r.dialect === 'sqlite') {
    const pg = await r.request('POST', '/api/_platform/apps', { token, body: { name: 'pgapp', db_driver: 'postgres' } });
    t.same([pg.status, pg.body.error.message], [422, 'db_driver postgres is not available on this server']);
  }

  const list = await r.request('GET', '/api/_platform/apps', { token });
  t.same(list.body.data.map((a: { name: string }) => a.name), [name]);
  t.equal((await r.request('GET', `/api/_platform/apps/${name}`, { token })).body.data.display_name, 'CRM');
  t.same((await r.request('GET', '/api/_platform/apps/none', { token })).body.error, { code: 'NOT_FOUND', message: 'App not found' });

  const appLogin = await r.request('POST', `/api/${name}/auth/login`, { body: { email: 'admin@localhost', password: 'secret-1' } });
  t.equal(appLogin.status, 200, 'the seeded app admin uses admin_password');

  t.same((await r.request('DELETE', `/api/_platform/apps/${name}`, { token })).body, { message: 'App deleted' });
  t.same((await r.request('DELETE', `/api/_platform/apps/${name}`, { token })).body.error, { code: 'NOT_FOUND', message: 'App not found' });
  const gone = await r.request('POST', `/api/${name}/auth/login`, { body: { email: 'admin@localhost', password: 'secret-1' } });
  t.same([gone.status, gone.body.error], [404, { code: 'APP_NOT_FOUND', message: `App not found: ${name}` }]);

  // The name (and its database) can be used again after the delete.
  t.equal((await r.request('POST', '/api/_platform/apps', { token, body: { name, db_driver: r.dialect } })).status, 201);
});

eachDialect(t, 'an existing database is never adopted', async (t, r) => {
  const token = await r.platformToken();
  const name = uniqueName('orphan');
  const storage = (r.server.rocket.apps as any).storages[r.dialect];
  await storage.create(`rocket_${name}`);
  const res = await r.request('POST', '/api/_platform/apps', { token, body: { name, db_driver: r.dialect } });
  t.same([res.status, res.body.error], [409, { code: 'CONFLICT', message: `Database already exists: rocket_${name}` }]);
  t.equal((await r.request('GET', `/api/_platform/apps/${name}`, { token })).status, 404, 'the reserved row was removed');
  await storage.drop(`rocket_${name}`);
});
