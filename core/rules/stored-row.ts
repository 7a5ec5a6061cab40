// Reading `_rules` rows (logic.md §1.1, §1.8): one query and one decoder shared by the registry
// loader and the admin API, so both see the same representation on both dialects.
import type { Dialect } from '../db/types.js';
import type { RuleHook, RuleType, StoredRule } from './types.js';

export const RULE_COLUMNS = 'id, entity, hook, type, definition, priority, active, created_at, updated_at';

/** All rows, or one entity's, ordered by entity, priority, created_at (§1.8), then id; byte order on every dialect. */
export function rulesSql(dialect: Dialect, byEntity: boolean): string {
  return `SELECT ${RULE_COLUMNS} FROM _rules${byEntity ? ' WHERE entity = $1' : ''} ` +
    `ORDER BY ${dialect.byteOrder('entity')}, priority, created_at, id`;
}

export function decodeRuleRow(d: Dialect, r: Record<string, unknown>): StoredRule {
  return {
    id: String(r.id),
    entity: String(r.entity),
    hook: String(r.hook) as RuleHook,
    type: String(r.type) as RuleType,
    definition: d.decodeJson<Record<string, unknown>>(r.definition),
    priority: Number(r.priority),
    active: d.decodeBool(r.active),
    created_at: d.decodeTimestamp(r.created_at)!,
    updated_at: d.decodeTimestamp(r.updated_at)!,
  };
}
