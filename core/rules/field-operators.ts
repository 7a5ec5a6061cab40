// Field rules (logic.md §1.3): each operator states a constraint on one value. The operand's shape
// is checked when the rule is saved; `compileConstraint` turns a valid operator and operand into
// the test run on every write. An absent or null value never reaches these tests (it passes every
// operator except not_empty, which the evaluator handles), and a value of a kind the operator does
// not apply to passes.
import { exprCompare, exprEquals, toNumber } from '../expr/index.js';
import type { FieldOperator } from './types.js';

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'boolean' || isNumber(v);

/** Whether `value` is a valid operand of `operator` (check 10 of §1.8). */
export function operandFits(operator: FieldOperator, value: unknown): boolean {
  switch (operator) {
    case 'min':
    case 'max':
      return isNumber(value);
    case 'min_length':
    case 'max_length':
      return isCount(value);
    case 'pattern':
    case 'like':
      return typeof value === 'string';
    case 'eq':
    case 'neq':
      return isScalar(value);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return isNumber(value) || typeof value === 'string';
    case 'in':
    case 'not_in':
      return Array.isArray(value);
    case 'not_empty':
      return value === undefined || value === null;
  }
}

/** The regex of a `pattern` operand, or the reason it does not compile (check 11). */
export function compilePattern(source: string): RegExp | string {
  try {
    return new RegExp(source);
  } catch (err) {
    return (err as Error).message;
  }
}

/** SQL LIKE over the whole string: `%` any sequence, `_` one code point, case-sensitive. */
function likeRegex(pattern: string): RegExp {
  let re = '';
  for (const ch of pattern) {
    if (ch === '%') re += '.*';
    else if (ch === '_') re += '.';
    else re += ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'su');
}

const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** Text a `like` applies to: strings as they are, numbers and booleans in their text form. */
function likeText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Whether `v` is empty for not_empty: "", whitespace only, or []. */
export function isEmptyValue(v: unknown): boolean {
  if (typeof v === 'string') return v.trim() === '';
  return Array.isArray(v) && v.length === 0;
}

/**
 * The constraint test of a saved (valid) operator and operand, for a present, non-null value.
 * not_empty's null/absent cases depend on the hook and are decided by the evaluator.
 */
export function compileConstraint(operator: FieldOperator, operand: unknown): (v: unknown) => boolean {
  switch (operator) {
    case 'min': {
      const bound = operand as number;
      return (v) => {
        const n = toNumber(v);
        return n === null || n >= bound;
      };
    }
    case 'max': {
      const bound = operand as number;
      return (v) => {
        const n = toNumber(v);
        return n === null || n <= bound;
      };
    }
    case 'min_length': {
      const bound = operand as number;
      return (v) => typeof v !== 'string' || codePoints(v) >= bound;
    }
    case 'max_length': {
      const bound = operand as number;
      // Past `bound` UTF-16 units' worth of code points there is no need to count them all.
      return (v) => typeof v !== 'string' || v.length <= bound || codePoints(v) <= bound;
    }
    case 'pattern': {
      const re = compilePattern(operand as string) as RegExp;
      return (v) => typeof v !== 'string' || re.test(v);
    }
    case 'eq':
      return (v) => exprEquals(v, operand);
    case 'neq':
      return (v) => !exprEquals(v, operand);
    case 'gt':
      return (v) => ordered(v, operand, (c) => c > 0);
    case 'gte':
      return (v) => ordered(v, operand, (c) => c >= 0);
    case 'lt':
      return (v) => ordered(v, operand, (c) => c < 0);
    case 'lte':
      return (v) => ordered(v, operand, (c) => c <= 0);
    case 'in': {
      const members = operand as unknown[];
      return (v) => members.some((m) => exprEquals(v, m));
    }
    case 'not_in': {
      const members = operand as unknown[];
      return (v) => !members.some((m) => exprEquals(v, m));
    }
    case 'like': {
      const re = likeRegex(operand as string);
      return (v) => {
        const text = likeText(v);
        return text === undefined || re.test(text);
      };
    }
    case 'not_empty':
      return (v) => !isEmptyValue(v);
  }
}

/** An ordering constraint; values that do not compare (§2.5) satisfy it. */
function ordered(v: unknown, operand: unknown, holds: (c: number) => boolean): boolean {
  const c = exprCompare(v, operand);
  return c === undefined || holds(c);
}
