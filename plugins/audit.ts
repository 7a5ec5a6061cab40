// The audit log while the server runs (core/audit/): the retention job, started when
// `audit.retention_days` > 0, and the actor (who, from where) that app routes hand to the writes
// they capture. `req.ip` honours X-Forwarded-For only when `server.trust_proxy` is on (app.ts).
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requestActor, type AuditActor, type AuditSource } from '../core/audit/actor.js';
import { auditRetentionJob } from '../core/audit/retention.js';
import { auditSettings } from '../core/audit/settings.js';
import { startJobs } from './jobs.js';

async function auditPlugin(fastify: FastifyInstance): Promise<void> {
  const { retentionDays } = auditSettings(fastify.rocket.config.audit);
  if (retentionDays > 0) startJobs(fastify, [auditRetentionJob(retentionDays)]);
}

/** The request's trace id (§B1: it joins the entry to the request's `_events`): the one tracing
 * identified (plugins/tracing.ts, also when instrumentation is disabled), else a valid X-Trace-ID. */
function traceId(req: FastifyRequest): string | undefined {
  if (req.rocketTrace) return req.rocketTrace.traceId;
  const header = req.headers['x-trace-id'];
  return typeof header === 'string' ? header : undefined;
}

/** Who makes this request's changes and from where (§B6); `source` of the records it addresses. */
export function requestAuditActor(req: FastifyRequest, source?: AuditSource): Promise<AuditActor> {
  const platform = req.server.rocket;
  return requestActor(auditSettings(platform.config.audit), platform.mgmt, { caller: req.rocketCaller, ip: req.ip, traceId: traceId(req), source });
}

/** The same, looked up once and only when a write asks for it (services that also read). */
export function lazyAuditActor(req: FastifyRequest, source?: AuditSource): () => Promise<AuditActor> {
  let actor: Promise<AuditActor> | undefined;
  return () => (actor ??= requestAuditActor(req, source));
}

export default fp(auditPlugin, { name: 'rocket-audit', fastify: '5.x', dependencies: ['rocket-platform'] });
