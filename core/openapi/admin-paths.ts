// The admin endpoints in the OpenAPI document: the rules API (logic.md §1.8) and the state-machine
// API (§3.8), tagged `_admin`, so typed clients can manage them as well as records. Later admin
// APIs add their paths here.
import { ERROR_RESPONSE_NAME, ref } from './schemas.js';
import { FIELD_OPERATORS, RULE_HOOKS, RULE_TYPES } from '../rules/types.js';
import { WEBHOOK_METHODS } from '../state-machines/types.js';

type Schema = Record<string, unknown>;

const json = (schema: Schema): Schema => ({ 'application/json': { schema } });
const data = (schema: Schema): Schema => ({ type: 'object', required: ['data'], properties: { data: schema } });
const errorRefs = (...statuses: string[]): Schema =>
  Object.fromEntries(statuses.map((s) => [s, ref('responses', ERROR_RESPONSE_NAME.get(s)!)]));

const object = (properties: Schema, required: string[] = []): Schema =>
  ({ type: 'object', ...(required.length > 0 ? { required } : {}), properties });
/** The stored object: `id`, the input's properties, the timestamps. */
const stamped = (input: Schema, required: string[]): Schema => ({
  type: 'object',
  required: ['id', ...required, 'created_at', 'updated_at'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    ...(input.properties as Schema),
    created_at: { type: 'string', format: 'date-time' },
    updated_at: { type: 'string', format: 'date-time' },
  },
});

/** `Rule` and `RuleInput` (logic.md §1.1, §1.3–§1.6), `StateMachine` and `StateMachineInput` (§3.1, §3.5). */
export function adminSchemas(): Record<string, Schema> {
  return { ...ruleSchemas(), ...stateMachineSchemas() };
}

function ruleSchemas(): Record<string, Schema> {
  const definition: Schema = {
    type: 'object',
    description: 'Type-specific: field rules {field, operator, value}, expression rules {expression, field?}, computed {field, expression}; ' +
      'all may carry message and stop_on_fail; expression and computed rules may carry related_load.',
    properties: {
      field: { type: 'string' },
      operator: { type: 'string', enum: [...FIELD_OPERATORS] },
      value: {},
      expression: { type: 'string', description: 'The expression language of logic.md §2.' },
      message: { type: 'string' },
      stop_on_fail: { type: 'boolean' },
      related_load: {
        type: 'array',
        items: { type: 'object', required: ['relation'], properties: { relation: { type: 'string' }, filter: { type: 'object' } } },
      },
    },
  };
  const input: Schema = {
    type: 'object',
    required: ['entity', 'type'],
    properties: {
      entity: { type: 'string' },
      hook: { type: 'string', enum: [...RULE_HOOKS], default: 'before_write' },
      type: { type: 'string', enum: [...RULE_TYPES] },
      definition,
      priority: { type: 'integer', default: 0, description: 'Lower runs first.' },
      active: { type: 'boolean', default: true },
    },
  };
  return {
    RuleInput: input,
    Rule: stamped(input, ['entity', 'hook', 'type', 'definition', 'priority', 'active']),
  };
}

/** One transition action of §3.5, by `type`. */
function actionSchema(): Schema {
  const templated = { type: 'object', description: 'A string value `{{ … }}` is an expression (logic.md §3.6); anything else a literal.' };
  return {
    oneOf: [
      object({ type: { const: 'set_field' }, field: { type: 'string' }, value: { description: 'A value for the field, or "now" (the request timestamp).' } }, ['type', 'field', 'value']),
      object({ type: { const: 'create_record' }, entity: { type: 'string' }, data: templated }, ['type', 'entity', 'data']),
      object({ type: { const: 'send_event' }, event: { type: 'string', minLength: 1 }, data: templated }, ['type', 'event']),
      object({
        type: { const: 'webhook' },
        url: { type: 'string', minLength: 1 },
        method: { type: 'string', enum: [...WEBHOOK_METHODS], default: 'POST' },
        headers: { type: 'object', additionalProperties: { type: 'string' }, default: {}, description: '`{{env.NAME}}` is resolved when sent.' },
      }, ['type', 'url']),
    ],
  };
}

/** A definition as accepted (`from` a string or a list) or as stored (normalised, every default filled in). */
function machineDefinitionSchema(stored: boolean): Schema {
  const state = { type: 'string', minLength: 1 };
  const states = { type: 'array', minItems: 1, items: state };
  const transition = object({
    from: stored ? states : { oneOf: [state, states] },
    to: state,
    roles: { type: 'array', items: { type: 'string' }, default: [], description: 'Non-empty: the caller needs one of these roles (admin always may).' },
    guard: { type: ['string', 'null'], default: null, description: 'The expression language of logic.md §2; truthy allows the transition.' },
    actions: { type: 'array', items: actionSchema(), default: [] },
  }, stored ? ['from', 'to', 'roles', 'guard', 'actions'] : ['from', 'to']);
  return object({
    initial: { type: 'string', description: 'The state a new record starts in.' },
    transitions: { type: 'array', minItems: 1, items: transition },
  }, ['transitions']);
}

function stateMachineSchemas(): Record<string, Schema> {
  const properties = (stored: boolean): Schema => ({
    entity: { type: 'string' },
    field: { type: 'string', description: 'The field holding the state; one machine per entity and field.' },
    definition: machineDefinitionSchema(stored),
    active: { type: 'boolean', default: true },
  });
  return {
    StateMachineInput: object(properties(false), ['entity', 'field', 'definition']),
    StateMachine: stamped(object(properties(true)), ['entity', 'field', 'definition', 'active']),
  };
}

interface CrudSpec {
  /** Collection path, e.g. `/_admin/rules`. */
  path: string;
  /** Component names of the stored object and of the request body. */
  schema: string;
  input: string;
  /** operationId stems: `list<Many>`, `create<One>` … */
  one: string;
  many: string;
  /** Summaries per operation. */
  list: string;
  create: string;
  get: string;
  update: string;
  remove: string;
  /** Descriptions of the 200/201 responses: the object (`rule`) and the list (`rules`). */
  noun: string;
  nouns: string;
  createErrors: string[];
  updateErrors: string[];
}

/** The five admin CRUD operations the rules and state-machine APIs share (logic.md §1.8, §3.8). */
function crudPaths(c: CrudSpec): Record<string, Schema> {
  const one = ref('schemas', c.schema);
  const body = { required: true, content: json(ref('schemas', c.input)) };
  const tags = ['_admin'];
  const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  return {
    [c.path]: {
      get: {
        tags, operationId: `list${c.many}`, summary: c.list,
        parameters: [{ name: 'entity', in: 'query', required: false, schema: { type: 'string' }, description: `Only the ${c.nouns} of this entity.` }],
        responses: { 200: { description: `The ${c.nouns}`, content: json(data({ type: 'array', items: one })) }, ...errorRefs('401', '403') },
      },
      post: {
        tags, operationId: `create${c.one}`, summary: c.create,
        requestBody: body,
        responses: { 201: { description: `The created ${c.noun}`, content: json(data(one)) }, ...errorRefs(...c.createErrors) },
      },
    },
    [`${c.path}/{id}`]: {
      parameters: [idParam],
      get: {
        tags, operationId: `get${c.one}`, summary: c.get,
        responses: { 200: { description: `The ${c.noun}`, content: json(data(one)) }, ...errorRefs('401', '403', '404') },
      },
      put: {
        tags, operationId: `update${c.one}`, summary: c.update,
        requestBody: body,
        responses: { 200: { description: `The updated ${c.noun}`, content: json(data(one)) }, ...errorRefs(...c.updateErrors) },
      },
      delete: {
        tags, operationId: `delete${c.one}`, summary: c.remove,
        responses: {
          200: {
            description: `The id of the deleted ${c.noun}`,
            content: json(data({ type: 'object', required: ['id', 'deleted'], properties: { id: { type: 'string' }, deleted: { const: true } } })),
          },
          ...errorRefs('401', '403', '404'),
        },
      },
    },
  };
}

export function adminPaths(): Record<string, Schema> {
  return {
    ...crudPaths({
      path: '/_admin/rules', schema: 'Rule', input: 'RuleInput', one: 'Rule', many: 'Rules', noun: 'rule', nouns: 'rules',
      list: 'List rules (admin), by entity, priority, created_at',
      create: 'Create a rule (admin); applies to the next request',
      get: 'Read one rule (admin)',
      update: 'Replace a rule (admin); absent priority → 0, active → true',
      remove: 'Delete a rule (admin)',
      createErrors: ['400', '401', '403', '422'],
      updateErrors: ['400', '401', '403', '404', '422'],
    }),
    ...crudPaths({
      path: '/_admin/state-machines', schema: 'StateMachine', input: 'StateMachineInput',
      one: 'StateMachine', many: 'StateMachines', noun: 'state machine', nouns: 'state machines',
      list: 'List state machines (admin), by entity, created_at',
      create: 'Create a state machine (admin); one per entity and field; applies to the next request',
      get: 'Read one state machine (admin)',
      update: 'Replace a state machine (admin); absent active → true',
      remove: 'Delete a state machine (admin)',
      createErrors: ['400', '401', '403', '409', '422'],
      updateErrors: ['400', '401', '403', '404', '409', '422'],
    }),
  };
}
