// Tracing while the server runs (observability-and-audit.md §A2, §A4–§A6; core/tracing/): one Tracer
// per server, decorated as `fastify.tracing`, and the request's trace as `request.rocketTrace`. The
// app-scope hook (plugins/app-scope.ts) identifies the trace of every /api/:app/... request (its
// X-Trace-ID and traceparent headers go on every answer, also with instrumentation disabled),
// starts it once the app is resolved and records auth.validate. Here: the root span is made active
// for the handler (preHandler: the handler runs inside this hook's callback, so everything it starts
// inherits the context) and ends with the response's status (onResponse); event buffers are created
// per app, flushed on shutdown and discarded when the app is deleted; the hourly retention job; the
// OTLP exporter when `instrumentation.otlp_endpoint` is set. Platform routes and /health are never
// traced: only the app-scope hook starts traces.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { eventsRetentionJob } from '../core/tracing/retention.js';
import { runInSpan } from '../core/tracing/span.js';
import { Tracer, registerTracer, tracingSettings, type RequestTrace } from '../core/tracing/tracer.js';
import { startJobs } from './jobs.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The server's tracing (core/tracing/tracer.ts). */
    tracing: Tracer;
  }
  interface FastifyRequest {
    /** The trace of an app-scoped request (null elsewhere). */
    rocketTrace: RequestTrace | null;
  }
}

async function tracingPlugin(fastify: FastifyInstance): Promise<void> {
  const platform = fastify.rocket;
  const settings = tracingSettings(platform.config.instrumentation);
  // The OpenTelemetry packages load only when an endpoint is configured.
  const exporter = settings.otlpEndpoint
    ? new (await import('../core/tracing/otlp.js')).OtlpExport(settings.otlpEndpoint, fastify.log)
    : undefined;
  const tracer = new Tracer(settings, fastify.log, exporter);
  fastify.decorate('tracing', tracer);
  registerTracer(platform, tracer);
  fastify.decorateRequest('rocketTrace', null);
  if (!settings.enabled) return;

  for (const app of platform.apps.loadedApps()) tracer.sinkFor(app);
  platform.apps.addLoadHook(async (app) => {
    tracer.sinkFor(app);
  });
  const off = platform.events.on('app.deleted', ({ app }) => tracer.discard(platform.apps.get(app)));

  fastify.addHook('preHandler', (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const root = request.rocketTrace?.root;
    if (root) runInSpan(root, done);
    else done();
  });
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    if (request.rocketTrace) tracer.end(request.rocketTrace, reply.statusCode);
    done();
  });
  // Before the platform closes the app databases (onClose runs in reverse order of registration);
  // what ends later still goes out when each app's context closes (EventBuffer.close).
  fastify.addHook('onClose', async () => {
    off();
    await tracer.flushAll(platform.apps.loadedApps());
    await tracer.close();
  });
  if (settings.retentionDays > 0) startJobs(fastify, [eventsRetentionJob(settings.retentionDays)]);
}

export default fp(tracingPlugin, { name: 'rocket-tracing', fastify: '5.x', dependencies: ['rocket-platform'] });
