// Field type `bigint`: 64-bit signed integer. Normalised to a JS number inside the safe range and
// to a canonical digit string beyond it; always output as a string (metadata.md §4).

import type { Coerced, FieldType } from '../types.js';
import {
  COMPARISON_OPS, FAIL, INT64_MAX, INT64_MIN, INT_TEXT_RE, STORAGE, integerFromExpression, integerValue, nullable, ok, widensFrom,
} from './shared.js';

function parseBigintText(text: string): Coerced {
  if (!INT_TEXT_RE.test(text)) return FAIL;
  const big = BigInt(text);
  if (big < INT64_MIN || big > INT64_MAX) return FAIL;
  const n = Number(big);
  return ok(Number.isSafeInteger(n) ? n : big.toString());
}

export const bigintType: FieldType = {
  name: 'bigint',
  typeKind: 'an integer',
  operators: COMPARISON_OPS,
  storage: () => STORAGE.int64,
  primaryKeyType: 'bigint',
  numeric: { integerRange: { min: -(2 ** 63), limit: 2 ** 63 }, fromNumber: integerValue },
  fromExpression: integerFromExpression,
  changeFrom: widensFrom(['int32']),
  coerceInput(value) {
    if (typeof value === 'number') return Number.isSafeInteger(value) ? ok(value === 0 ? 0 : value) : FAIL;
    if (typeof value === 'string') return parseBigintText(value);
    return FAIL;
  },
  parseFilter: (text) => parseBigintText(text),
  filterSchema: () => ({ type: 'string', pattern: '^-?\\d+$' }),
  // SQLite's INTEGER affinity converts a digit-string parameter to an exact int64.
  toDb: (value) => value ?? null,
  fromDb(raw) {
    if (raw === null || raw === undefined) return null;
    if (typeof raw === 'bigint') return raw.toString();
    // better-sqlite3 without safeIntegers returns a (possibly rounded) number; BigInt avoids "1e+21".
    if (typeof raw === 'number') return Number.isInteger(raw) ? BigInt(raw).toString() : String(raw);
    if (typeof raw === 'string') return INT_TEXT_RE.test(raw) ? BigInt(raw).toString() : raw;
    return String(raw);
  },
  outputSchema: () => nullable({ type: 'string', pattern: '^-?\\d+$' }),
  inputSchema: () => ({
    anyOf: [
      { type: 'integer' },
      { type: 'string', pattern: '^-?\\d+$' },
      { type: 'null' },
    ],
  }),
};
