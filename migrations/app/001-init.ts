// Per-app system tables for metadata, identity, permissions and files (platform-and-apps.md §9).
// Later features add their tables in their own migration files.
import type { Migration, MigrationContext } from '../../core/db/migrator.js';

function id(m: MigrationContext) {
  return (c: any) => (m.defaults.uuid ? c.primaryKey().defaultTo(m.defaults.uuid) : c.primaryKey());
}

export const init: Migration = {
  version: 1,
  name: 'init',
  async up(m) {
    const { builder: b, t, defaults: d, exec } = m;
    await exec(b.schema.createTable('_entities').ifNotExists()
      .addColumn('name', t.text, (c) => c.primaryKey())
      .addColumn('table_name', t.text, (c) => c.notNull().unique())
      .addColumn('definition', t.jsonb, (c) => c.notNull())
      .addColumn('created_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now))
      .addColumn('updated_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now)));
    await exec(b.schema.createTable('_relations').ifNotExists()
      .addColumn('name', t.text, (c) => c.primaryKey())
      .addColumn('source', t.text, (c) => c.notNull().references('_entities.name').onDelete('cascade'))
      .addColumn('target', t.text, (c) => c.notNull().references('_entities.name').onDelete('cascade'))
      .addColumn('definition', t.jsonb, (c) => c.notNull())
      .addColumn('created_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now))
      .addColumn('updated_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now)));
    await exec(b.schema.createTable('_users').ifNotExists()
      .addColumn('id', t.uuid, id(m))
      .addColumn('email', t.text, (c) => c.notNull().unique())
      .addColumn('password_hash', t.text, (c) => c.notNull())
      .addColumn('roles', t.textArray, (c) => c.notNull().defaultTo(d.emptyTextArray))
      .addColumn('active', t.boolean, (c) => c.notNull().defaultTo(d.true))
      .addColumn('created_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now))
      .addColumn('updated_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now)));
    await exec(b.schema.createTable('_refresh_tokens').ifNotExists()
      .addColumn('id', t.uuid, id(m))
      .addColumn('user_id', t.uuid, (c) => c.notNull().references('_users.id').onDelete('cascade'))
      .addColumn('token', t.uuid, (c) => c.notNull().unique())
      .addColumn('expires_at', t.timestamptz, (c) => c.notNull())
      .addColumn('created_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now)));
    await exec(b.schema.createIndex('idx_refresh_tokens_token').ifNotExists().on('_refresh_tokens').column('token'));
    await exec(b.schema.createIndex('idx_refresh_tokens_expires').ifNotExists().on('_refresh_tokens').column('expires_at'));
    await exec(b.schema.createTable('_invites').ifNotExists()
      .addColumn('id', t.uuid, id(m))
      .addColumn('email', t.text, (c) => c.notNull())
      .addColumn('roles', t.textArray, (c) => c.notNull().defaultTo(d.emptyTextArray))
      .addColumn('token', t.text, (c) => c.notNull().unique())
      .addColumn('expires_at', t.timestamptz, (c) => c.notNull())
      .addColumn('accepted_at', t.timestamptz)
      .addColumn('invited_by', t.uuid)
      .addColumn('created_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now)));
    await exec(b.schema.createIndex('idx_invites_token').ifNotExists().on('_invites').column('token'));
    await exec(b.schema.createIndex('idx_invites_email').ifNotExists().on('_invites').column('email'));
    await exec(b.schema.createTable('_permissions').ifNotExists()
      .addColumn('id', t.uuid, id(m))
      .addColumn('entity', t.text, (c) => c.notNull())
      .addColumn('action', t.text, (c) => c.notNull())
      .addColumn('roles', t.textArray, (c) => c.notNull().defaultTo(d.emptyTextArray))
      .addColumn('conditions', t.jsonb, (c) => c.notNull().defaultTo(d.emptyJsonArray))
      .addColumn('created_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now))
      .addColumn('updated_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now)));
    await exec(b.schema.createTable('_files').ifNotExists()
      .addColumn('id', t.uuid, id(m))
      .addColumn('filename', t.text, (c) => c.notNull())
      .addColumn('storage_path', t.text, (c) => c.notNull())
      .addColumn('mime_type', t.text, (c) => c.notNull().defaultTo('application/octet-stream'))
      .addColumn('size', t.bigint, (c) => c.notNull().defaultTo(0))
      .addColumn('uploaded_by', t.uuid)
      .addColumn('created_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now)));
  },
};
