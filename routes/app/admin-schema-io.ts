// /api/:app/_admin/export and /_admin/import (schema-io.md §1, §2), with the dry run
// (`?dry_run=true`, beyond the spec); admin only. The import's body may be far larger than other
// requests' (a document with its sample data): `server.import_body_limit` applies to it alone.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors } from '../../core/errors.js';
import { parseDocument } from '../../core/schema-io/document.js';
import { planImport } from '../../core/schema-io/dry-run.js';
import { exportSchema } from '../../core/schema-io/export.js';
import { importDocument } from '../../core/schema-io/apply.js';
import { requestAuditActor } from '../../plugins/audit.js';

/** `?dry_run=true|1` plans, `false|0` or none imports; anything else is a 400. */
function dryRun(req: FastifyRequest): boolean {
  const value = (req.query as { dry_run?: unknown }).dry_run;
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1' || value === '') return true;
  throw errors.dryRunInvalid();
}

export default async function adminSchemaIoRoutes(fastify: FastifyInstance): Promise<void> {
  const admin = { admin: true };

  fastify.get('/_admin/export', { config: admin }, async (req) => ({ data: await exportSchema(req.rocketApp, req.log) }));

  fastify.post('/_admin/import', { config: admin, bodyLimit: fastify.rocket.config.server.import_body_limit }, async (req) => {
    const plan = dryRun(req);
    const doc = parseDocument(req.body);
    const actor = await requestAuditActor(req, 'import');
    if (plan) return { data: await planImport(req.rocketApp, req.log, actor, doc) };
    const { summary, errors: failed } = await importDocument(fastify.rocket, req.rocketApp, req.log, actor, doc);
    return { data: { message: 'Import completed', summary, ...(failed.length > 0 ? { errors: failed } : {}) } };
  });
}
