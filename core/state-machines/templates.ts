// Templates in transition actions (logic.md §3.6): a string value whose trimmed form starts with
// `{{` and ends with `}}` is an expression; anything else is a literal. One definition for the
// admin check (the template must compile) and the registry (it is compiled once per metadata change).
import { compileExpression, ExprCompileError, type CompiledExpr } from '../expr/index.js';

/** The expression source inside a `{{ … }}` template, or undefined when `value` is a literal. */
export function templateSource(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (trimmed.length < 4 || !trimmed.startsWith('{{') || !trimmed.endsWith('}}')) return undefined;
  return trimmed.slice(2, -2);
}

/** A compiled template value: an expression, or a literal passed through. Throws ExprCompileError. */
export type TemplateValue = { expression: CompiledExpr } | { literal: unknown };

export function compileTemplate(value: unknown): TemplateValue {
  const source = templateSource(value);
  return source === undefined ? { literal: value } : { expression: compileExpression(source) };
}

/** Why `value`, a `{{ … }}` template, does not compile, or undefined (a literal, or a template that compiles). */
export function templateReason(value: unknown): string | undefined {
  try {
    compileTemplate(value);
  } catch (err) {
    if (err instanceof ExprCompileError) return err.reason;
    throw err;
  }
  return undefined;
}

/** The first `data` value that is a `{{ … }}` template and does not compile (§3.6), or undefined. */
export function dataTemplateProblem(data: Record<string, unknown>): string | undefined {
  for (const [key, value] of Object.entries(data)) {
    const reason = templateReason(value);
    if (reason !== undefined) return `invalid template in data.${key}: ${reason}`;
  }
  return undefined;
}

/** A template's result as a JSON value: dates become ISO-8601 text (an invalid date null). */
export function jsonValue(v: unknown): unknown {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (Array.isArray(v)) return v.map(jsonValue);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonValue(x)]));
  return v;
}
