// Field type `json`: any JSON value in a JSON column; how it is stored (JSONB, JSON text) is the
// dialect's encodeJson/decodeJson.

import type { Dialect } from '../../db/types.js';
import { jsonTextProblem } from '../../text.js';
import type { FieldType } from '../types.js';
import { FAIL, NO_OPS, STORAGE, ok, textFail } from './shared.js';

export function jsonToDb(value: unknown, dialect: Dialect): unknown {
  if (value === null || value === undefined) return null;
  return dialect.encodeJson(value);
}

/** Stored JSON → value; stored text that is not JSON (legacy rows) is returned unchanged. */
export function jsonFromDb(raw: unknown, dialect: Dialect): unknown {
  if (raw === null || raw === undefined) return null;
  try {
    return dialect.decodeJson(raw);
  } catch {
    return raw;
  }
}

export const jsonType: FieldType = {
  name: 'json',
  typeKind: 'a JSON value',
  operators: NO_OPS,
  storage: () => STORAGE.json,
  // Any JSON value whose strings (keys included) are storable text (core/text.ts).
  coerceInput(value) {
    const problem = jsonTextProblem(value);
    return problem ? textFail(problem) : ok(value);
  },
  // json supports no value operators, so there is nothing to parse.
  parseFilter: () => FAIL,
  toDb: jsonToDb,
  fromDb: jsonFromDb,
  outputSchema: () => ({}),
  inputSchema: () => ({}),
};
