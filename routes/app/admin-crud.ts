// The five routes of a compiled-metadata admin resource (permissions, rules, state machines,
// webhooks): list (with `?entity=` where the service takes it), get, create (201), full
// replacement and delete, admin only. The service does the work; these routes only resolve and reply.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AdminService } from '../../core/admin/admin-service.js';
import type { AppContext } from '../../core/platform/app-context.js';
import type { Logger } from '../../core/logger.js';
import type { AuditActor } from '../../core/audit/actor.js';
import { lazyAuditActor } from '../../plugins/audit.js';

export interface CrudService {
  list(entity?: unknown): Promise<unknown[]>;
  get(id: string): Promise<unknown>;
  create(body: unknown): Promise<unknown>;
  update(id: string, body: unknown): Promise<unknown>;
  delete(id: string): Promise<unknown>;
}

type ServiceClass = new (
  ctx: AppContext, log: Logger, announce: (app: string) => Promise<void>, audit?: () => Promise<AuditActor>,
) => AdminService & CrudService;

export function adminCrudRoutes(fastify: FastifyInstance, path: string, Service: ServiceClass): void {
  const admin = { config: { admin: true } };
  const service = (req: FastifyRequest) => new Service(req.rocketApp, req.log, (app) => fastify.rocket.metadataChanged(app), lazyAuditActor(req, 'admin'));
  const id = (req: FastifyRequest) => (req.params as { id: string }).id;

  fastify.get(path, admin, async (req) => ({ data: await service(req).list((req.query as { entity?: unknown }).entity) }));
  fastify.get(`${path}/:id`, admin, async (req) => ({ data: await service(req).get(id(req)) }));
  fastify.post(path, admin, async (req, reply) => reply.code(201).send({ data: await service(req).create(req.body) }));
  fastify.put(`${path}/:id`, admin, async (req) => ({ data: await service(req).update(id(req), req.body) }));
  fastify.delete(`${path}/:id`, admin, async (req) => ({ data: await service(req).delete(id(req)) }));
}
