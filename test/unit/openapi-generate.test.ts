// Unit tests for the OpenAPI 3.1 document generated from a compiled registry (core/openapi):
// validity against the OpenAPI 3.1 schema, component schemas valid JSON Schema 2020-12, the five
// operations per entity with their parameters, naming of components, snapshot, and the cache.

import t from 'tap';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { compileRegistry, type Registry, type StoredEntity, type StoredRelation } from '../../core/compile/registry.js';
import { sqliteDialect } from '../../core/db/dialects/index.js';
import { validateEntity } from '../../core/metadata/validate-entity.js';
import { validateRelation } from '../../core/metadata/validate-relation.js';
import type { EntityDef } from '../../core/metadata/types.js';
import { generateOpenApi } from '../../core/openapi/generate.js';
import { openApiFor } from '../../core/openapi/cache.js';
import { assignPascalNames, assignWriteNames, pascalCase } from '../../core/openapi/names.js';

type Json = Record<string, any>;
/** The assertions the helpers below use (a tap subtest satisfies it). */
type T = Pick<typeof t, 'equal' | 'comment' | 'doesNotThrow'>;

// Entities and relations from shared/examples/content-management.json.
const ENTITIES: Json[] = [
  {
    name: 'author', table: 'authors', primary_key: { field: 'id', type: 'uuid', generated: true }, soft_delete: false,
    fields: [
      { name: 'id', type: 'uuid', required: true },
      { name: 'name', type: 'string', required: true },
      { name: 'email', type: 'string', required: true, unique: true },
      { name: 'bio', type: 'text' },
      { name: 'avatar', type: 'file' },
      { name: 'created_at', type: 'timestamp', auto: 'create' },
      { name: 'updated_at', type: 'timestamp', auto: 'update' },
    ],
  },
  {
    name: 'tag', table: 'tags', primary_key: { field: 'id', type: 'uuid', generated: true },
    slug: { field: 'slug', source: 'name' }, soft_delete: false,
    fields: [
      { name: 'id', type: 'uuid', required: true },
      { name: 'name', type: 'string', required: true, unique: true },
      { name: 'slug', type: 'string', required: true, unique: true },
      { name: 'created_at', type: 'timestamp', auto: 'create' },
    ],
  },
  {
    name: 'post', table: 'posts', primary_key: { field: 'id', type: 'uuid', generated: true },
    slug: { field: 'slug', source: 'title' }, soft_delete: true,
    fields: [
      { name: 'id', type: 'uuid', required: true },
      { name: 'title', type: 'string', required: true },
      { name: 'slug', type: 'string', required: true, unique: true },
      { name: 'excerpt', type: 'text' },
      { name: 'body', type: 'text', required: true },
      { name: 'status', type: 'string', default: 'draft' },
      { name: 'featured_image', type: 'file' },
      { name: 'author_id', type: 'uuid', required: true },
      { name: 'category_id', type: 'uuid' },
      { name: 'published_at', type: 'timestamp' },
      { name: 'created_at', type: 'timestamp', auto: 'create' },
      { name: 'updated_at', type: 'timestamp', auto: 'update' },
      { name: 'deleted_at', type: 'timestamp' },
    ],
  },
  {
    name: 'comment', table: 'comments', primary_key: { field: 'id', type: 'uuid', generated: true }, soft_delete: true,
    fields: [
      { name: 'id', type: 'uuid', required: true },
      { name: 'post_id', type: 'uuid', required: true },
      { name: 'author_name', type: 'string', required: true },
      { name: 'author_email', type: 'string', required: true },
      { name: 'body', type: 'text', required: true },
      { name: 'status', type: 'string', enum: ['pending', 'approved', 'spam'], default: 'pending' },
      { name: 'created_at', type: 'timestamp', auto: 'create' },
      { name: 'deleted_at', type: 'timestamp' },
    ],
  },
];

const RELATIONS: Json[] = [
  { name: 'post_author', type: 'one_to_many', source: 'author', target: 'post', source_key: 'id', target_key: 'author_id', ownership: 'source', on_delete: 'restrict' },
  { name: 'post_tags', type: 'many_to_many', source: 'post', target: 'tag', source_key: 'id', target_key: 'id', join_table: 'post_tags', source_join_key: 'post_id', target_join_key: 'tag_id', ownership: 'source', on_delete: 'detach' },
  { name: 'post_comments', type: 'one_to_many', source: 'post', target: 'comment', source_key: 'id', target_key: 'post_id', ownership: 'source', on_delete: 'cascade' },
];

const noopLogger = { info() {}, warn() {}, error() {}, debug() {} };
const STAMP = '2025-03-01T00:00:00.000Z';

/** Normalises the definitions through the metadata validators, then compiles a registry. */
function buildRegistry(entities: Json[], relations: Json[], version = 7): Registry {
  const joinTables = new Set(relations.filter((r) => r.join_table).map((r) => r.join_table as string));
  const defs = new Map<string, EntityDef>();
  for (const input of entities) {
    const r = validateEntity(input, { joinTables });
    if (!r.ok) throw new Error(`${input.name}: ${JSON.stringify(r.problems)}`);
    defs.set(r.definition.name, r.definition);
  }
  const entityTables = new Set([...defs.values()].map((d) => d.table));
  const storedEntities: StoredEntity[] = [...defs.values()].map((definition) => ({
    name: definition.name, table_name: definition.table, definition, created_at: STAMP, updated_at: STAMP,
  }));
  const storedRelations: StoredRelation[] = relations.map((input) => {
    const r = validateRelation(input, { entities: defs, entityTables });
    if (!r.ok) throw new Error(`${input.name}: ${JSON.stringify(r.problems)}`);
    const d = r.definition;
    return { name: d.name, source: d.source, target: d.target, definition: d, created_at: STAMP, updated_at: STAMP };
  });
  return compileRegistry(sqliteDialect, { entities: storedEntities, relations: storedRelations }, version, noopLogger);
}

async function expectValid(t: T, doc: Record<string, unknown>): Promise<void> {
  const result = await new Validator().validate(doc);
  t.equal(result.valid, true, 'valid OpenAPI 3.1 document');
  if (!result.valid) t.comment(JSON.stringify(result.errors, null, 2).slice(0, 4000));
}

const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

/** Every component schema compiles as strict JSON Schema 2020-12 (the OpenAPI 3.1 dialect). */
function expectSchemasCompile(t: T, doc: Json): void {
  const ajv = addFormats(new Ajv2020({ strict: true }));
  // Component refs become $defs refs so the schemas can be compiled as one 2020-12 resource.
  const defs = JSON.parse(JSON.stringify(doc.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'));
  const id = 'https://rocket.invalid/openapi';
  ajv.addSchema({ $id: id, $defs: defs });
  for (const name of Object.keys(defs)) {
    t.doesNotThrow(() => ajv.getSchema(`${id}#/$defs/${name}`), `schema ${name} compiles`);
  }
}

const registry = buildRegistry(ENTITIES, RELATIONS);
const doc = generateOpenApi(registry, { app: 'blog' }) as Json;

t.test('document is a valid OpenAPI 3.1 document', async (t) => {
  t.equal(doc.openapi, '3.1.0');
  await expectValid(t, doc);
  expectSchemasCompile(t, doc);
});

t.test('snapshot', async (t) => {
  t.matchSnapshot(doc, 'openapi document for author, comment, post, tag');
});

t.test('info, servers and global bearer security', async (t) => {
  t.same(doc.info, { title: 'blog API', version: '7' });
  t.same(doc.servers, [{ url: '/api/blog' }]);
  t.same(doc.security, [{ bearerAuth: [] }]);
  t.same(doc.components.securitySchemes.bearerAuth, { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  const custom = generateOpenApi(registry, { app: 'blog', basePath: '/v1', title: 'Blog', version: '2.0.0' }) as Json;
  t.same(custom.info, { title: 'Blog', version: '2.0.0' });
  t.same(custom.servers, [{ url: '/v1' }]);
});

t.test('component schemas: a record, a create and an update schema per entity, a write per relation, plus shared ones', async (t) => {
  const schemas = doc.components.schemas;
  t.same(Object.keys(schemas), [
    'Author', 'AuthorCreate', 'AuthorUpdate', 'Comment', 'CommentCreate', 'CommentUpdate', 'Post', 'PostCreate', 'PostUpdate',
    'Tag', 'TagCreate', 'TagUpdate', 'PostAuthorWrite', 'PostCommentsWrite', 'PostTagsWrite',
    'Error', 'ListMeta',
    'LoginInput', 'RefreshInput', 'AcceptInviteInput', 'TokenPair', 'AcceptedInvite', 'User', 'UserCreate', 'UserUpdate',
    'Invite', 'InviteInput', 'InviteBulkInput', 'InviteBulkResult', 'Permission', 'PermissionInput', 'EntityDefinition', 'RelationDefinition',
    'RuleInput', 'Rule', 'StateMachineInput', 'StateMachine',
    'WebhookInput', 'Webhook', 'WebhookLog', 'WorkflowInput', 'Workflow', 'UploadedFile', 'FileListItem', 'AuditLogEntry', 'AuditLogPage',
    'WorkflowInstance', 'WorkflowInstancePage', 'Event', 'EventPage', 'TraceSpan', 'TraceWaterfall', 'EventStats',
    'UiConfigInput', 'UiConfig',
    'SchemaDocument', 'SchemaImport', 'ImportSummary', 'ImportResult', 'ImportPlanSection', 'ImportPlan',
  ]);
  t.same(schemas.Post.required, registry.entity('post')!.schemas.record.required, 'every field is always present');
  t.same([...schemas.Post.properties.published_at.type].sort(), ['null', 'string'], '3.1 nullable type list');
  t.notOk('created_at' in schemas.PostCreate.properties, 'auto fields are not input');
  t.notOk('id' in schemas.PostCreate.properties, 'nor a generated key');
  t.ok('deleted_at' in schemas.Comment.properties);
  t.same(schemas.ListMeta.required, ['page', 'per_page'], 'total is absent with total=false');
  t.same(schemas.Error.required, ['error']);
  t.same(schemas.Error.properties.error.required, ['code', 'message']);
  t.same(Object.keys(schemas.Error.properties.error.properties.details.items.properties), ['field', 'rule', 'message']);
  t.ok(schemas.Error.properties.error.properties.code.enum.includes('VALIDATION_FAILED'), 'the error code is an enum');
  t.equal(schemas.Error.properties.error.properties.code.enum.length, new Set(schemas.Error.properties.error.properties.code.enum).size);
  for (const name of Object.keys(schemas)) t.match(name, /^[a-zA-Z0-9._-]+$/);
});

t.test('records: non-null where the engine always sets a value, enums, includes typed', async (t) => {
  const post = doc.components.schemas.Post;
  t.same(post.properties.id, { type: 'string', format: 'uuid' }, 'the primary key');
  t.same(post.properties.title, { type: 'string' }, 'a required field');
  t.same(post.properties.created_at, { type: 'string', format: 'date-time' }, 'an auto field');
  t.same(post.properties.status.type, ['string', 'null'], 'an optional field with a default stays nullable');
  t.same(post.properties.deleted_at.type, ['string', 'null']);
  const comment = doc.components.schemas.Comment;
  t.same(comment.properties.status, { type: ['string', 'null'], enum: ['pending', 'approved', 'spam', null] }, 'enum on the record');
  t.same(post.properties.tags, {
    type: 'array', items: { $ref: '#/components/schemas/Tag' }, description: 'Included with include=tags (post_tags).',
  }, 'to-many include: an array of the target');
  t.same(post.properties.author.anyOf, [{ $ref: '#/components/schemas/Author' }, { type: 'null' }], 'to-one include: the target or null');
  t.notOk(post.required.includes('tags'), 'includes are optional');
  t.same(Object.keys(doc.components.schemas.Author.properties).slice(7), ['post', 'post_author'], 'every include token');
  t.equal(doc.components.schemas.Author.properties.post.type, 'array');
  const params = new Map((doc.paths['/comment'].get.parameters as Json[]).filter((p) => p.name).map((p) => [p.name, p]));
  t.same(params.get('filter[status]')!.schema, { type: 'string', enum: ['pending', 'approved', 'spam'] }, 'enum on filters');
  t.same(params.get('filter[status.in]')!.schema.items, { type: 'string', enum: ['pending', 'approved', 'spam'] });
  t.same(params.get('filter[status.like]')!.schema, { type: 'string' });
});

t.test('five operations per entity with unique operationIds', async (t) => {
  t.same(Object.keys(doc.paths), [
    '/author', '/author/{id}', '/author/{id}/history', '/comment', '/comment/{id}', '/comment/{id}/history',
    '/post', '/post/{id}', '/post/{id}/history', '/tag', '/tag/{id}', '/tag/{id}/history',
    '/auth/login', '/auth/refresh', '/auth/logout', '/auth/accept-invite', '/_admin/users', '/_admin/users/{id}',
    '/_admin/permissions', '/_admin/permissions/{id}', '/_admin/entities', '/_admin/entities/{name}', '/_admin/relations', '/_admin/relations/{name}',
    '/_admin/invites', '/_admin/invites/bulk', '/_admin/invites/{id}',
    '/_admin/rules', '/_admin/rules/{id}', '/_admin/state-machines', '/_admin/state-machines/{id}',
    '/_admin/webhooks', '/_admin/webhooks/{id}', '/_admin/webhook-logs', '/_admin/webhook-logs/{id}', '/_admin/webhook-logs/{id}/retry',
    '/_admin/workflows', '/_admin/workflows/{id}', '/_files/upload', '/_files', '/_files/{id}', '/_admin/audit-logs', '/_admin/audit-logs/{id}',
    '/_workflows', '/_workflows/pending', '/_workflows/{id}', '/_workflows/{id}/approve', '/_workflows/{id}/reject',
    '/_events', '/_events/trace/{trace_id}', '/_events/stats',
    '/_admin/ui-configs', '/_admin/ui-configs/{id}', '/_ui/configs', '/_ui/config/{entity}', '/_admin/ai/status', '/_admin/ai/generate',
    '/_admin/export', '/_admin/import',
  ]);
  const ids: string[] = [];
  for (const item of Object.values(doc.paths) as Json[]) {
    for (const method of ['get', 'post', 'put', 'delete']) if (item[method]) ids.push(item[method].operationId);
  }
  t.equal(ids.length, 102, 'four auth operations, five each for users, permissions, entities and relations, four for invites; five per entity and its history, five for each of the rules, state-machine, webhook and workflow admin APIs, three for webhook logs, four for files, two for the audit log, six for workflow instances, four for events, five for UI configs and two reads of them, two for the AI generator, export and import');
  t.equal(new Set(ids).size, 102, 'unique');
  t.same(ids.slice(0, 6), ['listAuthor', 'createAuthor', 'getAuthor', 'updateAuthor', 'deleteAuthor', 'historyAuthor']);
  t.same(ids.slice(52, 57), ['listRules', 'createRule', 'getRule', 'updateRule', 'deleteRule']);
  t.same(ids.slice(57, 62), ['listStateMachines', 'createStateMachine', 'getStateMachine', 'updateStateMachine', 'deleteStateMachine']);
  t.same(ids.slice(62, 67), ['listWebhooks', 'createWebhook', 'getWebhook', 'updateWebhook', 'deleteWebhook']);
  t.same(ids.slice(67, 70), ['listWebhookLogs', 'getWebhookLog', 'retryWebhookLog']);
  t.same(ids.slice(70, 75), ['listWorkflows', 'createWorkflow', 'getWorkflow', 'updateWorkflow', 'deleteWorkflow']);
  t.same(ids.slice(75, 79), ['uploadFile', 'listFiles', 'getFile', 'deleteFile']);
  t.same(ids.slice(79, 81), ['listAuditLogs', 'getAuditLog']);
  t.same(ids.slice(81, 87), ['listWorkflowInstances', 'listPendingWorkflowInstances', 'getWorkflowInstance', 'deleteWorkflowInstance', 'approveWorkflowInstance', 'rejectWorkflowInstance']);
  t.same(ids.slice(87, 91), ['queryEvents', 'emitEvent', 'traceWaterfall', 'eventStats']);
  t.same(ids.slice(91), ['listUiConfigs', 'createUiConfig', 'getUiConfig', 'updateUiConfig', 'deleteUiConfig', 'listDefaultUiConfigs', 'getDefaultUiConfig', 'aiStatus', 'aiGenerateSchema', 'exportSchema', 'importSchema']);
  t.same(Object.keys(doc.paths['/_files/{id}']), ['parameters', 'get', 'head', 'delete'], 'HEAD of a download too');
  t.same(Object.keys(doc.paths['/_files/upload'].post.requestBody.content), ['multipart/form-data']);
  t.same(Object.keys(doc.paths['/post']), ['get', 'post']);
  t.same(Object.keys(doc.paths['/post/{id}']), ['parameters', 'get', 'put', 'patch', 'delete'], 'PATCH: the same partial update as PUT');
  t.equal(doc.paths['/post/{id}'].patch.operationId, 'patchPost');
  t.equal(doc.paths['/post'].get.operationId, 'listPost');
  t.equal(doc.paths['/post'].post.operationId, 'createPost');
  t.equal(doc.paths['/post/{id}'].get.operationId, 'getPost');
  t.equal(doc.paths['/post/{id}'].put.operationId, 'updatePost');
  t.equal(doc.paths['/post/{id}'].delete.operationId, 'deletePost');
});

t.test('list parameters: pagination, sort, include, total, filters per field and operator', async (t) => {
  const params = doc.paths['/post'].get.parameters as Json[];
  const refs = params.filter((p) => p.$ref).map((p) => p.$ref);
  t.same(refs, ['#/components/parameters/page', '#/components/parameters/per_page', '#/components/parameters/total']);
  const byName = new Map(params.filter((p) => p.name).map((p) => [p.name as string, p]));
  t.ok(byName.has('sort') && byName.has('include'));
  t.ok(byName.get('sort')!.schema.items.enum.includes('-published_at'));
  t.match(byName.get('include')!.description, /Available here: author, comment, comments, post_author, post_comments, post_tags, tag, tags\./);
  // string field: every operator
  for (const op of ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'like', 'ilike', 'is_null']) {
    t.ok(byName.has(`filter[title.${op}]`), `filter[title.${op}]`);
  }
  t.ok(byName.has('filter[title]'));
  // uuid field: no like/ilike
  t.ok(byName.has('filter[author_id.in]'));
  t.notOk(byName.has('filter[author_id.like]'));
  // file field: only is_null
  t.notOk(byName.has('filter[featured_image]'));
  t.notOk(byName.has('filter[featured_image.eq]'));
  t.ok(byName.has('filter[featured_image.is_null]'));
  t.same(byName.get('filter[author_id.in]'), {
    name: 'filter[author_id.in]', in: 'query', required: false, description: 'author_id is one of (comma-separated list).',
    schema: { type: 'array', items: { type: 'string', format: 'uuid' } }, style: 'form', explode: false,
  });
  t.same(byName.get('filter[published_at.is_null]')!.schema, { type: 'boolean' });
  // the engine's deleted_at is not filterable unless declared (post declares it)
  t.ok(byName.has('filter[deleted_at.is_null]'));
  const shared = doc.components.parameters;
  t.same(shared.per_page.schema, { type: 'integer', minimum: 1, maximum: 100, default: 25 });
  t.same(shared.page.schema, { type: 'integer', minimum: 1, default: 1 });
  t.equal(shared.total.schema.type, 'boolean');
});

t.test('{id} parameter and get include', async (t) => {
  t.same(doc.paths['/author/{id}'].parameters[0], {
    name: 'id', in: 'path', required: true, description: 'Primary key (id, uuid).', schema: { type: 'string', format: 'uuid' },
  });
  t.same(doc.paths['/post/{id}'].parameters[0].schema, { type: 'string' }, 'slug entities accept slugs');
  t.same(doc.paths['/post/{id}'].get.parameters.map((p: Json) => p.name), ['include', 'fields', 'If-None-Match']);
});

t.test('request bodies: <Entity>Create and <Entity>Update with typed nested writes', async (t) => {
  const schemas = doc.components.schemas;
  const body = (path: string, method: string) => doc.paths[path][method].requestBody.content['application/json'].schema;
  t.same(body('/post', 'post'), { $ref: '#/components/schemas/PostCreate' });
  t.same(body('/post/{id}', 'put'), { $ref: '#/components/schemas/PostUpdate' });
  t.same(body('/post/{id}', 'patch'), { $ref: '#/components/schemas/PostUpdate' });
  const create = schemas.PostCreate;
  t.same(create.required, ['title', 'body', 'author_id'], 'required without default; the slug has a source');
  t.equal(create.additionalProperties, false);
  t.same(create.properties.title, { type: 'string', minLength: 1 }, 'a required field refuses null and ""');
  t.equal(schemas.PostUpdate.additionalProperties, false);
  t.notOk('required' in schemas.PostUpdate, 'an update is partial');
  const keys = Object.keys(create.properties).filter((k) => create.properties[k].$ref);
  t.same(keys, ['post_comments', 'post_tags'], 'each forward relation once, under its name');
  t.match(create.properties.post_tags.description, /Also accepted under tag, tags/);
  t.notOk('author' in create.properties, 'reverse relations are not writable');
  t.same(schemas.CommentCreate.required, ['post_id', 'author_name', 'author_email', 'body']);
  const comments = schemas.PostCommentsWrite;
  t.same(comments.required, ['data']);
  t.same(comments.properties._write_mode.enum, ['diff', 'replace', 'append']);
  const [newRow, oldRow] = comments.properties.data.items.anyOf;
  t.same(newRow.required, ['author_name', 'author_email', 'body'], 'the parent key is not required in a child row');
  t.ok(newRow.properties._delete && oldRow.properties._delete);
  t.same(oldRow.required, ['id']);
  t.equal(newRow.additionalProperties, false);
  t.same(schemas.PostTagsWrite.properties.data.items, {
    type: 'object', description: 'Links to tag by id.', required: ['id'],
    properties: { id: { type: 'string', format: 'uuid' }, _delete: comments.properties.data.items.anyOf[0].properties._delete },
    additionalProperties: false,
  });
  t.same(Object.keys(schemas.TagCreate.properties), ['name', 'slug'], 'no forward relations');
  t.same(Object.keys(schemas.AuthorCreate.properties).filter((k) => schemas.AuthorCreate.properties[k].$ref), ['post_author'], 'one_to_many forward key');
});

t.test('responses: envelopes and errors per endpoint', async (t) => {
  const list = doc.paths['/post'].get.responses;
  t.same(list['200'].content['application/json'].schema, {
    type: 'object', required: ['data', 'meta'],
    properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Post' } }, meta: { $ref: '#/components/schemas/ListMeta' } },
  });
  t.same(Object.keys(list), ['200', '304', '400', '401', '403', '404', '500']);
  t.ok(list['200'].headers.ETag, 'reads carry an ETag');
  const create = doc.paths['/post'].post.responses;
  t.same(Object.keys(create), ['201', '400', '401', '403', '404', '409', '413', '422', '500']);
  t.same(create['201'].content['application/json'].schema, {
    type: 'object', required: ['data'], properties: { data: { $ref: '#/components/schemas/Post' } },
  });
  t.same(create['422'], { $ref: '#/components/responses/ValidationFailed' });
  t.same(Object.keys(doc.paths['/post/{id}'].put.responses), ['200', '400', '401', '403', '404', '409', '412', '413', '422', '500']);
  t.ok(create['201'].headers.Location, 'a create names its record');
  const del = doc.paths['/post/{id}'].delete.responses;
  t.same(Object.keys(del), ['200', '401', '403', '404', '409', '412', '422', '500']);
  t.same(del['200'].content['application/json'].schema.properties.data, {
    type: 'object', required: ['id'], properties: { id: { type: 'string' } },
  });
  for (const response of Object.values(doc.components.responses) as Json[]) {
    t.same(response.content['application/json'].schema, { $ref: '#/components/schemas/Error' });
  }
});

t.test('deterministic output', async (t) => {
  const reversed = buildRegistry([...ENTITIES].reverse(), [...RELATIONS].reverse());
  t.equal(JSON.stringify(generateOpenApi(reversed, { app: 'blog' })), JSON.stringify(doc));
});

t.test('component and operation names for awkward entity names', async (t) => {
  t.equal(pascalCase('blog_post'), 'BlogPost');
  t.equal(pascalCase('_audit'), 'Audit');
  t.equal(pascalCase('_1x'), 'Entity1x');
  const names = assignPascalNames(['_post', 'post', 'post_create', 'error', 'a__b', 'a_b', 'post_update_x']);
  t.same(Object.fromEntries(names), {
    a__b: 'AB', a_b: 'AB2', error: 'Error2', post: 'Post', post_create: 'PostCreate2', post_update_x: 'PostUpdateX', _post: 'Post2',
  });
  t.same(Object.fromEntries(assignPascalNames(['book_create', 'book'])), { book: 'Book', book_create: 'BookCreate2' },
    'an entity does not take another\'s request-body names');
  t.same(Object.fromEntries(assignPascalNames(['workflow', 'workflow_input'])), { workflow: 'Workflow2', workflow_input: 'WorkflowInput2' },
    'the workflow admin schemas are taken');
  t.same(Object.fromEntries(assignPascalNames(['uploaded_file'])), { uploaded_file: 'UploadedFile2' }, 'and the files API\'s');
  const taken = new Set<string>();
  assignPascalNames(['post_tags_write', 'post'], taken);
  t.same(Object.fromEntries(assignWriteNames(['post_tags', 'post_notes'], taken)), { post_notes: 'PostNotesWrite', post_tags: 'PostTags2Write' },
    'relation writes give way to entities');
  t.same(Object.fromEntries(assignPascalNames(['event', 'event_stats'])), { event: 'Event2', event_stats: 'EventStats2' }, 'and the events API\'s');
  t.same(Object.fromEntries(assignPascalNames(['ui_config'])), { ui_config: 'UiConfig2' }, 'and the UI-config API\'s');
  t.same(Object.fromEntries(assignPascalNames(['import_plan', 'schema_document'])), { import_plan: 'ImportPlan2', schema_document: 'SchemaDocument2' }, 'and the import\'s');
  const entity = (name: string, pkType: string, extra: Json[] = []): Json => ({
    name, table: `t${name}`, primary_key: { field: 'id', type: pkType, generated: pkType !== 'string' },
    fields: [{ name: 'id', type: pkType === 'string' ? 'string' : pkType }, ...extra],
  });
  const odd = buildRegistry([
    entity('_note', 'int', [{ name: 'data', type: 'json' }, { name: 'n', type: 'bigint' }]),
    entity('note', 'bigint', [{ name: 'price', type: 'decimal', precision: 2 }, { name: 'ok', type: 'boolean' }]),
    entity('note_input', 'string', [{ name: 'on', type: 'date' }, { name: 'x', type: 'float' }]),
    entity('error', 'uuid'),
  ], [], 1);
  const oddDoc = generateOpenApi(odd, { app: 'odd' }) as Json;
  await expectValid(t, oddDoc);
  expectSchemasCompile(t, oddDoc);
  t.same(Object.keys(oddDoc.components.schemas), [
    'Note2', 'Note2Create', 'Note2Update', 'Error2', 'Error2Create', 'Error2Update', 'Note', 'NoteCreate', 'NoteUpdate',
    'NoteInput', 'NoteInputCreate', 'NoteInputUpdate',
    'Error', 'ListMeta',
    'LoginInput', 'RefreshInput', 'AcceptInviteInput', 'TokenPair', 'AcceptedInvite', 'User', 'UserCreate', 'UserUpdate',
    'Invite', 'InviteInput', 'InviteBulkInput', 'InviteBulkResult', 'Permission', 'PermissionInput', 'EntityDefinition', 'RelationDefinition',
    'RuleInput', 'Rule', 'StateMachineInput', 'StateMachine',
    'WebhookInput', 'Webhook', 'WebhookLog', 'WorkflowInput', 'Workflow', 'UploadedFile', 'FileListItem', 'AuditLogEntry', 'AuditLogPage',
    'WorkflowInstance', 'WorkflowInstancePage', 'Event', 'EventPage', 'TraceSpan', 'TraceWaterfall', 'EventStats',
    'UiConfigInput', 'UiConfig',
    'SchemaDocument', 'SchemaImport', 'ImportSummary', 'ImportResult', 'ImportPlanSection', 'ImportPlan',
  ]);
  t.equal(oddDoc.paths['/_note'].get.operationId, 'listNote2');
  t.same(oddDoc.paths['/_note/{id}'].parameters[0].schema, { type: 'integer' });
  t.same(oddDoc.paths['/_note/{id}'].delete.responses['200'].content['application/json'].schema.properties.data.properties.id, { type: 'integer' });
  t.same(oddDoc.paths['/note/{id}'].parameters[0].schema, { type: 'string', pattern: '^-?\\d+$' });
  const params = new Map((oddDoc.paths['/_note'].get.parameters as Json[]).filter((p) => p.name).map((p) => [p.name, p]));
  t.notOk(params.has('filter[data]'), 'json fields have no eq filter');
  t.ok(params.has('filter[data.is_null]'));
  t.same(params.get('filter[n.gt]')!.schema, { type: 'string', pattern: '^-?\\d+$' });
  t.match(params.get('include')!.description, /no relations/);
});

t.test('openApiFor memoises per registry instance', async (t) => {
  const a = openApiFor(registry, { app: 'blog' });
  t.equal(openApiFor(registry, { app: 'blog' }), a, 'same entry for the same registry');
  t.equal(openApiFor(registry, { app: 'blog' }).document, a.document, 'same document object');
  t.same(a.document, doc);
  t.equal(a.json, JSON.stringify(a.document));
  t.ok(Object.isFrozen(a.document) && Object.isFrozen((a.document as Json).components.schemas.Post));
  await expectValid(t, a.document as Record<string, unknown>);
  const rebuilt = buildRegistry(ENTITIES, RELATIONS, 8);
  const b = openApiFor(rebuilt, { app: 'blog' });
  t.not(b, a, 'a new registry gets a new document');
  t.not(b.document, a.document);
  t.equal((b.document as Json).info.version, '8');
  t.not(openApiFor(registry, { app: 'blog', title: 'Other' }), a, 'options are part of the key');
});

t.test('nested writes and includes: a self relation, one_to_one, a child with a client-chosen key, a field shadowing a relation key', async (t) => {
  const reg = buildRegistry([
    {
      name: 'category', table: 'categories', primary_key: { field: 'id', type: 'int', generated: true },
      fields: [{ name: 'id', type: 'int' }, { name: 'name', type: 'string', required: true }, { name: 'parent_id', type: 'int' }, { name: 'sku', type: 'string' }],
    },
    {
      name: 'sku', table: 'skus', primary_key: { field: 'code', type: 'string' },
      fields: [{ name: 'code', type: 'string' }, { name: 'category_id', type: 'int', required: true }, { name: 'label', type: 'string', required: true }],
    },
    {
      name: 'profile', table: 'profiles', primary_key: { field: 'id', type: 'uuid', generated: true },
      fields: [{ name: 'id', type: 'uuid' }, { name: 'category_id', type: 'int', required: true }, { name: 'bio', type: 'text' }],
    },
  ], [
    { name: 'category_children', type: 'one_to_many', source: 'category', target: 'category', target_key: 'parent_id' },
    { name: 'category_skus', type: 'one_to_many', source: 'category', target: 'sku', target_key: 'category_id' },
    { name: 'category_profile', type: 'one_to_one', source: 'category', target: 'profile', target_key: 'category_id' },
  ], 1);
  const d = generateOpenApi(reg, { app: 'shop' }) as Json;
  await expectValid(t, d);
  expectSchemasCompile(t, d);
  const s = d.components.schemas;
  t.same(Object.keys(s).slice(0, 12), [
    'Category', 'CategoryCreate', 'CategoryUpdate', 'Profile', 'ProfileCreate', 'ProfileUpdate', 'Sku', 'SkuCreate', 'SkuUpdate',
    'CategoryChildrenWrite', 'CategoryProfileWrite', 'CategorySkusWrite',
  ]);
  const rowsOf = (name: string) => s[name].properties.data.items;
  const [created, updated] = rowsOf('CategoryChildrenWrite').anyOf;
  t.same(created.required, ['name'], 'a self relation: the parent key is not required');
  t.equal(created.properties.category_children.$ref, '#/components/schemas/CategoryChildrenWrite', 'recursion goes through $ref');
  t.same(updated.required, ['id']);
  t.same(rowsOf('CategorySkusWrite').required, ['code'], 'a client-chosen child key: every row names its row');
  t.notOk(rowsOf('CategorySkusWrite').anyOf, 'no create row without a key');
  t.same(rowsOf('CategoryProfileWrite').anyOf[0].required ?? [], [], 'one_to_one: the foreign key is the only required field');
  t.same(s.Category.properties.sku.anyOf, [{ type: ['string', 'null'] }, { type: 'array', items: { $ref: '#/components/schemas/Sku' } }],
    'a field shadowed by an include token: the field, or the included records that replace it');
  t.same(s.Category.properties.category_skus.items, { $ref: '#/components/schemas/Sku' });
  t.same(s.Category.properties.category_profile.anyOf, [{ $ref: '#/components/schemas/Profile' }, { type: 'null' }], 'one_to_one forward: to-one');
  t.same(s.Sku.properties.category.anyOf[0], { $ref: '#/components/schemas/Category' }, 'reverse: to-one');
  t.notOk('sku' in s.CategoryCreate.properties && s.CategoryCreate.properties.sku.$ref, 'the field sku, not a nested write');
  t.same(Object.keys(s.CategoryCreate.properties).filter((k) => s.CategoryCreate.properties[k].$ref),
    ['category_children', 'category_profile', 'category_skus'], 'each relation once, under its name');
});

t.test('auth, users, invites, permissions and metadata are in the document; their component names are reserved', async (t) => {
  const { accessSchemas } = await import('../../core/openapi/access-paths.js');
  const { SHARED_SCHEMA_NAMES } = await import('../../core/openapi/names.js');
  for (const name of Object.keys(accessSchemas())) t.ok(SHARED_SCHEMA_NAMES.includes(name), `${name} reserved`);
  for (const path of ['/auth/login', '/auth/refresh', '/auth/logout', '/auth/accept-invite', '/_admin/users', '/_admin/users/{id}',
    '/_admin/invites', '/_admin/invites/bulk', '/_admin/invites/{id}', '/_admin/permissions', '/_admin/permissions/{id}',
    '/_admin/entities', '/_admin/entities/{name}', '/_admin/relations', '/_admin/relations/{name}']) {
    t.ok(doc.paths[path], path);
  }
  t.same(doc.paths['/auth/login'].post.security, [], 'no token needed to log in');
  t.same(doc.paths['/_admin/users/{id}'].put.requestBody.content['application/json'].schema, { $ref: '#/components/schemas/UserUpdate' });
  t.same(doc.components.schemas.LoginInput.required, ['email', 'password']);
});
