// What running one workflow instance needs: the app (its registry as of now), the server's
// services, the instance's definition and context, and who is acting (for the audit log).
import type { Parent } from '../tracing/index.js';
import type { AuditActor } from '../audit/actor.js';
import type { AuditSettings } from '../audit/settings.js';
import type { Registry } from '../compile/registry.js';
import type { Database } from '../db/types.js';
import type { EffectServices } from '../effects/types.js';
import type { EventBus } from '../events/bus.js';
import type { Logger } from '../logger.js';
import type { WebhookServices } from '../webhooks/services.js';
import type { CompiledWorkflow } from './compile.js';

/** An app as the engine sees it; `registry` is read at each use, so a reload applies at once. */
export interface WorkflowApp {
  readonly name: string;
  readonly db: Database;
  readonly registry: Registry;
}

/** One per server. */
export interface WorkflowServices {
  readonly log: Logger;
  /** The outbound sender and the set of sends in flight (workflow webhooks are tracked there too). */
  readonly effects: EffectServices;
  readonly webhooks: WebhookServices | undefined;
  readonly bus: EventBus | undefined;
  readonly audit: AuditSettings;
}

export interface WorkflowRun {
  readonly app: WorkflowApp;
  readonly services: WorkflowServices;
  readonly workflow: CompiledWorkflow;
  readonly instanceId: string;
  readonly context: Record<string, unknown>;
  /** Source `workflow`; the approver when an approval advances the instance, else no user. */
  readonly audit: AuditActor;
  /** The instance's `workflow.advance` span: its business events and the workflows they start nest under it. */
  readonly span: Parent;
  /** Starts the active workflows an event of this instance triggers (§3.7, §4.2). */
  startEventWorkflows(event: string, entity: string | null, recordId: string | null, data: Record<string, unknown>): Promise<void>;
}
