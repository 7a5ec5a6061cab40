// Schema objects of the OpenAPI document: conversion of the compiled entity JSON Schemas to
// OpenAPI 3.1 Schema Objects, the shared `Error` / `ListMeta` schemas and the
// shared error responses (rest-api.md §12).

import { ERROR_CODES } from '../errors.js';

type Schema = Record<string, unknown>;

export const ref = (kind: 'schemas' | 'responses' | 'parameters', name: string): Schema => ({
  $ref: `#/components/${kind}/${name}`,
});

/**
 * Deep copy of a compiled JSON Schema as an OpenAPI 3.1 Schema Object (JSON Schema 2020-12).
 * The compiled schemas already use `type: [t, "null"]`; an OpenAPI 3.0 style `nullable: true`
 * (should a field type ever emit one) is folded into the type list, `undefined` values dropped.
 */
export function toOpenApiSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toOpenApiSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema as Schema)) {
    if (value === undefined || key === 'nullable') continue;
    out[key] = toOpenApiSchema(value);
  }
  if ((schema as Schema).nullable === true) return withNull(out);
  return out;
}

function withNull(schema: Schema): Schema {
  if (typeof schema.type === 'string') return { ...schema, type: [schema.type, 'null'] };
  if (Array.isArray(schema.type)) return schema.type.includes('null') ? schema : { ...schema, type: [...schema.type, 'null'] };
  return { anyOf: [schema, { type: 'null' }] };
}

export function sharedSchemas(): Record<string, Schema> {
  return {
    Error: {
      type: 'object',
      description: 'Error envelope (rest-api.md §12.1).',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { type: 'string', enum: Object.keys(ERROR_CODES), description: 'Machine-readable error code (core/errors.ts), e.g. VALIDATION_FAILED.' },
            message: { type: 'string' },
            details: {
              type: 'array',
              description: 'Present only when non-empty.',
              items: {
                type: 'object',
                required: ['message'],
                properties: {
                  field: { type: 'string', description: 'Field or nested path, e.g. chapters[1].heading.' },
                  rule: { type: 'string', description: 'e.g. unknown, type, required, enum, unique.' },
                  message: { type: 'string' },
                },
              },
            },
          },
        },
      },
    },
    ListMeta: {
      type: 'object',
      required: ['page', 'per_page'],
      properties: {
        page: { type: 'integer', minimum: 1, description: 'Effective page.' },
        per_page: { type: 'integer', minimum: 1, maximum: 100, description: 'Effective page size.' },
        total: { type: 'integer', minimum: 0, description: 'Rows matching all filters and row-level conditions; absent when the request sent total=false.' },
      },
    },
  };
}

/** Shared error responses, keyed by HTTP status. */
const ERROR_RESPONSES: ReadonlyArray<readonly [status: string, name: string, description: string]> = [
  ['400', 'BadRequest', 'INVALID_PAYLOAD (malformed or non-object JSON, bad filter value or operator, include depth) or UNKNOWN_FIELD (filter, sort or include).'],
  ['401', 'Unauthorized', 'UNAUTHORIZED: missing or invalid bearer token.'],
  ['403', 'Forbidden', 'FORBIDDEN: no permission for the action, an included entity or a state transition.'],
  ['404', 'NotFound', 'APP_NOT_FOUND, UNKNOWN_ENTITY, or NOT_FOUND (record, or a file referenced by a file field).'],
  ['409', 'Conflict', 'CONFLICT: unique violation or an on_delete restrict.'],
  ['412', 'PreconditionFailed', 'PRECONDITION_FAILED: If-Match names another version of the record (it changed since that ETag was read).'],
  ['413', 'PayloadTooLarge', 'PAYLOAD_TOO_LARGE: body over the configured limit, or FILE_TOO_LARGE: upload over storage.max_file_size.'],
  ['422', 'ValidationFailed', 'VALIDATION_FAILED: payload, nested-write, rule or state-machine problems (details listed).'],
  ['500', 'InternalError', 'INTERNAL_ERROR, or WEBHOOK_FAILED when a synchronous webhook vetoed the write.'],
  ['501', 'NotConfigured', 'NOT_CONFIGURED: an optional feature (the AI schema generator) is not configured on this server.'],
  ['502', 'BadGateway', 'AI_REQUEST_FAILED: the AI provider could not be reached, answered an error, or gave no usable completion.'],
];

export const ERROR_RESPONSE_NAME: ReadonlyMap<string, string> = new Map(ERROR_RESPONSES.map(([s, n]) => [s, n]));

export function sharedResponses(): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  for (const [, name, description] of ERROR_RESPONSES) {
    out[name] = { description, content: { 'application/json': { schema: ref('schemas', 'Error') } } };
  }
  return out;
}
