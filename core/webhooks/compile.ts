// The active webhooks of every entity, compiled once per registry (webhooks-and-files.md §A2–§A4):
// per entity and hook, in created_at order, with the condition already compiled. A stored
// condition that no longer compiles is kept with its reason: the webhook then fails (synchronous)
// or is skipped with a log line (asynchronous), exactly like a condition that errors at runtime.
import { compileExpression, type CompiledExpr } from '../expr/index.js';
import type { Logger } from '../logger.js';
import type { DeliveryMethod, RetryPolicy, StoredWebhook, WebhookHook } from './types.js';

export interface CompiledWebhook {
  readonly id: string;
  readonly entity: string;
  readonly hook: WebhookHook;
  readonly url: string;
  readonly method: DeliveryMethod;
  readonly headers: Readonly<Record<string, string>>;
  /** undefined: always fires. */
  readonly condition: CompiledExpr | undefined;
  /** Why the stored condition does not compile. */
  readonly broken?: string;
  readonly retry: RetryPolicy;
  readonly secret: string | null;
}

export type EntityWebhooks = Readonly<Partial<Record<WebhookHook, readonly CompiledWebhook[]>>>;

function compileOne(row: StoredWebhook, log: Logger): CompiledWebhook {
  const base = { id: row.id, entity: row.entity, hook: row.hook, url: row.url, method: row.method, headers: row.headers, retry: row.retry, secret: row.secret };
  if (row.condition.trim() === '') return { ...base, condition: undefined };
  try {
    return { ...base, condition: compileExpression(row.condition) };
  } catch (err) {
    const reason = (err as Error).message;
    log.error({ webhook: row.id, entity: row.entity, reason }, 'stored webhook condition does not compile');
    return { ...base, condition: undefined, broken: reason };
  }
}

/** Active webhooks by entity and hook; the rows come ordered by entity, hook, created_at. */
export function compileWebhooks(rows: readonly StoredWebhook[], log: Logger): ReadonlyMap<string, EntityWebhooks> {
  const out = new Map<string, Partial<Record<WebhookHook, CompiledWebhook[]>>>();
  for (const row of rows) {
    if (!row.active) continue;
    let hooks = out.get(row.entity);
    if (!hooks) out.set(row.entity, (hooks = {}));
    (hooks[row.hook] ??= []).push(compileOne(row, log));
  }
  return out;
}
