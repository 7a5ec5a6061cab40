// Guarded field type changes on PUT (metadata.md §9.5): which changes are allowed and whether
// the column needs DDL. Decided from the previous and new definitions, never from the database.

import { canonicalTypeName } from './field-types/index.js';
import type { FieldDef } from './types.js';

/**
 * - 'none': nothing to run on either driver (same storage, e.g. string ↔ text, int ≡ integer).
 * - 'alter': PostgreSQL must run
 *     ALTER TABLE "t" ALTER COLUMN "c" TYPE <T> USING "c"::<T>
 *   with <T> = columnType('postgres', to); the USING cast is valid for every allowed change
 *   (date → timestamptz, scalar → text, int → bigint/numeric/double precision).
 *   SQLite needs no DDL for any allowed change (values are converted when read).
 * - 'forbidden': reject with `unsafe type change for field <f>: <from> -> <to>`.
 */
export type TypeChangeKind = 'none' | 'alter' | 'forbidden';

const TEXT_TYPES = new Set(['string', 'text']);
const NON_SCALAR = new Set(['json', 'file']);
const INTEGER_TYPES = new Set(['int', 'bigint']);

/** `precision` as a number, or undefined when absent/null ("unset"). */
function precisionOf(field: FieldDef): number | undefined {
  return typeof field.precision === 'number' ? field.precision : undefined;
}

function decimalChange(from: FieldDef, to: FieldDef): TypeChangeKind {
  const pf = precisionOf(from);
  const pt = precisionOf(to);
  if (pf === pt) return 'none';
  if (pt === undefined) return 'alter'; // set → unset widens to unconstrained NUMERIC
  if (pf !== undefined && pt > pf) return 'alter'; // more fractional digits
  return 'forbidden'; // decreased, or unset → set (would round/truncate stored values)
}

export function typeChangeKind(from: FieldDef, to: FieldDef): TypeChangeKind {
  const f = canonicalTypeName(from.type);
  const t = canonicalTypeName(to.type);
  if (f === undefined || t === undefined) return 'forbidden';
  if (f === t) return f === 'decimal' ? decimalChange(from, to) : 'none';
  if (TEXT_TYPES.has(f) && TEXT_TYPES.has(t)) return 'none';
  if (TEXT_TYPES.has(t)) return NON_SCALAR.has(f) ? 'forbidden' : 'alter';
  if (f === 'int' && t === 'bigint') return 'alter';
  if (INTEGER_TYPES.has(f) && (t === 'decimal' || t === 'float')) return 'alter';
  if (f === 'date' && t === 'timestamp') return 'alter';
  return 'forbidden';
}

export function typeChangeAllowed(from: FieldDef, to: FieldDef): boolean {
  return typeChangeKind(from, to) !== 'forbidden';
}

/**
 * `<from> -> <to>` for the unsafe-change message: the type names as written; when only the
 * decimal precision changed, the precision is appended (`decimal(4) -> decimal(2)`) so the
 * message is not the puzzling `decimal -> decimal`.
 */
export function describeTypeChange(from: FieldDef, to: FieldDef): string {
  const sameType = canonicalTypeName(from.type) === canonicalTypeName(to.type);
  const show = (field: FieldDef): string => {
    const p = precisionOf(field);
    return sameType && p !== undefined ? `${String(field.type)}(${p})` : String(field.type);
  };
  return `${show(from)} -> ${show(to)}`;
}
