// /api/:app/_admin/users (auth.md §6); admin only. Bodies are checked by their route schemas
// (core/bodies/access.ts); a PUT to an unknown id is 404 before its body is looked at (§6.4).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { UsersAdmin } from '../../core/auth/users-admin.js';
import { withBody } from '../../core/bodies/validate.js';
import { UserCreateBody, UserUpdateBody } from '../../core/bodies/access.js';
import { lazyAuditActor } from '../../plugins/audit.js';

export default async function adminUsersRoutes(host: FastifyInstance): Promise<void> {
  const fastify = host.withTypeProvider<TypeBoxTypeProvider>();
  const admin = { config: { admin: true } };
  const service = (req: FastifyRequest) => new UsersAdmin(req.rocketApp.db, req.rocketApp.sessions, lazyAuditActor(req, 'admin'));
  const id = (req: FastifyRequest) => (req.params as { id: string }).id;

  fastify.get('/_admin/users', admin, async (req) => ({ data: await service(req).list() }));
  fastify.get('/_admin/users/:id', admin, async (req) => ({ data: await service(req).get(id(req)) }));
  fastify.post('/_admin/users', withBody(UserCreateBody, admin), async (req, reply) =>
    reply.code(201).send({ data: await service(req).create(req.body) }));
  const knownUser = async (req: FastifyRequest) => service(req).exists(id(req));
  fastify.put('/_admin/users/:id', withBody(UserUpdateBody, { ...admin, preValidation: knownUser }),
    async (req) => ({ data: await service(req).update(id(req), req.body) }));
  fastify.delete('/_admin/users/:id', admin, async (req) => ({ data: await service(req).delete(id(req)) }));
}
