// Strings in the language: the text form of values (string(x), `+` concatenation, `in` on a string),
// code-point length and code-point order.
import { numberToPlain } from '../metadata/field-types/decimal-text.js';
import { ExprRuntimeError } from './errors.js';
import { EXPR_LIMITS, LIMIT_REASONS, checkValueDepth, spendOnString, spendWork, withWorkBudget } from './limits.js';
import { elementAt, propertyOf, readValue, type PlainObject, type Value } from './values.js';

const dateToISOString = Date.prototype.toISOString;

/**
 * Canonical text of a number: the shortest round-trip digits in plain notation (no exponent,
 * 1e21 → "1000000000000000000000", 1.5e-7 → "0.00000015"), -0 → "0". The same form the engine
 * uses for decimals and permission conditions. NaN and ±Infinity (only from the environment) keep
 * their JavaScript names.
 */
export function numberText(n: number): string {
  return Number.isFinite(n) ? numberToPlain(n) : String(n);
}

/** ISO-8601 text of a valid Date (`2025-03-09T14:05:00.000Z`). */
export function dateText(d: Date): string {
  return dateToISOString.call(d);
}

/**
 * `string(x)`: strings as they are, numbers canonical, booleans true/false, dates ISO-8601, lists
 * and objects as JSON text (dates inside as ISO strings, anything that is not a value as null);
 * null → null. Throws ExprRuntimeError for a JSON text beyond maxStringLength or a value nested
 * beyond maxValueDepth.
 */
export function textForm(v: unknown): string | null {
  return withWorkBudget(() => textOfValue(readValue(v)));
}

/** textForm for a value the evaluator already holds (charges the running work budget). */
export function textOfValue(v: Value): string | null {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return numberText(v);
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      if (v === null) return null;
      if (v instanceof Date) return dateText(v);
      return jsonText(v);
  }
}

/** JSON text of a list or object, built in one buffer with the length checked as it grows. */
function jsonText(v: readonly unknown[] | PlainObject): string {
  const parts: string[] = [];
  let length = 0;
  const push = (s: string) => {
    length += s.length;
    if (length > EXPR_LIMITS.maxStringLength) throw new ExprRuntimeError(LIMIT_REASONS.stringTooLong());
    parts.push(s);
  };
  const write = (value: Value, depth: number): void => {
    switch (typeof value) {
      case 'string':
        spendOnString(value.length);
        push(JSON.stringify(value));
        return;
      case 'number':
        push(Number.isFinite(value) ? numberToPlain(value) : 'null');
        return;
      case 'boolean':
        push(value ? 'true' : 'false');
        return;
    }
    if (value === null) return push('null');
    if (value instanceof Date) return push(JSON.stringify(dateText(value)));
    checkValueDepth(depth);
    if (Array.isArray(value)) {
      spendWork(4 * value.length);
      push('[');
      for (let i = 0; i < value.length; i++) {
        if (i > 0) push(',');
        write(elementAt(value, i), depth + 1);
      }
      push(']');
      return;
    }
    const keys = Object.keys(value);
    spendWork(4 * keys.length);
    push('{');
    keys.forEach((key, i) => {
      if (i > 0) push(',');
      push(JSON.stringify(key));
      push(':');
      write(propertyOf(value as PlainObject, key), depth + 1);
    });
    push('}');
  };
  write(v, 1);
  return parts.join('');
}

/** Number of Unicode code points; a lone surrogate counts as one (as `[...s].length` does). */
export function codePointLength(s: string): number {
  spendOnString(s.length);
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/**
 * Code-point order of two strings (negative, 0, positive). JavaScript's `<` orders UTF-16 code
 * units, which puts U+E000–U+FFFF after astral characters; remapping the first differing unit fixes
 * that (surrogates move above the rest of the BMP).
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  spendOnString(n);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}
