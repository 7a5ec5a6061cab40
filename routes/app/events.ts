// /api/:app/_events (observability-and-audit.md §A7): emit a business event (any authenticated
// caller), and for admins the query, a trace's waterfall and the aggregates. The work is
// core/tracing/events-api.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { emitEvent, eventStats, queryEvents, traceWaterfall } from '../../core/tracing/events-api.js';

type Query = Record<string, unknown>;

export default async function eventRoutes(fastify: FastifyInstance): Promise<void> {
  const admin = { config: { admin: true } };

  // §A7.1: in the request's trace, as a child of its root span (also when the request is not
  // sampled or instrumentation is disabled: the trace id is the one the response carries).
  fastify.post('/_events', async (req: FastifyRequest) => {
    const trace = req.rocketTrace!;
    const data = await emitEvent(req.rocketApp.db, req.body, { traceId: trace.traceId, parentSpanId: trace.spanId, userId: req.rocketCaller?.id, now: trace.now() });
    return { data };
  });

  fastify.get('/_events', admin, async (req: FastifyRequest) => queryEvents(req.rocketApp.db, req.rocketApp.db.dialect, req.query as Query));

  fastify.get('/_events/stats', admin, async (req: FastifyRequest) => ({ data: await eventStats(req.rocketApp.db, req.query as Query) }));

  fastify.get('/_events/trace/:trace_id', admin, async (req: FastifyRequest) => ({
    data: await traceWaterfall(req.rocketApp.db, req.rocketApp.db.dialect, (req.params as { trace_id: string }).trace_id),
  }));
}
