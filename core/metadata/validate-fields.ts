// Entity validation checks 7–14 (metadata.md §10.4): the `fields` array and each field's name,
// type, auto, precision, enum and default. Each check runs over all fields before the next one,
// so problems come out in documented check order.

import { getFieldType } from './field-types/index.js';
import { isPlainObject, isPresent, isValidFieldName, show } from './names.js';
import type { ProblemList } from './problems.js';
import type { FieldDef } from './types.js';

const AUTO_VALUES = new Set(['create', 'update']);

/** Optional field properties treat `null` like absence (UIs often send null for "unset"). */
function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function isValidEnum(value: unknown): value is Array<string | number> {
  return Array.isArray(value) && value.length > 0 &&
    value.every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)));
}

/**
 * Runs checks 7–14. Returns the field entries that are objects (for the later PK/slug/PUT checks),
 * or undefined when `fields` itself is unusable (check 7 failed; dependent checks are skipped).
 */
export function checkFields(input: unknown, problems: ProblemList): FieldDef[] | undefined {
  if (!Array.isArray(input) || input.length === 0) {
    problems.add('fields', 'required', 'entity must have at least one field');
    return undefined;
  }
  const entries = input.map((f, i) => ({ i, f: isPlainObject(f) ? (f as FieldDef) : undefined }));
  const path = (i: number, prop: string) => `fields[${i}].${prop}`;

  // 8: names
  for (const { i, f } of entries) {
    const name = f?.name;
    if (!isValidFieldName(name)) {
      problems.add(path(i, 'name'), isPresent(name) ? 'pattern' : 'required', `invalid field name: ${show(name)}`);
    }
  }
  // 9: duplicates (reported once per name, at its second occurrence)
  const seen = new Set<string>();
  const reported = new Set<string>();
  for (const { i, f } of entries) {
    if (!f || !isValidFieldName(f.name)) continue;
    if (seen.has(f.name) && !reported.has(f.name)) {
      problems.add(path(i, 'name'), 'duplicate', `duplicate field name: ${f.name}`);
      reported.add(f.name);
    }
    seen.add(f.name);
  }
  // 10: types
  for (const { i, f } of entries) {
    // A non-object entry already failed check 8; later checks skip it.
    if (f && !getFieldType(f.type)) problems.add(path(i, 'type'), 'unknown_type', `invalid field type: ${show(f.type)}`);
  }
  const fields = entries.flatMap(({ i, f }) => (f ? [{ i, f, type: getFieldType(f.type) }] : []));

  // 11: auto only create/update, only on types that have an auto value (timestamp/date)
  for (const { i, f, type } of fields) {
    if (!isSet(f.auto)) continue;
    const badValue = !AUTO_VALUES.has(f.auto as string);
    const badType = type !== undefined && type.autoValue === undefined;
    if (badValue || badType) problems.add(path(i, 'auto'), 'invalid', `invalid auto value for field ${show(f.name)}`);
  }
  // 12: precision — only on types that read it (decimal), integer 0–18 (the type's own settings check)
  for (const { i, f, type } of fields) {
    const message = `invalid precision for field ${show(f.name)}`;
    if (isSet(f.precision) && type !== undefined && !type.settings?.includes('precision')) {
      problems.add(path(i, 'precision'), 'invalid', message);
      continue;
    }
    const settings = type?.validateSettings?.(f);
    if (settings) problems.add(path(i, 'precision'), 'invalid', settings);
  }
  // 13: enum
  for (const { i, f } of fields) {
    if (isSet(f.enum) && !isValidEnum(f.enum)) {
      problems.add(path(i, 'enum'), 'invalid', `invalid enum for field ${show(f.name)}`);
    }
  }
  // 14: default valid for the type and a member of a valid enum (null is valid for every type)
  for (const { i, f, type } of fields) {
    if (!isSet(f.default)) continue;
    const typeOk = type === undefined || type.coerceInput(f.default, f).ok;
    const enumOk = !isValidEnum(f.enum) || f.enum.map(String).includes(String(f.default));
    if (!typeOk || !enumOk) problems.add(path(i, 'default'), 'invalid', `invalid default for field ${show(f.name)}`);
  }
  return fields.map(({ f }) => f);
}
