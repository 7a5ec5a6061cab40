// The audited system tables (observability-and-audit.md §B2, §B4; auth.md §9): users, invites and
// permissions, always audited while `audit.enabled`, captured by their admin services through the
// same entry computation as entity records. Snapshots are the admin API's views of the rows;
// `_users.password_hash` is never part of them and `_invites.token` is always masked.
import type { Dialect, Queryable } from '../db/types.js';
import type { AuditActor } from './actor.js';
import { captureChange } from './capture.js';
import type { AuditAction } from './diff.js';
import { systemPlan, type SystemField } from './plan.js';

const TS = { kind: 'timestamp' } as const;

export interface SystemTable {
  readonly name: string;
  readonly fields: readonly SystemField[];
}

export const USERS: SystemTable = {
  name: '_users',
  fields: [{ name: 'id' }, { name: 'email' }, { name: 'roles' }, { name: 'active' }, { name: 'created_at', storage: TS, auto: true }, { name: 'updated_at', storage: TS, auto: true }],
};

export const INVITES: SystemTable = {
  name: '_invites',
  fields: [
    { name: 'id' }, { name: 'email' }, { name: 'roles' }, { name: 'token', mask: true }, { name: 'expires_at', storage: TS },
    { name: 'accepted_at', storage: TS }, { name: 'invited_by' }, { name: 'created_at', storage: TS, auto: true },
  ],
};

export const PERMISSIONS: SystemTable = {
  name: '_permissions',
  fields: [
    { name: 'id' }, { name: 'entity' }, { name: 'action' }, { name: 'roles' }, { name: 'conditions' },
    { name: 'created_at', storage: TS, auto: true }, { name: 'updated_at', storage: TS, auto: true },
  ],
};

type Row = Record<string, unknown>;

/** Captures one change of a system table row on `q` (the change's transaction); nothing without an actor. */
export async function captureSystemChange(
  q: Queryable, dialect: Dialect, actor: AuditActor | undefined, table: SystemTable,
  change: { action: AuditAction; id: string; before?: Row; after?: Row },
): Promise<void> {
  if (!actor) return;
  await captureChange(q, dialect, actor, systemPlan(table.name, table.fields, actor.settings), {
    action: change.action, recordId: change.id, before: change.before, after: change.after,
  });
}
