// The app-scoped request pipeline (platform-and-apps.md §6): resolve `:app` (unknown → 404
// APP_NOT_FOUND), authenticate with the app's secret then the platform's (dual auth), and apply
// the admin gate. One onRequest hook; loaded apps and cached tokens take a synchronous path.
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import fp from 'fastify-plugin';
import { bearerToken, type Caller } from '../core/auth/tokens.js';
import { errors } from '../core/errors.js';
import type { AppContext } from '../core/platform/app-context.js';
import type { Platform } from '../core/platform/platform.js';

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

function admit(platform: Platform, request: FastifyRequest, ctx: AppContext): void {
  request.app = ctx;
  const config = request.routeOptions.config;
  if (config.public) return;
  request.caller = authenticate(platform, ctx, request.headers.authorization);
  if (config.admin && !request.caller.roles.includes('admin')) throw errors.adminRequired();
}

async function appScope(fastify: FastifyInstance): Promise<void> {
  fastify.decorateRequest('app', null as unknown as AppContext);
  fastify.decorateRequest('caller', undefined);

  fastify.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const name = (request.params as { app?: string }).app ?? '';
    const resolved = fastify.rocket.apps.resolve(name);
    const notFound = () => errors.appNotFound(name);
    if (resolved === undefined) return done(notFound());
    if (!(resolved instanceof Promise)) {
      try {
        admit(fastify.rocket, request, resolved);
      } catch (err) {
        return done(err as Error);
      }
      return done();
    }
    resolved.then(
      (ctx) => {
        if (!ctx) return done(notFound());
        admit(fastify.rocket, request, ctx);
        done();
      },
    ).catch((err: Error) => done(err));
  });
}

export default fp(appScope, { name: 'rocket-app-scope', fastify: '5.x' });
