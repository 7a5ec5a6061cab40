// /api/:app/_workflows (logic.md §4.8): workflow instances for any authenticated caller — pending
// approvals, one instance, approve, reject, delete — and, beyond the spec, the admin's filtered
// and paginated list (`?workflow=&status=&record_id=`).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors } from '../../core/errors.js';
import { isAdmin } from '../../core/permissions/authorize.js';
import { deleteInstance, listInstances, readInstance } from '../../core/workflows/instances.js';
import { SPANS, requestSpan, withSpan } from '../../core/tracing/index.js';

const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;

/** §4.8: the caller's id; an admin may name another actor with `X-User-ID`. */
function actorId(req: FastifyRequest): string {
  const header = req.headers['x-user-id'];
  if (isAdmin(req.rocketCaller) && typeof header === 'string' && header.trim() !== '') return header.trim();
  return req.rocketCaller!.id;
}

export default async function workflowRoutes(fastify: FastifyInstance): Promise<void> {
  const engine = fastify.rocket.workflows;

  fastify.get('/_workflows', { config: { admin: true } }, async (req) => listInstances(req.rocketApp.db, req.query as Record<string, unknown>));

  fastify.get('/_workflows/pending', async (req) => ({ data: await engine.pending(req.rocketApp, req.rocketCaller!) }));

  fastify.get('/_workflows/:id', async (req) => {
    const row = await readInstance(req.rocketApp.db, idOf(req));
    if (!row) throw errors.workflowInstanceNotFound(idOf(req));
    return { data: row.instance };
  });

  for (const [path, decision, kind] of [['approve', 'approved', SPANS.workflowApprove], ['reject', 'rejected', SPANS.workflowReject]] as const) {
    fastify.post(`/_workflows/:id/${path}`, async (req) => {
      const by = actorId(req);
      // observability-and-audit.md §A3: the decision and the advance it causes, as one span.
      const instance = await withSpan(requestSpan(req), kind, null, null, (span) => {
        span.set('instance_id', idOf(req)).set('user_id', by);
        return engine.resolve(req.rocketApp, idOf(req), req.rocketCaller!, by, decision, span);
      });
      return { data: instance };
    });
  }

  fastify.delete('/_workflows/:id', async (req) => {
    if (!(await deleteInstance(req.rocketApp.db, idOf(req)))) throw errors.workflowInstanceNotFound(idOf(req));
    return { data: { deleted: true } };
  });
}
