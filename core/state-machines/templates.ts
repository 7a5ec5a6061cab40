// Templates in transition actions (logic.md §3.6): a string value whose trimmed form starts with
// `{{` and ends with `}}` is an expression; anything else is a literal. One definition for the
// admin check (the template must compile) and the registry (it is compiled once per metadata change).
import { compileExpression, type CompiledExpr } from '../expr/index.js';

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
