// /api/:app/_admin/webhooks (webhooks-and-files.md §A9); admin only.
import type { FastifyInstance } from 'fastify';
import { WebhooksAdmin } from '../../core/admin/webhooks-admin.js';
import { adminCrudRoutes } from './admin-crud.js';

export default async function adminWebhooksRoutes(fastify: FastifyInstance): Promise<void> {
  adminCrudRoutes(fastify, '/_admin/webhooks', WebhooksAdmin);
}
