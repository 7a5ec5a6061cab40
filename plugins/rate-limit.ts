// Abuse limits of the unauthenticated auth endpoints (roadmap.md "Rate limiting"): a budget per
// client IP and, for logins, per account, so one password cannot be guessed from many addresses.
// Off by default; when off, the routes get no hook at all.
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler, preValidationAsyncHookHandler } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { RocketConfig } from '../config/schema.js';
import { errors } from '../core/errors.js';
import { normaliseEmail } from '../core/ids.js';

export interface AuthLimitOptions {
  /** First part of every key: the app name, or `_platform`. */
  scope: (request: FastifyRequest) => string;
  /** Also limit per account (`<scope>:account:<normalised email>`), keyed by the body's email. */
  perAccount?: boolean;
}

export interface AuthLimitHooks {
  onRequest?: onRequestAsyncHookHandler[];
  preValidation?: preValidationAsyncHookHandler[];
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;
type LimitResult = Awaited<ReturnType<Limiter>>;

/** Sends the state of the tightest budget in the headers; over budget → 429 RATE_LIMITED. */
function enforce(reply: FastifyReply, result: LimitResult): void {
  if (result.isAllowed) return;
  if (result.isExceeded) {
    reply.header('x-ratelimit-limit', result.max);
    reply.header('x-ratelimit-remaining', 0);
    reply.header('x-ratelimit-reset', result.ttlInSeconds);
    reply.header('retry-after', result.ttlInSeconds);
    throw errors.rateLimited(result.ttlInSeconds);
  }
  const shown = reply.getHeader('x-ratelimit-remaining');
  if (shown !== undefined && Number(shown) < result.remaining) return;
  reply.header('x-ratelimit-limit', result.max);
  reply.header('x-ratelimit-remaining', result.remaining);
  reply.header('x-ratelimit-reset', result.ttlInSeconds);
}

function accountOf(request: FastifyRequest): string | undefined {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' && email.trim() !== '' ? normaliseEmail(email) : undefined;
}

/**
 * Prepares the auth limits in the calling (encapsulated) route context and returns a function that
 * gives each route its hooks. @fastify/rate-limit is registered here with `global: false`, never on
 * the host application; every route gets its own budget (its own store).
 */
export async function authRateLimits(
  fastify: FastifyInstance,
  config: RocketConfig['rate_limit'],
): Promise<(options: AuthLimitOptions) => AuthLimitHooks> {
  if (!config.enabled) return () => ({});
  await fastify.register(rateLimit, { global: false });
  // Everything that decides the outcome is set here, so settings inherited from a host application
  // that registered the plugin itself (allow lists, bans, back-off) do not leak into our limits.
  const common = {
    max: config.auth_max,
    timeWindow: config.window_ms,
    allowList: [] as string[],
    ban: -1,
    skipOnError: false,
    continueExceeding: false,
    exponentialBackoff: false,
  };
  const limiter = (key: (request: FastifyRequest) => string): Limiter =>
    fastify.createRateLimit({ ...common, keyGenerator: key } as Parameters<FastifyInstance['createRateLimit']>[0]);

  return ({ scope, perAccount }) => {
    const byIp = limiter((req) => `${scope(req)}:ip:${rateLimit.normalizeIP(req.ip)}`);
    const hooks: AuthLimitHooks = {
      onRequest: [async (req, reply) => enforce(reply, await byIp(req))],
    };
    if (perAccount) {
      const byAccount = limiter((req) => `${scope(req)}:account:${accountOf(req)}`);
      hooks.preValidation = [async (req, reply) => {
        // Requests without an email fail validation anyway; they count against the IP only.
        if (accountOf(req) !== undefined) enforce(reply, await byAccount(req));
      }];
    }
    return hooks;
  };
}
