// Field type `boolean`: JSON true/false only; SQLite stores 0/1 (metadata.md §7.2).

import type { FieldType } from '../types.js';
import { COMPARISON_OPS, FAIL, STORAGE, nullable, ok } from './shared.js';

export const booleanType: FieldType = {
  name: 'boolean',
  typeKind: 'a boolean',
  operators: COMPARISON_OPS,
  storage: () => STORAGE.boolean,
  coerceInput: (value) => (typeof value === 'boolean' ? ok(value) : FAIL),
  parseFilter(text) {
    const t = text.toLowerCase();
    if (t === 'true' || t === '1') return ok(true);
    if (t === 'false' || t === '0') return ok(false);
    return FAIL;
  },
  filterSchema: () => ({ type: 'boolean' }),
  toDb(value, dialect) {
    if (value === null || value === undefined) return null;
    return typeof value === 'boolean' ? dialect.encodeBool(value) : value;
  },
  fromDb(raw) {
    if (raw === null || raw === undefined) return null;
    if (typeof raw === 'boolean') return raw;
    if (typeof raw === 'number') return raw !== 0;
    if (typeof raw === 'bigint') return raw !== 0n;
    if (typeof raw === 'string') return ['true', 't', '1'].includes(raw.toLowerCase());
    return Boolean(raw);
  },
  outputSchema: () => nullable({ type: 'boolean' }),
  inputSchema: () => nullable({ type: 'boolean' }),
};
