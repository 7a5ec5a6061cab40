// Configuration loading, validation messages and the production guards (platform-and-apps.md §5.11, §11).
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, type DeepPartial } from '../../config/load.js';
import type { RocketConfig } from '../../config/schema.js';

const load = (env: NodeJS.ProcessEnv) => loadConfig(env, {}, { readFile: false });

/** The problems a configuration with these overrides is refused for ([] when it loads). */
function problems(overrides: DeepPartial<RocketConfig>): string[] {
  try {
    loadConfig({}, overrides, { readFile: false });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

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

// config/schema.ts defines the configuration once (TypeBox): RocketConfig is the schema's static type.
t.test('schema and type agree: a full RocketConfig is accepted as is, keys the type lacks are refused per section', async (t) => {
  // Every key, optional ones included (the type checks the literal; the schema must accept all of it).
  const full: RocketConfig = {
    env: 'development',
    server: { port: 8081, host: '127.0.0.1', trust_proxy: true, body_limit: 1024, import_body_limit: 2048 },
    database: {
      driver: 'postgres', url: 'postgresql://u:p@db:5432/x', host: 'db', port: 5433, user: 'u', password: 'p', name: 'rocket_x',
      pool_size: 3, data_dir: './d', max_connections: 20, idle_ms: 0, idle_sweep_ms: 500,
    },
    app_pool_size: 2, app_pool_pipeline: 3, app_provisioning_lease_ms: 1000, app_delete_drain_ms: 0, platform_jwt_secret: 's'.repeat(40),
    platform_admin: { email: 'p@x.test', password: 'pw' }, app_admin: { email: 'a@x.test', password: 'pw' },
    storage: {
      driver: 's3', local_path: './u', max_file_size: 10,
      s3: { bucket: 'b', region: 'eu-west-1', endpoint: 'https://s3.example', force_path_style: true, prefix: 'p/' },
    },
    cors: { origins: ['https://a.example'] },
    instrumentation: { enabled: false, sampling_rate: 0.5, buffer_size: 1, flush_interval_ms: 1, retention_days: -1, db_queries: true, otlp_endpoint: 'http://otel:4318' },
    audit: { enabled: false, default: false, retention_days: 3, mask_patterns: ['pin'] },
    rate_limit: { enabled: true, max: 1, window_ms: 1, auth_max: 1 },
    ai: { base_url: 'https://ai.example/v1', api_key: 'k', model: 'm', timeout_ms: 1 },
    webhooks: { allow_private_networks: false, retry_interval_ms: 1, retry_base_ms: 1, concurrency: 1, app_concurrency: 1, queue_size: 1, pending_lease_ms: 1 },
    effects: { recovery_delay_ms: 0, interval_ms: 1 },
    workflows: { timeout_interval_ms: 1 },
    metrics: { enabled: true, token: 't' },
    log_level: 'debug', log_access: true, log_slow_ms: 0,
  };
  t.strictSame(loadConfig({}, full, { readFile: false }).config, full);

  // A key the type does not know is refused where the section is strict, and kept where it is open.
  const extra = (section: string) => ({ [section]: { not_a_key: 1 } }) as DeepPartial<RocketConfig>;
  for (const section of ['server', 'database', 'platform_admin', 'app_admin', 'storage', 'instrumentation', 'audit', 'webhooks', 'effects', 'workflows', 'metrics']) {
    t.strictSame(problems(extra(section)), [`${section} must NOT have additional properties`], `${section} is strict`);
  }
  for (const section of ['cors', 'rate_limit', 'ai']) t.strictSame(problems(extra(section)), [], `${section} is open`);
  t.strictSame(problems({ not_a_key: 1 } as DeepPartial<RocketConfig>), [], 'the root is open');
  t.strictSame(problems({ storage: { s3: { region: 'eu' } } as never }), [],
    'storage.s3.bucket is required only with the s3 driver (a check of config/load.ts, not of the schema)');
});

t.test('one bad value per section is refused with the message it always had', async (t) => {
  const cases: Array<[Record<string, unknown>, string[]]> = [
    [{ env: 'staging' }, ['env must be equal to one of the allowed values: development, production']],
    [{ server: { port: 70_000, host: '' } }, ['server.port must be <= 65535', 'server.host must NOT have fewer than 1 characters']],
    [{ server: null }, ['server must be object']],
    [{ database: { driver: 'mysql', url: 'mysql://db', name: '1x', idle_ms: -1 } }, [
      'database.driver must be equal to one of the allowed values: postgres, sqlite', 'database.url must match pattern "^postgres(ql)?://"',
      'database.name must match pattern "^[A-Za-z_][A-Za-z0-9_]{0,62}$"', 'database.idle_ms must be >= 0',
    ]],
    [{ app_pool_size: 0, app_delete_drain_ms: -1, platform_jwt_secret: 5 }, ['app_pool_size must be >= 1', 'app_delete_drain_ms must be >= 0', 'platform_jwt_secret must be string']],
    [{ platform_admin: { email: 'a' }, app_admin: { password: 1 } }, ['platform_admin.email must NOT have fewer than 3 characters', 'app_admin.password must be string']],
    [{ storage: { driver: 'ftp', max_file_size: 0, s3: { bucket: '', force_path_style: 'y' } } }, [
      'storage.driver must be equal to one of the allowed values: local, s3', 'storage.max_file_size must be >= 1',
      'storage.s3.bucket must NOT have fewer than 1 characters', 'storage.s3.force_path_style must be boolean',
    ]],
    [{ cors: { origins: [''] } }, ['cors.origins.0 must NOT have fewer than 1 characters']],
    [{ instrumentation: { sampling_rate: 'all', retention_days: 1.5, otlp_endpoint: 'otel:4318' } }, [
      'instrumentation.sampling_rate must be number', 'instrumentation.retention_days must be integer', 'instrumentation.otlp_endpoint must match pattern "^https?://"',
    ]],
    [{ audit: { retention_days: -1, mask_patterns: 'password' } }, ['audit.retention_days must be >= 0', 'audit.mask_patterns must be array']],
    [{ rate_limit: { enabled: 'on', max: 0 } }, ['rate_limit.enabled must be boolean', 'rate_limit.max must be >= 1']],
    [{ ai: { model: 1, timeout_ms: 0 } }, ['ai.model must be string', 'ai.timeout_ms must be >= 1']],
    [{ webhooks: { queue_size: 0 } }, ['webhooks.queue_size must be >= 1']],
    [{ effects: { recovery_delay_ms: -1 } }, ['effects.recovery_delay_ms must be >= 0']],
    [{ workflows: { timeout_interval_ms: 0 } }, ['workflows.timeout_interval_ms must be >= 1']],
    [{ metrics: { enabled: 1, token: '' } }, ['metrics.enabled must be boolean', 'metrics.token must NOT have fewer than 1 characters']],
    [{ log_level: 'loud', log_access: 'yes', log_slow_ms: -1 }, [
      'log_level must be equal to one of the allowed values: fatal, error, warn, info, debug, trace, silent', 'log_access must be boolean', 'log_slow_ms must be >= 0',
    ]],
  ];
  for (const [overrides, expected] of cases) t.strictSame(problems(overrides as DeepPartial<RocketConfig>), expected, Object.keys(overrides).join(', '));
  t.strictSame(problems({ server: { port: 8081 }, metrics: {} }), [], 'a partial section is completed by the defaults, not refused');
});
