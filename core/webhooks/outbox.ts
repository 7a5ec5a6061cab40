// `_webhook_logs` as the outbox (webhooks-and-files.md §A1, §A3.2, §A8): the rows a write inserts
// (asynchronous: `pending` inside the business transaction, leased for two minutes so only the
// writer's dispatch attempts it meanwhile; synchronous: the outcome, written outside the
// transaction), and the outcome of an attempt, fenced by the lease that attempt ran under.
import { runDeferred, type Database, type Dialect, type Queryable } from '../db/types.js';
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

const SETTLE_SQL =
  'UPDATE _webhook_logs SET status = $1, attempt = $2, next_retry_at = $3, response_status = $4, response_body = $5, error = $6, updated_at = $7 ' +
  'WHERE id = $8 AND next_retry_at = $9';

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
  const n = await db.run(SETTLE_SQL, [
    status, attempt, next, outcome.responseStatus, outcome.responseBody, outcome.error, new Date(nowMs).toISOString(), s.logId, s.leaseUntil,
  ]);
  return n > 0;
}
