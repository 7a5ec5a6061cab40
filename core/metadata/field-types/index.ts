// The single registry of field types. Adding a type = one file in this folder + one entry in
// FIELD_TYPES below; everything else (validation, migration, API) looks types up here.

import type { FieldType } from '../types.js';
import { bigintType } from './bigint.js';
import { booleanType } from './boolean.js';
import { dateType } from './date.js';
import { decimalType } from './decimal.js';
import { fileType } from './file.js';
import { floatType } from './float.js';
import { intType } from './int.js';
import { jsonType } from './json.js';
import { stringType } from './string.js';
import { textType } from './text.js';
import { timestampType } from './timestamp.js';
import { uuidType } from './uuid.js';

const FIELD_TYPES: readonly FieldType[] = [
  stringType, textType, intType, bigintType, floatType, decimalType,
  booleanType, uuidType, timestampType, dateType, jsonType, fileType,
];

const byName = new Map<string, FieldType>();
for (const type of FIELD_TYPES) {
  byName.set(type.name, type);
  for (const alias of type.aliases ?? []) byName.set(alias, type);
}

/** Canonical type names, in registry order (aliases excluded). */
export const fieldTypeNames: readonly string[] = FIELD_TYPES.map((t) => t.name);

/** Looks a type up by canonical name or alias (case-sensitive, e.g. 'integer' → int). */
export function getFieldType(name: unknown): FieldType | undefined {
  return typeof name === 'string' ? byName.get(name) : undefined;
}

/** Canonical name for a type name or alias ('integer' → 'int'); undefined when unknown. */
export function canonicalTypeName(name: unknown): string | undefined {
  return getFieldType(name)?.name;
}

export { FileRef, isFileRef } from './file.js';
export { decimalPrecision } from './decimal.js';
