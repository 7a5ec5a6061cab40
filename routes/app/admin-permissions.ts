// /api/:app/_admin/permissions (auth.md §8.5); admin only.
import type { FastifyInstance } from 'fastify';
import { PermissionsAdmin } from '../../core/admin/permissions-admin.js';
import { adminCrudRoutes } from './admin-crud.js';

export default async function adminPermissionsRoutes(fastify: FastifyInstance): Promise<void> {
  adminCrudRoutes(fastify, '/_admin/permissions', PermissionsAdmin);
}
