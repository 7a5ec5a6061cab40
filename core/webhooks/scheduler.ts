// The webhook retry scheduler (webhooks-and-files.md §A8, platform-and-apps.md §8.2, §10): per app,
// every tick, claims due deliveries — `retrying` ones whose time has come and `pending` ones whose
// lease ran out (their writer died before attempting them) — at most 50 at a time with the
// dialect's claim suffix (FOR UPDATE SKIP LOCKED: two instances never take the same row), and
// hands them to the dispatcher. Rows of a deleted or inactive webhook fail with "Webhook is
// inactive". A backlog is drained batch after batch, as fast as the dispatcher frees room, for at
// most `budgetMs` per tick, so other apps get their turn and memory stays flat.
import { claimDue } from '../jobs/claim.js';
import type { AppJob } from '../jobs/runner.js';
import { ASYNC_TIMEOUT_MS } from './delivery.js';
import type { WebhookDispatcher } from './dispatcher.js';
import { DEFAULT_RETRY, type RetryPolicy } from './types.js';
import { SPANS, appSink, planRootSpan } from '../tracing/index.js';

export const CLAIM_BATCH = 50;

interface LogRecord {
  id: string;
  webhook_id: string;
  url: string;
  method: string;
  request_headers: unknown;
  request_body: unknown;
  attempt: number;
  max_attempts: number;
  idempotency_key: string;
  [column: string]: unknown;
}

const INACTIVE_SQL =
  "UPDATE _webhook_logs SET status = 'failed', error = 'Webhook is inactive', next_retry_at = NULL, updated_at = $1 WHERE id = $2 AND next_retry_at = $3";

export function webhookRetryJob(dispatcher: WebhookDispatcher, opts: { intervalMs: number; budgetMs: number; leaseMs: number }): AppJob {
  return {
    name: 'webhook-retries',
    intervalMs: opts.intervalMs,
    perApp: true,
    runAtStart: true,
    concurrency: 4,
    async run(ctx) {
      // Apps that never defined a webhook have no deliveries: their database is left alone.
      if (!ctx.app.registry.hasWebhookRows) return;
      const db = ctx.app.db;
      const d = db.dialect;
      const started = ctx.now();
      // Each claimed delivery is a work item of its own trace, rooted in its webhook.retry span (§A2).
      const sink = appSink(ctx.app);
      while (!ctx.signal.aborted && ctx.now() - started < opts.budgetMs) {
        // Claim the next batch once the previous one is mostly under way (and the queue has room).
        await dispatcher.waitUntilQueuedAtMost(CLAIM_BATCH);
        if (dispatcher.room() < CLAIM_BATCH) await dispatcher.idle();
        if (ctx.signal.aborted) return;
        const { rows, leaseUntil } = await claimDue<LogRecord>(db, {
          table: '_webhook_logs', dueColumn: 'next_retry_at', where: "status IN ('pending', 'retrying')", limit: CLAIM_BATCH,
        }, { now: ctx.now(), leaseMs: opts.leaseMs });
        if (rows.length === 0) return;
        const ids = [...new Set(rows.map((r) => String(r.webhook_id)))];
        const hooks = new Map((await db.query<Record<string, unknown>>(
          `SELECT id, active, retry, secret FROM _webhooks WHERE id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')})`, ids,
        )).map((h) => [String(h.id), h]));
        const nowIso = new Date(ctx.now()).toISOString();
        for (const row of rows) {
          const hook = hooks.get(String(row.webhook_id));
          if (!hook || !d.decodeBool(hook.active)) {
            await db.run(INACTIVE_SQL, [nowIso, row.id, leaseUntil]);
            continue;
          }
          const retry = d.decodeJson<RetryPolicy>(hook.retry) ?? DEFAULT_RETRY;
          dispatcher.submit({
            app: ctx.app.name, db, logId: String(row.id), attempt: Number(row.attempt), maxAttempts: Number(row.max_attempts),
            backoff: retry.backoff, leaseUntil,
            request: {
              url: row.url, method: row.method, headers: d.decodeJson<Record<string, string>>(row.request_headers) ?? {},
              body: JSON.stringify(d.decodeJson(row.request_body)), idempotencyKey: row.idempotency_key,
              secret: hook.secret ? String(hook.secret) : null, timeoutMs: ASYNC_TIMEOUT_MS,
            },
            span: planRootSpan(sink, SPANS.webhookRetry, typeof row.entity === 'string' ? row.entity : null, null, {
              log_id: String(row.id), webhook_id: String(row.webhook_id), attempt: Number(row.attempt) + 1,
            }),
          });
        }
        if (rows.length < CLAIM_BATCH) return;
      }
    },
  };
}
