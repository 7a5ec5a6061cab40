// The single registry of field types. Adding a type = one file in this folder + one entry in
// BUILT_IN below (or a registerFieldType call); everything else (validation, migration, API)
// looks types up here.

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

const BUILT_IN: readonly FieldType[] = [
  stringType, textType, intType, bigintType, floatType, decimalType,
  booleanType, uuidType, timestampType, dateType, jsonType, fileType,
];

const byName = new Map<string, FieldType>();
const names: string[] = [];

/**
 * Adds a field type (canonical name and aliases must be unused). Registries compiled afterwards
 * can use it: it then works everywhere — validation, migration, writes, filters, OpenAPI — since
 * the rest of the engine only asks the FieldType. Register at start-up, before apps load.
 */
export function registerFieldType(type: FieldType): void {
  const keys = [type.name, ...(type.aliases ?? [])];
  for (const key of keys) if (byName.has(key)) throw new Error(`field type name already registered: ${key}`);
  for (const key of keys) byName.set(key, type);
  names.push(type.name);
}

for (const type of BUILT_IN) registerFieldType(type);

const builtIn = new Set<FieldType>(BUILT_IN);

/**
 * Whether a type is one of the engine's own, whose API values are what their storage's standard
 * decoding gives (so SQL can produce them, e.g. the audit entry written in the row's statement).
 */
export function isBuiltInFieldType(type: FieldType): boolean {
  return builtIn.has(type);
}

/** Canonical type names, in registration order (aliases excluded). */
export const fieldTypeNames: readonly string[] = names;

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
