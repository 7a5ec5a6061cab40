// /api/:app/_admin/ai (schema-io.md §4): whether the AI schema generator is configured, and a
// generated SchemaDocument proposal for a prompt; admin only. One generator (and so one set of
// keep-alive sockets to the provider) serves every app; it closes with the server.
import type { FastifyInstance } from 'fastify';
import { ensureFreshRegistry } from '../../core/admin/fresh-registry.js';
import { AiGenerator } from '../../core/ai/generator.js';
import { aiSettings, aiStatus } from '../../core/ai/settings.js';

export default async function adminAiRoutes(fastify: FastifyInstance): Promise<void> {
  const config = fastify.rocket.config.ai;
  const generator = new AiGenerator(aiSettings(config));
  fastify.addHook('onClose', () => generator.close());
  const admin = { config: { admin: true } };

  fastify.get('/_admin/ai/status', admin, async () => ({ data: aiStatus(config) }));
  // The current registry, so an entity created on another instance a moment ago is listed as existing.
  fastify.post('/_admin/ai/generate', admin, async (req) => ({
    data: await generator.generate(req.body, () => ensureFreshRegistry(req.rocketApp, req.log), req.log),
  }));
}
