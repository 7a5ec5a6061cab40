// The app-scoped request pipeline (platform-and-apps.md §6): resolve `:app` (unknown → 404
// APP_NOT_FOUND), authenticate with the app's secret then the platform's (dual auth), and apply
// the admin gate. One onRequest hook; loaded apps and cached tokens take a synchronous path. The
// request's trace (observability-and-audit.md §A2, plugins/tracing.ts) is identified first, so every
// answer carries X-Trace-ID, and starts once the app is resolved; authentication is its
// `auth.validate` span.
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

function admit(platform: Platform, tracer: Tracer | undefined, request: FastifyRequest, reply: FastifyReply, ctx: AppContext): void {
  request.app = ctx;
  const trace = request.trace;
  if (trace) {
    tracer!.start(trace, ctx, request.method, request.url);
    reply.headers(trace.headers());
  }
  const config = request.routeOptions.config;
  if (config.public) return;
  request.caller = traceAuthentication(trace, () => authenticate(platform, ctx, request.headers.authorization));
  if (config.admin && !request.caller.roles.includes('admin')) throw errors.adminRequired();
}

async function appScope(fastify: FastifyInstance): Promise<void> {
  fastify.decorateRequest('app', null as unknown as AppContext);
  fastify.decorateRequest('caller', undefined);

  const tracer = fastify.tracing as Tracer | undefined;
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const name = (request.params as { app?: string }).app ?? '';
    if (tracer) request.trace = tracer.identify(request.headers['x-trace-id'], request.headers.traceparent);
    const resolved = fastify.rocket.apps.resolve(name);
    const notFound = () => {
      if (request.trace) reply.headers(request.trace.headers());
      return errors.appNotFound(name);
    };
    if (resolved === undefined) return done(notFound());
    if (!(resolved instanceof Promise)) {
      try {
        admit(fastify.rocket, tracer, request, reply, resolved);
      } catch (err) {
        return done(err as Error);
      }
      return done();
    }
    resolved.then(
      (ctx) => {
        if (!ctx) return done(notFound());
        admit(fastify.rocket, tracer, request, reply, ctx);
        done();
      },
    ).catch((err: Error) => done(err));
  });
}

export default fp(appScope, { name: 'rocket-app-scope', fastify: '5.x' });
