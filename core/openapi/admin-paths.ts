// The admin endpoints in the OpenAPI document: the rules API (logic.md §1.8), tagged `_admin`, so
// typed clients can manage rules as well as records. Later admin APIs add their paths here.
import { ERROR_RESPONSE_NAME, ref } from './schemas.js';
import { FIELD_OPERATORS, RULE_HOOKS, RULE_TYPES } from '../rules/types.js';

type Schema = Record<string, unknown>;

const json = (schema: Schema): Schema => ({ 'application/json': { schema } });
const data = (schema: Schema): Schema => ({ type: 'object', required: ['data'], properties: { data: schema } });
const errorRefs = (...statuses: string[]): Schema =>
  Object.fromEntries(statuses.map((s) => [s, ref('responses', ERROR_RESPONSE_NAME.get(s)!)]));

/** `Rule` and `RuleInput` (logic.md §1.1, §1.3–§1.6). */
export function adminSchemas(): Record<string, Schema> {
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
    Rule: {
      type: 'object',
      required: ['id', 'entity', 'hook', 'type', 'definition', 'priority', 'active', 'created_at', 'updated_at'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        ...(input.properties as Schema),
        created_at: { type: 'string', format: 'date-time' },
        updated_at: { type: 'string', format: 'date-time' },
      },
    },
  };
}

export function adminPaths(): Record<string, Schema> {
  const rule = ref('schemas', 'Rule');
  const body = { required: true, content: json(ref('schemas', 'RuleInput')) };
  const tags = ['_admin'];
  const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  return {
    '/_admin/rules': {
      get: {
        tags, operationId: 'listRules', summary: 'List rules (admin), by entity, priority, created_at',
        parameters: [{ name: 'entity', in: 'query', required: false, schema: { type: 'string' }, description: 'Only the rules of this entity.' }],
        responses: { 200: { description: 'The rules', content: json(data({ type: 'array', items: rule })) }, ...errorRefs('401', '403') },
      },
      post: {
        tags, operationId: 'createRule', summary: 'Create a rule (admin); applies to the next request',
        requestBody: body,
        responses: { 201: { description: 'The created rule', content: json(data(rule)) }, ...errorRefs('400', '401', '403', '422') },
      },
    },
    '/_admin/rules/{id}': {
      parameters: [idParam],
      get: {
        tags, operationId: 'getRule', summary: 'Read one rule (admin)',
        responses: { 200: { description: 'The rule', content: json(data(rule)) }, ...errorRefs('401', '403', '404') },
      },
      put: {
        tags, operationId: 'updateRule', summary: 'Replace a rule (admin); absent priority → 0, active → true',
        requestBody: body,
        responses: { 200: { description: 'The updated rule', content: json(data(rule)) }, ...errorRefs('400', '401', '403', '404', '422') },
      },
      delete: {
        tags, operationId: 'deleteRule', summary: 'Delete a rule (admin)',
        responses: {
          200: {
            description: 'The id of the deleted rule',
            content: json(data({ type: 'object', required: ['id', 'deleted'], properties: { id: { type: 'string' }, deleted: { const: true } } })),
          },
          ...errorRefs('401', '403', '404'),
        },
      },
    },
  };
}
