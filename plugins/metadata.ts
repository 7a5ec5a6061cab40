// Compiles every app's metadata registry when the app loads, and reloads it when another instance
// announces a change (platform-and-apps.md §8.1).
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { reloadRegistry } from '../core/admin/metadata-admin.js';

async function metadataPlugin(fastify: FastifyInstance): Promise<void> {
  const platform = fastify.rocket;
  platform.apps.addLoadHook((ctx) => reloadRegistry(ctx, fastify.log));
  // Local admin writes reload the registry themselves before announcing the change.
  const off = platform.events.on('metadata.changed', async ({ app, origin }) => {
    const ctx = origin === 'remote' ? platform.apps.get(app) : undefined;
    if (!ctx) return;
    try {
      await reloadRegistry(ctx, fastify.log);
    } catch (err) {
      fastify.log.error({ err, app }, 'could not reload metadata changed by another instance');
    }
  });
  fastify.addHook('onClose', async () => off());
  // Every active app loads at start (platform-and-apps.md §4.5); one that fails is logged and
  // retried lazily on its next request.
  await platform.apps.loadAll();
}

export default fp(metadataPlugin, { name: 'rocket-metadata', fastify: '5.x', dependencies: ['rocket-platform'] });
