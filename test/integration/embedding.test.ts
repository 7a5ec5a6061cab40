// Rocket registered under a prefix inside an existing Fastify application with routes of its own.
import t from 'tap';
import Fastify, { type FastifyRequest } from 'fastify';
import rocket, { rocketServerOptions } from '../../app.js';
import { dialects, dropStores, testConfig } from '../helpers/server.js';

for (const dialect of dialects) {
  t.test(`embedded under /rocket [${dialect}]`, async (t) => {
    const config = testConfig(dialect);
    const host = Fastify({ logger: false });
    host.get('/own', async () => ({ mine: true }));
    host.post('/own', async (req) => ({ echo: req.body }));
    host.post('/own/typed', { schema: { body: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } } } }, async (req) => ({ got: req.body }));
    await host.register(rocket, { prefix: '/rocket', config, env: {}, readConfigFile: false });
    await host.ready();
    t.teardown(async () => {
      await host.close();
      await dropStores(dialect, config);
    });

    t.same((await host.inject({ method: 'GET', url: '/own' })).json(), { mine: true }, 'host routes still work');
    const echo = await host.inject({ method: 'POST', url: '/own', payload: { a: 1 } });
    t.same(echo.json(), { echo: { a: 1 } }, 'host keeps its own body parsing');
    // Rocket's validator compiler (core/bodies/) stays inside Rocket: the host's schemas keep Fastify's Ajv.
    const coerced = await host.inject({ method: 'POST', url: '/own/typed', payload: { n: '7' } });
    t.same(coerced.json(), { got: { n: 7 } }, "the host's route schemas keep Fastify's own validator (which coerces)");
    const refused = await host.inject({ method: 'POST', url: '/own/typed', payload: {} });
    t.equal(refused.statusCode, 400);
    t.match(refused.json().message, /must have required property 'n'/, "and its own error messages");
    const hostMissing = await host.inject({ method: 'GET', url: '/missing' });
    t.equal(hostMissing.statusCode, 404);
    t.notOk(hostMissing.body.includes('Route not found'), "the host's own 404 handler is untouched");

    t.same((await host.inject({ method: 'GET', url: '/rocket/health' })).json(), { status: 'ok' });
    const login = await host.inject({ method: 'POST', url: '/rocket/api/_platform/auth/login', payload: { email: 'platform@localhost', password: 'changeme' } });
    t.equal(login.statusCode, 200);
    const token = login.json().data.access_token;
    const created = await host.inject({
      method: 'POST', url: '/rocket/api/_platform/apps', headers: { authorization: `Bearer ${token}` },
      payload: { name: `emb${Date.now().toString(36)}`, db_driver: dialect },
    });
    t.equal(created.statusCode, 201, 'apps can be created through the prefix');
    const appName = created.json().data.name;
    const appLogin = await host.inject({ method: 'POST', url: `/rocket/api/${appName}/auth/login`, payload: { email: 'admin@localhost', password: 'changeme' } });
    t.equal(appLogin.statusCode, 200);
    const bad = await host.inject({ method: 'POST', url: '/rocket/api/_platform/auth/login', headers: { 'content-type': 'application/json' }, payload: '{x' });
    t.same(bad.json(), { error: { code: 'INVALID_PAYLOAD', message: 'Invalid JSON body' } }, 'Rocket errors keep the envelope');
    t.same((await host.inject({ method: 'GET', url: '/rocket/nope' })).json(), { error: { code: 'NOT_FOUND', message: 'Route not found' } });
    const del = await host.inject({ method: 'DELETE', url: `/rocket/api/_platform/apps/${appName}`, headers: { authorization: `Bearer ${token}` } });
    t.equal(del.statusCode, 200);
  });
}

t.test('embedded with rocketServerOptions: pre-routing errors get the envelope too', async (t) => {
  const config = testConfig('sqlite');
  const host = Fastify({ logger: false, ...rocketServerOptions });
  await host.register(rocket, { prefix: '/rocket', config, env: {}, readConfigFile: false });
  await host.ready();
  t.teardown(async () => {
    await host.close();
    await dropStores('sqlite', config);
  });
  const bad = await host.inject({ method: 'GET', url: '/rocket/api/x/book/%ZZ' });
  t.same([bad.statusCode, bad.json()], [404, { error: { code: 'NOT_FOUND', message: 'Invalid percent-encoding in URL' } }]);
  const long = await host.inject({ method: 'GET', url: `/rocket/api/x/book/${'a'.repeat(256)}` });
  t.same([long.statusCode, long.json().error.code], [404, 'NOT_FOUND']);
  const fits = await host.inject({ method: 'GET', url: `/rocket/api/x/book/${'a'.repeat(255)}` });
  t.equal(fits.json().error.code, 'APP_NOT_FOUND', 'a 255-character segment is routed');
});

t.test('embedded without `env`: only ROCKET_* variables count, never the host\'s DATABASE_URL or PORT', async (t) => {
  const config = testConfig('sqlite');
  const saved = { DATABASE_URL: process.env.DATABASE_URL, PORT: process.env.PORT, ROCKET_LOG_SLOW_MS: process.env.ROCKET_LOG_SLOW_MS };
  // The host's own database (unreachable here: taking it as the management store would fail the start).
  process.env.DATABASE_URL = 'postgres://host-user@127.0.0.1:1/host_app';
  process.env.PORT = '1';
  process.env.ROCKET_LOG_SLOW_MS = '4321';
  t.teardown(() => {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  });
  const host = Fastify({ logger: false });
  let platform: any;
  await host.register(rocket, {
    prefix: '/rocket', config: { ...config, database: { ...config.database, url: undefined } }, readConfigFile: false,
    onPlatform: (p: unknown) => (platform = p),
  });
  await host.ready();
  t.teardown(async () => {
    await host.close();
    await dropStores('sqlite', config);
  });
  t.equal(platform.config.database.driver, 'sqlite', 'the host\'s DATABASE_URL is not Rocket\'s management store');
  t.equal(platform.config.database.url, undefined);
  t.equal(platform.config.server.port, 8080, 'nor is its PORT');
  t.equal(platform.config.log_slow_ms, 4321, 'ROCKET_* variables still apply');
  t.equal((await host.inject({ method: 'GET', url: '/rocket/health' })).statusCode, 200);
});

for (const dialect of dialects) {
  t.test(`metadata as code: platform.app(name).apply(document) at start-up, idempotent [${dialect}]`, async (t) => {
    const config = testConfig(dialect);
    const host = Fastify({ logger: false });
    let platform: any;
    await host.register(rocket, { prefix: '/rocket', config, env: {}, readConfigFile: false, onPlatform: (p: unknown) => (platform = p) });
    await host.ready();
    t.teardown(async () => {
      await host.close();
      await dropStores(dialect, config);
    });
    const document = {
      version: 1,
      entities: [{ name: 'book', table: 'books', primary_key: { field: 'id', type: 'int', generated: true }, fields: [{ name: 'id', type: 'int' }, { name: 'title', type: 'string', required: true }] }],
      permissions: [{ entity: 'book', action: 'read', roles: ['reader'] }],
    };
    const name = `code${Date.now().toString(36)}`;
    await t.rejects(platform.app(name).apply(document), { code: 'APP_NOT_FOUND' }, 'an unknown app without create');
    const first = await platform.app(name).apply(document, { create: { db_driver: dialect } });
    t.match(first.summary, { entities: 1, permissions: 1 });
    t.same(first.errors, []);
    const again = await platform.app(name).apply(document);
    t.match(again.summary, { entities: 0, permissions: 0 }, 'applying it again changes nothing');
    const plan = await platform.app(name).apply({ ...document, entities: [...document.entities, { ...document.entities[0], name: 'shelf', table: 'shelves' }] }, { dryRun: true });
    t.same(plan.plan.entities.create, ['entity shelf'], 'a dry run plans');
    await t.rejects(platform.app(name).apply({ version: 2 }), { code: 'VALIDATION_FAILED' }, 'a bad document is refused whole');

    const login = await host.inject({ method: 'POST', url: `/rocket/api/${name}/auth/login`, payload: { email: 'admin@localhost', password: 'changeme' } });
    const token = login.json().data.access_token;
    const created = await host.inject({ method: 'POST', url: `/rocket/api/${name}/book`, headers: { authorization: `Bearer ${token}` }, payload: { title: 'Dune' } });
    t.equal(created.statusCode, 201, 'the applied entity is live');
    const shelves = await host.inject({ method: 'GET', url: `/rocket/api/${name}/shelf`, headers: { authorization: `Bearer ${token}` } });
    t.equal(shelves.statusCode, 404, 'the dry run wrote nothing');
  });
}

for (const dialect of dialects) {
  t.test(`single-app mode: /api/:entity under the prefix, no platform routes, the host's authentication [${dialect}]`, async (t) => {
    const config = testConfig(dialect);
    const host = Fastify({ logger: false });
    const hostUser = '00000000-0000-4000-8000-00000000b0b0';
    await host.register(rocket, {
      prefix: '/rocket', config, env: {}, readConfigFile: false,
      singleApp: {
        name: `solo${Date.now().toString(36)}`,
        create: { db_driver: dialect },
        // The host's own session check (async, as most are): a header stands in for it here.
        async authenticate(req: FastifyRequest) {
          const roles = req.headers['x-host-roles'];
          return typeof roles === 'string' ? { id: hostUser, roles: roles.split(',') } : null;
        },
      },
    });
    await host.ready();
    t.teardown(async () => {
      await host.close();
      await dropStores(dialect, config);
    });
    const as = (roles: string | undefined) => (method: 'GET' | 'POST', url: string, payload?: unknown) =>
      host.inject({ method, url: `/rocket/api${url}`, headers: roles ? { 'x-host-roles': roles } : {}, payload: payload as any });
    const admin = as('admin');
    const note = { name: 'note', table: 'notes', primary_key: { field: 'id', type: 'int', generated: true }, fields: [{ name: 'id', type: 'int' }, { name: 'text', type: 'string' }] };
    t.equal((await admin('POST', '/_admin/entities', note)).statusCode, 201, 'the host says admin: admin routes open');
    const created = await admin('POST', '/note', { text: 'hi' });
    t.equal(created.statusCode, 201);
    t.match(created.headers.location, /^\/rocket\/api\/note\/\d+$/);
    t.equal((await as('clerk')('POST', '/_admin/entities', { ...note, name: 'x', table: 'xs' })).statusCode, 403, 'a host user without admin');
    t.equal((await as('clerk')('GET', '/note')).statusCode, 403, 'and without a read permission');
    t.equal((await as(undefined)('GET', '/note')).statusCode, 401, 'no host caller, no token');
    const platformRoute = await admin('GET', '/_platform/apps');
    t.equal(platformRoute.statusCode, 404, 'no platform routes');
    t.notOk(platformRoute.body.includes('"name"'), 'nothing listed');

    const login = await host.inject({ method: 'POST', url: '/rocket/api/auth/login', payload: { email: 'admin@localhost', password: 'changeme' } });
    t.equal(login.statusCode, 200, "Rocket's own users still log in");
    const list = await host.inject({ method: 'GET', url: '/rocket/api/note', headers: { authorization: `Bearer ${login.json().data.access_token}` } });
    t.same(list.json().data.map((n: any) => n.text), ['hi']);
    const doc = (await admin('GET', '/_openapi.json')).json();
    t.equal(doc.servers[0].url, 'http://localhost:80/rocket/api', 'OpenAPI names the single-app base');
  });
}

