// Field type `float`: IEEE double, from JSON numbers or numeric strings; output as a number.

import type { FieldType } from '../types.js';
import { COMPARISON_OPS, DECIMAL_TEXT_RE, FAIL, STORAGE, nullable, ok, widensFrom } from './shared.js';

// Numeric strings accepted as input: optional sign, digits with optional fraction, optional exponent.
const FLOAT_TEXT_RE = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

function finite(n: number) {
  return Number.isFinite(n) ? ok(n === 0 ? 0 : n) : FAIL;
}

export const floatType: FieldType = {
  name: 'float',
  typeKind: 'a number',
  operators: COMPARISON_OPS,
  storage: () => STORAGE.float64,
  numeric: { fromNumber: (n) => n },
  changeFrom: widensFrom(['int32', 'int64']),
  coerceInput(value) {
    if (typeof value === 'number') return finite(value);
    if (typeof value === 'string') return FLOAT_TEXT_RE.test(value) ? finite(Number(value)) : FAIL;
    return FAIL;
  },
  // Filters are stricter than bodies (rest-api.md §5.4): plain decimal text only.
  parseFilter: (text) => (DECIMAL_TEXT_RE.test(text) ? finite(Number(text)) : FAIL),
  filterSchema: () => ({ type: 'string', pattern: DECIMAL_TEXT_RE.source }),
  toDb: (value) => value ?? null,
  fromDb(raw) {
    if (raw === null || raw === undefined) return null;
    if (typeof raw === 'number') return raw;
    if (typeof raw === 'string' || typeof raw === 'bigint') return Number(raw);
    return raw;
  },
  outputSchema: () => nullable({ type: 'number' }),
  inputSchema: () => ({
    anyOf: [{ type: 'number' }, { type: 'string', pattern: FLOAT_TEXT_RE.source }, { type: 'null' }],
  }),
};
