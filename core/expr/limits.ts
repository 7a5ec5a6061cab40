// Every bound the expression language puts on hostile input, in one place (README "The expression
// language"). Source limits are compile errors, checked before any recursion, so no input can
// overflow the stack; value limits are runtime errors.

import { ExprRuntimeError } from './errors.js';

/** 100000 → "100,000" (no locale data needed). */
const fmt = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

export const EXPR_LIMITS = Object.freeze({
  /** Longest source, in UTF-16 code units. Real rules are under 200; 4,096 leaves room for long guards. */
  maxLength: 4_096,
  /**
   * Deepest nesting of parentheses, array literals, call arguments, `[index]` and ternary branches,
   * counted across `sum`/`count` inner expressions. Long flat chains (`a + b + …`, `a.b.c…`, `!!!…`)
   * do not nest and are only bounded by maxLength. 64 levels keep the parser, the compiler and the
   * evaluator far below the stack limit (each level costs about a dozen frames).
   */
  maxDepth: 64,
  /** Longest string an expression may build (`+`, `string()`, `upper()`, …), in UTF-16 code units. */
  maxStringLength: 1_000_000,
  /** Longest list `sum`, `count`, `min`, `max`, `in` and `==` walk. `len` is constant time and unbounded. */
  maxListLength: 100_000,
});

/**
 * Bounds on walking values of the environment. Deep equality, text forms of lists/objects and the
 * check of a returned list/object recurse into nested values: 256 levels is twice the deepest JSON a
 * request body may carry (MAX_JSON_DEPTH), and a cyclic value fails here instead of looping.
 *
 * The work budget bounds one evaluation in all, in units of roughly 50 ns: per list element walked
 * by sum/count/min/max/in, 1 unit (times the node count of a `sum`/`count` inner expression, which
 * runs per element); per element checked in a returned list/object, 2 units; per element compared by
 * deep equality, converted to JSON text or copied out of a result, 4 units; per 64 characters of a
 * string scanned or built, 1 unit. 5,000,000 units (0.3–0.6 s at worst on a busy 2-core machine)
 * pass `sum(list, '…30 nodes…')` over the longest list, and stop nested `count(list, 'count(list,
 * …)')` and shared sub-values that deep equality would visit exponentially often.
 */
export const VALUE_LIMITS = Object.freeze({
  maxValueDepth: 256,
  workBudget: 5_000_000,
});

export const LIMIT_REASONS = {
  tooLong: (length: number) =>
    `expression is too long (${fmt(length)} characters; the limit is ${fmt(EXPR_LIMITS.maxLength)})`,
  tooDeep: () => `expression is nested too deeply (the limit is ${EXPR_LIMITS.maxDepth} levels)`,
  stringTooLong: () => `string too long (the limit is ${fmt(EXPR_LIMITS.maxStringLength)} characters)`,
  listTooLong: (fn: string) => `list too long for ${fn} (the limit is ${fmt(EXPR_LIMITS.maxListLength)} elements)`,
  valueTooDeep: () => `value nested too deeply (the limit is ${VALUE_LIMITS.maxValueDepth} levels)`,
  workExceeded: () => `evaluation too expensive (the limit is ${fmt(VALUE_LIMITS.workBudget)} steps)`,
};

// The work budget of the evaluation in progress. Evaluation is synchronous and never re-entered, so
// one module-level counter serves it without threading a budget through every operation; each public
// entry point (evaluate, exprEquals, textForm, …) starts a fresh budget and restores the outer one.
let remainingWork: number = VALUE_LIMITS.workBudget;

/** Charges `units` of work; throws ExprRuntimeError once the budget of this evaluation is spent. */
export function spendWork(units: number): void {
  remainingWork -= units;
  if (remainingWork < 0) throw new ExprRuntimeError(LIMIT_REASONS.workExceeded());
}

/** Charges the scan or construction of a string of `length` code units (one unit per 64). */
export function spendOnString(length: number): void {
  spendWork(1 + (length >>> 6));
}

/** Starts a fresh work budget; returns what endWork needs to restore the outer one. */
export function beginWork(): number {
  const outer = remainingWork;
  remainingWork = VALUE_LIMITS.workBudget;
  return outer;
}

export function endWork(outer: number): void {
  remainingWork = outer;
}

/** Runs `fn` with a fresh work budget. */
export function withWorkBudget<T>(fn: () => T): T {
  const outer = beginWork();
  try {
    return fn();
  } finally {
    endWork(outer);
  }
}

/** A string the expression built: refused above maxStringLength, otherwise charged and returned. */
export function builtString(s: string): string {
  if (s.length > EXPR_LIMITS.maxStringLength) throw new ExprRuntimeError(LIMIT_REASONS.stringTooLong());
  spendOnString(s.length);
  return s;
}

/** A list about to be walked by `fn`: refused above maxListLength, otherwise charged per element. */
export function walkedList(list: readonly unknown[], fn: string, unitsPerElement = 1): void {
  if (list.length > EXPR_LIMITS.maxListLength) throw new ExprRuntimeError(LIMIT_REASONS.listTooLong(fn));
  spendWork(list.length * unitsPerElement);
}

/** Recursion into nested values (equality, text forms, the returned value): refused too deep. */
export function checkValueDepth(depth: number): void {
  if (depth > VALUE_LIMITS.maxValueDepth) throw new ExprRuntimeError(LIMIT_REASONS.valueTooDeep());
}
