// App login/refresh/logout, the app resolver, dual authentication and the admin gate
// (auth.md §4–5, platform-and-apps.md §6–7).
import t from 'tap';
import { hashPassword } from '../../core/auth/passwords.js';
import { newId } from '../../core/ids.js';
import { eachDialect } from '../helpers/server.js';
import type { TestRocket } from '../helpers/server.js';

async function addUser(r: TestRocket, app: string, email: string, roles: string[], active = true): Promise<void> {
  const ctx = r.server.rocket.apps.get(app)!;
  const d = ctx.db.dialect;
  const now = new Date().toISOString();
  await ctx.db.run(
    'INSERT INTO _users (id, email, password_hash, roles, active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)',
    [newId(), email, await hashPassword('pw-123'), d.encodeTextArray(roles), d.encodeBool(active), now],
  );
}

eachDialect(t, 'app login, refresh, logout', async (t, r) => {
  const { name } = await r.createApp();
  await addUser(r, name, 'viewer@example.org', ['viewer']);
  await addUser(r, name, 'gone@example.org', ['viewer'], false);
  const base = `/api/${name}/auth`;

  const ok = await r.request('POST', `${base}/login`, { body: { email: 'Viewer@Example.org', password: 'pw-123' } });
  t.equal(ok.status, 200);
  const claims = JSON.parse(Buffer.from(ok.body.data.access_token.split('.')[1], 'base64url').toString());
  t.same(Object.keys(claims).sort(), ['exp', 'iat', 'roles', 'sub']);
  t.same(claims.roles, ['viewer']);
  t.equal(claims.exp - claims.iat, 900, 'access tokens live 15 minutes');

  for (const [body, message] of [
    [{ email: 'viewer@example.org' }, 'Email and password are required'],
    [{ email: 1, password: 'pw-123' }, 'Email and password are required'],
    [{ email: 'viewer@example.org', password: 'nope' }, 'Invalid email or password'],
    [{ email: 'none@example.org', password: 'pw-123' }, 'Invalid email or password'],
    [{ email: 'gone@example.org', password: 'pw-123' }, 'Account is disabled'],
  ] as const) {
    const res = await r.request('POST', `${base}/login`, { body });
    t.same([res.status, res.body.error], [401, { code: 'UNAUTHORIZED', message }], message);
  }

  const refreshed = await r.request('POST', `${base}/refresh`, { body: { refresh_token: ok.body.data.refresh_token } });
  t.equal(refreshed.status, 200);
  const reuse = await r.request('POST', `${base}/refresh`, { body: { refresh_token: ok.body.data.refresh_token } });
  t.same([reuse.status, reuse.body.error.message], [401, 'Invalid refresh token'], 'rotated token refused');

  // Two concurrent refreshes of one token: exactly one wins.
  const token = refreshed.body.data.refresh_token;
  const results = await Promise.all([1, 2].map(() => r.request('POST', `${base}/refresh`, { body: { refresh_token: token } })));
  t.same(results.map((x) => x.status).sort(), [200, 401], 'rotation is atomic');

  t.same((await r.request('POST', `${base}/logout`, { body: { refresh_token: 'whatever' } })).body, { message: 'Logged out' });
});

eachDialect(t, 'resolver, dual auth and admin gate', async (t, r) => {
  const a = await r.createApp();
  const b = await r.createApp();
  await addUser(r, a.name, 'viewer@example.org', ['viewer']);
  const viewer = (await r.request('POST', `/api/${a.name}/auth/login`, { body: { email: 'viewer@example.org', password: 'pw-123' } })).body.data;

  const unknown = await r.request('POST', '/api/nosuchapp/auth/login', { body: {} });
  t.same([unknown.status, unknown.body.error], [404, { code: 'APP_NOT_FOUND', message: 'App not found: nosuchapp' }]);
  t.equal((await r.request('GET', `/api/${a.name.toUpperCase()}/_admin/entities`)).status, 404, 'app names are case-sensitive');

  // A refresh token of app A means nothing to app B.
  const cross = await r.request('POST', `/api/${b.name}/auth/refresh`, { body: { refresh_token: viewer.refresh_token } });
  t.same([cross.status, cross.body.error.message], [401, 'Invalid refresh token']);

  const probe = `/api/${a.name}/_admin/entities`;
  t.equal((await r.request('GET', probe, { token: a.token })).status, 200, 'app admin passes the gate');
  t.same((await r.request('GET', probe, { token: viewer.access_token })).body.error, { code: 'FORBIDDEN', message: 'Admin access required' });
  t.same((await r.request('GET', probe, { token: b.token })).body.error, { code: 'UNAUTHORIZED', message: 'Invalid or expired token' }, 'app B token refused on app A');
  const viaPlatform = await r.request('GET', probe, { token: await r.platformToken() });
  t.equal(viaPlatform.status, 200, 'a platform token acts as app admin');
  t.same((await r.request('GET', probe)).body.error, { code: 'UNAUTHORIZED', message: 'Missing auth token' });
  t.same((await r.request('GET', probe, { headers: { authorization: 'Basic abc' } })).body.error.message, 'Invalid auth header format');
  t.same((await r.request('GET', `/api/nosuchapp/_admin/entities`)).body.error.code, 'APP_NOT_FOUND', 'unknown app answers 404 before 401');

  t.same((await r.request('GET', `/api/${a.name}/_admin/nothing`)).body, { error: { code: 'NOT_FOUND', message: 'Route not found' } });
  t.same((await r.request('PATCH', `/api/${a.name}/auth/login`)).body.error.message, 'Route not found');
}, {}, );

eachDialect(t, 'request bodies', async (t, r) => {
  const { name } = await r.createApp();
  const login = `/api/${name}/auth/login`;
  t.same((await r.request('POST', login, { body: '{nope' })).body.error, { code: 'INVALID_PAYLOAD', message: 'Invalid JSON body' });
  t.equal((await r.request('POST', login, { body: '"text"' })).status, 400, 'a JSON string is not an object');
  t.equal((await r.request('POST', login, { body: 'email=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).body.error.message,
    'Email and password are required', 'another content type is treated as {}');
  t.equal((await r.request('POST', login, { body: '', headers: { 'content-type': 'application/json' } })).body.error.message,
    'Email and password are required', 'an empty JSON body is {}');
  t.equal((await r.request('POST', login, { body: JSON.stringify({ email: 'admin@localhost', password: 'changeme' }), headers: { 'content-type': 'application/vnd.api+json' } })).status,
    200, '*/*+json is JSON');
  const big = await r.request('POST', login, { body: JSON.stringify({ email: 'x'.repeat(3000), password: 'y' }) });
  t.same([big.status, big.body.error.code], [413, 'PAYLOAD_TOO_LARGE']);
  t.same((await r.request('GET', '/health')).body, { status: 'ok' });
  t.same((await r.request('GET', '/nowhere')).body, { error: { code: 'NOT_FOUND', message: 'Route not found' } });
  const preflight = await r.server.inject({ method: 'OPTIONS', url: `/api/${name}/auth/login`, headers: { origin: 'https://ui.example', 'access-control-request-method': 'POST' } });
  t.equal(preflight.headers['access-control-allow-origin'], 'https://ui.example', 'development reflects any origin');
}, { server: { body_limit: 2048 } });
