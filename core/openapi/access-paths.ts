// The app's auth, user, invite, permission and metadata endpoints in the OpenAPI document (auth.md
// §4, §6, §7, §8.5; metadata.md's admin API), so a typed client can log in and manage an app as
// well as its records. Auth endpoints need no token (`security: []`); the rest are admin-only,
// tagged `_admin`. Entity and relation definitions are described by their main keys and left
// open (metadata.md is the full format): they are validated by the server with the spec's messages.
import { fieldTypeNames } from '../metadata/field-types/index.js';
import { CONDITION_OPERATORS, PERMISSION_ACTIONS } from '../permissions/policy.js';
import { crudPaths, data, errorRefs, json } from './admin-paths.js';
import { ref } from './schemas.js';
import { openApiBody } from '../bodies/validate.js';
import { AcceptInviteBody, InviteBulkBody, InviteCreateBody, LoginBody, RefreshBody, UserCreateBody, UserUpdateBody } from '../bodies/access.js';

type Schema = Record<string, unknown>;

const uuid = { type: 'string', format: 'uuid' };
const timestamp = { type: 'string', format: 'date-time' };
const roles = { type: 'array', items: { type: 'string' } };
const obj = (properties: Schema, required: string[] = [], extra: Schema = {}): Schema =>
  ({ type: 'object', ...(required.length > 0 ? { required } : {}), properties, additionalProperties: false, ...extra });

export function accessSchemas(): Record<string, Schema> {
  const tokenPair = { access_token: { type: 'string', description: 'HS256 JWT, valid 15 minutes' }, refresh_token: { type: 'string', description: 'Opaque, valid 7 days, rotated on every use' } };
  const user = obj({ id: uuid, email: { type: 'string' }, roles, active: { type: 'boolean' }, created_at: timestamp, updated_at: timestamp },
    ['id', 'email', 'roles', 'active', 'created_at', 'updated_at']);
  const condition = obj({ field: { type: 'string' }, operator: { type: 'string', enum: [...CONDITION_OPERATORS] }, value: {} }, ['field', 'operator']);
  const permissionInput = obj({ entity: { type: 'string', minLength: 1 }, action: { type: 'string', enum: [...PERMISSION_ACTIONS] }, roles, conditions: { type: 'array', items: condition } }, ['entity', 'action']);
  const field = {
    type: 'object', required: ['name', 'type'], additionalProperties: true,
    properties: { name: { type: 'string' }, type: { type: 'string', enum: [...fieldTypeNames] }, required: { type: 'boolean' }, unique: { type: 'boolean' } },
  };
  return {
    // Request bodies: the route schemas the server validates with.
    LoginInput: openApiBody(LoginBody),
    RefreshInput: openApiBody(RefreshBody),
    AcceptInviteInput: openApiBody(AcceptInviteBody),
    TokenPair: obj(tokenPair, ['access_token', 'refresh_token']),
    AcceptedInvite: obj({ ...tokenPair, user: obj({ id: uuid, email: { type: 'string' }, roles }, ['id', 'email', 'roles']) }, ['access_token', 'refresh_token', 'user']),
    User: user,
    UserCreate: openApiBody(UserCreateBody),
    UserUpdate: openApiBody(UserUpdateBody),
    Invite: obj({
      id: uuid, email: { type: 'string' }, roles, token: { type: 'string' }, expires_at: timestamp, accepted_at: { type: ['string', 'null'], format: 'date-time' },
      invited_by: { type: ['string', 'null'] }, created_at: timestamp, status: { type: 'string', enum: ['pending', 'accepted', 'expired'] },
    }, ['id', 'email', 'roles', 'token', 'expires_at', 'accepted_at', 'invited_by', 'created_at', 'status']),
    InviteInput: openApiBody(InviteCreateBody),
    InviteBulkInput: openApiBody(InviteBulkBody),
    InviteBulkResult: obj({
      created: { type: 'array', items: obj({ id: uuid, email: { type: 'string' }, token: { type: 'string' }, expires_at: timestamp }, ['id', 'email', 'token', 'expires_at']) },
      skipped: { type: 'array', items: obj({ email: { type: 'string' }, reason: { type: 'string' } }, ['email', 'reason']) },
      summary: obj({ total: { type: 'integer' }, created: { type: 'integer' }, skipped: { type: 'integer' } }, ['total', 'created', 'skipped']),
    }, ['created', 'skipped', 'summary']),
    Permission: obj({ id: uuid, ...(permissionInput.properties as Schema), created_at: timestamp, updated_at: timestamp },
      ['id', 'entity', 'action', 'roles', 'conditions', 'created_at', 'updated_at']),
    PermissionInput: permissionInput,
    EntityDefinition: {
      type: 'object', required: ['name', 'table', 'primary_key', 'fields'], additionalProperties: true,
      description: 'An entity definition (metadata.md): name, table, primary_key, fields, and optionally soft_delete, slug, audit …',
      properties: {
        name: { type: 'string' }, table: { type: 'string' },
        primary_key: { type: 'object', required: ['field', 'type'], properties: { field: { type: 'string' }, type: { type: 'string', enum: ['uuid', 'int', 'bigint', 'string'] }, generated: { type: 'boolean' } } },
        fields: { type: 'array', items: field }, soft_delete: { type: 'boolean' },
      },
    },
    RelationDefinition: {
      type: 'object', required: ['name', 'type', 'source', 'target'], additionalProperties: true,
      description: 'A relation definition (metadata.md): keys, join table for many_to_many, on_delete …',
      properties: {
        name: { type: 'string' }, type: { type: 'string', enum: ['one_to_one', 'one_to_many', 'many_to_many'] },
        source: { type: 'string' }, target: { type: 'string' }, source_key: { type: 'string' }, target_key: { type: 'string' },
        join_table: { type: 'string' }, source_join_key: { type: 'string' }, target_join_key: { type: 'string' },
        on_delete: { type: 'string', enum: ['cascade', 'set_null', 'restrict', 'detach'] },
      },
    },
  };
}

function auth(operationId: string, summary: string, input: string, status: string, output: Schema, errors: string[]): Schema {
  return {
    post: {
      tags: ['auth'], operationId, summary, security: [],
      requestBody: { required: true, content: json(ref('schemas', input)) },
      responses: { [status]: { description: summary, content: json(output) }, ...errorRefs(...errors) },
    },
  };
}

export function accessPaths(): Record<string, Schema> {
  /** Entities and relations are addressed by name, and their DELETE answers the name. */
  const named = (noun: string) => ({
    idParameter: { name: 'name', schema: { type: 'string' } },
    deleted: { type: 'object', required: ['name', 'deleted'], properties: { name: { type: 'string' }, deleted: { const: true } }, description: `The deleted ${noun}'s name` },
  });
  return {
    '/auth/login': auth('login', 'Log in with email and password: a token pair', 'LoginInput', '200', data(ref('schemas', 'TokenPair')), ['401']),
    '/auth/refresh': auth('refresh', 'Trade a refresh token for a new pair (rotation)', 'RefreshInput', '200', data(ref('schemas', 'TokenPair')), ['401']),
    '/auth/logout': auth('logout', 'Delete a refresh token (idempotent)', 'RefreshInput', '200',
      { type: 'object', required: ['message'], properties: { message: { const: 'Logged out' } } }, ['401']),
    '/auth/accept-invite': auth('acceptInvite', 'Accept an invite: the user is created and logged in', 'AcceptInviteInput', '201',
      data(ref('schemas', 'AcceptedInvite')), ['400', '404', '409', '422']),
    ...crudPaths({
      path: '/_admin/users', schema: 'User', input: 'UserCreate', one: 'User', many: 'Users', noun: 'user', nouns: 'users', listParameters: [],
      list: 'List users (admin), by email', create: 'Create a user (admin)', get: 'Read one user (admin)',
      update: 'Update a user (admin); omitted roles and active are kept, a new password ends their sessions', remove: 'Delete a user (admin)',
      createErrors: ['400', '401', '403', '409', '422'], updateErrors: ['400', '401', '403', '404', '409', '422'], updateInput: 'UserUpdate',
    }),
    ...crudPaths({
      path: '/_admin/permissions', schema: 'Permission', input: 'PermissionInput', one: 'Permission', many: 'Permissions', noun: 'permission', nouns: 'permissions',
      listParameters: [], list: 'List permissions (admin), by entity and action', create: 'Create a permission (admin)', get: 'Read one permission (admin)',
      update: 'Replace a permission (admin)', remove: 'Delete a permission (admin)',
      createErrors: ['400', '401', '403', '422'], updateErrors: ['400', '401', '403', '404', '422'],
    }),
    ...crudPaths({
      path: '/_admin/entities', schema: 'EntityDefinition', input: 'EntityDefinition', one: 'Entity', many: 'Entities', noun: 'entity', nouns: 'entities',
      listParameters: [], ...named('entity'),
      list: 'List entity definitions (admin)', create: 'Create an entity: its table is migrated at once (admin)', get: 'Read one entity definition (admin)',
      update: 'Replace an entity definition: the table is altered (admin)', remove: 'Delete an entity and drop its table (admin)',
      createErrors: ['400', '401', '403', '409', '422'], updateErrors: ['400', '401', '403', '404', '409', '422'],
    }),
    ...crudPaths({
      path: '/_admin/relations', schema: 'RelationDefinition', input: 'RelationDefinition', one: 'Relation', many: 'Relations', noun: 'relation', nouns: 'relations',
      listParameters: [], ...named('relation'),
      list: 'List relation definitions (admin)', create: 'Create a relation (admin)', get: 'Read one relation definition (admin)',
      update: 'Replace a relation definition (admin)', remove: 'Delete a relation (admin)',
      createErrors: ['400', '401', '403', '409', '422'], updateErrors: ['400', '401', '403', '404', '409', '422'],
    }),
    '/_admin/invites': {
      get: {
        tags: ['_admin'], operationId: 'listInvites', summary: 'List invites (admin)',
        responses: { 200: { description: 'The invites', content: json(data({ type: 'array', items: ref('schemas', 'Invite') })) }, ...errorRefs('401', '403') },
      },
      post: {
        tags: ['_admin'], operationId: 'createInvite', summary: 'Invite a user by email (admin); the token is the invitee\'s secret',
        requestBody: { required: true, content: json(ref('schemas', 'InviteInput')) },
        responses: { 201: { description: 'The invite', content: json(data(ref('schemas', 'Invite'))) }, ...errorRefs('400', '401', '403', '409', '422') },
      },
    },
    '/_admin/invites/bulk': {
      post: {
        tags: ['_admin'], operationId: 'createInvites', summary: 'Invite many emails at once (admin); each is created or skipped with a reason',
        requestBody: { required: true, content: json(ref('schemas', 'InviteBulkInput')) },
        responses: { 200: { description: 'What was created and skipped', content: json(data(ref('schemas', 'InviteBulkResult'))) }, ...errorRefs('400', '401', '403', '422') },
      },
    },
    '/_admin/invites/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: uuid }],
      delete: {
        tags: ['_admin'], operationId: 'deleteInvite', summary: 'Delete an invite (admin)',
        responses: {
          200: { description: 'The deleted invite\'s id', content: json(data({ type: 'object', required: ['id', 'deleted'], properties: { id: { type: 'string' }, deleted: { const: true } } })) },
          ...errorRefs('401', '403', '404'),
        },
      },
    },
  };
}
