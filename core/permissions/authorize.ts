// Permission decisions of auth.md §8.3 on the registry's precompiled index: no database access, no
// allocation on the admin path. Denials throw the documented 401/403 errors. Each decision is a
// `permission.check` span (observability-and-audit.md §A3) when the request is traced: the check
// for a recording span comes first, so an untraced decision costs one lookup more.
import type { Caller } from '../auth/tokens.js';
import type { Registry } from '../compile/registry.js';
import { errors } from '../errors.js';
import type { RowFilter } from '../query/conditions.js';
import type { PermissionAction } from './policy.js';
import type { PolicySet } from './permission-index.js';
import { SPANS, startSpan, type ActiveSpan, type Parent } from '../tracing/index.js';

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

/** The decision as a recorded span: `action`, `result` (admin_bypass / allowed / denied), and the error of a denial. */
function traced<T>(span: ActiveSpan, action: PermissionAction, caller: Caller | undefined, decide: () => T): T {
  let result: T;
  try {
    result = decide();
  } catch (err) {
    span.set('action', action).set('result', 'denied').fail(err);
    throw err;
  }
  span.end('ok', { action, result: isAdmin(caller) ? 'admin_bypass' : 'allowed' });
  return result;
}

function decideRead(registry: Registry, caller: Caller | undefined, entity: string): RowFilter | undefined {
  if (caller === undefined) unauthenticated();
  if (isAdmin(caller)) return undefined;
  const filter = policies(registry, entity, 'read').readFilter(caller.roles);
  if (filter === null) denied(entity, 'read');
  return filter;
}

/**
 * §8.3 read: throws 401 (no caller: "Authentication required") / 403 (messages of §8.3); returns
 * undefined when unrestricted (admin, or a matching policy without conditions), else the row
 * filter of §8.4 (`[]` when the matching policies can match no row).
 */
export function readFilter(registry: Registry, caller: Caller | undefined, entity: string, parent?: Parent): RowFilter | undefined {
  const span = startSpan(parent, SPANS.permissionCheck, entity);
  if (!span.recording) return decideRead(registry, caller, entity);
  return traced(span, 'read', caller, () => decideRead(registry, caller, entity));
}

function decideCreate(registry: Registry, caller: Caller | undefined, entity: string): void {
  if (caller === undefined) unauthenticated();
  if (isAdmin(caller)) return;
  if (!policies(registry, entity, 'create').matchesAny(caller.roles)) denied(entity, 'create');
}

/** §8.3 create: throws 401/403; conditions not evaluated. */
export function assertCreate(registry: Registry, caller: Caller | undefined, entity: string, parent?: Parent): void {
  const span = startSpan(parent, SPANS.permissionCheck, entity);
  if (!span.recording) return decideCreate(registry, caller, entity);
  traced(span, 'create', caller, () => decideCreate(registry, caller, entity));
}

function decideRecord(
  registry: Registry, caller: Caller | undefined, entity: string, action: 'update' | 'delete', record: Record<string, unknown>,
): void {
  if (caller === undefined) unauthenticated();
  if (isAdmin(caller)) return;
  if (!policies(registry, entity, action).allowsRecord(caller.roles, record)) denied(entity, action);
}

/** §8.3 update/delete against the current (pre-change) record, already decoded to API values; throws 401/403. */
export function assertRecordAction(
  registry: Registry,
  caller: Caller | undefined,
  entity: string,
  action: 'update' | 'delete',
  record: Record<string, unknown>,
  parent?: Parent,
): void {
  const span = startSpan(parent, SPANS.permissionCheck, entity);
  if (!span.recording) return decideRecord(registry, caller, entity, action, record);
  traced(span, action, caller, () => decideRecord(registry, caller, entity, action, record));
}
