/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`test/unit/openapi-generate.test.ts > TAP > snapshot > openapi document for author, comment, post, tag 1`] = `
Object {
  "components": Object {
    "headers": Object {
      "X-Request-ID": Object {
        "description": "The request's id, which its log lines carry as \`reqId\`: quote it when reporting a problem",
        "schema": Object {
          "type": "string",
        },
      },
    },
    "parameters": Object {
      "page": Object {
        "description": "Page number (1-based); an invalid value means 1.",
        "in": "query",
        "name": "page",
        "required": false,
        "schema": Object {
          "default": 1,
          "minimum": 1,
          "type": "integer",
        },
      },
      "per_page": Object {
        "description": "Page size; an invalid value means 25, values above 100 are clamped to 100.",
        "in": "query",
        "name": "per_page",
        "required": false,
        "schema": Object {
          "default": 25,
          "maximum": 100,
          "minimum": 1,
          "type": "integer",
        },
      },
      "total": Object {
        "description": "Whether meta.total is computed.",
        "in": "query",
        "name": "total",
        "required": false,
        "schema": Object {
          "default": true,
          "type": "boolean",
        },
      },
    },
    "responses": Object {
      "BadGateway": Object {
        "content": Object {
          "application/json": Object {
            "schema": Object {
              "$ref": "#/components/schemas/Error",
            },
          },
        },
        "description": "AI_REQUEST_FAILED: the AI provider could not be reached, answered an error, or gave no usable completion.",
        "headers": Object {
          "X-Request-ID": Object {
            "$ref": "#/components/headers/X-Request-ID",
          },
        },
      },
      "BadRequest": Object {
        "content": Object {
          "application/json": Object {
            "schema": Object {
              "$ref": "#/components/schemas/Error",
            },
          },
        },
        "description": "INVALID_PAYLOAD (malformed or non-object JSON, bad filter value or operator, include depth) or UNKNOWN_FIELD (filter, sort or include).",
        "headers": Object {
          "X-Request-ID": Object {
            "$ref": "#/components/headers/X-Request-ID",
          },
        },
      },
      "Conflict": Object {
        "content": Object {
          "application/json": Object {
            "schema": Object {
              "$ref": "#/components/schemas/Error",
            },
          },
        },
        "description": "CONFLICT: unique violation or an on_delete restrict.",
        "headers": Object {
          "X-Request-ID": Object {
            "$ref": "#/components/headers/X-Request-ID",
          },
        },
      },
      "Forbidden": Object {
        "content": Object {
          "application/json": Object {
            "schema": Object {
              "$ref": "#/components/schemas/Error",
            },
          },
        },
        "description": "FORBIDDEN: no permission for the action, an included entity or a state transition.",
        "headers": Object {
          "X-Request-ID": Object {
            "$ref": "#/components/headers/X-Request-ID",
          },
        },
      },
      "InternalError": Object {
        "content": Object {
          "application/json": Object {
            "schema": Object {
              "$ref": "#/components/schemas/Error",
            },
          },
        },
        "description": "INTERNAL_ERROR, or WEBHOOK_FAILED when a synchronous webhook vetoed the write.",
        "headers": Object {
          "X-Request-ID": Object {
            "$ref": "#/components/headers/X-Request-ID",
          },
        },
      },
      "NotConfigured": Object {
        "content": Object {
          "application/json": Object {
            "schema": Object {
              "$ref": "#/components/schemas/Error",
            },
          },
        },
        "description": "NOT_CONFIGURED: an optional feature (the AI schema generator) is not configured on this server.",
        "headers": Object {
          "X-Request-ID": Object {
            "$ref": "#/components/headers/X-Request-ID",
          },
        },
      },
      "NotFound": Object {
        "content": Object {
          "application/json": Object {
            "schema": Object {
              "$ref": "#/components/schemas/Error",
            },
          },
        },
        "description": "APP_NOT_FOUND, UNKNOWN_ENTITY, or NOT_FOUND (record, or a file referenced by a file field).",
        "headers": Object {
          "X-Request-ID": Object {
            "$ref": "#/components/headers/X-Request-ID",
          },
        },
      },
      "PayloadTooLarge": Object {
        "content": Object {
          "application/json": Object {
            "schema": Object {
              "$ref": "#/components/schemas/Error",
            },
          },
        },
        "description": "PAYLOAD_TOO_LARGE: body over the configured limit, or FILE_TOO_LARGE: upload over storage.max_file_size.",
        "headers": Object {
          "X-Request-ID": Object {
            "$ref": "#/components/headers/X-Request-ID",
          },
        },
      },
      "PreconditionFailed": Object {
        "content": Object {
          "application/json": Object {
            "schema": Object {
              "$ref": "#/components/schemas/Error",
            },
          },
        },
        "description": "PRECONDITION_FAILED: If-Match names another version of the record (it changed since that ETag was read).",
        "headers": Object {
          "X-Request-ID": Object {
            "$ref": "#/components/headers/X-Request-ID",
          },
        },
      },
      "Unauthorized": Object {
        "content": Object {
          "application/json": Object {
            "schema": Object {
              "$ref": "#/components/schemas/Error",
            },
          },
        },
        "description": "UNAUTHORIZED: missing or invalid bearer token.",
        "headers": Object {
          "X-Request-ID": Object {
            "$ref": "#/components/headers/X-Request-ID",
          },
        },
      },
      "ValidationFailed": Object {
        "content": Object {
          "application/json": Object {
            "schema": Object {
              "$ref": "#/components/schemas/Error",
            },
          },
        },
        "description": "VALIDATION_FAILED: payload, nested-write, rule or state-machine problems (details listed).",
        "headers": Object {
          "X-Request-ID": Object {
            "$ref": "#/components/headers/X-Request-ID",
          },
        },
      },
    },
    "schemas": Object {
      "AcceptedInvite": Object {
        "additionalProperties": false,
        "properties": Object {
          "access_token": Object {
            "description": "HS256 JWT, valid 15 minutes",
            "type": "string",
          },
          "refresh_token": Object {
            "description": "Opaque, valid 7 days, rotated on every use",
            "type": "string",
          },
          "user": Object {
            "additionalProperties": false,
            "properties": Object {
              "email": Object {
                "type": "string",
              },
              "id": Object {
                "format": "uuid",
                "type": "string",
              },
              "roles": Object {
                "items": Object {
                  "type": "string",
                },
                "type": "array",
              },
            },
            "required": Array [
              "id",
              "email",
              "roles",
            ],
            "type": "object",
          },
        },
        "required": Array [
          "access_token",
          "refresh_token",
          "user",
        ],
        "type": "object",
      },
      "AcceptInviteInput": Object {
        "properties": Object {
          "password": Object {
            "description": "At most 72 bytes (UTF-8)",
            "maxLength": 72,
            "minLength": 1,
            "type": "string",
          },
          "token": Object {
            "pattern": "\\\\S",
            "type": "string",
          },
        },
        "required": Array [
          "token",
          "password",
        ],
        "type": "object",
      },
      "AuditLogEntry": Object {
        "properties": Object {
          "action": Object {
            "enum": Array [
              "create",
              "update",
              "delete",
            ],
            "type": "string",
          },
          "changed_fields": Object {
            "description": "Fields whose value changed, in entity field order.",
            "items": Object {
              "type": "string",
            },
            "type": "array",
          },
          "changes": Object {
            "additionalProperties": Object {
              "properties": Object {
                "new": Object {},
                "old": Object {},
              },
              "required": Array [
                "old",
                "new",
              ],
              "type": "object",
            },
            "description": "Old and new value of each changed field (masked values as \\"***\\").",
            "type": "object",
          },
          "created_at": Object {
            "format": "date-time",
            "type": "string",
          },
          "entity": Object {
            "description": "Entity name, or _users, _invites, _permissions.",
            "type": "string",
          },
          "id": Object {
            "format": "uuid",
            "type": "string",
          },
          "ip_address": Object {
            "description": "Admins only; omitted for other callers.",
            "type": Array [
              "string",
              "null",
            ],
          },
          "new_data": Object {
            "description": "The record after the change; null for delete.",
            "type": Array [
              "object",
              "null",
            ],
          },
          "old_data": Object {
            "description": "The record before the change (masked, excluded fields left out); null for create.",
            "type": Array [
              "object",
              "null",
            ],
          },
          "record_id": Object {
            "description": "The primary key of the record, as text.",
            "type": "string",
          },
          "source": Object {
            "enum": Array [
              "api",
              "nested",
              "action",
              "workflow",
              "import",
              "bulk",
              "admin",
              "system",
            ],
            "type": "string",
          },
          "trace_id": Object {
            "format": "uuid",
            "type": Array [
              "string",
              "null",
            ],
          },
          "user_email": Object {
            "type": Array [
              "string",
              "null",
            ],
          },
          "user_id": Object {
            "format": "uuid",
            "type": Array [
              "string",
              "null",
            ],
          },
        },
        "required": Array [
          "id",
          "entity",
          "record_id",
          "action",
          "source",
          "old_data",
          "new_data",
          "changed_fields",
          "changes",
          "user_id",
          "user_email",
          "trace_id",
          "created_at",
        ],
        "type": "object",
      },
      "AuditLogPage": Object {
        "properties": Object {
          "data": Object {
            "items": Object {
              "$ref": "#/components/schemas/AuditLogEntry",
            },
            "type": "array",
          },
          "meta": Object {
            "$ref": "#/components/schemas/ListMeta",
          },
        },
        "required": Array [
          "data",
          "meta",
        ],
        "type": "object",
      },
      "Author": Object {
        "properties": Object {
          "avatar": Object {
            "additionalProperties": true,
            "properties": Object {
              "filename": Object {
                "type": "string",
              },
              "id": Object {
                "type": "string",
              },
              "mime_type": Object {
                "type": "string",
              },
              "size": Object {
                "type": "number",
              },
            },
            "type": Array [
              "object",
              "null",
            ],
          },
          "bio": Object {
            "type": Array [
              "string",
              "null",
            ],
          },
          "created_at": Object {
            "format": "date-time",
            "type": "string",
          },
          "email": Object {
            "type": "string",
          },
          "id": Object {
            "format": "uuid",
            "type": "string",
          },
          "name": Object {
            "type": "string",
          },
          "post": Object {
            "description": "Included with include=post (post_author).",
            "items": Object {
              "$ref": "#/components/schemas/Post",
            },
            "type": "array",
          },
          "post_author": Object {
            "description": "Included with include=post_author (post_author).",
            "items": Object {
              "$ref": "#/components/schemas/Post",
            },
            "type": "array",
          },
          "updated_at": Object {
            "format": "date-time",
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "name",
          "email",
          "bio",
          "avatar",
          "created_at",
          "updated_at",
        ],
        "type": "object",
      },
      "AuthorCreate": Object {
        "additionalProperties": false,
        "properties": Object {
          "avatar": Object {
            "anyOf": Array [
              Object {
                "format": "uuid",
                "type": "string",
              },
              Object {
                "properties": Object {
                  "id": Object {
                    "type": "string",
                  },
                },
                "required": Array [
                  "id",
                ],
                "type": "object",
              },
              Object {
                "type": "null",
              },
            ],
          },
          "bio": Object {
            "type": Array [
              "string",
              "null",
            ],
          },
          "email": Object {
            "minLength": 1,
            "type": "string",
          },
          "name": Object {
            "minLength": 1,
            "type": "string",
          },
          "post_author": Object {
            "$ref": "#/components/schemas/PostAuthorWrite",
            "description": "Nested write through post_author (one_to_many → post). Also accepted under post.",
          },
        },
        "required": Array [
          "name",
          "email",
        ],
        "type": "object",
      },
      "AuthorUpdate": Object {
        "additionalProperties": false,
        "properties": Object {
          "avatar": Object {
            "anyOf": Array [
              Object {
                "format": "uuid",
                "type": "string",
              },
              Object {
                "properties": Object {
                  "id": Object {
                    "type": "string",
                  },
                },
                "required": Array [
                  "id",
                ],
                "type": "object",
              },
              Object {
                "type": "null",
              },
            ],
          },
          "bio": Object {
            "type": Array [
              "string",
              "null",
            ],
          },
          "email": Object {
            "minLength": 1,
            "type": "string",
          },
          "name": Object {
            "minLength": 1,
            "type": "string",
          },
          "post_author": Object {
            "$ref": "#/components/schemas/PostAuthorWrite",
            "description": "Nested write through post_author (one_to_many → post). Also accepted under post.",
          },
        },
        "type": "object",
      },
      "Comment": Object {
        "properties": Object {
          "author_email": Object {
            "type": "string",
          },
          "author_name": Object {
            "type": "string",
          },
          "body": Object {
            "type": "string",
          },
          "created_at": Object {
            "format": "date-time",
            "type": "string",
          },
          "deleted_at": Object {
            "format": "date-time",
            "type": Array [
              "string",
              "null",
            ],
          },
          "id": Object {
            "format": "uuid",
            "type": "string",
          },
          "post": Object {
            "anyOf": Array [
              Object {
                "$ref": "#/components/schemas/Post",
              },
              Object {
                "type": "null",
              },
            ],
            "description": "Included with include=post (post_comments).",
          },
          "post_comments": Object {
            "anyOf": Array [
              Object {
                "$ref": "#/components/schemas/Post",
              },
              Object {
                "type": "null",
              },
            ],
            "description": "Included with include=post_comments (post_comments).",
          },
          "post_id": Object {
            "format": "uuid",
            "type": "string",
          },
          "status": Object {
            "enum": Array [
              "pending",
              "approved",
              "spam",
              null,
            ],
            "type": Array [
              "string",
              "null",
            ],
          },
        },
        "required": Array [
          "id",
          "post_id",
          "author_name",
          "author_email",
          "body",
          "status",
          "created_at",
          "deleted_at",
        ],
        "type": "object",
      },
      "CommentCreate": Object {
        "additionalProperties": false,
        "properties": Object {
          "author_email": Object {
            "minLength": 1,
            "type": "string",
          },
          "author_name": Object {
            "minLength": 1,
            "type": "string",
          },
          "body": Object {
            "minLength": 1,
            "type": "string",
          },
          "deleted_at": Object {
            "anyOf": Array [
              Object {
                "format": "date-time",
                "type": "string",
              },
              Object {
                "format": "date",
                "type": "string",
              },
              Object {
                "type": "null",
              },
            ],
          },
          "post_id": Object {
            "format": "uuid",
            "minLength": 1,
            "type": "string",
          },
          "status": Object {
            "enum": Array [
              "pending",
              "approved",
              "spam",
              null,
            ],
            "type": Array [
              "string",
              "null",
            ],
          },
        },
        "required": Array [
          "post_id",
          "author_name",
          "author_email",
          "body",
        ],
        "type": "object",
      },
      "CommentUpdate": Object {
        "additionalProperties": false,
        "properties": Object {
          "author_email": Object {
            "minLength": 1,
            "type": "string",
          },
          "author_name": Object {
            "minLength": 1,
            "type": "string",
          },
          "body": Object {
            "minLength": 1,
            "type": "string",
          },
          "deleted_at": Object {
            "anyOf": Array [
              Object {
                "format": "date-time",
                "type": "string",
              },
              Object {
                "format": "date",
                "type": "string",
              },
              Object {
                "type": "null",
              },
            ],
          },
          "post_id": Object {
            "format": "uuid",
            "minLength": 1,
            "type": "string",
          },
          "status": Object {
            "enum": Array [
              "pending",
              "approved",
              "spam",
              null,
            ],
            "type": Array [
              "string",
              "null",
            ],
          },
        },
        "type": "object",
      },
      "EntityDefinition": Object {
        "additionalProperties": true,
        "description": "An entity definition (metadata.md): name, table, primary_key, fields, and optionally soft_delete, slug, audit …",
        "properties": Object {
          "fields": Object {
            "items": Object {
              "additionalProperties": true,
              "properties": Object {
                "name": Object {
                  "type": "string",
                },
                "required": Object {
                  "type": "boolean",
                },
                "type": Object {
                  "enum": Array [
                    "string",
                    "text",
                    "int",
                    "bigint",
                    "float",
                    "decimal",
                    "boolean",
                    "uuid",
                    "timestamp",
                    "date",
                    "json",
                    "file",
                  ],
                  "type": "string",
                },
                "unique": Object {
                  "type": "boolean",
                },
              },
              "required": Array [
                "name",
                "type",
              ],
              "type": "object",
            },
            "type": "array",
          },
          "name": Object {
            "type": "string",
          },
          "primary_key": Object {
            "properties": Object {
              "field": Object {
                "type": "string",
              },
              "generated": Object {
                "type": "boolean",
              },
              "type": Object {
                "enum": Array [
                  "uuid",
                  "int",
                  "bigint",
                  "string",
                ],
                "type": "string",
              },
            },
            "required": Array [
              "field",
              "type",
            ],
            "type": "object",
          },
          "soft_delete": Object {
            "type": "boolean",
          },
          "table": Object {
            "type": "string",
          },
        },
        "required": Array [
          "name",
          "table",
          "primary_key",
          "fields",
        ],
        "type": "object",
      },
      "Error": Object {
        "description": "Error envelope (rest-api.md §12.1).",
        "properties": Object {
          "error": Object {
            "properties": Object {
              "code": Object {
                "description": "Machine-readable error code (core/errors.ts), e.g. VALIDATION_FAILED.",
                "enum": Array [
                  "INVALID_PAYLOAD",
                  "UNKNOWN_FIELD",
                  "UNAUTHORIZED",
                  "FORBIDDEN",
                  "APP_NOT_FOUND",
                  "NOT_FOUND",
                  "UNKNOWN_ENTITY",
                  "CONFLICT",
                  "PRECONDITION_FAILED",
                  "FILE_TOO_LARGE",
                  "PAYLOAD_TOO_LARGE",
                  "VALIDATION_FAILED",
                  "INVALID_STATE",
                  "RATE_LIMITED",
                  "INTERNAL_ERROR",
                  "WEBHOOK_FAILED",
                  "NOT_CONFIGURED",
                  "AI_REQUEST_FAILED",
                ],
                "type": "string",
              },
              "details": Object {
                "description": "Present only when non-empty.",
                "items": Object {
                  "properties": Object {
                    "field": Object {
                      "description": "Field or nested path, e.g. chapters[1].heading.",
                      "type": "string",
                    },
                    "message": Object {
                      "type": "string",
                    },
                    "rule": Object {
                      "description": "e.g. unknown, type, required, enum, unique.",
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "message",
                  ],
                  "type": "object",
                },
                "type": "array",
              },
              "message": Object {
                "type": "string",
              },
            },
            "required": Array [
              "code",
              "message",
            ],
            "type": "object",
          },
        },
        "required": Array [
          "error",
        ],
        "type": "object",
      },
      "Event": Object {
        "properties": Object {
          "action": Object {
            "description": "Dotted name, e.g. record.create, webhook.dispatch.",
            "type": "string",
          },
          "component": Object {
            "type": "string",
          },
          "created_at": Object {
            "description": "The span's start (business events: the time of posting).",
            "format": "date-time",
            "type": "string",
          },
          "duration_ms": Object {
            "description": "Rounded to 2 decimals; null for business events.",
            "type": Array [
              "number",
              "null",
            ],
          },
          "entity": Object {
            "type": Array [
              "string",
              "null",
            ],
          },
          "event_type": Object {
            "enum": Array [
              "system",
              "business",
            ],
            "type": "string",
          },
          "id": Object {
            "format": "uuid",
            "type": "string",
          },
          "metadata": Object {
            "type": Array [
              "object",
              "null",
            ],
          },
          "parent_span_id": Object {
            "description": "The enclosing span; null for a root span.",
            "format": "uuid",
            "type": Array [
              "string",
              "null",
            ],
          },
          "record_id": Object {
            "type": Array [
              "string",
              "null",
            ],
          },
          "source": Object {
            "description": "http, auth, engine, webhook, workflow, storage, db; app for business events.",
            "type": "string",
          },
          "span_id": Object {
            "format": "uuid",
            "type": "string",
          },
          "status": Object {
            "enum": Array [
              "ok",
              "error",
              "timeout",
              "skipped",
              null,
            ],
            "type": Array [
              "string",
              "null",
            ],
          },
          "trace_id": Object {
            "description": "Groups every event of one request or scheduler work item.",
            "format": "uuid",
            "type": "string",
          },
          "user_id": Object {
            "format": "uuid",
            "type": Array [
              "string",
              "null",
            ],
          },
        },
        "required": Array [
          "id",
          "trace_id",
          "span_id",
          "parent_span_id",
          "event_type",
          "source",
          "component",
          "action",
          "entity",
          "record_id",
          "user_id",
          "duration_ms",
          "status",
          "metadata",
          "created_at",
        ],
        "type": "object",
      },
      "EventPage": Object {
        "properties": Object {
          "data": Object {
            "items": Object {
              "$ref": "#/components/schemas/Event",
            },
            "type": "array",
          },
          "pagination": Object {
            "properties": Object {
              "page": Object {
                "type": "integer",
              },
              "per_page": Object {
                "type": "integer",
              },
              "total": Object {
                "type": "integer",
              },
            },
            "required": Array [
              "page",
              "per_page",
              "total",
            ],
            "type": "object",
          },
        },
        "required": Array [
          "data",
          "pagination",
        ],
        "type": "object",
      },
      "EventStats": Object {
        "properties": Object {
          "avg_latency_ms": Object {
            "type": Array [
              "number",
              "null",
            ],
          },
          "by_source": Object {
            "description": "Per source, over the events with a duration, most first.",
            "items": Object {
              "properties": Object {
                "avg_duration_ms": Object {
                  "type": Array [
                    "number",
                    "null",
                  ],
                },
                "count": Object {
                  "type": "integer",
                },
                "error_count": Object {
                  "type": "integer",
                },
                "p95_duration_ms": Object {
                  "type": Array [
                    "number",
                    "null",
                  ],
                },
                "source": Object {
                  "type": "string",
                },
              },
              "required": Array [
                "source",
                "count",
                "avg_duration_ms",
                "p95_duration_ms",
                "error_count",
              ],
              "type": "object",
            },
            "type": "array",
          },
          "error_rate": Object {
            "description": "Events with status error / total_events; 0 without events.",
            "type": "number",
          },
          "p95_latency_ms": Object {
            "description": "95th percentile, linear interpolation.",
            "type": Array [
              "number",
              "null",
            ],
          },
          "total_events": Object {
            "type": "integer",
          },
        },
        "required": Array [
          "total_events",
          "avg_latency_ms",
          "p95_latency_ms",
          "error_rate",
          "by_source",
        ],
        "type": "object",
      },
      "FileListItem": Object {
        "properties": Object {
          "created_at": Object {
            "format": "date-time",
            "type": "string",
          },
          "filename": Object {
            "description": "The client's file name, sanitised: its last path component, no control characters, at most 255 bytes.",
            "type": "string",
          },
          "id": Object {
            "format": "uuid",
            "type": "string",
          },
          "mime_type": Object {
            "description": "The Content-Type declared for the part, or application/octet-stream; not sniffed.",
            "type": "string",
          },
          "size": Object {
            "description": "Bytes.",
            "minimum": 0,
            "type": "integer",
          },
          "uploaded_by": Object {
            "description": "The uploading user (app or platform).",
            "format": "uuid",
            "type": Array [
              "string",
              "null",
            ],
          },
        },
        "required": Array [
          "id",
          "filename",
          "mime_type",
          "size",
          "uploaded_by",
          "created_at",
        ],
        "type": "object",
      },
      "ImportPlan": Object {
        "properties": Object {
          "dry_run": Object {
            "const": true,
          },
          "errors": Object {
            "items": Object {
              "type": "string",
            },
            "type": "array",
          },
          "message": Object {
            "type": "string",
          },
          "plan": Object {
            "properties": Object {
              "entities": Object {
                "$ref": "#/components/schemas/ImportPlanSection",
              },
              "permissions": Object {
                "$ref": "#/components/schemas/ImportPlanSection",
              },
              "relations": Object {
                "$ref": "#/components/schemas/ImportPlanSection",
              },
              "rules": Object {
                "$ref": "#/components/schemas/ImportPlanSection",
              },
              "sample_data": Object {
                "items": Object {
                  "properties": Object {
                    "errors": Object {
                      "items": Object {
                        "type": "string",
                      },
                      "type": "array",
                    },
                    "insert": Object {
                      "type": "integer",
                    },
                    "key": Object {
                      "type": "string",
                    },
                    "rows": Object {
                      "type": "integer",
                    },
                    "skip": Object {
                      "description": "Rows already present (key, unique value, pair, email).",
                      "type": "integer",
                    },
                    "target": Object {
                      "description": "The entity, join table or _users; null for an unknown key.",
                      "type": Array [
                        "string",
                        "null",
                      ],
                    },
                  },
                  "required": Array [
                    "key",
                    "target",
                    "rows",
                    "insert",
                    "skip",
                    "errors",
                  ],
                  "type": "object",
                },
                "type": "array",
              },
              "state_machines": Object {
                "$ref": "#/components/schemas/ImportPlanSection",
              },
              "ui_configs": Object {
                "$ref": "#/components/schemas/ImportPlanSection",
              },
              "webhooks": Object {
                "$ref": "#/components/schemas/ImportPlanSection",
              },
              "workflows": Object {
                "$ref": "#/components/schemas/ImportPlanSection",
              },
            },
            "required": Array [
              "entities",
              "relations",
              "rules",
              "state_machines",
              "workflows",
              "permissions",
              "webhooks",
              "ui_configs",
              "sample_data",
            ],
            "type": "object",
          },
          "summary": Object {
            "$ref": "#/components/schemas/ImportSummary",
          },
        },
        "required": Array [
          "message",
          "dry_run",
          "summary",
          "plan",
        ],
        "type": "object",
      },
      "ImportPlanSection": Object {
        "properties": Object {
          "create": Object {
            "description": "Items that would be created, e.g. \\"entity book\\".",
            "items": Object {
              "type": "string",
            },
            "type": "array",
          },
          "fail": Object {
            "items": Object {
              "properties": Object {
                "error": Object {
                  "type": "string",
                },
                "item": Object {
                  "type": "string",
                },
              },
              "required": Array [
                "item",
                "error",
              ],
              "type": "object",
            },
            "type": "array",
          },
          "replace": Object {
            "description": "UI configs whose (entity, scope) exists: their config would be replaced.",
            "items": Object {
              "properties": Object {
                "differences": Object {
                  "description": "[] when the present item equals the document's.",
                  "items": Object {
                    "description": "One differing value; a side without the property (absent there) has no key.",
                    "properties": Object {
                      "existing": Object {},
                      "imported": Object {},
                      "path": Object {
                        "examples": Array [
                          "fields[title].required",
                          "priority",
                        ],
                        "type": "string",
                      },
                    },
                    "required": Array [
                      "path",
                    ],
                    "type": "object",
                  },
                  "type": "array",
                },
                "item": Object {
                  "type": "string",
                },
                "truncated": Object {
                  "const": true,
                },
              },
              "required": Array [
                "item",
                "differences",
              ],
              "type": "object",
            },
            "type": "array",
          },
          "skip": Object {
            "description": "Items skipped because their key exists, with what differs from the present item.",
            "items": Object {
              "properties": Object {
                "differences": Object {
                  "description": "[] when the present item equals the document's.",
                  "items": Object {
                    "description": "One differing value; a side without the property (absent there) has no key.",
                    "properties": Object {
                      "existing": Object {},
                      "imported": Object {},
                      "path": Object {
                        "examples": Array [
                          "fields[title].required",
                          "priority",
                        ],
                        "type": "string",
                      },
                    },
                    "required": Array [
                      "path",
                    ],
                    "type": "object",
                  },
                  "type": "array",
                },
                "item": Object {
                  "type": "string",
                },
                "truncated": Object {
                  "const": true,
                },
              },
              "required": Array [
                "item",
                "differences",
              ],
              "type": "object",
            },
            "type": "array",
          },
        },
        "required": Array [
          "create",
          "replace",
          "skip",
          "fail",
        ],
        "type": "object",
      },
      "ImportResult": Object {
        "properties": Object {
          "errors": Object {
            "description": "Present only when not empty.",
            "items": Object {
              "type": "string",
            },
            "type": "array",
          },
          "message": Object {
            "const": "Import completed",
          },
          "summary": Object {
            "$ref": "#/components/schemas/ImportSummary",
          },
        },
        "required": Array [
          "message",
          "summary",
        ],
        "type": "object",
      },
      "ImportSummary": Object {
        "description": "Items newly inserted per section (ui_configs: upserted), and sample rows actually inserted (records).",
        "properties": Object {
          "entities": Object {
            "minimum": 0,
            "type": "integer",
          },
          "permissions": Object {
            "minimum": 0,
            "type": "integer",
          },
          "records": Object {
            "minimum": 0,
            "type": "integer",
          },
          "relations": Object {
            "minimum": 0,
            "type": "integer",
          },
          "rules": Object {
            "minimum": 0,
            "type": "integer",
          },
          "state_machines": Object {
            "minimum": 0,
            "type": "integer",
          },
          "ui_configs": Object {
            "minimum": 0,
            "type": "integer",
          },
          "webhooks": Object {
            "minimum": 0,
            "type": "integer",
          },
          "workflows": Object {
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "entities",
          "relations",
          "rules",
          "state_machines",
          "workflows",
          "permissions",
          "webhooks",
          "ui_configs",
          "records",
        ],
        "type": "object",
      },
      "Invite": Object {
        "additionalProperties": false,
        "properties": Object {
          "accepted_at": Object {
            "format": "date-time",
            "type": Array [
              "string",
              "null",
            ],
          },
          "created_at": Object {
            "format": "date-time",
            "type": "string",
          },
          "email": Object {
            "type": "string",
          },
          "expires_at": Object {
            "format": "date-time",
            "type": "string",
          },
          "id": Object {
            "format": "uuid",
            "type": "string",
          },
          "invited_by": Object {
            "type": Array [
              "string",
              "null",
            ],
          },
          "roles": Object {
            "items": Object {
              "type": "string",
            },
            "type": "array",
          },
          "status": Object {
            "enum": Array [
              "pending",
              "accepted",
              "expired",
            ],
            "type": "string",
          },
          "token": Object {
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "email",
          "roles",
          "token",
          "expires_at",
          "accepted_at",
          "invited_by",
          "created_at",
          "status",
        ],
        "type": "object",
      },
      "InviteBulkInput": Object {
        "properties": Object {
          "emails": Object {
            "items": Object {
              "pattern": "\\\\S",
              "type": "string",
            },
            "minItems": 1,
            "type": "array",
          },
          "roles": Object {
            "items": Object {
              "type": "string",
            },
            "type": "array",
          },
        },
        "required": Array [
          "emails",
        ],
        "type": "object",
      },
      "InviteBulkResult": Object {
        "additionalProperties": false,
        "properties": Object {
          "created": Object {
            "items": Object {
              "additionalProperties": false,
              "properties": Object {
                "email": Object {
                  "type": "string",
                },
                "expires_at": Object {
                  "format": "date-time",
                  "type": "string",
                },
                "id": Object {
                  "format": "uuid",
                  "type": "string",
                },
                "token": Object {
                  "type": "string",
                },
              },
              "required": Array [
                "id",
                "email",
                "token",
                "expires_at",
              ],
              "type": "object",
            },
            "type": "array",
          },
          "skipped": Object {
            "items": Object {
              "additionalProperties": false,
              "properties": Object {
                "email": Object {
                  "type": "string",
                },
                "reason": Object {
                  "type": "string",
                },
              },
              "required": Array [
                "email",
                "reason",
              ],
              "type": "object",
            },
            "type": "array",
          },
          "summary": Object {
            "additionalProperties": false,
            "properties": Object {
              "created": Object {
                "type": "integer",
              },
              "skipped": Object {
                "type": "integer",
              },
              "total": Object {
                "type": "integer",
              },
            },
            "required": Array [
              "total",
              "created",
              "skipped",
            ],
            "type": "object",
          },
        },
        "required": Array [
          "created",
          "skipped",
          "summary",
        ],
        "type": "object",
      },
      "InviteInput": Object {
        "properties": Object {
          "email": Object {
            "pattern": "^\\\\s*[^\\\\s@]+@[^\\\\s@]+\\\\s*$",
            "type": "string",
          },
          "roles": Object {
            "items": Object {
              "type": "string",
            },
            "type": "array",
          },
        },
        "required": Array [
          "email",
        ],
        "type": "object",
      },
      "ListMeta": Object {
        "properties": Object {
          "page": Object {
            "description": "Effective page.",
            "minimum": 1,
            "type": "integer",
          },
          "per_page": Object {
            "description": "Effective page size.",
            "maximum": 100,
            "minimum": 1,
            "type": "integer",
          },
          "total": Object {
            "description": "Rows matching all filters and row-level conditions; absent when the request sent total=false.",
            "minimum": 0,
            "type": "integer",
          },
        },
        "required": Array [
          "page",
          "per_page",
        ],
        "type": "object",
      },
      "LoginInput": Object {
        "properties": Object {
          "email": Object {
            "minLength": 1,
            "type": "string",
          },
          "password": Object {
            "minLength": 1,
            "type": "string",
          },
        },
        "required": Array [
          "email",
          "password",
        ],
        "type": "object",
      },
      "Permission": Object {
        "additionalProperties": false,
        "properties": Object {
          "action": Object {
            "enum": Array [
              "read",
              "create",
              "update",
              "delete",
            ],
            "type": "string",
          },
          "conditions": Object {
            "items": Object {
              "additionalProperties": false,
              "properties": Object {
                "field": Object {
                  "type": "string",
                },
                "operator": Object {
                  "enum": Array [
                    "eq",
                    "neq",
                    "gt",
                    "gte",
                    "lt",
                    "lte",
                    "in",
                    "not_in",
                  ],
                  "type": "string",
                },
                "value": Object {},
              },
              "required": Array [
                "field",
                "operator",
              ],
              "type": "object",
            },
            "type": "array",
          },
          "created_at": Object {
            "format": "date-time",
            "type": "string",
          },
          "entity": Object {
            "minLength": 1,
            "type": "string",
          },
          "id": Object {
            "format": "uuid",
            "type": "string",
          },
          "roles": Object {
            "items": Object {
              "type": "string",
            },
            "type": "array",
          },
          "updated_at": Object {
            "format": "date-time",
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "entity",
          "action",
          "roles",
          "conditions",
          "created_at",
          "updated_at",
        ],
        "type": "object",
      },
      "PermissionInput": Object {
        "additionalProperties": false,
        "properties": Object {
          "action": Object {
            "enum": Array [
              "read",
              "create",
              "update",
              "delete",
            ],
            "type": "string",
          },
          "conditions": Object {
            "items": Object {
              "additionalProperties": false,
              "properties": Object {
                "field": Object {
                  "type": "string",
                },
                "operator": Object {
                  "enum": Array [
                    "eq",
                    "neq",
                    "gt",
                    "gte",
                    "lt",
                    "lte",
                    "in",
                    "not_in",
                  ],
                  "type": "string",
                },
                "value": Object {},
              },
              "required": Array [
                "field",
                "operator",
              ],
              "type": "object",
            },
            "type": "array",
          },
          "entity": Object {
            "minLength": 1,
            "type": "string",
          },
          "roles": Object {
            "items": Object {
              "type": "string",
            },
            "type": "array",
          },
        },
        "required": Array [
          "entity",
          "action",
        ],
        "type": "object",
      },
      "Post": Object {
        "properties": Object {
          "author": Object {
            "anyOf": Array [
              Object {
                "$ref": "#/components/schemas/Author",
              },
              Object {
                "type": "null",
              },
            ],
            "description": "Included with include=author (post_author).",
          },
          "author_id": Object {
            "format": "uuid",
            "type": "string",
          },
          "body": Object {
            "type": "string",
          },
          "category_id": Object {
            "format": "uuid",
            "type": Array [
              "string",
              "null",
            ],
          },
          "comment": Object {
            "description": "Included with include=comment (post_comments).",
            "items": Object {
              "$ref": "#/components/schemas/Comment",
            },
            "type": "array",
          },
          "comments": Object {
            "description": "Included with include=comments (post_comments).",
            "items": Object {
              "$ref": "#/components/schemas/Comment",
            },
            "type": "array",
          },
          "created_at": Object {
            "format": "date-time",
            "type": "string",
          },
          "deleted_at": Object {
            "format": "date-time",
            "type": Array [
              "string",
              "null",
            ],
          },
          "excerpt": Object {
            "type": Array [
              "string",
              "null",
            ],
          },
          "featured_image": Object {
            "additionalProperties": true,
            "properties": Object {
              "filename": Object {
                "type": "string",
              },
              "id": Object {
                "type": "string",
              },
              "mime_type": Object {
                "type": "string",
              },
              "size": Object {
                "type": "number",
              },
            },
            "type": Array [
              "object",
              "null",
            ],
          },
          "id": Object {
            "format": "uuid",
            "type": "string",
          },
          "post_author": Object {
            "anyOf": Array [
              Object {
                "$ref": "#/components/schemas/Author",
              },
              Object {
                "type": "null",
              },
            ],
            "description": "Included with include=post_author (post_author).",
          },
          "post_comments": Object {
            "description": "Included with include=post_comments (post_comments).",
            "items": Object {
              "$ref": "#/components/schemas/Comment",
            },
            "type": "array",
          },
          "post_tags": Object {
            "description": "Included with include=post_tags (post_tags).",
            "items": Object {
              "$ref": "#/components/schemas/Tag",
            },
            "type": "array",
          },
          "published_at": Object {
            "format": "date-time",
            "type": Array [
              "string",
              "null",
            ],
          },
          "slug": Object {
            "type": "string",
          },
          "status": Object {
            "type": Array [
              "string",
              "null",
            ],
          },
          "tag": Object {
            "description": "Included with include=tag (post_tags).",
            "items": Object {
              "$ref": "#/components/schemas/Tag",
            },
            "type": "array",
          },
          "tags": Object {
            "description": "Included with include=tags (post_tags).",
            "items": Object {
              "$ref": "#/components/schemas/Tag",
            },
            "type": "array",
          },
          "title": Object {
            "type": "string",
          },
          "updated_at": Object {
            "format": "date-time",
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "title",
          "slug",
          "excerpt",
          "body",
          "status",
          "featured_image",
          "author_id",
          "category_id",
          "published_at",
          "created_at",
          "updated_at",
          "deleted_at",
        ],
        "type": "object",
      },
      "PostAuthorWrite": Object {
        "additionalProperties": false,
        "description": "Nested write of post_author (one_to_many author → post).",
        "properties": Object {
          "_write_mode": Object {
            "description": "Defaults to diff (the relation's write_mode, else diff).",
            "enum": Array [
              "diff",
              "replace",
              "append",
            ],
            "type": "string",
          },
          "data": Object {
            "items": Object {
              "anyOf": Array [
                Object {
                  "additionalProperties": false,
                  "description": "A new post row.",
                  "properties": Object {
                    "_delete": Object {
                      "description": "true: delete (or, many_to_many, unlink) the row named by its key.",
                      "type": "boolean",
                    },
                    "author_id": Object {
                      "description": "Ignored: set to the parent's key.",
                      "format": "uuid",
                      "minLength": 1,
                      "type": "string",
                    },
                    "body": Object {
                      "minLength": 1,
                      "type": "string",
                    },
                    "category_id": Object {
                      "format": "uuid",
                      "type": Array [
                        "string",
                        "null",
                      ],
                    },
                    "deleted_at": Object {
                      "anyOf": Array [
                        Object {
                          "format": "date-time",
                          "type": "string",
                        },
                        Object {
                          "format": "date",
                          "type": "string",
                        },
                        Object {
                          "type": "null",
                        },
                      ],
                    },
                    "excerpt": Object {
                      "type": Array [
                        "string",
                        "null",
                      ],
                    },
                    "featured_image": Object {
                      "anyOf": Array [
                        Object {
                          "format": "uuid",
                          "type": "string",
                        },
                        Object {
                          "properties": Object {
                            "id": Object {
                              "type": "string",
                            },
                          },
                          "required": Array [
                            "id",
                          ],
                          "type": "object",
                        },
                        Object {
                          "type": "null",
                        },
                      ],
                    },
                    "post_comments": Object {
                      "$ref": "#/components/schemas/PostCommentsWrite",
                      "description": "Nested write through post_comments (one_to_many → comment). Also accepted under comment, comments.",
                    },
                    "post_tags": Object {
                      "$ref": "#/components/schemas/PostTagsWrite",
                      "description": "Nested write through post_tags (many_to_many → tag). Also accepted under tag, tags.",
                    },
                    "published_at": Object {
                      "anyOf": Array [
                        Object {
                          "format": "date-time",
                          "type": "string",
                        },
                        Object {
                          "format": "date",
                          "type": "string",
                        },
                        Object {
                          "type": "null",
                        },
                      ],
                    },
                    "slug": Object {
                      "minLength": 1,
                      "type": "string",
                    },
                    "status": Object {
                      "type": Array [
                        "string",
                        "null",
                      ],
                    },
                    "title": Object {
                      "minLength": 1,
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "title",
                    "body",
                  ],
                  "title": "PostNestedCreate",
                  "type": "object",
                },
                Object {
                  "additionalProperties": false,
                  "description": "A post row by id: updated (created if absent, write-pipeline.md §5.3), or deleted with _delete.",
                  "properties": Object {
                    "_delete": Object {
                      "description": "true: delete (or, many_to_many, unlink) the row named by its key.",
                      "type": "boolean",
                    },
                    "author_id": Object {
                      "description": "Ignored: set to the parent's key.",
                      "format": "uuid",
                      "minLength": 1,
                      "type": "string",
                    },
                    "body": Object {
                      "minLength": 1,
                      "type": "string",
                    },
                    "category_id": Object {
                      "format": "uuid",
                      "type": Array [
                        "string",
                        "null",
                      ],
                    },
                    "deleted_at": Object {
                      "anyOf": Array [
                        Object {
                          "format": "date-time",
                          "type": "string",
                        },
                        Object {
                          "format": "date",
                          "type": "string",
                        },
                        Object {
                          "type": "null",
                        },
                      ],
                    },
                    "excerpt": Object {
                      "type": Array [
                        "string",
                        "null",
                      ],
                    },
                    "featured_image": Object {
                      "anyOf": Array [
                        Object {
                          "format": "uuid",
                          "type": "string",
                        },
                        Object {
                          "properties": Object {
                            "id": Object {
                              "type": "string",
                            },
                          },
                          "required": Array [
                            "id",
                          ],
                          "type": "object",
                        },
                        Object {
                          "type": "null",
                        },
                      ],
                    },
                    "id": Object {
                      "format": "uuid",
                      "type": "string",
                    },
                    "post_comments": Object {
                      "$ref": "#/components/schemas/PostCommentsWrite",
                      "description": "Nested write through post_comments (one_to_many → comment). Also accepted under comment, comments.",
                    },
                    "post_tags": Object {
                      "$ref": "#/components/schemas/PostTagsWrite",
                      "description": "Nested write through post_tags (many_to_many → tag). Also accepted under tag, tags.",
                    },
                    "published_at": Object {
                      "anyOf": Array [
                        Object {
                          "format": "date-time",
                          "type": "string",
                        },
                        Object {
                          "format": "date",
                          "type": "string",
                        },
                        Object {
                          "type": "null",
                        },
                      ],
                    },
                    "slug": Object {
                      "minLength": 1,
                      "type": "string",
                    },
                    "status": Object {
                      "type": Array [
                        "string",
                        "null",
                      ],
                    },
                    "title": Object {
                      "minLength": 1,
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "id",
                  ],
                  "title": "PostNestedUpdate",
                  "type": "object",
                },
              ],
            },
            "type": "array",
          },
        },
        "required": Array [
          "data",
        ],
        "type": "object",
      },
      "PostCommentsWrite": Object {
        "additionalProperties": false,
        "description": "Nested write of post_comments (one_to_many post → comment).",
        "properties": Object {
          "_write_mode": Object {
            "description": "Defaults to diff (the relation's write_mode, else diff).",
            "enum": Array [
              "diff",
              "replace",
              "append",
            ],
            "type": "string",
          },
          "data": Object {
            "items": Object {
              "anyOf": Array [
                Object {
                  "additionalProperties": false,
                  "description": "A new comment row.",
                  "properties": Object {
                    "_delete": Object {
                      "description": "true: delete (or, many_to_many, unlink) the row named by its key.",
                      "type": "boolean",
                    },
                    "author_email": Object {
                      "minLength": 1,
                      "type": "string",
                    },
                    "author_name": Object {
                      "minLength": 1,
                      "type": "string",
                    },
                    "body": Object {
                      "minLength": 1,
                      "type": "string",
                    },
                    "deleted_at": Object {
                      "anyOf": Array [
                        Object {
                          "format": "date-time",
                          "type": "string",
                        },
                        Object {
                          "format": "date",
                          "type": "string",
                        },
                        Object {
                          "type": "null",
                        },
                      ],
                    },
                    "post_id": Object {
                      "description": "Ignored: set to the parent's key.",
                      "format": "uuid",
                      "minLength": 1,
                      "type": "string",
                    },
                    "status": Object {
                      "enum": Array [
                        "pending",
                        "approved",
                        "spam",
                        null,
                      ],
                      "type": Array [
                        "string",
                        "null",
                      ],
                    },
                  },
                  "required": Array [
                    "author_name",
                    "author_email",
                    "body",
                  ],
                  "title": "CommentNestedCreate",
                  "type": "object",
                },
                Object {
                  "additionalProperties": false,
                  "description": "A comment row by id: updated (created if absent, write-pipeline.md §5.3), or deleted with _delete.",
                  "properties": Object {
                    "_delete": Object {
                      "description": "true: delete (or, many_to_many, unlink) the row named by its key.",
                      "type": "boolean",
                    },
                    "author_email": Object {
                      "minLength": 1,
                      "type": "string",
                    },
                    "author_name": Object {
                      "minLength": 1,
                      "type": "string",
                    },
                    "body": Object {
                      "minLength": 1,
                      "type": "string",
                    },
                    "deleted_at": Object {
                      "anyOf": Array [
                        Object {
                          "format": "date-time",
                          "type": "string",
                        },
                        Object {
                          "format": "date",
                          "type": "string",
                        },
                        Object {
                          "type": "null",
                        },
                      ],
                    },
                    "id": Object {
                      "format": "uuid",
                      "type": "string",
                    },
                    "post_id": Object {
                      "description": "Ignored: set to the parent's key.",
                      "format": "uuid",
                      "minLength": 1,
                      "type": "string",
                    },
                    "status": Object {
                      "enum": Array [
                        "pending",
                        "approved",
                        "spam",
                        null,
                      ],
                      "type": Array [
                        "string",
                        "null",
                      ],
                    },
                  },
                  "required": Array [
                    "id",
                  ],
                  "title": "CommentNestedUpdate",
                  "type": "object",
                },
              ],
            },
            "type": "array",
          },
        },
        "required": Array [
          "data",
        ],
        "type": "object",
      },
      "PostCreate": Object {
        "additionalProperties": false,
        "properties": Object {
          "author_id": Object {
            "format": "uuid",
            "minLength": 1,
            "type": "string",
          },
          "body": Object {
            "minLength": 1,
            "type": "string",
          },
          "category_id": Object {
            "format": "uuid",
            "type": Array [
              "string",
              "null",
            ],
          },
          "deleted_at": Object {
            "anyOf": Array [
              Object {
                "format": "date-time",
                "type": "string",
              },
              Object {
                "format": "date",
                "type": "string",
              },
              Object {
                "type": "null",
              },
            ],
          },
          "excerpt": Object {
            "type": Array [
              "string",
              "null",
            ],
          },
          "featured_image": Object {
            "anyOf": Array [
              Object {
                "format": "uuid",
                "type": "string",
              },
              Object {
                "properties": Object {
                  "id": Object {
                    "type": "string",
                  },
                },
                "required": Array [
                  "id",
                ],
                "type": "object",
              },
              Object {
                "type": "null",
              },
            ],
          },
          "post_comments": Object {
            "$ref": "#/components/schemas/PostCommentsWrite",
            "description": "Nested write through post_comments (one_to_many → comment). Also accepted under comment, comments.",
          },
          "post_tags": Object {
            "$ref": "#/components/schemas/PostTagsWrite",
            "description": "Nested write through post_tags (many_to_many → tag). Also accepted under tag, tags.",
          },
          "published_at": Object {
            "anyOf": Array [
              Object {
                "format": "date-time",
                "type": "string",
              },
              Object {
                "format": "date",
                "type": "string",
              },
              Object {
                "type": "null",
              },
            ],
          },
          "slug": Object {
            "minLength": 1,
            "type": "string",
          },
          "status": Object {
            "type": Array [
              "string",
              "null",
            ],
          },
          "title": Object {
            "minLength": 1,
            "type": "string",
          },
        },
        "required": Array [
          "title",
          "body",
          "author_id",
        ],
        "type": "object",
      },
      "PostTagsWrite": Object {
        "additionalProperties": false,
        "description": "Nested write of post_tags (many_to_many post → tag).",
        "properties": Object {
          "_write_mode": Object {
            "description": "Defaults to diff (the relation's write_mode, else diff).",
            "enum": Array [
              "diff",
              "replace",
              "append",
            ],
            "type": "string",
          },
          "data": Object {
            "items": Object {
              "additionalProperties": false,
              "description": "Links to tag by id.",
              "properties": Object {
                "_delete": Object {
                  "description": "true: delete (or, many_to_many, unlink) the row named by its key.",
                  "type": "boolean",
                },
                "id": Object {
                  "format": "uuid",
                  "type": "string",
                },
              },
              "required": Array [
                "id",
              ],
              "type": "object",
            },
            "type": "array",
          },
        },
        "required": Array [
          "data",
        ],
        "type": "object",
      },
      "PostUpdate": Object {
        "additionalProperties": false,
        "properties": Object {
          "author_id": Object {
            "format": "uuid",
            "minLength": 1,
            "type": "string",
          },
          "body": Object {
            "minLength": 1,
            "type": "string",
          },
          "category_id": Object {
            "format": "uuid",
            "type": Array [
              "string",
              "null",
            ],
          },
          "deleted_at": Object {
            "anyOf": Array [
              Object {
                "format": "date-time",
                "type": "string",
              },
              Object {
                "format": "date",
                "type": "string",
              },
              Object {
                "type": "null",
              },
            ],
          },
          "excerpt": Object {
            "type": Array [
              "string",
              "null",
            ],
          },
          "featured_image": Object {
            "anyOf": Array [
              Object {
                "format": "uuid",
                "type": "string",
              },
              Object {
                "properties": Object {
                  "id": Object {
                    "type": "string",
                  },
                },
                "required": Array [
                  "id",
                ],
                "type": "object",
              },
              Object {
                "type": "null",
              },
            ],
          },
          "post_comments": Object {
            "$ref": "#/components/schemas/PostCommentsWrite",
            "description": "Nested write through post_comments (one_to_many → comment). Also accepted under comment, comments.",
          },
          "post_tags": Object {
            "$ref": "#/components/schemas/PostTagsWrite",
            "description": "Nested write through post_tags (many_to_many → tag). Also accepted under tag, tags.",
          },
          "published_at": Object {
            "anyOf": Array [
              Object {
                "format": "date-time",
                "type": "string",
              },
              Object {
                "format": "date",
                "type": "string",
              },
              Object {
                "type": "null",
              },
            ],
          },
          "slug": Object {
            "minLength": 1,
            "type": "string",
          },
          "status": Object {
            "type": Array [
              "string",
              "null",
            ],
          },
          "title": Object {
            "minLength": 1,
            "type": "string",
          },
        },
        "type": "object",
      },
      "RefreshInput": Object {
        "properties": Object {
          "refresh_token": Object {
            "minLength": 1,
            "type": "string",
          },
        },
        "required": Array [
          "refresh_token",
        ],
        "type": "object",
      },
      "RelationDefinition": Object {
        "additionalProperties": true,
        "description": "A relation definition (metadata.md): keys, join table for many_to_many, on_delete …",
        "properties": Object {
          "join_table": Object {
            "type": "string",
          },
          "name": Object {
            "type": "string",
          },
          "on_delete": Object {
            "enum": Array [
              "cascade",
              "set_null",
              "restrict",
              "detach",
            ],
            "type": "string",
          },
          "source": Object {
            "type": "string",
          },
          "source_join_key": Object {
            "type": "string",
          },
          "source_key": Object {
            "type": "string",
          },
          "target": Object {
            "type": "string",
          },
          "target_join_key": Object {
            "type": "string",
          },
          "target_key": Object {
            "type": "string",
          },
          "type": Object {
            "enum": Array [
              "one_to_one",
              "one_to_many",
              "many_to_many",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "name",
          "type",
          "source",
          "target",
        ],
        "type": "object",
      },
      "Rule": Object {
        "properties": Object {
          "active": Object {
            "default": true,
            "type": "boolean",
          },
          "created_at": Object {
            "format": "date-time",
            "type": "string",
          },
          "definition": Object {
            "description": "Type-specific: field rules {field, operator, value}, expression rules {expression, field?}, computed {field, expression}; all may carry message and stop_on_fail; expression and computed rules may carry related_load.",
            "properties": Object {
              "expression": Object {
                "description": "The expression language of logic.md §2.",
                "type": "string",
              },
              "field": Object {
                "type": "string",
              },
              "message": Object {
                "type": "string",
              },
              "operator": Object {
                "enum": Array [
                  "min",
                  "max",
                  "min_length",
                  "max_length",
                  "pattern",
                  "eq",
                  "neq",
                  "gt",
                  "gte",
                  "lt",
                  "lte",
                  "in",
                  "not_in",
                  "like",
                  "not_empty",
                ],
                "type": "string",
              },
              "related_load": Object {
                "items": Object {
                  "properties": Object {
                    "filter": Object {
                      "type": "object",
                    },
                    "relation": Object {
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "relation",
                  ],
                  "type": "object",
                },
                "type": "array",
              },
              "stop_on_fail": Object {
                "type": "boolean",
              },
              "value": Object {},
            },
            "type": "object",
          },
          "entity": Object {
            "type": "string",
          },
          "hook": Object {
            "default": "before_write",
            "enum": Array [
              "before_write",
              "after_write",
              "before_delete",
            ],
            "type": "string",
          },
          "id": Object {
            "format": "uuid",
            "type": "string",
          },
          "priority": Object {
            "default": 0,
            "description": "Lower runs first.",
            "type": "integer",
          },
          "type": Object {
            "enum": Array [
              "field",
              "expression",
              "computed",
            ],
            "type": "string",
          },
          "updated_at": Object {
            "format": "date-time",
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "entity",
          "hook",
          "type",
          "definition",
          "priority",
          "active",
          "created_at",
          "updated_at",
        ],
        "type": "object",
      },
      "RuleInput": Object {
        "properties": Object {
          "active": Object {
            "default": true,
            "type": "boolean",
          },
          "definition": Object {
            "description": "Type-specific: field rules {field, operator, value}, expression rules {expression, field?}, computed {field, expression}; all may carry message and stop_on_fail; expression and computed rules may carry related_load.",
            "properties": Object {
              "expression": Object {
                "description": "The expression language of logic.md §2.",
                "type": "string",
              },
              "field": Object {
                "type": "string",
              },
              "message": Object {
                "type": "string",
              },
              "operator": Object {
                "enum": Array [
                  "min",
                  "max",
                  "min_length",
                  "max_length",
                  "pattern",
                  "eq",
                  "neq",
                  "gt",
                  "gte",
                  "lt",
                  "lte",
                  "in",
                  "not_in",
                  "like",
                  "not_empty",
                ],
                "type": "string",
              },
              "related_load": Object {
                "items": Object {
                  "properties": Object {
                    "filter": Object {
                      "type": "object",
                    },
                    "relation": Object {
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "relation",
                  ],
                  "type": "object",
                },
                "type": "array",
              },
              "stop_on_fail": Object {
                "type": "boolean",
              },
              "value": Object {},
            },
            "type": "object",
          },
          "entity": Object {
            "type": "string",
          },
          "hook": Object {
            "default": "before_write",
            "enum": Array [
              "before_write",
              "after_write",
              "before_delete",
            ],
            "type": "string",
          },
          "priority": Object {
            "default": 0,
            "description": "Lower runs first.",
            "type": "integer",
          },
          "type": Object {
            "enum": Array [
              "field",
              "expression",
              "computed",
            ],
            "type": "string",
          },
        },
        "required": Array [
          "entity",
          "type",
        ],
        "type": "object",
      },
      "SchemaDocument": Object {
        "properties": Object {
          "entities": Object {
            "description": "By name.",
            "items": Object {
              "description": "An entity definition (metadata.md §2) as stored.",
              "type": "object",
            },
            "type": "array",
          },
          "exported_at": Object {
            "format": "date-time",
            "type": "string",
          },
          "permissions": Object {
            "description": "By entity, action, creation.",
            "items": Object {
              "properties": Object {
                "action": Object {
                  "enum": Array [
                    "read",
                    "create",
                    "update",
                    "delete",
                  ],
                  "type": "string",
                },
                "conditions": Object {
                  "items": Object {
                    "type": "object",
                  },
                  "type": "array",
                },
                "entity": Object {
                  "type": "string",
                },
                "roles": Object {
                  "items": Object {
                    "type": "string",
                  },
                  "type": "array",
                },
              },
              "required": Array [
                "entity",
                "action",
              ],
              "type": "object",
            },
            "type": "array",
          },
          "relations": Object {
            "description": "By name.",
            "items": Object {
              "description": "A relation definition (metadata.md §8) as stored.",
              "type": "object",
            },
            "type": "array",
          },
          "rules": Object {
            "description": "By entity, priority, creation.",
            "items": Object {
              "$ref": "#/components/schemas/RuleInput",
            },
            "type": "array",
          },
          "state_machines": Object {
            "description": "By entity, field.",
            "items": Object {
              "$ref": "#/components/schemas/StateMachineInput",
            },
            "type": "array",
          },
          "ui_configs": Object {
            "description": "By entity, scope.",
            "items": Object {
              "$ref": "#/components/schemas/UiConfigInput",
            },
            "type": "array",
          },
          "version": Object {
            "const": 1,
          },
          "webhooks": Object {
            "description": "By entity, hook, url. An export never carries a secret.",
            "items": Object {
              "$ref": "#/components/schemas/WebhookInput",
            },
            "type": "array",
          },
          "workflows": Object {
            "description": "By name.",
            "items": Object {
              "$ref": "#/components/schemas/WorkflowInput",
            },
            "type": "array",
          },
        },
        "required": Array [
          "version",
          "exported_at",
          "entities",
          "relations",
          "rules",
          "state_machines",
          "workflows",
          "permissions",
          "webhooks",
          "ui_configs",
        ],
        "type": "object",
      },
      "SchemaImport": Object {
        "description": "A SchemaDocument (every section optional, exported_at ignored) with optional sample_data; also accepted wrapped as {\\"data\\": …}, as the export answers.",
        "properties": Object {
          "entities": Object {
            "description": "By name.",
            "items": Object {
              "description": "An entity definition (metadata.md §2) as stored.",
              "type": "object",
            },
            "type": "array",
          },
          "permissions": Object {
            "description": "By entity, action, creation.",
            "items": Object {
              "properties": Object {
                "action": Object {
                  "enum": Array [
                    "read",
                    "create",
                    "update",
                    "delete",
                  ],
                  "type": "string",
                },
                "conditions": Object {
                  "items": Object {
                    "type": "object",
                  },
                  "type": "array",
                },
                "entity": Object {
                  "type": "string",
                },
                "roles": Object {
                  "items": Object {
                    "type": "string",
                  },
                  "type": "array",
                },
              },
              "required": Array [
                "entity",
                "action",
              ],
              "type": "object",
            },
            "type": "array",
          },
          "relations": Object {
            "description": "By name.",
            "items": Object {
              "description": "A relation definition (metadata.md §8) as stored.",
              "type": "object",
            },
            "type": "array",
          },
          "rules": Object {
            "description": "By entity, priority, creation.",
            "items": Object {
              "$ref": "#/components/schemas/RuleInput",
            },
            "type": "array",
          },
          "sample_data": Object {
            "additionalProperties": Object {
              "items": Object {
                "type": "object",
              },
              "type": "array",
            },
            "description": "Rows per key: an entity of the document (or its table), a many_to_many join table of the document, or _users.",
            "type": "object",
          },
          "state_machines": Object {
            "description": "By entity, field.",
            "items": Object {
              "$ref": "#/components/schemas/StateMachineInput",
            },
            "type": "array",
          },
          "ui_configs": Object {
            "description": "By entity, scope.",
            "items": Object {
              "$ref": "#/components/schemas/UiConfigInput",
            },
            "type": "array",
          },
          "version": Object {
            "const": 1,
          },
          "webhooks": Object {
            "description": "By entity, hook, url. An export never carries a secret.",
            "items": Object {
              "$ref": "#/components/schemas/WebhookInput",
            },
            "type": "array",
          },
          "workflows": Object {
            "description": "By name.",
            "items": Object {
              "$ref": "#/components/schemas/WorkflowInput",
            },
            "type": "array",
          },
        },
        "required": Array [
          "version",
        ],
        "type": "object",
      },
      "StateMachine": Object {
        "properties": Object {
          "active": Object {
            "default": true,
            "type": "boolean",
          },
          "created_at": Object {
            "format": "date-time",
            "type": "string",
          },
          "definition": Object {
            "properties": Object {
              "initial": Object {
                "description": "The state a new record starts in.",
                "type": "string",
              },
              "transitions": Object {
                "items": Object {
                  "properties": Object {
                    "actions": Object {
                      "default": Array [],
                      "items": Object {
                        "oneOf": Array [
                          Object {
                            "properties": Object {
                              "field": Object {
                                "type": "string",
                              },
                              "type": Object {
                                "const": "set_field",
                              },
                              "value": Object {
                                "description": "A value for the field, or \\"now\\" (the request timestamp).",
                              },
                            },
                            "required": Array [
                              "type",
                              "field",
                              "value",
                            ],
                            "type": "object",
                          },
                          Object {
                            "properties": Object {
                              "data": Object {
                                "description": "A string value \`{{ … }}\` is an expression (logic.md §3.6); anything else a literal.",
                                "type": "object",
                              },
                              "entity": Object {
                                "type": "string",
                              },
                              "type": Object {
                                "const": "create_record",
                              },
                            },
                            "required": Array [
                              "type",
                              "entity",
                              "data",
                            ],
                            "type": "object",
                          },
                          Object {
                            "properties": Object {
                              "data": Object {
                                "description": "A string value \`{{ … }}\` is an expression (logic.md §3.6); anything else a literal.",
                                "type": "object",
                              },
                              "event": Object {
                                "minLength": 1,
                                "type": "string",
                              },
                              "type": Object {
                                "const": "send_event",
                              },
                            },
                            "required": Array [
                              "type",
                              "event",
                            ],
                            "type": "object",
                          },
                          Object {
                            "properties": Object {
                              "headers": Object {
                                "additionalProperties": Object {
                                  "type": "string",
                                },
                                "default": Object {},
                                "description": "\`{{env.NAME}}\` is resolved when sent.",
                                "type": "object",
                              },
                              "method": Object {
                                "default": "POST",
                                "enum": Array [
                                  "POST",
                                  "PUT",
                                  "PATCH",
                                  "GET",
                                  "DELETE",
                                ],
                                "type": "string",
                              },
                              "type": Object {
                                "const": "webhook",
                              },
                              "url": Object {
                                "minLength": 1,
                                "type": "string",
                              },
                            },
                            "required": Array [
                              "type",
                              "url",
                            ],
                            "type": "object",
                          },
                        ],
                      },
                      "type": "array",
                    },
                    "from": Object {
                      "items": Object {
                        "minLength": 1,
                        "type": "string",
                      },
                      "minItems": 1,
                      "type": "array",
                    },
                    "guard": Object {
                      "default": null,
                      "description": "The expression language of logic.md §2; truthy allows the transition.",
                      "type": Array [
                        "string",
                        "null",
                      ],
                    },
                    "roles": Object {
                      "default": Array [],
                      "description": "Non-empty: the caller needs one of these roles (admin always may).",
                      "items": Object {
                        "type": "string",
                      },
                      "type": "array",
                    },
                    "to": Object {
                      "minLength": 1,
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "from",
                    "to",
                    "roles",
                    "guard",
                    "actions",
                  ],
                  "type": "object",
                },
                "minItems": 1,
                "type": "array",
              },
            },
            "required": Array [
              "transitions",
            ],
            "type": "object",
          },
          "entity": Object {
            "type": "string",
          },
          "field": Object {
            "description": "The field holding the state; one machine per entity and field.",
            "type": "string",
          },
          "id": Object {
            "format": "uuid",
            "type": "string",
          },
          "updated_at": Object {
            "format": "date-time",
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "entity",
          "field",
          "definition",
          "active",
          "created_at",
          "updated_at",
        ],
        "type": "object",
      },
      "StateMachineInput": Object {
        "properties": Object {
          "active": Object {
            "default": true,
            "type": "boolean",
          },
          "definition": Object {
            "properties": Object {
              "initial": Object {
                "description": "The state a new record starts in.",
                "type": "string",
              },
              "transitions": Object {
                "items": Object {
                  "properties": Object {
                    "actions": Object {
                      "default": Array [],
                      "items": Object {
                        "oneOf": Array [
                          Object {
                            "properties": Object {
                              "field": Object {
                                "type": "string",
                              },
                              "type": Object {
                                "const": "set_field",
                              },
                              "value": Object {
                                "description": "A value for the field, or \\"now\\" (the request timestamp).",
                              },
                            },
                            "required": Array [
                              "type",
                              "field",
                              "value",
                            ],
                            "type": "object",
                          },
                          Object {
                            "properties": Object {
                              "data": Object {
                                "description": "A string value \`{{ … }}\` is an expression (logic.md §3.6); anything else a literal.",
                                "type": "object",
                              },
                              "entity": Object {
                                "type": "string",
                              },
                              "type": Object {
                                "const": "create_record",
                              },
                            },
                            "required": Array [
                              "type",
                              "entity",
                              "data",
                            ],
                            "type": "object",
                          },
                          Object {
                            "properties": Object {
                              "data": Object {
                                "description": "A string value \`{{ … }}\` is an expression (logic.md §3.6); anything else a literal.",
                                "type": "object",
                              },
                              "event": Object {
                                "minLength": 1,
                                "type": "string",
                              },
                              "type": Object {
                                "const": "send_event",
                              },
                            },
                            "required": Array [
                              "type",
                              "event",
                            ],
                            "type": "object",
                          },
                          Object {
                            "properties": Object {
                              "headers": Object {
                                "additionalProperties": Object {
                                  "type": "string",
                                },
                                "default": Object {},
                                "description": "\`{{env.NAME}}\` is resolved when sent.",
                                "type": "object",
                              },
                              "method": Object {
                                "default": "POST",
                                "enum": Array [
                                  "POST",
                                  "PUT",
                                  "PATCH",
                                  "GET",
                                  "DELETE",
                                ],
                                "type": "string",
                              },
                              "type": Object {
                                "const": "webhook",
                              },
                              "url": Object {
                                "minLength": 1,
                                "type": "string",
                              },
                            },
                            "required": Array [
                              "type",
                              "url",
                            ],
                            "type": "object",
                          },
                        ],
                      },
                      "type": "array",
                    },
                    "from": Object {
                      "oneOf": Array [
                        Object {
                          "minLength": 1,
                          "type": "string",
                        },
                        Object {
                          "items": Object {
                            "minLength": 1,
                            "type": "string",
                          },
                          "minItems": 1,
                          "type": "array",
                        },
                      ],
                    },
                    "guard": Object {
                      "default": null,
                      "description": "The expression language of logic.md §2; truthy allows the transition.",
                      "type": Array [
                        "string",
                        "null",
                      ],
                    },
                    "roles": Object {
                      "default": Array [],
                      "description": "Non-empty: the caller needs one of these roles (admin always may).",
                      "items": Object {
                        "type": "string",
                      },
                      "type": "array",
                    },
                    "to": Object {
                      "minLength": 1,
                      "type": "string",
                    },
                  },
                  "required": Array [
                    "from",
                    "to",
                  ],
                  "type": "object",
                },
                "minItems": 1,
                "type": "array",
              },
            },
            "required": Array [
              "transitions",
            ],
            "type": "object",
          },
          "entity": Object {
            "type": "string",
          },
          "field": Object {
            "description": "The field holding the state; one machine per entity and field.",
            "type": "string",
          },
        },
        "required": Array [
          "entity",
          "field",
          "definition",
        ],
        "type": "object",
      },
      "Tag": Object {
        "properties": Object {
          "created_at": Object {
            "format": "date-time",
            "type": "string",
          },
          "id": Object {
            "format": "uuid",
            "type": "string",
          },
          "name": Object {
            "type": "string",
          },
          "post": Object {
            "description": "Included with include=post (post_tags).",
            "items": Object {
              "$ref": "#/components/schemas/Post",
            },
            "type": "array",
          },
          "post_tags": Object {
            "description": "Included with include=post_tags (post_tags).",
            "items": Object {
              "$ref": "#/components/schemas/Post",
            },
            "type": "array",
          },
          "slug": Object {
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "name",
          "slug",
          "created_at",
        ],
        "type": "object",
      },
      "TagCreate": Object {
        "additionalProperties": false,
        "properties": Object {
          "name": Object {
            "minLength": 1,
            "type": "string",
          },
          "slug": Object {
            "minLength": 1,
            "type": "string",
          },
        },
        "required": Array [
          "name",
        ],
        "type": "object",
      },
      "TagUpdate": Object {
        "additionalProperties": false,
        "properties": Object {
          "name": Object {
            "minLength": 1,
            "type": "string",
          },
          "slug": Object {
            "minLength": 1,
            "type": "string",
          },
        },
        "type": "object",
      },
      "TokenPair": Object {
        "additionalProperties": false,
        "properties": Object {
          "access_token": Object {
            "description": "HS256 JWT, valid 15 minutes",
            "type": "string",
          },
          "refresh_token": Object {
            "description": "Opaque, valid 7 days, rotated on every use",
            "type": "string",
          },
        },
        "required": Array [
          "access_token",
          "refresh_token",
        ],
        "type": "object",
      },
      "TraceSpan": Object {
        "properties": Object {
          "action": Object {
            "description": "Dotted name, e.g. record.create, webhook.dispatch.",
            "type": "string",
          },
          "children": Object {
            "items": Object {
              "$ref": "#/components/schemas/TraceSpan",
            },
            "type": "array",
          },
          "component": Object {
            "type": "string",
          },
          "created_at": Object {
            "description": "The span's start (business events: the time of posting).",
            "format": "date-time",
            "type": "string",
          },
          "duration_ms": Object {
            "description": "Rounded to 2 decimals; null for business events.",
            "type": Array [
              "number",
              "null",
            ],
          },
          "entity": Object {
            "type": Array [
              "string",
              "null",
            ],
          },
          "event_type": Object {
            "enum": Array [
              "system",
              "business",
            ],
            "type": "string",
          },
          "id": Object {
            "format": "uuid",
            "type": "string",
          },
          "metadata": Object {
            "type": Array [
              "object",
              "null",
            ],
          },
          "parent_span_id": Object {
            "description": "The enclosing span; null for a root span.",
            "format": "uuid",
            "type": Array [
              "string",
              "null",
            ],
          },
          "record_id": Object {
            "type": Array [
              "string",
              "null",
            ],
          },
          "source": Object {
            "description": "http, auth, engine, webhook, workflow, storage, db; app for business events.",
            "type": "string",
          },
          "span_id": Object {
            "format": "uuid",
            "type": "string",
          },
          "status": Object {
            "enum": Array [
              "ok",
              "error",
              "timeout",
              "skipped",
              null,
            ],
            "type": Array [
              "string",
              "null",
            ],
          },
          "trace_id": Object {
            "description": "Groups every event of one request or scheduler work item.",
            "format": "uuid",
            "type": "string",
          },
          "user_id": Object {
            "format": "uuid",
            "type": Array [
              "string",
              "null",
            ],
          },
        },
        "required": Array [
          "id",
          "trace_id",
          "span_id",
          "parent_span_id",
          "event_type",
          "source",
          "component",
          "action",
          "entity",
          "record_id",
          "user_id",
          "duration_ms",
          "status",
          "metadata",
          "created_at",
          "children",
        ],
        "type": "object",
      },
      "TraceWaterfall": Object {
        "properties": Object {
          "root_span": Object {
            "$ref": "#/components/schemas/TraceSpan",
          },
          "span_count": Object {
            "type": "integer",
          },
          "spans": Object {
            "description": "Every event of the trace by start, without children.",
            "items": Object {
              "$ref": "#/components/schemas/Event",
            },
            "type": "array",
          },
          "total_duration_ms": Object {
            "description": "The root span's duration.",
            "type": Array [
              "number",
              "null",
            ],
          },
          "trace_id": Object {
            "format": "uuid",
            "type": "string",
          },
        },
        "required": Array [
          "trace_id",
          "root_span",
          "spans",
          "span_count",
          "total_duration_ms",
        ],
        "type": "object",
      },
      "UiConfig": Object {
        "properties": Object {
          "config": Object {
            "default": Object {},
            "description": "Opaque to the server: list columns, forms, sidebars, pages, dashboards.",
            "type": "object",
          },
          "created_at": Object {
            "format": "date-time",
            "type": "string",
          },
          "entity": Object {
            "description": "An existing entity, or a pseudo-entity starting with \`_\` (e.g. \`_app\`, the dashboard).",
            "maxLength": 255,
            "minLength": 1,
            "type": "string",
          },
          "id": Object {
            "format": "uuid",
            "type": "string",
          },
          "scope": Object {
            "default": "default",
            "description": "\\"\\" counts as \\"default\\".",
            "maxLength": 255,
            "type": "string",
          },
          "updated_at": Object {
            "format": "date-time",
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "entity",
          "scope",
          "config",
          "created_at",
          "updated_at",
        ],
        "type": "object",
      },
      "UiConfigInput": Object {
        "properties": Object {
          "config": Object {
            "default": Object {},
            "description": "Opaque to the server: list columns, forms, sidebars, pages, dashboards.",
            "type": "object",
          },
          "entity": Object {
            "description": "An existing entity, or a pseudo-entity starting with \`_\` (e.g. \`_app\`, the dashboard).",
            "maxLength": 255,
            "minLength": 1,
            "type": "string",
          },
          "scope": Object {
            "default": "default",
            "description": "\\"\\" counts as \\"default\\".",
            "maxLength": 255,
            "type": "string",
          },
        },
        "required": Array [
          "entity",
        ],
        "type": "object",
      },
      "UploadedFile": Object {
        "properties": Object {
          "filename": Object {
            "description": "The client's file name, sanitised: its last path component, no control characters, at most 255 bytes.",
            "type": "string",
          },
          "id": Object {
            "format": "uuid",
            "type": "string",
          },
          "mime_type": Object {
            "description": "The Content-Type declared for the part, or application/octet-stream; not sniffed.",
            "type": "string",
          },
          "size": Object {
            "description": "Bytes.",
            "minimum": 0,
            "type": "integer",
          },
          "url": Object {
            "description": "Where the file is served: /api/<app>/_files/<id>.",
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "filename",
          "size",
          "mime_type",
          "url",
        ],
        "type": "object",
      },
      "User": Object {
        "additionalProperties": false,
        "properties": Object {
          "active": Object {
            "type": "boolean",
          },
          "created_at": Object {
            "format": "date-time",
            "type": "string",
          },
          "email": Object {
            "type": "string",
          },
          "id": Object {
            "format": "uuid",
            "type": "string",
          },
          "roles": Object {
            "items": Object {
              "type": "string",
            },
            "type": "array",
          },
          "updated_at": Object {
            "format": "date-time",
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "email",
          "roles",
          "active",
          "created_at",
          "updated_at",
        ],
        "type": "object",
      },
      "UserCreate": Object {
        "properties": Object {
          "active": Object {
            "type": "boolean",
          },
          "email": Object {
            "pattern": "^\\\\s*[^\\\\s@]+@[^\\\\s@]+\\\\s*$",
            "type": "string",
          },
          "password": Object {
            "description": "At most 72 bytes (UTF-8)",
            "maxLength": 72,
            "minLength": 1,
            "type": "string",
          },
          "roles": Object {
            "items": Object {
              "type": "string",
            },
            "type": "array",
          },
        },
        "required": Array [
          "email",
          "password",
        ],
        "type": "object",
      },
      "UserUpdate": Object {
        "properties": Object {
          "active": Object {
            "type": "boolean",
          },
          "email": Object {
            "pattern": "^\\\\s*[^\\\\s@]+@[^\\\\s@]+\\\\s*$",
            "type": "string",
          },
          "password": Object {
            "anyOf": Array [
              Object {
                "description": "At most 72 bytes (UTF-8)",
                "maxLength": 72,
                "type": "string",
              },
              Object {
                "type": "null",
              },
            ],
          },
          "roles": Object {
            "items": Object {
              "type": "string",
            },
            "type": "array",
          },
        },
        "required": Array [
          "email",
        ],
        "type": "object",
      },
      "Webhook": Object {
        "properties": Object {
          "active": Object {
            "default": true,
            "type": "boolean",
          },
          "async": Object {
            "description": "Derived from the hook (false for before_*, true for after_*) whatever is sent.",
            "type": "boolean",
          },
          "condition": Object {
            "default": "",
            "description": "The expression language of logic.md §2; empty = always.",
            "type": "string",
          },
          "created_at": Object {
            "format": "date-time",
            "type": "string",
          },
          "entity": Object {
            "description": "Entity name; not checked against the metadata.",
            "minLength": 1,
            "type": "string",
          },
          "has_secret": Object {
            "description": "Whether a signing secret is set.",
            "type": "boolean",
          },
          "headers": Object {
            "additionalProperties": Object {
              "type": "string",
            },
            "default": Object {},
            "description": "\`{{env.NAME}}\` is resolved when sent.",
            "type": "object",
          },
          "hook": Object {
            "default": "after_write",
            "description": "before_* are synchronous (a failure vetoes the write), after_* asynchronous.",
            "enum": Array [
              "after_write",
              "before_write",
              "after_delete",
              "before_delete",
            ],
            "type": "string",
          },
          "id": Object {
            "format": "uuid",
            "type": "string",
          },
          "method": Object {
            "default": "POST",
            "enum": Array [
              "POST",
              "PUT",
              "PATCH",
              "GET",
              "DELETE",
            ],
            "type": "string",
          },
          "retry": Object {
            "properties": Object {
              "backoff": Object {
                "default": "exponential",
                "description": "exponential: 30 s × 2^(n−1); linear: 30 s × n; at most 1 hour.",
                "enum": Array [
                  "exponential",
                  "linear",
                ],
                "type": "string",
              },
              "max_attempts": Object {
                "default": 3,
                "description": "All attempts, the first included.",
                "maximum": 20,
                "minimum": 1,
                "type": "integer",
              },
            },
            "type": "object",
          },
          "updated_at": Object {
            "format": "date-time",
            "type": "string",
          },
          "url": Object {
            "pattern": "^https?://",
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "entity",
          "hook",
          "url",
          "method",
          "headers",
          "condition",
          "async",
          "retry",
          "active",
          "has_secret",
          "created_at",
          "updated_at",
        ],
        "type": "object",
      },
      "WebhookInput": Object {
        "properties": Object {
          "active": Object {
            "default": true,
            "type": "boolean",
          },
          "async": Object {
            "description": "Derived from the hook (false for before_*, true for after_*) whatever is sent.",
            "type": "boolean",
          },
          "condition": Object {
            "default": "",
            "description": "The expression language of logic.md §2; empty = always.",
            "type": "string",
          },
          "entity": Object {
            "description": "Entity name; not checked against the metadata.",
            "minLength": 1,
            "type": "string",
          },
          "headers": Object {
            "additionalProperties": Object {
              "type": "string",
            },
            "default": Object {},
            "description": "\`{{env.NAME}}\` is resolved when sent.",
            "type": "object",
          },
          "hook": Object {
            "default": "after_write",
            "description": "before_* are synchronous (a failure vetoes the write), after_* asynchronous.",
            "enum": Array [
              "after_write",
              "before_write",
              "after_delete",
              "before_delete",
            ],
            "type": "string",
          },
          "method": Object {
            "default": "POST",
            "enum": Array [
              "POST",
              "PUT",
              "PATCH",
              "GET",
              "DELETE",
            ],
            "type": "string",
          },
          "retry": Object {
            "default": Object {
              "backoff": "exponential",
              "max_attempts": 3,
            },
            "properties": Object {
              "backoff": Object {
                "default": "exponential",
                "description": "exponential: 30 s × 2^(n−1); linear: 30 s × n; at most 1 hour.",
                "enum": Array [
                  "exponential",
                  "linear",
                ],
                "type": "string",
              },
              "max_attempts": Object {
                "default": 3,
                "description": "All attempts, the first included.",
                "maximum": 20,
                "minimum": 1,
                "type": "integer",
              },
            },
            "type": "object",
          },
          "secret": Object {
            "description": "Write-only: signs deliveries (Standard Webhooks headers). Omitted on create: none; omitted on replace: kept; null: removed.",
            "maxLength": 1024,
            "minLength": 16,
            "type": Array [
              "string",
              "null",
            ],
            "writeOnly": true,
          },
          "url": Object {
            "pattern": "^https?://",
            "type": "string",
          },
        },
        "required": Array [
          "entity",
          "url",
        ],
        "type": "object",
      },
      "WebhookLog": Object {
        "properties": Object {
          "attempt": Object {
            "minimum": 0,
            "type": "integer",
          },
          "created_at": Object {
            "format": "date-time",
            "type": "string",
          },
          "entity": Object {
            "type": "string",
          },
          "error": Object {
            "description": "The last error: \`HTTP <status>\` or a transport message.",
            "type": "string",
          },
          "hook": Object {
            "enum": Array [
              "after_write",
              "before_write",
              "after_delete",
              "before_delete",
            ],
            "type": "string",
          },
          "id": Object {
            "format": "uuid",
            "type": "string",
          },
          "idempotency_key": Object {
            "description": "Also the Idempotency-Key header; the same for every attempt.",
            "type": "string",
          },
          "max_attempts": Object {
            "minimum": 1,
            "type": "integer",
          },
          "method": Object {
            "enum": Array [
              "POST",
              "PUT",
              "PATCH",
              "GET",
              "DELETE",
            ],
            "type": "string",
          },
          "next_retry_at": Object {
            "format": "date-time",
            "type": Array [
              "string",
              "null",
            ],
          },
          "request_body": Object {
            "description": "The payload sent.",
            "type": "object",
          },
          "request_headers": Object {
            "additionalProperties": Object {
              "type": "string",
            },
            "description": "As configured: templates unresolved.",
            "type": "object",
          },
          "response_body": Object {
            "description": "The last response body, at most 65 536 characters.",
            "type": "string",
          },
          "response_status": Object {
            "description": "The last HTTP status; 0 when no response was received.",
            "type": Array [
              "integer",
              "null",
            ],
          },
          "status": Object {
            "enum": Array [
              "pending",
              "delivered",
              "retrying",
              "failed",
            ],
            "type": "string",
          },
          "updated_at": Object {
            "format": "date-time",
            "type": "string",
          },
          "url": Object {
            "type": "string",
          },
          "webhook_id": Object {
            "format": "uuid",
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "webhook_id",
          "entity",
          "hook",
          "url",
          "method",
          "request_headers",
          "request_body",
          "response_status",
          "response_body",
          "status",
          "attempt",
          "max_attempts",
          "next_retry_at",
          "error",
          "idempotency_key",
          "created_at",
          "updated_at",
        ],
        "type": "object",
      },
      "Workflow": Object {
        "properties": Object {
          "active": Object {
            "default": true,
            "description": "Inactive workflows start no instances; running ones continue.",
            "type": "boolean",
          },
          "context": Object {
            "default": Object {},
            "description": "Resolved when an instance starts: \`record\`, \`record_id\`, \`trigger.…\`, \`record.…\` are paths, anything else a literal.",
            "type": "object",
          },
          "created_at": Object {
            "format": "date-time",
            "type": "string",
          },
          "id": Object {
            "format": "uuid",
            "type": "string",
          },
          "name": Object {
            "description": "Unique per app.",
            "minLength": 1,
            "type": "string",
          },
          "steps": Object {
            "description": "The first step is the entry point.",
            "items": Object {
              "oneOf": Array [
                Object {
                  "properties": Object {
                    "actions": Object {
                      "default": Array [],
                      "items": Object {
                        "oneOf": Array [
                          Object {
                            "properties": Object {
                              "entity": Object {
                                "minLength": 1,
                                "type": "string",
                              },
                              "field": Object {
                                "minLength": 1,
                                "type": "string",
                              },
                              "record_id": Object {
                                "anyOf": Array [
                                  Object {
                                    "type": "string",
                                  },
                                  Object {
                                    "type": "number",
                                  },
                                ],
                                "description": "A context path (\`context.x\`), a \`{{ … }}\` template or a literal id.",
                              },
                              "type": Object {
                                "const": "set_field",
                              },
                              "value": Object {
                                "description": "A literal, \\"now\\", or a \`{{ … }}\` template.",
                              },
                            },
                            "required": Array [
                              "type",
                              "entity",
                              "record_id",
                              "field",
                              "value",
                            ],
                            "type": "object",
                          },
                          Object {
                            "properties": Object {
                              "headers": Object {
                                "additionalProperties": Object {
                                  "type": "string",
                                },
                                "default": Object {},
                                "type": "object",
                              },
                              "method": Object {
                                "default": "POST",
                                "enum": Array [
                                  "POST",
                                  "PUT",
                                  "PATCH",
                                  "GET",
                                  "DELETE",
                                ],
                                "type": "string",
                              },
                              "type": Object {
                                "const": "webhook",
                              },
                              "url": Object {
                                "minLength": 1,
                                "type": "string",
                              },
                            },
                            "required": Array [
                              "type",
                              "url",
                              "method",
                              "headers",
                            ],
                            "type": "object",
                          },
                          Object {
                            "properties": Object {
                              "data": Object {
                                "description": "A string value \`{{ … }}\` is an expression in the workflow environment; anything else a literal.",
                                "type": "object",
                              },
                              "entity": Object {
                                "minLength": 1,
                                "type": "string",
                              },
                              "type": Object {
                                "const": "create_record",
                              },
                            },
                            "required": Array [
                              "type",
                              "entity",
                              "data",
                            ],
                            "type": "object",
                          },
                          Object {
                            "properties": Object {
                              "data": Object {
                                "description": "A string value \`{{ … }}\` is an expression in the workflow environment; anything else a literal.",
                                "type": "object",
                              },
                              "event": Object {
                                "minLength": 1,
                                "type": "string",
                              },
                              "type": Object {
                                "const": "send_event",
                              },
                            },
                            "required": Array [
                              "type",
                              "event",
                            ],
                            "type": "object",
                          },
                        ],
                      },
                      "type": "array",
                    },
                    "id": Object {
                      "minLength": 1,
                      "type": "string",
                    },
                    "then": Object {
                      "description": "Missing: end.",
                      "properties": Object {
                        "goto": Object {
                          "description": "\`end\` or a step id.",
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "goto",
                      ],
                      "type": "object",
                    },
                    "type": Object {
                      "const": "action",
                    },
                  },
                  "required": Array [
                    "id",
                    "type",
                    "actions",
                    "then",
                  ],
                  "type": "object",
                },
                Object {
                  "properties": Object {
                    "expression": Object {
                      "description": "The expression language of logic.md §2.",
                      "type": "string",
                    },
                    "id": Object {
                      "minLength": 1,
                      "type": "string",
                    },
                    "on_false": Object {
                      "description": "Missing: end.",
                      "properties": Object {
                        "goto": Object {
                          "description": "\`end\` or a step id.",
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "goto",
                      ],
                      "type": "object",
                    },
                    "on_true": Object {
                      "description": "Missing: end.",
                      "properties": Object {
                        "goto": Object {
                          "description": "\`end\` or a step id.",
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "goto",
                      ],
                      "type": "object",
                    },
                    "type": Object {
                      "const": "condition",
                    },
                  },
                  "required": Array [
                    "id",
                    "type",
                    "expression",
                    "on_true",
                    "on_false",
                  ],
                  "type": "object",
                },
                Object {
                  "properties": Object {
                    "assignee": Object {
                      "oneOf": Array [
                        Object {
                          "properties": Object {
                            "role": Object {
                              "minLength": 1,
                              "type": "string",
                            },
                            "type": Object {
                              "const": "role",
                            },
                          },
                          "required": Array [
                            "type",
                            "role",
                          ],
                          "type": "object",
                        },
                        Object {
                          "properties": Object {
                            "type": Object {
                              "const": "fixed",
                            },
                            "user": Object {
                              "description": "A user id.",
                              "minLength": 1,
                              "type": "string",
                            },
                          },
                          "required": Array [
                            "type",
                            "user",
                          ],
                          "type": "object",
                        },
                        Object {
                          "properties": Object {
                            "path": Object {
                              "description": "A context path holding the user id.",
                              "minLength": 1,
                              "type": "string",
                            },
                            "type": Object {
                              "const": "relation",
                            },
                          },
                          "required": Array [
                            "type",
                            "path",
                          ],
                          "type": "object",
                        },
                      ],
                    },
                    "id": Object {
                      "minLength": 1,
                      "type": "string",
                    },
                    "on_approve": Object {
                      "description": "Missing: end.",
                      "properties": Object {
                        "goto": Object {
                          "description": "\`end\` or a step id.",
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "goto",
                      ],
                      "type": "object",
                    },
                    "on_reject": Object {
                      "description": "Missing: end.",
                      "properties": Object {
                        "goto": Object {
                          "description": "\`end\` or a step id.",
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "goto",
                      ],
                      "type": "object",
                    },
                    "on_timeout": Object {
                      "description": "Missing: the instance fails at timeout.",
                      "properties": Object {
                        "goto": Object {
                          "description": "\`end\` or a step id.",
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "goto",
                      ],
                      "type": "object",
                    },
                    "timeout": Object {
                      "pattern": "^\\\\d+(s|m|h|d)$",
                      "type": "string",
                    },
                    "type": Object {
                      "const": "approval",
                    },
                  },
                  "required": Array [
                    "id",
                    "type",
                    "on_approve",
                    "on_reject",
                  ],
                  "type": "object",
                },
              ],
            },
            "minItems": 1,
            "type": "array",
          },
          "trigger": Object {
            "oneOf": Array [
              Object {
                "properties": Object {
                  "entity": Object {
                    "minLength": 1,
                    "type": "string",
                  },
                  "field": Object {
                    "minLength": 1,
                    "type": "string",
                  },
                  "to": Object {
                    "minLength": 1,
                    "type": "string",
                  },
                  "type": Object {
                    "const": "state_change",
                  },
                },
                "required": Array [
                  "type",
                  "entity",
                  "field",
                  "to",
                ],
                "type": "object",
              },
              Object {
                "properties": Object {
                  "entity": Object {
                    "minLength": 1,
                    "type": "string",
                  },
                  "event": Object {
                    "minLength": 1,
                    "type": "string",
                  },
                  "type": Object {
                    "const": "event",
                  },
                },
                "required": Array [
                  "type",
                  "event",
                ],
                "type": "object",
              },
            ],
          },
          "updated_at": Object {
            "format": "date-time",
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "name",
          "trigger",
          "context",
          "steps",
          "active",
          "created_at",
          "updated_at",
        ],
        "type": "object",
      },
      "WorkflowInput": Object {
        "properties": Object {
          "active": Object {
            "default": true,
            "description": "Inactive workflows start no instances; running ones continue.",
            "type": "boolean",
          },
          "context": Object {
            "default": Object {},
            "description": "Resolved when an instance starts: \`record\`, \`record_id\`, \`trigger.…\`, \`record.…\` are paths, anything else a literal.",
            "type": "object",
          },
          "name": Object {
            "description": "Unique per app.",
            "minLength": 1,
            "type": "string",
          },
          "steps": Object {
            "description": "The first step is the entry point.",
            "items": Object {
              "oneOf": Array [
                Object {
                  "properties": Object {
                    "actions": Object {
                      "default": Array [],
                      "items": Object {
                        "oneOf": Array [
                          Object {
                            "properties": Object {
                              "entity": Object {
                                "minLength": 1,
                                "type": "string",
                              },
                              "field": Object {
                                "minLength": 1,
                                "type": "string",
                              },
                              "record_id": Object {
                                "anyOf": Array [
                                  Object {
                                    "type": "string",
                                  },
                                  Object {
                                    "type": "number",
                                  },
                                ],
                                "description": "A context path (\`context.x\`), a \`{{ … }}\` template or a literal id.",
                              },
                              "type": Object {
                                "const": "set_field",
                              },
                              "value": Object {
                                "description": "A literal, \\"now\\", or a \`{{ … }}\` template.",
                              },
                            },
                            "required": Array [
                              "type",
                              "entity",
                              "record_id",
                              "field",
                              "value",
                            ],
                            "type": "object",
                          },
                          Object {
                            "properties": Object {
                              "headers": Object {
                                "additionalProperties": Object {
                                  "type": "string",
                                },
                                "default": Object {},
                                "type": "object",
                              },
                              "method": Object {
                                "default": "POST",
                                "enum": Array [
                                  "POST",
                                  "PUT",
                                  "PATCH",
                                  "GET",
                                  "DELETE",
                                ],
                                "type": "string",
                              },
                              "type": Object {
                                "const": "webhook",
                              },
                              "url": Object {
                                "minLength": 1,
                                "type": "string",
                              },
                            },
                            "required": Array [
                              "type",
                              "url",
                            ],
                            "type": "object",
                          },
                          Object {
                            "properties": Object {
                              "data": Object {
                                "description": "A string value \`{{ … }}\` is an expression in the workflow environment; anything else a literal.",
                                "type": "object",
                              },
                              "entity": Object {
                                "minLength": 1,
                                "type": "string",
                              },
                              "type": Object {
                                "const": "create_record",
                              },
                            },
                            "required": Array [
                              "type",
                              "entity",
                              "data",
                            ],
                            "type": "object",
                          },
                          Object {
                            "properties": Object {
                              "data": Object {
                                "description": "A string value \`{{ … }}\` is an expression in the workflow environment; anything else a literal.",
                                "type": "object",
                              },
                              "event": Object {
                                "minLength": 1,
                                "type": "string",
                              },
                              "type": Object {
                                "const": "send_event",
                              },
                            },
                            "required": Array [
                              "type",
                              "event",
                            ],
                            "type": "object",
                          },
                        ],
                      },
                      "type": "array",
                    },
                    "id": Object {
                      "minLength": 1,
                      "type": "string",
                    },
                    "then": Object {
                      "description": "Missing: end.",
                      "oneOf": Array [
                        Object {
                          "type": "string",
                        },
                        Object {
                          "properties": Object {
                            "goto": Object {
                              "description": "\`end\` or a step id.",
                              "type": "string",
                            },
                          },
                          "required": Array [
                            "goto",
                          ],
                          "type": "object",
                        },
                      ],
                    },
                    "type": Object {
                      "const": "action",
                    },
                  },
                  "required": Array [
                    "id",
                    "type",
                  ],
                  "type": "object",
                },
                Object {
                  "properties": Object {
                    "expression": Object {
                      "description": "The expression language of logic.md §2.",
                      "type": "string",
                    },
                    "id": Object {
                      "minLength": 1,
                      "type": "string",
                    },
                    "on_false": Object {
                      "description": "Missing: end.",
                      "oneOf": Array [
                        Object {
                          "type": "string",
                        },
                        Object {
                          "properties": Object {
                            "goto": Object {
                              "description": "\`end\` or a step id.",
                              "type": "string",
                            },
                          },
                          "required": Array [
                            "goto",
                          ],
                          "type": "object",
                        },
                      ],
                    },
                    "on_true": Object {
                      "description": "Missing: end.",
                      "oneOf": Array [
                        Object {
                          "type": "string",
                        },
                        Object {
                          "properties": Object {
                            "goto": Object {
                              "description": "\`end\` or a step id.",
                              "type": "string",
                            },
                          },
                          "required": Array [
                            "goto",
                          ],
                          "type": "object",
                        },
                      ],
                    },
                    "type": Object {
                      "const": "condition",
                    },
                  },
                  "required": Array [
                    "id",
                    "type",
                    "expression",
                  ],
                  "type": "object",
                },
                Object {
                  "properties": Object {
                    "assignee": Object {
                      "oneOf": Array [
                        Object {
                          "properties": Object {
                            "role": Object {
                              "minLength": 1,
                              "type": "string",
                            },
                            "type": Object {
                              "const": "role",
                            },
                          },
                          "required": Array [
                            "type",
                            "role",
                          ],
                          "type": "object",
                        },
                        Object {
                          "properties": Object {
                            "type": Object {
                              "const": "fixed",
                            },
                            "user": Object {
                              "description": "A user id.",
                              "minLength": 1,
                              "type": "string",
                            },
                          },
                          "required": Array [
                            "type",
                            "user",
                          ],
                          "type": "object",
                        },
                        Object {
                          "properties": Object {
                            "path": Object {
                              "description": "A context path holding the user id.",
                              "minLength": 1,
                              "type": "string",
                            },
                            "type": Object {
                              "const": "relation",
                            },
                          },
                          "required": Array [
                            "type",
                            "path",
                          ],
                          "type": "object",
                        },
                      ],
                    },
                    "id": Object {
                      "minLength": 1,
                      "type": "string",
                    },
                    "on_approve": Object {
                      "description": "Missing: end.",
                      "oneOf": Array [
                        Object {
                          "type": "string",
                        },
                        Object {
                          "properties": Object {
                            "goto": Object {
                              "description": "\`end\` or a step id.",
                              "type": "string",
                            },
                          },
                          "required": Array [
                            "goto",
                          ],
                          "type": "object",
                        },
                      ],
                    },
                    "on_reject": Object {
                      "description": "Missing: end.",
                      "oneOf": Array [
                        Object {
                          "type": "string",
                        },
                        Object {
                          "properties": Object {
                            "goto": Object {
                              "description": "\`end\` or a step id.",
                              "type": "string",
                            },
                          },
                          "required": Array [
                            "goto",
                          ],
                          "type": "object",
                        },
                      ],
                    },
                    "on_timeout": Object {
                      "description": "Missing: the instance fails at timeout.",
                      "oneOf": Array [
                        Object {
                          "type": "string",
                        },
                        Object {
                          "properties": Object {
                            "goto": Object {
                              "description": "\`end\` or a step id.",
                              "type": "string",
                            },
                          },
                          "required": Array [
                            "goto",
                          ],
                          "type": "object",
                        },
                      ],
                    },
                    "timeout": Object {
                      "pattern": "^\\\\d+(s|m|h|d)$",
                      "type": "string",
                    },
                    "type": Object {
                      "const": "approval",
                    },
                  },
                  "required": Array [
                    "id",
                    "type",
                  ],
                  "type": "object",
                },
              ],
            },
            "minItems": 1,
            "type": "array",
          },
          "trigger": Object {
            "oneOf": Array [
              Object {
                "properties": Object {
                  "entity": Object {
                    "minLength": 1,
                    "type": "string",
                  },
                  "field": Object {
                    "minLength": 1,
                    "type": "string",
                  },
                  "to": Object {
                    "minLength": 1,
                    "type": "string",
                  },
                  "type": Object {
                    "const": "state_change",
                  },
                },
                "required": Array [
                  "type",
                  "entity",
                  "field",
                  "to",
                ],
                "type": "object",
              },
              Object {
                "properties": Object {
                  "entity": Object {
                    "minLength": 1,
                    "type": "string",
                  },
                  "event": Object {
                    "minLength": 1,
                    "type": "string",
                  },
                  "type": Object {
                    "const": "event",
                  },
                },
                "required": Array [
                  "type",
                  "event",
                ],
                "type": "object",
              },
            ],
          },
        },
        "required": Array [
          "name",
          "trigger",
          "steps",
        ],
        "type": "object",
      },
      "WorkflowInstance": Object {
        "properties": Object {
          "context": Object {
            "description": "The context mapping, resolved when the instance started.",
            "type": "object",
          },
          "created_at": Object {
            "format": "date-time",
            "type": "string",
          },
          "current_step": Object {
            "description": "\\"\\" when the instance has finished.",
            "type": "string",
          },
          "current_step_deadline": Object {
            "description": "When the current approval step times out.",
            "format": "date-time",
            "type": Array [
              "string",
              "null",
            ],
          },
          "history": Object {
            "items": Object {
              "properties": Object {
                "at": Object {
                  "format": "date-time",
                  "type": "string",
                },
                "by": Object {
                  "description": "Who approved or rejected.",
                  "type": "string",
                },
                "error": Object {
                  "description": "Why the step failed.",
                  "type": "string",
                },
                "status": Object {
                  "enum": Array [
                    "completed",
                    "on_true",
                    "on_false",
                    "approved",
                    "rejected",
                    "timed_out",
                    "failed",
                  ],
                  "type": "string",
                },
                "step": Object {
                  "type": "string",
                },
              },
              "required": Array [
                "step",
                "status",
                "at",
              ],
              "type": "object",
            },
            "type": "array",
          },
          "id": Object {
            "format": "uuid",
            "type": "string",
          },
          "status": Object {
            "enum": Array [
              "running",
              "completed",
              "failed",
            ],
            "type": "string",
          },
          "updated_at": Object {
            "format": "date-time",
            "type": "string",
          },
          "workflow_id": Object {
            "format": "uuid",
            "type": "string",
          },
          "workflow_name": Object {
            "description": "The name when the instance started.",
            "type": "string",
          },
        },
        "required": Array [
          "id",
          "workflow_id",
          "workflow_name",
          "status",
          "current_step",
          "current_step_deadline",
          "context",
          "history",
          "created_at",
          "updated_at",
        ],
        "type": "object",
      },
      "WorkflowInstancePage": Object {
        "properties": Object {
          "data": Object {
            "items": Object {
              "$ref": "#/components/schemas/WorkflowInstance",
            },
            "type": "array",
          },
          "meta": Object {
            "$ref": "#/components/schemas/ListMeta",
          },
        },
        "required": Array [
          "data",
          "meta",
        ],
        "type": "object",
      },
    },
    "securitySchemes": Object {
      "bearerAuth": Object {
        "bearerFormat": "JWT",
        "scheme": "bearer",
        "type": "http",
      },
    },
  },
  "info": Object {
    "title": "blog API",
    "version": "7",
  },
  "openapi": "3.1.0",
  "paths": Object {
    "/_admin/ai/generate": Object {
      "post": Object {
        "operationId": "aiGenerateSchema",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "prompt": Object {
                    "description": "A description of the application.",
                    "maxLength": 5000,
                    "minLength": 1,
                    "type": "string",
                  },
                },
                "required": Array [
                  "prompt",
                ],
                "type": "object",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "properties": Object {
                        "schema": Object {
                          "description": "A SchemaDocument (schema-io.md §1.1) as the model wrote it, possibly with sample_data; not validated. version is 1 when the model omitted it.",
                          "properties": Object {
                            "version": Object {
                              "type": "integer",
                            },
                          },
                          "required": Array [
                            "version",
                          ],
                          "type": "object",
                        },
                      },
                      "required": Array [
                        "schema",
                      ],
                      "type": "object",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The proposal",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "501": Object {
            "$ref": "#/components/responses/NotConfigured",
          },
          "502": Object {
            "$ref": "#/components/responses/BadGateway",
          },
        },
        "summary": "Generate a schema document from a description (admin); nothing is imported — post it to /_admin/import to apply it",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/ai/status": Object {
      "get": Object {
        "operationId": "aiStatus",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "properties": Object {
                        "configured": Object {
                          "type": "boolean",
                        },
                        "model": Object {
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "configured",
                        "model",
                      ],
                      "type": "object",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "model is \\"\\" when not configured",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
        },
        "summary": "Whether the AI schema generator is configured, and its model (admin)",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/audit-logs": Object {
      "get": Object {
        "operationId": "listAuditLogs",
        "parameters": Array [
          Object {
            "description": "Exact match.",
            "in": "query",
            "name": "entity",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "Exact match.",
            "in": "query",
            "name": "record_id",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "Exact match.",
            "in": "query",
            "name": "action",
            "required": false,
            "schema": Object {
              "enum": Array [
                "create",
                "update",
                "delete",
              ],
              "type": "string",
            },
          },
          Object {
            "description": "Exact match.",
            "in": "query",
            "name": "source",
            "required": false,
            "schema": Object {
              "enum": Array [
                "api",
                "nested",
                "action",
                "workflow",
                "import",
                "bulk",
                "admin",
                "system",
              ],
              "type": "string",
            },
          },
          Object {
            "description": "Exact match; a value that is no UUID matches nothing.",
            "in": "query",
            "name": "user_id",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "created_at >= from (ISO-8601; anything else is 422).",
            "in": "query",
            "name": "from",
            "required": false,
            "schema": Object {
              "format": "date-time",
              "type": "string",
            },
          },
          Object {
            "description": "created_at <= to (ISO-8601; anything else is 422).",
            "in": "query",
            "name": "to",
            "required": false,
            "schema": Object {
              "format": "date-time",
              "type": "string",
            },
          },
          Object {
            "$ref": "#/components/parameters/page",
          },
          Object {
            "$ref": "#/components/parameters/per_page",
          },
          Object {
            "description": "Newest (default) or oldest first.",
            "in": "query",
            "name": "sort",
            "required": false,
            "schema": Object {
              "default": "-created_at",
              "enum": Array [
                "-created_at",
                "created_at",
              ],
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/AuditLogPage",
                },
              },
            },
            "description": "A page of entries",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Query the audit log (admin)",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/audit-logs/{id}": Object {
      "get": Object {
        "operationId": "getAuditLog",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/AuditLogEntry",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The entry",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Read one audit entry (admin)",
        "tags": Array [
          "_admin",
        ],
      },
      "parameters": Array [
        Object {
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "format": "uuid",
            "type": "string",
          },
        },
      ],
    },
    "/_admin/entities": Object {
      "get": Object {
        "operationId": "listEntities",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/EntityDefinition",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The entities",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
        },
        "summary": "List entity definitions (admin)",
        "tags": Array [
          "_admin",
        ],
      },
      "post": Object {
        "operationId": "createEntity",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/EntityDefinition",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/EntityDefinition",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The created entity",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Create an entity: its table is migrated at once (admin)",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/entities/{name}": Object {
      "delete": Object {
        "operationId": "deleteEntity",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "description": "The deleted entity's name",
                      "properties": Object {
                        "deleted": Object {
                          "const": true,
                        },
                        "name": Object {
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "name",
                        "deleted",
                      ],
                      "type": "object",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The id of the deleted entity",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Delete an entity and drop its table (admin)",
        "tags": Array [
          "_admin",
        ],
      },
      "get": Object {
        "operationId": "getEntity",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/EntityDefinition",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The entity",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Read one entity definition (admin)",
        "tags": Array [
          "_admin",
        ],
      },
      "parameters": Array [
        Object {
          "in": "path",
          "name": "name",
          "required": true,
          "schema": Object {
            "type": "string",
          },
        },
      ],
      "put": Object {
        "operationId": "updateEntity",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/EntityDefinition",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/EntityDefinition",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The updated entity",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Replace an entity definition: the table is altered (admin)",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/export": Object {
      "get": Object {
        "operationId": "exportSchema",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/SchemaDocument",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The document",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
        },
        "summary": "Every metadata section of the app as one schema document (admin); no ids, timestamps or secrets",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/import": Object {
      "post": Object {
        "operationId": "importSchema",
        "parameters": Array [
          Object {
            "description": "true: run the import in a transaction that is rolled back and answer with its plan (ImportPlan).",
            "in": "query",
            "name": "dry_run",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
        ],
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "oneOf": Array [
                  Object {
                    "$ref": "#/components/schemas/SchemaImport",
                  },
                  Object {
                    "properties": Object {
                      "data": Object {
                        "$ref": "#/components/schemas/SchemaImport",
                      },
                    },
                    "required": Array [
                      "data",
                    ],
                    "type": "object",
                  },
                ],
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "oneOf": Array [
                        Object {
                          "$ref": "#/components/schemas/ImportResult",
                        },
                        Object {
                          "$ref": "#/components/schemas/ImportPlan",
                        },
                      ],
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "ImportResult, or ImportPlan for a dry run; 200 even when every item failed",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "413": Object {
            "$ref": "#/components/responses/PayloadTooLarge",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Import a schema document with optional sample data (admin): best effort per item; or, with dry_run, the plan of what it would do, writing nothing",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/invites": Object {
      "get": Object {
        "operationId": "listInvites",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/Invite",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The invites",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
        },
        "summary": "List invites (admin)",
        "tags": Array [
          "_admin",
        ],
      },
      "post": Object {
        "operationId": "createInvite",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/InviteInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Invite",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The invite",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Invite a user by email (admin); the token is the invitee's secret",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/invites/{id}": Object {
      "delete": Object {
        "operationId": "deleteInvite",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "properties": Object {
                        "deleted": Object {
                          "const": true,
                        },
                        "id": Object {
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "id",
                        "deleted",
                      ],
                      "type": "object",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The deleted invite's id",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Delete an invite (admin)",
        "tags": Array [
          "_admin",
        ],
      },
      "parameters": Array [
        Object {
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "format": "uuid",
            "type": "string",
          },
        },
      ],
    },
    "/_admin/invites/bulk": Object {
      "post": Object {
        "operationId": "createInvites",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/InviteBulkInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/InviteBulkResult",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "What was created and skipped",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Invite many emails at once (admin); each is created or skipped with a reason",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/permissions": Object {
      "get": Object {
        "operationId": "listPermissions",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/Permission",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The permissions",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
        },
        "summary": "List permissions (admin), by entity and action",
        "tags": Array [
          "_admin",
        ],
      },
      "post": Object {
        "operationId": "createPermission",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/PermissionInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Permission",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The created permission",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Create a permission (admin)",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/permissions/{id}": Object {
      "delete": Object {
        "operationId": "deletePermission",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "properties": Object {
                        "deleted": Object {
                          "const": true,
                        },
                        "id": Object {
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "id",
                        "deleted",
                      ],
                      "type": "object",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The id of the deleted permission",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Delete a permission (admin)",
        "tags": Array [
          "_admin",
        ],
      },
      "get": Object {
        "operationId": "getPermission",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Permission",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The permission",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Read one permission (admin)",
        "tags": Array [
          "_admin",
        ],
      },
      "parameters": Array [
        Object {
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "format": "uuid",
            "type": "string",
          },
        },
      ],
      "put": Object {
        "operationId": "updatePermission",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/PermissionInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Permission",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The updated permission",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Replace a permission (admin)",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/relations": Object {
      "get": Object {
        "operationId": "listRelations",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/RelationDefinition",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The relations",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
        },
        "summary": "List relation definitions (admin)",
        "tags": Array [
          "_admin",
        ],
      },
      "post": Object {
        "operationId": "createRelation",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/RelationDefinition",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/RelationDefinition",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The created relation",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Create a relation (admin)",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/relations/{name}": Object {
      "delete": Object {
        "operationId": "deleteRelation",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "description": "The deleted relation's name",
                      "properties": Object {
                        "deleted": Object {
                          "const": true,
                        },
                        "name": Object {
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "name",
                        "deleted",
                      ],
                      "type": "object",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The id of the deleted relation",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Delete a relation (admin)",
        "tags": Array [
          "_admin",
        ],
      },
      "get": Object {
        "operationId": "getRelation",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/RelationDefinition",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The relation",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Read one relation definition (admin)",
        "tags": Array [
          "_admin",
        ],
      },
      "parameters": Array [
        Object {
          "in": "path",
          "name": "name",
          "required": true,
          "schema": Object {
            "type": "string",
          },
        },
      ],
      "put": Object {
        "operationId": "updateRelation",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/RelationDefinition",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/RelationDefinition",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The updated relation",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Replace a relation definition (admin)",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/rules": Object {
      "get": Object {
        "operationId": "listRules",
        "parameters": Array [
          Object {
            "description": "Only the rules of this entity.",
            "in": "query",
            "name": "entity",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/Rule",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The rules",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
        },
        "summary": "List rules (admin), by entity, priority, created_at",
        "tags": Array [
          "_admin",
        ],
      },
      "post": Object {
        "operationId": "createRule",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/RuleInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Rule",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The created rule",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Create a rule (admin); applies to the next request",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/rules/{id}": Object {
      "delete": Object {
        "operationId": "deleteRule",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "properties": Object {
                        "deleted": Object {
                          "const": true,
                        },
                        "id": Object {
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "id",
                        "deleted",
                      ],
                      "type": "object",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The id of the deleted rule",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Delete a rule (admin)",
        "tags": Array [
          "_admin",
        ],
      },
      "get": Object {
        "operationId": "getRule",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Rule",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The rule",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Read one rule (admin)",
        "tags": Array [
          "_admin",
        ],
      },
      "parameters": Array [
        Object {
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "format": "uuid",
            "type": "string",
          },
        },
      ],
      "put": Object {
        "operationId": "updateRule",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/RuleInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Rule",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The updated rule",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Replace a rule (admin); absent priority → 0, active → true",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/state-machines": Object {
      "get": Object {
        "operationId": "listStateMachines",
        "parameters": Array [
          Object {
            "description": "Only the state machines of this entity.",
            "in": "query",
            "name": "entity",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/StateMachine",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The state machines",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
        },
        "summary": "List state machines (admin), by entity, created_at",
        "tags": Array [
          "_admin",
        ],
      },
      "post": Object {
        "operationId": "createStateMachine",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/StateMachineInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/StateMachine",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The created state machine",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Create a state machine (admin); one per entity and field; applies to the next request",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/state-machines/{id}": Object {
      "delete": Object {
        "operationId": "deleteStateMachine",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "properties": Object {
                        "deleted": Object {
                          "const": true,
                        },
                        "id": Object {
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "id",
                        "deleted",
                      ],
                      "type": "object",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The id of the deleted state machine",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Delete a state machine (admin)",
        "tags": Array [
          "_admin",
        ],
      },
      "get": Object {
        "operationId": "getStateMachine",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/StateMachine",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The state machine",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Read one state machine (admin)",
        "tags": Array [
          "_admin",
        ],
      },
      "parameters": Array [
        Object {
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "format": "uuid",
            "type": "string",
          },
        },
      ],
      "put": Object {
        "operationId": "updateStateMachine",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/StateMachineInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/StateMachine",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The updated state machine",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Replace a state machine (admin); absent active → true",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/ui-configs": Object {
      "get": Object {
        "operationId": "listUiConfigs",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/UiConfig",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The UI configs",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
        },
        "summary": "List UI configs (admin), by entity, scope",
        "tags": Array [
          "_admin",
        ],
      },
      "post": Object {
        "operationId": "createUiConfig",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/UiConfigInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/UiConfig",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The created UI config",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Create a UI config (admin); one per entity and scope",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/ui-configs/{id}": Object {
      "delete": Object {
        "operationId": "deleteUiConfig",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "properties": Object {
                        "deleted": Object {
                          "const": true,
                        },
                        "id": Object {
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "id",
                        "deleted",
                      ],
                      "type": "object",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The id of the deleted UI config",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Delete a UI config (admin)",
        "tags": Array [
          "_admin",
        ],
      },
      "get": Object {
        "operationId": "getUiConfig",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/UiConfig",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The UI config",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Read one UI config (admin)",
        "tags": Array [
          "_admin",
        ],
      },
      "parameters": Array [
        Object {
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "format": "uuid",
            "type": "string",
          },
        },
      ],
      "put": Object {
        "operationId": "updateUiConfig",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/UiConfigInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/UiConfig",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The updated UI config",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Replace a UI config (admin); absent scope → \\"default\\", config → {}",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/users": Object {
      "get": Object {
        "operationId": "listUsers",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/User",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The users",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
        },
        "summary": "List users (admin), by email",
        "tags": Array [
          "_admin",
        ],
      },
      "post": Object {
        "operationId": "createUser",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/UserCreate",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/User",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The created user",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Create a user (admin)",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/users/{id}": Object {
      "delete": Object {
        "operationId": "deleteUser",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "properties": Object {
                        "deleted": Object {
                          "const": true,
                        },
                        "id": Object {
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "id",
                        "deleted",
                      ],
                      "type": "object",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The id of the deleted user",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Delete a user (admin)",
        "tags": Array [
          "_admin",
        ],
      },
      "get": Object {
        "operationId": "getUser",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/User",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The user",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Read one user (admin)",
        "tags": Array [
          "_admin",
        ],
      },
      "parameters": Array [
        Object {
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "format": "uuid",
            "type": "string",
          },
        },
      ],
      "put": Object {
        "operationId": "updateUser",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/UserUpdate",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/User",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The updated user",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Update a user (admin); omitted roles and active are kept, a new password ends their sessions",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/webhook-logs": Object {
      "get": Object {
        "operationId": "listWebhookLogs",
        "parameters": Array [
          Object {
            "description": "Only this webhook's deliveries (an id that is no UUID matches none).",
            "in": "query",
            "name": "webhook_id",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "Only deliveries in this status.",
            "in": "query",
            "name": "status",
            "required": false,
            "schema": Object {
              "enum": Array [
                "pending",
                "delivered",
                "retrying",
                "failed",
              ],
              "type": "string",
            },
          },
          Object {
            "description": "Only deliveries for this entity.",
            "in": "query",
            "name": "entity",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/WebhookLog",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The deliveries",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
        },
        "summary": "List webhook deliveries (admin), newest first, at most 200",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/webhook-logs/{id}": Object {
      "get": Object {
        "operationId": "getWebhookLog",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/WebhookLog",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The delivery",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Read one webhook delivery (admin)",
        "tags": Array [
          "_admin",
        ],
      },
      "parameters": Array [
        Object {
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "format": "uuid",
            "type": "string",
          },
        },
      ],
    },
    "/_admin/webhook-logs/{id}/retry": Object {
      "parameters": Array [
        Object {
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "format": "uuid",
            "type": "string",
          },
        },
      ],
      "post": Object {
        "operationId": "retryWebhookLog",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "properties": Object {
                        "attempt": Object {
                          "minimum": 0,
                          "type": "integer",
                        },
                        "entity": Object {
                          "type": "string",
                        },
                        "hook": Object {
                          "enum": Array [
                            "after_write",
                            "before_write",
                            "after_delete",
                            "before_delete",
                          ],
                          "type": "string",
                        },
                        "id": Object {
                          "format": "uuid",
                          "type": "string",
                        },
                        "max_attempts": Object {
                          "minimum": 1,
                          "type": "integer",
                        },
                        "method": Object {
                          "enum": Array [
                            "POST",
                            "PUT",
                            "PATCH",
                            "GET",
                            "DELETE",
                          ],
                          "type": "string",
                        },
                        "next_retry_at": Object {
                          "format": "date-time",
                          "type": Array [
                            "string",
                            "null",
                          ],
                        },
                        "status": Object {
                          "enum": Array [
                            "pending",
                            "delivered",
                            "retrying",
                            "failed",
                          ],
                          "type": "string",
                        },
                        "updated_at": Object {
                          "format": "date-time",
                          "type": "string",
                        },
                        "url": Object {
                          "type": "string",
                        },
                        "webhook_id": Object {
                          "format": "uuid",
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "id",
                        "webhook_id",
                        "entity",
                        "hook",
                        "url",
                        "method",
                        "status",
                        "attempt",
                        "max_attempts",
                        "next_retry_at",
                        "updated_at",
                      ],
                      "type": "object",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The requeued delivery",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Requeue a failed or retrying delivery for the next scheduler tick (admin); attempt is not reset",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/webhooks": Object {
      "get": Object {
        "operationId": "listWebhooks",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/Webhook",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The webhooks",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
        },
        "summary": "List webhooks (admin), by entity, hook, created_at",
        "tags": Array [
          "_admin",
        ],
      },
      "post": Object {
        "operationId": "createWebhook",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/WebhookInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Webhook",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The created webhook",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Create a webhook (admin); applies to the next write",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/webhooks/{id}": Object {
      "delete": Object {
        "operationId": "deleteWebhook",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "properties": Object {
                        "deleted": Object {
                          "const": true,
                        },
                        "id": Object {
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "id",
                        "deleted",
                      ],
                      "type": "object",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The id of the deleted webhook",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Delete a webhook and its logs (admin)",
        "tags": Array [
          "_admin",
        ],
      },
      "get": Object {
        "operationId": "getWebhook",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Webhook",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The webhook",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Read one webhook (admin)",
        "tags": Array [
          "_admin",
        ],
      },
      "parameters": Array [
        Object {
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "format": "uuid",
            "type": "string",
          },
        },
      ],
      "put": Object {
        "operationId": "updateWebhook",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/WebhookInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Webhook",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The updated webhook",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Replace a webhook (admin); absent fields take their defaults, an absent secret is kept",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/workflows": Object {
      "get": Object {
        "operationId": "listWorkflows",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/Workflow",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The workflows",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
        },
        "summary": "List workflows (admin), by name",
        "tags": Array [
          "_admin",
        ],
      },
      "post": Object {
        "operationId": "createWorkflow",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/WorkflowInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Workflow",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The created workflow",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Create a workflow (admin); names are unique; applies to the next write",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_admin/workflows/{id}": Object {
      "delete": Object {
        "operationId": "deleteWorkflow",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "properties": Object {
                        "deleted": Object {
                          "const": true,
                        },
                        "id": Object {
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "id",
                        "deleted",
                      ],
                      "type": "object",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The id of the deleted workflow",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Delete a workflow and its instances (admin)",
        "tags": Array [
          "_admin",
        ],
      },
      "get": Object {
        "operationId": "getWorkflow",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Workflow",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The workflow",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Read one workflow (admin)",
        "tags": Array [
          "_admin",
        ],
      },
      "parameters": Array [
        Object {
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "format": "uuid",
            "type": "string",
          },
        },
      ],
      "put": Object {
        "operationId": "updateWorkflow",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/WorkflowInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Workflow",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The updated workflow",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Replace a workflow (admin); the name may change; absent context → {}, active → true",
        "tags": Array [
          "_admin",
        ],
      },
    },
    "/_events": Object {
      "get": Object {
        "operationId": "queryEvents",
        "parameters": Array [
          Object {
            "description": "Exact match.",
            "in": "query",
            "name": "source",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "Exact match.",
            "in": "query",
            "name": "component",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "Exact match.",
            "in": "query",
            "name": "event_type",
            "required": false,
            "schema": Object {
              "enum": Array [
                "system",
                "business",
              ],
              "type": "string",
            },
          },
          Object {
            "description": "Exact match.",
            "in": "query",
            "name": "status",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "Exact match; a trailing * matches a prefix (webhook.*).",
            "in": "query",
            "name": "action",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "Exact match; a value that is no UUID matches nothing.",
            "in": "query",
            "name": "trace_id",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "Exact match; a value that is no UUID matches nothing.",
            "in": "query",
            "name": "user_id",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "created_at >= from (ISO-8601; anything else is 422).",
            "in": "query",
            "name": "from",
            "required": false,
            "schema": Object {
              "format": "date-time",
              "type": "string",
            },
          },
          Object {
            "description": "created_at <= to (ISO-8601; anything else is 422).",
            "in": "query",
            "name": "to",
            "required": false,
            "schema": Object {
              "format": "date-time",
              "type": "string",
            },
          },
          Object {
            "description": "Exact match.",
            "in": "query",
            "name": "entity",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "Anything else than a whole number ≥ 1 is 1.",
            "in": "query",
            "name": "page",
            "required": false,
            "schema": Object {
              "default": 1,
              "minimum": 1,
              "type": "integer",
            },
          },
          Object {
            "description": "Over 100 is 100; anything else than a whole number ≥ 1 is 50.",
            "in": "query",
            "name": "per_page",
            "required": false,
            "schema": Object {
              "default": 50,
              "maximum": 100,
              "minimum": 1,
              "type": "integer",
            },
          },
          Object {
            "description": "Newest (default) or oldest first.",
            "in": "query",
            "name": "sort",
            "required": false,
            "schema": Object {
              "default": "-created_at",
              "enum": Array [
                "-created_at",
                "created_at",
              ],
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/EventPage",
                },
              },
            },
            "description": "A page of events",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Query events (admin)",
        "tags": Array [
          "_events",
        ],
      },
      "post": Object {
        "operationId": "emitEvent",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "properties": Object {
                  "action": Object {
                    "minLength": 1,
                    "type": "string",
                  },
                  "entity": Object {
                    "type": "string",
                  },
                  "metadata": Object {
                    "type": "object",
                  },
                  "record_id": Object {
                    "type": Array [
                      "string",
                      "number",
                    ],
                  },
                },
                "required": Array [
                  "action",
                ],
                "type": "object",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "properties": Object {
                        "id": Object {
                          "format": "uuid",
                          "type": "string",
                        },
                        "span_id": Object {
                          "format": "uuid",
                          "type": "string",
                        },
                        "status": Object {
                          "enum": Array [
                            "ok",
                          ],
                          "type": "string",
                        },
                        "trace_id": Object {
                          "format": "uuid",
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "status",
                        "id",
                        "trace_id",
                        "span_id",
                      ],
                      "type": "object",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Stored; readable at once",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Emit a business event (any authenticated caller), in the request's trace",
        "tags": Array [
          "_events",
        ],
      },
    },
    "/_events/stats": Object {
      "get": Object {
        "operationId": "eventStats",
        "parameters": Array [
          Object {
            "description": "created_at >= from (ISO-8601; anything else is 422).",
            "in": "query",
            "name": "from",
            "required": false,
            "schema": Object {
              "format": "date-time",
              "type": "string",
            },
          },
          Object {
            "description": "created_at <= to (ISO-8601; anything else is 422).",
            "in": "query",
            "name": "to",
            "required": false,
            "schema": Object {
              "format": "date-time",
              "type": "string",
            },
          },
          Object {
            "description": "Exact match.",
            "in": "query",
            "name": "entity",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/EventStats",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The aggregates",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Event aggregates (admin)",
        "tags": Array [
          "_events",
        ],
      },
    },
    "/_events/trace/{trace_id}": Object {
      "get": Object {
        "operationId": "traceWaterfall",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/TraceWaterfall",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The trace",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "A trace as a waterfall (admin)",
        "tags": Array [
          "_events",
        ],
      },
      "parameters": Array [
        Object {
          "in": "path",
          "name": "trace_id",
          "required": true,
          "schema": Object {
            "type": "string",
          },
        },
      ],
    },
    "/_files": Object {
      "get": Object {
        "operationId": "listFiles",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/FileListItem",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Every file of the app",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
        },
        "summary": "List files (admin), newest first",
        "tags": Array [
          "_files",
        ],
      },
    },
    "/_files/{id}": Object {
      "delete": Object {
        "operationId": "deleteFile",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "properties": Object {
                        "deleted": Object {
                          "const": true,
                        },
                      },
                      "required": Array [
                        "deleted",
                      ],
                      "type": "object",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Deleted",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Delete a file and its blob (admin); records referencing it keep their stored metadata",
        "tags": Array [
          "_files",
        ],
      },
      "get": Object {
        "operationId": "getFile",
        "responses": Object {
          "200": Object {
            "content": Object {
              "*/*": Object {
                "schema": Object {
                  "contentMediaType": "application/octet-stream",
                  "type": "string",
                },
              },
            },
            "description": "The file's bytes",
            "headers": Object {
              "Cache-Control": Object {
                "description": "private, no-cache",
                "schema": Object {
                  "type": "string",
                },
              },
              "Content-Disposition": Object {
                "description": "inline; filename=\\"<name>\\" (non-ASCII names: an ASCII fallback and filename*=UTF-8''<encoded>).",
                "schema": Object {
                  "type": "string",
                },
              },
              "Content-Length": Object {
                "description": "The stored size.",
                "schema": Object {
                  "type": "string",
                },
              },
              "Content-Security-Policy": Object {
                "description": "sandbox",
                "schema": Object {
                  "type": "string",
                },
              },
              "Content-Type": Object {
                "description": "The stored mime_type.",
                "schema": Object {
                  "type": "string",
                },
              },
              "X-Content-Type-Options": Object {
                "description": "nosniff",
                "schema": Object {
                  "type": "string",
                },
              },
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Download a file (any authenticated caller); the full body, no ranges",
        "tags": Array [
          "_files",
        ],
      },
      "head": Object {
        "operationId": "headFile",
        "responses": Object {
          "200": Object {
            "description": "The file exists",
            "headers": Object {
              "Cache-Control": Object {
                "description": "private, no-cache",
                "schema": Object {
                  "type": "string",
                },
              },
              "Content-Disposition": Object {
                "description": "inline; filename=\\"<name>\\" (non-ASCII names: an ASCII fallback and filename*=UTF-8''<encoded>).",
                "schema": Object {
                  "type": "string",
                },
              },
              "Content-Length": Object {
                "description": "The stored size.",
                "schema": Object {
                  "type": "string",
                },
              },
              "Content-Security-Policy": Object {
                "description": "sandbox",
                "schema": Object {
                  "type": "string",
                },
              },
              "Content-Type": Object {
                "description": "The stored mime_type.",
                "schema": Object {
                  "type": "string",
                },
              },
              "X-Content-Type-Options": Object {
                "description": "nosniff",
                "schema": Object {
                  "type": "string",
                },
              },
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "The headers of a download, without the body",
        "tags": Array [
          "_files",
        ],
      },
      "parameters": Array [
        Object {
          "description": "The file id (a UUID; anything else is not found).",
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "type": "string",
          },
        },
      ],
    },
    "/_files/upload": Object {
      "post": Object {
        "operationId": "uploadFile",
        "requestBody": Object {
          "content": Object {
            "multipart/form-data": Object {
              "schema": Object {
                "properties": Object {
                  "file": Object {
                    "contentMediaType": "application/octet-stream",
                    "description": "The file; other parts are ignored, the first part named file wins.",
                    "type": "string",
                  },
                },
                "required": Array [
                  "file",
                ],
                "type": "object",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/UploadedFile",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The stored file",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "413": Object {
            "$ref": "#/components/responses/PayloadTooLarge",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "Upload a file (any authenticated caller); streamed to storage, at most storage.max_file_size bytes",
        "tags": Array [
          "_files",
        ],
      },
    },
    "/_ui/config/{entity}": Object {
      "get": Object {
        "operationId": "getDefaultUiConfig",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "oneOf": Array [
                        Object {
                          "$ref": "#/components/schemas/UiConfig",
                        },
                        Object {
                          "type": "null",
                        },
                      ],
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The config, or null when the entity has none",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
        },
        "summary": "The UI config of (entity, \\"default\\") (any authenticated caller)",
        "tags": Array [
          "_ui",
        ],
      },
      "parameters": Array [
        Object {
          "in": "path",
          "name": "entity",
          "required": true,
          "schema": Object {
            "type": "string",
          },
        },
      ],
    },
    "/_ui/configs": Object {
      "get": Object {
        "operationId": "listDefaultUiConfigs",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/UiConfig",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The configs",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
        },
        "summary": "The UI configs of scope \\"default\\", by entity (any authenticated caller)",
        "tags": Array [
          "_ui",
        ],
      },
    },
    "/_workflows": Object {
      "get": Object {
        "operationId": "listWorkflowInstances",
        "parameters": Array [
          Object {
            "description": "A workflow id or name.",
            "in": "query",
            "name": "workflow",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "Exact match.",
            "in": "query",
            "name": "status",
            "required": false,
            "schema": Object {
              "enum": Array [
                "running",
                "completed",
                "failed",
              ],
              "type": "string",
            },
          },
          Object {
            "description": "The id of the record whose change started the instance.",
            "in": "query",
            "name": "record_id",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "$ref": "#/components/parameters/page",
          },
          Object {
            "$ref": "#/components/parameters/per_page",
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/WorkflowInstancePage",
                },
              },
            },
            "description": "A page of instances",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
        },
        "summary": "Query workflow instances (admin), newest first",
        "tags": Array [
          "_workflows",
        ],
      },
    },
    "/_workflows/{id}": Object {
      "delete": Object {
        "operationId": "deleteWorkflowInstance",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "properties": Object {
                        "deleted": Object {
                          "const": true,
                        },
                      },
                      "required": Array [
                        "deleted",
                      ],
                      "type": "object",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Deleted",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Delete one workflow instance",
        "tags": Array [
          "_workflows",
        ],
      },
      "get": Object {
        "operationId": "getWorkflowInstance",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/WorkflowInstance",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The instance",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Read one workflow instance",
        "tags": Array [
          "_workflows",
        ],
      },
      "parameters": Array [
        Object {
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "format": "uuid",
            "type": "string",
          },
        },
      ],
    },
    "/_workflows/{id}/approve": Object {
      "parameters": Array [
        Object {
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "format": "uuid",
            "type": "string",
          },
        },
      ],
      "post": Object {
        "operationId": "approveWorkflowInstance",
        "parameters": Array [
          Object {
            "description": "Admins only: the actor recorded as \`by\`.",
            "in": "header",
            "name": "X-User-ID",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/WorkflowInstance",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The instance after advancing",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Approve the current approval step, then advance (assignees and admins)",
        "tags": Array [
          "_workflows",
        ],
      },
    },
    "/_workflows/{id}/reject": Object {
      "parameters": Array [
        Object {
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "format": "uuid",
            "type": "string",
          },
        },
      ],
      "post": Object {
        "operationId": "rejectWorkflowInstance",
        "parameters": Array [
          Object {
            "description": "Admins only: the actor recorded as \`by\`.",
            "in": "header",
            "name": "X-User-ID",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/WorkflowInstance",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The instance after advancing",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "summary": "Reject the current approval step, then advance (assignees and admins)",
        "tags": Array [
          "_workflows",
        ],
      },
    },
    "/_workflows/pending": Object {
      "get": Object {
        "operationId": "listPendingWorkflowInstances",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/WorkflowInstance",
                      },
                      "type": "array",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Newest first",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
        },
        "summary": "Running instances waiting at a step; non-admins see only the approvals they may resolve",
        "tags": Array [
          "_workflows",
        ],
      },
    },
    "/auth/accept-invite": Object {
      "post": Object {
        "operationId": "acceptInvite",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AcceptInviteInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/AcceptedInvite",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Accept an invite: the user is created and logged in",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
        },
        "security": Array [],
        "summary": "Accept an invite: the user is created and logged in",
        "tags": Array [
          "auth",
        ],
      },
    },
    "/auth/login": Object {
      "post": Object {
        "operationId": "login",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/LoginInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/TokenPair",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Log in with email and password: a token pair",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
        },
        "security": Array [],
        "summary": "Log in with email and password: a token pair",
        "tags": Array [
          "auth",
        ],
      },
    },
    "/auth/logout": Object {
      "post": Object {
        "operationId": "logout",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/RefreshInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "message": Object {
                      "const": "Logged out",
                    },
                  },
                  "required": Array [
                    "message",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Delete a refresh token (idempotent)",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
        },
        "security": Array [],
        "summary": "Delete a refresh token (idempotent)",
        "tags": Array [
          "auth",
        ],
      },
    },
    "/auth/refresh": Object {
      "post": Object {
        "operationId": "refresh",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/RefreshInput",
              },
            },
          },
          "required": true,
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/TokenPair",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "Trade a refresh token for a new pair (rotation)",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
        },
        "security": Array [],
        "summary": "Trade a refresh token for a new pair (rotation)",
        "tags": Array [
          "auth",
        ],
      },
    },
    "/author": Object {
      "get": Object {
        "operationId": "listAuthor",
        "parameters": Array [
          Object {
            "$ref": "#/components/parameters/page",
          },
          Object {
            "$ref": "#/components/parameters/per_page",
          },
          Object {
            "description": "Comma-separated fields; \`-\` prefix = descending. NULLs sort last ascending; the primary key is the final tiebreaker.",
            "explode": false,
            "in": "query",
            "name": "sort",
            "required": false,
            "schema": Object {
              "items": Object {
                "enum": Array [
                  "id",
                  "-id",
                  "name",
                  "-name",
                  "email",
                  "-email",
                  "bio",
                  "-bio",
                  "avatar",
                  "-avatar",
                  "created_at",
                  "-created_at",
                  "updated_at",
                  "-updated_at",
                ],
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "Comma-separated relation paths, up to three dotted levels (e.g. a.b.c). Available here: post, post_author.",
            "explode": false,
            "in": "query",
            "name": "include",
            "required": false,
            "schema": Object {
              "items": Object {
                "pattern": "^[a-z_][a-z0-9_]*(\\\\.[a-z_][a-z0-9_]*){0,2}$",
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "Comma-separated fields to answer with (the primary key always stays); \`relation.field\` includes that relation with only those fields. Unknown names: 400 UNKNOWN_FIELD.",
            "in": "query",
            "name": "fields",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "$ref": "#/components/parameters/total",
          },
          Object {
            "description": "id equals.",
            "in": "query",
            "name": "filter[id]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id equals.",
            "in": "query",
            "name": "filter[id.eq]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[id.neq]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id is greater than.",
            "in": "query",
            "name": "filter[id.gt]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id is greater than or equal to.",
            "in": "query",
            "name": "filter[id.gte]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id is less than.",
            "in": "query",
            "name": "filter[id.lt]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id is less than or equal to.",
            "in": "query",
            "name": "filter[id.lte]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[id.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "format": "uuid",
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "id is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[id.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "format": "uuid",
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "id is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[id.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "name equals.",
            "in": "query",
            "name": "filter[name]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "name equals.",
            "in": "query",
            "name": "filter[name.eq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "name does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[name.neq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "name is greater than.",
            "in": "query",
            "name": "filter[name.gt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "name is greater than or equal to.",
            "in": "query",
            "name": "filter[name.gte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "name is less than.",
            "in": "query",
            "name": "filter[name.lt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "name is less than or equal to.",
            "in": "query",
            "name": "filter[name.lte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "name is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[name.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "name is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[name.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "name matches the LIKE pattern, case-sensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[name.like]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "name matches the LIKE pattern, case-insensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[name.ilike]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "name is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[name.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "email equals.",
            "in": "query",
            "name": "filter[email]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "email equals.",
            "in": "query",
            "name": "filter[email.eq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "email does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[email.neq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "email is greater than.",
            "in": "query",
            "name": "filter[email.gt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "email is greater than or equal to.",
            "in": "query",
            "name": "filter[email.gte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "email is less than.",
            "in": "query",
            "name": "filter[email.lt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "email is less than or equal to.",
            "in": "query",
            "name": "filter[email.lte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "email is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[email.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "email is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[email.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "email matches the LIKE pattern, case-sensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[email.like]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "email matches the LIKE pattern, case-insensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[email.ilike]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "email is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[email.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "bio equals.",
            "in": "query",
            "name": "filter[bio]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "bio equals.",
            "in": "query",
            "name": "filter[bio.eq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "bio does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[bio.neq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "bio is greater than.",
            "in": "query",
            "name": "filter[bio.gt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "bio is greater than or equal to.",
            "in": "query",
            "name": "filter[bio.gte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "bio is less than.",
            "in": "query",
            "name": "filter[bio.lt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "bio is less than or equal to.",
            "in": "query",
            "name": "filter[bio.lte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "bio is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[bio.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "bio is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[bio.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "bio matches the LIKE pattern, case-sensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[bio.like]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "bio matches the LIKE pattern, case-insensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[bio.ilike]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "bio is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[bio.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "avatar is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[avatar.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "created_at equals.",
            "in": "query",
            "name": "filter[created_at]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at equals.",
            "in": "query",
            "name": "filter[created_at.eq]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[created_at.neq]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at is greater than.",
            "in": "query",
            "name": "filter[created_at.gt]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at is greater than or equal to.",
            "in": "query",
            "name": "filter[created_at.gte]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at is less than.",
            "in": "query",
            "name": "filter[created_at.lt]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at is less than or equal to.",
            "in": "query",
            "name": "filter[created_at.lte]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[created_at.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "anyOf": Array [
                  Object {
                    "format": "date-time",
                    "type": "string",
                  },
                  Object {
                    "format": "date",
                    "type": "string",
                  },
                ],
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "created_at is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[created_at.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "anyOf": Array [
                  Object {
                    "format": "date-time",
                    "type": "string",
                  },
                  Object {
                    "format": "date",
                    "type": "string",
                  },
                ],
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "created_at is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[created_at.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "updated_at equals.",
            "in": "query",
            "name": "filter[updated_at]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "updated_at equals.",
            "in": "query",
            "name": "filter[updated_at.eq]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "updated_at does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[updated_at.neq]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "updated_at is greater than.",
            "in": "query",
            "name": "filter[updated_at.gt]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "updated_at is greater than or equal to.",
            "in": "query",
            "name": "filter[updated_at.gte]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "updated_at is less than.",
            "in": "query",
            "name": "filter[updated_at.lt]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "updated_at is less than or equal to.",
            "in": "query",
            "name": "filter[updated_at.lte]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "updated_at is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[updated_at.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "anyOf": Array [
                  Object {
                    "format": "date-time",
                    "type": "string",
                  },
                  Object {
                    "format": "date",
                    "type": "string",
                  },
                ],
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "updated_at is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[updated_at.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "anyOf": Array [
                  Object {
                    "format": "date-time",
                    "type": "string",
                  },
                  Object {
                    "format": "date",
                    "type": "string",
                  },
                ],
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "updated_at is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[updated_at.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "An ETag of an earlier response: 304 without a body when it still matches",
            "in": "header",
            "name": "If-None-Match",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/Author",
                      },
                      "type": "array",
                    },
                    "meta": Object {
                      "$ref": "#/components/schemas/ListMeta",
                    },
                  },
                  "required": Array [
                    "data",
                    "meta",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "A page of author records",
            "headers": Object {
              "ETag": Object {
                "description": "Weak entity tag of this response body",
                "schema": Object {
                  "type": "string",
                },
              },
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "304": Object {
            "description": "Not modified: the ETag in If-None-Match still matches",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "List author records",
        "tags": Array [
          "author",
        ],
      },
      "post": Object {
        "operationId": "createAuthor",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AuthorCreate",
              },
            },
          },
          "description": "Field values and nested relation writes. An empty body is treated as {}.",
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Author",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The created author record",
            "headers": Object {
              "Location": Object {
                "description": "Path of the created record",
                "schema": Object {
                  "type": "string",
                },
              },
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "413": Object {
            "$ref": "#/components/responses/PayloadTooLarge",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "Create a author record (optionally with nested writes)",
        "tags": Array [
          "author",
        ],
      },
    },
    "/author/{id}": Object {
      "delete": Object {
        "operationId": "deleteAuthor",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "properties": Object {
                        "id": Object {
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "id",
                      ],
                      "type": "object",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The primary key of the deleted record",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "412": Object {
            "$ref": "#/components/responses/PreconditionFailed",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "Delete a author record (hard delete, applying on_delete policies)",
        "tags": Array [
          "author",
        ],
      },
      "get": Object {
        "operationId": "getAuthor",
        "parameters": Array [
          Object {
            "description": "Comma-separated relation paths, up to three dotted levels (e.g. a.b.c). Available here: post, post_author.",
            "explode": false,
            "in": "query",
            "name": "include",
            "required": false,
            "schema": Object {
              "items": Object {
                "pattern": "^[a-z_][a-z0-9_]*(\\\\.[a-z_][a-z0-9_]*){0,2}$",
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "Comma-separated fields to answer with (the primary key always stays); \`relation.field\` includes that relation with only those fields. Unknown names: 400 UNKNOWN_FIELD.",
            "in": "query",
            "name": "fields",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "An ETag of an earlier response: 304 without a body when it still matches",
            "in": "header",
            "name": "If-None-Match",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Author",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The author record",
            "headers": Object {
              "ETag": Object {
                "description": "Weak entity tag of this response body",
                "schema": Object {
                  "type": "string",
                },
              },
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "304": Object {
            "description": "Not modified: the ETag in If-None-Match still matches",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "Read one author record",
        "tags": Array [
          "author",
        ],
      },
      "parameters": Array [
        Object {
          "description": "Primary key (id, uuid).",
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "format": "uuid",
            "type": "string",
          },
        },
      ],
      "patch": Object {
        "operationId": "patchAuthor",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AuthorUpdate",
              },
            },
          },
          "description": "Only keys present are changed. An empty body is treated as {}.",
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Author",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The updated author record",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "412": Object {
            "$ref": "#/components/responses/PreconditionFailed",
          },
          "413": Object {
            "$ref": "#/components/responses/PayloadTooLarge",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "Partially update a author record (optionally with nested writes)",
        "tags": Array [
          "author",
        ],
      },
      "put": Object {
        "operationId": "updateAuthor",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/AuthorUpdate",
              },
            },
          },
          "description": "Only keys present are changed. An empty body is treated as {}.",
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Author",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The updated author record",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "412": Object {
            "$ref": "#/components/responses/PreconditionFailed",
          },
          "413": Object {
            "$ref": "#/components/responses/PayloadTooLarge",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "Partially update a author record (optionally with nested writes)",
        "tags": Array [
          "author",
        ],
      },
    },
    "/author/{id}/history": Object {
      "get": Object {
        "operationId": "historyAuthor",
        "parameters": Array [
          Object {
            "$ref": "#/components/parameters/page",
          },
          Object {
            "$ref": "#/components/parameters/per_page",
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/AuditLogPage",
                },
              },
            },
            "description": "A page of entries",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Audit history of one author record, newest first (read permission; admins also see deleted records and ip_address)",
        "tags": Array [
          "author",
        ],
      },
      "parameters": Array [
        Object {
          "description": "Primary key (id, uuid).",
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "format": "uuid",
            "type": "string",
          },
        },
      ],
    },
    "/comment": Object {
      "get": Object {
        "operationId": "listComment",
        "parameters": Array [
          Object {
            "$ref": "#/components/parameters/page",
          },
          Object {
            "$ref": "#/components/parameters/per_page",
          },
          Object {
            "description": "Comma-separated fields; \`-\` prefix = descending. NULLs sort last ascending; the primary key is the final tiebreaker.",
            "explode": false,
            "in": "query",
            "name": "sort",
            "required": false,
            "schema": Object {
              "items": Object {
                "enum": Array [
                  "id",
                  "-id",
                  "post_id",
                  "-post_id",
                  "author_name",
                  "-author_name",
                  "author_email",
                  "-author_email",
                  "body",
                  "-body",
                  "status",
                  "-status",
                  "created_at",
                  "-created_at",
                  "deleted_at",
                  "-deleted_at",
                ],
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "Comma-separated relation paths, up to three dotted levels (e.g. a.b.c). Available here: post, post_comments.",
            "explode": false,
            "in": "query",
            "name": "include",
            "required": false,
            "schema": Object {
              "items": Object {
                "pattern": "^[a-z_][a-z0-9_]*(\\\\.[a-z_][a-z0-9_]*){0,2}$",
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "Comma-separated fields to answer with (the primary key always stays); \`relation.field\` includes that relation with only those fields. Unknown names: 400 UNKNOWN_FIELD.",
            "in": "query",
            "name": "fields",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "$ref": "#/components/parameters/total",
          },
          Object {
            "description": "id equals.",
            "in": "query",
            "name": "filter[id]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id equals.",
            "in": "query",
            "name": "filter[id.eq]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[id.neq]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id is greater than.",
            "in": "query",
            "name": "filter[id.gt]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id is greater than or equal to.",
            "in": "query",
            "name": "filter[id.gte]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id is less than.",
            "in": "query",
            "name": "filter[id.lt]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id is less than or equal to.",
            "in": "query",
            "name": "filter[id.lte]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[id.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "format": "uuid",
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "id is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[id.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "format": "uuid",
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "id is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[id.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "post_id equals.",
            "in": "query",
            "name": "filter[post_id]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "post_id equals.",
            "in": "query",
            "name": "filter[post_id.eq]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "post_id does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[post_id.neq]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "post_id is greater than.",
            "in": "query",
            "name": "filter[post_id.gt]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "post_id is greater than or equal to.",
            "in": "query",
            "name": "filter[post_id.gte]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "post_id is less than.",
            "in": "query",
            "name": "filter[post_id.lt]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "post_id is less than or equal to.",
            "in": "query",
            "name": "filter[post_id.lte]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "post_id is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[post_id.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "format": "uuid",
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "post_id is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[post_id.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "format": "uuid",
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "post_id is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[post_id.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "author_name equals.",
            "in": "query",
            "name": "filter[author_name]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "author_name equals.",
            "in": "query",
            "name": "filter[author_name.eq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "author_name does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[author_name.neq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "author_name is greater than.",
            "in": "query",
            "name": "filter[author_name.gt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "author_name is greater than or equal to.",
            "in": "query",
            "name": "filter[author_name.gte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "author_name is less than.",
            "in": "query",
            "name": "filter[author_name.lt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "author_name is less than or equal to.",
            "in": "query",
            "name": "filter[author_name.lte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "author_name is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[author_name.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "author_name is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[author_name.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "author_name matches the LIKE pattern, case-sensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[author_name.like]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "author_name matches the LIKE pattern, case-insensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[author_name.ilike]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "author_name is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[author_name.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "author_email equals.",
            "in": "query",
            "name": "filter[author_email]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "author_email equals.",
            "in": "query",
            "name": "filter[author_email.eq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "author_email does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[author_email.neq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "author_email is greater than.",
            "in": "query",
            "name": "filter[author_email.gt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "author_email is greater than or equal to.",
            "in": "query",
            "name": "filter[author_email.gte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "author_email is less than.",
            "in": "query",
            "name": "filter[author_email.lt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "author_email is less than or equal to.",
            "in": "query",
            "name": "filter[author_email.lte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "author_email is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[author_email.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "author_email is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[author_email.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "author_email matches the LIKE pattern, case-sensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[author_email.like]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "author_email matches the LIKE pattern, case-insensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[author_email.ilike]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "author_email is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[author_email.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "body equals.",
            "in": "query",
            "name": "filter[body]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "body equals.",
            "in": "query",
            "name": "filter[body.eq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "body does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[body.neq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "body is greater than.",
            "in": "query",
            "name": "filter[body.gt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "body is greater than or equal to.",
            "in": "query",
            "name": "filter[body.gte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "body is less than.",
            "in": "query",
            "name": "filter[body.lt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "body is less than or equal to.",
            "in": "query",
            "name": "filter[body.lte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "body is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[body.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "body is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[body.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "body matches the LIKE pattern, case-sensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[body.like]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "body matches the LIKE pattern, case-insensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[body.ilike]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "body is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[body.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "status equals.",
            "in": "query",
            "name": "filter[status]",
            "required": false,
            "schema": Object {
              "enum": Array [
                "pending",
                "approved",
                "spam",
              ],
              "type": "string",
            },
          },
          Object {
            "description": "status equals.",
            "in": "query",
            "name": "filter[status.eq]",
            "required": false,
            "schema": Object {
              "enum": Array [
                "pending",
                "approved",
                "spam",
              ],
              "type": "string",
            },
          },
          Object {
            "description": "status does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[status.neq]",
            "required": false,
            "schema": Object {
              "enum": Array [
                "pending",
                "approved",
                "spam",
              ],
              "type": "string",
            },
          },
          Object {
            "description": "status is greater than.",
            "in": "query",
            "name": "filter[status.gt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "status is greater than or equal to.",
            "in": "query",
            "name": "filter[status.gte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "status is less than.",
            "in": "query",
            "name": "filter[status.lt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "status is less than or equal to.",
            "in": "query",
            "name": "filter[status.lte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "status is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[status.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "enum": Array [
                  "pending",
                  "approved",
                  "spam",
                ],
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "status is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[status.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "enum": Array [
                  "pending",
                  "approved",
                  "spam",
                ],
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "status matches the LIKE pattern, case-sensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[status.like]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "status matches the LIKE pattern, case-insensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[status.ilike]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "status is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[status.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "created_at equals.",
            "in": "query",
            "name": "filter[created_at]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at equals.",
            "in": "query",
            "name": "filter[created_at.eq]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[created_at.neq]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at is greater than.",
            "in": "query",
            "name": "filter[created_at.gt]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at is greater than or equal to.",
            "in": "query",
            "name": "filter[created_at.gte]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at is less than.",
            "in": "query",
            "name": "filter[created_at.lt]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at is less than or equal to.",
            "in": "query",
            "name": "filter[created_at.lte]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[created_at.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "anyOf": Array [
                  Object {
                    "format": "date-time",
                    "type": "string",
                  },
                  Object {
                    "format": "date",
                    "type": "string",
                  },
                ],
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "created_at is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[created_at.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "anyOf": Array [
                  Object {
                    "format": "date-time",
                    "type": "string",
                  },
                  Object {
                    "format": "date",
                    "type": "string",
                  },
                ],
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "created_at is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[created_at.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "deleted_at equals.",
            "in": "query",
            "name": "filter[deleted_at]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "deleted_at equals.",
            "in": "query",
            "name": "filter[deleted_at.eq]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "deleted_at does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[deleted_at.neq]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "deleted_at is greater than.",
            "in": "query",
            "name": "filter[deleted_at.gt]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "deleted_at is greater than or equal to.",
            "in": "query",
            "name": "filter[deleted_at.gte]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "deleted_at is less than.",
            "in": "query",
            "name": "filter[deleted_at.lt]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "deleted_at is less than or equal to.",
            "in": "query",
            "name": "filter[deleted_at.lte]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "deleted_at is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[deleted_at.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "anyOf": Array [
                  Object {
                    "format": "date-time",
                    "type": "string",
                  },
                  Object {
                    "format": "date",
                    "type": "string",
                  },
                ],
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "deleted_at is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[deleted_at.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "anyOf": Array [
                  Object {
                    "format": "date-time",
                    "type": "string",
                  },
                  Object {
                    "format": "date",
                    "type": "string",
                  },
                ],
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "deleted_at is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[deleted_at.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "An ETag of an earlier response: 304 without a body when it still matches",
            "in": "header",
            "name": "If-None-Match",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/Comment",
                      },
                      "type": "array",
                    },
                    "meta": Object {
                      "$ref": "#/components/schemas/ListMeta",
                    },
                  },
                  "required": Array [
                    "data",
                    "meta",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "A page of comment records",
            "headers": Object {
              "ETag": Object {
                "description": "Weak entity tag of this response body",
                "schema": Object {
                  "type": "string",
                },
              },
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "304": Object {
            "description": "Not modified: the ETag in If-None-Match still matches",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "List comment records",
        "tags": Array [
          "comment",
        ],
      },
      "post": Object {
        "operationId": "createComment",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/CommentCreate",
              },
            },
          },
          "description": "Field values and nested relation writes. An empty body is treated as {}.",
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Comment",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The created comment record",
            "headers": Object {
              "Location": Object {
                "description": "Path of the created record",
                "schema": Object {
                  "type": "string",
                },
              },
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "413": Object {
            "$ref": "#/components/responses/PayloadTooLarge",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "Create a comment record (optionally with nested writes)",
        "tags": Array [
          "comment",
        ],
      },
    },
    "/comment/{id}": Object {
      "delete": Object {
        "operationId": "deleteComment",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "properties": Object {
                        "id": Object {
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "id",
                      ],
                      "type": "object",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The primary key of the deleted record",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "412": Object {
            "$ref": "#/components/responses/PreconditionFailed",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "Delete a comment record (soft delete, applying on_delete policies)",
        "tags": Array [
          "comment",
        ],
      },
      "get": Object {
        "operationId": "getComment",
        "parameters": Array [
          Object {
            "description": "Comma-separated relation paths, up to three dotted levels (e.g. a.b.c). Available here: post, post_comments.",
            "explode": false,
            "in": "query",
            "name": "include",
            "required": false,
            "schema": Object {
              "items": Object {
                "pattern": "^[a-z_][a-z0-9_]*(\\\\.[a-z_][a-z0-9_]*){0,2}$",
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "Comma-separated fields to answer with (the primary key always stays); \`relation.field\` includes that relation with only those fields. Unknown names: 400 UNKNOWN_FIELD.",
            "in": "query",
            "name": "fields",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "An ETag of an earlier response: 304 without a body when it still matches",
            "in": "header",
            "name": "If-None-Match",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Comment",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The comment record",
            "headers": Object {
              "ETag": Object {
                "description": "Weak entity tag of this response body",
                "schema": Object {
                  "type": "string",
                },
              },
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "304": Object {
            "description": "Not modified: the ETag in If-None-Match still matches",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "Read one comment record",
        "tags": Array [
          "comment",
        ],
      },
      "parameters": Array [
        Object {
          "description": "Primary key (id, uuid).",
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "format": "uuid",
            "type": "string",
          },
        },
      ],
      "patch": Object {
        "operationId": "patchComment",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/CommentUpdate",
              },
            },
          },
          "description": "Only keys present are changed. An empty body is treated as {}.",
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Comment",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The updated comment record",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "412": Object {
            "$ref": "#/components/responses/PreconditionFailed",
          },
          "413": Object {
            "$ref": "#/components/responses/PayloadTooLarge",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "Partially update a comment record (optionally with nested writes)",
        "tags": Array [
          "comment",
        ],
      },
      "put": Object {
        "operationId": "updateComment",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/CommentUpdate",
              },
            },
          },
          "description": "Only keys present are changed. An empty body is treated as {}.",
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Comment",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The updated comment record",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "412": Object {
            "$ref": "#/components/responses/PreconditionFailed",
          },
          "413": Object {
            "$ref": "#/components/responses/PayloadTooLarge",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "Partially update a comment record (optionally with nested writes)",
        "tags": Array [
          "comment",
        ],
      },
    },
    "/comment/{id}/history": Object {
      "get": Object {
        "operationId": "historyComment",
        "parameters": Array [
          Object {
            "$ref": "#/components/parameters/page",
          },
          Object {
            "$ref": "#/components/parameters/per_page",
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/AuditLogPage",
                },
              },
            },
            "description": "A page of entries",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Audit history of one comment record, newest first (read permission; admins also see deleted records and ip_address)",
        "tags": Array [
          "comment",
        ],
      },
      "parameters": Array [
        Object {
          "description": "Primary key (id, uuid).",
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "format": "uuid",
            "type": "string",
          },
        },
      ],
    },
    "/post": Object {
      "get": Object {
        "operationId": "listPost",
        "parameters": Array [
          Object {
            "$ref": "#/components/parameters/page",
          },
          Object {
            "$ref": "#/components/parameters/per_page",
          },
          Object {
            "description": "Comma-separated fields; \`-\` prefix = descending. NULLs sort last ascending; the primary key is the final tiebreaker.",
            "explode": false,
            "in": "query",
            "name": "sort",
            "required": false,
            "schema": Object {
              "items": Object {
                "enum": Array [
                  "id",
                  "-id",
                  "title",
                  "-title",
                  "slug",
                  "-slug",
                  "excerpt",
                  "-excerpt",
                  "body",
                  "-body",
                  "status",
                  "-status",
                  "featured_image",
                  "-featured_image",
                  "author_id",
                  "-author_id",
                  "category_id",
                  "-category_id",
                  "published_at",
                  "-published_at",
                  "created_at",
                  "-created_at",
                  "updated_at",
                  "-updated_at",
                  "deleted_at",
                  "-deleted_at",
                ],
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "Comma-separated relation paths, up to three dotted levels (e.g. a.b.c). Available here: author, comment, comments, post_author, post_comments, post_tags, tag, tags.",
            "explode": false,
            "in": "query",
            "name": "include",
            "required": false,
            "schema": Object {
              "items": Object {
                "pattern": "^[a-z_][a-z0-9_]*(\\\\.[a-z_][a-z0-9_]*){0,2}$",
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "Comma-separated fields to answer with (the primary key always stays); \`relation.field\` includes that relation with only those fields. Unknown names: 400 UNKNOWN_FIELD.",
            "in": "query",
            "name": "fields",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "$ref": "#/components/parameters/total",
          },
          Object {
            "description": "id equals.",
            "in": "query",
            "name": "filter[id]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id equals.",
            "in": "query",
            "name": "filter[id.eq]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[id.neq]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id is greater than.",
            "in": "query",
            "name": "filter[id.gt]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id is greater than or equal to.",
            "in": "query",
            "name": "filter[id.gte]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id is less than.",
            "in": "query",
            "name": "filter[id.lt]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id is less than or equal to.",
            "in": "query",
            "name": "filter[id.lte]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[id.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "format": "uuid",
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "id is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[id.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "format": "uuid",
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "id is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[id.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "title equals.",
            "in": "query",
            "name": "filter[title]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "title equals.",
            "in": "query",
            "name": "filter[title.eq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "title does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[title.neq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "title is greater than.",
            "in": "query",
            "name": "filter[title.gt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "title is greater than or equal to.",
            "in": "query",
            "name": "filter[title.gte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "title is less than.",
            "in": "query",
            "name": "filter[title.lt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "title is less than or equal to.",
            "in": "query",
            "name": "filter[title.lte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "title is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[title.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "title is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[title.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "title matches the LIKE pattern, case-sensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[title.like]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "title matches the LIKE pattern, case-insensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[title.ilike]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "title is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[title.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "slug equals.",
            "in": "query",
            "name": "filter[slug]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "slug equals.",
            "in": "query",
            "name": "filter[slug.eq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "slug does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[slug.neq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "slug is greater than.",
            "in": "query",
            "name": "filter[slug.gt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "slug is greater than or equal to.",
            "in": "query",
            "name": "filter[slug.gte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "slug is less than.",
            "in": "query",
            "name": "filter[slug.lt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "slug is less than or equal to.",
            "in": "query",
            "name": "filter[slug.lte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "slug is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[slug.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "slug is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[slug.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "slug matches the LIKE pattern, case-sensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[slug.like]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "slug matches the LIKE pattern, case-insensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[slug.ilike]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "slug is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[slug.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "excerpt equals.",
            "in": "query",
            "name": "filter[excerpt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "excerpt equals.",
            "in": "query",
            "name": "filter[excerpt.eq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "excerpt does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[excerpt.neq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "excerpt is greater than.",
            "in": "query",
            "name": "filter[excerpt.gt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "excerpt is greater than or equal to.",
            "in": "query",
            "name": "filter[excerpt.gte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "excerpt is less than.",
            "in": "query",
            "name": "filter[excerpt.lt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "excerpt is less than or equal to.",
            "in": "query",
            "name": "filter[excerpt.lte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "excerpt is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[excerpt.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "excerpt is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[excerpt.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "excerpt matches the LIKE pattern, case-sensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[excerpt.like]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "excerpt matches the LIKE pattern, case-insensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[excerpt.ilike]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "excerpt is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[excerpt.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "body equals.",
            "in": "query",
            "name": "filter[body]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "body equals.",
            "in": "query",
            "name": "filter[body.eq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "body does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[body.neq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "body is greater than.",
            "in": "query",
            "name": "filter[body.gt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "body is greater than or equal to.",
            "in": "query",
            "name": "filter[body.gte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "body is less than.",
            "in": "query",
            "name": "filter[body.lt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "body is less than or equal to.",
            "in": "query",
            "name": "filter[body.lte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "body is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[body.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "body is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[body.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "body matches the LIKE pattern, case-sensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[body.like]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "body matches the LIKE pattern, case-insensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[body.ilike]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "body is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[body.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "status equals.",
            "in": "query",
            "name": "filter[status]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "status equals.",
            "in": "query",
            "name": "filter[status.eq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "status does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[status.neq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "status is greater than.",
            "in": "query",
            "name": "filter[status.gt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "status is greater than or equal to.",
            "in": "query",
            "name": "filter[status.gte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "status is less than.",
            "in": "query",
            "name": "filter[status.lt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "status is less than or equal to.",
            "in": "query",
            "name": "filter[status.lte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "status is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[status.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "status is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[status.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "status matches the LIKE pattern, case-sensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[status.like]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "status matches the LIKE pattern, case-insensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[status.ilike]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "status is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[status.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "featured_image is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[featured_image.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "author_id equals.",
            "in": "query",
            "name": "filter[author_id]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "author_id equals.",
            "in": "query",
            "name": "filter[author_id.eq]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "author_id does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[author_id.neq]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "author_id is greater than.",
            "in": "query",
            "name": "filter[author_id.gt]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "author_id is greater than or equal to.",
            "in": "query",
            "name": "filter[author_id.gte]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "author_id is less than.",
            "in": "query",
            "name": "filter[author_id.lt]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "author_id is less than or equal to.",
            "in": "query",
            "name": "filter[author_id.lte]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "author_id is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[author_id.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "format": "uuid",
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "author_id is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[author_id.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "format": "uuid",
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "author_id is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[author_id.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "category_id equals.",
            "in": "query",
            "name": "filter[category_id]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "category_id equals.",
            "in": "query",
            "name": "filter[category_id.eq]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "category_id does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[category_id.neq]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "category_id is greater than.",
            "in": "query",
            "name": "filter[category_id.gt]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "category_id is greater than or equal to.",
            "in": "query",
            "name": "filter[category_id.gte]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "category_id is less than.",
            "in": "query",
            "name": "filter[category_id.lt]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "category_id is less than or equal to.",
            "in": "query",
            "name": "filter[category_id.lte]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "category_id is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[category_id.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "format": "uuid",
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "category_id is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[category_id.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "format": "uuid",
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "category_id is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[category_id.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "published_at equals.",
            "in": "query",
            "name": "filter[published_at]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "published_at equals.",
            "in": "query",
            "name": "filter[published_at.eq]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "published_at does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[published_at.neq]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "published_at is greater than.",
            "in": "query",
            "name": "filter[published_at.gt]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "published_at is greater than or equal to.",
            "in": "query",
            "name": "filter[published_at.gte]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "published_at is less than.",
            "in": "query",
            "name": "filter[published_at.lt]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "published_at is less than or equal to.",
            "in": "query",
            "name": "filter[published_at.lte]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "published_at is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[published_at.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "anyOf": Array [
                  Object {
                    "format": "date-time",
                    "type": "string",
                  },
                  Object {
                    "format": "date",
                    "type": "string",
                  },
                ],
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "published_at is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[published_at.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "anyOf": Array [
                  Object {
                    "format": "date-time",
                    "type": "string",
                  },
                  Object {
                    "format": "date",
                    "type": "string",
                  },
                ],
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "published_at is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[published_at.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "created_at equals.",
            "in": "query",
            "name": "filter[created_at]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at equals.",
            "in": "query",
            "name": "filter[created_at.eq]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[created_at.neq]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at is greater than.",
            "in": "query",
            "name": "filter[created_at.gt]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at is greater than or equal to.",
            "in": "query",
            "name": "filter[created_at.gte]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at is less than.",
            "in": "query",
            "name": "filter[created_at.lt]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at is less than or equal to.",
            "in": "query",
            "name": "filter[created_at.lte]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[created_at.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "anyOf": Array [
                  Object {
                    "format": "date-time",
                    "type": "string",
                  },
                  Object {
                    "format": "date",
                    "type": "string",
                  },
                ],
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "created_at is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[created_at.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "anyOf": Array [
                  Object {
                    "format": "date-time",
                    "type": "string",
                  },
                  Object {
                    "format": "date",
                    "type": "string",
                  },
                ],
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "created_at is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[created_at.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "updated_at equals.",
            "in": "query",
            "name": "filter[updated_at]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "updated_at equals.",
            "in": "query",
            "name": "filter[updated_at.eq]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "updated_at does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[updated_at.neq]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "updated_at is greater than.",
            "in": "query",
            "name": "filter[updated_at.gt]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "updated_at is greater than or equal to.",
            "in": "query",
            "name": "filter[updated_at.gte]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "updated_at is less than.",
            "in": "query",
            "name": "filter[updated_at.lt]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "updated_at is less than or equal to.",
            "in": "query",
            "name": "filter[updated_at.lte]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "updated_at is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[updated_at.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "anyOf": Array [
                  Object {
                    "format": "date-time",
                    "type": "string",
                  },
                  Object {
                    "format": "date",
                    "type": "string",
                  },
                ],
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "updated_at is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[updated_at.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "anyOf": Array [
                  Object {
                    "format": "date-time",
                    "type": "string",
                  },
                  Object {
                    "format": "date",
                    "type": "string",
                  },
                ],
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "updated_at is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[updated_at.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "deleted_at equals.",
            "in": "query",
            "name": "filter[deleted_at]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "deleted_at equals.",
            "in": "query",
            "name": "filter[deleted_at.eq]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "deleted_at does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[deleted_at.neq]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "deleted_at is greater than.",
            "in": "query",
            "name": "filter[deleted_at.gt]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "deleted_at is greater than or equal to.",
            "in": "query",
            "name": "filter[deleted_at.gte]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "deleted_at is less than.",
            "in": "query",
            "name": "filter[deleted_at.lt]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "deleted_at is less than or equal to.",
            "in": "query",
            "name": "filter[deleted_at.lte]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "deleted_at is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[deleted_at.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "anyOf": Array [
                  Object {
                    "format": "date-time",
                    "type": "string",
                  },
                  Object {
                    "format": "date",
                    "type": "string",
                  },
                ],
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "deleted_at is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[deleted_at.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "anyOf": Array [
                  Object {
                    "format": "date-time",
                    "type": "string",
                  },
                  Object {
                    "format": "date",
                    "type": "string",
                  },
                ],
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "deleted_at is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[deleted_at.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "An ETag of an earlier response: 304 without a body when it still matches",
            "in": "header",
            "name": "If-None-Match",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/Post",
                      },
                      "type": "array",
                    },
                    "meta": Object {
                      "$ref": "#/components/schemas/ListMeta",
                    },
                  },
                  "required": Array [
                    "data",
                    "meta",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "A page of post records",
            "headers": Object {
              "ETag": Object {
                "description": "Weak entity tag of this response body",
                "schema": Object {
                  "type": "string",
                },
              },
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "304": Object {
            "description": "Not modified: the ETag in If-None-Match still matches",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "List post records",
        "tags": Array [
          "post",
        ],
      },
      "post": Object {
        "operationId": "createPost",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/PostCreate",
              },
            },
          },
          "description": "Field values and nested relation writes. An empty body is treated as {}.",
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Post",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The created post record",
            "headers": Object {
              "Location": Object {
                "description": "Path of the created record",
                "schema": Object {
                  "type": "string",
                },
              },
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "413": Object {
            "$ref": "#/components/responses/PayloadTooLarge",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "Create a post record (optionally with nested writes)",
        "tags": Array [
          "post",
        ],
      },
    },
    "/post/{id}": Object {
      "delete": Object {
        "operationId": "deletePost",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "properties": Object {
                        "id": Object {
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "id",
                      ],
                      "type": "object",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The primary key of the deleted record",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "412": Object {
            "$ref": "#/components/responses/PreconditionFailed",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "Delete a post record (soft delete, applying on_delete policies)",
        "tags": Array [
          "post",
        ],
      },
      "get": Object {
        "operationId": "getPost",
        "parameters": Array [
          Object {
            "description": "Comma-separated relation paths, up to three dotted levels (e.g. a.b.c). Available here: author, comment, comments, post_author, post_comments, post_tags, tag, tags.",
            "explode": false,
            "in": "query",
            "name": "include",
            "required": false,
            "schema": Object {
              "items": Object {
                "pattern": "^[a-z_][a-z0-9_]*(\\\\.[a-z_][a-z0-9_]*){0,2}$",
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "Comma-separated fields to answer with (the primary key always stays); \`relation.field\` includes that relation with only those fields. Unknown names: 400 UNKNOWN_FIELD.",
            "in": "query",
            "name": "fields",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "An ETag of an earlier response: 304 without a body when it still matches",
            "in": "header",
            "name": "If-None-Match",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Post",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The post record",
            "headers": Object {
              "ETag": Object {
                "description": "Weak entity tag of this response body",
                "schema": Object {
                  "type": "string",
                },
              },
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "304": Object {
            "description": "Not modified: the ETag in If-None-Match still matches",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "Read one post record",
        "tags": Array [
          "post",
        ],
      },
      "parameters": Array [
        Object {
          "description": "Primary key (id, uuid) or slug (slug).",
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "type": "string",
          },
        },
      ],
      "patch": Object {
        "operationId": "patchPost",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/PostUpdate",
              },
            },
          },
          "description": "Only keys present are changed. An empty body is treated as {}.",
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Post",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The updated post record",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "412": Object {
            "$ref": "#/components/responses/PreconditionFailed",
          },
          "413": Object {
            "$ref": "#/components/responses/PayloadTooLarge",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "Partially update a post record (optionally with nested writes)",
        "tags": Array [
          "post",
        ],
      },
      "put": Object {
        "operationId": "updatePost",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/PostUpdate",
              },
            },
          },
          "description": "Only keys present are changed. An empty body is treated as {}.",
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Post",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The updated post record",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "412": Object {
            "$ref": "#/components/responses/PreconditionFailed",
          },
          "413": Object {
            "$ref": "#/components/responses/PayloadTooLarge",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "Partially update a post record (optionally with nested writes)",
        "tags": Array [
          "post",
        ],
      },
    },
    "/post/{id}/history": Object {
      "get": Object {
        "operationId": "historyPost",
        "parameters": Array [
          Object {
            "$ref": "#/components/parameters/page",
          },
          Object {
            "$ref": "#/components/parameters/per_page",
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/AuditLogPage",
                },
              },
            },
            "description": "A page of entries",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Audit history of one post record, newest first (read permission; admins also see deleted records and ip_address)",
        "tags": Array [
          "post",
        ],
      },
      "parameters": Array [
        Object {
          "description": "Primary key (id, uuid) or slug (slug).",
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "type": "string",
          },
        },
      ],
    },
    "/tag": Object {
      "get": Object {
        "operationId": "listTag",
        "parameters": Array [
          Object {
            "$ref": "#/components/parameters/page",
          },
          Object {
            "$ref": "#/components/parameters/per_page",
          },
          Object {
            "description": "Comma-separated fields; \`-\` prefix = descending. NULLs sort last ascending; the primary key is the final tiebreaker.",
            "explode": false,
            "in": "query",
            "name": "sort",
            "required": false,
            "schema": Object {
              "items": Object {
                "enum": Array [
                  "id",
                  "-id",
                  "name",
                  "-name",
                  "slug",
                  "-slug",
                  "created_at",
                  "-created_at",
                ],
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "Comma-separated relation paths, up to three dotted levels (e.g. a.b.c). Available here: post, post_tags.",
            "explode": false,
            "in": "query",
            "name": "include",
            "required": false,
            "schema": Object {
              "items": Object {
                "pattern": "^[a-z_][a-z0-9_]*(\\\\.[a-z_][a-z0-9_]*){0,2}$",
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "Comma-separated fields to answer with (the primary key always stays); \`relation.field\` includes that relation with only those fields. Unknown names: 400 UNKNOWN_FIELD.",
            "in": "query",
            "name": "fields",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "$ref": "#/components/parameters/total",
          },
          Object {
            "description": "id equals.",
            "in": "query",
            "name": "filter[id]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id equals.",
            "in": "query",
            "name": "filter[id.eq]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[id.neq]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id is greater than.",
            "in": "query",
            "name": "filter[id.gt]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id is greater than or equal to.",
            "in": "query",
            "name": "filter[id.gte]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id is less than.",
            "in": "query",
            "name": "filter[id.lt]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id is less than or equal to.",
            "in": "query",
            "name": "filter[id.lte]",
            "required": false,
            "schema": Object {
              "format": "uuid",
              "type": "string",
            },
          },
          Object {
            "description": "id is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[id.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "format": "uuid",
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "id is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[id.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "format": "uuid",
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "id is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[id.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "name equals.",
            "in": "query",
            "name": "filter[name]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "name equals.",
            "in": "query",
            "name": "filter[name.eq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "name does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[name.neq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "name is greater than.",
            "in": "query",
            "name": "filter[name.gt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "name is greater than or equal to.",
            "in": "query",
            "name": "filter[name.gte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "name is less than.",
            "in": "query",
            "name": "filter[name.lt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "name is less than or equal to.",
            "in": "query",
            "name": "filter[name.lte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "name is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[name.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "name is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[name.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "name matches the LIKE pattern, case-sensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[name.like]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "name matches the LIKE pattern, case-insensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[name.ilike]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "name is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[name.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "slug equals.",
            "in": "query",
            "name": "filter[slug]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "slug equals.",
            "in": "query",
            "name": "filter[slug.eq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "slug does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[slug.neq]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "slug is greater than.",
            "in": "query",
            "name": "filter[slug.gt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "slug is greater than or equal to.",
            "in": "query",
            "name": "filter[slug.gte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "slug is less than.",
            "in": "query",
            "name": "filter[slug.lt]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "slug is less than or equal to.",
            "in": "query",
            "name": "filter[slug.lte]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "slug is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[slug.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "slug is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[slug.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "slug matches the LIKE pattern, case-sensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[slug.like]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "slug matches the LIKE pattern, case-insensitive (% and _ are wildcards).",
            "in": "query",
            "name": "filter[slug.ilike]",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "slug is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[slug.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "created_at equals.",
            "in": "query",
            "name": "filter[created_at]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at equals.",
            "in": "query",
            "name": "filter[created_at.eq]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at does not equal (NULL rows do not match).",
            "in": "query",
            "name": "filter[created_at.neq]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at is greater than.",
            "in": "query",
            "name": "filter[created_at.gt]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at is greater than or equal to.",
            "in": "query",
            "name": "filter[created_at.gte]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at is less than.",
            "in": "query",
            "name": "filter[created_at.lt]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at is less than or equal to.",
            "in": "query",
            "name": "filter[created_at.lte]",
            "required": false,
            "schema": Object {
              "anyOf": Array [
                Object {
                  "format": "date-time",
                  "type": "string",
                },
                Object {
                  "format": "date",
                  "type": "string",
                },
              ],
            },
          },
          Object {
            "description": "created_at is one of (comma-separated list).",
            "explode": false,
            "in": "query",
            "name": "filter[created_at.in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "anyOf": Array [
                  Object {
                    "format": "date-time",
                    "type": "string",
                  },
                  Object {
                    "format": "date",
                    "type": "string",
                  },
                ],
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "created_at is none of (comma-separated list; NULL rows do not match).",
            "explode": false,
            "in": "query",
            "name": "filter[created_at.not_in]",
            "required": false,
            "schema": Object {
              "items": Object {
                "anyOf": Array [
                  Object {
                    "format": "date-time",
                    "type": "string",
                  },
                  Object {
                    "format": "date",
                    "type": "string",
                  },
                ],
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "created_at is NULL (true) or is not NULL (false).",
            "in": "query",
            "name": "filter[created_at.is_null]",
            "required": false,
            "schema": Object {
              "type": "boolean",
            },
          },
          Object {
            "description": "An ETag of an earlier response: 304 without a body when it still matches",
            "in": "header",
            "name": "If-None-Match",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "items": Object {
                        "$ref": "#/components/schemas/Tag",
                      },
                      "type": "array",
                    },
                    "meta": Object {
                      "$ref": "#/components/schemas/ListMeta",
                    },
                  },
                  "required": Array [
                    "data",
                    "meta",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "A page of tag records",
            "headers": Object {
              "ETag": Object {
                "description": "Weak entity tag of this response body",
                "schema": Object {
                  "type": "string",
                },
              },
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "304": Object {
            "description": "Not modified: the ETag in If-None-Match still matches",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "List tag records",
        "tags": Array [
          "tag",
        ],
      },
      "post": Object {
        "operationId": "createTag",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/TagCreate",
              },
            },
          },
          "description": "Field values and nested relation writes. An empty body is treated as {}.",
        },
        "responses": Object {
          "201": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Tag",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The created tag record",
            "headers": Object {
              "Location": Object {
                "description": "Path of the created record",
                "schema": Object {
                  "type": "string",
                },
              },
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "413": Object {
            "$ref": "#/components/responses/PayloadTooLarge",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "Create a tag record (optionally with nested writes)",
        "tags": Array [
          "tag",
        ],
      },
    },
    "/tag/{id}": Object {
      "delete": Object {
        "operationId": "deleteTag",
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "properties": Object {
                        "id": Object {
                          "type": "string",
                        },
                      },
                      "required": Array [
                        "id",
                      ],
                      "type": "object",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The primary key of the deleted record",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "412": Object {
            "$ref": "#/components/responses/PreconditionFailed",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "Delete a tag record (hard delete, applying on_delete policies)",
        "tags": Array [
          "tag",
        ],
      },
      "get": Object {
        "operationId": "getTag",
        "parameters": Array [
          Object {
            "description": "Comma-separated relation paths, up to three dotted levels (e.g. a.b.c). Available here: post, post_tags.",
            "explode": false,
            "in": "query",
            "name": "include",
            "required": false,
            "schema": Object {
              "items": Object {
                "pattern": "^[a-z_][a-z0-9_]*(\\\\.[a-z_][a-z0-9_]*){0,2}$",
                "type": "string",
              },
              "type": "array",
            },
            "style": "form",
          },
          Object {
            "description": "Comma-separated fields to answer with (the primary key always stays); \`relation.field\` includes that relation with only those fields. Unknown names: 400 UNKNOWN_FIELD.",
            "in": "query",
            "name": "fields",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
          Object {
            "description": "An ETag of an earlier response: 304 without a body when it still matches",
            "in": "header",
            "name": "If-None-Match",
            "required": false,
            "schema": Object {
              "type": "string",
            },
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Tag",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The tag record",
            "headers": Object {
              "ETag": Object {
                "description": "Weak entity tag of this response body",
                "schema": Object {
                  "type": "string",
                },
              },
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "304": Object {
            "description": "Not modified: the ETag in If-None-Match still matches",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "Read one tag record",
        "tags": Array [
          "tag",
        ],
      },
      "parameters": Array [
        Object {
          "description": "Primary key (id, uuid) or slug (slug).",
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "type": "string",
          },
        },
      ],
      "patch": Object {
        "operationId": "patchTag",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/TagUpdate",
              },
            },
          },
          "description": "Only keys present are changed. An empty body is treated as {}.",
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Tag",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The updated tag record",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "412": Object {
            "$ref": "#/components/responses/PreconditionFailed",
          },
          "413": Object {
            "$ref": "#/components/responses/PayloadTooLarge",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "Partially update a tag record (optionally with nested writes)",
        "tags": Array [
          "tag",
        ],
      },
      "put": Object {
        "operationId": "updateTag",
        "requestBody": Object {
          "content": Object {
            "application/json": Object {
              "schema": Object {
                "$ref": "#/components/schemas/TagUpdate",
              },
            },
          },
          "description": "Only keys present are changed. An empty body is treated as {}.",
        },
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "properties": Object {
                    "data": Object {
                      "$ref": "#/components/schemas/Tag",
                    },
                  },
                  "required": Array [
                    "data",
                  ],
                  "type": "object",
                },
              },
            },
            "description": "The updated tag record",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "400": Object {
            "$ref": "#/components/responses/BadRequest",
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
          "409": Object {
            "$ref": "#/components/responses/Conflict",
          },
          "412": Object {
            "$ref": "#/components/responses/PreconditionFailed",
          },
          "413": Object {
            "$ref": "#/components/responses/PayloadTooLarge",
          },
          "422": Object {
            "$ref": "#/components/responses/ValidationFailed",
          },
          "500": Object {
            "$ref": "#/components/responses/InternalError",
          },
        },
        "summary": "Partially update a tag record (optionally with nested writes)",
        "tags": Array [
          "tag",
        ],
      },
    },
    "/tag/{id}/history": Object {
      "get": Object {
        "operationId": "historyTag",
        "parameters": Array [
          Object {
            "$ref": "#/components/parameters/page",
          },
          Object {
            "$ref": "#/components/parameters/per_page",
          },
        ],
        "responses": Object {
          "200": Object {
            "content": Object {
              "application/json": Object {
                "schema": Object {
                  "$ref": "#/components/schemas/AuditLogPage",
                },
              },
            },
            "description": "A page of entries",
            "headers": Object {
              "X-Request-ID": Object {
                "$ref": "#/components/headers/X-Request-ID",
              },
            },
          },
          "401": Object {
            "$ref": "#/components/responses/Unauthorized",
          },
          "403": Object {
            "$ref": "#/components/responses/Forbidden",
          },
          "404": Object {
            "$ref": "#/components/responses/NotFound",
          },
        },
        "summary": "Audit history of one tag record, newest first (read permission; admins also see deleted records and ip_address)",
        "tags": Array [
          "tag",
        ],
      },
      "parameters": Array [
        Object {
          "description": "Primary key (id, uuid) or slug (slug).",
          "in": "path",
          "name": "id",
          "required": true,
          "schema": Object {
            "type": "string",
          },
        },
      ],
    },
  },
  "security": Array [
    Object {
      "bearerAuth": Array [],
    },
  ],
  "servers": Array [
    Object {
      "url": "/api/blog",
    },
  ],
  "tags": Array [
    Object {
      "name": "author",
    },
    Object {
      "name": "comment",
    },
    Object {
      "name": "post",
    },
    Object {
      "name": "tag",
    },
    Object {
      "description": "Admin APIs (role admin)",
      "name": "_admin",
    },
    Object {
      "description": "Uploaded files",
      "name": "_files",
    },
    Object {
      "description": "Workflow instances and approvals",
      "name": "_workflows",
    },
    Object {
      "description": "Business events, traces and their aggregates",
      "name": "_events",
    },
    Object {
      "description": "UI configurations for client UIs",
      "name": "_ui",
    },
  ],
}
`
