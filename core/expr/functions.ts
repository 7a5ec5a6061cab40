// The functions of §2.6, with their arity. Arity is checked at compile time; a function never fails
// on an argument of the wrong kind (it answers null, 0 or false as listed), only on the limits.
// `sum` and `count` take an optional inner expression, compiled by compile.ts and run per element.
import { add } from './arithmetic.js';
import { builtString, spendOnString, spendWork, walkedList } from './limits.js';
import { type Scope, currentTime, elementScope } from './scope.js';
import { codePointLength, textOfValue } from './text.js';
import { roundHalfAwayFromZero } from './round.js';
import { elementAt, isPlainObjectValue, toNumber, truthy, type Value } from './values.js';

/** A compiled expression: the environment (or element scope) in, a value of the language out. */
export type Evaluator = (scope: Scope) => Value;

export interface FunctionSpec {
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Called with the evaluated arguments. */
  readonly apply: (args: readonly Value[], scope: Scope) => Value;
  /** For sum/count with their second argument: the list and the compiled inner expression. */
  readonly perElement?: (list: Value, inner: Evaluator, innerSize: number, scope: Scope) => Value;
}

const numeric = (f: (n: number) => number) => (args: readonly Value[]): Value => {
  const n = toNumber(args[0]);
  return n === null ? null : f(n);
};

const text = (f: (s: string) => string) => (args: readonly Value[]): Value => {
  const s = args[0];
  if (typeof s !== 'string') return null;
  spendOnString(s.length);
  return builtString(f(s));
};

const textTest = (f: (s: string, sub: string) => boolean) => (args: readonly Value[]): Value => {
  const [s, sub] = args;
  if (typeof s !== 'string' || typeof sub !== 'string') return false;
  spendOnString(s.length);
  return f(s, sub);
};

/** The elements of a list argument, or null when it is not a list (null, a number, …). */
function listArgument(v: Value, fn: string, unitsPerElement = 1): readonly unknown[] | null {
  if (!Array.isArray(v)) return null;
  walkedList(v, fn, unitsPerElement);
  return v;
}

/** Adds numeric values (numbers, numeric strings) with the overflow rule of `+`. */
function addNumeric(total: number, v: Value): number {
  const n = toNumber(v);
  return n === null ? total : (add(total, n) as number);
}

function extreme(args: readonly Value[], fn: 'min' | 'max'): Value {
  // A single list argument is expanded: min(record.scores) is min of the scores.
  const expanded = args.length === 1 && Array.isArray(args[0]);
  const values: readonly unknown[] = expanded ? (listArgument(args[0], fn) as readonly unknown[]) : args;
  let best: number | null = null;
  for (let i = 0; i < values.length; i++) {
    const n = toNumber(expanded ? elementAt(values, i) : (values[i] as Value));
    if (n === null || Number.isNaN(n)) continue; // nulls and non-numeric values are ignored
    if (best === null || (fn === 'min' ? n < best : n > best)) best = n;
  }
  return best;
}

function length(v: Value): number {
  if (typeof v === 'string') return codePointLength(v);
  if (Array.isArray(v)) return v.length;
  if (isPlainObjectValue(v)) {
    const keys = Object.keys(v);
    spendWork(keys.length);
    return keys.length;
  }
  return 0;
}

export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = Object.freeze({
  len: { minArgs: 1, maxArgs: 1, apply: (args) => length(args[0]) },
  sum: {
    minArgs: 1,
    maxArgs: 2,
    apply: (args) => {
      const list = listArgument(args[0], 'sum');
      let total = 0;
      if (list) for (let i = 0; i < list.length; i++) total = addNumeric(total, elementAt(list, i));
      return total;
    },
    perElement: (listValue, inner, innerSize, scope) => {
      const list = listArgument(listValue, 'sum', innerSize);
      let total = 0;
      if (list) for (let i = 0; i < list.length; i++) total = addNumeric(total, inner(elementScope(scope, elementAt(list, i))));
      return total;
    },
  },
  count: {
    minArgs: 1,
    maxArgs: 2,
    apply: (args) => listArgument(args[0], 'count')?.length ?? 0,
    perElement: (listValue, inner, innerSize, scope) => {
      const list = listArgument(listValue, 'count', innerSize);
      let n = 0;
      if (list) for (let i = 0; i < list.length; i++) if (truthy(inner(elementScope(scope, elementAt(list, i))))) n++;
      return n;
    },
  },
  min: { minArgs: 1, maxArgs: Infinity, apply: (args) => extreme(args, 'min') },
  max: { minArgs: 1, maxArgs: Infinity, apply: (args) => extreme(args, 'max') },
  abs: { minArgs: 1, maxArgs: 1, apply: numeric(Math.abs) },
  floor: { minArgs: 1, maxArgs: 1, apply: numeric(Math.floor) },
  ceil: { minArgs: 1, maxArgs: 1, apply: numeric(Math.ceil) },
  round: {
    minArgs: 1,
    maxArgs: 2,
    apply: (args) => {
      const x = toNumber(args[0]);
      if (x === null) return null;
      if (args.length < 2) return roundHalfAwayFromZero(x, 0);
      const digits = toNumber(args[1]);
      return digits === null || !Number.isInteger(digits) ? null : roundHalfAwayFromZero(x, digits);
    },
  },
  lower: { minArgs: 1, maxArgs: 1, apply: text((s) => s.toLowerCase()) },
  upper: { minArgs: 1, maxArgs: 1, apply: text((s) => s.toUpperCase()) },
  trim: { minArgs: 1, maxArgs: 1, apply: text((s) => s.trim()) },
  contains: { minArgs: 2, maxArgs: 2, apply: textTest((s, sub) => s.includes(sub)) },
  startsWith: { minArgs: 2, maxArgs: 2, apply: textTest((s, p) => s.startsWith(p)) },
  endsWith: { minArgs: 2, maxArgs: 2, apply: textTest((s, p) => s.endsWith(p)) },
  string: {
    minArgs: 1,
    maxArgs: 1,
    apply: (args) => {
      const v = args[0];
      if (typeof v === 'string' || v === null) return v;
      return builtString(textOfValue(v) as string);
    },
  },
  number: { minArgs: 1, maxArgs: 1, apply: (args) => toNumber(args[0]) },
  now: { minArgs: 0, maxArgs: 0, apply: (_args, scope) => currentTime(scope) },
} satisfies Record<string, FunctionSpec>);

/** The compile error for a call with the wrong number of arguments, or undefined. */
export function arityProblem(name: string, spec: FunctionSpec, count: number): string | undefined {
  if (count >= spec.minArgs && count <= spec.maxArgs) return undefined;
  const plural = (n: number) => `${n} argument${n === 1 ? '' : 's'}`;
  let expected: string;
  if (spec.maxArgs === 0) expected = 'no arguments';
  else if (spec.maxArgs === Infinity) expected = `at least ${plural(spec.minArgs)}`;
  else if (spec.minArgs === spec.maxArgs) expected = plural(spec.minArgs);
  else expected = `${spec.minArgs} or ${plural(spec.maxArgs)}`;
  return `${name} expects ${expected}, got ${count}`;
}

