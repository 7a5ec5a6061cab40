// What the audit log records of one entity or system table (observability-and-audit.md §B3–§B5):
// the snapshot fields in order (excluded ones left out), which of them are masked, and which count
// for `changed_fields`. Built once per (entity, settings) and shared by the two ways an entry is
// written: computed here in JS (./diff.ts) or by SQL in the row's own statement (./cte.ts).
import type { CompiledEntity } from '../compile/compiled-entity.js';
import type { Storage } from '../db/types.js';
import { isPlainObject } from '../metadata/names.js';
import type { EntityDef } from '../metadata/types.js';
import type { AuditSettings } from './settings.js';

export interface AuditField {
  readonly name: string;
  /** Quoted column of an entity field; undefined for the engine's `deleted_at` (null in every live snapshot) and system tables. */
  readonly column: string | undefined;
  /** How the value compares (§B3) and, for entity fields, how SQL renders it; undefined: as JSON. */
  readonly storage: Storage | undefined;
  /** Written as "***" (a null stays null). */
  readonly mask: boolean;
  /** Counted in `changed_fields`; auto timestamps are kept in snapshots but never are. */
  readonly diffed: boolean;
}

export interface AuditPlan {
  /** The `entity` column: the entity name or a system table name. */
  readonly entity: string;
  readonly fields: readonly AuditField[];
  /** Tells plans apart in SQL caches. */
  readonly id: number;
}

/** An entity definition's `audit` key (§B5), already validated (core/metadata/validate-audit.ts). */
export interface EntityAuditConfig {
  /** undefined: follows `audit.default`. */
  readonly enabled: boolean | undefined;
  readonly mask: ReadonlySet<string>;
  readonly exclude: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();
const names = (v: unknown): ReadonlySet<string> => (Array.isArray(v) ? new Set(v.filter((x): x is string => typeof x === 'string')) : NONE);

export function entityAuditConfig(def: EntityDef): EntityAuditConfig {
  const audit = def.audit;
  if (typeof audit === 'boolean') return { enabled: audit, mask: NONE, exclude: NONE };
  if (!isPlainObject(audit)) return { enabled: undefined, mask: NONE, exclude: NONE };
  return {
    enabled: typeof audit.enabled === 'boolean' ? audit.enabled : undefined,
    mask: names(audit.mask_fields),
    exclude: names(audit.exclude_fields),
  };
}

/** §B4: a name containing one of the patterns (case-insensitive) is masked. */
export function matchesMaskPattern(name: string, settings: AuditSettings): boolean {
  const lower = name.toLowerCase();
  return settings.maskPatterns.some((p) => lower.includes(p));
}

let nextId = 0;
const entityPlans = new WeakMap<CompiledEntity, Map<AuditSettings, AuditPlan | null>>();

function buildEntityPlan(entity: CompiledEntity, settings: AuditSettings): AuditPlan | null {
  const config = entityAuditConfig(entity.def);
  if (!settings.enabled || !(config.enabled ?? settings.byDefault)) return null;
  const fields: AuditField[] = [];
  for (const f of entity.fields) {
    if (config.exclude.has(f.name)) continue;
    const flagged = f.def.sensitive === true || f.def.pii === true;
    fields.push({
      name: f.name, column: f.column, storage: f.storage,
      mask: flagged || config.mask.has(f.name) || matchesMaskPattern(f.name, settings),
      diffed: f.auto === undefined,
    });
  }
  // Snapshots have the shape of GET /:entity/:id (§B3), which shows the engine's deleted_at.
  if (entity.softDelete && !entity.fieldMap.has('deleted_at') && !config.exclude.has('deleted_at')) {
    fields.push({ name: 'deleted_at', column: undefined, storage: { kind: 'timestamp' }, mask: false, diffed: false });
  }
  return { entity: entity.name, fields, id: ++nextId };
}

/** The entity's plan under these settings, or null when its writes are not audited (§B5). */
export function entityPlan(entity: CompiledEntity, settings: AuditSettings): AuditPlan | null {
  let bySettings = entityPlans.get(entity);
  if (!bySettings) entityPlans.set(entity, (bySettings = new Map()));
  let plan = bySettings.get(settings);
  if (plan === undefined) bySettings.set(settings, (plan = buildEntityPlan(entity, settings)));
  return plan;
}

/** Whether the definition opts the entity out for good (`audit: false`), whatever the settings. */
export function optedOut(entity: CompiledEntity): boolean {
  return entityAuditConfig(entity.def).enabled === false;
}

export interface SystemField {
  readonly name: string;
  readonly storage?: Storage;
  /** Maintained by the engine (created_at, updated_at): never in `changed_fields`. */
  readonly auto?: boolean;
  /** Always masked, whatever the patterns (`_invites.token`). */
  readonly mask?: boolean;
}

const systemPlans = new Map<string, Map<AuditSettings, AuditPlan>>();

/**
 * The plan of a system table (§B4, §B5: always audited while `audit.enabled`); the patterns apply
 * as to entities. Fields left out of `fields` (`_users.password_hash`) are never recorded.
 */
export function systemPlan(table: string, fields: readonly SystemField[], settings: AuditSettings): AuditPlan | null {
  if (!settings.enabled) return null;
  let bySettings = systemPlans.get(table);
  if (!bySettings) systemPlans.set(table, (bySettings = new Map()));
  let plan = bySettings.get(settings);
  if (!plan) {
    plan = {
      entity: table,
      fields: fields.map((f) => ({
        name: f.name, column: undefined, storage: f.storage, mask: f.mask === true || matchesMaskPattern(f.name, settings), diffed: f.auto !== true,
      })),
      id: ++nextId,
    };
    bySettings.set(settings, plan);
  }
  return plan;
}
