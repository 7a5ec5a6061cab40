// Running the rules of one hook (logic.md §1.7): field rules, then expression rules, each in
// priority order, stopping at a failing `stop_on_fail` rule; then, if nothing failed, computed
// rules (before_write), each result stored before the next one runs. Everything a rule produces is
// a detail; the caller answers one 422 with all of them.
import type { ErrorDetail } from '../errors.js';
import { ExprRuntimeError, truthy, type ExprEnv } from '../expr/index.js';
import type { HookRules } from './compile.js';
import type { CompiledRule } from './definition.js';
import { computedValue, typedValue } from './values.js';

/**
 * How field rules see the checked value: `payload` on before_write (only fields sent, absent
 * otherwise), `stored` on after_write and before_delete (the record's value, null when unset).
 */
export type FieldSource =
  | { readonly kind: 'payload'; readonly values: Readonly<Record<string, unknown>>; readonly create: boolean }
  | { readonly kind: 'stored'; readonly record: Readonly<Record<string, unknown>> };

function reasonOf(err: unknown): string {
  return err instanceof ExprRuntimeError ? err.reason : 'internal error';
}

/** Whether a field rule's constraint holds for the value `source` gives it (§1.3). */
function fieldRuleHolds(rule: CompiledRule, source: FieldSource): boolean {
  const name = rule.field!.name;
  const present = source.kind === 'stored' || name in source.values;
  const v = source.kind === 'stored' ? source.record[name] : source.values[name];
  if (!present || v === null || v === undefined) {
    if (rule.operator !== 'not_empty') return true;
    // not_empty: absent passes only on an update's payload; null always violates.
    return source.kind === 'payload' && !source.create && !present;
  }
  return rule.holds!(v);
}

export interface Evaluation {
  readonly details: ErrorDetail[];
  /** A `stop_on_fail` rule failed: nothing after it ran. */
  stopped: boolean;
}

/** Passes 1–2: field rules against `source`, expression rules against `env`. */
export function evaluateChecks(rules: HookRules, env: ExprEnv, source: FieldSource, path: string): Evaluation {
  const result: Evaluation = { details: [], stopped: false };
  const fail = (rule: CompiledRule, detail: ErrorDetail): boolean => {
    result.details.push(detail);
    return (result.stopped = rule.stopOnFail);
  };
  for (const rule of rules.field) {
    const name = rule.field?.name ?? '';
    if (rule.broken !== undefined) {
      if (fail(rule, { field: path + name, rule: 'field', message: `rule evaluation error: ${rule.broken}` })) return result;
      continue;
    }
    if (fieldRuleHolds(rule, source)) continue;
    const message = rule.message ?? `field ${name} failed ${rule.operator} validation`;
    if (fail(rule, { field: path + name, rule: rule.operator!, message })) return result;
  }
  for (const rule of rules.expression) {
    let message: string | undefined;
    if (rule.broken !== undefined) message = `rule evaluation error: ${rule.broken}`;
    else {
      try {
        if (truthy(rule.expression!.evaluate(env))) message = rule.message ?? 'Expression rule violated';
      } catch (err) {
        message = `rule evaluation error: ${reasonOf(err)}`;
      }
    }
    if (message === undefined) continue;
    // A child's detail without a field of its own names the child (`lines[2]`), so it can be told apart.
    const field = rule.field ? path + rule.field.name : path ? path.slice(0, -1) : undefined;
    const detail: ErrorDetail = field === undefined ? { rule: 'expression', message } : { field, rule: 'expression', message };
    if (fail(rule, detail)) return result;
  }
  return result;
}

/**
 * Pass 3: computed rules in order; each converted result goes into `values` (what is written) and
 * `record` (what the next rule sees). Returns the details of results that failed.
 */
export function evaluateComputed(
  rules: HookRules, env: ExprEnv, record: Record<string, unknown>, values: Record<string, unknown>, path: string,
): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const rule of rules.computed) {
    const field = rule.field;
    const name = field?.name ?? '';
    let result: unknown;
    let reason = rule.broken;
    if (reason === undefined) {
      try {
        result = rule.expression!.evaluate(env);
      } catch (err) {
        reason = reasonOf(err);
      }
    }
    if (reason !== undefined || !field) {
      details.push({ field: path + name, rule: 'computed', message: `computed field ${name} evaluation error: ${reason}` });
      if (rule.stopOnFail) break;
      continue;
    }
    const converted = computedValue(field, result);
    if (!converted.ok) {
      details.push({ field: path + name, rule: 'computed', message: `computed value for ${name} is not a valid ${field.type.name}` });
      if (rule.stopOnFail) break;
      continue;
    }
    values[name] = converted.value;
    record[name] = typedValue(field, converted.value);
  }
  return details;
}
