// Field type `decimal`: exact fixed-point number carried as a string end to end, rounded half
// away from zero to `precision` fractional digits (metadata.md §7.2, §4).

import type { Coerced, FieldDef, FieldType, TypeChangeKind } from '../types.js';
import { canonicalDecimal, integerDigitCount, numberToPlain, roundDecimal } from './decimal-text.js';
import { COMPARISON_OPS, DECIMAL_TEXT_RE, FAIL, STORAGE, nullable, ok, widensFrom } from './shared.js';

/** NUMERIC(18,p) holds 18 significant digits in total. */
const MAX_DIGITS = 18;
const MAX_PRECISION = 18;
/** Unconstrained NUMERIC: PostgreSQL's limits, applied on every database alike. */
const MAX_INTEGER_DIGITS = 131072;
const MAX_FRACTION_DIGITS = 16383;

/** Whether unconstrained NUMERIC can hold canonical decimal text. */
function withinNumeric(value: string): boolean {
  const point = value.indexOf('.');
  return integerDigitCount(value) <= MAX_INTEGER_DIGITS && (point < 0 || value.length - point - 1 <= MAX_FRACTION_DIGITS);
}

/** `precision` when it is a usable integer 0–18, else undefined ("no precision"). */
export function decimalPrecision(field: FieldDef): number | undefined {
  const p = field.precision;
  return typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= MAX_PRECISION ? p : undefined;
}

/** Plain decimal text → stored form: rounded to p digits, or canonical when p is unset. */
function normalise(text: string, field: FieldDef): string | undefined {
  const p = decimalPrecision(field);
  return p === undefined ? canonicalDecimal(text) : roundDecimal(text, p);
}

function coerceText(text: string, field: FieldDef): Coerced {
  if (!DECIMAL_TEXT_RE.test(text)) return FAIL;
  const value = normalise(text, field);
  if (value === undefined) return FAIL;
  // Reject values NUMERIC(18,p) cannot hold, instead of letting the database fail with a 500.
  const p = decimalPrecision(field);
  if (p !== undefined && p >= 1 ? integerDigitCount(value) > MAX_DIGITS - p : !withinNumeric(value)) return FAIL;
  return ok(value);
}

/** `precision` as a number, or undefined when absent/null ("unset"). */
function precisionOf(field: FieldDef): number | undefined {
  return typeof field.precision === 'number' ? field.precision : undefined;
}

/** A precision change keeps every stored value only when digits are added (or the limit removed). */
function precisionChange(from: FieldDef, to: FieldDef): TypeChangeKind {
  const pf = precisionOf(from);
  const pt = precisionOf(to);
  if (pf === pt) return 'none';
  if (pt === undefined) return 'alter'; // set → unset widens to unconstrained NUMERIC
  if (pf !== undefined && pt > pf) return 'alter'; // more fractional digits
  return 'forbidden'; // decreased, or unset → set (would round/truncate stored values)
}

const fromIntegers = widensFrom(['int32', 'int64']);

export const decimalType: FieldType = {
  name: 'decimal',
  typeKind: 'a number',
  operators: COMPARISON_OPS,
  settings: ['precision'],
  storage(field) {
    const p = decimalPrecision(field);
    return p !== undefined && p >= 1 ? { kind: 'decimal', digits: MAX_DIGITS, scale: p } : STORAGE.decimal;
  },
  numeric: { fromNumber: numberToPlain },
  changeFrom: (from, fromField, toField) =>
    from === decimalType ? precisionChange(fromField, toField) : fromIntegers(from, fromField, toField),
  coerceInput(value, field) {
    if (typeof value === 'number') return Number.isFinite(value) ? coerceText(numberToPlain(value), field) : FAIL;
    if (typeof value === 'string') return coerceText(value, field);
    return FAIL;
  },
  // Kept as canonical text (not rounded: a filter compares against the stored values as written)
  // so PostgreSQL compares exactly; SQLite's REAL affinity converts the text for comparison.
  parseFilter(text) {
    if (!DECIMAL_TEXT_RE.test(text)) return FAIL;
    const value = canonicalDecimal(text);
    // PostgreSQL compares as `$n::numeric`, which cannot take more digits than NUMERIC holds.
    return value === undefined || !withinNumeric(value) ? FAIL : ok(value);
  },
  filterSchema: () => ({ type: 'string', pattern: DECIMAL_TEXT_RE.source }),
  // The dialect decides the parameter form (SQLite binds a number for its REAL column, so
  // comparisons and storage never depend on text affinity).
  toDb: (value, dialect) => {
    if (value === null || value === undefined) return null;
    return typeof value === 'string' ? dialect.encodeDecimal(value) : value;
  },
  fromDb(raw, _dialect, field) {
    if (raw === null || raw === undefined) return null;
    let text: string | undefined;
    if (typeof raw === 'number') text = Number.isFinite(raw) ? numberToPlain(raw) : undefined;
    else if (typeof raw === 'bigint') text = raw.toString();
    else if (typeof raw === 'string') text = DECIMAL_TEXT_RE.test(raw) ? raw : numberTextToPlain(raw);
    if (text === undefined) return String(raw);
    return normalise(text, field) ?? text;
  },
  outputSchema: () => nullable({ type: 'string' }),
  inputSchema: () => ({
    anyOf: [{ type: 'number' }, { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' }, { type: 'null' }],
  }),
  validateSettings(field) {
    const p = field.precision;
    if (p === undefined || p === null) return null;
    return decimalPrecision(field) === undefined ? `invalid precision for field ${field.name}` : null;
  },
};

/** Driver text that is not plain (e.g. SQLite text "1e-7" after a type change) → plain, if numeric. */
function numberTextToPlain(raw: string): string | undefined {
  const n = Number(raw);
  return raw.trim() !== '' && Number.isFinite(n) ? numberToPlain(n) : undefined;
}
