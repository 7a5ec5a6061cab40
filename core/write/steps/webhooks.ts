// Entity webhooks on the write path (webhooks-and-files.md §A3; write-pipeline.md §2.2 steps 26
// and 30, §3 step 8):
// - synchronous `before_write` / `before_delete`, for the record the request addresses only:
//   sent inside the transaction after the row, its children and the after_write rules; a failure
//   (non-2xx, transport, condition error) rolls everything back with 500 WEBHOOK_FAILED. Their log
//   rows are written after the transaction has ended, so a veto stays visible.
// - asynchronous `after_write` / `after_delete`, for every record written (nested children and
//   create_record records included; cascades fire none): the `pending` log row is inserted inside
//   the business transaction (a transactional outbox: a committed change always has its delivery
//   recorded, a rolled-back one never), and after COMMIT the dispatcher attempts it at once.
import { errors } from '../../errors.js';
import { ExprRuntimeError, truthy } from '../../expr/index.js';
import { newId } from '../../ids.js';
import type { CompiledWebhook } from '../../webhooks/compile.js';
import { deliver, endDeliverySpan, SYNC_TIMEOUT_MS, ASYNC_TIMEOUT_MS } from '../../webhooks/delivery.js';
import { SPANS, planSpan, startSpan } from '../../tracing/index.js';
import type { DeliveryJob } from '../../webhooks/dispatcher.js';
import { insertLogs, type LogRow } from '../../webhooks/outbox.js';
import { buildPayload, type BuiltPayload, type WebhookAction } from '../../webhooks/payload.js';
import type { WriteContext } from '../write-context.js';
import type { RecordWrite, StepPhases, WriteRun, WriteStep } from './types.js';

/** §A4 with §A3.1/§A3.2: fires, does not fire, or the condition failed with this reason. */
function conditionOutcome(hook: CompiledWebhook, payload: BuiltPayload): true | false | string {
  if (hook.broken) return hook.broken;
  if (!hook.condition) return true;
  try {
    return truthy(hook.condition.evaluate(payload.env));
  } catch (err) {
    if (err instanceof ExprRuntimeError) return err.reason;
    throw err;
  }
}

function payloadOf(w: RecordWrite, ctx: WriteContext, hook: CompiledWebhook['hook'], action: WebhookAction): BuiltPayload {
  return buildPayload({
    hook, entity: w.entity, action, record: action === 'delete' ? w.old! : w.record!, old: w.old,
    user: ctx.caller, now: new Date(),
  });
}

function logRow(hook: CompiledWebhook, key: string, body: string, fields: Pick<LogRow, 'status' | 'attempt' | 'max_attempts' | 'next_retry_at' | 'response_status' | 'response_body' | 'error'>): LogRow {
  return {
    id: newId(), webhook_id: hook.id, entity: hook.entity, hook: hook.hook, url: hook.url, method: hook.method,
    request_headers: { ...hook.headers }, body, idempotency_key: key, ...fields,
  };
}

/** §A3.1: each matching webhook in order; the first failure vetoes the write. */
async function sendSynchronous(w: RecordWrite, run: WriteRun, hooks: readonly CompiledWebhook[], action: WebhookAction): Promise<void> {
  const { ctx } = run;
  const payload = payloadOf(w, ctx, hooks[0].hook, action);
  const logs: LogRow[] = [];
  // Whatever happens next (commit, this veto, a later failure), the rows are written outside the transaction.
  ctx.afterTransaction.push(() => (logs.length > 0 ? insertLogs(ctx.db, ctx.db.dialect, logs, new Date().toISOString()) : Promise.resolve()));
  for (const hook of hooks) {
    const fires = conditionOutcome(hook, payload);
    if (fires === false) continue;
    const key = `wh_${newId()}`;
    const body = JSON.stringify({ ...payload.body, idempotency_key: key });
    const failed = { status: 'failed' as const, attempt: 1, max_attempts: 1, next_retry_at: null };
    if (fires !== true) {
      logs.push(logRow(hook, key, body, { ...failed, response_status: null, response_body: '', error: `condition failed: ${fires}` }));
      throw errors.webhookConditionFailed(hook.id, fires);
    }
    let outcome;
    if (ctx.webhooks) {
      // observability-and-audit.md §A3: every webhook HTTP call is a webhook.dispatch span.
      const span = startSpan(ctx.span, SPANS.webhookDispatch, hook.entity).set('hook', hook.hook).set('webhook_id', hook.id).set('url', hook.url).set('async', false);
      outcome = await deliver(ctx.webhooks.client, { url: hook.url, method: hook.method, headers: hook.headers, body, idempotencyKey: key, secret: hook.secret, timeoutMs: SYNC_TIMEOUT_MS });
      endDeliverySpan(span, outcome);
    } else {
      outcome = { ok: false, responseStatus: 0, responseBody: '', error: 'webhooks are not available here' };
    }
    const result = { response_status: outcome.responseStatus, response_body: outcome.responseBody, error: outcome.error };
    logs.push(logRow(hook, key, body, outcome.ok ? { status: 'delivered', attempt: 1, max_attempts: 1, next_retry_at: null, ...result } : { ...failed, ...result }));
    if (!outcome.ok) throw errors.webhookFailed(hook.id, outcome.error);
  }
}

/** §A3.2 steps 1–2 inside the transaction; step 3 queued for after COMMIT. */
async function recordAsynchronous(w: RecordWrite, run: WriteRun, hooks: readonly CompiledWebhook[], action: WebhookAction): Promise<void> {
  const { ctx } = run;
  const payload = payloadOf(w, ctx, hooks[0].hook, action);
  const now = Date.now();
  // Without services no dispatch follows: the rows are due at once, for the scheduler.
  const leaseUntil = new Date(now + (ctx.webhooks?.leaseMs ?? 0)).toISOString();
  const rows: LogRow[] = [];
  const jobs: Array<Omit<DeliveryJob, 'db' | 'app'>> = [];
  for (const hook of hooks) {
    const fires = conditionOutcome(hook, payload);
    if (fires === false) continue;
    if (fires !== true) {
      ctx.log?.warn({ webhook: hook.id, entity: hook.entity, reason: fires }, 'webhook condition failed; delivery skipped');
      continue;
    }
    const key = `wh_${newId()}`;
    const body = JSON.stringify({ ...payload.body, idempotency_key: key });
    const row = logRow(hook, key, body, {
      status: 'pending', attempt: 0, max_attempts: hook.retry.max_attempts, next_retry_at: leaseUntil, response_status: null, response_body: '', error: '',
    });
    rows.push(row);
    jobs.push({
      logId: row.id, attempt: 0, maxAttempts: hook.retry.max_attempts, backoff: hook.retry.backoff, leaseUntil,
      request: { url: hook.url, method: hook.method, headers: hook.headers, body, idempotencyKey: key, secret: hook.secret, timeoutMs: ASYNC_TIMEOUT_MS },
      // Attempted after the response: a child of the request's root span (§A2).
      span: planSpan(ctx.span, SPANS.webhookDispatch, hook.entity, null, { hook: hook.hook, webhook_id: hook.id, url: hook.url, async: true }),
    });
  }
  if (rows.length === 0) return;
  await insertLogs(run.q, ctx.db.dialect, rows, new Date(now).toISOString());
  const services = ctx.webhooks;
  const app = ctx.events?.app;
  if (!services || !app) return; // the scheduler attempts them once the lease ends
  run.afterCommit.push({ w, fn: () => dispatchAfterCommit(ctx, services, app, jobs) });
}

const RELEASE_SQL = 'UPDATE _webhook_logs SET next_retry_at = $1 WHERE next_retry_at = $2 AND id IN ';

/**
 * §A3.2 step 3: the dispatcher attempts them now. Those it has no room for are released to the
 * scheduler at once (due now) instead of waiting for their lease to end.
 */
async function dispatchAfterCommit(ctx: WriteContext, services: NonNullable<WriteContext['webhooks']>, app: string, jobs: Array<Omit<DeliveryJob, 'db' | 'app'>>): Promise<void> {
  const left = jobs.filter((job) => !services.dispatcher.submit({ ...job, app, db: ctx.db }));
  if (left.length === 0) return;
  const ids = left.map((j, i) => `$${i + 3}`).join(', ');
  await ctx.db.run(`${RELEASE_SQL}(${ids})`, [new Date().toISOString(), left[0].leaseUntil, ...left.map((j) => j.logId)]);
}

export const webhooksStep: WriteStep = {
  name: 'webhooks',
  compile(entity, kind, registry) {
    const hooks = registry.webhooks.get(entity.name);
    if (!hooks || kind === 'cascade') return null;
    const action: WebhookAction = kind;
    const sync = kind === 'delete' ? hooks.before_delete : hooks.before_write;
    const async = kind === 'delete' ? hooks.after_delete : hooks.after_write;
    if (!sync?.length && !async?.length) return null;
    const phases: StepPhases = {
      async afterWrite(w, run) {
        // Only the record the request addresses fires the synchronous hooks (§A3).
        if (sync?.length && !w.nested && !w.trusted) await sendSynchronous(w, run, sync, action);
        if (async?.length) await recordAsynchronous(w, run, async, action);
      },
    };
    return phases;
  },
};
