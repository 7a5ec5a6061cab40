// The active rules of every entity, compiled once per registry (logic.md §1.7): per hook, the field
// rules, the expression rules and the computed rules, each in priority order, and the distinct
// relations their `related_load` entries need. A stored rule that no longer compiles is logged and
// kept as a broken rule, which fails every evaluation with its reason.
import type { CompiledEntity } from '../compile/compiled-entity.js';
import type { Registry } from '../compile/registry.js';
import type { Logger } from '../logger.js';
import { compileDefinition, type CompiledRule } from './definition.js';
import { distinctLoads, type RelatedLoad } from './related.js';
import { RULE_HOOKS, RULE_TYPES, type RuleHook, type StoredRule } from './types.js';

export interface HookRules {
  readonly field: readonly CompiledRule[];
  readonly expression: readonly CompiledRule[];
  readonly computed: readonly CompiledRule[];
  /** Every relation the hook's rules load, once each, in rule order. */
  readonly loads: readonly RelatedLoad[];
}

export type EntityRules = Readonly<Partial<Record<RuleHook, HookRules>>>;

export const NO_RULES: EntityRules = Object.freeze({});

/** §1.7 order: priority ascending, then created_at, then id. */
export function compareRules(a: StoredRule, b: StoredRule): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function compileOne(row: StoredRule, entity: CompiledEntity, registry: Registry, log: Logger): CompiledRule {
  try {
    return compileDefinition(row.id, entity, row.type, row.definition, registry);
  } catch (err) {
    const reason = (err as Error).message;
    log.error({ rule: row.id, entity: entity.name, reason }, 'stored rule does not compile; it fails at runtime');
    const def = (typeof row.definition === 'object' && row.definition) || {};
    return {
      id: row.id, type: row.type, field: entity.fieldMap.get(String(def.field)), operator: undefined, holds: undefined,
      expression: undefined, related: [], message: undefined, stopOnFail: def.stop_on_fail === true, broken: reason,
    };
  }
}

/** Compiles the stored rules of every entity of `registry`; rows of unknown entities, hooks or types are skipped. */
export function compileRules(rows: readonly StoredRule[], registry: Registry, log: Logger): ReadonlyMap<string, EntityRules> {
  const grouped = new Map<string, Map<RuleHook, StoredRule[]>>();
  for (const row of rows) {
    if (!row.active) continue;
    if (!registry.entity(row.entity) || !RULE_HOOKS.includes(row.hook) || !RULE_TYPES.includes(row.type)) {
      log.error({ rule: row.id, entity: row.entity }, 'stored rule has an unknown entity, hook or type; skipped');
      continue;
    }
    let hooks = grouped.get(row.entity);
    if (!hooks) grouped.set(row.entity, (hooks = new Map()));
    let list = hooks.get(row.hook);
    if (!list) hooks.set(row.hook, (list = []));
    list.push(row);
  }
  const out = new Map<string, EntityRules>();
  for (const [name, hooks] of grouped) {
    const entity = registry.entity(name)!;
    const rules: Partial<Record<RuleHook, HookRules>> = {};
    for (const [hook, list] of hooks) {
      const compiled = [...list].sort(compareRules).map((row) => compileOne(row, entity, registry, log));
      rules[hook] = {
        field: compiled.filter((r) => r.type === 'field'),
        expression: compiled.filter((r) => r.type === 'expression'),
        // Computed rules exist only for before_write (§1.5); a hand-edited row elsewhere is ignored.
        computed: hook === 'before_write' ? compiled.filter((r) => r.type === 'computed') : [],
        loads: distinctLoads(compiled.map((r) => r.related)),
      };
    }
    out.set(name, Object.freeze(rules));
  }
  return out;
}
