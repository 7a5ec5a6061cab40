// Reserved paths that match nothing answer 404 "Route not found" without resolving the app or
// authenticating (platform-and-apps.md §7), and are never mistaken for an entity named `_admin`.
import type { FastifyInstance } from 'fastify';
import { errors } from '../core/errors.js';

const RESERVED = ['auth', '_admin', '_ui', '_workflows', '_files', '_events', '_public', '_dashboards', '_reports', '_audit'];
/** Methods a reserved segment answers itself at its own path (`GET /_files`: the file list). */
const OWN_METHODS: Record<string, string[]> = { _files: ['GET', 'HEAD'], _workflows: ['GET', 'HEAD'], _events: ['GET', 'HEAD', 'POST'] };

export default async function notFoundRoutes(fastify: FastifyInstance): Promise<void> {
  const notFound = async () => {
    throw errors.routeNotFound();
  };
  for (const segment of RESERVED) {
    const own = OWN_METHODS[segment];
    if (own) fastify.route({ method: fastify.supportedMethods.filter((m) => !own.includes(m)), url: `/api/:app/${segment}`, handler: notFound });
    else fastify.all(`/api/:app/${segment}`, notFound);
    fastify.all(`/api/:app/${segment}/*`, notFound);
  }
  fastify.all('/api/:app', notFound);
}
