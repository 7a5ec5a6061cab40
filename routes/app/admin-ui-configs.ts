// /api/:app/_admin/ui-configs (schema-io.md §3); admin only.
import type { FastifyInstance } from 'fastify';
import { UiConfigsAdmin } from '../../core/admin/ui-configs-admin.js';
import { adminCrudRoutes } from './admin-crud.js';

export default async function adminUiConfigsRoutes(fastify: FastifyInstance): Promise<void> {
  adminCrudRoutes(fastify, '/_admin/ui-configs', UiConfigsAdmin);
}
