// /api/:app/_admin/permissions (auth.md §8.5); admin only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PermissionsAdmin } from '../../core/admin/permissions-admin.js';

export default async function adminPermissionsRoutes(fastify: FastifyInstance): Promise<void> {
  const admin = { config: { admin: true } };
  const service = (req: FastifyRequest) =>
    new PermissionsAdmin(req.app, req.log, (app) => fastify.rocket.metadataChanged(app));
  const id = (req: FastifyRequest) => (req.params as { id: string }).id;

  fastify.get('/_admin/permissions', admin, async (req) => ({ data: await service(req).list() }));
  fastify.get('/_admin/permissions/:id', admin, async (req) => ({ data: await service(req).get(id(req)) }));
  fastify.post('/_admin/permissions', admin, async (req, reply) =>
    reply.code(201).send({ data: await service(req).create(req.body) }));
  fastify.put('/_admin/permissions/:id', admin, async (req) => ({ data: await service(req).update(id(req), req.body) }));
  fastify.delete('/_admin/permissions/:id', admin, async (req) => ({ data: await service(req).delete(id(req)) }));
}
