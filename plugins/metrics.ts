// GET /metrics in the Prometheus text format (beyond the spec; `metrics.enabled`, off by default;
// core/metrics.ts). Requests are counted by route pattern (`/api/:app/:entity/:id`, never the
// raw URL, so ids cannot explode the label set) and by app. With metrics off nothing is
// registered: no hook runs on any request. With `metrics.token`, a scrape needs that bearer token.
import fp from 'fastify-plugin';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { createMetrics } from '../core/metrics.js';
import { errors } from '../core/errors.js';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function metricsPlugin(fastify: FastifyInstance): Promise<void> {
  const { enabled, token } = fastify.rocket.config.metrics;
  if (!enabled) return;
  const metrics = createMetrics(fastify.rocket);

  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const app = request.rocketApp?.name ?? '';
    metrics.requests.inc({ app, method: request.method, route, status: String(reply.statusCode) });
    metrics.duration.observe({ app, method: request.method, route }, reply.elapsedTime / 1000);
    done();
  });

  fastify.get('/metrics', async (request: FastifyRequest, reply: FastifyReply) => {
    if (token !== undefined) {
      const header = request.headers.authorization ?? '';
      if (!header.startsWith('Bearer ') || !sameSecret(header.slice(7), token)) throw errors.invalidToken();
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}

export default fp(metricsPlugin, { name: 'rocket-metrics', fastify: '5.x', dependencies: ['rocket-platform'] });
