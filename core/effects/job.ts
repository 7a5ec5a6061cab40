// The `effects` job: takes over effects whose writer did not finish them within the recovery delay
// (the process died between COMMIT and its effects) and performs them once, through the outbox
// queue of core/jobs/queue.ts (claim with a lease, fenced outcome). Only apps with state machines or
// workflows are visited, so idle apps keep their pools closed.
import { queueJob, type QueueRow } from '../jobs/queue.js';
import type { AppJob } from '../jobs/runner.js';
import { performEffect, TRANSITION_WEBHOOK_TIMEOUT_MS } from './perform.js';
import type { Effect, EffectServices } from './types.js';

interface EffectRow extends QueueRow {
  kind: Effect['kind'];
  payload: unknown;
}

export function effectsJob(services: EffectServices, intervalMs: number): AppJob {
  const job = queueJob<EffectRow>({
    name: 'effects',
    intervalMs,
    table: '_effects',
    batch: 50,
    // Longer than the slowest effect (a webhook's timeout), so a live claimer keeps its rows.
    leaseMs: TRANSITION_WEBHOOK_TIMEOUT_MS * 2,
    concurrency: 4,
    backoff: () => 60_000,
    appliesTo: (app) => app.registry.stateMachines.size > 0 || app.registry.workflows.byId.size > 0,
    async handle(row, ctx) {
      const db = ctx.app.db;
      const effect = { id: String(row.id), kind: row.kind, payload: db.dialect.decodeJson(row.payload) } as Effect;
      ctx.log.info({ app: ctx.app.name, effect: effect.id, kind: effect.kind }, 'finishing a post-commit effect its writer left unfinished');
      await performEffect(db, services, effect, ctx.app.name);
    },
  });
  // After a restart, effects left by the previous process are taken over without waiting a tick.
  return { ...job, runAtStart: true };
}
