// Post-commit effects (write-pipeline.md §6, logic.md §3.5–3.7): work a committed write owes the
// world — a business event, a transition webhook — recorded in `_effects` inside the business
// transaction, so a process that dies right after COMMIT cannot lose it.
import type { Logger } from '../logger.js';

export type EffectKind = 'send_event' | 'transition_webhook';

/** An `_events` row of a business event (observability-and-audit.md §A1), decided at write time. */
export interface BusinessEventPayload {
  action: string;
  entity: string;
  record_id: string;
  user_id: string | null;
  metadata: Record<string, unknown>;
  created_at: string;
}

/** A transition webhook (write-pipeline.md §6): headers stay unresolved until sent. */
export interface TransitionWebhookPayload {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

export type Effect =
  | { id: string; kind: 'send_event'; payload: BusinessEventPayload }
  | { id: string; kind: 'transition_webhook'; payload: TransitionWebhookPayload };

/** What sending a webhook needs from the outbound HTTP client. */
export interface EffectSender {
  send(req: { url: string; method: string; headers: Record<string, string>; body?: string; timeoutMs: number }): Promise<{ status: number }>;
}

/** One per server: how effects are performed, and when an unfinished one counts as abandoned. */
export interface EffectServices {
  readonly sender: EffectSender;
  /** How long after COMMIT the effects job may take over an effect its writer has not finished. */
  readonly recoveryDelayMs: number;
  readonly log: Logger;
  /** Transition webhooks on their way (asynchronous); `idle()` waits for them. */
  readonly inflight: Set<Promise<void>>;
  /**
   * Test seam: called after COMMIT before any effect is performed. A throw here stands for a
   * process that died between COMMIT and its effects (the effects job must finish them).
   */
  beforeFinish?: () => void;
}
