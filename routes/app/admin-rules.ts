// /api/:app/_admin/rules (logic.md §1.8); admin only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RulesAdmin } from '../../core/admin/rules-admin.js';

export default async function adminRulesRoutes(fastify: FastifyInstance): Promise<void> {
  const admin = { config: { admin: true } };
  const service = (req: FastifyRequest) => new RulesAdmin(req.app, req.log, (app) => fastify.rocket.metadataChanged(app));
  const id = (req: FastifyRequest) => (req.params as { id: string }).id;

  fastify.get('/_admin/rules', admin, async (req) => ({ data: await service(req).list((req.query as { entity?: unknown }).entity) }));
  fastify.get('/_admin/rules/:id', admin, async (req) => ({ data: await service(req).get(id(req)) }));
  fastify.post('/_admin/rules', admin, async (req, reply) => reply.code(201).send({ data: await service(req).create(req.body) }));
  fastify.put('/_admin/rules/:id', admin, async (req) => ({ data: await service(req).update(id(req), req.body) }));
  fastify.delete('/_admin/rules/:id', admin, async (req) => ({ data: await service(req).delete(id(req)) }));
}
