// The configuration contract (spec/platform-and-apps.md §11): its TypeScript shape and the JSON
// Schema every loaded configuration is validated against at start-up.

export interface RocketConfig {
  env: 'development' | 'production';
  server: { port: number; host: string; trust_proxy: boolean; body_limit: number };
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
    /** Global connection budget over all open app pools (addition, see README). */
    max_connections: number;
  };
  app_pool_size: number;
  platform_jwt_secret?: string;
  platform_admin: { email: string; password?: string };
  app_admin: { email: string; password?: string };
  storage: { driver: 'local'; local_path: string; max_file_size: number };
  cors: { origins?: string[] };
  instrumentation: Record<string, unknown>;
  audit: Record<string, unknown>;
  rate_limit: {
    enabled: boolean;
    max: number;
    window_ms: number;
    /** Budget per window of each auth endpoint (login, refresh, accept-invite, platform login). */
    auth_max: number;
  };
  ai: { base_url?: string; api_key?: string; model?: string };
  log_level: string;
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
      },
    },
    app_pool_size: positiveInt,
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
        driver: { enum: ['local'] },
        local_path: { type: 'string', minLength: 1 },
        max_file_size: positiveInt,
      },
    },
    cors: {
      type: 'object',
      properties: { origins: { type: 'array', items: { type: 'string', minLength: 1 } } },
    },
    instrumentation: { type: 'object' },
    audit: { type: 'object' },
    rate_limit: {
      type: 'object',
      properties: { enabled: { type: 'boolean' }, max: positiveInt, window_ms: positiveInt, auth_max: positiveInt },
    },
    ai: { type: 'object', properties: { base_url: str, api_key: str, model: str } },
    log_level: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] },
  },
} as const;
