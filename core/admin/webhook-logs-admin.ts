// The webhook-log admin operations of webhooks-and-files.md §A10: list (exact-match filters, newest
// first, at most 200), get, and retry — which requeues a failed or retrying delivery for the next
// scheduler tick without resetting its attempt count. Logs are not metadata: nothing here bumps the
// metadata version or reloads the registry.
import type { Database } from '../db/types.js';
import { errors } from '../errors.js';
import { isUuid } from '../ids.js';
import { textProblem } from '../text.js';
import { WEBHOOK_LOG_COLUMNS } from '../webhooks/outbox.js';
import type { LogStatus } from '../webhooks/types.js';

type Row = Record<string, unknown>;

export const LOG_LIST_LIMIT = 200;

/** What a retry answers (§A10): the delivery's identity and its new schedule. */
const RETRY_COLUMNS = 'id, webhook_id, entity, hook, url, method, status, attempt, max_attempts, next_retry_at, updated_at';

/** The log representation: every column of `_webhook_logs`. */
export interface WebhookLog {
  id: string;
  webhook_id: string;
  entity: string;
  hook: string;
  url: string;
  method: string;
  request_headers: Record<string, string>;
  request_body: unknown;
  response_status: number | null;
  response_body: string;
  status: LogStatus;
  attempt: number;
  max_attempts: number;
  next_retry_at: string | null;
  error: string;
  idempotency_key: string;
  created_at: string;
  updated_at: string;
}

export type RetriedWebhookLog = Pick<WebhookLog,
  'id' | 'webhook_id' | 'entity' | 'hook' | 'url' | 'method' | 'status' | 'attempt' | 'max_attempts' | 'next_retry_at' | 'updated_at'>;

/** The exact-match filters of the list; a value that is not one string matches nothing. */
const FILTERS = ['webhook_id', 'status', 'entity'] as const;

export class WebhookLogsAdmin {
  constructor(private readonly db: Database) {}

  private retried(r: Row): RetriedWebhookLog {
    const d = this.db.dialect;
    return {
      id: String(r.id),
      webhook_id: String(r.webhook_id),
      entity: String(r.entity),
      hook: String(r.hook),
      url: String(r.url),
      method: String(r.method),
      status: String(r.status) as LogStatus,
      attempt: Number(r.attempt),
      max_attempts: Number(r.max_attempts),
      next_retry_at: d.decodeTimestamp(r.next_retry_at),
      updated_at: d.decodeTimestamp(r.updated_at)!,
    };
  }

  private decode(r: Row): WebhookLog {
    const d = this.db.dialect;
    return {
      id: String(r.id),
      webhook_id: String(r.webhook_id),
      entity: String(r.entity),
      hook: String(r.hook),
      url: String(r.url),
      method: String(r.method),
      request_headers: d.decodeJson<Record<string, string>>(r.request_headers) ?? {},
      request_body: d.decodeJson(r.request_body) ?? {},
      response_status: r.response_status === null || r.response_status === undefined ? null : Number(r.response_status),
      response_body: String(r.response_body ?? ''),
      status: String(r.status) as LogStatus,
      attempt: Number(r.attempt),
      max_attempts: Number(r.max_attempts),
      next_retry_at: d.decodeTimestamp(r.next_retry_at),
      error: String(r.error ?? ''),
      idempotency_key: String(r.idempotency_key),
      created_at: d.decodeTimestamp(r.created_at)!,
      updated_at: d.decodeTimestamp(r.updated_at)!,
    };
  }

  /** `?webhook_id=&status=&entity=` (AND), newest created_at first (then id), at most 200. */
  async list(query: unknown): Promise<WebhookLog[]> {
    const q = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
    const where: string[] = [];
    const params: unknown[] = [];
    for (const name of FILTERS) {
      let value = q[name];
      if (value === undefined) continue;
      // Nothing can match a repeated parameter, text no database holds, or a webhook_id that is no UUID.
      if (typeof value !== 'string' || textProblem(value)) return [];
      if (name === 'webhook_id') {
        if (!isUuid(value)) return [];
        value = value.toLowerCase();
      }
      params.push(value);
      where.push(`${name} = $${params.length}`);
    }
    const sql = `SELECT ${WEBHOOK_LOG_COLUMNS} FROM _webhook_logs${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ` +
      `ORDER BY created_at DESC, id DESC LIMIT ${LOG_LIST_LIMIT}`;
    const rows = await this.db.query<Row>(sql, params);
    return rows.map((r) => this.decode(r));
  }

  async get(id: string): Promise<WebhookLog> {
    if (!isUuid(id)) throw errors.webhookLogNotFound(id);
    const [row] = await this.db.query<Row>(`SELECT ${WEBHOOK_LOG_COLUMNS} FROM _webhook_logs WHERE id = $1`, [id.toLowerCase()]);
    if (!row) throw errors.webhookLogNotFound(id);
    return this.decode(row);
  }

  /**
   * Due now, as `retrying`, attempt kept: a delivery whose attempts are exhausted gets exactly one
   * more. One conditional UPDATE, so a concurrent settle cannot slip between the check and the write.
   */
  async retry(id: string): Promise<RetriedWebhookLog> {
    if (!isUuid(id)) throw errors.webhookLogNotFound(id);
    const key = id.toLowerCase();
    const now = new Date().toISOString();
    const [row] = await this.db.query<Row>(
      "UPDATE _webhook_logs SET status = 'retrying', next_retry_at = $1, updated_at = $1 " +
        `WHERE id = $2 AND status IN ('failed', 'retrying') RETURNING ${RETRY_COLUMNS}`,
      [now, key],
    );
    if (row) return this.retried(row);
    const [exists] = await this.db.query<Row>('SELECT id FROM _webhook_logs WHERE id = $1', [key]);
    if (!exists) throw errors.webhookLogNotFound(id);
    throw errors.webhookLogNotRetryable();
  }
}
