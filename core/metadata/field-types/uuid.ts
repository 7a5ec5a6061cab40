// Field type `uuid`: canonical 8-4-4-4-12 hex syntax, stored and returned lowercase.

import type { Coerced, FieldType } from '../types.js';
import { COMPARISON_OPS, FAIL, STORAGE, UUID_RE, nullable, ok } from './shared.js';

export function parseUuid(text: string): Coerced {
  return UUID_RE.test(text) ? ok(text.toLowerCase()) : FAIL;
}

export const uuidType: FieldType = {
  name: 'uuid',
  typeKind: 'a UUID',
  operators: COMPARISON_OPS,
  storage: () => STORAGE.uuid,
  primaryKeyType: 'uuid',
  coerceInput: (value) => (typeof value === 'string' ? parseUuid(value) : FAIL),
  parseFilter: (text) => parseUuid(text),
  filterSchema: () => ({ type: 'string', format: 'uuid' }),
  toDb: (value) => value ?? null,
  fromDb(raw) {
    if (raw === null || raw === undefined) return null;
    return typeof raw === 'string' ? raw.toLowerCase() : String(raw);
  },
  outputSchema: () => nullable({ type: 'string', format: 'uuid' }),
  inputSchema: () => nullable({ type: 'string', format: 'uuid' }),
};
