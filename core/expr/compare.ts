// Equality, ordering and membership of §2.5. Equality is deep for lists and objects, bounded by
// maxValueDepth, maxListLength and the work budget, so a hostile environment cannot exhaust the
// stack or the CPU.
import { checkValueDepth, spendOnString, walkedList, withWorkBudget } from './limits.js';
import { compareCodePoints, numberText, textOfValue } from './text.js';
import {
  elementAt, isPlainObjectValue, numericValueOfString, propertyOf, readValue, timeOf, timeOfDateString,
  type PlainObject, type Value,
} from './values.js';

const hasOwn = Object.hasOwn;

/**
 * `a == b` of §2.5: null equals only null; numbers numerically, also against a numeric string;
 * a date against a date (same instant) or a string read as a date; strings exactly; booleans;
 * lists and objects deeply with the same rules. Every other mix is false.
 * Throws ExprRuntimeError only for values beyond the value limits.
 */
export function exprEquals(a: unknown, b: unknown): boolean {
  return withWorkBudget(() => valuesEqual(readValue(a), readValue(b)));
}

/** Ordering of §2.5: negative, 0 or positive, or undefined when the values are incomparable. */
export function exprCompare(a: unknown, b: unknown): number | undefined {
  return withWorkBudget(() => compareValues(readValue(a), readValue(b)));
}

export function valuesEqual(a: Value, b: Value, depth = 0): boolean {
  if (a === null || b === null) return a === b;
  switch (typeof a) {
    case 'number':
      if (typeof b === 'number') return a === b;
      return typeof b === 'string' && numericValueOfString(b) === a;
    case 'string':
      if (typeof b === 'string') {
        spendOnString(Math.min(a.length, b.length));
        return a === b;
      }
      if (typeof b === 'number') return numericValueOfString(a) === b;
      return b instanceof Date && timeOfDateString(a) === timeOf(b);
    case 'boolean':
      return a === b;
  }
  if (a instanceof Date) {
    if (b instanceof Date) return timeOf(a) === timeOf(b);
    return typeof b === 'string' && timeOfDateString(b) === timeOf(a);
  }
  if (Array.isArray(a)) return Array.isArray(b) && listsEqual(a, b, depth + 1);
  return isPlainObjectValue(b) && objectsEqual(a as PlainObject, b, depth + 1);
}

function listsEqual(a: readonly unknown[], b: readonly unknown[], depth: number): boolean {
  checkValueDepth(depth);
  if (a.length !== b.length) return false;
  walkedList(a, '==', 4);
  for (let i = 0; i < a.length; i++) {
    if (!valuesEqual(elementAt(a, i), elementAt(b, i), depth)) return false;
  }
  return true;
}

function objectsEqual(a: PlainObject, b: PlainObject, depth: number): boolean {
  checkValueDepth(depth);
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  walkedList(keys, '==', 4);
  for (const key of keys) {
    if (!hasOwn(b, key) || !valuesEqual(propertyOf(a, key), propertyOf(b, key), depth)) return false;
  }
  return true;
}

/**
 * Numbers (also against a numeric string) numerically, two strings in code-point order, dates (also
 * against a string read as a date) chronologically. null, NaN and every other mix: undefined.
 */
export function compareValues(a: Value, b: Value): number | undefined {
  if (a === null || b === null) return undefined;
  if (typeof a === 'number') {
    if (typeof b === 'number') return numericOrder(a, b);
    return typeof b === 'string' ? numericOrder(a, numericValueOfString(b)) : undefined;
  }
  if (typeof a === 'string') {
    if (typeof b === 'string') return compareCodePoints(a, b);
    if (typeof b === 'number') return numericOrder(numericValueOfString(a), b);
    return b instanceof Date ? numericOrder(timeOfDateString(a), timeOf(b)) : undefined;
  }
  if (a instanceof Date) {
    if (b instanceof Date) return numericOrder(timeOf(a), timeOf(b));
    return typeof b === 'string' ? numericOrder(timeOf(a), timeOfDateString(b)) : undefined;
  }
  return undefined;
}

function numericOrder(x: number | null, y: number | null): number | undefined {
  if (x === null || y === null || Number.isNaN(x) || Number.isNaN(y)) return undefined;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * `x in y`: y a list → some element equals x; y a string → the text form of x is a substring
 * (null is in no string); y an object → x (a string, or a number in its canonical text) is an own
 * key. Anything else: false.
 */
export function isIn(x: Value, y: Value): boolean {
  if (typeof y === 'string') {
    const text = textOfValue(x);
    if (text === null) return false;
    spendOnString(y.length);
    return y.includes(text);
  }
  if (typeof y !== 'object' || y === null || y instanceof Date) return false;
  if (Array.isArray(y)) {
    walkedList(y, 'in');
    for (let i = 0; i < y.length; i++) if (valuesEqual(x, elementAt(y, i))) return true;
    return false;
  }
  const key = propertyKey(x);
  return key !== null && hasOwn(y, key);
}

/** A value used as an object key: a string as is, a number in canonical text, anything else null. */
export function propertyKey(k: Value): string | null {
  if (typeof k === 'string') return k;
  if (typeof k === 'number') return numberText(k);
  return null;
}

