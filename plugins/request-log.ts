// What Rocket logs per request (README, Configuration → Logging). Fastify's own request logging
// (two lines per request, each through redaction and a synchronous write) cost 10–30% of the
// throughput, so it is off; instead, one hook writes an access line when `log_access` is on and a
// warning for requests slower than `log_slow_ms`. Errors are logged by the error handler. A line
// carries the fields of observability-and-audit.md §A8: app, method, url, status,
// response_time_ms and trace_id (app and trace_id on app-scoped requests, which have them).
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface RequestLogOptions {
  access: boolean;
  slowMs: number;
}

const line = (request: FastifyRequest, reply: FastifyReply, ms: number) => ({
  app: request.rocketApp?.name, method: request.method, url: request.url, status: reply.statusCode,
  response_time_ms: Math.round(ms * 10) / 10, trace_id: request.rocketTrace?.traceId,
});

async function requestLog(fastify: FastifyInstance, opts: RequestLogOptions): Promise<void> {
  const { access, slowMs } = opts;
  if (!access && slowMs <= 0) return; // nothing per request: no hook at all
  fastify.addHook('onResponse', (request, reply, done) => {
    const ms = reply.elapsedTime;
    if (slowMs > 0 && ms >= slowMs) request.log.warn(line(request, reply, ms), 'slow request');
    else if (access) request.log.info(line(request, reply, ms), 'request');
    done();
  });
}

export default fp(requestLog, { name: 'rocket-request-log', fastify: '5.x' });
