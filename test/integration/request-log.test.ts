// What the server logs per request (plugins/request-log.ts): nothing by default but slow
// requests, one access line per request with `log_access`, a warning past `log_slow_ms`, and
// never Fastify's own two lines per request.
import { Writable } from 'node:stream';
import t from 'tap';
import { buildServer } from '../../app.js';
import { testConfig } from '../helpers/server.js';
import type { RocketConfig } from '../../config/schema.js';
import type { DeepPartial } from '../../config/load.js';

async function logged(overrides: DeepPartial<RocketConfig>, requests: number): Promise<Array<Record<string, any>>> {
  const lines: Array<Record<string, any>> = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const text of String(chunk).split('\n')) if (text.trim()) lines.push(JSON.parse(text));
      cb();
    },
  });
  const config = testConfig('sqlite', { log_level: 'info', ...overrides });
  const server = await buildServer({ config, env: {}, readConfigFile: false, logger: { level: 'info', stream } });
  await server.ready();
  const start = lines.length;
  for (let i = 0; i < requests; i++) await server.inject({ method: 'GET', url: '/health' });
  await server.inject({ method: 'GET', url: '/api/nope/thing' });
  // A wrong password still runs bcrypt (cost 10): a request that takes milliseconds.
  await server.inject({ method: 'POST', url: '/api/_platform/auth/login', payload: { email: 'x@example.com', password: 'wrong-password' } });
  await server.close();
  return lines.slice(start).filter((l) => l.msg !== 'shutting down' && !/closing|Server/.test(l.msg ?? ''));
}

t.test('default: no per-request lines', async (t) => {
  const lines = await logged({}, 5);
  t.same(lines.filter((l) => /request/.test(l.msg)), [], JSON.stringify(lines));
});

t.test('log_access: one line per request with app, method, url, status, response_time_ms and trace_id (§A8)', async (t) => {
  const lines = (await logged({ log_access: true }, 3)).filter((l) => l.msg === 'request');
  t.equal(lines.length, 5);
  t.match(lines[0], { level: 30, method: 'GET', url: '/health', status: 200, response_time_ms: Number });
  t.notOk('trace_id' in lines[0] || 'app' in lines[0], '/health has no app and no trace');
  t.match(lines[3], { url: '/api/nope/thing', status: 404, trace_id: /^[0-9a-f-]{36}$/ }, 'an app-scoped request carries its trace id');
  t.notOk(lines.some((l) => l.req || l.res), 'not Fastify\'s incoming/completed pair');
});

t.test('log_access: the app of an app-scoped request and the trace id it answered with', async (t) => {
  const lines: Array<Record<string, any>> = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const text of String(chunk).split('\n')) if (text.trim()) lines.push(JSON.parse(text));
      cb();
    },
  });
  const config = testConfig('sqlite', { log_level: 'info', log_access: true });
  const server = await buildServer({ config, env: {}, readConfigFile: false, logger: { level: 'info', stream } });
  t.teardown(() => server.close());
  await server.ready();
  const login = await server.inject({ method: 'POST', url: '/api/_platform/auth/login', payload: { email: 'platform@localhost', password: 'changeme' } });
  const token = JSON.parse(login.body).data.access_token;
  await server.inject({ method: 'POST', url: '/api/_platform/apps', headers: { authorization: `Bearer ${token}` }, payload: { name: 'logged' } });
  const res = await server.inject({ method: 'GET', url: '/api/logged/_admin/entities?x=1', headers: { authorization: `Bearer ${token}` } });
  const line = lines.filter((l) => l.msg === 'request').at(-1)!;
  t.match(line, { app: 'logged', method: 'GET', url: '/api/logged/_admin/entities?x=1', status: res.statusCode, trace_id: res.headers['x-trace-id'] });
  t.equal(typeof line.response_time_ms, 'number');
});

t.test('log_slow_ms: a request at or past the threshold is a warning', async (t) => {
  const lines = (await logged({ log_slow_ms: 5 }, 0)).filter((l) => l.msg === 'slow request');
  t.ok(lines.length >= 1, 'the bcrypt login is slow');
  t.match(lines.at(-1), { level: 40, method: 'POST', url: '/api/_platform/auth/login', status: 401 });
  t.ok(lines.at(-1)!.response_time_ms >= 5);
  const none = (await logged({ log_slow_ms: 0 }, 3)).filter((l) => l.msg === 'slow request');
  t.same(none, [], 'log_slow_ms 0 never warns');
});
