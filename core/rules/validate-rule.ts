// Validation of a rules admin payload (logic.md §1.8): the checks in their documented order, first
// failure wins, against the app's current registry. The flat form and the `hook` default are those
// decided in §1.1.
import type { Registry } from '../compile/registry.js';
import { errors } from '../errors.js';
import { objectBody } from '../input.js';
import { jsonTextProblem } from '../text.js';
import { isPlainObject } from '../metadata/names.js';
import { compileDefinition } from './definition.js';
import { RULE_HOOKS, RULE_TYPES, type RuleHook, type RuleInput, type RuleType } from './types.js';

/** Top-level keys that form the definition when the body has no `definition` object (§1.1). */
const FLAT_KEYS = ['field', 'operator', 'value', 'expression', 'message', 'stop_on_fail', 'related_load'] as const;

const MAX_PRIORITY = 2147483647;


function definitionOf(body: Record<string, unknown>): Record<string, unknown> | undefined {
  if (isPlainObject(body.definition)) return body.definition;
  if (body.definition !== undefined) return undefined;
  const flat: Record<string, unknown> = {};
  for (const key of FLAT_KEYS) if (body[key] !== undefined) flat[key] = body[key];
  return Object.keys(flat).length > 0 ? flat : undefined;
}

/** Checks 1–14 of §1.8; returns the payload to store (defaults applied) or throws the first failure. */
export function validateRule(body: unknown, registry: Registry): RuleInput {
  const b = objectBody(body); // 1
  const { entity: name, hook: rawHook, type: rawType, priority, active } = b;
  if (typeof name !== 'string' || name === '') throw errors.fieldRequired('entity'); // 2
  const entity = registry.entity(name);
  if (!entity) throw errors.ruleEntityNotFound(name); // 3
  const hook = rawHook === undefined || rawHook === null ? 'before_write' : rawHook;
  if (!RULE_HOOKS.includes(hook as RuleHook)) throw errors.invalidRuleHook(String(hook)); // 4
  if (!RULE_TYPES.includes(rawType as RuleType)) throw errors.invalidRuleType(String(rawType)); // 5
  const type = rawType as RuleType;
  const definition = definitionOf(b);
  if (!definition) throw errors.ruleDefinitionRequired(); // 6
  if (type === 'computed' && hook !== 'before_write') throw errors.computedHookOnly(); // 7
  compileDefinition('', entity, type, definition, registry); // 8–13, stop_on_fail and message of 14
  if (priority !== undefined && !Number.isInteger(priority)) throw errors.rulePropertyType('priority', 'an integer'); // 14
  // The column is a 32-bit INT on both databases.
  if (priority !== undefined && Math.abs(priority as number) > MAX_PRIORITY) {
    throw errors.rulePropertyType('priority', `an integer between -${MAX_PRIORITY} and ${MAX_PRIORITY}`);
  }
  if (active !== undefined && typeof active !== 'boolean') throw errors.rulePropertyType('active', 'a boolean');
  // Stored as JSON: its text must be storable on both databases (core/text.ts).
  const problem = jsonTextProblem(definition);
  if (problem) throw errors.invalidText('definition', problem);
  return {
    entity: name, hook: hook as RuleHook, type, definition,
    priority: (priority as number | undefined) ?? 0, active: (active as boolean | undefined) ?? true,
  };
}
