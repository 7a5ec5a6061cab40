// Primary-key rules (metadata.md §3, rest-api.md §3): PK type ↔ field type agreement, the PK
// column DDL per variant, and parsing a PK value from a URL segment.

import type { Dialect, Storage } from '../db/types.js';
import { textProblem } from '../text.js';
import { getFieldType } from './field-types/index.js';
import { INT32_MAX, INT32_MIN, INT64_MAX, INT64_MIN, INT_TEXT_RE, STORAGE, UUID_RE, intFromText } from './field-types/shared.js';
import type { Coerced, FieldDef, PrimaryKeyDef, PrimaryKeyType } from './types.js';

export const PRIMARY_KEY_TYPES: readonly PrimaryKeyType[] = ['uuid', 'int', 'bigint', 'string'];

/** PK type written in a definition → canonical ('integer' ≡ 'int'); undefined when not a PK type. */
export function canonicalPkType(type: unknown): PrimaryKeyType | undefined {
  if (type === 'integer') return 'int';
  return PRIMARY_KEY_TYPES.find((t) => t === type);
}

/** PK type implied by a field type (the default of `primary_key.type`); undefined if none fits. */
export function pkTypeForFieldType(fieldType: unknown): PrimaryKeyType | undefined {
  return getFieldType(fieldType)?.primaryKeyType;
}

/** Storage of a generated key, which follows `primary_key.type` (§3.2). */
const GENERATED_KEY_STORAGE: Readonly<Record<PrimaryKeyType, Storage>> = {
  uuid: STORAGE.uuid, int: STORAGE.int32, bigint: STORAGE.int64, string: STORAGE.text,
};

/**
 * Storage of the PK column: a generated key's follows primary_key.type (validation keeps it
 * consistent with the field's type); otherwise the field type's own.
 */
export function primaryKeyStorage(pk: PrimaryKeyDef, field: FieldDef): Storage {
  if (pk.generated) return GENERATED_KEY_STORAGE[pk.type];
  const type = getFieldType(field.type);
  if (!type) throw new Error(`unknown field type for primary key ${field.name}: ${String(field.type)}`);
  return type.storage(field);
}

/** True when a PK type agrees with the PK field's type (`string` matches string and text). */
export function pkTypeMatchesField(pkType: PrimaryKeyType, fieldType: unknown): boolean {
  return pkTypeForFieldType(fieldType) === pkType;
}

/**
 * Column definition of the PK (metadata.md §3.2). Generated keys get identity/autoincrement or
 * a database/server UUID; non-generated keys use the field's own column type.
 */
export function primaryKeyColumn(dialect: Dialect, pk: PrimaryKeyDef, field: FieldDef): string {
  return dialect.primaryKeyColumn(primaryKeyStorage(pk, field), pk.generated);
}

/**
 * Parses a percent-decoded `{id}` path segment as a PK value (rest-api.md §3). Invalid → ok:false
 * (the caller answers 404 without querying). uuid → lowercase; int → number within int32;
 * bigint → number in the safe range, canonical digit string beyond; string → as is, unless it is
 * text no record can hold (core/text.ts).
 */
export function parsePkValue(pkType: PrimaryKeyType, text: string): Coerced {
  switch (pkType) {
    case 'uuid':
      return UUID_RE.test(text) ? { ok: true, value: text.toLowerCase() } : { ok: false };
    case 'int': {
      if (!INT_TEXT_RE.test(text)) return { ok: false };
      const n = intFromText(text);
      return n >= INT32_MIN && n <= INT32_MAX ? { ok: true, value: n } : { ok: false };
    }
    case 'bigint': {
      if (!INT_TEXT_RE.test(text)) return { ok: false };
      const big = BigInt(text);
      if (big < INT64_MIN || big > INT64_MAX) return { ok: false };
      const n = Number(big);
      return { ok: true, value: Number.isSafeInteger(n) ? n : big.toString() };
    }
    case 'string':
      return textProblem(text) === undefined ? { ok: true, value: text } : { ok: false };
  }
}
