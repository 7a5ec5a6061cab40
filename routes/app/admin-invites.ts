// /api/:app/_admin/invites (auth.md §7); admin only. Accepting is public: routes/app/auth.ts.
// Bodies are checked by their route schemas (core/bodies/access.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { InviteService } from '../../core/auth/invites.js';
import { withBody } from '../../core/bodies/validate.js';
import { InviteBulkBody, InviteCreateBody } from '../../core/bodies/access.js';
import { lazyAuditActor } from '../../plugins/audit.js';

export default async function adminInvitesRoutes(host: FastifyInstance): Promise<void> {
  const fastify = host.withTypeProvider<TypeBoxTypeProvider>();
  const admin = { config: { admin: true } };
  const service = (req: FastifyRequest) => new InviteService(req.rocketApp.db, req.rocketApp.sessions, lazyAuditActor(req, 'admin'));
  // An app user id, or a platform user id when a platform token was used (auth.md §7).
  const invitedBy = (req: FastifyRequest) => req.rocketCaller?.id ?? null;

  fastify.get('/_admin/invites', admin, async (req) => ({ data: await service(req).list() }));
  fastify.post('/_admin/invites', withBody(InviteCreateBody, admin), async (req, reply) =>
    reply.code(201).send({ data: await service(req).create(req.body, invitedBy(req)) }));
  fastify.post('/_admin/invites/bulk', withBody(InviteBulkBody, admin), async (req) => ({ data: await service(req).bulk(req.body, invitedBy(req)) }));
  fastify.delete('/_admin/invites/:id', admin, async (req) =>
    ({ data: await service(req).revoke((req.params as { id: string }).id) }));
}
