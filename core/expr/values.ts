// The values of the language (logic.md §2.4) and the border between them and the host: every value
// read from the environment passes `readValue`, so the evaluator only ever holds null, booleans,
// numbers, strings, valid Dates, arrays and plain objects; functions, class instances, boxed
// primitives and the built-in prototypes read as null. What the expression returns passes
// `exportValue`, which makes sure nothing else is nested inside a list or object it hands back.
import { types } from 'node:util';
import { parseTimestampMs } from '../metadata/field-types/datetime.js';
import { checkValueDepth, spendWork } from './limits.js';

/** A value of the language. Arrays and objects are plain; Dates are valid instants. */
export type Value = null | boolean | number | string | Date | readonly unknown[] | PlainObject;
export type PlainObject = { readonly [key: string]: unknown };

const hasOwn = Object.hasOwn;
const getPrototypeOf = Object.getPrototypeOf;
// Captured once: a Date in the environment may carry an own `getTime` property, which must not run.
const dateGetTime = Date.prototype.getTime;
const OBJECT_PROTO = Object.prototype;
const ARRAY_PROTO = Array.prototype;
const DATE_PROTO = Date.prototype;

/**
 * Built-in objects that pass the plain-object test (their prototype is Object.prototype or null)
 * but are host objects all the same. The environment should never hold them; if it does, they read
 * as null, like any other host object (a Set lookup of an object without an identity hash is cheap).
 */
const INTRINSICS: ReadonlySet<unknown> = new Set<unknown>([
  globalThis, Object.prototype, Array.prototype, Function.prototype, Date.prototype, String.prototype,
  Number.prototype, Boolean.prototype, Symbol.prototype, BigInt.prototype, RegExp.prototype,
  Error.prototype, Map.prototype, Set.prototype, WeakMap.prototype, WeakSet.prototype,
  Promise.prototype, ArrayBuffer.prototype, Math, JSON, Reflect, Atomics, Intl, console,
  typeof process === 'object' ? process : undefined,
]);

/** Epoch milliseconds of a Date, without calling anything the Date itself carries. */
export function timeOf(d: Date): number {
  return dateGetTime.call(d);
}

/** A host value as a value of the language (see the file comment). Never throws for plain data. */
export function readValue(v: unknown): Value {
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'boolean':
      return v;
    case 'object':
      return v === null ? null : readObject(v);
    case 'bigint': {
      // §2.7 represents a bigint field as a number, or as its digits beyond ±2⁵³.
      const n = Number(v);
      return Number.isSafeInteger(n) ? n : v.toString();
    }
    default: // undefined, functions, symbols
      return null;
  }
}

function readObject(v: object): Value {
  const proto: unknown = getPrototypeOf(v);
  if (proto === ARRAY_PROTO) return Array.isArray(v) ? (v as unknown[]) : null;
  if (proto === OBJECT_PROTO || proto === null) return INTRINSICS.has(v) ? null : (v as PlainObject);
  if (types.isDate(v)) {
    const t = timeOf(v);
    if (Number.isNaN(t)) return null;
    return proto === DATE_PROTO ? v : new Date(t); // a Date subclass becomes a plain Date
  }
  return null;
}

/** The element at `index` of a list (a hole reads as null). */
export function elementAt(list: readonly unknown[], index: number): Value {
  return hasOwn(list, index) ? readValue(list[index]) : null;
}

/** The own property `key` of a plain object, or null. */
export function propertyOf(obj: PlainObject, key: string): Value {
  return hasOwn(obj, key) ? readValue(obj[key]) : null;
}

export function isPlainObjectValue(v: Value): v is PlainObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** §2.5 truthiness: false, null, 0, NaN and "" are falsy; everything else (also [] and {}) is truthy. */
export function truthy(v: unknown): boolean {
  return !(v === false || v === null || v === undefined || v === 0 || v === '' || Number.isNaN(v));
}

// Unambiguous, so a long run of digits that fails to match cannot backtrack quadratically.
const NUMERIC_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A numeric string's value: optional sign, decimal digits with an optional point, optional
 * exponent, nothing else (no whitespace, hex, "Infinity" or empty string), and a finite result.
 */
export function numericValueOfString(s: string): number | null {
  if (!NUMERIC_RE.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** `number(x)`: a number as is, a numeric string parsed, anything else null. */
export function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return numericValueOfString(v);
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : null;
  return null;
}

// ISO-8601 text is at most ~35 characters; longer strings are not dates and are not scanned.
const MAX_DATE_TEXT = 64;
// The range of a JS Date, in epoch milliseconds.
const MAX_EPOCH_MS = 8.64e15;

/**
 * `new Date(x)` of §2.5: an ISO-8601 date-time (no offset = UTC) or `YYYY-MM-DD` (midnight UTC),
 * with the engine's strict calendar rules and years 0001–9999; epoch milliseconds; a Date as is.
 * Anything else, or an unparseable string, is null.
 */
export function toDate(v: unknown): Date | null {
  if (typeof v === 'string') {
    if (v.length > MAX_DATE_TEXT) return null;
    const ms = parseTimestampMs(v);
    return ms === undefined ? null : new Date(ms);
  }
  if (typeof v === 'number') {
    return Number.isFinite(v) && Math.abs(v) <= MAX_EPOCH_MS ? new Date(v) : null;
  }
  if (typeof v === 'object' && v !== null) {
    const value = readValue(v);
    return value instanceof Date ? value : null;
  }
  return null;
}

/** Epoch milliseconds of a string read as a date, or null (comparison and equality with dates). */
export function timeOfDateString(s: string): number | null {
  if (s.length > MAX_DATE_TEXT) return null;
  const ms = parseTimestampMs(s);
  return ms === undefined ? null : ms;
}

/**
 * The value an evaluation returns. A list or object taken from the environment is returned as is
 * when everything nested in it is a value of the language (the common case, checked in one walk);
 * otherwise a copy is returned in which every other thing (a function, a class instance, undefined,
 * a hole) is null. Dates, primitives and null are returned as they are.
 */
export function exportValue(v: Value): Value {
  if (typeof v !== 'object' || v === null || v instanceof Date) return v;
  return isClean(v, 1) ? v : cleanCopy(v, 1);
}

function isClean(v: readonly unknown[] | PlainObject, depth: number): boolean {
  checkValueDepth(depth);
  if (Array.isArray(v)) {
    spendWork(2 * v.length);
    for (let i = 0; i < v.length; i++) {
      if (!hasOwn(v, i) || !isCleanChild(v[i], depth)) return false;
    }
    return true;
  }
  const keys = Object.keys(v);
  spendWork(2 * keys.length);
  for (const key of keys) {
    if (!isCleanChild((v as PlainObject)[key], depth)) return false;
  }
  return true;
}

function isCleanChild(child: unknown, depth: number): boolean {
  const value = readValue(child);
  if (!Object.is(value, child)) return false; // undefined, a function, a host object, a Date subclass, a bigint
  if (typeof value !== 'object' || value === null || value instanceof Date) return true;
  return isClean(value, depth + 1);
}

function cleanCopy(v: readonly unknown[] | PlainObject, depth: number): readonly unknown[] | PlainObject {
  checkValueDepth(depth);
  if (Array.isArray(v)) {
    spendWork(4 * v.length);
    const out: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = cleanChild(elementAt(v, i), depth);
    return out;
  }
  const keys = Object.keys(v);
  spendWork(4 * keys.length);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const child = cleanChild(propertyOf(v as PlainObject, key), depth);
    // An own "__proto__" key (JSON.parse makes them) must stay a key, not set the prototype.
    if (key === '__proto__') {
      Object.defineProperty(out, key, { value: child, enumerable: true, writable: true, configurable: true });
    } else {
      out[key] = child;
    }
  }
  return out;
}

function cleanChild(value: Value, depth: number): Value {
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  return cleanCopy(value, depth + 1);
}
