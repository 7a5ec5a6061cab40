// The events API (observability-and-audit.md §A7) over `_events` (business) and `_spans` (system)
// read as one relation: emit a business event (written before the answer, readable at once), the
// admin query with its exact filters and paging, a trace as a waterfall, and the aggregates. The
// percentile is the same linear interpolation on both databases: the two order statistics around
// the 95% rank are read with ORDER BY … LIMIT/OFFSET and interpolated here, so no dialect needs a
// percentile function and no full column of durations crosses the wire.
import type { Database, Dialect, Queryable } from '../db/types.js';
import { errors } from '../errors.js';
import { objectBody } from '../input.js';
import { isUuid } from '../ids.js';
import { normaliseTimestamp } from '../metadata/field-types/datetime.js';
import { jsonTextProblem, textProblem } from '../text.js';
import { eventId } from './ids.js';
import { READ_COLUMNS, eventView, eventsFrom, insertBusinessEvent, type EventView } from './store.js';
import { randomUUID } from 'node:crypto';

type Input = Record<string, unknown>;

/** What the emitting request contributes (§A7.1). */
export interface EmitContext {
  traceId: string;
  /** The request's root span. */
  parentSpanId: string | null;
  /** The caller's id (stored only when it is a UUID, the column's type). */
  userId: string | undefined;
  /** Now, epoch milliseconds, on the request's trace clock (so the event sorts after its spans). */
  now: number;
}

export interface Emitted {
  status: 'ok';
  id: string;
  trace_id: string;
  span_id: string;
}

function checkedText(field: string, value: string): string {
  const problem = textProblem(value);
  if (problem) throw errors.invalidText(field, problem);
  return value;
}

/** §A7.1: validates the body (first failing rule wins, in the table's order) and inserts the event. */
export async function emitEvent(db: Database, body: unknown, ctx: EmitContext): Promise<Emitted> {
  const b = objectBody(body);
  if (typeof b.action !== 'string' || b.action.length === 0) throw errors.fieldRequired('action');
  const action = checkedText('action', b.action);
  let entity: string | null = null;
  if (b.entity !== undefined && b.entity !== null) {
    if (typeof b.entity !== 'string') throw errors.eventEntityNotString();
    entity = checkedText('entity', b.entity);
  }
  let recordId: string | null = null;
  if (b.record_id !== undefined && b.record_id !== null) {
    if (typeof b.record_id === 'number' && Number.isFinite(b.record_id)) recordId = String(b.record_id);
    else if (typeof b.record_id === 'string') recordId = checkedText('record_id', b.record_id);
    else throw errors.eventRecordIdInvalid();
  }
  let metadata: Record<string, unknown> | null = null;
  if (b.metadata !== undefined && b.metadata !== null) {
    if (typeof b.metadata !== 'object' || Array.isArray(b.metadata)) throw errors.eventMetadataNotObject();
    const problem = jsonTextProblem(b.metadata);
    if (problem) throw errors.invalidText('metadata', problem);
    // §A1: NULL when empty.
    if (Object.keys(b.metadata).length > 0) metadata = b.metadata as Record<string, unknown>;
  }
  const id = eventId(ctx.now);
  const spanId = randomUUID();
  await insertBusinessEvent(db, db.dialect, {
    id, traceId: ctx.traceId, spanId, parentSpanId: ctx.parentSpanId, action, entity, recordId,
    userId: isUuid(ctx.userId) ? ctx.userId.toLowerCase() : null, metadata, createdAt: ctx.now,
  });
  return { status: 'ok', id, trace_id: ctx.traceId, span_id: spanId };
}

/** A query parameter's text (the first, when it is repeated). */
function param(input: Input, key: string): string | undefined {
  const v = input[key];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : undefined;
}

/** §A7.2: a positive whole number, else the default. */
function positive(input: Input, key: string, fallback: number): number {
  const t = param(input, key)?.trim();
  const n = t !== undefined && /^\d+$/.test(t) ? Number(t) : NaN;
  return Number.isSafeInteger(n) && n >= 1 ? n : fallback;
}

function timestamp(input: Input, key: 'from' | 'to'): string | undefined {
  const t = param(input, key);
  if (t === undefined) return undefined;
  const iso = normaliseTimestamp(t);
  if (iso === undefined) throw errors.timestampParamInvalid(key);
  return iso;
}

/**
 * WHERE text and parameters; `none` when a filter can match nothing (a trace_id that is no UUID).
 * `batches` prunes the stored span batches the filters can match (store.ts `eventsFrom`); `from`
 * and `to` are the parameter numbers of the window's ends; `onlyWindow` says no filter but the
 * window applies, so whole batches can be counted and paged without expanding them.
 */
interface Conditions {
  where: string;
  params: unknown[];
  none: boolean;
  batches: string;
  from?: number;
  to?: number;
  onlyWindow: boolean;
}

class Where {
  private readonly parts: string[] = [];
  private readonly batchParts: string[] = [];
  readonly params: unknown[] = [];
  none = false;
  from?: number;
  to?: number;

  /** `sql` with `$?` standing for the next parameter. */
  add(sql: string, ...values: unknown[]): this {
    let text = sql;
    for (const v of values) {
      this.params.push(v);
      const n = this.params.length;
      text = text.replace('$?', () => `$${n}`);
    }
    this.parts.push(text);
    return this;
  }

  /** A condition on the span batches (`$=`: the parameter added last), implied by the one just added. */
  prune(sql: string): this {
    this.batchParts.push(sql.replaceAll('$=', `$${this.params.length}`));
    return this;
  }

  done(): Conditions {
    const all = (parts: string[]) => (parts.length > 0 ? parts.join(' AND ') : '1 = 1');
    return {
      where: all(this.parts), params: this.params, none: this.none, batches: all(this.batchParts),
      // No condition but the window's own.
      from: this.from, to: this.to, onlyWindow: this.parts.length === (this.from === undefined ? 0 : 1) + (this.to === undefined ? 0 : 1),
    };
  }
}

/** from/to (422 when unparsable) and entity: the filters the stats share with the query. A span
 * started in the window is in a batch whose start range overlaps it. */
function windowFilters(input: Input, w: Where): void {
  const from = timestamp(input, 'from');
  const to = timestamp(input, 'to');
  if (from !== undefined) {
    w.add('created_at >= $?', from).prune('batch_last_at >= $=');
    w.from = w.params.length;
  }
  if (to !== undefined) {
    w.add('created_at <= $?', to).prune('batch_first_at <= $=');
    w.to = w.params.length;
  }
  const entity = param(input, 'entity');
  if (entity !== undefined) w.add('entity = $?', entity);
}

function queryFilters(input: Input): Conditions {
  const w = new Where();
  windowFilters(input, w);
  for (const key of ['source', 'component', 'event_type', 'status'] as const) {
    const v = param(input, key);
    if (v !== undefined) w.add(`${key} = $?`, v);
  }
  const action = param(input, 'action');
  if (action !== undefined) {
    // A trailing `*`: prefix match, compared as text (no LIKE, so `_` and `%` in names are literal).
    if (action.endsWith('*')) {
      const prefix = action.slice(0, -1);
      if (prefix.length > 0) w.add('substr(action, 1, $?) = $?', [...prefix].length, prefix);
    } else w.add('action = $?', action);
  }
  for (const key of ['trace_id', 'user_id'] as const) {
    const v = param(input, key);
    if (v === undefined) continue;
    if (!isUuid(v)) w.none = true;
    else {
      w.add(`${key} = $?`, v.toLowerCase());
      if (key === 'trace_id') w.prune('batch_id IN (SELECT batch_id FROM _span_traces WHERE trace_id = $=)');
    }
  }
  return w.done();
}

/** Batches wholly inside the window ('1 = 1' without one), on `_span_batches` (`prefix` '') or the
 * view `_spans` (`batch_`). */
function inside(c: Conditions, prefix: '' | 'batch_'): string {
  const parts: string[] = [];
  if (c.from !== undefined) parts.push(`${prefix}first_at >= $${c.from}`);
  if (c.to !== undefined) parts.push(`${prefix}last_at <= $${c.to}`);
  return parts.length > 0 ? parts.join(' AND ') : '1 = 1';
}

/**
 * The number of matching events. With no filter but the window, batches wholly inside it count
 * by `span_count` and only the ones on its edges are expanded.
 */
async function countEvents(db: Queryable, c: Conditions): Promise<number> {
  if (!c.onlyWindow) {
    const [row] = await db.query<{ total: unknown }>(`SELECT count(*) AS total FROM ${eventsFrom(c.batches)} WHERE ${c.where}`, c.params);
    return Number(row?.total ?? 0);
  }
  const [row] = await db.query<{ events: unknown; whole: unknown; edges: unknown }>(
    `SELECT (SELECT count(*) FROM _events WHERE ${c.where}) AS events, `
      + `(SELECT coalesce(sum(span_count), 0) FROM _span_batches WHERE ${inside(c, '')}) AS whole, `
      + `(SELECT count(*) FROM _spans WHERE ${c.batches} AND NOT (${inside(c, 'batch_')}) AND ${c.where}) AS edges`,
    c.params,
  );
  return Number(row?.events ?? 0) + Number(row?.whole ?? 0) + Number(row?.edges ?? 0);
}

/**
 * With no filter but the window's far end, the first `n` events in the sort order come from the
 * newest (oldest) batches that together hold `n` spans, so only batches reaching into their range
 * need expanding: every span of those batches started at or after (before) the bound, so at least
 * `n` spans do, and every span that does is in a batch ending after (starting before) it.
 */
function pagePrune(c: Conditions, desc: boolean, n: number): string | undefined {
  if (!c.onlyWindow || (desc ? c.to : c.from) !== undefined) return undefined;
  const window = desc ? (c.from !== undefined ? `last_at >= $${c.from}` : '1 = 1') : (c.to !== undefined ? `first_at <= $${c.to}` : '1 = 1');
  const bound = desc
    ? `SELECT min(first_at) FROM (SELECT first_at, sum(span_count) OVER (ORDER BY last_at DESC, id DESC ROWS UNBOUNDED PRECEDING) - span_count AS before FROM _span_batches WHERE ${window}) x WHERE before < $${n}`
    : `SELECT max(last_at) FROM (SELECT last_at, sum(span_count) OVER (ORDER BY first_at ASC, id ASC ROWS UNBOUNDED PRECEDING) - span_count AS before FROM _span_batches WHERE ${window}) x WHERE before < $${n}`;
  return desc ? `batch_last_at >= (${bound})` : `batch_first_at <= (${bound})`;
}

export interface EventPage {
  data: EventView[];
  pagination: { page: number; per_page: number; total: number };
}

const DEFAULT_PER_PAGE = 50;
const MAX_PER_PAGE = 100;

/** §A7.2: filters (AND), paging and one of two sort orders. */
export async function queryEvents(db: Queryable, d: Dialect, input: Input): Promise<EventPage> {
  const c = queryFilters(input);
  const page = positive(input, 'page', 1);
  const perPage = Math.min(positive(input, 'per_page', DEFAULT_PER_PAGE), MAX_PER_PAGE);
  const pagination = { page, per_page: perPage, total: 0 };
  if (c.none) return { data: [], pagination };
  const desc = param(input, 'sort') !== 'created_at';
  const order = desc ? 'created_at DESC, id DESC' : 'created_at ASC, id ASC';
  const n = c.params.length;
  pagination.total = await countEvents(db, c);
  if (pagination.total === 0 || (page - 1) * perPage >= pagination.total) return { data: [], pagination };
  const prune = pagePrune(c, desc, n + 3);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${READ_COLUMNS} FROM ${eventsFrom(prune === undefined ? c.batches : `${c.batches} AND ${prune}`)} WHERE ${c.where} ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...c.params, perPage, (page - 1) * perPage, ...(prune === undefined ? [] : [page * perPage])],
  );
  return { data: rows.map((r) => eventView(r, d)), pagination };
}

export type TraceNode = EventView & { children: TraceNode[] };

export interface TraceWaterfall {
  trace_id: string;
  root_span: TraceNode;
  spans: EventView[];
  span_count: number;
  total_duration_ms: number | null;
}

/**
 * §A7.3: every event of the trace by start; the root is the earliest without a parent (else the
 * first). Each node's children are the events naming it as parent, by start. Events whose parent
 * is not in the trace (another request that joined it with X-Trace-ID, spans of an unsampled
 * request's work) hang under the root, so the tree shows every event once.
 */
export async function traceWaterfall(db: Queryable, d: Dialect, traceId: string): Promise<TraceWaterfall> {
  if (!isUuid(traceId)) throw errors.traceNotFound(traceId);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${READ_COLUMNS} FROM ${eventsFrom('batch_id IN (SELECT batch_id FROM _span_traces WHERE trace_id = $1)')} WHERE trace_id = $1 ORDER BY created_at ASC, id ASC`,
    [traceId.toLowerCase()],
  );
  if (rows.length === 0) throw errors.traceNotFound(traceId);
  const spans = rows.map((r) => eventView(r, d));
  const nodes: TraceNode[] = spans.map((s) => ({ ...s, children: [] }));
  const bySpanId = new Map<string, TraceNode>();
  for (const node of nodes) if (!bySpanId.has(node.span_id)) bySpanId.set(node.span_id, node);
  const root = nodes.find((n) => n.parent_span_id === null) ?? nodes[0];
  for (const node of nodes) {
    if (node === root) continue;
    const parent = node.parent_span_id === null ? undefined : bySpanId.get(node.parent_span_id);
    (parent !== undefined && parent !== node ? parent : root).children.push(node);
  }
  return { trace_id: traceId.toLowerCase(), root_span: root, spans, span_count: spans.length, total_duration_ms: root.duration_ms };
}

export interface SourceStats {
  source: string;
  count: number;
  avg_duration_ms: number | null;
  p95_duration_ms: number | null;
  error_count: number;
}

export interface EventStats {
  total_events: number;
  avg_latency_ms: number | null;
  p95_latency_ms: number | null;
  error_rate: number;
  by_source: SourceStats[];
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** 95th percentile by linear interpolation between the order statistics around rank 0.95·(n−1). */
async function p95(db: Queryable, from: string, where: string, params: unknown[], n: number): Promise<number | null> {
  if (n === 0) return null;
  const rank = 0.95 * (n - 1);
  const lo = Math.floor(rank);
  const k = params.length;
  const rows = await db.query<{ duration_ms: unknown }>(
    `SELECT duration_ms FROM ${from} WHERE ${where} AND duration_ms IS NOT NULL ORDER BY duration_ms ASC LIMIT $${k + 1} OFFSET $${k + 2}`,
    [...params, rank > lo ? 2 : 1, lo],
  );
  const a = Number(rows[0]?.duration_ms);
  const b = rows.length > 1 ? Number(rows[1].duration_ms) : a;
  return a + (b - a) * (rank - lo);
}

/** §A7.4: totals over the matching events; by source over those with a duration. */
export async function eventStats(db: Queryable, input: Input): Promise<EventStats> {
  const w = new Where();
  windowFilters(input, w);
  const { where, params, batches } = w.done();
  const from = eventsFrom(batches);
  const [totals] = await db.query<Record<string, unknown>>(
    `SELECT count(*) AS total, count(duration_ms) AS timed, avg(duration_ms) AS avg, `
      + `sum(CASE WHEN status = 'error' THEN 1 ELSE 0 END) AS errors FROM ${from} WHERE ${where}`,
    params,
  );
  const total = Number(totals?.total ?? 0);
  const timed = Number(totals?.timed ?? 0);
  const groups = await db.query<Record<string, unknown>>(
    `SELECT source, count(*) AS count, avg(duration_ms) AS avg, sum(CASE WHEN status = 'error' THEN 1 ELSE 0 END) AS errors `
      + `FROM ${from} WHERE ${where} AND duration_ms IS NOT NULL GROUP BY source ORDER BY count(*) DESC, source ASC`,
    params,
  );
  const bySource: SourceStats[] = [];
  for (const g of groups) {
    const count = Number(g.count);
    const source = String(g.source);
    bySource.push({
      source, count, avg_duration_ms: num(g.avg),
      p95_duration_ms: await p95(db, from, `${where} AND source = $${params.length + 1}`, [...params, source], count),
      error_count: Number(g.errors ?? 0),
    });
  }
  return {
    total_events: total,
    avg_latency_ms: timed > 0 ? num(totals!.avg) : null,
    p95_latency_ms: await p95(db, from, where, params, timed),
    error_rate: total > 0 ? Number(totals!.errors ?? 0) / total : 0,
    by_source: bySource,
  };
}
