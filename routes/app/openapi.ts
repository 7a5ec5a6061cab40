// GET /api/:app/_openapi.json: the OpenAPI 3.1 document of the app, generated from its compiled
// registry and cached until the metadata changes. Any authenticated caller of the app may read it.
import type { FastifyInstance } from 'fastify';
import { openApiFor } from '../../core/openapi/cache.js';

export default async function openApiRoutes(fastify: FastifyInstance): Promise<void> {
  fastify.get('/_openapi.json', async (req, reply) => {
    const { json } = openApiFor(req.app.registry, { app: req.app.name, basePath: `${fastify.prefix}`.replace(':app', req.app.name) });
    return reply.type('application/json; charset=utf-8').send(json);
  });
}
