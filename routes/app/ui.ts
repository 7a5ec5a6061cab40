// /api/:app/_ui (schema-io.md §3): the UI configs of scope "default" for any authenticated caller,
// whatever their roles — the end-user client renders its screens from them. Other scopes are read
// through the admin API only.
import type { FastifyInstance } from 'fastify';
import { findUiConfig, listUiConfigs } from '../../core/ui-configs/store.js';
import { DEFAULT_SCOPE } from '../../core/ui-configs/validate.js';

export default async function uiRoutes(fastify: FastifyInstance): Promise<void> {
  fastify.get('/_ui/configs', async (req) => ({ data: await listUiConfigs(req.rocketApp.db, DEFAULT_SCOPE) }));

  // No config for the entity (or no such entity) is not an error: `data` is null.
  fastify.get('/_ui/config/:entity', async (req) => {
    const { entity } = req.params as { entity: string };
    return { data: (await findUiConfig(req.rocketApp.db, entity)) ?? null };
  });
}
