// The arithmetic operators of §2.5. Results must be finite: an overflow (1e308 * 10) or a NaN or
// Infinity coming from the environment is a runtime error rather than a value that would later be
// stored as null or break a comparison silently.
import { ExprRuntimeError } from './errors.js';
import { EXPR_LIMITS, LIMIT_REASONS, builtString } from './limits.js';
import { textOfValue } from './text.js';
import { timeOf, toNumber, type Value } from './values.js';

export type ArithmeticOperator = '-' | '*' | '/' | '%';

export const invalidOperands = (op: string) => new ExprRuntimeError(`invalid operands for ${op}`);

/** `n`, or the runtime error for a result that is NaN or ±Infinity. */
export function finiteResult(n: number): number {
  if (!Number.isFinite(n)) throw new ExprRuntimeError('arithmetic result is not a finite number');
  return n;
}

/**
 * `a + b`: two numbers add; a null operand gives null; when either is a string the text forms are
 * concatenated (numbers canonical, dates ISO-8601, booleans true/false, lists/objects JSON); any
 * other pair is a runtime error. Numeric strings concatenate: `'1' + 2` is `'12'`.
 */
export function add(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') return finiteResult(a + b);
  if (a === null || b === null) return null;
  if (typeof a === 'string' || typeof b === 'string') {
    const left = textOfValue(a) as string; // not null: neither operand is null
    const right = textOfValue(b) as string;
    // Checked before concatenating: past V8's own string limit `+` would throw a RangeError.
    if (left.length + right.length > EXPR_LIMITS.maxStringLength) throw new ExprRuntimeError(LIMIT_REASONS.stringTooLong());
    return builtString(left + right);
  }
  throw invalidOperands('+');
}

/**
 * `-`, `*`, `/`, `%` on numbers or numeric strings; a null operand gives null; `date - date` is the
 * difference in milliseconds. `%` is the remainder with the sign of the dividend (JavaScript's).
 */
export function arithmetic(op: ArithmeticOperator, a: Value, b: Value): Value {
  if (a === null || b === null) return null;
  if (op === '-' && a instanceof Date && b instanceof Date) return timeOf(a) - timeOf(b);
  const x = toNumber(a);
  const y = toNumber(b);
  if (x === null || y === null) throw invalidOperands(op);
  switch (op) {
    case '-':
      return finiteResult(x - y);
    case '*':
      return finiteResult(x * y);
    case '/':
      if (y === 0) throw new ExprRuntimeError('division by zero');
      return finiteResult(x / y);
    case '%':
      if (y === 0) throw new ExprRuntimeError('division by zero');
      return finiteResult(x % y);
  }
}

/** Unary `-` and `+` on a number or numeric string (the result is a number); null stays null. */
export function unaryNumeric(op: '-' | '+', v: Value): Value {
  if (v === null) return null;
  const n = toNumber(v);
  if (n === null) throw new ExprRuntimeError(`invalid operand for unary ${op}`);
  return op === '-' ? -n : n;
}
