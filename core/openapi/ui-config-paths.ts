// The UI-configuration API in the OpenAPI document (schema-io.md §3): the admin CRUD (tagged
// `_admin`) and the reads of scope "default" for any authenticated caller (tagged `_ui`).
import { MAX_ID_LENGTH } from '../limits.js';
import { DEFAULT_SCOPE } from '../ui-configs/validate.js';
import { crudPaths } from './admin-paths.js';
import { ERROR_RESPONSE_NAME, ref } from './schemas.js';

type Schema = Record<string, unknown>;

const json = (schema: Schema): Schema => ({ 'application/json': { schema } });
const data = (schema: Schema): Schema => ({ type: 'object', required: ['data'], properties: { data: schema } });
const errorRefs = (...statuses: string[]): Schema =>
  Object.fromEntries(statuses.map((s) => [s, ref('responses', ERROR_RESPONSE_NAME.get(s)!)]));

const PROPERTIES: Schema = {
  entity: {
    type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH,
    description: 'An existing entity, or a pseudo-entity starting with `_` (e.g. `_app`, the dashboard).',
  },
  scope: { type: 'string', maxLength: MAX_ID_LENGTH, default: DEFAULT_SCOPE, description: '"" counts as "default".' },
  config: { type: 'object', default: {}, description: 'Opaque to the server: list columns, forms, sidebars, pages, dashboards.' },
};

/** `UiConfigInput` and `UiConfig`. */
export function uiConfigSchemas(): Record<string, Schema> {
  const timestamp = { type: 'string', format: 'date-time' };
  return {
    UiConfigInput: { type: 'object', required: ['entity'], properties: PROPERTIES },
    UiConfig: {
      type: 'object',
      required: ['id', 'entity', 'scope', 'config', 'created_at', 'updated_at'],
      properties: { id: { type: 'string', format: 'uuid' }, ...PROPERTIES, created_at: timestamp, updated_at: timestamp },
    },
  };
}

export function uiConfigPaths(): Record<string, Schema> {
  const one = ref('schemas', 'UiConfig');
  const tags = ['_ui'];
  return {
    ...crudPaths({
      path: '/_admin/ui-configs', schema: 'UiConfig', input: 'UiConfigInput', listParameters: [],
      one: 'UiConfig', many: 'UiConfigs', noun: 'UI config', nouns: 'UI configs',
      list: 'List UI configs (admin), by entity, scope',
      create: 'Create a UI config (admin); one per entity and scope',
      get: 'Read one UI config (admin)',
      update: 'Replace a UI config (admin); absent scope → "default", config → {}',
      remove: 'Delete a UI config (admin)',
      createErrors: ['400', '401', '403', '409', '422'],
      updateErrors: ['400', '401', '403', '404', '409', '422'],
    }),
    '/_ui/configs': {
      get: {
        tags, operationId: 'listDefaultUiConfigs', summary: 'The UI configs of scope "default", by entity (any authenticated caller)',
        responses: { 200: { description: 'The configs', content: json(data({ type: 'array', items: one })) }, ...errorRefs('401') },
      },
    },
    '/_ui/config/{entity}': {
      parameters: [{ name: 'entity', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        tags, operationId: 'getDefaultUiConfig', summary: 'The UI config of (entity, "default") (any authenticated caller)',
        responses: {
          200: { description: 'The config, or null when the entity has none', content: json(data({ oneOf: [one, { type: 'null' }] })) },
          ...errorRefs('401'),
        },
      },
    },
  };
}
