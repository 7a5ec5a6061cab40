// /api/:app/_admin/entities and /_admin/relations (metadata.md §10–11); admin only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MetadataAdmin } from '../../core/admin/metadata-admin.js';

export default async function adminMetadataRoutes(fastify: FastifyInstance): Promise<void> {
  const admin = { config: { admin: true } };
  const service = (req: FastifyRequest) =>
    new MetadataAdmin(req.rocketApp, req.log, (app) => fastify.rocket.metadataChanged(app));
  const name = (req: FastifyRequest) => (req.params as { name: string }).name;

  fastify.get('/_admin/entities', admin, async (req) => ({ data: service(req).listEntities() }));
  fastify.get('/_admin/entities/:name', admin, async (req) => ({ data: service(req).getEntity(name(req)) }));
  fastify.post('/_admin/entities', admin, async (req, reply) =>
    reply.code(201).send({ data: await service(req).createEntity(req.body) }));
  fastify.put('/_admin/entities/:name', admin, async (req) => ({ data: await service(req).updateEntity(name(req), req.body) }));
  fastify.delete('/_admin/entities/:name', admin, async (req) => ({ data: await service(req).deleteEntity(name(req)) }));

  fastify.get('/_admin/relations', admin, async (req) => ({ data: service(req).listRelations() }));
  fastify.get('/_admin/relations/:name', admin, async (req) => ({ data: service(req).getRelation(name(req)) }));
  fastify.post('/_admin/relations', admin, async (req, reply) =>
    reply.code(201).send({ data: await service(req).createRelation(req.body) }));
  fastify.put('/_admin/relations/:name', admin, async (req) => ({ data: await service(req).updateRelation(name(req), req.body) }));
  fastify.delete('/_admin/relations/:name', admin, async (req) => ({ data: await service(req).deleteRelation(name(req)) }));
}
