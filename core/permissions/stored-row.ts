// Reading `_permissions` rows (auth.md §1, §8.5): one decoder shared by the registry loader and
// the admin API, so both see the same representation on both dialects.
import type { Dialect } from '../db/types.js';
import type { PermissionAction, PolicyCondition, StoredPermission } from './policy.js';

/** All rows ordered by entity, then action (§8.5), then creation; byte order, so the same on every dialect. */
export function permissionsSql(dialect: Dialect): string {
  return `SELECT id, entity, action, roles, conditions, created_at, updated_at FROM _permissions ORDER BY ${dialect.byteOrder('entity')}, ${dialect.byteOrder('action')}, created_at, id`;
}

export function decodePermissionRow(d: Dialect, r: Record<string, unknown>): StoredPermission {
  return {
    id: String(r.id),
    entity: String(r.entity),
    action: String(r.action) as PermissionAction,
    roles: d.decodeTextArray(r.roles),
    // As stored: a hand-edited non-array is kept so the compiler can refuse it (it grants nothing).
    conditions: d.decodeJson<PolicyCondition[]>(r.conditions),
    created_at: d.decodeTimestamp(r.created_at)!,
    updated_at: d.decodeTimestamp(r.updated_at)!,
  };
}
