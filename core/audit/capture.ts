// The capture API of the audit log (observability-and-audit.md §B2): computed entries inserted into
// `_audit_logs` on the caller's transaction, so a failed insert rolls the change back. The write
// pipeline calls it through its audit step (core/write/steps/audit.ts); the admin services of
// users, invites and permissions, and later workflows and imports, call `captureChange` directly.
import type { Dialect, Queryable } from '../db/types.js';
import type { AuditActor, AuditSource } from './actor.js';
import { entryData, type AuditAction, type EntryData } from './diff.js';
import { auditId } from './ids.js';
import type { AuditPlan } from './plan.js';

export type { AuditActor, AuditSource } from './actor.js';

/** One entry to insert. */
export interface AuditEntry extends EntryData {
  entity: string;
  record_id: string;
  action: AuditAction;
  source: AuditSource;
}

const COLUMNS = 'id, entity, record_id, action, source, old_data, new_data, changed_fields, changes, user_id, user_email, ip_address, trace_id, created_at';
const PER_ROW = 10;
const sqlCache = new Map<string, string>();

/** `INSERT … VALUES (…), …`: the actor's four values are shared parameters ($1–$4). */
function insertSql(rows: number): string {
  let sql = sqlCache.get(String(rows));
  if (sql) return sql;
  const tuples: string[] = [];
  for (let r = 0, n = 4; r < rows; r++, n += PER_ROW) {
    const p = (i: number) => `$${n + i}`;
    tuples.push(`(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, $1, ` +
      `COALESCE($2, (SELECT email FROM _users WHERE id = $1)), $3, $4, ${p(10)})`);
  }
  sql = `INSERT INTO _audit_logs (${COLUMNS}) VALUES ${tuples.join(', ')}`;
  if (sqlCache.size < 64) sqlCache.set(String(rows), sql);
  return sql;
}

/** Inserts the entries in one statement on `q` (the change's transaction); `now` is the change's time. */
export async function insertAuditEntries(q: Queryable, dialect: Dialect, actor: AuditActor, entries: readonly AuditEntry[], now: Date): Promise<void> {
  if (entries.length === 0) return;
  const at = now.toISOString();
  const params: unknown[] = [actor.userId, actor.email, actor.ip, actor.traceId];
  for (const e of entries) {
    params.push(
      auditId(), e.entity, e.record_id, e.action, e.source, dialect.encodeJson(e.old_data ?? undefined), dialect.encodeJson(e.new_data ?? undefined),
      dialect.encodeTextArray(e.changed_fields), dialect.encodeJson(e.changes), at,
    );
  }
  await q.run(insertSql(entries.length), params);
}

/**
 * Captures one change of one record: the entry is computed from the records before and after
 * (both as read back, §B3) and inserted on `q`. No entry when the plan is null (not audited) or an
 * update changed nothing. The entry point for writers outside the record pipeline.
 */
export async function captureChange(
  q: Queryable, dialect: Dialect, actor: AuditActor | undefined, plan: AuditPlan | null,
  change: { action: AuditAction; recordId: string; before?: Record<string, unknown>; after?: Record<string, unknown>; source?: AuditSource; now?: Date },
): Promise<void> {
  if (!actor || !plan) return;
  const data = entryData(plan, change.action, change.before, change.after);
  if (!data) return;
  const entry: AuditEntry = { entity: plan.entity, record_id: change.recordId, action: change.action, source: change.source ?? actor.source, ...data };
  await insertAuditEntries(q, dialect, actor, [entry], change.now ?? new Date());
}
