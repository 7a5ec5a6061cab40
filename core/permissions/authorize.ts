// Permission decisions of auth.md §8.3 on the registry's precompiled index: no database access, no
// allocation on the admin path. Denials throw the documented 401/403 errors.
import type { Caller } from '../auth/tokens.js';
import type { Registry } from '../compile/registry.js';
import { errors } from '../errors.js';
import type { RowFilter } from '../query/conditions.js';
import type { PermissionAction } from './policy.js';
import type { PolicySet } from './permission-index.js';

/** Role `admin`, exact lowercase (auth.md §5.1, §8.1); platform tokens carry it too. */
export function isAdmin(caller: Caller | undefined): boolean {
  return caller !== undefined && caller.roles.includes('admin');
}

function unauthenticated(): never {
  throw errors.authenticationRequired();
}

/** The policy set of (entity, action); 403 "No permission …" when the pair has no row at all. */
function policies(registry: Registry, entity: string, action: PermissionAction): PolicySet {
  const set = registry.permissions.get(entity, action);
  if (set === undefined) throw errors.noPermission(action, entity);
  return set;
}

function denied(entity: string, action: PermissionAction): never {
  throw errors.permissionDenied(action, entity);
}

/**
 * §8.3 read: throws 401 (no caller: "Authentication required") / 403 (messages of §8.3); returns
 * undefined when unrestricted (admin, or a matching policy without conditions), else the row
 * filter of §8.4 (`[]` when the matching policies can match no row).
 */
export function readFilter(registry: Registry, caller: Caller | undefined, entity: string): RowFilter | undefined {
  if (caller === undefined) unauthenticated();
  if (isAdmin(caller)) return undefined;
  const filter = policies(registry, entity, 'read').readFilter(caller.roles);
  if (filter === null) denied(entity, 'read');
  return filter;
}

/** §8.3 create: throws 401/403; conditions not evaluated. */
export function assertCreate(registry: Registry, caller: Caller | undefined, entity: string): void {
  if (caller === undefined) unauthenticated();
  if (isAdmin(caller)) return;
  if (!policies(registry, entity, 'create').matchesAny(caller.roles)) denied(entity, 'create');
}

/** §8.3 update/delete against the current (pre-change) record, already decoded to API values; throws 401/403. */
export function assertRecordAction(
  registry: Registry,
  caller: Caller | undefined,
  entity: string,
  action: 'update' | 'delete',
  record: Record<string, unknown>,
): void {
  if (caller === undefined) unauthenticated();
  if (isAdmin(caller)) return;
  if (!policies(registry, entity, action).allowsRecord(caller.roles, record)) denied(entity, action);
}
