// The configuration contract (spec/platform-and-apps.md §11), written once: `configSchema` is a
// TypeBox schema, i.e. the JSON Schema every loaded configuration is validated against at start-up
// (config/load.ts, with Ajv), and `RocketConfig` is its static TypeScript type. Defaults, the
// environment mapping and the checks that span keys live in config/load.ts.
import { Type, type ObjectOptions, type Static, type TObject, type TProperties, type TUnsafe } from '@sinclair/typebox';

/**
 * An object of the configuration. Every key of a section has a default in `defaults(mode)` (or is
 * checked in config/load.ts), and the schema validates the merged configuration: the type requires
 * the keys the loaded configuration always has (those not wrapped in `Type.Optional`), while the
 * schema requires only `required` (none for a section), so a partial section is completed, not refused.
 */
function section<T extends TProperties>(properties: T, options: ObjectOptions = {}, required: string[] = []): TObject<T> {
  const { required: _typeRequired, ...schema } = Type.Object(properties, options);
  return (required.length > 0 ? { ...schema, required } : schema) as TObject<T>;
}

/** One of fixed strings (a JSON Schema `enum`, which Ajv reports as "must be equal to one of the allowed values"). */
function oneOf<const V extends readonly string[]>(values: V): TUnsafe<V[number]> {
  return Type.Unsafe<V[number]>({ enum: [...values] });
}

const positiveInt = () => Type.Integer({ minimum: 1 });
const nonNegativeInt = () => Type.Integer({ minimum: 0 });
const nonEmpty = () => Type.String({ minLength: 1 });
const httpUrl = () => Type.String({ pattern: '^https?://' });

const adminSchema = () => section(
  { email: Type.String({ minLength: 3 }), password: Type.Optional(Type.String()) },
  { additionalProperties: false },
);

export const configSchema = section({
  env: oneOf(['development', 'production']),
  server: section({
    port: Type.Integer({ minimum: 0, maximum: 65535 }),
    host: nonEmpty(),
    trust_proxy: Type.Boolean(),
    body_limit: positiveInt(),
    /** Max JSON body of `POST /_admin/import` (a document with its sample data). */
    import_body_limit: positiveInt(),
  }, { additionalProperties: false }),
  database: section({
    driver: oneOf(['postgres', 'sqlite']),
    url: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
    host: nonEmpty(),
    port: Type.Integer({ minimum: 1, maximum: 65535 }),
    user: Type.String(),
    password: Type.String(),
    name: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]{0,62}$' }),
    pool_size: positiveInt(),
    data_dir: nonEmpty(),
    /** Hard ceiling on this instance's PostgreSQL connections: management pool + listener + app
     * connections (addition, see README "Connections"); on SQLite, open app database files. */
    max_connections: positiveInt(),
    /** An app connection (PostgreSQL) or app database handle (SQLite) unused this long closes. */
    idle_ms: nonNegativeInt(),
    /** How often the idle sweep runs. */
    idle_sweep_ms: positiveInt(),
  }, { additionalProperties: false }),
  /** Most connections one app database opens (its pool grows to this under load). */
  app_pool_size: positiveInt(),
  /** Most single statements in flight on one app connection once its pool is at app_pool_size
   * (pipelined); 1 turns pipelining off. */
  app_pool_pipeline: positiveInt(),
  /** An app still `provisioning` (or `deleting`) this long after its last update is rolled back
   * (a crashed create or delete, platform-and-apps.md §4.2). */
  app_provisioning_lease_ms: positiveInt(),
  /** How long a delete waits for other instances to close their connections to the app database
   * before it drops it WITH (FORCE). */
  app_delete_drain_ms: nonNegativeInt(),
  platform_jwt_secret: Type.Optional(Type.String()),
  platform_admin: adminSchema(),
  app_admin: adminSchema(),
  storage: section({
    /** Where uploaded blobs go (core/files/storage.ts): `local` (default) or any S3-compatible store. */
    driver: oneOf(['local', 's3']),
    local_path: nonEmpty(),
    max_file_size: positiveInt(),
    /** The `s3` driver's store; credentials come from the AWS SDK's default chain (environment,
     * shared profile, instance role), never from this configuration. `bucket` is required only
     * when the driver is `s3` (checked in config/load.ts). */
    s3: Type.Optional(section({
      bucket: nonEmpty(),
      region: Type.Optional(nonEmpty()),
      endpoint: Type.Optional(httpUrl()),
      force_path_style: Type.Optional(Type.Boolean()),
      prefix: Type.Optional(Type.String()),
    }, { additionalProperties: false })),
  }, { additionalProperties: false }),
  cors: section({ origins: Type.Optional(Type.Array(nonEmpty())) }),
  /** Tracing and the events log (observability-and-audit.md §A6; core/tracing/). */
  instrumentation: section({
    /** Master switch of system spans and event retention; the events API and business events work either way. */
    enabled: Type.Boolean(),
    /** Share of requests whose spans are recorded, 0–1 (clamped when loaded). */
    sampling_rate: Type.Number(),
    /** Events per app buffered before a flush. */
    buffer_size: positiveInt(),
    /** Longest time an event waits in the buffer. */
    flush_interval_ms: positiveInt(),
    /** Events older than this many days are deleted hourly; 0 or less keeps them. */
    retention_days: Type.Integer(),
    /** Record a `query.execute` span per SQL statement (costly; off by default). */
    db_queries: Type.Boolean(),
    /** OTLP/HTTP collector (e.g. http://localhost:4318): spans are exported there too. Unset: no export. */
    otlp_endpoint: Type.Optional(httpUrl()),
  }, { additionalProperties: false }),
  /** The audit log (observability-and-audit.md §B5, §B8). */
  audit: section({
    /** Global switch: when false nothing is written (the read API keeps working). */
    enabled: Type.Boolean(),
    /** Audit entities whose definition has no `audit` key. */
    default: Type.Boolean(),
    /** Entries older than this many days are deleted daily; 0 keeps them forever. */
    retention_days: nonNegativeInt(),
    /** Field names containing one of these (case-insensitive) are masked. */
    mask_patterns: Type.Array(nonEmpty()),
  }, { additionalProperties: false }),
  rate_limit: section({
    enabled: Type.Boolean(),
    max: positiveInt(),
    window_ms: positiveInt(),
    /** Budget per window of each auth endpoint (login, refresh, accept-invite, platform login). */
    auth_max: positiveInt(),
  }),
  /** The AI schema generator (schema-io.md §4): configured when base_url, api_key and model are all set. */
  ai: section({
    base_url: Type.Optional(Type.String()),
    api_key: Type.Optional(Type.String()),
    model: Type.Optional(Type.String()),
    /** Deadline of one provider call: connect, headers and the whole completion (spec: 120 s). */
    timeout_ms: positiveInt(),
  }),
  webhooks: section({
    /** May outbound deliveries connect to loopback, private, link-local and other non-public
     * addresses (core/outbound/address-policy.ts)? Default true in development, false in production. */
    allow_private_networks: Type.Boolean(),
    /** How often the retry scheduler looks for due deliveries (webhooks-and-files.md §A8). */
    retry_interval_ms: positiveInt(),
    /** Base of the retry backoff: exponential base × 2^(n−1), linear base × n, capped at 1 h. */
    retry_base_ms: positiveInt(),
    /** Asynchronous deliveries in flight across all apps. */
    concurrency: positiveInt(),
    /** Asynchronous deliveries in flight for one app. */
    app_concurrency: positiveInt(),
    /** Deliveries waiting in memory; beyond it they wait in `_webhook_logs` for the scheduler. */
    queue_size: positiveInt(),
    /** How long a pending or claimed delivery belongs to its writer or claimer (spec: 2 minutes). */
    pending_lease_ms: positiveInt(),
  }, { additionalProperties: false }),
  effects: section({
    /** How long after COMMIT an unfinished post-commit effect counts as abandoned by its writer. */
    recovery_delay_ms: nonNegativeInt(),
    /** How often the effects job looks for abandoned effects. */
    interval_ms: positiveInt(),
  }, { additionalProperties: false }),
  workflows: section({
    /** How often the timeout scheduler looks for expired approval deadlines (logic.md §4.9: 60 s). */
    timeout_interval_ms: positiveInt(),
  }, { additionalProperties: false }),
  /** Prometheus metrics at GET /metrics (beyond the spec; plugins/metrics.ts). */
  metrics: section({
    enabled: Type.Boolean(),
    /** When set, a scrape must send `Authorization: Bearer <token>`. */
    token: Type.Optional(nonEmpty()),
  }, { additionalProperties: false }),
  // Typed `string` (what pino takes), validated against pino's level names.
  log_level: Type.Unsafe<string>({ enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] }),
  /** One info line per request (method, url, status, ms), written asynchronously; off by default. */
  log_access: Type.Boolean(),
  /** A request slower than this is logged as a warning (0: never). */
  log_slow_ms: nonNegativeInt(),
}, { additionalProperties: true }, ['env', 'server', 'database', 'app_pool_size', 'platform_admin', 'app_admin', 'storage']);

/** The loaded configuration (after defaults, environment variables and overrides; config/load.ts). */
export type RocketConfig = Static<typeof configSchema>;
