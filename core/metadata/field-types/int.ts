// Field type `int` (alias `integer`): 32-bit signed integer, from JSON integers or digit strings.

import type { FieldType } from '../types.js';
import {
  COMPARISON_OPS, FAIL, INT32_MAX, INT32_MIN, INT_TEXT_RE, STORAGE, intFromText, integerFromExpression, integerValue, nullable, ok,
} from './shared.js';

function inRange(n: number): boolean {
  return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX;
}

/** Digit string → int within range; Number() is exact enough here since any ≥ 11-digit text is out of range anyway. */
function parseIntText(text: string) {
  if (!INT_TEXT_RE.test(text)) return FAIL;
  const n = intFromText(text);
  return inRange(n) ? ok(n) : FAIL;
}

export const intType: FieldType = {
  name: 'int',
  aliases: ['integer'],
  typeKind: 'an integer',
  operators: COMPARISON_OPS,
  storage: () => STORAGE.int32,
  primaryKeyType: 'int',
  numeric: { integerRange: { min: INT32_MIN, limit: INT32_MAX + 1 }, fromNumber: integerValue },
  fromExpression: integerFromExpression,
  coerceInput(value) {
    if (typeof value === 'number') return inRange(value) ? ok(value === 0 ? 0 : value) : FAIL;
    if (typeof value === 'string') return parseIntText(value);
    return FAIL;
  },
  parseFilter: (text) => parseIntText(text),
  filterSchema: () => ({ type: 'integer', minimum: INT32_MIN, maximum: INT32_MAX }),
  toDb: (value) => value ?? null,
  fromDb(raw) {
    if (raw === null || raw === undefined) return null;
    if (typeof raw === 'number') return raw;
    if (typeof raw === 'bigint') return Number(raw);
    if (typeof raw === 'string') return Number(raw);
    return raw;
  },
  outputSchema: () => nullable({ type: 'integer' }),
  inputSchema: () => ({
    anyOf: [
      { type: 'integer', minimum: INT32_MIN, maximum: INT32_MAX },
      { type: 'string', pattern: '^-?\\d+$' },
      { type: 'null' },
    ],
  }),
};
