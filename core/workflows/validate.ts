// Validation of a workflow admin payload (logic.md §4.10): the checks of the table in their
// documented order, first failure wins. The step checks are rows over all steps: every step needs
// an id before ids are compared, every id must be known before a goto can be checked, and then each
// later row is run over the steps in order — so a body failing two rows reports the earlier row,
// and within a row the first step that fails it.
//
// The result is the stored form (§4.4): gotos as `{goto}` (a missing one is `end`, except
// `on_timeout`, whose absence means "fail at timeout", §4.9), `context` `{}` and `active` true by
// default, webhook `method` upper-cased and `headers` filled in. Only documented properties are
// copied: unknown keys are dropped rather than refused, so the stored definition holds nothing the
// engine ignores. For optional properties `null` means absent. Entities and fields named by the
// trigger or the actions are not looked up: workflows may be saved before their entities (§4.2)
// and actions check them when they run (§4.10).
import { errors } from '../errors.js';
import { compileExpression, ExprCompileError } from '../expr/index.js';
import { objectBody } from '../input.js';
import { isPlainObject } from '../metadata/names.js';
import { dataTemplateProblem, templateReason } from '../state-machines/templates.js';
import { WEBHOOK_METHODS } from '../state-machines/types.js';
import { jsonTextProblem } from '../text.js';
import { parseDuration } from './duration.js';
import {
  END, STEP_TYPES, WORKFLOW_ACTION_TYPES,
  type Assignee, type Goto, type StepType, type Trigger, type WorkflowAction, type WorkflowActionType,
  type WorkflowCreateRecord, type WorkflowInput, type WorkflowSendEvent, type WorkflowSetField, type WorkflowStep,
  type WorkflowWebhook,
} from './types.js';

type Raw = Record<string, unknown>;

const STEP_TYPE_SET: ReadonlySet<string> = new Set(STEP_TYPES);
const ACTION_TYPE_SET: ReadonlySet<string> = new Set(WORKFLOW_ACTION_TYPES);
const METHOD_SET: ReadonlySet<string> = new Set(WEBHOOK_METHODS);

type GotoKey = 'then' | 'on_true' | 'on_false' | 'on_approve' | 'on_reject' | 'on_timeout';
/** The gotos each step type has, in the order they are checked. */
const GOTO_KEYS: Record<StepType, readonly GotoKey[]> = {
  action: ['then'],
  condition: ['on_true', 'on_false'],
  approval: ['on_approve', 'on_reject', 'on_timeout'],
};

/** The property each assignee type names its assignee by (§4.4). */
const ASSIGNEE_KEY: Readonly<Record<string, 'role' | 'user' | 'path'>> = { role: 'role', fixed: 'user', relation: 'path' };

const absent = (v: unknown): v is undefined | null => v === undefined || v === null;
const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v !== '';
/** A value as a message shows it: strings as they are, anything else as JSON. */
const shown = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v) ?? String(v));

/** Every check of §4.10 but the 409 (the admin service's, after this); returns the row to store. */
export function validateWorkflow(body: unknown): WorkflowInput {
  const b = objectBody(body);
  if (!nonEmptyString(b.name)) throw errors.workflowNameRequired();
  const trigger = workflowTrigger(b.trigger);
  const context = absent(b.context) ? {} : b.context;
  if (!isPlainObject(context)) throw errors.workflowContextNotObject();
  const steps = workflowSteps(b.steps);
  if (b.active !== undefined && typeof b.active !== 'boolean') throw errors.activeNotBoolean();
  const input: WorkflowInput = { name: b.name, trigger, context: { ...context }, steps, active: b.active ?? true };
  checkText(input);
  return input;
}

/** Stored as text and JSON: every string must be storable on both databases (core/text.ts). */
function checkText(input: WorkflowInput): void {
  const { name, trigger, context, steps } = input;
  for (const [property, value] of Object.entries({ name, trigger, context, steps })) {
    const problem = jsonTextProblem(value);
    if (problem) throw errors.invalidText(property, problem);
  }
}

function workflowTrigger(raw: unknown): Trigger {
  const t = isPlainObject(raw) ? raw : {};
  if (absent(t.type) || t.type === '') throw errors.workflowTriggerTypeRequired();
  switch (t.type) {
    case 'state_change': {
      const entity = required(t, 'entity');
      const field = required(t, 'field');
      return { type: 'state_change', entity, field, to: required(t, 'to') };
    }
    case 'event': {
      const event = required(t, 'event');
      if (absent(t.entity)) return { type: 'event', event };
      if (!nonEmptyString(t.entity)) throw errors.workflowTriggerEntityInvalid();
      return { type: 'event', event, entity: t.entity };
    }
    default:
      throw errors.workflowTriggerUnsupported(shown(t.type));
  }
}

function required(t: Raw, property: 'entity' | 'field' | 'to' | 'event'): string {
  const value = t[property];
  if (!nonEmptyString(value)) throw errors.workflowTriggerPropertyRequired(property);
  return value;
}

/** One step while the rows of §4.10 run over all steps; each row fills in its part. */
interface Draft {
  raw: Raw;
  id: string;
  type: StepType;
  gotos: Partial<Record<GotoKey, Goto>>;
  expression?: string;
  timeout?: string;
  assignee?: Assignee;
  actions?: WorkflowAction[];
}

function workflowSteps(raw: unknown): WorkflowStep[] {
  if (!Array.isArray(raw) || raw.length === 0) throw errors.workflowStepsRequired();
  const steps: Raw[] = raw.map((s) => (isPlainObject(s) ? s : {}));
  const ids = stepIds(steps);
  const drafts: Draft[] = steps.map((s, i) => ({ raw: s, id: ids[i], type: stepType(s), gotos: {} }));
  const targets: ReadonlySet<string> = new Set([END, ...ids]);
  for (const d of drafts) d.gotos = stepGotos(d, targets);
  for (const d of drafts) if (d.type === 'condition') d.expression = conditionExpression(d);
  for (const d of drafts) if (d.type === 'approval') d.timeout = approvalTimeout(d);
  for (const d of drafts) if (d.type === 'approval') d.assignee = approvalAssignee(d);
  for (const d of drafts) if (d.type === 'action') d.actions = stepActions(d);
  return drafts.map(storedStep);
}

/** Every step has an id, then: the ids are unique. */
function stepIds(steps: Raw[]): string[] {
  if (!steps.every((s) => nonEmptyString(s.id))) throw errors.workflowStepIdRequired();
  const ids = steps.map((s) => s.id as string);
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw errors.workflowDuplicateStepId(id);
    seen.add(id);
  }
  return ids;
}

function stepType(s: Raw): StepType {
  if (typeof s.type !== 'string' || !STEP_TYPE_SET.has(s.type)) throw errors.workflowStepTypeInvalid(shown(s.type));
  return s.type as StepType;
}

/** The step type's gotos in object form; a missing one is left out (storedStep fills in `end`). */
function stepGotos(d: Draft, targets: ReadonlySet<string>): Partial<Record<GotoKey, Goto>> {
  const gotos: Partial<Record<GotoKey, Goto>> = {};
  for (const key of GOTO_KEYS[d.type]) {
    const value = d.raw[key];
    if (absent(value)) continue;
    // `"<target>"` or `{"goto": "<target>"}` (§4.4).
    const target = isPlainObject(value) ? value.goto : value;
    if (typeof target !== 'string' || !targets.has(target)) throw errors.workflowGotoUnknown(shown(target));
    gotos[key] = { goto: target };
  }
  return gotos;
}

function conditionExpression(d: Draft): string {
  const source = d.raw.expression;
  if (absent(source)) throw errors.workflowExpressionInvalid(d.id, 'expression is required');
  if (typeof source !== 'string') throw errors.workflowExpressionInvalid(d.id, 'expression must be a string');
  try {
    compileExpression(source);
  } catch (err) {
    if (err instanceof ExprCompileError) throw errors.workflowExpressionInvalid(d.id, err.reason);
    throw err;
  }
  return source;
}

function approvalTimeout(d: Draft): string | undefined {
  const timeout = d.raw.timeout;
  if (absent(timeout)) return undefined;
  if (parseDuration(timeout) === undefined) throw errors.workflowTimeoutInvalid(d.id, shown(timeout));
  return timeout as string;
}

function approvalAssignee(d: Draft): Assignee | undefined {
  const a = d.raw.assignee;
  if (absent(a)) return undefined;
  const type = isPlainObject(a) ? a.type : undefined;
  const key = typeof type === 'string' && Object.hasOwn(ASSIGNEE_KEY, type) ? ASSIGNEE_KEY[type] : undefined;
  if (!key || !nonEmptyString((a as Raw)[key])) throw errors.workflowAssigneeInvalid(d.id);
  return { type, [key]: (a as Raw)[key] } as Assignee;
}

function stepActions(d: Draft): WorkflowAction[] {
  const fail = (reason: string): never => {
    throw errors.workflowActionInvalid(d.id, reason);
  };
  const list = absent(d.raw.actions) ? [] : d.raw.actions;
  if (!Array.isArray(list)) return fail('actions must be an array');
  return list.map((a) => workflowAction(isPlainObject(a) ? a : {}, fail));
}

type Fail = (reason: string) => never;

function workflowAction(a: Raw, fail: Fail): WorkflowAction {
  if (typeof a.type !== 'string' || !ACTION_TYPE_SET.has(a.type)) return fail(`unknown action type: ${shown(a.type)}`);
  switch (a.type as WorkflowActionType) {
    case 'set_field': return setField(a, fail);
    case 'webhook': return webhook(a, fail);
    case 'create_record': return createRecord(a, fail);
    case 'send_event': return sendEvent(a, fail);
  }
}

function setField(a: Raw, fail: Fail): WorkflowSetField {
  if (!nonEmptyString(a.entity)) fail('entity is required');
  // A context path, a template or a literal id (§4.5): integer keys may be given as numbers.
  if (absent(a.record_id) || a.record_id === '') fail('record_id is required');
  if (typeof a.record_id !== 'string' && typeof a.record_id !== 'number') fail('record_id must be a string or a number');
  if (!nonEmptyString(a.field)) fail('field is required');
  // Beyond the table: without a value the action would have nothing to set.
  if (a.value === undefined) fail('value is required');
  templateMustCompile(a.record_id, 'record_id', fail);
  templateMustCompile(a.value, 'value', fail);
  return { type: 'set_field', entity: a.entity as string, record_id: a.record_id, field: a.field as string, value: a.value };
}

function templateMustCompile(value: unknown, property: string, fail: Fail): void {
  const reason = templateReason(value);
  if (reason !== undefined) fail(`invalid template in ${property}: ${reason}`);
}

function webhook(a: Raw, fail: Fail): WorkflowWebhook {
  if (!nonEmptyString(a.url)) fail('url is required');
  const method = absent(a.method) ? 'POST' : typeof a.method === 'string' ? a.method.toUpperCase() : a.method;
  if (typeof method !== 'string' || !METHOD_SET.has(method)) fail(`method must be one of ${WEBHOOK_METHODS.join(', ')}`);
  const headers = absent(a.headers) ? {} : a.headers;
  if (!isPlainObject(headers) || !Object.values(headers).every((v) => typeof v === 'string')) {
    fail('headers must be an object of strings');
  }
  return { type: 'webhook', url: a.url as string, method: method as string, headers: { ...(headers as Record<string, string>) } };
}

function createRecord(a: Raw, fail: Fail): WorkflowCreateRecord {
  if (!nonEmptyString(a.entity)) fail('entity is required');
  if (!isPlainObject(a.data)) return fail('data must be an object');
  const problem = dataTemplateProblem(a.data);
  if (problem) fail(problem);
  return { type: 'create_record', entity: a.entity as string, data: { ...a.data } };
}

function sendEvent(a: Raw, fail: Fail): WorkflowSendEvent {
  if (!nonEmptyString(a.event)) fail('event is required');
  const event = a.event as string;
  if (absent(a.data)) return { type: 'send_event', event };
  if (!isPlainObject(a.data)) return fail('data must be an object');
  const problem = dataTemplateProblem(a.data);
  if (problem) fail(problem);
  return { type: 'send_event', event, data: { ...a.data } };
}

const endGoto = (): Goto => ({ goto: END });

function storedStep(d: Draft): WorkflowStep {
  const { id, gotos: g } = d;
  switch (d.type) {
    case 'action':
      return { id, type: 'action', actions: d.actions!, then: g.then ?? endGoto() };
    case 'condition':
      return { id, type: 'condition', expression: d.expression!, on_true: g.on_true ?? endGoto(), on_false: g.on_false ?? endGoto() };
    case 'approval':
      return {
        id, type: 'approval',
        ...(d.assignee ? { assignee: d.assignee } : {}),
        ...(d.timeout !== undefined ? { timeout: d.timeout } : {}),
        on_approve: g.on_approve ?? endGoto(),
        on_reject: g.on_reject ?? endGoto(),
        ...(g.on_timeout ? { on_timeout: g.on_timeout } : {}),
      };
  }
}
