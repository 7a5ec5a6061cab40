// A rule's definition (logic.md §1.3–§1.6) checked and compiled against an entity: checks 8–14 of
// §1.8 in order, first failure wins. The admin API runs it when a rule is saved; the registry runs
// it again when metadata loads (a rule that no longer compiles then fails at runtime instead).
import type { CompiledEntity, CompiledField } from '../compile/compiled-entity.js';
import type { Registry } from '../compile/registry.js';
import { errors } from '../errors.js';
import { compileExpression, ExprCompileError, type CompiledExpr } from '../expr/index.js';
import { isPlainObject } from '../metadata/names.js';
import { compileConstraint, compilePattern, operandFits } from './field-operators.js';
import { compileRelatedLoads, RelatedLoadProblem, type RelatedLoad } from './related.js';
import { FIELD_OPERATORS, type FieldOperator, type RuleType } from './types.js';

const OPERATOR_SET: ReadonlySet<string> = new Set(FIELD_OPERATORS);

export interface CompiledRule {
  readonly id: string;
  readonly type: RuleType;
  /** `definition.field`: the checked field (field), the target (computed), the attributed field (expression). */
  readonly field: CompiledField | undefined;
  readonly message: string | undefined;
  readonly stopOnFail: boolean;
  readonly operator: FieldOperator | undefined;
  /** Field rules: the constraint on a present, non-null value. */
  readonly holds: ((v: unknown) => boolean) | undefined;
  /** Expression and computed rules. */
  readonly expression: CompiledExpr | undefined;
  readonly related: readonly RelatedLoad[];
  /** Set when stored metadata no longer compiles: the rule then fails with this reason at runtime (§2.1). */
  readonly broken?: string;
}


/** Computed rules may not target the PK, an auto field, a write-resolved field (file) or the soft-delete marker (§1.5). */
function computable(entity: CompiledEntity, f: CompiledField): boolean {
  return !f.isPk && f.auto === undefined && f.type.needsResolution === undefined && !(entity.softDelete && f.name === 'deleted_at');
}

function ruleField(entity: CompiledEntity, type: RuleType, name: unknown): CompiledField | undefined {
  if (type === 'expression' && name === undefined) return undefined;
  const f = typeof name === 'string' ? entity.fieldMap.get(name) : undefined;
  if (!f || (type === 'computed' && !computable(entity, f))) {
    throw errors.ruleFieldNotFound(typeof name === 'string' ? name : String(name), entity.name);
  }
  return f;
}

function compiledExpression(source: unknown): CompiledExpr {
  if (typeof source !== 'string') throw errors.invalidExpression('expression is required');
  try {
    return compileExpression(source);
  } catch (err) {
    if (err instanceof ExprCompileError) throw errors.invalidExpression(err.reason);
    throw err;
  }
}

/** Checks 8–14 (the definition part; `priority`/`active` are the caller's) and the compiled rule. */
export function compileDefinition(
  id: string, entity: CompiledEntity, type: RuleType, def: Record<string, unknown>, registry: Registry,
): CompiledRule {
  if (!isPlainObject(def)) throw errors.ruleDefinitionRequired();
  const field = ruleField(entity, type, def.field); // 8
  let operator: FieldOperator | undefined;
  let holds: CompiledRule['holds'];
  let expression: CompiledExpr | undefined;
  if (type === 'field') {
    if (typeof def.operator !== 'string' || !OPERATOR_SET.has(def.operator)) throw errors.invalidRuleOperator(String(def.operator)); // 9
    operator = def.operator as FieldOperator;
    if (!operandFits(operator, def.value)) throw errors.invalidRuleValue(operator); // 10
    if (operator === 'pattern') {
      const re = compilePattern(def.value as string);
      if (typeof re === 'string') throw errors.invalidRulePattern(re); // 11
    }
    holds = compileConstraint(operator, def.value);
  } else {
    expression = compiledExpression(def.expression); // 12
  }
  let related: RelatedLoad[] = [];
  if (def.related_load !== undefined) {
    if (type === 'field') throw errors.invalidRelatedLoad('only expression and computed rules load related data');
    try {
      related = compileRelatedLoads(entity, registry, def.related_load); // 13
    } catch (err) {
      if (err instanceof RelatedLoadProblem) throw errors.invalidRelatedLoad(err.message);
      throw err;
    }
  }
  if (def.stop_on_fail !== undefined && typeof def.stop_on_fail !== 'boolean') throw errors.rulePropertyType('stop_on_fail', 'a boolean'); // 14
  if (def.message !== undefined && typeof def.message !== 'string') throw errors.rulePropertyType('message', 'a string');
  return {
    id, type, field, operator, holds, expression, related,
    message: def.message as string | undefined,
    stopOnFail: def.stop_on_fail === true,
  };
}
