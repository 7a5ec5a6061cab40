// The sandboxed expression language of logic.md §2: the one entry point for rules, guards,
// templates, workflow conditions and webhook conditions. Compile once (at save and at load), then
// evaluate per request:
//
//   const expr = compileExpression("record.status == 'paid' && record.payment_date == nil");
//   expr.evaluate({ record, old, related, user, action, now });   // → true / false / …
//
// Guarantees: no eval, new Function or with; an expression reaches only its environment (own
// properties of plain objects and lists, no prototypes, no functions, no globals); compile errors are
// ExprCompileError, and `evaluate` throws nothing but ExprRuntimeError; results are null, booleans,
// numbers, strings, Dates, lists and plain objects — never undefined, never a host object.
import { compileSource } from './compile.js';
import { ExprCompileError, ExprRuntimeError } from './errors.js';
import { beginWork, endWork } from './limits.js';
import { topScope, type ExprEnv } from './scope.js';
import { exportValue } from './values.js';
import type { Evaluator } from './functions.js';

export { ExprCompileError, ExprRuntimeError } from './errors.js';
export { EXPR_LIMITS } from './limits.js';
export { exprCompare, exprEquals } from './compare.js';
export { textForm } from './text.js';
export { toDate, toNumber, truthy } from './values.js';
export type { ExprEnv } from './scope.js';

export interface CompiledExpr {
  readonly source: string;
  evaluate(env: ExprEnv): unknown;
}

/** Compiles `source` (§2.2–§2.6); throws ExprCompileError with the reason shown to the author. */
export function compileExpression(source: string): CompiledExpr {
  let evaluator: Evaluator;
  try {
    evaluator = compileSource(source).evaluator;
  } catch (e) {
    // Nesting is bounded, but a caller that is itself deep in the stack could still exhaust it.
    if (isStackOverflow(e)) throw new ExprCompileError('expression is too complex to compile (stack exhausted)');
    throw e;
  }
  return Object.freeze({ source, evaluate: (env: ExprEnv) => evaluate(evaluator, env) });
}

function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

function evaluate(evaluator: Evaluator, env: ExprEnv): unknown {
  const outerWork = beginWork();
  try {
    return exportValue(evaluator(topScope(env)));
  } catch (e) {
    if (e instanceof ExprRuntimeError) throw e;
    throw new ExprRuntimeError(unexpectedReason(e));
  } finally {
    endWork(outerWork);
  }
}

/**
 * Reason for an error that is not the language's own: a RangeError from a stack exhausted by a
 * caller that was already deep, or an exception thrown by an environment that is not plain data
 * (a getter, a proxy). Reported as a runtime error rather than escaping as a 500.
 */
function unexpectedReason(e: unknown): string {
  try {
    if (isStackOverflow(e)) return 'expression is too complex to evaluate (stack exhausted)';
    if (e instanceof Error) return `unexpected evaluation error: ${String(e.message).slice(0, 200)}`;
  } catch {
    // the thrown value itself misbehaves; fall through
  }
  return 'unexpected evaluation error';
}
