// Post-commit effects (write-pipeline.md §6, logic.md §3.5–3.7): work a committed write owes the
// world — a business event, a transition webhook — recorded in `_effects` inside the business
// transaction, so a process that dies right after COMMIT cannot lose it.
import type { Parent } from '../tracing/index.js';
import type { Logger } from '../logger.js';

export type EffectKind = 'send_event' | 'transition_webhook' | 'workflow_start';

/** An `_events` row of a business event (observability-and-audit.md §A1), decided at write time. */
export interface BusinessEventPayload {
  action: string;
  entity: string | null;
  record_id: string | null;
  user_id: string | null;
  metadata: Record<string, unknown>;
  created_at: string;
  /** The trace and enclosing span of the write that decided it (§A7.1); absent outside a trace. */
  trace_id?: string;
  parent_span_id?: string;
}

/** A transition webhook (write-pipeline.md §6): headers stay unresolved until sent. */
export interface TransitionWebhookPayload {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/**
 * A workflow instance a committed write starts (write-pipeline.md §7, logic.md §3.7): the workflow
 * and the trigger environment of §4.3. The instance takes the effect's id, so it starts once.
 */
export interface WorkflowStartPayload {
  workflow_id: string;
  trigger: TriggerEnv;
}

/** `trigger` of logic.md §4.3; `record` in API output form. */
export interface TriggerEnv {
  record_id: string | null;
  record: Record<string, unknown> | null;
  entity: string | null;
  field: string | null;
  from: unknown;
  to: unknown;
  event: string | null;
  data: Record<string, unknown> | null;
}

export type Effect =
  | { id: string; kind: 'send_event'; payload: BusinessEventPayload }
  | { id: string; kind: 'transition_webhook'; payload: TransitionWebhookPayload }
  | { id: string; kind: 'workflow_start'; payload: WorkflowStartPayload };

/** Starts workflow instances (core/workflows/); one per server. */
export interface WorkflowStarter {
  /** Starts and advances the instance `instanceId` unless it exists already; throws on failure. */
  start(app: string, instanceId: string, payload: WorkflowStartPayload, parent?: Parent): Promise<void>;
}

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
  /** Set once the workflow engine is up (it needs the app manager, which needs these services). */
  workflows?: WorkflowStarter;
  /**
   * Test seam: called after COMMIT before any effect is performed. A throw here stands for a
   * process that died between COMMIT and its effects (the effects job must finish them).
   */
  beforeFinish?: () => void;
}
