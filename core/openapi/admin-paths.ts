// The admin endpoints in the OpenAPI document: the rules API (logic.md §1.8), the state-machine
// API (§3.8), the workflow API (§4.10) and the webhook and webhook-log APIs (webhooks-and-files.md
// §A9, §A10), tagged `_admin`, so typed clients can manage them as well as records. Later admin
// APIs add their paths here.
import { ERROR_RESPONSE_NAME, ref } from './schemas.js';
import { FIELD_OPERATORS, RULE_HOOKS, RULE_TYPES } from '../rules/types.js';
import { WEBHOOK_METHODS } from '../state-machines/types.js';
import { BACKOFFS, DEFAULT_RETRY, DELIVERY_METHODS, LOG_STATUSES, WEBHOOK_HOOKS } from '../webhooks/types.js';
import { MAX_ATTEMPTS_LIMIT, SECRET_MAX_LENGTH, SECRET_MIN_LENGTH } from '../webhooks/validate.js';
import { END } from '../workflows/types.js';

type Schema = Record<string, unknown>;

export const json = (schema: Schema): Schema => ({ 'application/json': { schema } });
export const data = (schema: Schema): Schema => ({ type: 'object', required: ['data'], properties: { data: schema } });
export const errorRefs = (...statuses: string[]): Schema =>
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

/**
 * `Rule` and `RuleInput` (logic.md §1.1, §1.3–§1.6), `StateMachine` and `StateMachineInput` (§3.1, §3.5),
 * `WebhookInput`, `Webhook` and `WebhookLog` (webhooks-and-files.md §A2, §A10), `WorkflowInput` and
 * `Workflow` (§4.1–§4.5).
 */
export function adminSchemas(): Record<string, Schema> {
  return { ...ruleSchemas(), ...stateMachineSchemas(), ...webhookSchemas(), ...workflowSchemas() };
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

/** A workflow as accepted (gotos as a string or an object, defaults optional) or as stored (§4.4). */
function workflowProperties(stored: boolean): Schema {
  const name = { type: 'string', minLength: 1 };
  const gotoObject = object({ goto: { type: 'string', description: `\`${END}\` or a step id.` } }, ['goto']);
  const goto = stored ? gotoObject : { oneOf: [{ type: 'string' }, gotoObject] };
  /** `required`: what every stored step of the type has; `always`: what a request must give too. */
  const step = (type: string, properties: Schema, required: string[], always: string[] = []): Schema =>
    object({ id: name, type: { const: type }, ...properties }, ['id', 'type', ...(stored ? required : always)]);
  const assignee = {
    oneOf: [
      object({ type: { const: 'role' }, role: name }, ['type', 'role']),
      object({ type: { const: 'fixed' }, user: { ...name, description: 'A user id.' } }, ['type', 'user']),
      object({ type: { const: 'relation' }, path: { ...name, description: 'A context path holding the user id.' } }, ['type', 'path']),
    ],
  };
  const templated = { type: 'object', description: 'A string value `{{ … }}` is an expression in the workflow environment; anything else a literal.' };
  const action = {
    oneOf: [
      object({
        type: { const: 'set_field' }, entity: name, field: name,
        record_id: { anyOf: [{ type: 'string' }, { type: 'number' }], description: 'A context path (`context.x`), a `{{ … }}` template or a literal id.' },
        value: { description: 'A literal, "now", or a `{{ … }}` template.' },
      }, ['type', 'entity', 'record_id', 'field', 'value']),
      object({
        type: { const: 'webhook' }, url: name,
        method: { type: 'string', enum: [...WEBHOOK_METHODS], default: 'POST' },
        headers: { type: 'object', additionalProperties: { type: 'string' }, default: {} },
      }, stored ? ['type', 'url', 'method', 'headers'] : ['type', 'url']),
      object({ type: { const: 'create_record' }, entity: name, data: templated }, ['type', 'entity', 'data']),
      object({ type: { const: 'send_event' }, event: name, data: templated }, ['type', 'event']),
    ],
  };
  const endByDefault = { ...goto, description: 'Missing: end.' };
  return {
    name: { ...name, description: 'Unique per app.' },
    trigger: {
      oneOf: [
        object({ type: { const: 'state_change' }, entity: name, field: name, to: name }, ['type', 'entity', 'field', 'to']),
        object({ type: { const: 'event' }, event: name, entity: name }, ['type', 'event']),
      ],
    },
    context: { type: 'object', default: {}, description: 'Resolved when an instance starts: `record`, `record_id`, `trigger.…`, `record.…` are paths, anything else a literal.' },
    steps: {
      type: 'array', minItems: 1, description: 'The first step is the entry point.',
      items: {
        oneOf: [
          step('action', { actions: { type: 'array', items: action, default: [] }, then: endByDefault }, ['actions', 'then']),
          step('condition', { expression: { type: 'string', description: 'The expression language of logic.md §2.' }, on_true: endByDefault, on_false: endByDefault },
            ['expression', 'on_true', 'on_false'], ['expression']),
          step('approval', {
            assignee,
            timeout: { type: 'string', pattern: '^\\d+(s|m|h|d)$' },
            on_approve: endByDefault, on_reject: endByDefault,
            on_timeout: { ...goto, description: 'Missing: the instance fails at timeout.' },
          }, ['on_approve', 'on_reject']),
        ],
      },
    },
    active: { type: 'boolean', default: true, description: 'Inactive workflows start no instances; running ones continue.' },
  };
}

function workflowSchemas(): Record<string, Schema> {
  return {
    WorkflowInput: object(workflowProperties(false), ['name', 'trigger', 'steps']),
    Workflow: stamped(object(workflowProperties(true)), ['name', 'trigger', 'context', 'steps', 'active']),
  };
}

function webhookSchemas(): Record<string, Schema> {
  const retry = object({
    max_attempts: { type: 'integer', minimum: 1, maximum: MAX_ATTEMPTS_LIMIT, default: DEFAULT_RETRY.max_attempts, description: 'All attempts, the first included.' },
    backoff: { type: 'string', enum: [...BACKOFFS], default: DEFAULT_RETRY.backoff, description: 'exponential: 30 s × 2^(n−1); linear: 30 s × n; at most 1 hour.' },
  });
  const properties: Schema = {
    entity: { type: 'string', minLength: 1, description: 'Entity name; not checked against the metadata.' },
    hook: { type: 'string', enum: [...WEBHOOK_HOOKS], default: 'after_write', description: 'before_* are synchronous (a failure vetoes the write), after_* asynchronous.' },
    url: { type: 'string', pattern: '^https?://' },
    method: { type: 'string', enum: [...DELIVERY_METHODS], default: 'POST' },
    headers: { type: 'object', additionalProperties: { type: 'string' }, default: {}, description: '`{{env.NAME}}` is resolved when sent.' },
    condition: { type: 'string', default: '', description: 'The expression language of logic.md §2; empty = always.' },
    async: { type: 'boolean', description: 'Derived from the hook (false for before_*, true for after_*) whatever is sent.' },
    retry: { ...retry, default: { ...DEFAULT_RETRY } },
    active: { type: 'boolean', default: true },
  };
  const input = object({
    ...properties,
    secret: {
      type: ['string', 'null'], minLength: SECRET_MIN_LENGTH, maxLength: SECRET_MAX_LENGTH, writeOnly: true,
      description: 'Write-only: signs deliveries (Standard Webhooks headers). Omitted on create: none; omitted on replace: kept; null: removed.',
    },
  }, ['entity', 'url']);
  const stored = stamped(object({ ...properties, retry, has_secret: { type: 'boolean', description: 'Whether a signing secret is set.' } }),
    ['entity', 'hook', 'url', 'method', 'headers', 'condition', 'async', 'retry', 'active', 'has_secret']);
  const log = object(webhookLogProperties());
  log.required = Object.keys(log.properties as Schema);
  return { WebhookInput: input, Webhook: stored, WebhookLog: log };
}

/** Every column of `_webhook_logs` (§A10). */
function webhookLogProperties(): Schema {
  const timestamp = { type: 'string', format: 'date-time' };
  return {
    id: { type: 'string', format: 'uuid' },
    webhook_id: { type: 'string', format: 'uuid' },
    entity: { type: 'string' },
    hook: { type: 'string', enum: [...WEBHOOK_HOOKS] },
    url: { type: 'string' },
    method: { type: 'string', enum: [...DELIVERY_METHODS] },
    request_headers: { type: 'object', additionalProperties: { type: 'string' }, description: 'As configured: templates unresolved.' },
    request_body: { type: 'object', description: 'The payload sent.' },
    response_status: { type: ['integer', 'null'], description: 'The last HTTP status; 0 when no response was received.' },
    response_body: { type: 'string', description: 'The last response body, at most 65 536 characters.' },
    status: { type: 'string', enum: [...LOG_STATUSES] },
    attempt: { type: 'integer', minimum: 0 },
    max_attempts: { type: 'integer', minimum: 1 },
    next_retry_at: { type: ['string', 'null'], format: 'date-time' },
    error: { type: 'string', description: 'The last error: `HTTP <status>` or a transport message.' },
    idempotency_key: { type: 'string', description: 'Also the Idempotency-Key header; the same for every attempt.' },
    created_at: timestamp,
    updated_at: timestamp,
  };
}

export interface CrudSpec {
  /** Collection path, e.g. `/_admin/rules`. */
  path: string;
  /** The list's query parameters; by default `?entity=`. */
  listParameters?: Schema[];
  /** The item's path parameter; by default `id` (a UUID). */
  idParameter?: { name: string; schema: Schema };
  /** The DELETE answer's `data`; by default `{id, deleted: true}`. */
  deleted?: Schema;
  /** Component names of the stored object and of the request body. */
  schema: string;
  input: string;
  /** The PUT body's component when it differs from the POST body's. */
  updateInput?: string;
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

/** The five admin CRUD operations the admin APIs share (logic.md §1.8, §3.8; also ui-config-paths.ts). */
export function crudPaths(c: CrudSpec): Record<string, Schema> {
  const one = ref('schemas', c.schema);
  const body = { required: true, content: json(ref('schemas', c.input)) };
  const updateBody = c.updateInput ? { required: true, content: json(ref('schemas', c.updateInput)) } : body;
  const tags = ['_admin'];
  const idName = c.idParameter?.name ?? 'id';
  const idParam = { name: idName, in: 'path', required: true, schema: c.idParameter?.schema ?? { type: 'string', format: 'uuid' } };
  const listParameters = c.listParameters
    ?? [{ name: 'entity', in: 'query', required: false, schema: { type: 'string' }, description: `Only the ${c.nouns} of this entity.` }];
  return {
    [c.path]: {
      get: {
        tags, operationId: `list${c.many}`, summary: c.list,
        ...(listParameters.length > 0 ? { parameters: listParameters } : {}),
        responses: { 200: { description: `The ${c.nouns}`, content: json(data({ type: 'array', items: one })) }, ...errorRefs('401', '403') },
      },
      post: {
        tags, operationId: `create${c.one}`, summary: c.create,
        requestBody: body,
        responses: { 201: { description: `The created ${c.noun}`, content: json(data(one)) }, ...errorRefs(...c.createErrors) },
      },
    },
    [`${c.path}/{${idName}}`]: {
      parameters: [idParam],
      get: {
        tags, operationId: `get${c.one}`, summary: c.get,
        responses: { 200: { description: `The ${c.noun}`, content: json(data(one)) }, ...errorRefs('401', '403', '404') },
      },
      put: {
        tags, operationId: `update${c.one}`, summary: c.update,
        requestBody: updateBody,
        responses: { 200: { description: `The updated ${c.noun}`, content: json(data(one)) }, ...errorRefs(...c.updateErrors) },
      },
      delete: {
        tags, operationId: `delete${c.one}`, summary: c.remove,
        responses: {
          200: {
            description: `The id of the deleted ${c.noun}`,
            content: json(data(c.deleted ?? { type: 'object', required: ['id', 'deleted'], properties: { id: { type: 'string' }, deleted: { const: true } } })),
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
    ...crudPaths({
      path: '/_admin/webhooks', schema: 'Webhook', input: 'WebhookInput', listParameters: [],
      one: 'Webhook', many: 'Webhooks', noun: 'webhook', nouns: 'webhooks',
      list: 'List webhooks (admin), by entity, hook, created_at',
      create: 'Create a webhook (admin); applies to the next write',
      get: 'Read one webhook (admin)',
      update: 'Replace a webhook (admin); absent fields take their defaults, an absent secret is kept',
      remove: 'Delete a webhook and its logs (admin)',
      createErrors: ['400', '401', '403', '422'],
      updateErrors: ['400', '401', '403', '404', '422'],
    }),
    ...webhookLogPaths(),
    ...crudPaths({
      path: '/_admin/workflows', schema: 'Workflow', input: 'WorkflowInput', listParameters: [],
      one: 'Workflow', many: 'Workflows', noun: 'workflow', nouns: 'workflows',
      list: 'List workflows (admin), by name',
      create: 'Create a workflow (admin); names are unique; applies to the next write',
      get: 'Read one workflow (admin)',
      update: 'Replace a workflow (admin); the name may change; absent context → {}, active → true',
      remove: 'Delete a workflow and its instances (admin)',
      createErrors: ['400', '401', '403', '409', '422'],
      updateErrors: ['400', '401', '403', '404', '409', '422'],
    }),
  };
}

/** The webhook-log API (webhooks-and-files.md §A10): list, read, retry. */
function webhookLogPaths(): Record<string, Schema> {
  const tags = ['_admin'];
  const log = ref('schemas', 'WebhookLog');
  const filter = (name: string, schema: Schema, description: string): Schema => ({ name, in: 'query', required: false, schema, description });
  const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  const retried = ['id', 'webhook_id', 'entity', 'hook', 'url', 'method', 'status', 'attempt', 'max_attempts', 'next_retry_at', 'updated_at'];
  const logProperties = webhookLogProperties();
  return {
    '/_admin/webhook-logs': {
      get: {
        tags, operationId: 'listWebhookLogs', summary: 'List webhook deliveries (admin), newest first, at most 200',
        parameters: [
          filter('webhook_id', { type: 'string' }, 'Only this webhook\'s deliveries (an id that is no UUID matches none).'),
          filter('status', { type: 'string', enum: [...LOG_STATUSES] }, 'Only deliveries in this status.'),
          filter('entity', { type: 'string' }, 'Only deliveries for this entity.'),
        ],
        responses: { 200: { description: 'The deliveries', content: json(data({ type: 'array', items: log })) }, ...errorRefs('401', '403') },
      },
    },
    '/_admin/webhook-logs/{id}': {
      parameters: [idParam],
      get: {
        tags, operationId: 'getWebhookLog', summary: 'Read one webhook delivery (admin)',
        responses: { 200: { description: 'The delivery', content: json(data(log)) }, ...errorRefs('401', '403', '404') },
      },
    },
    '/_admin/webhook-logs/{id}/retry': {
      parameters: [idParam],
      post: {
        tags, operationId: 'retryWebhookLog',
        summary: 'Requeue a failed or retrying delivery for the next scheduler tick (admin); attempt is not reset',
        responses: {
          200: {
            description: 'The requeued delivery',
            content: json(data(object(Object.fromEntries(retried.map((k) => [k, logProperties[k]])), retried))),
          },
          ...errorRefs('401', '403', '404', '422'),
        },
      },
    },
  };
}
