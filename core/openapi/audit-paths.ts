// The audit log's read API in the OpenAPI document (observability-and-audit.md §B7): the admin
// query and one entry (tagged `_admin`), and each entity's record history (tagged with the entity).
import type { CompiledEntity } from '../compile/compiled-entity.js';
import { ERROR_RESPONSE_NAME, ref } from './schemas.js';

type Schema = Record<string, unknown>;

const json = (schema: Schema): Schema => ({ 'application/json': { schema } });
const errorRefs = (...statuses: string[]): Schema =>
  Object.fromEntries(statuses.map((s) => [s, ref('responses', ERROR_RESPONSE_NAME.get(s)!)]));
const nullable = (type: string, extra: Schema = {}): Schema => ({ type: [type, 'null'], ...extra });

const SOURCES = ['api', 'nested', 'action', 'workflow', 'import', 'bulk', 'admin', 'system'];
const ACTIONS = ['create', 'update', 'delete'];

/** `AuditLogEntry` (§B7) and `AuditLogPage`, the envelope of both lists. */
export function auditSchemas(): Record<string, Schema> {
  const properties: Schema = {
    id: { type: 'string', format: 'uuid' },
    entity: { type: 'string', description: 'Entity name, or _users, _invites, _permissions.' },
    record_id: { type: 'string', description: 'The primary key of the record, as text.' },
    action: { type: 'string', enum: ACTIONS },
    source: { type: 'string', enum: SOURCES },
    old_data: nullable('object', { description: 'The record before the change (masked, excluded fields left out); null for create.' }),
    new_data: nullable('object', { description: 'The record after the change; null for delete.' }),
    changed_fields: { type: 'array', items: { type: 'string' }, description: 'Fields whose value changed, in entity field order.' },
    changes: {
      type: 'object', description: 'Old and new value of each changed field (masked values as "***").',
      additionalProperties: { type: 'object', required: ['old', 'new'], properties: { old: {}, new: {} } },
    },
    user_id: nullable('string', { format: 'uuid' }),
    user_email: nullable('string'),
    ip_address: nullable('string', { description: 'Admins only; omitted for other callers.' }),
    trace_id: nullable('string', { format: 'uuid' }),
    created_at: { type: 'string', format: 'date-time' },
  };
  const required = Object.keys(properties).filter((k) => k !== 'ip_address');
  return {
    AuditLogEntry: { type: 'object', required, properties },
    AuditLogPage: {
      type: 'object', required: ['data', 'meta'],
      properties: { data: { type: 'array', items: ref('schemas', 'AuditLogEntry') }, meta: ref('schemas', 'ListMeta') },
    },
  };
}

const query = (name: string, schema: Schema, description: string): Schema => ({ name, in: 'query', required: false, schema, description });
const paging = [ref('parameters', 'page'), ref('parameters', 'per_page')];

export function auditPaths(): Record<string, Schema> {
  const tags = ['_admin'];
  const timestamp = { type: 'string', format: 'date-time' };
  return {
    '/_admin/audit-logs': {
      get: {
        tags, operationId: 'listAuditLogs', summary: 'Query the audit log (admin)',
        parameters: [
          query('entity', { type: 'string' }, 'Exact match.'),
          query('record_id', { type: 'string' }, 'Exact match.'),
          query('action', { type: 'string', enum: ACTIONS }, 'Exact match.'),
          query('source', { type: 'string', enum: SOURCES }, 'Exact match.'),
          query('user_id', { type: 'string' }, 'Exact match; a value that is no UUID matches nothing.'),
          query('from', timestamp, 'created_at >= from (ISO-8601; anything else is 422).'),
          query('to', timestamp, 'created_at <= to (ISO-8601; anything else is 422).'),
          ...paging,
          query('sort', { type: 'string', enum: ['-created_at', 'created_at'], default: '-created_at' }, 'Newest (default) or oldest first.'),
        ],
        responses: { 200: { description: 'A page of entries', content: json(ref('schemas', 'AuditLogPage')) }, ...errorRefs('401', '403', '422') },
      },
    },
    '/_admin/audit-logs/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
      get: {
        tags, operationId: 'getAuditLog', summary: 'Read one audit entry (admin)',
        responses: {
          200: { description: 'The entry', content: json({ type: 'object', required: ['data'], properties: { data: ref('schemas', 'AuditLogEntry') } }) },
          ...errorRefs('401', '403', '404'),
        },
      },
    },
  };
}

/** `GET /{entity}/{id}/history` (§B7.3). */
export function historyPath(entity: CompiledEntity, pascal: string, idParameter: Schema): Schema {
  return {
    parameters: [idParameter],
    get: {
      tags: [entity.name],
      operationId: `history${pascal}`,
      summary: `Audit history of one ${entity.name} record, newest first (read permission; admins also see deleted records and ip_address)`,
      parameters: paging,
      responses: { 200: { description: 'A page of entries', content: json(ref('schemas', 'AuditLogPage')) }, ...errorRefs('401', '403', '404') },
    },
  };
}
