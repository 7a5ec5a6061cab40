// Management database: apps, platform users and their refresh tokens (platform-and-apps.md §3.1).
import type { Migration } from '../../core/db/migrator.js';

export const init: Migration = {
  version: 1,
  name: 'init',
  async up({ builder: b, t, defaults: d, exec }) {
    await exec(b.schema.createTable('_apps').ifNotExists()
      .addColumn('name', t.text, (c) => c.primaryKey())
      .addColumn('display_name', t.text, (c) => c.notNull())
      .addColumn('db_name', t.text, (c) => c.notNull().unique())
      .addColumn('jwt_secret', t.text, (c) => c.notNull())
      .addColumn('db_driver', t.text, (c) => c.notNull().defaultTo('postgres'))
      .addColumn('status', t.text, (c) => c.notNull().defaultTo('active'))
      .addColumn('created_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now))
      .addColumn('updated_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now)));
    await exec(b.schema.createTable('_platform_users').ifNotExists()
      .addColumn('id', t.uuid, (c) => (d.uuid ? c.primaryKey().defaultTo(d.uuid) : c.primaryKey()))
      .addColumn('email', t.text, (c) => c.notNull().unique())
      .addColumn('password_hash', t.text, (c) => c.notNull())
      .addColumn('roles', t.textArray, (c) => c.notNull().defaultTo(d.emptyTextArray))
      .addColumn('active', t.boolean, (c) => c.notNull().defaultTo(d.true))
      .addColumn('created_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now))
      .addColumn('updated_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now)));
    await exec(b.schema.createTable('_platform_refresh_tokens').ifNotExists()
      .addColumn('id', t.uuid, (c) => (d.uuid ? c.primaryKey().defaultTo(d.uuid) : c.primaryKey()))
      .addColumn('user_id', t.uuid, (c) => c.notNull().references('_platform_users.id').onDelete('cascade'))
      .addColumn('token', t.uuid, (c) => c.notNull().unique())
      .addColumn('expires_at', t.timestamptz, (c) => c.notNull())
      .addColumn('created_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now)));
    await exec(b.schema.createIndex('idx_platform_refresh_tokens_token').ifNotExists()
      .on('_platform_refresh_tokens').column('token'));
    await exec(b.schema.createIndex('idx_platform_refresh_tokens_expires').ifNotExists()
      .on('_platform_refresh_tokens').column('expires_at'));
  },
};
