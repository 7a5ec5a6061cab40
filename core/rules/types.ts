// The rule model of logic.md §1: the stored row, its hooks, types and field operators.
import type { FilterOp } from '../metadata/types.js';

export const RULE_HOOKS = ['before_write', 'after_write', 'before_delete'] as const;
export type RuleHook = (typeof RULE_HOOKS)[number];

export const RULE_TYPES = ['field', 'expression', 'computed'] as const;
export type RuleType = (typeof RULE_TYPES)[number];

/** The field-rule operators of §1.3 (constraints: a detail when the constraint does not hold). */
export const FIELD_OPERATORS = [
  'min', 'max', 'min_length', 'max_length', 'pattern', 'eq', 'neq', 'gt', 'gte', 'lt', 'lte',
  'in', 'not_in', 'like', 'not_empty',
] as const;
export type FieldOperator = (typeof FIELD_OPERATORS)[number];

/** One `related_load` entry (§1.6): a relation token and optional `field` / `field.op` filters. */
export interface RelatedLoadDef {
  relation: string;
  filter?: Record<string, unknown>;
}

/** A validated admin payload (§1.8), defaults applied; `definition` is kept as sent. */
export interface RuleInput {
  entity: string;
  hook: RuleHook;
  type: RuleType;
  definition: Record<string, unknown>;
  priority: number;
  active: boolean;
}

/** A `_rules` row as the admin API returns it (§1.1). */
export interface StoredRule extends RuleInput {
  id: string;
  created_at: string;
  updated_at: string;
}

/** Operators a `related_load` filter key may name (rest-api.md §5.3). */
export const RELATED_FILTER_OPS: ReadonlySet<FilterOp> = new Set<FilterOp>([
  'eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'like', 'ilike', 'is_null',
]);
