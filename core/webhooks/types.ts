// The entity-webhook model of webhooks-and-files.md Part A: the stored definition (§A2), its hooks
// and retry policy, and the delivery log row (§A1, §A10), which is also the outbox of asynchronous
// deliveries.
export const WEBHOOK_HOOKS = ['after_write', 'before_write', 'after_delete', 'before_delete'] as const;
export type WebhookHook = (typeof WEBHOOK_HOOKS)[number];

export const DELIVERY_METHODS = ['POST', 'PUT', 'PATCH', 'GET', 'DELETE'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export const BACKOFFS = ['exponential', 'linear'] as const;
export type Backoff = (typeof BACKOFFS)[number];

export interface RetryPolicy {
  max_attempts: number;
  backoff: Backoff;
}

export const DEFAULT_RETRY: RetryPolicy = Object.freeze({ max_attempts: 3, backoff: 'exponential' }) as RetryPolicy;

/** `before_*` hooks are synchronous, `after_*` asynchronous (§A3); `async` is stored to match. */
export const isAsyncHook = (hook: WebhookHook): boolean => hook.startsWith('after_');

/** A validated admin payload (§A9), defaults applied; `secret` undefined = keep none. */
export interface WebhookInput {
  entity: string;
  hook: WebhookHook;
  url: string;
  method: DeliveryMethod;
  headers: Record<string, string>;
  condition: string;
  async: boolean;
  retry: RetryPolicy;
  active: boolean;
  /** Beyond the spec: signs deliveries (Standard Webhooks); never returned. */
  secret: string | null;
}

/** A `_webhooks` row; the API representation drops `secret` and adds `has_secret`. */
export interface StoredWebhook extends WebhookInput {
  id: string;
  created_at: string;
  updated_at: string;
}

export const LOG_STATUSES = ['pending', 'delivered', 'retrying', 'failed'] as const;
export type LogStatus = (typeof LOG_STATUSES)[number];
