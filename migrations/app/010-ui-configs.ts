// `_ui_configs` (platform-and-apps.md §9, schema-io.md §3): opaque JSON documents the admin and
// client UIs render entities with, one per (`entity`, `scope`). `entity` is not a foreign key: a
// config may name a pseudo-entity such as `_app` (the dashboard), and deleting an entity keeps its
// UI configs (metadata.md §10.3). The unique index answers the 409 of concurrent writes and is the
// conflict target of the import's upsert (core/ui-configs/store.ts).
import type { Migration } from '../../core/db/migrator.js';

export const uiConfigs: Migration = {
  version: 10,
  name: 'ui-configs',
  async up(m) {
    const { builder: b, t, defaults: d, exec } = m;
    const id = (c: any) => (d.uuid ? c.primaryKey().defaultTo(d.uuid) : c.primaryKey());
    await exec(b.schema.createTable('_ui_configs').ifNotExists()
      .addColumn('id', t.uuid, id)
      .addColumn('entity', t.text, (c) => c.notNull())
      .addColumn('scope', t.text, (c) => c.notNull().defaultTo('default'))
      .addColumn('config', t.jsonb, (c) => c.notNull().defaultTo(d.emptyJsonObject))
      .addColumn('created_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now))
      .addColumn('updated_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now))
      .addUniqueConstraint('uq_ui_configs_entity_scope', ['entity', 'scope']));
  },
};
