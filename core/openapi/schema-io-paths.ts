// Schema export and import in the OpenAPI document (schema-io.md §1, §2), tagged `_admin`: the
// SchemaDocument, the import's summary and errors, and the dry run's plan (beyond the spec).
import { SECTIONS } from '../schema-io/document.js';
import { ERROR_RESPONSE_NAME, ref } from './schemas.js';

type Schema = Record<string, unknown>;

const json = (schema: Schema): Schema => ({ 'application/json': { schema } });
const data = (schema: Schema): Schema => ({ type: 'object', required: ['data'], properties: { data: schema } });
const errorRefs = (...statuses: string[]): Schema =>
  Object.fromEntries(statuses.map((s) => [s, ref('responses', ERROR_RESPONSE_NAME.get(s)!)]));
const list = (items: Schema, description?: string): Schema => ({ type: 'array', items, ...(description ? { description } : {}) });
const strings = { type: 'array', items: { type: 'string' } };

/** Each section's items: the admin APIs' input schemas where the document has them. */
function sectionProperties(): Schema {
  return {
    entities: list({ type: 'object', description: 'An entity definition (metadata.md §2) as stored.' }, 'By name.'),
    relations: list({ type: 'object', description: 'A relation definition (metadata.md §8) as stored.' }, 'By name.'),
    rules: list(ref('schemas', 'RuleInput'), 'By entity, priority, creation.'),
    state_machines: list(ref('schemas', 'StateMachineInput'), 'By entity, field.'),
    workflows: list(ref('schemas', 'WorkflowInput'), 'By name.'),
    permissions: list({
      type: 'object', required: ['entity', 'action'],
      properties: { entity: { type: 'string' }, action: { type: 'string', enum: ['read', 'create', 'update', 'delete'] }, roles: strings, conditions: { type: 'array', items: { type: 'object' } } },
    }, 'By entity, action, creation.'),
    webhooks: list(ref('schemas', 'WebhookInput'), 'By entity, hook, url. An export never carries a secret.'),
    ui_configs: list(ref('schemas', 'UiConfigInput'), 'By entity, scope.'),
  };
}

function summarySchema(): Schema {
  const keys = [...SECTIONS, 'records'];
  return {
    type: 'object', required: keys,
    description: 'Items newly inserted per section (ui_configs: upserted), and sample rows actually inserted (records).',
    properties: Object.fromEntries(keys.map((k) => [k, { type: 'integer', minimum: 0 }])),
  };
}

function planSchemas(): Record<string, Schema> {
  const difference: Schema = {
    type: 'object', required: ['path'],
    description: 'One differing value; a side without the property (absent there) has no key.',
    properties: { path: { type: 'string', examples: ['fields[title].required', 'priority'] }, existing: {}, imported: {} },
  };
  const comparison: Schema = {
    type: 'object', required: ['item', 'differences'],
    properties: { item: { type: 'string' }, differences: list(difference, '[] when the present item equals the document\'s.'), truncated: { const: true } },
  };
  const section: Schema = {
    type: 'object', required: ['create', 'replace', 'skip', 'fail'],
    properties: {
      create: list({ type: 'string' }, 'Items that would be created, e.g. "entity book".'),
      replace: list(comparison, 'UI configs whose (entity, scope) exists: their config would be replaced.'),
      skip: list(comparison, 'Items skipped because their key exists, with what differs from the present item.'),
      fail: list({ type: 'object', required: ['item', 'error'], properties: { item: { type: 'string' }, error: { type: 'string' } } }),
    },
  };
  const sample: Schema = {
    type: 'object', required: ['key', 'target', 'rows', 'insert', 'skip', 'errors'],
    properties: {
      key: { type: 'string' }, target: { type: ['string', 'null'], description: 'The entity, join table or _users; null for an unknown key.' },
      rows: { type: 'integer' }, insert: { type: 'integer' }, skip: { type: 'integer', description: 'Rows already present (key, unique value, pair, email).' },
      errors: strings,
    },
  };
  return {
    ImportPlanSection: section,
    ImportPlan: {
      type: 'object', required: ['message', 'dry_run', 'summary', 'plan'],
      properties: {
        message: { type: 'string' }, dry_run: { const: true }, summary: ref('schemas', 'ImportSummary'), errors: strings,
        plan: {
          type: 'object', required: [...SECTIONS, 'sample_data'],
          properties: { ...Object.fromEntries(SECTIONS.map((s) => [s, ref('schemas', 'ImportPlanSection')])), sample_data: list(sample) },
        },
      },
    },
  };
}

/** `SchemaDocument`, `SchemaImport`, `ImportSummary`, `ImportResult`, `ImportPlan`, `ImportPlanSection`. */
export function schemaIoSchemas(): Record<string, Schema> {
  const sections = sectionProperties();
  return {
    SchemaDocument: {
      type: 'object', required: ['version', 'exported_at', ...SECTIONS],
      properties: { version: { const: 1 }, exported_at: { type: 'string', format: 'date-time' }, ...sections },
    },
    SchemaImport: {
      type: 'object', required: ['version'],
      description: 'A SchemaDocument (every section optional, exported_at ignored) with optional sample_data; also accepted wrapped as {"data": …}, as the export answers.',
      properties: {
        version: { const: 1 }, ...sections,
        sample_data: {
          type: 'object', additionalProperties: list({ type: 'object' }),
          description: 'Rows per key: an entity of the document (or its table), a many_to_many join table of the document, or _users.',
        },
      },
    },
    ImportSummary: summarySchema(),
    ImportResult: {
      type: 'object', required: ['message', 'summary'],
      properties: { message: { const: 'Import completed' }, summary: ref('schemas', 'ImportSummary'), errors: list({ type: 'string' }, 'Present only when not empty.') },
    },
    ...planSchemas(),
  };
}

export function schemaIoPaths(): Record<string, Schema> {
  const tags = ['_admin'];
  const body = ref('schemas', 'SchemaImport');
  return {
    '/_admin/export': {
      get: {
        tags, operationId: 'exportSchema', summary: 'Every metadata section of the app as one schema document (admin); no ids, timestamps or secrets',
        responses: { 200: { description: 'The document', content: json(data(ref('schemas', 'SchemaDocument'))) }, ...errorRefs('401', '403') },
      },
    },
    '/_admin/import': {
      post: {
        tags, operationId: 'importSchema',
        summary: 'Import a schema document with optional sample data (admin): best effort per item; or, with dry_run, the plan of what it would do, writing nothing',
        parameters: [{
          name: 'dry_run', in: 'query', required: false, schema: { type: 'boolean' },
          description: 'true: run the import in a transaction that is rolled back and answer with its plan (ImportPlan).',
        }],
        requestBody: { required: true, content: json({ oneOf: [body, { type: 'object', required: ['data'], properties: { data: body } }] }) },
        responses: {
          200: {
            description: 'ImportResult, or ImportPlan for a dry run; 200 even when every item failed',
            content: json(data({ oneOf: [ref('schemas', 'ImportResult'), ref('schemas', 'ImportPlan')] })),
          },
          ...errorRefs('400', '401', '403', '413', '422'),
        },
      },
    },
  };
}
