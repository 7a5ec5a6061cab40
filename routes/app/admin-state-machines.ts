// /api/:app/_admin/state-machines (logic.md §3.8); admin only.
import type { FastifyInstance } from 'fastify';
import { StateMachinesAdmin } from '../../core/admin/state-machines-admin.js';
import { adminCrudRoutes } from './admin-crud.js';

export default async function adminStateMachinesRoutes(fastify: FastifyInstance): Promise<void> {
  adminCrudRoutes(fastify, '/_admin/state-machines', StateMachinesAdmin);
}
