// Loads the configuration: built-in defaults < optional YAML file (app.yaml or $ROCKET_CONFIG) <
// environment variables < programmatic overrides (plugin options), then validates it against the
// JSON Schema and applies the production guards of spec/platform-and-apps.md §5.11.
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { configSchema, type RocketConfig } from './schema.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

export interface LoadedConfig {
  config: RocketConfig;
  /** Things the operator should know about, logged once at start. */
  warnings: string[];
}

const KNOWN_DEFAULT_SECRETS = new Set(['changeme', 'changeme-secret', 'changeme-platform-secret', 'secret']);

/** Environment variable → config path and how to convert its text. */
const ENV_MAP: Array<[string, string, 'string' | 'int' | 'number' | 'bool' | 'list']> = [
  ['PORT', 'server.port', 'int'],
  ['HOST', 'server.host', 'string'],
  ['ROCKET_TRUST_PROXY', 'server.trust_proxy', 'bool'],
  ['ROCKET_BODY_LIMIT', 'server.body_limit', 'int'],
  ['ROCKET_IMPORT_BODY_LIMIT', 'server.import_body_limit', 'int'],
  ['ROCKET_DB_DRIVER', 'database.driver', 'string'],
  ['DATABASE_URL', 'database.url', 'string'],
  // The name an embedded Rocket reads (it ignores a host's DATABASE_URL); wins over DATABASE_URL.
  ['ROCKET_DATABASE_URL', 'database.url', 'string'],
  ['ROCKET_DB_HOST', 'database.host', 'string'],
  ['ROCKET_DB_PORT', 'database.port', 'int'],
  ['ROCKET_DB_USER', 'database.user', 'string'],
  ['ROCKET_DB_PASSWORD', 'database.password', 'string'],
  ['ROCKET_DB_NAME', 'database.name', 'string'],
  ['ROCKET_DB_POOL_SIZE', 'database.pool_size', 'int'],
  ['ROCKET_DB_MAX_CONNECTIONS', 'database.max_connections', 'int'],
  ['ROCKET_DB_IDLE_MS', 'database.idle_ms', 'int'],
  ['ROCKET_DB_IDLE_SWEEP_MS', 'database.idle_sweep_ms', 'int'],
  ['ROCKET_DATA_DIR', 'database.data_dir', 'string'],
  ['ROCKET_APP_POOL_SIZE', 'app_pool_size', 'int'],
  ['ROCKET_APP_POOL_PIPELINE', 'app_pool_pipeline', 'int'],
  ['ROCKET_APP_PROVISIONING_LEASE_MS', 'app_provisioning_lease_ms', 'int'],
  ['ROCKET_APP_DELETE_DRAIN_MS', 'app_delete_drain_ms', 'int'],
  ['ROCKET_PLATFORM_JWT_SECRET', 'platform_jwt_secret', 'string'],
  ['ROCKET_PLATFORM_ADMIN_EMAIL', 'platform_admin.email', 'string'],
  ['ROCKET_PLATFORM_ADMIN_PASSWORD', 'platform_admin.password', 'string'],
  ['ROCKET_APP_ADMIN_EMAIL', 'app_admin.email', 'string'],
  ['ROCKET_APP_ADMIN_PASSWORD', 'app_admin.password', 'string'],
  ['ROCKET_STORAGE_PATH', 'storage.local_path', 'string'],
  ['ROCKET_MAX_FILE_SIZE', 'storage.max_file_size', 'int'],
  ['ROCKET_STORAGE_DRIVER', 'storage.driver', 'string'],
  ['ROCKET_STORAGE_S3_BUCKET', 'storage.s3.bucket', 'string'],
  ['ROCKET_STORAGE_S3_REGION', 'storage.s3.region', 'string'],
  ['ROCKET_STORAGE_S3_ENDPOINT', 'storage.s3.endpoint', 'string'],
  ['ROCKET_STORAGE_S3_FORCE_PATH_STYLE', 'storage.s3.force_path_style', 'bool'],
  ['ROCKET_STORAGE_S3_PREFIX', 'storage.s3.prefix', 'string'],
  ['ROCKET_CORS_ORIGINS', 'cors.origins', 'list'],
  ['ROCKET_RATE_LIMIT_ENABLED', 'rate_limit.enabled', 'bool'],
  ['ROCKET_RATE_LIMIT_MAX', 'rate_limit.max', 'int'],
  ['ROCKET_RATE_LIMIT_WINDOW_MS', 'rate_limit.window_ms', 'int'],
  ['ROCKET_RATE_LIMIT_AUTH_MAX', 'rate_limit.auth_max', 'int'],
  ['ROCKET_AI_BASE_URL', 'ai.base_url', 'string'],
  ['ROCKET_AI_API_KEY', 'ai.api_key', 'string'],
  ['ROCKET_AI_MODEL', 'ai.model', 'string'],
  ['ROCKET_AI_TIMEOUT_MS', 'ai.timeout_ms', 'int'],
  ['ROCKET_WEBHOOKS_ALLOW_PRIVATE_NETWORKS', 'webhooks.allow_private_networks', 'bool'],
  ['ROCKET_WEBHOOKS_RETRY_INTERVAL_MS', 'webhooks.retry_interval_ms', 'int'],
  ['ROCKET_WEBHOOKS_RETRY_BASE_MS', 'webhooks.retry_base_ms', 'int'],
  ['ROCKET_WEBHOOKS_CONCURRENCY', 'webhooks.concurrency', 'int'],
  ['ROCKET_WEBHOOKS_APP_CONCURRENCY', 'webhooks.app_concurrency', 'int'],
  ['ROCKET_WEBHOOKS_QUEUE_SIZE', 'webhooks.queue_size', 'int'],
  ['ROCKET_WEBHOOKS_PENDING_LEASE_MS', 'webhooks.pending_lease_ms', 'int'],
  ['ROCKET_EFFECTS_RECOVERY_DELAY_MS', 'effects.recovery_delay_ms', 'int'],
  ['ROCKET_EFFECTS_INTERVAL_MS', 'effects.interval_ms', 'int'],
  ['ROCKET_WORKFLOWS_TIMEOUT_INTERVAL_MS', 'workflows.timeout_interval_ms', 'int'],
  ['ROCKET_METRICS_ENABLED', 'metrics.enabled', 'bool'],
  ['ROCKET_METRICS_TOKEN', 'metrics.token', 'string'],
  ['ROCKET_AUDIT_ENABLED', 'audit.enabled', 'bool'],
  ['ROCKET_AUDIT_DEFAULT', 'audit.default', 'bool'],
  ['ROCKET_AUDIT_RETENTION_DAYS', 'audit.retention_days', 'int'],
  ['ROCKET_AUDIT_MASK_PATTERNS', 'audit.mask_patterns', 'list'],
  ['ROCKET_INSTRUMENTATION_ENABLED', 'instrumentation.enabled', 'bool'],
  ['ROCKET_INSTRUMENTATION_SAMPLING_RATE', 'instrumentation.sampling_rate', 'number'],
  ['ROCKET_INSTRUMENTATION_BUFFER_SIZE', 'instrumentation.buffer_size', 'int'],
  ['ROCKET_INSTRUMENTATION_FLUSH_INTERVAL_MS', 'instrumentation.flush_interval_ms', 'int'],
  ['ROCKET_INSTRUMENTATION_RETENTION_DAYS', 'instrumentation.retention_days', 'number'],
  ['ROCKET_INSTRUMENTATION_DB_QUERIES', 'instrumentation.db_queries', 'bool'],
  ['ROCKET_INSTRUMENTATION_OTLP_ENDPOINT', 'instrumentation.otlp_endpoint', 'string'],
  ['ROCKET_LOG_LEVEL', 'log_level', 'string'],
  ['ROCKET_LOG_ACCESS', 'log_access', 'bool'],
  ['ROCKET_LOG_SLOW_MS', 'log_slow_ms', 'int'],
];

function defaults(env: 'development' | 'production'): Record<string, unknown> {
  return {
    env,
    server: { port: 8080, host: '0.0.0.0', trust_proxy: false, body_limit: 10 * 1024 * 1024, import_body_limit: 64 * 1024 * 1024 },
    database: {
      host: 'localhost', port: 5432, user: 'rocket', password: 'rocket', name: 'rocket',
      // 90 of a stock PostgreSQL's 100 (README "Connections"): 10 management + 1 listener + 79 app.
      pool_size: 10, data_dir: './data', max_connections: 90, idle_ms: 30_000, idle_sweep_ms: 10_000,
    },
    app_pool_size: 10,
    app_pool_pipeline: 4,
    app_provisioning_lease_ms: 5 * 60_000,
    app_delete_drain_ms: 10_000,
    platform_admin: { email: 'platform@localhost' },
    app_admin: { email: 'admin@localhost' },
    storage: { driver: 'local', local_path: './uploads', max_file_size: 10 * 1024 * 1024 },
    cors: {},
    // §A6. Spans are buffered per app and written in batches off the request path (core/tracing/).
    instrumentation: { enabled: true, sampling_rate: 1, buffer_size: 500, flush_interval_ms: 100, retention_days: 7, db_queries: false },
    audit: { enabled: true, default: true, retention_days: 0, mask_patterns: ['password', 'secret', 'token', 'api_key'] },
    rate_limit: { enabled: false, max: 600, window_ms: 60_000, auth_max: 20 },
    // schema-io.md §4: a provider call gives up after 120 s.
    ai: { timeout_ms: 120_000 },
    // A developer's receiver usually runs on localhost; in production a webhook URL must not reach
    // the server's own network (loopback services, cloud metadata, internal hosts).
    webhooks: {
      allow_private_networks: env === 'development',
      // §A8: the scheduler's tick and the backoff base (30 s, doubling or linear, capped at 1 h).
      retry_interval_ms: 30_000, retry_base_ms: 30_000,
      // Deliveries in flight overall and per app, and waiting in memory (beyond: the scheduler).
      concurrency: 64, app_concurrency: 8, queue_size: 10_000,
      // §A3.2: a delivery stays with its writer (or claimer) this long before the scheduler takes it.
      pending_lease_ms: 120_000,
    },
    // Post-commit effects (core/effects/): the writer finishes them at once; one still unfinished a
    // minute after COMMIT (its process died) is taken over by the effects job.
    effects: { recovery_delay_ms: 60_000, interval_ms: 10_000 },
    // logic.md §4.9: approval deadlines are checked every minute and once at start.
    workflows: { timeout_interval_ms: 60_000 },
    // Off by default: a scrape endpoint is opened on purpose (and better behind a token).
    metrics: { enabled: false },
    log_level: 'info',
    log_access: false,
    log_slow_ms: 1000,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    if (isObject(value) && isObject(target[key])) deepMerge(target[key] as Record<string, unknown>, value);
    else target[key] = value;
  }
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = obj;
  for (const part of parts.slice(0, -1)) {
    if (!isObject(cur[part])) cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}

function convertEnv(name: string, text: string, kind: string, problems: string[]): unknown {
  if (kind === 'int') {
    if (!/^\d+$/.test(text.trim())) problems.push(`${name} must be a whole number (got "${text}")`);
    return Number(text.trim());
  }
  if (kind === 'number') {
    // Any decimal, signed (a sampling rate of 0.25, a retention of -1 days).
    if (!/^-?\d+(\.\d+)?$/.test(text.trim())) problems.push(`${name} must be a number (got "${text}")`);
    return Number(text.trim());
  }
  if (kind === 'bool') {
    const t = text.trim().toLowerCase();
    if (['true', '1', 'yes'].includes(t)) return true;
    if (['false', '0', 'no', ''].includes(t)) return false;
    problems.push(`${name} must be true or false (got "${text}")`);
    return false;
  }
  if (kind === 'list') return text.split(',').map((s) => s.trim()).filter(Boolean);
  return text;
}

function readConfigFile(env: NodeJS.ProcessEnv, problems: string[]): Record<string, unknown> {
  const path = env.ROCKET_CONFIG ?? 'app.yaml';
  if (!existsSync(path)) {
    if (env.ROCKET_CONFIG) problems.push(`ROCKET_CONFIG points to a missing file: ${path}`);
    return {};
  }
  try {
    const parsed = parseYaml(readFileSync(path, 'utf8')) ?? {};
    if (!isObject(parsed)) problems.push(`${path} must contain a YAML mapping`);
    return isObject(parsed) ? parsed : {};
  } catch (err) {
    problems.push(`${path} is not valid YAML: ${(err as Error).message}`);
    return {};
  }
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validateSchema = ajv.compile(configSchema);

/** Builds the effective configuration. Throws ConfigError listing every bad value. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: DeepPartial<RocketConfig> = {},
  options: { readFile?: boolean } = {},
): LoadedConfig {
  const problems: string[] = [];
  const warnings: string[] = [];
  const mode = (overrides.env ?? (env.NODE_ENV === 'production' ? 'production' : 'development')) as
    'development' | 'production';
  const merged = defaults(mode);
  if (options.readFile !== false) deepMerge(merged, readConfigFile(env, problems));
  for (const [name, path, kind] of ENV_MAP) {
    const text = env[name];
    if (text !== undefined && text !== '') setPath(merged, path, convertEnv(name, text, kind, problems));
  }
  deepMerge(merged, overrides as Record<string, unknown>);
  merged.env = mode;

  if ('jwt_secret' in merged) {
    warnings.push('The "jwt_secret" configuration key is ignored: every app has its own generated secret');
    delete merged.jwt_secret;
  }
  const db = merged.database as Record<string, unknown>;
  if (db.driver === undefined) db.driver = db.url ? 'postgres' : 'sqlite';

  if (!validateSchema(merged)) {
    for (const e of validateSchema.errors ?? []) {
      const where = e.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(root)';
      problems.push(`${where} ${e.message}${e.params && 'allowedValues' in e.params ? `: ${(e.params.allowedValues as unknown[]).join(', ')}` : ''}`);
    }
  }
  const config = merged as unknown as RocketConfig;
  // §A6: a sampling rate outside 0–1 is clamped, not refused.
  const rate = config.instrumentation?.sampling_rate;
  if (typeof rate === 'number') config.instrumentation.sampling_rate = Math.min(1, Math.max(0, rate));
  const pg = config.database;
  if (problems.length === 0 && pg.driver === 'postgres' && pg.max_connections < pg.pool_size + 2) {
    problems.push(`database.max_connections (${pg.max_connections}) must be at least database.pool_size + 2 `
      + `(${pg.pool_size + 2}): the management pool and the listening connection come out of it`);
  }
  if (problems.length === 0 && config.storage.driver === 's3' && !config.storage.s3?.bucket) {
    problems.push('storage.s3.bucket (ROCKET_STORAGE_S3_BUCKET) is required when storage.driver is s3');
  }
  applySecretGuards(config, problems, warnings);
  if (problems.length > 0) throw new ConfigError(problems);
  return { config, warnings };
}

/** §5.11: production refuses weak platform secrets; development generates a random one. */
function applySecretGuards(config: RocketConfig, problems: string[], warnings: string[]): void {
  const secret = config.platform_jwt_secret;
  if (config.env === 'production') {
    if (!secret) problems.push('ROCKET_PLATFORM_JWT_SECRET (platform_jwt_secret) must be set in production');
    else if (secret.length < 32) problems.push('ROCKET_PLATFORM_JWT_SECRET must be at least 32 characters in production');
    else if (KNOWN_DEFAULT_SECRETS.has(secret)) problems.push('ROCKET_PLATFORM_JWT_SECRET must not be a known default value in production');
    return;
  }
  if (!secret) {
    config.platform_jwt_secret = randomBytes(32).toString('hex');
    warnings.push('ROCKET_PLATFORM_JWT_SECRET is not set: using a random secret; platform tokens will not survive a restart');
  }
}
