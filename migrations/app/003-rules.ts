// `_rules` (platform-and-apps.md §9, logic.md §1): validation and computed-field rules per entity.
// A rule goes with its entity (ON DELETE CASCADE); the registry compiles the active ones.
import type { Migration } from '../../core/db/migrator.js';

export const rules: Migration = {
  version: 3,
  name: 'rules',
  async up(m) {
    const { builder: b, t, defaults: d, exec } = m;
    await exec(b.schema.createTable('_rules').ifNotExists()
      .addColumn('id', t.uuid, (c) => (d.uuid ? c.primaryKey().defaultTo(d.uuid) : c.primaryKey()))
      .addColumn('entity', t.text, (c) => c.notNull().references('_entities.name').onDelete('cascade'))
      .addColumn('hook', t.text, (c) => c.notNull().defaultTo('before_write'))
      .addColumn('type', t.text, (c) => c.notNull())
      .addColumn('definition', t.jsonb, (c) => c.notNull())
      .addColumn('priority', t.int, (c) => c.notNull().defaultTo(0))
      .addColumn('active', t.boolean, (c) => c.notNull().defaultTo(d.true))
      .addColumn('created_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now))
      .addColumn('updated_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now)));
    await exec(b.schema.createIndex('idx_rules_entity').ifNotExists().on('_rules').column('entity'));
  },
};
