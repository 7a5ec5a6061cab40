// Reading `_webhooks` rows (§A2, §A9): one query and one decoder shared by the registry loader and
// the admin API; and the API form, which never carries the secret (only whether one is set).
import type { Dialect } from '../db/types.js';
import { DEFAULT_RETRY, type RetryPolicy, type StoredWebhook, type WebhookHook, type DeliveryMethod } from './types.js';

export const WEBHOOK_COLUMNS = 'id, entity, hook, url, method, headers, condition, async, retry, secret, active, created_at, updated_at';

/** §A9 order: entity, hook, created_at (then id); byte order on every dialect. */
export function webhooksSql(dialect: Dialect): string {
  return `SELECT ${WEBHOOK_COLUMNS} FROM _webhooks ORDER BY ${dialect.byteOrder('entity')}, ${dialect.byteOrder('hook')}, created_at, id`;
}

export function decodeWebhookRow(d: Dialect, r: Record<string, unknown>): StoredWebhook {
  return {
    id: String(r.id),
    entity: String(r.entity),
    hook: String(r.hook) as WebhookHook,
    url: String(r.url),
    method: String(r.method) as DeliveryMethod,
    headers: d.decodeJson<Record<string, string>>(r.headers) ?? {},
    condition: String(r.condition ?? ''),
    async: d.decodeBool(r.async),
    retry: d.decodeJson<RetryPolicy>(r.retry) ?? DEFAULT_RETRY,
    secret: r.secret === null || r.secret === undefined || r.secret === '' ? null : String(r.secret),
    active: d.decodeBool(r.active),
    created_at: d.decodeTimestamp(r.created_at)!,
    updated_at: d.decodeTimestamp(r.updated_at)!,
  };
}

/** The representation the admin API returns (§A2): every column but the secret, plus `has_secret`. */
export function webhookView(w: StoredWebhook): Omit<StoredWebhook, 'secret'> & { has_secret: boolean } {
  const { secret, ...rest } = w;
  return { ...rest, has_secret: secret !== null };
}
