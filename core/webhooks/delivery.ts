// One delivery attempt (webhooks-and-files.md §A5, §A7): headers (defaults, then the configured
// ones with `{{env.NAME}}` resolved now), the signature when the webhook has a secret, no body for
// GET, and the outcome in the log's terms (§A1.1): `response_status` 0 when no response came,
// `error` "HTTP <status>" for a non-2xx or the transport message.
import type { OutboundClient } from '../outbound/http-client.js';
import { deliveryHeaders, resolveHeaderTemplates } from '../outbound/header-templates.js';
import { signatureHeaders } from './signature.js';
import type { ActiveSpan } from '../tracing/index.js';

export const SYNC_TIMEOUT_MS = 10_000;
export const ASYNC_TIMEOUT_MS = 30_000;

export interface DeliveryRequest {
  url: string;
  method: string;
  /** As stored: unresolved templates. */
  headers: Record<string, string>;
  /** The JSON body text (ignored for GET). */
  body: string;
  idempotencyKey: string;
  secret: string | null;
  timeoutMs: number;
}

export interface DeliveryOutcome {
  ok: boolean;
  responseStatus: number;
  /** Truncated by the client; NUL removed (PostgreSQL text cannot hold it). */
  responseBody: string;
  /** '' on success. */
  error: string;
}

export async function deliver(client: OutboundClient, req: DeliveryRequest, now = new Date()): Promise<DeliveryOutcome> {
  const defaults: Record<string, string> = {
    'Content-Type': 'application/json', 'User-Agent': 'Rocket-Webhooks/1', 'Idempotency-Key': req.idempotencyKey,
  };
  const body = req.method === 'GET' ? undefined : req.body;
  const signed = req.secret ? signatureHeaders(req.secret, req.idempotencyKey, body ?? '', now) : undefined;
  const headers = deliveryHeaders(resolveHeaderTemplates(req.headers), signed ? { ...defaults, ...signed } : defaults);
  try {
    const res = await client.send({ url: req.url, method: req.method, headers, body, timeoutMs: req.timeoutMs });
    const ok = res.status >= 200 && res.status < 300;
    return { ok, responseStatus: res.status, responseBody: res.body.replaceAll('\u0000', ''), error: ok ? '' : `HTTP ${res.status}` };
  } catch (err) {
    return { ok: false, responseStatus: 0, responseBody: '', error: err instanceof Error ? err.message : String(err) };
  }
}

/** Ends an attempt's `webhook.dispatch` / `webhook.retry` span (observability-and-audit.md §A3):
 * `status_code` when a response came, `error` when the attempt failed. */
export function endDeliverySpan(span: ActiveSpan, outcome: DeliveryOutcome): void {
  if (!span.recording) return;
  if (outcome.responseStatus > 0) span.set('status_code', outcome.responseStatus);
  if (outcome.ok) span.end('ok');
  else span.fail(outcome.error);
}
