// `_state_machines` (logic.md §3): one machine per (entity, field) — the unique index makes the 409
// of §3.8 race-free — going with its entity (ON DELETE CASCADE).
import type { Migration } from '../../core/db/migrator.js';

export const stateMachines: Migration = {
  version: 4,
  name: 'state-machines',
  async up(m) {
    const { builder: b, t, defaults: d, exec } = m;
    await exec(b.schema.createTable('_state_machines').ifNotExists()
      .addColumn('id', t.uuid, (c) => (d.uuid ? c.primaryKey().defaultTo(d.uuid) : c.primaryKey()))
      .addColumn('entity', t.text, (c) => c.notNull().references('_entities.name').onDelete('cascade'))
      .addColumn('field', t.text, (c) => c.notNull())
      .addColumn('definition', t.jsonb, (c) => c.notNull())
      .addColumn('active', t.boolean, (c) => c.notNull().defaultTo(d.true))
      .addColumn('created_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now))
      .addColumn('updated_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now)));
    await exec(b.schema.createIndex('idx_state_machines_entity_field').ifNotExists().unique()
      .on('_state_machines').columns(['entity', 'field']));
  },
};
