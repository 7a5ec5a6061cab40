// Everything under /api/:app: the app-scoped pipeline (resolver, dual auth, admin gate) and the
// app's route modules.
import type { FastifyInstance } from 'fastify';
import appScope, { type AppScopeOptions } from '../../plugins/app-scope.js';
import appAuthRoutes from './auth.js';
import adminMetadataRoutes from './admin-metadata.js';
import adminPermissionsRoutes from './admin-permissions.js';
import adminRulesRoutes from './admin-rules.js';
import adminStateMachinesRoutes from './admin-state-machines.js';
import adminWorkflowsRoutes from './admin-workflows.js';
import adminWebhooksRoutes from './admin-webhooks.js';
import adminWebhookLogsRoutes from './admin-webhook-logs.js';
import adminUsersRoutes from './admin-users.js';
import adminInvitesRoutes from './admin-invites.js';
import adminSchemaIoRoutes from './admin-schema-io.js';
import adminUiConfigsRoutes from './admin-ui-configs.js';
import adminAiRoutes from './admin-ai.js';
import auditRoutes from './audit.js';
import entityRoutes from './entities.js';
import eventRoutes from './events.js';
import fileRoutes from './files.js';
import openApiRoutes from './openapi.js';
import uiRoutes from './ui.js';
import workflowRoutes from './workflows.js';

/** Options: single-app mode's fixed app and host authentication (plugins/app-scope.ts). */
export default async function appRoutes(fastify: FastifyInstance, opts: AppScopeOptions): Promise<void> {
  await fastify.register(appScope, { app: opts.app, authenticate: opts.authenticate });
  await fastify.register(appAuthRoutes);
  await fastify.register(adminMetadataRoutes);
  await fastify.register(adminPermissionsRoutes);
  await fastify.register(adminRulesRoutes);
  await fastify.register(adminStateMachinesRoutes);
  await fastify.register(adminWorkflowsRoutes);
  await fastify.register(adminWebhooksRoutes);
  await fastify.register(adminWebhookLogsRoutes);
  await fastify.register(adminUsersRoutes);
  await fastify.register(adminInvitesRoutes);
  await fastify.register(adminSchemaIoRoutes);
  await fastify.register(adminUiConfigsRoutes);
  await fastify.register(adminAiRoutes);
  await fastify.register(uiRoutes);
  await fastify.register(auditRoutes);
  await fastify.register(openApiRoutes);
  await fastify.register(fileRoutes);
  await fastify.register(eventRoutes);
  await fastify.register(workflowRoutes);
  await fastify.register(entityRoutes);
}
