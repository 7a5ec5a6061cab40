// GET /:entity/:id/history (observability-and-audit.md §B7.3): the record is addressed like
// GET /:entity/:id, through the read facade (read permission, row filter); an admin, who bypasses
// both, also gets the history of a record that no longer exists (`:id` taken as the record id).
// Only admins see `ip_address`.
import type { CompiledEntity } from '../compile/compiled-entity.js';
import type { Database } from '../db/types.js';
import { errors } from '../errors.js';
import { isAdmin } from '../permissions/authorize.js';
import { getRecord, type ReadContext } from '../query/read.js';
import { recordHistory, type AuditPage } from './query.js';

export async function historyOf(ctx: ReadContext & { db: Database }, entity: CompiledEntity, id: string, input: Record<string, unknown>): Promise<AuditPage> {
  const record = await getRecord(ctx, entity, id);
  const admin = isAdmin(ctx.caller);
  if (!record && !admin) throw errors.recordNotFound(entity.name, id);
  const recordId = record ? String(record[entity.pk.name]) : id;
  return recordHistory(ctx.db, entity.name, recordId, input, admin);
}
