// `_events` (observability-and-audit.md §A1), which business events from `send_event` transition
// actions are written to, and `_effects`: post-commit work recorded inside the business
// transaction (a transition's `send_event` and `webhook`), finished after COMMIT or, if the process
// died first, by the `effects` job after a restart. Its columns are the outbox shape of
// core/jobs/queue.ts.
import type { Migration } from '../../core/db/migrator.js';

export const eventsAndEffects: Migration = {
  version: 5,
  name: 'events-and-effects',
  async up(m) {
    const { builder: b, t, defaults: d, exec } = m;
    const id = (c: any) => (d.uuid ? c.primaryKey().defaultTo(d.uuid) : c.primaryKey());
    await exec(b.schema.createTable('_events').ifNotExists()
      .addColumn('id', t.uuid, id)
      .addColumn('trace_id', t.uuid, (c) => c.notNull())
      .addColumn('span_id', t.uuid, (c) => c.notNull())
      .addColumn('parent_span_id', t.uuid)
      .addColumn('event_type', t.text, (c) => c.notNull())
      .addColumn('source', t.text, (c) => c.notNull())
      .addColumn('component', t.text, (c) => c.notNull())
      .addColumn('action', t.text, (c) => c.notNull())
      .addColumn('entity', t.text)
      .addColumn('record_id', t.text)
      .addColumn('user_id', t.uuid)
      .addColumn('duration_ms', t.double)
      .addColumn('status', t.text)
      .addColumn('metadata', t.jsonb)
      .addColumn('created_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now)));
    await exec(b.schema.createIndex('idx_events_trace').ifNotExists().on('_events').column('trace_id'));
    // Same text on both dialects (Kysely's index builder has no DESC column).
    await exec('CREATE INDEX IF NOT EXISTS idx_events_entity_created ON _events (entity, created_at DESC)');
    await exec('CREATE INDEX IF NOT EXISTS idx_events_created ON _events (created_at DESC)');
    await exec(b.schema.createIndex('idx_events_type_source').ifNotExists().on('_events').columns(['event_type', 'source']));

    await exec(b.schema.createTable('_effects').ifNotExists()
      .addColumn('id', t.uuid, id)
      .addColumn('kind', t.text, (c) => c.notNull())
      .addColumn('payload', t.jsonb, (c) => c.notNull())
      .addColumn('status', t.text, (c) => c.notNull().defaultTo('pending'))
      .addColumn('attempt', t.int, (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', t.int, (c) => c.notNull().defaultTo(1))
      .addColumn('next_retry_at', t.timestamptz)
      .addColumn('error', t.text)
      .addColumn('created_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now))
      .addColumn('updated_at', t.timestamptz, (c) => c.notNull().defaultTo(d.now)));
    await exec(b.schema.createIndex('idx_effects_due').ifNotExists().on('_effects').columns(['status', 'next_retry_at']));
  },
};
