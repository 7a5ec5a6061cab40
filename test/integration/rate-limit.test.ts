// Abuse limits of the auth endpoints (roadmap.md "Rate limiting"): per IP and app, per account for
// logins, the 429 envelope and headers, and nothing at all when disabled (the default).
import t from 'tap';
import { eachDialect } from '../helpers/server.js';
import type { TapTest, TestRocket } from '../helpers/server.js';

interface Hit {
  status: number;
  body: any;
  headers: Record<string, unknown>;
}

/** POST from a given client address (inject's remoteAddress). */
async function post(r: TestRocket, url: string, body: unknown, ip = '127.0.0.1'): Promise<Hit> {
  const res = await r.server.inject({ method: 'POST', url, payload: body as object, remoteAddress: ip });
  return { status: res.statusCode, body: res.json(), headers: res.headers as Record<string, unknown> };
}

function expectLimited(t: TapTest, res: Hit, limit: number, what: string): void {
  t.equal(res.status, 429, `${what}: 429`);
  t.equal(res.body.error.code, 'RATE_LIMITED');
  t.match(res.body.error.message, /^Rate limit exceeded, retry in \d+ seconds$/);
  t.same(Object.keys(res.body), ['error']);
  const seconds = Number(/(\d+) seconds/.exec(res.body.error.message)![1]);
  t.equal(res.headers['x-ratelimit-limit'], String(limit));
  t.equal(res.headers['x-ratelimit-remaining'], '0');
  t.equal(res.headers['retry-after'], String(seconds), 'retry-after matches the message');
  t.equal(res.headers['x-ratelimit-reset'], String(seconds));
  t.ok(seconds > 0 && seconds <= 60, 'within the window');
}

const wrong = (email: string) => ({ email, password: 'wrong-password' });

eachDialect(t, 'auth limits per IP and app', async (t, r) => {
  const { name } = await r.createApp();
  const other = await r.createApp();
  const loginUrl = `/api/${name}/auth/login`;

  // Three attempts from one address (different accounts, so only the IP budget counts) pass.
  for (let i = 1; i <= 3; i++) {
    const res = await post(r, loginUrl, wrong(`user${i}@acme.test`), '10.0.0.1');
    t.equal(res.status, 401, `attempt ${i} is answered normally`);
    t.equal(res.headers['x-ratelimit-limit'], '3');
    t.equal(res.headers['x-ratelimit-remaining'], String(3 - i));
  }
  expectLimited(t, await post(r, loginUrl, wrong('user4@acme.test'), '10.0.0.1'), 3, '4th login from one IP');
  expectLimited(t, await post(r, loginUrl, { email: 'admin@localhost', password: 'changeme' }, '10.0.0.1'), 3,
    'even a correct password');
  t.equal((await post(r, loginUrl, { email: 'admin@localhost', password: 'changeme' }, '10.0.0.2')).status, 200, 'another IP is not affected');
  t.equal((await post(r, `/api/${other.name}/auth/login`, wrong('user9@acme.test'), '10.0.0.1')).status, 401,
    'the same IP on another app has its own budget');

  // Refresh and accept-invite are limited too; logout is not.
  for (let i = 1; i <= 3; i++) t.equal((await post(r, `/api/${name}/auth/refresh`, { refresh_token: 'x' }, '10.0.0.3')).status, 401);
  expectLimited(t, await post(r, `/api/${name}/auth/refresh`, { refresh_token: 'x' }, '10.0.0.3'), 3, '4th refresh');
  for (let i = 1; i <= 3; i++) {
    t.equal((await post(r, `/api/${name}/auth/accept-invite`, { token: 'x', password: 'y' }, '10.0.0.3')).status, 404);
  }
  expectLimited(t, await post(r, `/api/${name}/auth/accept-invite`, { token: 'x', password: 'y' }, '10.0.0.3'), 3, '4th accept-invite');
  for (let i = 1; i <= 6; i++) {
    const res = await post(r, `/api/${name}/auth/logout`, { refresh_token: 'x' }, '10.0.0.3');
    t.equal(res.status, 200);
    t.equal(res.headers['x-ratelimit-limit'], undefined, 'logout carries no limit');
  }
  const unknown = await post(r, '/api/nosuchapp/auth/login', wrong('a@b'), '10.0.0.1');
  t.same([unknown.status, unknown.body.error.code], [404, 'APP_NOT_FOUND'], 'the resolver answers before the limiter');

  // Platform login: its own scope.
  for (let i = 1; i <= 3; i++) t.equal((await post(r, '/api/_platform/auth/login', wrong(`p${i}@acme.test`), '10.0.0.1')).status, 401);
  expectLimited(t, await post(r, '/api/_platform/auth/login', wrong('p4@acme.test'), '10.0.0.1'), 3, '4th platform login');
}, { rate_limit: { enabled: true, auth_max: 3 } });

eachDialect(t, 'auth limits per account across IPs', async (t, r) => {
  const { name } = await r.createApp();
  const loginUrl = `/api/${name}/auth/login`;
  const variants = ['victim@acme.test', 'Victim@acme.test', ' VICTIM@acme.test '];
  for (const [i, email] of variants.entries()) {
    t.equal((await post(r, loginUrl, wrong(email), `10.1.0.${i + 1}`)).status, 401, `attempt from 10.1.0.${i + 1}`);
  }
  const res = await post(r, loginUrl, wrong('victim@acme.test'), '10.1.0.99');
  expectLimited(t, res, 3, 'the 4th attempt on one account from a fresh IP');
  t.equal((await post(r, loginUrl, wrong('someone.else@acme.test'), '10.1.0.99')).status, 401,
    'that IP still has budget for other accounts');

  // createApp's platform login was the first attempt on this account.
  for (let i = 1; i <= 2; i++) t.equal((await post(r, '/api/_platform/auth/login', wrong('platform@localhost'), `10.2.0.${i}`)).status, 401);
  expectLimited(t, await post(r, '/api/_platform/auth/login', { email: 'platform@localhost', password: 'changeme' }, '10.2.0.50'), 3,
    'platform accounts are protected the same way');
}, { rate_limit: { enabled: true, auth_max: 3 } });

eachDialect(t, 'disabled by default', async (t, r) => {
  const { name } = await r.createApp();
  t.equal(r.server.rocket.config.rate_limit.enabled, false);
  const statuses = new Set<number>();
  for (let i = 0; i < 30; i++) {
    const res = await post(r, `/api/${name}/auth/login`, i % 2 ? { email: 'admin@localhost', password: 'changeme' } : wrong('admin@localhost'));
    statuses.add(res.status);
    t.equal(res.headers['x-ratelimit-limit'], undefined, 'no limiter ran');
  }
  t.same([...statuses].sort(), [200, 401], '30 logins from one IP on one account, never a 429');
});
