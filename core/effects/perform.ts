// Performing one effect — by its writer right after COMMIT, or by the effects job when the writer
// died first. Repeating one is safe: a business event is inserted under the effect's own id
// (ON CONFLICT DO NOTHING), so it exists once however often it runs; a webhook carries the
// effect's id as its idempotency key, so a receiver can drop a repeat; a workflow instance takes the
// effect's id, so it is started once.
import type { Parent } from '../tracing/index.js';
import type { Database } from '../db/types.js';
import { newId } from '../ids.js';
import { insertBusinessEvent as insertEvent } from '../tracing/store.js';
import { deliveryHeaders, resolveHeaderTemplates } from '../outbound/header-templates.js';
import type { BusinessEventPayload, Effect, EffectSender, EffectServices, TransitionWebhookPayload } from './types.js';

/** write-pipeline.md §6: 30 s, no retry. */
export const TRANSITION_WEBHOOK_TIMEOUT_MS = 30_000;

/** A business event decided by a transition or workflow `send_event`, inserted under `id` (once
 * however often it runs) with the values of observability-and-audit.md §A7.1, in the trace it
 * was decided in (else a trace of its own). */
export function insertBusinessEvent(db: Database, id: string, e: BusinessEventPayload): Promise<void> {
  return insertEvent(db, db.dialect, {
    id, traceId: e.trace_id ?? newId(), spanId: id, parentSpanId: e.parent_span_id ?? null, action: e.action, entity: e.entity,
    recordId: e.record_id, userId: e.user_id, metadata: e.metadata, createdAt: Date.parse(e.created_at),
  });
}

async function sendWebhook(sender: EffectSender, w: TransitionWebhookPayload): Promise<void> {
  const key = String(w.body.idempotency_key);
  const headers = deliveryHeaders(resolveHeaderTemplates(w.headers), {
    'Content-Type': 'application/json', 'User-Agent': 'Rocket-Webhooks/1', 'Idempotency-Key': key,
  });
  const res = await sender.send({
    url: w.url, method: w.method, headers, timeoutMs: TRANSITION_WEBHOOK_TIMEOUT_MS,
    body: w.method === 'GET' ? undefined : JSON.stringify(w.body),
  });
  if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status}`);
}

/** Performs `effect` of `app`; throws on failure (a non-2xx webhook answer included). */
export async function performEffect(db: Database, services: EffectServices, effect: Effect, app: string, parent?: Parent): Promise<void> {
  switch (effect.kind) {
    case 'send_event':
      return insertBusinessEvent(db, effect.id, effect.payload);
    case 'transition_webhook':
      return sendWebhook(services.sender, effect.payload);
    case 'workflow_start':
      if (!services.workflows) throw new Error('the workflow engine is not running');
      return services.workflows.start(app, effect.id, effect.payload, parent);
  }
}
