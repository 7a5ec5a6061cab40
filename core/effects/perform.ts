// Performing one effect — by its writer right after COMMIT, or by the effects job when the writer
// died first. Repeating one is safe: a business event is inserted under the effect's own id
// (ON CONFLICT DO NOTHING), so it exists once however often it runs; a webhook carries the
// effect's id as its idempotency key, so a receiver can drop a repeat; a workflow instance takes the
// effect's id, so it is started once.
import type { Database } from '../db/types.js';
import { newId } from '../ids.js';
import { deliveryHeaders, resolveHeaderTemplates } from '../outbound/header-templates.js';
import type { BusinessEventPayload, Effect, EffectSender, EffectServices, TransitionWebhookPayload } from './types.js';

/** write-pipeline.md §6: 30 s, no retry. */
export const TRANSITION_WEBHOOK_TIMEOUT_MS = 30_000;

const EVENT_SQL =
  'INSERT INTO _events (id, trace_id, span_id, event_type, source, component, action, entity, record_id, user_id, metadata, created_at) ' +
  "VALUES ($1, $2, $3, 'business', 'app', $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING";

/** Inserts a business event under `id` (once however often it runs); its component is its source. */
export async function insertBusinessEvent(db: Database, id: string, e: BusinessEventPayload): Promise<void> {
  // No request tracing yet: each business event is its own root span (observability §A2).
  await db.run(EVENT_SQL, [
    id, newId(), id, String(e.metadata.source ?? 'app'), e.action, e.entity, e.record_id, e.user_id, db.dialect.encodeJson(e.metadata), e.created_at,
  ]);
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
export async function performEffect(db: Database, services: EffectServices, effect: Effect, app: string): Promise<void> {
  switch (effect.kind) {
    case 'send_event':
      return insertBusinessEvent(db, effect.id, effect.payload);
    case 'transition_webhook':
      return sendWebhook(services.sender, effect.payload);
    case 'workflow_start':
      if (!services.workflows) throw new Error('the workflow engine is not running');
      return services.workflows.start(app, effect.id, effect.payload);
  }
}
