// POST /api/:app/auth/login|refresh|logout|accept-invite (auth.md §4); no token required. Login,
// refresh and accept-invite carry the auth rate limits when they are enabled. Bodies are checked
// by their route schemas (core/bodies/access.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { InviteService } from '../../core/auth/invites.js';
import { authRateLimits } from '../../plugins/rate-limit.js';
import { withBody } from '../../core/bodies/validate.js';
import { AcceptInviteBody, LoginBody, RefreshBody } from '../../core/bodies/access.js';
import { lazyAuditActor } from '../../plugins/audit.js';

export default async function appAuthRoutes(host: FastifyInstance): Promise<void> {
  const fastify = host.withTypeProvider<TypeBoxTypeProvider>();
  const config = { public: true };
  const limits = await authRateLimits(fastify, fastify.rocket.config.rate_limit);
  const scope = (req: FastifyRequest) => req.rocketApp.name;

  fastify.post('/auth/login', withBody(LoginBody, { config, ...limits({ scope, perAccount: true }) }),
    async (req) => ({ data: await req.rocketApp.sessions.login(req.body) }));
  fastify.post('/auth/refresh', withBody(RefreshBody, { config, ...limits({ scope }) }),
    async (req) => ({ data: await req.rocketApp.sessions.refresh(req.body) }));
  fastify.post('/auth/logout', withBody(RefreshBody, { config }), async (req) => {
    await req.rocketApp.sessions.logout(req.body);
    return { message: 'Logged out' };
  });
  fastify.post('/auth/accept-invite', withBody(AcceptInviteBody, { config, ...limits({ scope }) }), async (req, reply) => {
    // §B2: accept-invite's entries carry source `api` (the invitee is not signed in: no user).
    const accepted = await new InviteService(req.rocketApp.db, req.rocketApp.sessions, lazyAuditActor(req, 'api')).accept(req.body);
    return reply.code(201).send({ data: accepted });
  });
}
