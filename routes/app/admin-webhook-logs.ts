// /api/:app/_admin/webhook-logs (webhooks-and-files.md §A10): list, read, retry; admin only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { WebhookLogsAdmin } from '../../core/admin/webhook-logs-admin.js';

export default async function adminWebhookLogsRoutes(fastify: FastifyInstance): Promise<void> {
  const admin = { config: { admin: true } };
  const service = (req: FastifyRequest) => new WebhookLogsAdmin(req.rocketApp.db);
  const id = (req: FastifyRequest) => (req.params as { id: string }).id;

  fastify.get('/_admin/webhook-logs', admin, async (req) => ({ data: await service(req).list(req.query) }));
  fastify.get('/_admin/webhook-logs/:id', admin, async (req) => ({ data: await service(req).get(id(req)) }));
  fastify.post('/_admin/webhook-logs/:id/retry', admin, async (req) => ({ data: await service(req).retry(id(req)) }));
}
