// Validation of a state-machine admin payload (logic.md §3.8): the checks in their documented
// order, first failure wins, against the app's current registry. Transitions are checked one after
// the other, each completely (from, to, roles, guard, then its actions in order), so the first
// failure is the first one a reader of the definition meets.
//
// The result is the stored form (§3.1): `from` always an array, `roles`/`actions` arrays, `guard`
// string or null, webhook `method` and `headers` filled in, `initial` only when given. Only the
// documented properties are copied: unknown keys inside the definition, a transition or an action
// are dropped rather than refused, so the stored definition holds nothing the engine ignores.
// For optional properties `null` means absent (`guard: null` is even the documented default).
import type { CompiledEntity, CompiledField } from '../compile/compiled-entity.js';
import type { Registry } from '../compile/registry.js';
import { errors } from '../errors.js';
import { compileExpression, ExprCompileError } from '../expr/index.js';
import { objectBody, removedKeys } from '../input.js';
import { isPlainObject } from '../metadata/names.js';
import { jsonTextProblem } from '../text.js';
import { literalValue, nowValue, NOW } from './set-field.js';
import { dataTemplateProblem } from './templates.js';
import {
  ACTION_TYPES, WEBHOOK_METHODS,
  type ActionType, type CreateRecordAction, type MachineDefinition, type SendEventAction, type SetFieldAction,
  type StateMachineInput, type TransitionAction, type TransitionDef, type WebhookAction, type WebhookMethod,
} from './types.js';

const ACTION_SET: ReadonlySet<string> = new Set(ACTION_TYPES);
const METHOD_SET: ReadonlySet<string> = new Set(WEBHOOK_METHODS);

const absent = (v: unknown): v is undefined | null => v === undefined || v === null;
const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** Every check of §3.8 but the 409 (the admin service's, after this); returns the row to store. */
export function validateStateMachine(body: unknown, registry: Registry): StateMachineInput {
  const b = objectBody(body);
  const { entity: name, field, definition: rawDefinition, active } = b;
  if (!nonEmptyString(name)) throw errors.fieldRequired('entity');
  const entity = registry.entity(name);
  if (!entity) throw errors.stateMachineEntityNotFound(name);
  if (!nonEmptyString(field)) throw errors.fieldRequired('field');
  if (!entity.fieldMap.has(field)) throw errors.stateMachineFieldNotFound(field, name);
  const definition = machineDefinition(rawDefinition, entity, registry);
  if (active !== undefined && typeof active !== 'boolean') throw errors.activeNotBoolean();
  // Stored as JSON: its text must be storable on both databases (core/text.ts).
  const problem = jsonTextProblem(definition);
  if (problem) throw errors.invalidText('definition', problem);
  return { entity: name, field, definition, active: active ?? true };
}

function machineDefinition(raw: unknown, entity: CompiledEntity, registry: Registry): MachineDefinition {
  // A missing or non-object definition has no transitions: the same message as an empty list.
  const def = isPlainObject(raw) ? raw : {};
  const { initial, transitions } = def;
  if (!Array.isArray(transitions) || transitions.length === 0) throw errors.transitionsRequired();
  if (!absent(initial) && typeof initial !== 'string') throw errors.initialNotString();
  const checked = transitions.map((t) => transition(t, entity, registry));
  return typeof initial === 'string' ? { initial, transitions: checked } : { transitions: checked };
}

function transition(raw: unknown, entity: CompiledEntity, registry: Registry): TransitionDef {
  const t = isPlainObject(raw) ? raw : {};
  const from = fromStates(t.from);
  if (!nonEmptyString(t.to)) throw errors.transitionToRequired();
  const roles = absent(t.roles) ? [] : t.roles;
  if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) throw errors.transitionRolesInvalid();
  const guard = absent(t.guard) ? null : checkedGuard(t.guard);
  const actions = absent(t.actions) ? [] : t.actions;
  if (!Array.isArray(actions)) throw errors.rulePropertyType('transition actions', 'an array');
  return { from, to: t.to, roles: [...roles], guard, actions: actions.map((a) => action(a, entity, registry)) };
}

/** A non-empty string or a non-empty array of non-empty strings, as an array. */
function fromStates(v: unknown): string[] {
  if (nonEmptyString(v)) return [v];
  if (Array.isArray(v) && v.length > 0 && v.every(nonEmptyString)) return [...v];
  throw errors.transitionFromRequired();
}

function checkedGuard(source: unknown): string {
  if (typeof source !== 'string') throw errors.invalidGuard('guard must be a string or null');
  try {
    compileExpression(source);
  } catch (err) {
    if (err instanceof ExprCompileError) throw errors.invalidGuard(err.reason);
    throw err;
  }
  return source;
}

function action(raw: unknown, entity: CompiledEntity, registry: Registry): TransitionAction {
  const a = isPlainObject(raw) ? raw : {};
  if (typeof a.type !== 'string' || !ACTION_SET.has(a.type)) throw errors.invalidActionType(String(a.type));
  switch (a.type as ActionType) {
    case 'set_field': return setField(a, entity);
    case 'create_record': return createRecord(a, registry);
    case 'send_event': return sendEvent(a);
    case 'webhook': return webhook(a);
  }
}

function setField(a: Record<string, unknown>, entity: CompiledEntity): SetFieldAction {
  if (!nonEmptyString(a.field)) throw errors.invalidSetField('field is required');
  const f = entity.fieldMap.get(a.field);
  if (!f) throw errors.invalidSetField(`field ${a.field} not found on entity ${entity.name}`);
  if (a.value === undefined) throw errors.invalidSetField('value is required');
  const problem = valueProblem(f, a.value);
  if (problem) throw errors.invalidSetField(problem);
  return { type: 'set_field', field: a.field, value: a.value };
}

/**
 * Why `value` could never be saved into `f`, or undefined. The verdict is the one the registry and
 * the write step use (set-field.ts), so the save-time check and the runtime agree; only the reason
 * is worked out here. Text no database can store is left to the text check of the whole definition,
 * which words it like every other admin API.
 */
function valueProblem(f: CompiledField, value: unknown): string | undefined {
  const verdict = value === NOW ? nowValue(f, new Date()) : literalValue(f, value);
  if (verdict.ok || verdict.problem) return undefined;
  if (value === null) return `field ${f.name} is required and cannot be set to null`;
  const members = f.def.enum;
  // A literal of the right type fails only on the enum; "now" with an enum is (also) not a member.
  const enumFailure = Array.isArray(members) && members.length > 0 && (value === NOW || f.type.coerceInput(value, f.def).ok);
  return enumFailure ? `value for field ${f.name} must be one of: ${members.join(', ')}` : `value for field ${f.name} must be ${f.type.typeKind}`;
}

function createRecord(a: Record<string, unknown>, registry: Registry): CreateRecordAction {
  if (!nonEmptyString(a.entity)) throw errors.invalidCreateRecord('entity is required');
  const target = registry.entity(a.entity);
  if (!target) throw errors.invalidCreateRecord(`entity ${a.entity} not found`);
  if (!isPlainObject(a.data)) throw errors.invalidCreateRecord('data must be an object');
  // Keys the body parser removed (`__proto__` …) are no field either (core/input.ts).
  for (const key of [...(removedKeys(a.data) ?? []), ...Object.keys(a.data)]) {
    if (!target.fieldMap.has(key)) throw errors.invalidCreateRecord(`field ${key} not found on entity ${target.name}`);
  }
  const problem = dataTemplateProblem(a.data);
  if (problem) throw errors.invalidCreateRecord(problem);
  return { type: 'create_record', entity: a.entity, data: { ...a.data } };
}

function sendEvent(a: Record<string, unknown>): SendEventAction {
  if (!nonEmptyString(a.event)) throw errors.sendEventRequiresEvent();
  if (absent(a.data)) return { type: 'send_event', event: a.event };
  if (!isPlainObject(a.data)) throw errors.invalidSendEvent('data must be an object');
  const problem = dataTemplateProblem(a.data);
  if (problem) throw errors.invalidSendEvent(problem);
  return { type: 'send_event', event: a.event, data: { ...a.data } };
}

function webhook(a: Record<string, unknown>): WebhookAction {
  if (!nonEmptyString(a.url)) throw errors.invalidWebhookAction('url is required');
  const method = absent(a.method) ? 'POST' : a.method;
  // Case-sensitive, like the documented list: `post` is refused rather than silently upper-cased.
  if (typeof method !== 'string' || !METHOD_SET.has(method)) {
    throw errors.invalidWebhookAction(`method must be one of ${WEBHOOK_METHODS.join(', ')}`);
  }
  const headers = absent(a.headers) ? {} : a.headers;
  if (!isPlainObject(headers) || !Object.values(headers).every((v) => typeof v === 'string')) {
    throw errors.invalidWebhookAction('headers must be an object of strings');
  }
  return { type: 'webhook', url: a.url, method: method as WebhookMethod, headers: { ...(headers as Record<string, string>) } };
}
