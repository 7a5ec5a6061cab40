// POST /api/:app/auth/login|refresh|logout|accept-invite (auth.md §4); no token required. Login,
// refresh and accept-invite carry the auth rate limits when they are enabled.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InviteService } from '../../core/auth/invites.js';
import { authRateLimits } from '../../plugins/rate-limit.js';
import { objectBody } from '../../core/input.js';
import { lazyAuditActor } from '../../plugins/audit.js';

export default async function appAuthRoutes(fastify: FastifyInstance): Promise<void> {
  const config = { public: true };
  const limits = await authRateLimits(fastify, fastify.rocket.config.rate_limit);
  const scope = (req: FastifyRequest) => req.rocketApp.name;

  fastify.post('/auth/login', { config, ...limits({ scope, perAccount: true }) },
    async (req) => ({ data: await req.rocketApp.sessions.login(objectBody(req.body)) }));
  fastify.post('/auth/refresh', { config, ...limits({ scope }) },
    async (req) => ({ data: await req.rocketApp.sessions.refresh(objectBody(req.body)) }));
  fastify.post('/auth/logout', { config }, async (req) => {
    await req.rocketApp.sessions.logout(objectBody(req.body));
    return { message: 'Logged out' };
  });
  fastify.post('/auth/accept-invite', { config, ...limits({ scope }) }, async (req, reply) => {
    // §B2: accept-invite's entries carry source `api` (the invitee is not signed in: no user).
    const accepted = await new InviteService(req.rocketApp.db, req.rocketApp.sessions, lazyAuditActor(req, 'api')).accept(req.body);
    return reply.code(201).send({ data: accepted });
  });
}
