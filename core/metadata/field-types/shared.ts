// Small helpers shared by the field-type modules: result constructors, operator sets, nullable
// JSON Schema wrapping. Nothing here knows about a specific type.

import type { Storage, StorageKind } from '../../db/types.js';
import type { TextProblem } from '../../errors.js';
import type { Coerced, FieldDef, FieldType, FilterOp, TypeChangeKind } from '../types.js';

export const FAIL: Coerced = Object.freeze({ ok: false }) as Coerced;

const TEXT_FAILS: Readonly<Record<TextProblem, Coerced>> = {
  nul: Object.freeze({ ok: false, problem: 'nul' }) as Coerced,
  surrogate: Object.freeze({ ok: false, problem: 'surrogate' }) as Coerced,
};

/** The failure of a value holding text no database can store (core/text.ts). */
export function textFail(problem: TextProblem): Coerced {
  return TEXT_FAILS[problem];
}

export function ok(value: unknown): Coerced {
  return { ok: true, value };
}

/** eq/neq/ordering/in — every type except json and file (rest-api.md §5.3). */
export const COMPARISON_OPS: ReadonlySet<FilterOp> = new Set<FilterOp>([
  'eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in',
]);

/** string/text additionally support like/ilike. */
export const STRING_OPS: ReadonlySet<FilterOp> = new Set<FilterOp>([...COMPARISON_OPS, 'like', 'ilike']);

/** json/file: only the generic is_null. */
export const NO_OPS: ReadonlySet<FilterOp> = new Set<FilterOp>();

/**
 * Makes a schema fragment nullable. A single `type` becomes `[type, "null"]` (understood by both
 * fast-json-stringify and OpenAPI 3.1); anything else is wrapped in `anyOf`.
 */
export function nullable(schema: Record<string, unknown>): Record<string, unknown> {
  if (typeof schema.type === 'string' && schema.anyOf === undefined) {
    return { ...schema, type: [schema.type, 'null'] };
  }
  return { anyOf: [schema, { type: 'null' }] };
}

export const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const INT_TEXT_RE = /^-?\d+$/;
export const DECIMAL_TEXT_RE = /^-?\d+(\.\d+)?$/;

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

/** Number() of a digit string, without producing -0 for "-0". */
export function intFromText(text: string): number {
  const n = Number(text);
  return n === 0 ? 0 : n;
}

/** One frozen Storage per kind, shared by the types (a column description is never mutated). */
export const STORAGE: Readonly<Record<StorageKind, Storage>> = Object.freeze(Object.fromEntries(
  (['text', 'int32', 'int64', 'float64', 'decimal', 'boolean', 'uuid', 'timestamp', 'date', 'json'] as const)
    .map((kind) => [kind, Object.freeze({ kind })]),
) as Record<StorageKind, Storage>);

/**
 * `changeFrom` of a type whose column can take over the values of the given storages by a plain
 * conversion (int → bigint, date → timestamp, …): PostgreSQL alters the column, SQLite converts on read.
 */
export function widensFrom(kinds: readonly StorageKind[]): NonNullable<FieldType['changeFrom']> {
  return (from: FieldType, fromField: FieldDef): TypeChangeKind | undefined =>
    kinds.includes(from.storage(fromField).kind) ? 'alter' : undefined;
}

/** Query value of an integer-valued number: a number in the safe range, digit text beyond. */
export function integerValue(n: number): unknown {
  return Number.isSafeInteger(n) ? n : BigInt(n).toString();
}

/**
 * `fromExpression` of the integer types (logic.md §1.5): a finite number rounded half away from
 * zero, a numeric string parsed and rounded; digit strings (possibly beyond 2^53) and anything
 * else are left for `coerceInput` to judge.
 */
export function integerFromExpression(result: unknown): unknown {
  let n: number | undefined;
  if (typeof result === 'number') n = result;
  else if (typeof result === 'string' && !INT_TEXT_RE.test(result) && result.trim() !== '') n = Number(result);
  if (n === undefined || !Number.isFinite(n)) return result;
  const rounded = Math.sign(n) * Math.round(Math.abs(n));
  return rounded === 0 ? 0 : rounded;
}
