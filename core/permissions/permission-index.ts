// The compiled permission index of one registry snapshot (auth.md §8): entity → action → the
// policies of that pair, with lowercased role sets, a record predicate (§8.2) and, for `read`, the
// row-filter group (§8.4). Built once per metadata/permission change; requests only look up.
import type { CompiledEntity } from '../compile/compiled-entity.js';
import type { Logger } from '../logger.js';
import type { Condition, RowFilter } from '../query/conditions.js';
import { isConditionOperator, isPermissionAction, type PermissionAction, type PolicyCondition, type StoredPermission } from './policy.js';
import { compileReadGroup } from './read-group.js';
import { compileRecordTest, NEVER, type RecordTest } from './record-test.js';

export interface CompiledPolicy {
  readonly id: string;
  /** Lowercased roles (§8.1: matched case-insensitively). */
  readonly roles: ReadonlySet<string>;
  /** No condition: allows every record / row. */
  readonly unconditional: boolean;
  /** AND of the conditions against a decoded record (update/delete). */
  readonly test: RecordTest;
  /** `read` only: the row-filter AND-group; null when the policy can match no row. */
  readonly group: readonly Condition[] | null;
}

/** Bit masks cover the first 30 policies of a pair; larger sets take a slower, uncached path. */
const MASK_BITS = 30;
const MAX_CACHED_FILTERS = 256;

/** The policies of one (entity, action) pair, with role → policy bit masks precomputed. */
export class PolicySet {
  private readonly roleMasks = new Map<string, number>();
  private readonly openMask: number = 0;
  private readonly filters = new Map<number, RowFilter>();
  private readonly masked: boolean;

  constructor(readonly policies: readonly CompiledPolicy[]) {
    this.masked = policies.length <= MASK_BITS;
    if (!this.masked) return;
    let open = 0;
    policies.forEach((p, i) => {
      const bit = 1 << i;
      if (p.unconditional) open |= bit;
      for (const role of p.roles) this.roleMasks.set(role, (this.roleMasks.get(role) ?? 0) | bit);
    });
    this.openMask = open;
  }

  /** Whether any policy applies to a caller with these roles. */
  matchesAny(roles: readonly string[]): boolean {
    if (this.masked) return this.mask(roles) !== 0;
    for (const p of this.policies) if (appliesTo(p, roles)) return true;
    return false;
  }

  /** Whether some applicable policy has no conditions or all of them pass against `record`. */
  allowsRecord(roles: readonly string[], record: Record<string, unknown>): boolean {
    const policies = this.policies;
    if (this.masked) {
      let mask = this.mask(roles);
      if ((mask & this.openMask) !== 0) return true;
      for (let i = 0; mask !== 0; i++, mask >>>= 1) if ((mask & 1) !== 0 && policies[i].test(record)) return true;
      return false;
    }
    for (const p of policies) if (appliesTo(p, roles) && (p.unconditional || p.test(record))) return true;
    return false;
  }

  /**
   * `read` row filter for a caller: `null` when no policy applies, `undefined` when an applicable
   * policy is unconditional, else the OR of the applicable policies' groups (`[]` = no row). The
   * same filter object is returned for the same set of applicable policies, so the SQL text cache
   * keyed on it keeps hitting.
   */
  readFilter(roles: readonly string[]): RowFilter | undefined | null {
    if (!this.masked) return this.unmaskedFilter(roles);
    const mask = this.mask(roles);
    if (mask === 0) return null;
    if ((mask & this.openMask) !== 0) return undefined;
    let filter = this.filters.get(mask);
    if (filter === undefined) {
      const groups: (readonly Condition[])[] = [];
      for (let i = 0, m = mask; m !== 0; i++, m >>>= 1) {
        const group = (m & 1) !== 0 ? this.policies[i].group : null;
        if (group !== null) groups.push(group);
      }
      filter = Object.freeze(groups);
      if (this.filters.size >= MAX_CACHED_FILTERS) this.filters.clear();
      this.filters.set(mask, filter);
    }
    return filter;
  }

  private mask(roles: readonly string[]): number {
    const masks = this.roleMasks;
    let mask = 0;
    for (let i = 0; i < roles.length; i++) {
      const bits = masks.get(roles[i]) ?? masks.get(roles[i].toLowerCase());
      if (bits !== undefined) mask |= bits;
    }
    return mask;
  }

  private unmaskedFilter(roles: readonly string[]): RowFilter | undefined | null {
    const groups: (readonly Condition[])[] = [];
    let applies = false;
    for (const p of this.policies) {
      if (!appliesTo(p, roles)) continue;
      if (p.unconditional) return undefined;
      applies = true;
      if (p.group !== null) groups.push(p.group);
    }
    return applies ? groups : null;
  }
}

function appliesTo(p: CompiledPolicy, roles: readonly string[]): boolean {
  for (const role of roles) if (p.roles.has(role) || p.roles.has(role.toLowerCase())) return true;
  return false;
}

type ActionSets = Partial<Record<PermissionAction, PolicySet>>;

/**
 * Conditions the engine can evaluate. Looser than the admin validation on purpose: a stored
 * non-array `in`/`not_in` value keeps its §8.2 meaning (in fails, not_in passes).
 */
function wellFormed(conditions: unknown): conditions is PolicyCondition[] {
  return Array.isArray(conditions) && conditions.every((c) =>
    typeof c === 'object' && c !== null && typeof c.field === 'string' && isConditionOperator(c.operator));
}

function compilePolicy(row: StoredPermission, entity: CompiledEntity | undefined, log: Logger | undefined): CompiledPolicy {
  const roles = new Set(Array.isArray(row.roles) ? row.roles.filter((r) => typeof r === 'string').map((r) => r.toLowerCase()) : []);
  const conditions = row.conditions as unknown;
  if (!wellFormed(conditions)) {
    // Only a hand-edited row gets here (the admin API validates): it grants nothing.
    log?.error({ permission: row.id }, 'stored permission has invalid conditions; it grants nothing');
    return { id: row.id, roles, unconditional: false, test: NEVER, group: null };
  }
  const unconditional = conditions.length === 0;
  const group = row.action === 'read' && entity ? compileReadGroup(entity, conditions) : null;
  return {
    id: row.id,
    roles,
    // A read policy whose conditions all hold for every row (e.g. not_in with a non-array) is open too.
    unconditional: unconditional || (group !== null && group.length === 0),
    test: compileRecordTest(conditions),
    group,
  };
}

export class PermissionIndex {
  static readonly EMPTY = new PermissionIndex(new Map());

  private constructor(private readonly byEntity: ReadonlyMap<string, ActionSets>) {}

  /** Compiles stored rows against the compiled entities (rows of unknown actions are skipped). */
  static compile(rows: readonly StoredPermission[], entities: ReadonlyMap<string, CompiledEntity>, log?: Logger): PermissionIndex {
    if (rows.length === 0) return PermissionIndex.EMPTY;
    const grouped = new Map<string, Partial<Record<PermissionAction, CompiledPolicy[]>>>();
    for (const row of rows) {
      if (!isPermissionAction(row.action) || typeof row.entity !== 'string') {
        log?.error({ permission: row.id }, 'stored permission has an invalid entity or action; skipped');
        continue;
      }
      let actions = grouped.get(row.entity);
      if (!actions) grouped.set(row.entity, (actions = {}));
      (actions[row.action] ??= []).push(compilePolicy(row, entities.get(row.entity), log));
    }
    const byEntity = new Map<string, ActionSets>();
    for (const [entity, actions] of grouped) {
      const sets: ActionSets = {};
      for (const action of Object.keys(actions) as PermissionAction[]) sets[action] = new PolicySet(actions[action]!);
      byEntity.set(entity, sets);
    }
    return new PermissionIndex(byEntity);
  }

  /** The policies of (entity, action), or undefined when no row exists for the pair. */
  get(entity: string, action: PermissionAction): PolicySet | undefined {
    return this.byEntity.get(entity)?.[action];
  }
}
