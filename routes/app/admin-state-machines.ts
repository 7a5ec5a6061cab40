// /api/:app/_admin/state-machines (logic.md §3.8); admin only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { StateMachinesAdmin } from '../../core/admin/state-machines-admin.js';

export default async function adminStateMachinesRoutes(fastify: FastifyInstance): Promise<void> {
  const admin = { config: { admin: true } };
  const service = (req: FastifyRequest) => new StateMachinesAdmin(req.app, req.log, (app) => fastify.rocket.metadataChanged(app));
  const id = (req: FastifyRequest) => (req.params as { id: string }).id;

  fastify.get('/_admin/state-machines', admin, async (req) => ({ data: await service(req).list((req.query as { entity?: unknown }).entity) }));
  fastify.get('/_admin/state-machines/:id', admin, async (req) => ({ data: await service(req).get(id(req)) }));
  fastify.post('/_admin/state-machines', admin, async (req, reply) => reply.code(201).send({ data: await service(req).create(req.body) }));
  fastify.put('/_admin/state-machines/:id', admin, async (req) => ({ data: await service(req).update(id(req), req.body) }));
  fastify.delete('/_admin/state-machines/:id', admin, async (req) => ({ data: await service(req).delete(id(req)) }));
}
