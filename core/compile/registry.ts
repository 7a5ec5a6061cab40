// The immutable snapshot of one app's compiled metadata. A new Registry is built on every admin
// change and swapped in atomically; requests keep the snapshot they started with.
import type { Logger } from '../logger.js';
import { resolveRelationToken, type ResolvedRelation } from '../metadata/resolve-relation.js';
import type { Dialect } from '../db/types.js';
import type { EntityDef, RelationDef } from '../metadata/types.js';
import { PermissionIndex } from '../permissions/permission-index.js';
import type { StoredPermission } from '../permissions/policy.js';
import { compileRules, type EntityRules } from '../rules/compile.js';
import type { StoredRule } from '../rules/types.js';
import { compileStateMachines, initialStates, type CompiledMachine } from '../state-machines/compile.js';
import type { StoredStateMachine } from '../state-machines/types.js';
import { compileWebhooks, type EntityWebhooks } from '../webhooks/compile.js';
import type { StoredWebhook } from '../webhooks/types.js';
import { compileWorkflows, NO_WORKFLOWS, type AppWorkflows } from '../workflows/compile.js';
import type { StoredWorkflow } from '../workflows/types.js';
import { compileWriteSteps } from '../write/steps/index.js';
import { compileEntity, type CompiledEntity } from './compiled-entity.js';

export interface StoredEntity {
  name: string;
  table_name: string;
  definition: EntityDef;
  created_at: string;
  updated_at: string;
}

export interface StoredRelation {
  name: string;
  source: string;
  target: string;
  definition: RelationDef;
  created_at: string;
  updated_at: string;
}

export class Registry {
  private readonly resolved = new Map<string, ResolvedRelation | null>();
  /** The compiled active rules per entity (logic.md §1); set by `compileRegistry` before the steps. */
  readonly rules: ReadonlyMap<string, EntityRules> = new Map();
  /** The compiled active state machines per entity, in creation order (logic.md §3); set like `rules`. */
  readonly stateMachines: ReadonlyMap<string, readonly CompiledMachine[]> = new Map();
  /** The active entity webhooks per entity and hook, in created_at order (webhooks-and-files.md §A3). */
  readonly webhooks: ReadonlyMap<string, EntityWebhooks> = new Map();
  /** Whether the app has any webhook row, active or not (the retry scheduler skips apps without). */
  readonly hasWebhookRows: boolean = false;
  /** The compiled workflows (logic.md §4): all by id, the active ones by trigger; set like `rules`. */
  readonly workflows: AppWorkflows = NO_WORKFLOWS;

  constructor(
    readonly dialect: Dialect,
    readonly entities: ReadonlyMap<string, CompiledEntity>,
    readonly relations: readonly RelationDef[],
    /** The stored rows, as the admin API returns them (ordered by name). */
    readonly stored: { entities: readonly StoredEntity[]; relations: readonly StoredRelation[] },
    /** Bumped on every rebuild; part of cache keys derived from the snapshot. */
    readonly version: number,
    /** The compiled `_permissions` policies (auth.md §8), looked up per request. */
    readonly permissions: PermissionIndex = PermissionIndex.EMPTY,
  ) {}

  static empty(dialect: Dialect): Registry {
    return new Registry(dialect, new Map(), [], { entities: [], relations: [] }, 0);
  }

  entity(name: string): CompiledEntity | undefined {
    return this.entities.get(name);
  }

  /** metadata.md §8.5, memoised per (entity, token). */
  resolveRelation(entity: string, token: string): ResolvedRelation | undefined {
    const key = `${entity}\u0000${token}`;
    let hit = this.resolved.get(key);
    if (hit === undefined) {
      hit = resolveRelationToken(token, entity, this.relations) ?? null;
      this.resolved.set(key, hit);
    }
    return hit ?? undefined;
  }

  /** Join tables of every many_to_many relation (an entity table may not reuse one). */
  joinTables(): Set<string> {
    return new Set(this.relations.filter((r) => r.type === 'many_to_many').map((r) => r.join_table!));
  }
}

/** Tokens a payload may use for a forward relation of `entity` (candidates of §8.5's rules). */
function forwardRelationKeys(entity: string, relations: readonly RelationDef[], registry: Registry, fields: Set<string>): Map<string, RelationDef> {
  const keys = new Map<string, RelationDef>();
  for (const r of relations) {
    if (r.source !== entity && r.target !== entity) continue;
    const candidates = [r.name, r.target, r.source];
    if (r.name.startsWith(`${entity}_`)) candidates.push(r.name.slice(entity.length + 1));
    for (const token of candidates) {
      if (fields.has(token) || keys.has(token)) continue;
      const hit = registry.resolveRelation(entity, token);
      if (hit && hit.direction === 'forward') keys.set(token, hit.relation);
    }
  }
  return keys;
}

/**
 * Compiles stored metadata and permission rows; an entity or relation that fails to compile is
 * logged and skipped (a broken permission row grants nothing).
 */
export function compileRegistry(
  dialect: Dialect,
  stored: {
    entities: StoredEntity[]; relations: StoredRelation[]; permissions?: readonly StoredPermission[]; rules?: readonly StoredRule[];
    stateMachines?: readonly StoredStateMachine[]; webhooks?: readonly StoredWebhook[];
    workflows?: readonly StoredWorkflow[];
  },
  version: number,
  log: Logger,
): Registry {
  const entities = new Map<string, CompiledEntity>();
  for (const row of stored.entities) {
    try {
      entities.set(row.name, compileEntity(row.definition, dialect));
    } catch (err) {
      log.error({ err, entity: row.name }, 'stored entity definition is invalid; skipped');
    }
  }
  const relations = stored.relations
    .map((r) => r.definition)
    .filter((r) => entities.has(r.source) && entities.has(r.target));
  const permissions = PermissionIndex.compile(stored.permissions ?? [], entities, log);
  const registry = new Registry(dialect, entities, relations, { entities: stored.entities, relations: stored.relations }, version, permissions);
  for (const entity of entities.values()) {
    const fields = new Set(entity.fields.map((f) => f.name));
    const keys = forwardRelationKeys(entity.name, relations, registry, fields);
    (entity.validator as { relationKeys: ReadonlyMap<string, RelationDef> }).relationKeys = keys;
  }
  // Rules and state machines resolve relations and other entities, so they compile once the registry has them.
  (registry as { rules: Registry['rules'] }).rules = compileRules(stored.rules ?? [], registry, log);
  (registry as { webhooks: Registry['webhooks'] }).webhooks = compileWebhooks(stored.webhooks ?? [], log);
  (registry as { hasWebhookRows: boolean }).hasWebhookRows = (stored.webhooks?.length ?? 0) > 0;
  (registry as { workflows: AppWorkflows }).workflows = compileWorkflows(stored.workflows ?? [], log);
  const machines = compileStateMachines(stored.stateMachines ?? [], registry, log);
  (registry as { stateMachines: Registry['stateMachines'] }).stateMachines = machines;
  for (const entity of entities.values()) {
    (entity.validator as { initialStates: ReadonlyMap<string, string> | undefined }).initialStates = initialStates(machines.get(entity.name));
  }
  // Steps compile last: they may look at the whole registry (relations, permissions, rules, other entities).
  for (const entity of entities.values()) (entity as { steps: CompiledEntity['steps'] }).steps = compileWriteSteps(entity, registry);
  return registry;
}
