// Field type `json`: any JSON value; JSONB on PostgreSQL (driver serialises), JSON text on SQLite.

import type { FieldType } from '../types.js';
import { FAIL, NO_OPS, ok } from './shared.js';

/** SQLite JSON text → value; text that is not JSON (legacy rows) is returned unchanged. */
export function parseJsonText(raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

export function jsonToDb(value: unknown, dialect: 'postgres' | 'sqlite'): unknown {
  if (value === null || value === undefined) return null;
  return dialect === 'sqlite' ? JSON.stringify(value) : value;
}

export const jsonType: FieldType = {
  name: 'json',
  typeKind: 'a JSON value',
  operators: NO_OPS,
  columnType: (dialect) => (dialect === 'postgres' ? 'JSONB' : 'TEXT'),
  coerceInput: (value) => ok(value),
  // json supports no value operators, so there is nothing to parse.
  parseFilter: () => FAIL,
  toDb: jsonToDb,
  fromDb: (raw, dialect) => (dialect === 'sqlite' ? parseJsonText(raw) : raw ?? null),
  outputSchema: () => ({}),
  inputSchema: () => ({}),
};
