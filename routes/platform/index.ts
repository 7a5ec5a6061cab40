// /api/_platform: platform login and app management (platform-and-apps.md §5). Platform tokens
// only; app tokens are refused here.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bearerToken } from '../../core/auth/tokens.js';
import { aiStatus } from '../../core/ai/settings.js';
import { errors } from '../../core/errors.js';
import { authRateLimits } from '../../plugins/rate-limit.js';
import { withBody } from '../../core/bodies/validate.js';
import { ChangePasswordBody, LoginBody, RefreshBody } from '../../core/bodies/access.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { couldBeAppName } from '../../core/platform/app-names.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Requires the platform role `platform_admin` (platform-and-apps.md §5.10). */
    platformAdmin?: boolean;
  }
}

export default async function platformRoutes(host: FastifyInstance): Promise<void> {
  const fastify = host.withTypeProvider<TypeBoxTypeProvider>();
  const platform = fastify.rocket;

  fastify.decorateRequest('caller', undefined);
  fastify.addHook('onRequest', async (request: FastifyRequest) => {
    const config = request.routeOptions.config;
    if (config.public) return;
    const parsed = bearerToken(request.headers.authorization);
    if ('error' in parsed) throw parsed.error;
    const caller = platform.issuer.verify(parsed.token);
    if (!caller) throw errors.invalidToken();
    if (config.platformAdmin && !caller.roles.includes('platform_admin')) {
      throw errors.platformAdminRequired();
    }
    request.rocketCaller = caller;
  });

  const open = { config: { public: true } };
  const adminOnly = { config: { platformAdmin: true } };

  const limits = await authRateLimits(fastify, platform.config.rate_limit);

  fastify.post('/auth/login', withBody(LoginBody, { ...open, ...limits({ scope: () => '_platform', perAccount: true }) }),
    async (req) => ({ data: await platform.sessions.login(req.body) }));
  fastify.post('/auth/refresh', withBody(RefreshBody, open), async (req) => ({ data: await platform.sessions.refresh(req.body) }));
  fastify.post('/auth/logout', withBody(RefreshBody, open), async (req) => {
    await platform.sessions.logout(req.body);
    return { message: 'Logged out' };
  });
  fastify.post('/auth/change-password', withBody(ChangePasswordBody), async (req) => {
    await platform.sessions.changePassword(req.rocketCaller!.id, req.body);
    return { message: 'Password changed' };
  });

  fastify.get('/apps', adminOnly, async () => ({ data: await platform.apps.list() }));
  fastify.post('/apps', adminOnly, async (req, reply) => {
    const info = await platform.apps.create(req.body === undefined ? {} : req.body);
    return reply.code(201).send({ data: info });
  });
  // A segment that cannot name an app (e.g. `%00`, which PostgreSQL cannot even take as a
  // parameter) is not found without a query.
  const appName = (req: FastifyRequest): string => {
    const { name } = req.params as { name: string };
    if (!couldBeAppName(name)) throw errors.platformAppNotFound();
    return name;
  };
  fastify.get('/apps/:name', adminOnly, async (req) => {
    const info = await platform.apps.info(appName(req));
    if (!info) throw errors.platformAppNotFound();
    return { data: info };
  });
  fastify.delete('/apps/:name', adminOnly, async (req) => {
    await platform.apps.delete(appName(req));
    return { message: 'App deleted' };
  });
  fastify.get('/ai/status', adminOnly, async () => ({ data: aiStatus(platform.config.ai) }));

  // Anything else under /api/_platform is an unknown route, answered before authentication.
  fastify.all('/*', open, async () => {
    throw errors.routeNotFound();
  });
}
