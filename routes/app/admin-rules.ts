// /api/:app/_admin/rules (logic.md §1.8); admin only.
import type { FastifyInstance } from 'fastify';
import { RulesAdmin } from '../../core/admin/rules-admin.js';
import { adminCrudRoutes } from './admin-crud.js';

export default async function adminRulesRoutes(fastify: FastifyInstance): Promise<void> {
  adminCrudRoutes(fastify, '/_admin/rules', RulesAdmin);
}
