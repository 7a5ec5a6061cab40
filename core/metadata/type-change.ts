// Guarded field type changes on PUT (metadata.md §9.5): which changes are allowed and whether
// the column needs DDL. Decided from the previous and new definitions, never from the database.

import { canonicalTypeName, getFieldType } from './field-types/index.js';
import type { FieldDef, TypeChangeKind } from './types.js';

/**
 * - 'none': nothing to run on either driver (same storage, e.g. string ↔ text, int ≡ integer).
 * - 'alter': PostgreSQL must convert the column (`dialect.changeColumnType`, an
 *   ALTER COLUMN … TYPE … USING cast valid for every allowed change: date → timestamptz,
 *   scalar → text, int → bigint/numeric/double precision). SQLite needs no DDL for any allowed
 *   change (values are converted when read).
 * - 'forbidden': reject with `unsafe type change for field <f>: <from> -> <to>`.
 */
export type { TypeChangeKind };

/** The target type decides (FieldType.changeFrom); otherwise only the same type stays as is. */
export function typeChangeKind(from: FieldDef, to: FieldDef): TypeChangeKind {
  const f = getFieldType(from.type);
  const t = getFieldType(to.type);
  if (f === undefined || t === undefined) return 'forbidden';
  const verdict = t.changeFrom?.(f, from, to);
  if (verdict !== undefined) return verdict;
  return f === t ? 'none' : 'forbidden';
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
    const p = typeof field.precision === 'number' ? field.precision : undefined;
    return sameType && p !== undefined ? `${String(field.type)}(${p})` : String(field.type);
  };
  return `${show(from)} -> ${show(to)}`;
}
