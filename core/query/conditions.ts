// The structured condition model shared by list filters, get-by-id and permission row filters,
// and its translation to SQL. Text and parameters are produced by two separate walks over the same
// conditions in the same order, so the text can be cached by shape while only parameters vary.
import type { CompiledField } from '../compile/compiled-entity.js';
import type { DialectName, FilterOp } from '../metadata/types.js';

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

/** PostgreSQL array types for `= ANY($n::T[])`, from the field type (its column type). */
const PG_ARRAY_TYPE: Record<string, string> = {
  string: 'text[]', text: 'text[]', int: 'int4[]', bigint: 'int8[]', float: 'float8[]',
  decimal: 'numeric[]', boolean: 'bool[]', uuid: 'uuid[]', timestamp: 'timestamptz[]',
  date: 'date[]', json: 'jsonb[]', file: 'jsonb[]',
};

function pgArrayType(typeName: string): string {
  return PG_ARRAY_TYPE[typeName] ?? 'text[]';
}

/**
 * `col IN <list parameter $n>`: `= ANY($n::T[])` on PostgreSQL (one prepared statement whatever
 * the list length), `IN (SELECT value FROM json_each($n))` on SQLite. `typeName` is the field type
 * of the column (it picks the PostgreSQL array cast).
 */
export function inListSql(dialect: DialectName, col: string, typeName: string, n: number): string {
  return dialect === 'postgres' ? `${col} = ANY($${n}::${pgArrayType(typeName)})` : `${col} IN (SELECT value FROM json_each($${n}))`;
}

const COMPARE_SQL: Partial<Record<FilterOp, string>> = {
  eq: ' = ', neq: ' <> ', gt: ' > ', gte: ' >= ', lt: ' < ', lte: ' <= ',
};

/** `$n`, cast to numeric for decimals on PostgreSQL so a comparison is exact (rest-api.md §5.4). */
function placeholder(dialect: DialectName, field: CompiledField, n: number): string {
  return dialect === 'postgres' && field.type.name === 'decimal' ? `$${n}::numeric` : `$${n}`;
}

/** SQL of one condition; `alias` qualifies the column (`t."name"`) in joined queries. */
export function conditionSql(dialect: DialectName, c: Condition, counter: ParamCounter, alias?: string): string {
  const col = alias ? `${alias}.${c.field.column}` : c.field.column;
  const op = c.op;
  if (op === 'is_null') return c.value ? `${col} IS NULL` : `${col} IS NOT NULL`;
  const n = ++counter.n;
  const compare = COMPARE_SQL[op];
  if (compare !== undefined) return col + compare + placeholder(dialect, c.field, n);
  const pg = dialect === 'postgres';
  switch (op) {
    // No escape character on either driver: PostgreSQL's default `\` escape would make the two
    // drivers disagree, and a trailing `\` would be a PostgreSQL error.
    case 'like':
      return pg ? `${col} LIKE $${n} ESCAPE ''` : `${col} LIKE $${n}`;
    case 'ilike':
      return pg ? `LOWER(${col}) LIKE LOWER($${n}) ESCAPE ''` : `LOWER(${col}) LIKE LOWER($${n})`;
    case 'in':
      return inListSql(dialect, col, c.field.type.name, n);
    case 'not_in':
      // The explicit IS NOT NULL keeps NULL rows out even for an empty list (rest-api.md §5.3).
      return pg ? `(${col} IS NOT NULL AND ${col} <> ALL($${n}::${pgArrayType(c.field.type.name)}))`
        : `(${col} IS NOT NULL AND ${col} NOT IN (SELECT value FROM json_each($${n})))`;
    default:
      throw new Error(`unsupported filter operator ${String(op)}`);
  }
}

/**
 * A list of key values as one parameter: a JS array for PostgreSQL (`= ANY`), JSON text for
 * SQLite (`json_each`). Booleans on PostgreSQL go as an array literal: postgres.js would declare a
 * JS boolean array as a scalar `bool` parameter.
 */
export function listParam(dialect: DialectName, field: CompiledField, values: readonly unknown[]): unknown {
  const n = values.length;
  if (dialect === 'postgres' && field.type.name === 'boolean') {
    let text = '{';
    for (let i = 0; i < n; i++) text += (i > 0 ? ',' : '') + (values[i] === null ? 'null' : values[i] ? 't' : 'f');
    return text + '}';
  }
  const out = new Array<unknown>(n);
  for (let i = 0; i < n; i++) out[i] = field.encode(values[i]);
  return dialect === 'postgres' ? out : JSON.stringify(out);
}

/** Appends the parameter of one condition (nothing for is_null), matching `conditionSql`. */
export function pushConditionParam(dialect: DialectName, c: Condition, params: unknown[]): void {
  switch (c.op) {
    case 'is_null':
      return;
    case 'in':
    case 'not_in':
      params.push(listParam(dialect, c.field, Array.isArray(c.value) ? c.value : [c.value]));
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
export function rowFilterSql(dialect: DialectName, rowFilter: RowFilter | undefined, counter: ParamCounter, alias?: string): string {
  if (rowFilterIsOpen(rowFilter)) return '';
  const groups = rowFilter!.map((group) => `(${group.map((c) => conditionSql(dialect, c, counter, alias)).join(' AND ')})`);
  return groups.length === 1 ? groups[0] : `(${groups.join(' OR ')})`;
}

export function pushRowFilterParams(dialect: DialectName, rowFilter: RowFilter | undefined, params: unknown[]): void {
  if (rowFilterIsOpen(rowFilter)) return;
  for (const group of rowFilter!) for (const c of group) pushConditionParam(dialect, c, params);
}

/**
 * The AND-terms of a WHERE clause: live-row condition, the conditions, then the row filter.
 * Returns '' when there is nothing to test.
 */
export function whereSql(
  dialect: DialectName,
  liveCondition: string,
  conditions: readonly Condition[],
  rowFilter: RowFilter | undefined,
  counter: ParamCounter,
  alias?: string,
): string {
  const terms: string[] = [];
  if (liveCondition) terms.push(alias ? `${alias}.${liveCondition}` : liveCondition);
  for (const c of conditions) terms.push(conditionSql(dialect, c, counter, alias));
  const rf = rowFilterSql(dialect, rowFilter, counter, alias);
  if (rf) terms.push(rf);
  return terms.join(' AND ');
}

/** Parameters of `whereSql`, in the same order. */
export function pushWhereParams(
  dialect: DialectName,
  conditions: readonly Condition[],
  rowFilter: RowFilter | undefined,
  params: unknown[],
): void {
  for (let i = 0; i < conditions.length; i++) pushConditionParam(dialect, conditions[i], params);
  pushRowFilterParams(dialect, rowFilter, params);
}
