// The root Fastify plugin: what an embedding application registers (optionally under a prefix),
// and what server.ts runs standalone. It loads the configuration, starts the control plane and
// registers every route module in its own encapsulated context.
import { createRequire } from 'node:module';
import pino from 'pino';
import Fastify, { LogController, type FastifyInstance, type FastifyPluginAsync, type FastifyServerOptions } from 'fastify';
import cors from '@fastify/cors';
import { loadConfig, type DeepPartial, type LoadedConfig } from './config/load.js';
import type { RocketConfig } from './config/schema.js';
import errorsPlugin, { clientErrorHandler, frameworkErrors } from './plugins/errors.js';
import requestLogPlugin from './plugins/request-log.js';
import { MAX_ID_LENGTH } from './core/limits.js';
import { bodyValidatorCompiler } from './core/bodies/validate.js';
import platformPlugin from './plugins/platform.js';
import metadataPlugin from './plugins/metadata.js';
import effectsPlugin from './plugins/effects.js';
import webhooksPlugin from './plugins/webhooks.js';
import workflowsPlugin from './plugins/workflows.js';
import auditPlugin from './plugins/audit.js';
import tracingPlugin from './plugins/tracing.js';
import metricsPlugin from './plugins/metrics.js';
import idlePoolsPlugin from './plugins/idle-pools.js';
import healthRoutes from './routes/health.js';
import platformRoutes from './routes/platform/index.js';
import appRoutes from './routes/app/index.js';
import notFoundRoutes from './routes/not-found.js';
import type { Platform } from './core/platform/platform.js';
import { ensureApp, type ApplyOptions } from './core/schema-io/apply.js';
import type { HostAuthenticate } from './plugins/app-scope.js';
import './plugins/types.js';

export interface RocketOptions {
  /** Configuration overrides, applied over app.yaml and environment variables. */
  config?: DeepPartial<RocketConfig>;
  /** Environment to read variables from. Default: `process.env`, of which an embedded Rocket reads
   * only `ROCKET_*` and NODE_ENV (`embeddedEnv`); buildServer reads all of it. */
  env?: NodeJS.ProcessEnv;
  /** Read app.yaml / $ROCKET_CONFIG (default true). */
  readConfigFile?: boolean;
  /** An already loaded configuration (buildServer passes it so it is loaded once). */
  loaded?: LoadedConfig;
  /** Receives the started control plane (e.g. to expose it to the embedding application). */
  onPlatform?: (platform: Platform) => void;
  /**
   * Single-app mode (beyond the spec): Rocket serves one app at `/api/:entity` (and `/api/_admin`,
   * `/api/auth`, … — every app route without the `:app` segment) under the plugin's prefix, and no
   * `/api/_platform` routes. `authenticate` lets the host's own authentication supply the caller.
   */
  singleApp?: {
    name: string;
    /** Create the app at start when it does not exist (or these options of POST /api/_platform/apps). */
    create?: ApplyOptions['create'];
    /** The caller of a request as the host knows it ({id, roles}; `admin` in roles for admin routes),
     * or nothing, in which case Rocket's own app tokens are checked. */
    authenticate?: HostAuthenticate;
  };
}

export function resolveConfig(opts: RocketOptions, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  return opts.loaded ?? loadConfig(opts.env ?? env, opts.config ?? {}, { readFile: opts.readConfigFile });
}

/**
 * The environment an embedded Rocket reads unless given `env`: only `ROCKET_*` variables, and
 * NODE_ENV for the mode. A host's own DATABASE_URL, PORT or HOST are the host's: Rocket must not
 * take the host's database as its management store (use ROCKET_DATABASE_URL or `config`).
 */
export function embeddedEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const key of Object.keys(env)) if (key.startsWith('ROCKET_') || key === 'NODE_ENV') out[key] = env[key];
  return out;
}

/** The plugin, typed so a host's `register(rocket, {...})` checks its options and types its callbacks. */
const rocket: FastifyPluginAsync<RocketOptions> = async (fastify, opts) => {
  // buildServer (standalone) hands in the configuration it loaded from the whole environment.
  const loaded = resolveConfig(opts, embeddedEnv(process.env));
  const { config } = loaded;
  if (!opts.loaded) for (const warning of loaded.warnings) fastify.log.warn(warning);

  // Every answer names its request (issue 20 §3): the id the log lines carry as `reqId`, so a
  // client's report finds the server's lines. App routes also answer X-Trace-ID.
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  // Route schemas describe request bodies and answer with the spec's errors (core/bodies/).
  fastify.setValidatorCompiler(bodyValidatorCompiler);
  await fastify.register(errorsPlugin, { bodyLimit: config.server.body_limit });
  await fastify.register(requestLogPlugin, { access: config.log_access, slowMs: config.log_slow_ms });
  await fastify.register(cors, {
    origin: config.cors.origins ?? (config.env === 'production' ? false : true),
    methods: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Trace-ID', 'traceparent', 'If-None-Match', 'If-Match'],
    exposedHeaders: ['X-Trace-ID', 'traceparent', 'Content-Disposition', 'Content-Length', 'ETag', 'Location'],
    credentials: false,
    maxAge: 600,
    // An OPTIONS request without Origin / Access-Control-Request-Method is not a preflight; it gets
    // the plain 204 rather than the plugin's text/plain 400.
    strictPreflight: false,
  });
  await fastify.register(platformPlugin, { config });
  await fastify.register(metadataPlugin);
  await fastify.register(idlePoolsPlugin);
  await fastify.register(effectsPlugin);
  await fastify.register(webhooksPlugin);
  await fastify.register(workflowsPlugin);
  await fastify.register(auditPlugin);
  await fastify.register(tracingPlugin);
  await fastify.register(metricsPlugin);
  opts.onPlatform?.(fastify.rocket);
  await fastify.register(healthRoutes);
  const single = opts.singleApp;
  if (single) {
    await ensureApp(fastify.rocket, single.name, single.create);
    await fastify.register(appRoutes, { prefix: '/api', app: single.name, authenticate: single.authenticate });
    return;
  }
  await fastify.register(platformRoutes, { prefix: '/api/_platform' });
  await fastify.register(appRoutes, { prefix: '/api/:app' });
  await fastify.register(notFoundRoutes);
};
export default rocket;

/** Paths the logger never prints (platform-and-apps.md §11). */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization', 'headers.authorization', 'password', '*.password', 'new_password',
  '*.new_password', 'current_password', '*.current_password', 'admin_password', '*.admin_password',
  'refresh_token', '*.refresh_token', 'token', '*.token', 'password_hash', '*.password_hash', 'jwt_secret', '*.jwt_secret',
  'api_key', '*.api_key',
];

/**
 * The Fastify server options Rocket relies on, which a plugin cannot set on its host: the longest
 * path segment (every id that can be created can be addressed), and the envelope for errors raised
 * before routing (bad percent-encoding, over-long segments) and for malformed HTTP. buildServer
 * uses them; an embedding application may spread them into `Fastify({...})` (README, Embedding).
 * They apply to the whole server, so the host's own routes get the same answers.
 */
export const rocketServerOptions = {
  routerOptions: { maxParamLength: MAX_ID_LENGTH },
  frameworkErrors,
  clientErrorHandler,
} satisfies FastifyServerOptions;

/**
 * Shutdown with keep-alive clients: server.close() closes the connections idle at that moment, but
 * one whose request is still in flight becomes idle only after its response, and then stays open
 * for the keep-alive timeout, so close() (and every onClose hook after it) would wait for it.
 * While closing, idle connections are closed every 50 ms: close() finishes as soon as the last
 * in-flight request is answered. Fastify's `forceCloseConnections: 'idle'` does this only with a
 * serverFactory, and `true` would cut the in-flight requests off. Nothing runs before close().
 */
function closeIdleWhileClosing(fastify: FastifyInstance): void {
  fastify.addHook('preClose', (done) => {
    const server = fastify.server;
    if (typeof server.closeIdleConnections !== 'function') return done();
    const timer = setInterval(() => server.closeIdleConnections(), 50).unref();
    server.once('close', () => clearInterval(timer));
    done();
  });
}

function hasPrettyPrinter(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** A standalone Fastify server with Rocket registered at the root (used by server.ts and tests). */
export async function buildServer(
  opts: RocketOptions & { logger?: FastifyServerOptions['logger'] } = {},
): Promise<FastifyInstance> {
  const loaded = resolveConfig(opts);
  const { config } = loaded;
  const logger = opts.logger ?? {
    level: config.log_level,
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
    // Production writes JSON lines through an asynchronous buffered stdout (flushed on exit), so a
    // log line never blocks a request; development pretty-prints when pino-pretty (a development
    // dependency) is installed, and writes JSON lines otherwise (an install with --omit=dev).
    ...(config.env !== 'production' && hasPrettyPrinter()
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } }
      : { stream: pino.destination({ dest: 1, sync: config.env !== 'production' }) }),
  };
  const fastify = Fastify({
    logger,
    // plugins/request-log.ts logs requests instead (access lines on demand, slow requests).
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.server.trust_proxy,
    bodyLimit: config.server.body_limit,
    ...rocketServerOptions,
  });
  for (const warning of loaded.warnings) fastify.log.warn(warning);
  closeIdleWhileClosing(fastify);
  // The plugin is encapsulated; the outer instance gets the control plane as `rocket` too.
  await fastify.register(rocket, { ...opts, loaded, onPlatform: (platform: Platform) => fastify.decorate('rocket', platform) });
  return fastify;
}
