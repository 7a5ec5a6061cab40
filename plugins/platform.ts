// Starts the control plane (management database, seeded admin, app manager, notifications) and
// decorates the instance with it; closes it with the server.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { RocketConfig } from '../config/schema.js';
import { Platform } from '../core/platform/platform.js';

async function platformPlugin(fastify: FastifyInstance, opts: { config: RocketConfig }): Promise<void> {
  const platform = await Platform.start(opts.config, fastify.log);
  fastify.decorate('rocket', platform);
  fastify.addHook('onClose', async () => platform.close());
}

export default fp(platformPlugin, { name: 'rocket-platform', fastify: '5.x' });
