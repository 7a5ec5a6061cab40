// GET /health: answers as soon as the listener is up (platform-and-apps.md §7.1): the process lives.
// GET /ready (beyond the spec): whether this instance should get traffic — 200 once the server
// is ready and its management database answers, 503 while it starts, while it drains (close()
// has begun) or when that database does not answer within READY_DB_TIMEOUT_MS. Load balancers
// and Kubernetes readiness probes use it; /health stays the liveness probe.
import type { FastifyInstance, FastifyReply } from 'fastify';

const READY_DB_TIMEOUT_MS = 2000;

type Readiness = 'starting' | 'ready' | 'draining';

async function databaseAnswers(fastify: FastifyInstance): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), READY_DB_TIMEOUT_MS)));
  try {
    return await Promise.race([fastify.rocket.mgmt.query('SELECT 1').then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export default async function healthRoutes(fastify: FastifyInstance): Promise<void> {
  const status = { type: 'object', properties: { status: { type: 'string' }, reason: { type: 'string' } } };
  fastify.get('/health', { schema: { response: { 200: status } } }, async () => ({ status: 'ok' }));

  let readiness: Readiness = 'starting';
  fastify.addHook('onReady', async () => {
    readiness = 'ready';
  });
  fastify.addHook('preClose', async () => {
    readiness = 'draining';
  });
  const unavailable = (reply: FastifyReply, reason: string) => reply.code(503).send({ status: 'unavailable', reason });
  fastify.get('/ready', { schema: { response: { 200: status, 503: status } } }, async (_req, reply) => {
    if (readiness !== 'ready') return unavailable(reply, readiness);
    if (!(await databaseAnswers(fastify))) return unavailable(reply, 'database');
    return { status: 'ready' };
  });
}
