// /api/:app/_admin/workflows (logic.md §4.10); admin only.
import type { FastifyInstance } from 'fastify';
import { WorkflowsAdmin } from '../../core/admin/workflows-admin.js';
import { adminCrudRoutes } from './admin-crud.js';

export default async function adminWorkflowsRoutes(fastify: FastifyInstance): Promise<void> {
  adminCrudRoutes(fastify, '/_admin/workflows', WorkflowsAdmin);
}
