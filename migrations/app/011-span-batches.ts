// System spans stored a batch per row (observability-and-audit.md §A4), replacing 009's row per
// span. On PostgreSQL a row per span cost 15–20 µs of database CPU per span, almost all of it in
// turning the JSON parameter into typed columns, which on a two-core machine shared with the server
// was a third of get-by-id's throughput. One flushed batch (≤ 1,000 spans) is now one row holding
// the batch's JSON text as the buffer serialised it (≈ 1.6 µs per span), stored uncompressed:
// - `_span_batches`: the spans' start range (`first_at`, `last_at`: reads and retention prune whole
//   batches by time) and `span_count` (the events API counts whole batches without reading them);
// - `_span_traces`: one row per (trace, batch), so a trace finds its few batches by index;
// - the view `_spans` expands the batches into the columns of `_events` (plus the batch's id and
//   range, which the events API filters on so a read expands only the batches it needs).
// Both tables are UNLOGGED on PostgreSQL, as 009's was: telemetry, emptied after a crash. Spans
// stored by 009 are dropped with its table (best-effort telemetry; business events stay in
// `_events`). The view's text is frozen here: a later change to the span columns is a migration.
import { sql } from 'kysely';
import type { Migration } from '../../core/db/migrator.js';
import type { StorageKind } from '../../core/db/types.js';

const SPAN_COLUMNS: ReadonlyArray<readonly [string, StorageKind]> = [
  ['id', 'uuid'], ['trace_id', 'uuid'], ['span_id', 'uuid'], ['parent_span_id', 'uuid'], ['source', 'text'],
  ['component', 'text'], ['action', 'text'], ['entity', 'text'], ['record_id', 'text'], ['user_id', 'uuid'],
  ['duration_ms', 'float64'], ['status', 'text'], ['metadata', 'json'], ['created_at', 'float64'],
];

export const spanBatches: Migration = {
  version: 11,
  name: 'span-batches',
  async up(m) {
    const { builder: b, t, exec, dialect } = m;
    const unlogged = (name: string) => {
      const table = b.schema.createTable(name).ifNotExists();
      return dialect.migration.unlogged ? table.modifyFront(sql.raw(dialect.migration.unlogged)) : table;
    };
    await exec('DROP TABLE IF EXISTS _spans');
    await exec(unlogged('_span_batches')
      .addColumn('id', t.uuid, (c) => c.primaryKey())
      .addColumn('first_at', t.timestamptz, (c) => c.notNull())
      .addColumn('last_at', t.timestamptz, (c) => c.notNull())
      .addColumn('span_count', t.int, (c) => c.notNull())
      .addColumn('spans', t.text, (c) => c.notNull()));
    if (dialect.migration.uncompressed) await exec(dialect.migration.uncompressed('_span_batches', 'spans'));
    await exec('CREATE INDEX IF NOT EXISTS idx_span_batches_last ON _span_batches (last_at)');
    await exec('CREATE INDEX IF NOT EXISTS idx_span_batches_first ON _span_batches (first_at)');
    await exec(unlogged('_span_traces')
      .addColumn('trace_id', t.uuid, (c) => c.notNull())
      .addColumn('batch_id', t.uuid, (c) => c.notNull()));
    await exec('CREATE INDEX IF NOT EXISTS idx_span_traces_trace ON _span_traces (trace_id)');
    await exec('CREATE INDEX IF NOT EXISTS idx_span_traces_batch ON _span_traces (batch_id)');
    const rows = dialect.jsonRows('b.spans', 'r', SPAN_COLUMNS);
    const columns = SPAN_COLUMNS.map(([name]) => {
      const value = name === 'created_at' ? dialect.fromEpochMs(rows.column(name)) : rows.column(name);
      return `${value} AS ${name}${name === 'parent_span_id' ? ", 'system' AS event_type" : ''}`;
    });
    await exec(`CREATE VIEW _spans AS SELECT ${columns.join(', ')}, b.id AS batch_id, b.first_at AS batch_first_at, b.last_at AS batch_last_at `
      + `FROM _span_batches b CROSS JOIN ${rows.from}`);
  },
};
