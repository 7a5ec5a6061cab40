// Configuration loading, validation messages and the production guards (platform-and-apps.md §5.11, §11).
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../config/load.js';

const load = (env: NodeJS.ProcessEnv) => loadConfig(env, {}, { readFile: false });

t.test('defaults and environment variables', async (t) => {
  const { config, warnings } = load({});
  t.equal(config.server.port, 8080);
  t.equal(config.database.driver, 'sqlite', 'SQLite is the default without a database URL');
  t.equal(config.database.data_dir, './data');
  t.equal(config.app_pool_size, 10);
  t.match(config.platform_jwt_secret, /^[0-9a-f]{64}$/, 'development generates a random secret');
  t.match(warnings.join('\n'), /ROCKET_PLATFORM_JWT_SECRET is not set/);

  const env = load({ PORT: '9000', DATABASE_URL: 'postgres://u:p@db:5432/rocket', ROCKET_CORS_ORIGINS: 'https://a.example, https://b.example', ROCKET_TRUST_PROXY: 'true' });
  t.equal(env.config.server.port, 9000);
  t.equal(env.config.database.driver, 'postgres', 'DATABASE_URL selects PostgreSQL');
  t.same(env.config.cors.origins, ['https://a.example', 'https://b.example']);
  t.equal(env.config.server.trust_proxy, true);
});

t.test('every bad value is reported clearly', async (t) => {
  const err = t.throws(() => load({ PORT: 'eighty', ROCKET_DB_DRIVER: 'mysql', ROCKET_APP_POOL_SIZE: '0' })) as unknown as ConfigError;
  t.ok(err instanceof ConfigError);
  t.match(err.message, /PORT must be a whole number \(got "eighty"\)/);
  t.match(err.message, /database\.driver must be equal to one of the allowed values: postgres, sqlite/);
  t.match(err.message, /app_pool_size must be >= 1/);
});

t.test('production refuses default secrets', async (t) => {
  for (const secret of [undefined, 'changeme', 'short-secret', 'changeme-platform-secret']) {
    const env: NodeJS.ProcessEnv = { NODE_ENV: 'production' };
    if (secret) env.ROCKET_PLATFORM_JWT_SECRET = secret;
    t.throws(() => load(env), ConfigError, `refused: ${secret ?? 'unset'}`);
  }
  const ok = load({ NODE_ENV: 'production', ROCKET_PLATFORM_JWT_SECRET: 'x'.repeat(40) });
  t.equal(ok.config.env, 'production');
  t.match(load({ jwt_secret: 'ignored' } as NodeJS.ProcessEnv).config.env, 'development');
});

t.test('a production start with a default secret exits non-zero with a clear message', async (t) => {
  const cwd = mkdtempSync(join(tmpdir(), 'rocket-prod-'));
  const res = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(import.meta.dirname, '../../server.ts')], {
    cwd,
    env: { PATH: process.env.PATH, NODE_ENV: 'production', ROCKET_PLATFORM_JWT_SECRET: 'changeme', PORT: '0' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  t.not(res.status, 0, 'the server refuses to start');
  t.match(res.stderr, /ROCKET_PLATFORM_JWT_SECRET must be at least 32 characters in production/);
});

t.test('rate limit keys', async (t) => {
  const { config } = load({});
  t.same(config.rate_limit, { enabled: false, max: 600, window_ms: 60_000, auth_max: 20 }, 'off by default; 20 auth attempts per window');
  const env = load({ ROCKET_RATE_LIMIT_ENABLED: 'true', ROCKET_RATE_LIMIT_AUTH_MAX: '5', ROCKET_RATE_LIMIT_WINDOW_MS: '30000' });
  t.match(env.config.rate_limit, { enabled: true, auth_max: 5, window_ms: 30_000 });
  t.equal(loadConfig({}, { rate_limit: { auth_max: 7 } }, { readFile: false }).config.rate_limit.auth_max, 7, 'plugin option');
  const err = t.throws(() => load({ ROCKET_RATE_LIMIT_AUTH_MAX: 'many' })) as unknown as ConfigError;
  t.match(err.message, /ROCKET_RATE_LIMIT_AUTH_MAX must be a whole number \(got "many"\)/);
  t.match((t.throws(() => load({ ROCKET_RATE_LIMIT_AUTH_MAX: '0' })) as unknown as ConfigError).message, /rate_limit\.auth_max must be >= 1/);
});

t.test('connection and lifecycle keys', async (t) => {
  const { config } = load({});
  t.match(config.database, { max_connections: 90, pool_size: 10, idle_ms: 30_000, idle_sweep_ms: 10_000 },
    'fits a stock PostgreSQL (max_connections 100): 10 management + 1 listener + 79 app connections');
  t.equal(config.app_provisioning_lease_ms, 300_000);
  t.equal(config.app_delete_drain_ms, 10_000);
  const env = load({
    ROCKET_DB_MAX_CONNECTIONS: '40', ROCKET_DB_IDLE_MS: '5000', ROCKET_DB_IDLE_SWEEP_MS: '1000',
    ROCKET_APP_PROVISIONING_LEASE_MS: '60000', ROCKET_APP_DELETE_DRAIN_MS: '0',
  });
  t.match(env.config, { database: { max_connections: 40, idle_ms: 5000, idle_sweep_ms: 1000 }, app_provisioning_lease_ms: 60_000, app_delete_drain_ms: 0 });
  const tooSmall = t.throws(() => load({ DATABASE_URL: 'postgres://u:p@db/rocket', ROCKET_DB_MAX_CONNECTIONS: '11' })) as unknown as ConfigError;
  t.match(tooSmall.message, /database\.max_connections \(11\) must be at least database\.pool_size \+ 2 \(12\)/);
  t.equal(load({ ROCKET_DB_MAX_CONNECTIONS: '3' }).config.database.max_connections, 3, 'SQLite: only a limit of open app files');
});

t.test('ai: unset by default with a 120 s deadline; ROCKET_AI_* set it', async (t) => {
  t.strictSame(load({}).config.ai, { timeout_ms: 120_000 });
  const env = load({ ROCKET_AI_BASE_URL: 'https://api.example.net/v1', ROCKET_AI_API_KEY: 'sk-x', ROCKET_AI_MODEL: 'm', ROCKET_AI_TIMEOUT_MS: '5000' });
  t.strictSame(env.config.ai, { base_url: 'https://api.example.net/v1', api_key: 'sk-x', model: 'm', timeout_ms: 5000 });
  const err = t.throws(() => load({ ROCKET_AI_TIMEOUT_MS: '0' })) as unknown as ConfigError;
  t.match(err.message, /ai\.timeout_ms must be >= 1/);
});

t.test('webhooks.allow_private_networks: on in development, off in production, settable', async (t) => {
  const prod = { NODE_ENV: 'production', ROCKET_PLATFORM_JWT_SECRET: 'x'.repeat(40) };
  t.equal(load({}).config.webhooks.allow_private_networks, true, 'development: a local receiver works');
  t.equal(load(prod).config.webhooks.allow_private_networks, false, 'production: only public addresses');
  t.equal(load({ ...prod, ROCKET_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true' }).config.webhooks.allow_private_networks, true);
  t.equal(load({ ROCKET_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'false' }).config.webhooks.allow_private_networks, false);
  t.equal(loadConfig({}, { env: 'production', platform_jwt_secret: 'y'.repeat(40) }, { readFile: false }).config.webhooks.allow_private_networks,
    false, 'the production default follows a plugin-option env too');
  t.equal(loadConfig({}, { webhooks: { allow_private_networks: false } }, { readFile: false }).config.webhooks.allow_private_networks, false, 'plugin option');
  const err = t.throws(() => load({ ROCKET_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'maybe' })) as unknown as ConfigError;
  t.match(err.message, /ROCKET_WEBHOOKS_ALLOW_PRIVATE_NETWORKS must be true or false \(got "maybe"\)/);
  const bad = t.throws(() => loadConfig({}, { webhooks: { allow_private_networks: 'yes' as unknown as boolean } }, { readFile: false })) as unknown as ConfigError;
  t.match(bad.message, /webhooks\.allow_private_networks must be boolean/);
});

t.test('storage: local by default, s3 from ROCKET_STORAGE_* (credentials never configured here)', async (t) => {
  t.match(load({}).config.storage, { driver: 'local', local_path: './uploads', max_file_size: 10 * 1024 * 1024 });
  t.notOk('s3' in load({}).config.storage, 'no s3 section unless given');
  const s3 = load({
    ROCKET_STORAGE_DRIVER: 's3', ROCKET_STORAGE_S3_BUCKET: 'uploads', ROCKET_STORAGE_S3_REGION: 'eu-west-1',
    ROCKET_STORAGE_S3_ENDPOINT: 'http://minio:9000', ROCKET_STORAGE_S3_FORCE_PATH_STYLE: 'true', ROCKET_STORAGE_S3_PREFIX: 'rocket/',
  }).config.storage;
  t.same(s3, {
    driver: 's3', local_path: './uploads', max_file_size: 10 * 1024 * 1024,
    s3: { bucket: 'uploads', region: 'eu-west-1', endpoint: 'http://minio:9000', force_path_style: true, prefix: 'rocket/' },
  });
  const noBucket = t.throws(() => load({ ROCKET_STORAGE_DRIVER: 's3' })) as unknown as ConfigError;
  t.match(noBucket.message, /storage\.s3\.bucket \(ROCKET_STORAGE_S3_BUCKET\) is required when storage\.driver is s3/);
  const bad = t.throws(() => load({ ROCKET_STORAGE_DRIVER: 'ftp', ROCKET_STORAGE_S3_ENDPOINT: 'minio:9000' })) as unknown as ConfigError;
  t.match(bad.message, /storage\.driver must be equal to one of the allowed values: local, s3/);
  t.match(bad.message, /storage\.s3\.endpoint must match pattern/);
  const unknown = t.throws(() => loadConfig({}, { storage: { s3: { bucket: 'b', access_key_id: 'x' } as never } }, { readFile: false })) as unknown as ConfigError;
  t.match(unknown.message, /storage\.s3 must NOT have additional properties/, 'credentials are not a configuration key');
});
