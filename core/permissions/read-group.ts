// A read policy's conditions → one AND-group of the query engine's conditions (auth.md §8.4), built
// once per registry. Policy values are JSON values: they are turned into the field type's query
// values through their §8.2 string form and the type's filter parser, so a policy compares like the
// `filter[...]` of the same operator would. A policy that can match no row compiles to `null`.
import type { CompiledEntity, CompiledField } from '../compile/compiled-entity.js';
import type { NumericSupport } from '../metadata/types.js';
import type { Condition } from '../query/conditions.js';
import type { PolicyCondition } from './policy.js';
import { numericForm, stringForm } from './record-test.js';

/** No row can satisfy the condition: the whole policy matches nothing. */
const NONE = Symbol('none');
/** Every row satisfies the condition: it adds no SQL. */
const ALL = Symbol('all');
type Compiled = Condition | typeof NONE | typeof ALL;

function parsed(field: CompiledField, v: unknown): { ok: true; value: unknown } | { ok: false } {
  return field.type.parseFilter(stringForm(v), field.def);
}

const notNull = (field: CompiledField): Condition => ({ field, op: 'is_null', value: false });

type Ordering = 'gt' | 'gte' | 'lt' | 'lte';

/**
 * `col op n` for a numeric column and a number (§8.2: non-numeric counts as 0). Integer columns
 * get an integer bound (`col > 2.5` ⇔ `col > 2`, `col >= 2.5` ⇔ `col >= 3`); a bound outside the
 * column's range becomes "no row" or "every non-null row" instead of an out-of-range parameter.
 */
function numericCondition(field: CompiledField, numeric: NumericSupport, op: Ordering, n: number): Compiled {
  const up = op === 'gt' || op === 'gte';
  const range = numeric.integerRange;
  if (!range) {
    if (n === Infinity) return up ? NONE : notNull(field);
    if (n === -Infinity) return up ? notNull(field) : NONE;
    return { field, op, value: numeric.fromNumber(n) };
  }
  const floorOps = op === 'gt' || op === 'lte';
  const bound = floorOps ? Math.floor(n) : Math.ceil(n);
  if (bound >= range.limit) return up ? NONE : notNull(field);
  if (bound < range.min) return up ? notNull(field) : NONE;
  return { field, op, value: numeric.fromNumber(bound) };
}

function compileCondition(entity: CompiledEntity, c: PolicyCondition): Compiled {
  const field = entity.fieldMap.get(c.field);
  // A field the entity does not have, or one no operator applies to (json, file): no row (§8.4).
  if (!field || !field.type.operators.has(c.operator)) return NONE;
  const v = c.value;
  switch (c.operator) {
    case 'eq': {
      if (v === null) return { field, op: 'is_null', value: true };
      const p = parsed(field, v);
      return p.ok ? { field, op: 'eq', value: p.value } : NONE;
    }
    case 'neq': {
      if (v === null) return notNull(field);
      const p = parsed(field, v);
      // No stored value equals an unparseable one; `<>` never matches NULL rows (rest-api.md §5.3).
      return p.ok ? { field, op: 'neq', value: p.value } : notNull(field);
    }
    case 'in':
    case 'not_in': {
      if (!Array.isArray(v)) return c.operator === 'in' ? NONE : ALL;
      // SQL NULL equals nothing, and unparseable items equal no stored value: both are dropped.
      const values: unknown[] = [];
      for (const item of v) {
        if (item === null) continue;
        const p = parsed(field, item);
        if (p.ok && !values.includes(p.value)) values.push(p.value);
      }
      if (c.operator === 'in') return values.length === 0 ? NONE : { field, op: 'in', value: values };
      return values.length === 0 ? notNull(field) : { field, op: 'not_in', value: values };
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const numeric = field.type.numeric;
      if (numeric) return numericCondition(field, numeric, c.operator, numericForm(v));
      const p = parsed(field, v);
      return p.ok ? { field, op: c.operator, value: p.value } : NONE;
    }
    default:
      return NONE;
  }
}

/**
 * The AND-group of one read policy on `entity`, or `null` when the policy can match no row (a
 * condition on an unknown field, an unparseable value for `eq`, …). `[]` = every row.
 */
export function compileReadGroup(entity: CompiledEntity, conditions: readonly PolicyCondition[]): readonly Condition[] | null {
  const group: Condition[] = [];
  for (const c of conditions) {
    const compiled = compileCondition(entity, c);
    if (compiled === NONE) return null;
    if (compiled !== ALL) group.push(compiled);
  }
  return Object.freeze(group);
}
