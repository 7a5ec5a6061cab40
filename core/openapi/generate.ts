// Builds the OpenAPI 3.1 document of one app's entity API (rest-api.md §1–§12) from a Registry
// snapshot: `<Entity>`, `<Entity>Create` and `<Entity>Update` per entity and `<Relation>Write` per
// forward relation (entity-schemas.ts), referenced by `$ref`, the operations per entity, shared
// error responses. Pure and deterministic (entities sorted by name).
import type { CompiledEntity } from '../compile/compiled-entity.js';
import type { Registry } from '../compile/registry.js';
import type { RelationDef } from '../metadata/types.js';
import { adminPaths, adminSchemas } from './admin-paths.js';
import { accessPaths, accessSchemas } from './access-paths.js';
import { auditPaths, auditSchemas, historyPath } from './audit-paths.js';
import { filePaths, fileSchemas } from './file-paths.js';
import { eventPaths, eventSchemas } from './events-paths.js';
import { workflowInstanceSchemas, workflowPaths } from './workflow-paths.js';
import { uiConfigPaths, uiConfigSchemas } from './ui-config-paths.js';
import { aiPaths } from './ai-paths.js';
import { schemaIoPaths, schemaIoSchemas } from './schema-io-paths.js';
import { assignPascalNames, assignWriteNames } from './names.js';
import { createComponent, recordComponent, relationWriteComponent, updateComponent, writeKeys, type EntityNames } from './entity-schemas.js';
import {
  filterParameters, idParameter, includeParameter, sharedParameters, sortParameter,
} from './parameters.js';
import { ERROR_RESPONSE_NAME, ref, sharedResponses, sharedSchemas } from './schemas.js';

type Schema = Record<string, unknown>;

export interface OpenApiOptions {
  /** App name; the default base path is `/api/<app>`. */
  app: string;
  /** Server URL the paths are relative to (`servers[0].url`). */
  basePath?: string;
  title?: string;
  /** `info.version`; defaults to the registry's metadata version. */
  version?: string;
}

/** Error statuses per endpoint (rest-api.md §12.4). */
const ERRORS = {
  list: ['400', '401', '403', '404', '500'],
  get: ['400', '401', '403', '404', '500'],
  create: ['400', '401', '403', '404', '409', '413', '422', '500'],
  update: ['400', '401', '403', '404', '409', '412', '413', '422', '500'],
  delete: ['401', '403', '404', '409', '412', '422', '500'],
} as const;

const json = (schema: Schema): Schema => ({ 'application/json': { schema } });

function responses(success: [status: string, description: string, schema: Schema], errors: readonly string[]): Schema {
  const out: Schema = { [success[0]]: { description: success[1], content: json(success[2]) } };
  for (const status of errors) out[status] = ref('responses', ERROR_RESPONSE_NAME.get(status)!);
  return out;
}

const dataEnvelope = (data: Schema): Schema => ({ type: 'object', required: ['data'], properties: { data } });

/** Request body: `<Entity>Create` or `<Entity>Update` (fields and each forward relation's nested write). */
function requestBody(pascal: string, kind: 'Create' | 'Update', description: string): Schema {
  return { description, content: json(ref('schemas', `${pascal}${kind}`)) };
}

function deletedIdSchema(entity: CompiledEntity): Schema {
  return entity.pkType === 'int' ? { type: 'integer' } : { type: 'string' };
}

function collectionPath(registry: Registry, entity: CompiledEntity, pascal: string): Schema {
  const record = ref('schemas', pascal);
  return {
    get: conditional({
      tags: [entity.name],
      operationId: `list${pascal}`,
      summary: `List ${entity.name} records`,
      parameters: [
        ref('parameters', 'page'),
        ref('parameters', 'per_page'),
        sortParameter(entity),
        includeParameter(registry, entity),
        FIELDS_PARAMETER,
        ref('parameters', 'total'),
        ...filterParameters(entity),
      ],
      responses: responses(
        ['200', `A page of ${entity.name} records`, {
          type: 'object',
          required: ['data', 'meta'],
          properties: { data: { type: 'array', items: record }, meta: ref('schemas', 'ListMeta') },
        }],
        ERRORS.list,
      ),
    }),
    post: {
      tags: [entity.name],
      operationId: `create${pascal}`,
      summary: `Create a ${entity.name} record (optionally with nested writes)`,
      requestBody: requestBody(pascal, 'Create', 'Field values and nested relation writes. An empty body is treated as {}.'),
      responses: withLocation(responses(['201', `The created ${entity.name} record`, dataEnvelope(record)], ERRORS.create)),
    },
  };
}

function update(entity: CompiledEntity, pascal: string, record: Schema, operationId: string): Schema {
  return {
    tags: [entity.name],
    operationId,
    summary: `Partially update a ${entity.name} record (optionally with nested writes)`,
    requestBody: requestBody(pascal, 'Update', 'Only keys present are changed. An empty body is treated as {}.'),
    responses: responses(['200', `The updated ${entity.name} record`, dataEnvelope(record)], ERRORS.update),
  };
}

/** Beyond the spec: `?fields=` (core/query/fields.ts). */
const FIELDS_PARAMETER: Schema = {
  name: 'fields', in: 'query', required: false, schema: { type: 'string' },
  description: 'Comma-separated fields to answer with (the primary key always stays); `relation.field` includes that relation with only those fields. Unknown names: 400 UNKNOWN_FIELD.',
};

/** Beyond the spec: a 201 names the new record's URL. */
function withLocation(out: Schema): Schema {
  (out['201'] as Schema).headers = { Location: { description: 'Path of the created record', schema: { type: 'string' } } };
  return out;
}

/** Beyond the spec: reads carry a weak ETag and answer 304 to a matching If-None-Match. */
function conditional(read: Schema): Schema {
  const out = read.responses as Record<string, Schema>;
  out['200'].headers = { ETag: { description: 'Weak entity tag of this response body', schema: { type: 'string' } } };
  out['304'] = { description: 'Not modified: the ETag in If-None-Match still matches' };
  read.parameters = [...(read.parameters as Schema[]), {
    name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' },
    description: 'An ETag of an earlier response: 304 without a body when it still matches',
  }];
  return read;
}

function itemPath(registry: Registry, entity: CompiledEntity, pascal: string): Schema {
  const record = ref('schemas', pascal);
  return {
    parameters: [idParameter(entity)],
    get: conditional({
      tags: [entity.name],
      operationId: `get${pascal}`,
      summary: `Read one ${entity.name} record`,
      parameters: [includeParameter(registry, entity), FIELDS_PARAMETER],
      responses: responses(['200', `The ${entity.name} record`, dataEnvelope(record)], ERRORS.get),
    }),
    put: update(entity, pascal, record, `update${pascal}`),
    // The same partial update under the method clients expect for one (beyond the spec).
    patch: update(entity, pascal, record, `patch${pascal}`),
    delete: {
      tags: [entity.name],
      operationId: `delete${pascal}`,
      summary: `Delete a ${entity.name} record (${entity.softDelete ? 'soft' : 'hard'} delete, applying on_delete policies)`,
      responses: responses(
        ['200', 'The primary key of the deleted record', dataEnvelope({
          type: 'object',
          required: ['id'],
          properties: { id: deletedIdSchema(entity) },
        })],
        ERRORS.delete,
      ),
    },
  };
}

const REQUEST_ID_HEADER = {
  description: 'The request\'s id, which its log lines carry as `reqId`: quote it when reporting a problem',
  schema: { type: 'string' },
};

/** Every answer carries X-Request-ID (app.ts), so every response of the document lists it. */
function withRequestId(paths: Schema, responses: Schema): void {
  const tag = (response: Schema) => {
    if (!('$ref' in response)) response.headers = { 'X-Request-ID': { $ref: '#/components/headers/X-Request-ID' }, ...(response.headers as Schema | undefined) };
  };
  for (const item of Object.values(paths) as Schema[]) {
    for (const operation of Object.values(item) as Schema[]) {
      for (const response of Object.values((operation.responses ?? {}) as Schema)) tag(response as Schema);
    }
  }
  for (const response of Object.values(responses)) tag(response as Schema);
}

export function generateOpenApi(registry: Registry, opts: OpenApiOptions): Record<string, unknown> {
  const entities = [...registry.entities.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const taken = new Set<string>();
  const entityNames = assignPascalNames(entities.map((e) => e.name), taken);
  // Forward relations some entity accepts a nested write for (both ends compiled).
  const written = new Map<string, RelationDef>();
  for (const entity of entities) {
    for (const [, relation] of writeKeys(entity)) if (registry.entity(relation.target)) written.set(relation.name, relation);
  }
  const names: EntityNames = { entity: entityNames, relationWrite: assignWriteNames(written.keys(), taken) };
  const schemas: Schema = {};
  const paths: Schema = {};
  for (const entity of entities) {
    const pascal = entityNames.get(entity.name)!;
    schemas[pascal] = recordComponent(registry, entity, names);
    schemas[`${pascal}Create`] = createComponent(entity, names);
    schemas[`${pascal}Update`] = updateComponent(entity, names);
    paths[`/${entity.name}`] = collectionPath(registry, entity, pascal);
    paths[`/${entity.name}/{id}`] = itemPath(registry, entity, pascal);
    paths[`/${entity.name}/{id}/history`] = historyPath(entity, pascal, idParameter(entity));
  }
  for (const name of [...written.keys()].sort()) schemas[names.relationWrite.get(name)!] = relationWriteComponent(registry, written.get(name)!, names);
  Object.assign(schemas, sharedSchemas(), accessSchemas(), adminSchemas(), fileSchemas(), auditSchemas(), workflowInstanceSchemas(), eventSchemas(), uiConfigSchemas(), schemaIoSchemas());
  Object.assign(paths, accessPaths(), adminPaths(), filePaths(), auditPaths(), workflowPaths(), eventPaths(), uiConfigPaths(), aiPaths(), schemaIoPaths());
  const responses = sharedResponses();
  withRequestId(paths, responses);
  return {
    openapi: '3.1.0',
    info: {
      title: opts.title ?? `${opts.app} API`,
      version: opts.version ?? String(registry.version),
    },
    servers: [{ url: opts.basePath ?? `/api/${opts.app}` }],
    security: [{ bearerAuth: [] }],
    tags: [...entities.map((e) => ({ name: e.name })), { name: '_admin', description: 'Admin APIs (role admin)' }, { name: '_files', description: 'Uploaded files' }, { name: '_workflows', description: 'Workflow instances and approvals' }, { name: '_events', description: 'Business events, traces and their aggregates' }, { name: '_ui', description: 'UI configurations for client UIs' }],
    paths,
    components: {
      schemas,
      responses,
      parameters: sharedParameters(),
      headers: { 'X-Request-ID': REQUEST_ID_HEADER },
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      },
    },
  };
}
