// Starts a Rocket server for one test on SQLite (a temporary data directory) or PostgreSQL (a
// management database of its own on ROCKET_TEST_PG_URL), and removes everything it created.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { t as tapRoot } from 'tap';
import { buildServer } from '../../app.js';
import type { DeepPartial } from '../../config/load.js';
import type { RocketConfig } from '../../config/schema.js';
import { PostgresDatabase, databaseUrl, dropDatabase } from '../../core/db/postgres.js';

export type TestDialect = 'sqlite' | 'postgres';
/** A tap (sub)test. */
export type TapTest = Parameters<Parameters<typeof tapRoot.test>[0]>[0];

export const PG_URL = process.env.ROCKET_TEST_PG_URL;
/** Every integration test runs once per dialect: SQLite always, PostgreSQL when configured. */
export const dialects: TestDialect[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export const PLATFORM_SECRET = 'test-platform-secret-0123456789abcdef0123456789';

export const uniqueName = (prefix = 't'): string => `${prefix}${randomBytes(5).toString('hex')}`;

export interface TestRocket {
  server: FastifyInstance;
  dialect: TestDialect;
  config: DeepPartial<RocketConfig>;
  /** fastify.inject with JSON body and bearer token conveniences. */
  request(method: InjectOptions['method'], url: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<TestResponse>;
  platformToken(): Promise<string>;
  /** Creates an app (random name unless given) and returns its name and an admin token. */
  createApp(name?: string, body?: Record<string, unknown>): Promise<{ name: string; token: string }>;
  close(): Promise<void>;
}

export interface TestResponse {
  status: number;
  body: any;
  headers: Record<string, unknown>;
}

export function testConfig(dialect: TestDialect, overrides: DeepPartial<RocketConfig> = {}): DeepPartial<RocketConfig> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rocket-test-'));
  const database: DeepPartial<RocketConfig['database']> = dialect === 'postgres'
    ? { driver: 'postgres', url: databaseUrl(PG_URL!, uniqueName('rocket_test_')), data_dir: dataDir, pool_size: 4 }
    : { driver: 'sqlite', data_dir: dataDir };
  const database2 = { ...database, name: dialect === 'postgres' ? new URL(database.url!).pathname.slice(1) : 'rocket' };
  return {
    env: 'development',
    platform_jwt_secret: PLATFORM_SECRET,
    log_level: 'silent',
    app_pool_size: 3,
    storage: { local_path: join(dataDir, 'uploads') },
    ...overrides,
    database: { ...database2, ...(overrides.database ?? {}) },
  };
}

export async function startRocket(dialect: TestDialect, overrides: DeepPartial<RocketConfig> = {}, shared?: DeepPartial<RocketConfig>): Promise<TestRocket> {
  const config = shared ?? testConfig(dialect, overrides);
  const server = await buildServer({ config, env: {}, readConfigFile: false, logger: process.env.ROCKET_TEST_LOG ? { level: process.env.ROCKET_TEST_LOG } : false });
  await server.ready();
  let platformToken: string | undefined;

  const request: TestRocket['request'] = async (method, url, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let payload: string | undefined;
    if (opts.body !== undefined) {
      payload = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await server.inject({ method, url, headers, payload });
    let body: unknown = res.body;
    try {
      body = res.body === '' ? undefined : JSON.parse(res.body);
    } catch { /* not JSON */ }
    return { status: res.statusCode, body, headers: res.headers as Record<string, unknown> };
  };

  const rocket: TestRocket = {
    server,
    dialect,
    config,
    request,
    async platformToken() {
      if (!platformToken) {
        const res = await request('POST', '/api/_platform/auth/login', { body: { email: 'platform@localhost', password: 'changeme' } });
        platformToken = res.body.data.access_token;
      }
      return platformToken!;
    },
    async createApp(name = uniqueName('app'), body = {}) {
      const res = await request('POST', '/api/_platform/apps', { token: await rocket.platformToken(), body: { name, db_driver: dialect, ...body } });
      if (res.status !== 201) throw new Error(`createApp failed: ${res.status} ${JSON.stringify(res.body)}`);
      const login = await request('POST', `/api/${name}/auth/login`, {
        body: { email: (body.admin_email as string) ?? 'admin@localhost', password: (body.admin_password as string) ?? 'changeme' },
      });
      return { name, token: login.body.data.access_token };
    },
    async close() {
      if (!shared) {
        // Drop what the test created: app databases (via the API's delete) and the management store.
        for (const app of await server.rocket.apps.list()) await server.rocket.apps.delete(app.name).catch(() => {});
      }
      await server.close();
      if (!shared) await dropStores(dialect, config);
    },
  };
  return rocket;
}

export async function dropStores(dialect: TestDialect, config: DeepPartial<RocketConfig>): Promise<void> {
  if (dialect === 'postgres') {
    const admin = new PostgresDatabase({ url: databaseUrl(PG_URL!, 'postgres'), max: 1 });
    await dropDatabase(admin, config.database!.name!).catch(() => {});
    await admin.close();
  }
  rmSync(config.database!.data_dir!, { recursive: true, force: true });
}

/** Runs `fn` as a subtest per dialect with a fresh server that is closed afterwards. */
export function eachDialect(
  t: TapTest,
  name: string,
  fn: (t: TapTest, rocket: TestRocket) => Promise<void>,
  overrides: DeepPartial<RocketConfig> = {},
): void {
  for (const dialect of dialects) {
    t.test(`${name} [${dialect}]`, async (t) => {
      const rocket = await startRocket(dialect, overrides);
      t.teardown(() => rocket.close());
      await fn(t, rocket);
    });
  }
}

/** An access token of a (non-existent) app user with these roles, signed with the app's secret. */
export function userToken(rocket: TestRocket, app: string, roles: string[], userId = '00000000-0000-4000-8000-000000000001'): string {
  const ctx = rocket.server.rocket.apps.get(app);
  if (!ctx) throw new Error(`userToken: app ${app} is not loaded`);
  return ctx.issuer.sign(userId, roles);
}

/**
 * Two instances on one PostgreSQL management database (for propagation and lifecycle tests).
 * Teardown closes both, deletes every app through the first, and drops the stores.
 */
export async function startInstancePair(t: TapTest, overrides: DeepPartial<RocketConfig> = {}): Promise<[TestRocket, TestRocket]> {
  const config = testConfig('postgres', overrides);
  const a = await startRocket('postgres', {}, config);
  const b = await startRocket('postgres', {}, config);
  t.teardown(async () => {
    await b.close();
    for (const app of await a.server.rocket.apps.list()) await a.server.rocket.apps.delete(app.name).catch(() => {});
    await a.close();
    await dropStores('postgres', config);
  });
  return [a, b];
}
