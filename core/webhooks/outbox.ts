// `_webhook_logs` as the outbox (webhooks-and-files.md §A1, §A3.2, §A8): the rows a write inserts
// (asynchronous: `pending` inside the business transaction, leased for two minutes so only the
// writer's dispatch attempts it meanwhile; synchronous: the outcome, written outside the
// transaction), and the outcome of an attempt, fenced by the lease that attempt ran under.
import { runDeferred, type Database, type Dialect, type Queryable, type StorageKind } from '../db/types.js';
import { backoffDelay } from '../jobs/queue.js';
import type { DeliveryOutcome } from './delivery.js';
import type { Backoff } from './types.js';

/** Every column of `_webhook_logs` (§A1), in table order. */
export const WEBHOOK_LOG_COLUMNS = 'id, webhook_id, entity, hook, url, method, request_headers, request_body, response_status, ' +
  'response_body, status, attempt, max_attempts, next_retry_at, error, idempotency_key, created_at, updated_at';

export interface LogRow {
  id: string;
  webhook_id: string;
  entity: string;
  hook: string;
  url: string;
  method: string;
  request_headers: Record<string, string>;
  /** The body as sent, as JSON text. */
  body: string;
  status: 'pending' | 'delivered' | 'failed';
  attempt: number;
  max_attempts: number;
  next_retry_at: string | null;
  response_status: number | null;
  response_body: string;
  error: string;
  idempotency_key: string;
}

/** One multi-row INSERT (a write's deliveries are few). */
export async function insertLogs(q: Queryable, dialect: Dialect, rows: readonly LogRow[], now: string): Promise<void> {
  const params: unknown[] = [now];
  const tuples = rows.map((r) => {
    const values = [
      r.id, r.webhook_id, r.entity, r.hook, r.url, r.method, dialect.encodeJson(r.request_headers), r.body,
      r.response_status, r.response_body, r.status, r.attempt, r.max_attempts, r.next_retry_at, r.error, r.idempotency_key,
    ];
    const start = params.length + 1;
    params.push(...values);
    return `(${values.map((_, i) => `$${start + i}`).join(', ')}, $1, $1)`;
  });
  await runDeferred(q, `INSERT INTO _webhook_logs (${WEBHOOK_LOG_COLUMNS}) VALUES ${tuples.join(', ')}`, params);
}

/** The columns an attempt's outcome sets, and the lease it ran under (its fencing token). */
const SETTLE_COLUMNS: ReadonlyArray<readonly [string, StorageKind]> = [
  ['log_id', 'uuid'], ['status', 'text'], ['attempt', 'int32'], ['next_retry_at', 'timestamp'], ['response_status', 'int32'],
  ['response_body', 'text'], ['error', 'text'], ['updated_at', 'timestamp'], ['lease', 'timestamp'],
];
const SET = ['status', 'attempt', 'next_retry_at', 'response_status', 'response_body', 'error', 'updated_at'];

const settleSql = new WeakMap<Dialect, string>();

/** One UPDATE for many outcomes, each row fenced by its lease; RETURNING names the rows it owned
 * (bare `id`: SQLite's RETURNING knows no table alias, and `log_id` keeps it unambiguous). Both
 * conditions are per-row tests, so the plan is a primary-key lookup per outcome (Dialect.jsonRows). */
export function settleManySql(d: Dialect): string {
  let text = settleSql.get(d);
  if (!text) {
    const v = d.jsonRows('$1', 'v', SETTLE_COLUMNS);
    text = `UPDATE _webhook_logs AS l SET ${SET.map((c) => `${c} = ${v.column(c)}`).join(', ')} FROM ${v.from} `
      + `WHERE ${v.equalsPerRow('l.id', 'log_id')} AND ${v.equalsPerRow('l.next_retry_at', 'lease')} RETURNING id`;
    settleSql.set(d, text);
  }
  return text;
}

interface Settle {
  row: Record<string, unknown>;
  resolve(owned: boolean): void;
  reject(err: unknown): void;
}

/** Outcomes waiting for the next settle statement, per app database. */
const pendingSettles = new WeakMap<Database, Settle[]>();
const SETTLES_PER_STATEMENT = 200;

/**
 * Settles the outcomes collected in one turn of the event loop with one statement per 200: under
 * load many deliveries finish together, and a statement each was most of a delivery's database
 * work. A failed statement fails each of its outcomes as a single UPDATE would have.
 */
async function flushSettles(db: Database): Promise<void> {
  const queue = pendingSettles.get(db) ?? [];
  pendingSettles.delete(db);
  const sql = settleManySql(db.dialect);
  for (let i = 0; i < queue.length; i += SETTLES_PER_STATEMENT) {
    const chunk = queue.slice(i, i + SETTLES_PER_STATEMENT);
    try {
      const rows = await db.query<{ id: unknown }>(sql, [JSON.stringify(chunk.map((c) => c.row))]);
      const owned = new Set(rows.map((r) => String(r.id)));
      for (const c of chunk) c.resolve(owned.has(String(c.row.log_id)));
    } catch (err) {
      for (const c of chunk) c.reject(err);
    }
  }
}

export interface AttemptState {
  logId: string;
  /** Attempts made before this one. */
  attempt: number;
  maxAttempts: number;
  backoff: Backoff;
  /** The due value the attempt runs under (its fencing token). */
  leaseUntil: string;
}

/**
 * §A3.2 step 4 / §A8 step 4: delivered, or another attempt after the backoff, or failed. Returns
 * false when the lease had run out and another claimer owns the row (the outcome is dropped).
 */
export async function settleAttempt(db: Database, s: AttemptState, outcome: DeliveryOutcome, nowMs: number, retryBaseMs: number): Promise<boolean> {
  const attempt = s.attempt + 1;
  let status: string;
  let next: string | null = null;
  if (outcome.ok) status = 'delivered';
  else if (attempt >= s.maxAttempts) status = 'failed';
  else {
    status = 'retrying';
    next = new Date(nowMs + backoffDelay(s.backoff, attempt, retryBaseMs)).toISOString();
  }
  const row = {
    log_id: s.logId, status, attempt, next_retry_at: next, response_status: outcome.responseStatus, response_body: outcome.responseBody,
    error: outcome.error, updated_at: new Date(nowMs).toISOString(), lease: s.leaseUntil,
  };
  return new Promise<boolean>((resolve, reject) => {
    let queue = pendingSettles.get(db);
    if (!queue) {
      pendingSettles.set(db, (queue = []));
      setImmediate(() => void flushSettles(db));
    }
    queue.push({ row, resolve, reject });
  });
}
