// The app-scoped request pipeline (platform-and-apps.md §6): resolve `:app` (unknown → 404
// APP_NOT_FOUND), authenticate with the app's secret then the platform's (dual auth), and apply
// the admin gate. One onRequest hook; loaded apps and cached tokens take a synchronous path. The
// request's trace (observability-and-audit.md §A2, plugins/tracing.ts) is identified first, so every
// answer carries X-Trace-ID, and starts once the app is resolved; authentication is its
// `auth.validate` span.
//
// Single-app mode (beyond the spec; RocketOptions.singleApp): the app is fixed instead of taken from
// `:app`, and the host's own `authenticate(request)` may supply the caller (`{id, roles}`); when it
// returns nothing, Rocket's own tokens are checked as usual.
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import fp from 'fastify-plugin';
import { bearerToken, type Caller } from '../core/auth/tokens.js';
import { errors } from '../core/errors.js';
import type { AppContext } from '../core/platform/app-context.js';
import type { Platform } from '../core/platform/platform.js';
import { traceAuthentication, type Tracer } from '../core/tracing/tracer.js';

function authenticate(platform: Platform, ctx: AppContext, header: string | undefined): Caller {
  const parsed = bearerToken(header);
  if ('error' in parsed) throw parsed.error;
  const appCaller = ctx.issuer.verify(parsed.token);
  if (appCaller) return appCaller;
  const platformCaller = platform.issuer.verify(parsed.token);
  if (platformCaller) {
    // A platform user acts as an app administrator (§6.2 step 4).
    return { id: platformCaller.id, roles: [...platformCaller.roles, 'admin'], platform: true };
  }
  throw errors.invalidToken();
}

/** The host's authentication in single-app mode: a caller, or nothing (then Rocket's tokens count). */
export type HostAuthenticate = (request: FastifyRequest) => Caller | null | undefined | Promise<Caller | null | undefined>;

export interface AppScopeOptions {
  /** Single-app mode: the one app every request addresses. */
  app?: string;
  authenticate?: HostAuthenticate;
}

function checkedHostCaller(value: unknown): Caller {
  const c = value as Caller;
  if (typeof c !== 'object' || c === null || typeof c.id !== 'string' || !Array.isArray(c.roles) || !c.roles.every((r) => typeof r === 'string')) {
    throw new TypeError('singleApp.authenticate must return {id: string, roles: string[]} or nothing');
  }
  return { id: c.id, roles: [...c.roles] };
}

function authorize(request: FastifyRequest, caller: Caller): void {
  request.rocketCaller = caller;
  if (request.routeOptions.config.admin && !caller.roles.includes('admin')) throw errors.adminRequired();
}

function admit(
  platform: Platform, tracer: Tracer | undefined, request: FastifyRequest, reply: FastifyReply, ctx: AppContext, host: HostAuthenticate | undefined,
): void | Promise<void> {
  request.rocketApp = ctx;
  const trace = request.rocketTrace;
  if (trace) {
    tracer!.start(trace, ctx, request.method, request.url);
    reply.headers(trace.headers());
  }
  const config = request.routeOptions.config;
  if (config.public) return;
  const ours = () => traceAuthentication(trace, () => authenticate(platform, ctx, request.headers.authorization));
  if (!host) return authorize(request, ours());
  const given = host(request);
  if (given instanceof Promise) return given.then((c) => authorize(request, c ? checkedHostCaller(c) : ours()));
  authorize(request, given ? checkedHostCaller(given) : ours());
}

/** `admit`, then the hook's `done` (at once, or when the host's authentication resolves). */
function admitThen(
  platform: Platform, tracer: Tracer | undefined, request: FastifyRequest, reply: FastifyReply, ctx: AppContext,
  host: HostAuthenticate | undefined, done: HookHandlerDoneFunction,
): void {
  let pending: void | Promise<void>;
  try {
    pending = admit(platform, tracer, request, reply, ctx, host);
  } catch (err) {
    return done(err as Error);
  }
  if (pending) pending.then(() => done(), (err: Error) => done(err));
  else done();
}

async function appScope(fastify: FastifyInstance, opts: AppScopeOptions): Promise<void> {
  fastify.decorateRequest('rocketApp', null as unknown as AppContext);
  fastify.decorateRequest('rocketCaller', undefined);

  const tracer = fastify.tracing as Tracer | undefined;
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const name = opts.app ?? (request.params as { app?: string }).app ?? '';
    if (tracer) request.rocketTrace = tracer.identify(request.headers['x-trace-id'], request.headers.traceparent);
    const resolved = fastify.rocket.apps.resolve(name);
    const notFound = () => {
      if (request.rocketTrace) reply.headers(request.rocketTrace.headers());
      return errors.appNotFound(name);
    };
    if (resolved === undefined) return done(notFound());
    if (!(resolved instanceof Promise)) return admitThen(fastify.rocket, tracer, request, reply, resolved, opts.authenticate, done);
    resolved.then(
      (ctx) => (ctx ? admitThen(fastify.rocket, tracer, request, reply, ctx, opts.authenticate, done) : done(notFound())),
    ).catch((err: Error) => done(err));
  });
}

export default fp(appScope, { name: 'rocket-app-scope', fastify: '5.x' });
