// The permission (policy) model of auth.md §8: the stored row, its actions and operators, and the
// validation of an admin payload (§8.5) with its messages in the documented order.
import { errors } from '../errors.js';
import { objectBody, optionalRoles } from '../input.js';

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
 * The first problem of a condition list as its §8.5 message, or undefined. Conditions are checked
 * one after the other (all checks of condition 0, then condition 1, …).
 */
export function conditionProblem(conditions: readonly unknown[]): string | undefined {
  for (let i = 0; i < conditions.length; i++) {
    const c = conditions[i];
    if (!isObject(c) || blank(c.field)) return `conditions[${i}].field is required`;
    if (!isConditionOperator(c.operator)) return `conditions[${i}].operator must be one of ${CONDITION_OPERATORS.join(', ')}`;
    if ((c.operator === 'in' || c.operator === 'not_in') && !Array.isArray(c.value)) {
      return `conditions[${i}].value must be an array for in/not_in`;
    }
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
  if (blank(entity)) throw errors.validation('entity is required');
  if (action === undefined || action === null || action === '') throw errors.validation('action is required');
  if (!isPermissionAction(action)) throw errors.validation('action must be read, create, update, or delete');
  const roleList = optionalRoles(roles) ?? [];
  if (conditions !== undefined && !Array.isArray(conditions)) throw errors.validation('conditions must be an array');
  const list = (conditions ?? []) as unknown[];
  const problem = conditionProblem(list);
  if (problem) throw errors.validation(problem);
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
