// The structured condition model shared by list filters, get-by-id and permission row filters,
// and its translation to SQL. Text and parameters are produced by two separate walks over the same
// conditions in the same order, so the text can be cached by shape while only parameters vary.
// Every dialect difference (placeholder casts, list parameters, LIKE) is the Dialect's; parameter
// values are encoded by the fields' compiled codecs, so the parameter walk needs no dialect.
import type { CompiledField } from '../compile/compiled-entity.js';
import type { Dialect } from '../db/types.js';
import type { FilterOp } from '../metadata/types.js';

/**
 * One `field op value` test. `value` is a normalised value as produced by the field type's
 * `parseFilter`/`coerceInput` (encoded with `field.encode` when bound): an array of such values
 * for `in`/`not_in`, a string for `like`/`ilike`, a boolean for `is_null` (true → IS NULL).
 */
export interface Condition {
  readonly field: CompiledField;
  readonly op: FilterOp;
  readonly value: unknown;
}

/**
 * Permission read filter (auth.md §8.4): OR of AND-groups. `undefined` = no restriction; `[]` (no
 * group) = no rows at all; a group `[]` (a policy without conditions) = no restriction.
 */
export type RowFilter = readonly (readonly Condition[])[];

/** Number of placeholders already used; `conditionSql` advances it. */
export interface ParamCounter {
  n: number;
}

const COMPARE_SQL: Partial<Record<FilterOp, string>> = {
  eq: ' = ', neq: ' <> ', gt: ' > ', gte: ' >= ', lt: ' < ', lte: ' <= ',
};

/** SQL of one condition; `alias` qualifies the column (`t."name"`) in joined queries. */
export function conditionSql(dialect: Dialect, c: Condition, counter: ParamCounter, alias?: string): string {
  const col = alias ? `${alias}.${c.field.column}` : c.field.column;
  const op = c.op;
  if (op === 'is_null') return c.value ? `${col} IS NULL` : `${col} IS NOT NULL`;
  const n = ++counter.n;
  const compare = COMPARE_SQL[op];
  if (compare !== undefined) return col + compare + dialect.compareParam(n, c.field.storage.kind);
  switch (op) {
    case 'like':
      return dialect.like(col, n);
    case 'ilike':
      return dialect.ilike(col, n);
    case 'in':
      return dialect.inList(col, c.field.storage.kind, n);
    case 'not_in':
      // NULL rows stay out even for an empty list (rest-api.md §5.3).
      return dialect.notInList(col, c.field.storage.kind, n);
    default:
      throw new Error(`unsupported filter operator ${String(op)}`);
  }
}

/** Appends the parameter of one condition (nothing for is_null), matching `conditionSql`. */
export function pushConditionParam(c: Condition, params: unknown[]): void {
  switch (c.op) {
    case 'is_null':
      return;
    case 'in':
    case 'not_in':
      params.push(c.field.encodeList(Array.isArray(c.value) ? c.value : [c.value]));
      return;
    case 'like':
    case 'ilike':
      params.push(String(c.value));
      return;
    default:
      params.push(c.field.encode(c.value));
  }
}

/** Shape of one condition: everything its SQL text depends on. */
export function conditionShape(c: Condition): string {
  return c.op === 'is_null' ? `${c.field.name}.is_null.${c.value ? 1 : 0}` : `${c.field.name}.${c.op}`;
}

/** True when the row filter admits no row at all (no group), so the query can be skipped. */
export function rowFilterExcludesAll(rowFilter: RowFilter | undefined): boolean {
  return rowFilter !== undefined && rowFilter.length === 0;
}

/** True when the row filter restricts nothing (absent, or some group without conditions). */
function rowFilterIsOpen(rowFilter: RowFilter | undefined): boolean {
  if (rowFilter === undefined) return true;
  for (const group of rowFilter) if (group.length === 0) return true;
  return false;
}

const rowFilterShapes = new WeakMap<RowFilter, string>();

/** Shape of a row filter ('' when it restricts nothing); memoised per filter object. */
export function rowFilterShape(rowFilter: RowFilter | undefined): string {
  if (rowFilterIsOpen(rowFilter)) return '';
  let shape = rowFilterShapes.get(rowFilter!);
  if (shape === undefined) {
    shape = rowFilter!.map((group) => group.map(conditionShape).join(',')).join('|');
    if (shape === '') shape = 'none';
    rowFilterShapes.set(rowFilter!, shape);
  }
  return shape;
}

/** `((a AND b) OR (c))`, or '' when the filter restricts nothing. Call only when not excluding all. */
export function rowFilterSql(dialect: Dialect, rowFilter: RowFilter | undefined, counter: ParamCounter, alias?: string): string {
  if (rowFilterIsOpen(rowFilter)) return '';
  const groups = rowFilter!.map((group) => `(${group.map((c) => conditionSql(dialect, c, counter, alias)).join(' AND ')})`);
  return groups.length === 1 ? groups[0] : `(${groups.join(' OR ')})`;
}

export function pushRowFilterParams(rowFilter: RowFilter | undefined, params: unknown[]): void {
  if (rowFilterIsOpen(rowFilter)) return;
  for (const group of rowFilter!) for (const c of group) pushConditionParam(c, params);
}

/**
 * The AND-terms of a WHERE clause: live-row condition, the conditions, the client's OR
 * alternatives (`anyOf`, the same OR-of-AND-groups shape as a row filter), then the row filter.
 * Returns '' when there is nothing to test.
 */
export function whereSql(
  dialect: Dialect,
  liveCondition: string,
  conditions: readonly Condition[],
  rowFilter: RowFilter | undefined,
  counter: ParamCounter,
  alias?: string,
  anyOf?: RowFilter,
): string {
  const terms: string[] = [];
  if (liveCondition) terms.push(alias ? `${alias}.${liveCondition}` : liveCondition);
  for (const c of conditions) terms.push(conditionSql(dialect, c, counter, alias));
  if (anyOf) terms.push(rowFilterSql(dialect, anyOf, counter, alias));
  const rf = rowFilterSql(dialect, rowFilter, counter, alias);
  if (rf) terms.push(rf);
  return terms.join(' AND ');
}

/** Parameters of `whereSql`, in the same order. */
export function pushWhereParams(
  conditions: readonly Condition[],
  rowFilter: RowFilter | undefined,
  params: unknown[],
  anyOf?: RowFilter,
): void {
  for (let i = 0; i < conditions.length; i++) pushConditionParam(conditions[i], params);
  if (anyOf) pushRowFilterParams(anyOf, params);
  pushRowFilterParams(rowFilter, params);
}
