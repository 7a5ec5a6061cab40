// `_workflows` and `_workflow_instances` (logic.md §4.7, §4.10). An instance goes with its workflow
// (ON DELETE CASCADE). `version` (beyond the spec, never returned) is bumped by every change of an
// instance: approvals, rejections, the timeout scheduler and the advance loop claim the row with a
// conditional UPDATE on it, so two of them can never advance one instance from the same state.
// `record_id` (also beyond the spec, never returned) is the triggering record's id, for
// `GET /_workflows?record_id=`.
import type { Migration } from '../../core/db/migrator.js';

export const workflows: Migration = {
  version: 8,
  name: 'workflows',
  async up(m) {
    const { builder: b, t, defaults: d, exec } = m;
    const id = (c: any) => (d.uuid ? c.primaryKey().defaultTo(d.uuid) : c.primaryKey());
    await exec(b.schema.createTable('_workflows').ifNotExists()
      .addColumn('id', t.uuid, id)
      .addColumn('name', t.text, (c) => c.notNull().unique())
      .addColumn('trigger', t.jsonb, (c) => c.notNull())
      .addColumn('context', t.jsonb, (c) => c.notNull().defaultTo(d.emptyJsonObject))
      .addColumn('steps', t.jsonb, (c) => c.notNull())
      .addColumn('active', t.boolean, (c) => c.notNull().defaultTo(d.true))
      .addColumn('created_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now))
      .addColumn('updated_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now)));
    await exec(b.schema.createTable('_workflow_instances').ifNotExists()
      .addColumn('id', t.uuid, id)
      .addColumn('workflow_id', t.uuid, (c) => c.notNull().references('_workflows.id').onDelete('cascade'))
      .addColumn('workflow_name', t.text, (c) => c.notNull())
      .addColumn('status', t.text, (c) => c.notNull().defaultTo('running'))
      .addColumn('current_step', t.text)
      .addColumn('current_step_deadline', t.timestamptz)
      .addColumn('context', t.jsonb, (c) => c.notNull().defaultTo(d.emptyJsonObject))
      .addColumn('history', t.jsonb, (c) => c.notNull())
      .addColumn('record_id', t.text)
      .addColumn('version', t.int, (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now))
      .addColumn('updated_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now)));
    await exec(b.schema.createIndex('idx_workflow_instances_workflow').ifNotExists()
      .on('_workflow_instances').columns(['workflow_id', 'created_at']));
    await exec(b.schema.createIndex('idx_workflow_instances_record').ifNotExists()
      .on('_workflow_instances').columns(['record_id']));
    await exec(b.schema.createIndex('idx_workflow_instances_deadline').ifNotExists()
      .on('_workflow_instances').columns(['status', 'current_step_deadline']));
  },
};
