// The app's metadata version: one row, incremented in the same transaction as every admin change of
// entities, relations or permissions (core/admin/fresh-registry.ts). An instance compares it with
// the version its registry was compiled from, so a write never runs on stale metadata.
import type { Migration } from '../../core/db/migrator.js';

export const metadataVersion: Migration = {
  version: 2,
  name: 'metadata_version',
  async up(m) {
    const { builder: b, t, exec } = m;
    await exec(b.schema.createTable('_metadata_version').ifNotExists()
      .addColumn('id', t.int, (c) => c.primaryKey())
      .addColumn('version', t.int, (c) => c.notNull()));
    await exec('INSERT INTO _metadata_version (id, version) VALUES (1, 0)');
  },
};
