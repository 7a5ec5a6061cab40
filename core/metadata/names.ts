// Identifier rules shared by entity and relation validation (metadata.md §2.3): patterns,
// length limit, reserved entity names and system table names.

import { MAX_IDENTIFIER_LENGTH } from './index-name.js';

const ENTITY_NAME_RE = /^[a-z_][a-z0-9_]*$/;
const FIELD_NAME_RE = /^[a-z][a-z0-9_]*$/;

/** First URL segments owned by other handlers; an entity may not take them. */
export const RESERVED_ENTITY_NAMES: ReadonlySet<string> = new Set([
  'auth', '_admin', '_ui', '_workflows', '_files', '_events', '_public', '_dashboards', '_reports', '_audit',
]);

/** Per-app system tables (platform-and-apps.md §9). */
export const SYSTEM_TABLES: ReadonlySet<string> = new Set([
  '_entities', '_relations', '_rules', '_state_machines', '_workflows', '_workflow_instances', '_users',
  '_refresh_tokens', '_invites', '_permissions', '_webhooks', '_webhook_logs', '_files', '_ui_configs',
  '_events', '_audit_logs',
]);

/** Engine tables outside the per-app list: migrations bookkeeping and the management tables. */
const ENGINE_TABLES: ReadonlySet<string> = new Set(['_migrations', '_apps', '_platform_users', '_platform_refresh_tokens']);

/**
 * A name an entity table or join table may not take: the system tables above and the engine's
 * others, and the databases' own namespaces, on every dialect alike — `pg_*` (PostgreSQL resolves
 * pg_catalog first, so `pg_user` would read the catalogue) and `sqlite_*` (reserved by SQLite).
 */
export function isReservedTableName(name: string): boolean {
  return SYSTEM_TABLES.has(name) || ENGINE_TABLES.has(name) || name.startsWith('pg_') || name.startsWith('sqlite_');
}

/** Entity, table, relation and join-table names (and join-table columns). */
export function isValidIdentifier(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_IDENTIFIER_LENGTH && ENTITY_NAME_RE.test(value);
}

/** Field names: like identifiers but must start with a letter. */
export function isValidFieldName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_IDENTIFIER_LENGTH && FIELD_NAME_RE.test(value);
}

/** "Present" for a required name: a non-empty string or any other non-null value. */
export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** Renders an arbitrary input value inside a message the way a template literal would for strings. */
export function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
