// The audit log's read API (observability-and-audit.md §B7): the admin query and one entry under
// /_admin/audit-logs, and any reader's history of one record. Entries are never changed or
// deleted through the API.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { historyOf } from '../../core/audit/history.js';
import { getAuditLog, listAuditLogs } from '../../core/audit/query.js';
import { errors } from '../../core/errors.js';

type Query = Record<string, unknown>;

export default async function auditRoutes(fastify: FastifyInstance): Promise<void> {
  const admin = { config: { admin: true } };
  fastify.get('/_admin/audit-logs', admin, async (req) => listAuditLogs(req.rocketApp.db, req.query as Query));
  fastify.get('/_admin/audit-logs/:id', admin, async (req) => ({ data: await getAuditLog(req.rocketApp.db, (req.params as { id: string }).id) }));
  fastify.get('/:entity/:id/history', async (req: FastifyRequest) => {
    const params = req.params as { entity: string; id: string };
    // As for GET /:entity/:id, ids starting with `_` name reserved sub-resources (platform-and-apps.md §7).
    if (params.id.startsWith('_')) throw errors.routeNotFound();
    const registry = req.rocketApp.registry;
    const entity = registry.entity(params.entity);
    if (!entity) throw errors.unknownEntity(params.entity);
    return historyOf({ db: req.rocketApp.db, registry, caller: req.rocketCaller }, entity, params.id, req.query as Query);
  });
}
