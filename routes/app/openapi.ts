// GET /api/:app/_openapi.json: the OpenAPI 3.1 document of the app, generated from its compiled
// registry and cached until the metadata changes. Any authenticated caller of the app may read it.
// Its server URL is absolute, from the request (scheme and host; X-Forwarded-Proto/-Host count
// only with `server.trust_proxy`, which is how Fastify's request.protocol and request.host read
// them), so a generated client needs no base URL of its own.
import type { FastifyInstance } from 'fastify';
import { openApiFor } from '../../core/openapi/cache.js';

export default async function openApiRoutes(fastify: FastifyInstance): Promise<void> {
  fastify.get('/_openapi.json', async (req, reply) => {
    const basePath = `${req.protocol}://${req.host}${fastify.prefix.replace(':app', req.rocketApp.name)}`;
    const { json } = openApiFor(req.rocketApp.registry, { app: req.rocketApp.name, basePath });
    return reply.type('application/json; charset=utf-8').send(json);
  });
}
