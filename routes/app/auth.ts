// POST /api/:app/auth/login|refresh|logout (auth.md §4); no token required.
import type { FastifyInstance } from 'fastify';
import { objectBody } from '../body.js';

export default async function appAuthRoutes(fastify: FastifyInstance): Promise<void> {
  const open = { config: { public: true } };
  fastify.post('/auth/login', open, async (req) => ({ data: await req.app.sessions.login(objectBody(req.body)) }));
  fastify.post('/auth/refresh', open, async (req) => ({ data: await req.app.sessions.refresh(objectBody(req.body)) }));
  fastify.post('/auth/logout', open, async (req) => {
    await req.app.sessions.logout(objectBody(req.body));
    return { message: 'Logged out' };
  });
}
