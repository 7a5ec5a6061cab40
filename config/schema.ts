// The configuration contract (spec/platform-and-apps.md §11): its TypeScript shape and the JSON
// Schema every loaded configuration is validated against at start-up.

export interface RocketConfig {
  env: 'development' | 'production';
  /** `import_body_limit`: max JSON body of `POST /_admin/import` (a document with its sample data). */
  server: { port: number; host: string; trust_proxy: boolean; body_limit: number; import_body_limit: number };
  database: {
    driver: 'postgres' | 'sqlite';
    url?: string;
    host: string;
    port: number;
    user: string;
    password: string;
    name: string;
    pool_size: number;
    data_dir: string;
    /** Hard ceiling on this instance's PostgreSQL connections: management pool + listener + app
     * connections (addition, see README "Connections"); on SQLite, open app database files. */
    max_connections: number;
    /** An app connection (PostgreSQL) or app database handle (SQLite) unused this long closes. */
    idle_ms: number;
    /** How often the idle sweep runs. */
    idle_sweep_ms: number;
  };
  /** Most connections one app database opens (its pool grows to this under load). */
  app_pool_size: number;
  /** An app still `provisioning` (or `deleting`) this long after its last update is rolled back
   * (a crashed create or delete, platform-and-apps.md §4.2). */
  app_provisioning_lease_ms: number;
  /** How long a delete waits for other instances to close their connections to the app database
   * before it drops it WITH (FORCE). */
  app_delete_drain_ms: number;
  platform_jwt_secret?: string;
  platform_admin: { email: string; password?: string };
  app_admin: { email: string; password?: string };
  storage: {
    /** Where uploaded blobs go (core/files/storage.ts): `local` (default) or any S3-compatible store. */
    driver: 'local' | 's3';
    local_path: string;
    max_file_size: number;
    /** The `s3` driver's store; credentials come from the AWS SDK's default chain (environment,
     * shared profile, instance role), never from this configuration. */
    s3?: { bucket: string; region?: string; endpoint?: string; force_path_style?: boolean; prefix?: string };
  };
  cors: { origins?: string[] };
  /** Tracing and the events log (observability-and-audit.md §A6; core/tracing/). */
  instrumentation: {
    /** Master switch of system spans and event retention; the events API and business events work either way. */
    enabled: boolean;
    /** Share of requests whose spans are recorded, 0–1 (clamped when loaded). */
    sampling_rate: number;
    /** Events per app buffered before a flush. */
    buffer_size: number;
    /** Longest time an event waits in the buffer. */
    flush_interval_ms: number;
    /** Events older than this many days are deleted hourly; 0 or less keeps them. */
    retention_days: number;
    /** Record a `query.execute` span per SQL statement (costly; off by default). */
    db_queries: boolean;
    /** OTLP/HTTP collector (e.g. http://localhost:4318): spans are exported there too. Unset: no export. */
    otlp_endpoint?: string;
  };
  /** The audit log (observability-and-audit.md §B5, §B8). */
  audit: {
    /** Global switch: when false nothing is written (the read API keeps working). */
    enabled: boolean;
    /** Audit entities whose definition has no `audit` key. */
    default: boolean;
    /** Entries older than this many days are deleted daily; 0 keeps them forever. */
    retention_days: number;
    /** Field names containing one of these (case-insensitive) are masked. */
    mask_patterns: string[];
  };
  rate_limit: {
    enabled: boolean;
    max: number;
    window_ms: number;
    /** Budget per window of each auth endpoint (login, refresh, accept-invite, platform login). */
    auth_max: number;
  };
  /** The AI schema generator (schema-io.md §4): configured when base_url, api_key and model are all set. */
  ai: {
    base_url?: string;
    api_key?: string;
    model?: string;
    /** Deadline of one provider call: connect, headers and the whole completion (spec: 120 s). */
    timeout_ms: number;
  };
  webhooks: {
    /** May outbound deliveries connect to loopback, private, link-local and other non-public
     * addresses (core/outbound/address-policy.ts)? Default true in development, false in production. */
    allow_private_networks: boolean;
    /** How often the retry scheduler looks for due deliveries (webhooks-and-files.md §A8). */
    retry_interval_ms: number;
    /** Base of the retry backoff: exponential base × 2^(n−1), linear base × n, capped at 1 h. */
    retry_base_ms: number;
    /** Asynchronous deliveries in flight across all apps. */
    concurrency: number;
    /** Asynchronous deliveries in flight for one app. */
    app_concurrency: number;
    /** Deliveries waiting in memory; beyond it they wait in `_webhook_logs` for the scheduler. */
    queue_size: number;
    /** How long a pending or claimed delivery belongs to its writer or claimer (spec: 2 minutes). */
    pending_lease_ms: number;
  };
  effects: {
    /** How long after COMMIT an unfinished post-commit effect counts as abandoned by its writer. */
    recovery_delay_ms: number;
    /** How often the effects job looks for abandoned effects. */
    interval_ms: number;
  };
  workflows: {
    /** How often the timeout scheduler looks for expired approval deadlines (logic.md §4.9: 60 s). */
    timeout_interval_ms: number;
  };
  /** Prometheus metrics at GET /metrics (beyond the spec; plugins/metrics.ts). */
  metrics: {
    enabled: boolean;
    /** When set, a scrape must send `Authorization: Bearer <token>`. */
    token?: string;
  };
  log_level: string;
  /** One info line per request (method, url, status, ms), written asynchronously; off by default. */
  log_access: boolean;
  /** A request slower than this is logged as a warning (0: never). */
  log_slow_ms: number;
}

const positiveInt = { type: 'integer', minimum: 1 } as const;
const str = { type: 'string' } as const;

export const configSchema = {
  type: 'object',
  additionalProperties: true,
  required: ['env', 'server', 'database', 'app_pool_size', 'platform_admin', 'app_admin', 'storage'],
  properties: {
    env: { enum: ['development', 'production'] },
    server: {
      type: 'object',
      additionalProperties: false,
      properties: {
        port: { type: 'integer', minimum: 0, maximum: 65535 },
        host: { type: 'string', minLength: 1 },
        trust_proxy: { type: 'boolean' },
        body_limit: positiveInt,
        import_body_limit: positiveInt,
      },
    },
    database: {
      type: 'object',
      additionalProperties: false,
      properties: {
        driver: { enum: ['postgres', 'sqlite'] },
        url: { type: 'string', pattern: '^postgres(ql)?://' },
        host: { type: 'string', minLength: 1 },
        port: { type: 'integer', minimum: 1, maximum: 65535 },
        user: str,
        password: str,
        name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]{0,62}$' },
        pool_size: positiveInt,
        data_dir: { type: 'string', minLength: 1 },
        max_connections: positiveInt,
        idle_ms: { type: 'integer', minimum: 0 },
        idle_sweep_ms: positiveInt,
      },
    },
    app_pool_size: positiveInt,
    app_provisioning_lease_ms: positiveInt,
    app_delete_drain_ms: { type: 'integer', minimum: 0 },
    platform_jwt_secret: str,
    platform_admin: {
      type: 'object',
      additionalProperties: false,
      properties: { email: { type: 'string', minLength: 3 }, password: str },
    },
    app_admin: {
      type: 'object',
      additionalProperties: false,
      properties: { email: { type: 'string', minLength: 3 }, password: str },
    },
    storage: {
      type: 'object',
      additionalProperties: false,
      properties: {
        driver: { enum: ['local', 's3'] },
        local_path: { type: 'string', minLength: 1 },
        max_file_size: positiveInt,
        s3: {
          type: 'object',
          additionalProperties: false,
          properties: {
            bucket: { type: 'string', minLength: 1 },
            region: { type: 'string', minLength: 1 },
            endpoint: { type: 'string', pattern: '^https?://' },
            force_path_style: { type: 'boolean' },
            prefix: str,
          },
        },
      },
    },
    cors: {
      type: 'object',
      properties: { origins: { type: 'array', items: { type: 'string', minLength: 1 } } },
    },
    instrumentation: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' }, sampling_rate: { type: 'number' }, buffer_size: positiveInt, flush_interval_ms: positiveInt,
        retention_days: { type: 'integer' }, db_queries: { type: 'boolean' }, otlp_endpoint: { type: 'string', pattern: '^https?://' },
      },
    },
    audit: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' }, default: { type: 'boolean' }, retention_days: { type: 'integer', minimum: 0 },
        mask_patterns: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
    },
    rate_limit: {
      type: 'object',
      properties: { enabled: { type: 'boolean' }, max: positiveInt, window_ms: positiveInt, auth_max: positiveInt },
    },
    ai: { type: 'object', properties: { base_url: str, api_key: str, model: str, timeout_ms: positiveInt } },
    webhooks: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allow_private_networks: { type: 'boolean' }, retry_interval_ms: positiveInt, retry_base_ms: positiveInt,
        concurrency: positiveInt, app_concurrency: positiveInt, queue_size: positiveInt, pending_lease_ms: positiveInt,
      },
    },
    effects: {
      type: 'object',
      additionalProperties: false,
      properties: { recovery_delay_ms: { type: 'integer', minimum: 0 }, interval_ms: positiveInt },
    },
    workflows: {
      type: 'object',
      additionalProperties: false,
      properties: { timeout_interval_ms: positiveInt },
    },
    metrics: {
      type: 'object',
      additionalProperties: false,
      properties: { enabled: { type: 'boolean' }, token: { type: 'string', minLength: 1 } },
    },
    log_level: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] },
    log_access: { type: 'boolean' },
    log_slow_ms: { type: 'integer', minimum: 0 },
  },
} as const;
