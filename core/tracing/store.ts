// Where events live (observability-and-audit.md §A1, §A4) and the SQL that writes them:
// - system spans go to `_spans` (migrations/app/009-spans.ts: UNLOGGED on PostgreSQL, two indexes),
//   written by the per-app buffer in batches, never on a request's path;
// - business events go to the durable `_events`, one INSERT awaited before the API answers.
// The events API reads the two as one (`EVENTS_FROM`).
//
// A batch is one statement per chunk of multi-row INSERT. Where the dialect expands a JSON array
// parameter into rows (PostgreSQL json_to_recordset) the chunk is a single parameter: the driver
// encodes one string (one JSON.stringify of the spans themselves, see Span) instead of 14
// parameters per row, which is most of a flush's CPU on the server's one thread, and the statement
// text is the same for every batch (prepared once). Elsewhere (SQLite, in-process, binding natively)
// it is a prepared multi-row VALUES statement within the dialect's parameter limit. On PostgreSQL
// the chunks run in one transaction with `SET LOCAL synchronous_commit = off`, pipelined: BEGIN, the
// SET, the INSERTs and COMMIT go out together (core/db/pg-pipelined-tx.ts), one round trip.
import type { Database, Dialect, Queryable, StorageKind } from '../db/types.js';
import { runDeferred } from '../db/types.js';
import type { Metadata, Span } from './span.js';

/** The written columns, in order, with their storage (`event_type` is a constant per table). */
const COLUMNS: ReadonlyArray<readonly [string, StorageKind]> = [
  ['id', 'uuid'], ['trace_id', 'uuid'], ['span_id', 'uuid'], ['parent_span_id', 'uuid'], ['source', 'text'],
  ['component', 'text'], ['action', 'text'], ['entity', 'text'], ['record_id', 'text'], ['user_id', 'uuid'],
  ['duration_ms', 'float64'], ['status', 'text'], ['metadata', 'json'], ['created_at', 'float64'],
];
const PER_ROW = COLUMNS.length;
const TARGET = 'id, trace_id, span_id, parent_span_id, event_type, source, component, action, entity, record_id, user_id, duration_ms, status, metadata, created_at';

/** Rows per statement: a JSON chunk stays a modest parameter (a few hundred KB); VALUES chunks
 * stay well within every driver's limit and the statement cache. */
const JSON_CHUNK = 1000;
const VALUES_CHUNK = 200;

interface SpanSql {
  /** JSON path: the one statement. */
  json?: string;
  /** VALUES path: statement text per row count. */
  values: Map<number, string>;
  rowsPerValues: number;
}

const sqlByDialect = new WeakMap<Dialect, SpanSql>();

function spanSql(d: Dialect): SpanSql {
  let s = sqlByDialect.get(d);
  if (!s) {
    const json = d.jsonRecordset
      ? `INSERT INTO _spans (${TARGET}) SELECT r.id, r.trace_id, r.span_id, r.parent_span_id, 'system', r.source, r.component, r.action, `
        + `r.entity, r.record_id, r.user_id, r.duration_ms, r.status, r.metadata, ${d.fromEpochMs('r.created_at')} FROM ${d.jsonRecordset(1, COLUMNS)}`
      : undefined;
    s = { json, values: new Map(), rowsPerValues: Math.max(1, Math.min(VALUES_CHUNK, Math.floor(d.maxParams / PER_ROW))) };
    sqlByDialect.set(d, s);
  }
  return s;
}

function valuesSql(d: Dialect, s: SpanSql, rows: number): string {
  let text = s.values.get(rows);
  if (!text) {
    const tuples: string[] = [];
    for (let r = 0; r < rows; r++) {
      const p = (i: number) => `$${r * PER_ROW + i}`;
      tuples.push(`(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, 'system', ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, ${p(10)}, ${p(11)}, ${p(12)}, ${p(13)}, ${d.fromEpochMs(p(14))})`);
    }
    text = `INSERT INTO _spans (${TARGET}) VALUES ${tuples.join(', ')}`;
    s.values.set(rows, text);
  }
  return text;
}

function valuesParams(d: Dialect, spans: readonly Span[], from: number, to: number): unknown[] {
  const params = new Array((to - from) * PER_ROW);
  let i = 0;
  for (let n = from; n < to; n++) {
    const s = spans[n];
    params[i++] = s.id; params[i++] = s.trace_id; params[i++] = s.span_id; params[i++] = s.parent_span_id;
    params[i++] = s.source; params[i++] = s.component; params[i++] = s.action; params[i++] = s.entity;
    params[i++] = s.record_id; params[i++] = s.user_id; params[i++] = s.duration_ms; params[i++] = s.status;
    params[i++] = s.metadata === null ? null : d.encodeJson(s.metadata); params[i++] = s.created_at;
  }
  return params;
}

/** Writes ended spans to `_spans` (see the top of this file). */
export async function writeSpans(db: Database, spans: readonly Span[]): Promise<void> {
  if (spans.length === 0) return;
  const d = db.dialect;
  const s = spanSql(d);
  const statements: Array<[string, unknown[]]> = [];
  if (s.json) {
    for (let from = 0; from < spans.length; from += JSON_CHUNK) {
      statements.push([s.json, [JSON.stringify(from === 0 && spans.length <= JSON_CHUNK ? spans : spans.slice(from, from + JSON_CHUNK))]]);
    }
  } else {
    for (let from = 0; from < spans.length; from += s.rowsPerValues) {
      const to = Math.min(spans.length, from + s.rowsPerValues);
      statements.push([valuesSql(d, s, to - from), valuesParams(d, spans, from, to)]);
    }
  }
  if (statements.length === 1 && !d.asyncCommitSql) {
    await db.run(statements[0][0], statements[0][1]);
    return;
  }
  await db.transaction(async (tx) => {
    if (d.asyncCommitSql) await runDeferred(tx, d.asyncCommitSql);
    for (const [text, params] of statements) await runDeferred(tx, text, params);
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

/** Business events and system spans as one relation `e` (the events API's FROM). */
export const EVENTS_FROM = `(SELECT ${READ_COLUMNS} FROM _events UNION ALL SELECT ${READ_COLUMNS} FROM _spans) e`;

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
