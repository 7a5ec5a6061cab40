// `_audit_logs` (observability-and-audit.md §B1): the append-only history of data changes, written
// inside the business transaction by core/audit/. Entries are only ever inserted, read by the
// audit API and deleted by retention.
import type { Migration } from '../../core/db/migrator.js';

export const audit: Migration = {
  version: 7,
  name: 'audit',
  async up(m) {
    const { builder: b, t, defaults: d, exec } = m;
    const id = (c: any) => (d.uuid ? c.primaryKey().defaultTo(d.uuid) : c.primaryKey());
    await exec(b.schema.createTable('_audit_logs').ifNotExists()
      .addColumn('id', t.uuid, id)
      .addColumn('entity', t.text, (c) => c.notNull())
      .addColumn('record_id', t.text, (c) => c.notNull())
      .addColumn('action', t.text, (c) => c.notNull())
      .addColumn('source', t.text, (c) => c.notNull().defaultTo('api'))
      .addColumn('old_data', t.jsonb)
      .addColumn('new_data', t.jsonb)
      .addColumn('changed_fields', t.textArray, (c) => c.notNull().defaultTo(d.emptyTextArray))
      .addColumn('changes', t.jsonb, (c) => c.notNull().defaultTo(d.emptyJsonObject))
      .addColumn('user_id', t.uuid)
      .addColumn('user_email', t.text)
      .addColumn('ip_address', t.text)
      .addColumn('trace_id', t.uuid)
      .addColumn('created_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now)));
    // Same text on both dialects (Kysely's index builder has no DESC column).
    await exec('CREATE INDEX IF NOT EXISTS idx_audit_logs_record ON _audit_logs (entity, record_id, created_at DESC)');
    await exec('CREATE INDEX IF NOT EXISTS idx_audit_logs_user ON _audit_logs (user_id, created_at DESC)');
    await exec('CREATE INDEX IF NOT EXISTS idx_audit_logs_created ON _audit_logs (created_at DESC)');
  },
};
