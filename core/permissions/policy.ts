// The permission (policy) model of auth.md §8: the stored row, its actions and operators, and the
// validation of an admin payload (§8.5) with its messages in the documented order.
import { type AppError, errors } from '../errors.js';
import { objectBody, optionalRoles } from '../input.js';
import { jsonTextProblem, textProblem } from '../text.js';

export const PERMISSION_ACTIONS = ['read', 'create', 'update', 'delete'] as const;
export type PermissionAction = (typeof PERMISSION_ACTIONS)[number];

export const CONDITION_OPERATORS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** One condition of a policy (§8.2): `value` is any JSON value (an array for in/not_in). */
export interface PolicyCondition {
  field: string;
  operator: ConditionOperator;
  value: unknown;
}

/** A validated admin payload, defaults applied. */
export interface PolicyInput {
  entity: string;
  action: PermissionAction;
  roles: string[];
  conditions: PolicyCondition[];
}

/** A `_permissions` row as the admin API returns it (§8.5). */
export interface StoredPermission extends PolicyInput {
  id: string;
  created_at: string;
  updated_at: string;
}

const ACTION_SET: ReadonlySet<string> = new Set(PERMISSION_ACTIONS);
const OPERATOR_SET: ReadonlySet<string> = new Set(CONDITION_OPERATORS);

export function isPermissionAction(v: unknown): v is PermissionAction {
  return typeof v === 'string' && ACTION_SET.has(v);
}

export function isConditionOperator(v: unknown): v is ConditionOperator {
  return typeof v === 'string' && OPERATOR_SET.has(v);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const blank = (v: unknown): boolean => typeof v !== 'string' || v.trim() === '';

/**
 * The 422 for the first problem of a condition list (§8.5), or undefined. Conditions are checked
 * one after the other (all checks of condition 0, then condition 1, …).
 */
export function conditionProblem(conditions: readonly unknown[]): AppError | undefined {
  for (let i = 0; i < conditions.length; i++) {
    const c = conditions[i];
    if (!isObject(c) || blank(c.field)) return errors.fieldRequired(`conditions[${i}].field`);
    if (!isConditionOperator(c.operator)) return errors.invalidConditionOperator(i, CONDITION_OPERATORS);
    if ((c.operator === 'in' || c.operator === 'not_in') && !Array.isArray(c.value)) {
      return errors.conditionValueNotArray(i);
    }
    // Stored as JSON and compared as parameters: text must be storable (core/text.ts).
    const fieldProblem = textProblem(c.field as string);
    if (fieldProblem) return errors.invalidText(`conditions[${i}].field`, fieldProblem);
    const valueProblem = jsonTextProblem(c.value);
    if (valueProblem) return errors.invalidText(`conditions[${i}].value`, valueProblem);
  }
  return undefined;
}

/**
 * Validates a POST/PUT body (§8.5). Throws 400 for a non-object body, else the first 422 in the
 * documented order. Conditions are stored as `{field, operator, value}` (a missing value is null;
 * other keys are dropped).
 */
export function validatePolicy(body: unknown): PolicyInput {
  const { entity, action, roles, conditions } = objectBody(body);
  if (blank(entity)) throw errors.fieldRequired('entity');
  const entityProblem = textProblem(entity as string);
  if (entityProblem) throw errors.invalidText('entity', entityProblem);
  if (action === undefined || action === null || action === '') throw errors.fieldRequired('action');
  if (!isPermissionAction(action)) throw errors.invalidPermissionAction();
  const roleList = optionalRoles(roles) ?? [];
  if (conditions !== undefined && !Array.isArray(conditions)) throw errors.conditionsNotArray();
  const list = (conditions ?? []) as unknown[];
  const problem = conditionProblem(list);
  if (problem) throw problem;
  return {
    entity: entity as string,
    action,
    roles: roleList,
    conditions: list.map((c) => {
      const { field, operator, value } = c as Record<string, unknown>;
      return { field: field as string, operator: operator as ConditionOperator, value: value === undefined ? null : value };
    }),
  };
}
