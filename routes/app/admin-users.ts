// /api/:app/_admin/users (auth.md §6); admin only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UsersAdmin } from '../../core/auth/users-admin.js';
import { lazyAuditActor } from '../../plugins/audit.js';

export default async function adminUsersRoutes(fastify: FastifyInstance): Promise<void> {
  const admin = { config: { admin: true } };
  const service = (req: FastifyRequest) => new UsersAdmin(req.rocketApp.db, req.rocketApp.sessions, lazyAuditActor(req, 'admin'));
  const id = (req: FastifyRequest) => (req.params as { id: string }).id;

  fastify.get('/_admin/users', admin, async (req) => ({ data: await service(req).list() }));
  fastify.get('/_admin/users/:id', admin, async (req) => ({ data: await service(req).get(id(req)) }));
  fastify.post('/_admin/users', admin, async (req, reply) =>
    reply.code(201).send({ data: await service(req).create(req.body) }));
  fastify.put('/_admin/users/:id', admin, async (req) => ({ data: await service(req).update(id(req), req.body) }));
  fastify.delete('/_admin/users/:id', admin, async (req) => ({ data: await service(req).delete(id(req)) }));
}
