// Where events live (observability-and-audit.md §A1, §A4) and the SQL that writes them:
// - system spans go to `_span_batches` (migrations/app/011-span-batches.ts), written by the per-app
//   buffer a batch at a time, never on a request's path, and read through the view `_spans`;
// - business events go to the durable `_events`, one INSERT awaited before the API answers.
// The events API reads the two as one (`eventsFrom`).
//
// A flushed batch is one row per chunk of ≤ 1,000 spans: the chunk's JSON text, exactly as one
// JSON.stringify of the spans themselves gives it (see Span), with its start range and count, and
// one `_span_traces` row per trace in it. The database stores the text as it is (no parsing, no
// compression); only reads expand it. On PostgreSQL a chunk is one statement, its trace rows a
// data-modifying CTE of the batch's INSERT: no transaction, so the flush pipelines on the app pool
// like any statement. As a transaction it needed a connection to itself, and while it waited for
// one under load nothing else pipelined (core/db/pg-pool.ts). Its commit never waits for a WAL
// flush: both tables are UNLOGGED, and a transaction that wrote no WAL commits asynchronously. On
// SQLite the two INSERTs run in one transaction.
import type { Database, Dialect, Queryable } from '../db/types.js';
import { runDeferred } from '../db/types.js';
import { eventId } from './ids.js';
import type { Metadata, Span } from './span.js';

/** The event columns, in §A7.2's order (`_events`, and the view `_spans`). */
const TARGET = 'id, trace_id, span_id, parent_span_id, event_type, source, component, action, entity, record_id, user_id, duration_ms, status, metadata, created_at';

/** Spans per stored batch: a row of a few hundred KB. */
const CHUNK = 1000;

interface SpanSql {
  batch: string;
  traces: string;
  /** Both as one statement (PostgreSQL): the batch's parameters, then the trace ids as $6. */
  combined: string | undefined;
}

const sqlByDialect = new WeakMap<Dialect, SpanSql>();

function spanSql(d: Dialect): SpanSql {
  let s = sqlByDialect.get(d);
  if (!s) {
    const batch = `INSERT INTO _span_batches (id, first_at, last_at, span_count, spans) VALUES ($1, ${d.fromEpochMs('$2')}, ${d.fromEpochMs('$3')}, $4, $5)`;
    const traces = (n: number) => `INSERT INTO _span_traces (trace_id, batch_id) SELECT t.value, $1 FROM ${d.jsonTextElements(n, 't', 'uuid')}`;
    s = { batch, traces: traces(2), combined: d.cteJson ? `WITH b AS (${batch}) ${traces(6)}` : undefined };
    sqlByDialect.set(d, s);
  }
  return s;
}

/** Writes ended spans (see the top of this file). */
export async function writeSpans(db: Database, spans: readonly Span[]): Promise<void> {
  if (spans.length === 0) return;
  const d = db.dialect;
  const s = spanSql(d);
  const chunks: Array<{ batch: unknown[]; traces: string }> = [];
  for (let from = 0; from < spans.length; from += CHUNK) {
    const chunk = from === 0 && spans.length <= CHUNK ? spans : spans.slice(from, from + CHUNK);
    let first = Infinity;
    let last = -Infinity;
    const traces = new Set<string>();
    for (const span of chunk) {
      if (span.created_at < first) first = span.created_at;
      if (span.created_at > last) last = span.created_at;
      traces.add(span.trace_id);
    }
    const id = eventId(last);
    chunks.push({ batch: [id, first, last, chunk.length, JSON.stringify(chunk)], traces: JSON.stringify([...traces]) });
  }
  const combined = s.combined;
  if (combined) {
    await Promise.all(chunks.map((c) => db.run(combined, [...c.batch, c.traces])));
    return;
  }
  await db.transaction(async (tx) => {
    for (const c of chunks) {
      await runDeferred(tx, s.batch, c.batch);
      await runDeferred(tx, s.traces, [c.batch[0], c.traces]);
    }
  }, { write: true });
}

/** A business event as stored (§A7.1). */
export interface BusinessEvent {
  id: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  action: string;
  entity: string | null;
  recordId: string | null;
  userId: string | null;
  metadata: Metadata | null;
  /** The time of posting, epoch milliseconds (fractions kept where the column can: the request's
   * spans, which started earlier, sort before it). */
  createdAt: number;
}

const businessSql = new WeakMap<Dialect, string>();

/** Inserts one business event into `_events`, awaited (readable as soon as this resolves, §A4).
 * Once per id: a post-commit effect that runs again (core/effects/) inserts nothing. */
export async function insertBusinessEvent(q: Queryable, d: Dialect, e: BusinessEvent): Promise<void> {
  let sql = businessSql.get(d);
  if (!sql) {
    sql = `INSERT INTO _events (${TARGET}) VALUES ($1, $2, $3, $4, 'business', 'app', 'engine', $5, $6, $7, $8, NULL, NULL, $9, ${d.fromEpochMs('$10')}) ON CONFLICT (id) DO NOTHING`;
    businessSql.set(d, sql);
  }
  await q.run(sql, [
    e.id, e.traceId, e.spanId, e.parentSpanId, e.action, e.entity, e.recordId, e.userId, e.metadata === null ? null : d.encodeJson(e.metadata), e.createdAt,
  ]);
}

/** Every column the events API returns, in §A7.2's order. */
export const READ_COLUMNS = TARGET;

/**
 * Business events and system spans as one relation `e` (the events API's FROM). `batches` is a
 * condition on the view's `batch_id`, `batch_first_at` and `batch_last_at` that prunes the span
 * batches to expand (the caller's filters must imply it), `1 = 1` for all.
 */
export const eventsFrom = (batches: string): string =>
  `(SELECT ${READ_COLUMNS} FROM _events UNION ALL SELECT ${READ_COLUMNS} FROM _spans WHERE ${batches}) e`;

/** An event as the API shows it (§A7.2). */
export interface EventView {
  id: string;
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  event_type: string;
  source: string;
  component: string;
  action: string;
  entity: string | null;
  record_id: string | null;
  user_id: string | null;
  duration_ms: number | null;
  status: string | null;
  metadata: unknown;
  created_at: string;
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function eventView(r: Record<string, unknown>, d: Dialect): EventView {
  return {
    id: String(r.id),
    trace_id: String(r.trace_id),
    span_id: String(r.span_id),
    parent_span_id: text(r.parent_span_id),
    event_type: String(r.event_type),
    source: String(r.source),
    component: String(r.component),
    action: String(r.action),
    entity: text(r.entity),
    record_id: text(r.record_id),
    user_id: text(r.user_id),
    duration_ms: r.duration_ms === null || r.duration_ms === undefined ? null : Number(r.duration_ms),
    status: text(r.status),
    metadata: r.metadata === null || r.metadata === undefined ? null : d.decodeJson(r.metadata),
    created_at: d.decodeTimestamp(r.created_at)!,
  };
}
