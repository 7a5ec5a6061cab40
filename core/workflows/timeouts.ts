// The timeout scheduler (logic.md §4.9): every `workflows.timeout_interval_ms` (60 s) and once at
// start, per app, each running instance whose approval deadline has passed is handled once. With
// several server instances on one database every one of them looks; the engine's conditional save
// (the instance's version) lets exactly one handle each expired deadline, and the others move on.
// No lock is held while an instance advances (its actions run their own transactions).
import type { AppJob } from '../jobs/runner.js';
import type { WorkflowEngine } from './engine.js';
import { expiredInstances } from './instances.js';
import { SPANS, appSink, withRootSpan } from '../tracing/index.js';

export const WORKFLOW_TIMEOUTS_JOB = 'workflow-timeouts';
const BATCH = 100;

export function workflowTimeoutsJob(engine: WorkflowEngine, intervalMs: number): AppJob {
  return {
    name: WORKFLOW_TIMEOUTS_JOB,
    intervalMs,
    perApp: true,
    runAtStart: true,
    async run(ctx) {
      const app = ctx.app;
      // An app without workflows has no instances (they go with their workflow): its pool stays closed.
      if (app.registry.workflows.byId.size === 0) return;
      for (;;) {
        const due = await expiredInstances(app.db, new Date(ctx.now()), BATCH);
        let handled = 0;
        for (const row of due) {
          if (ctx.signal.aborted) return;
          try {
            // observability-and-audit.md §A2: each expired deadline is a trace of its own.
            const ours = await withRootSpan(appSink(app), SPANS.workflowTimeout, null, null, (span) => {
              span.set('instance_id', row.instance.id).set('step', row.instance.current_step);
              return engine.timeout(app, row, span);
            });
            if (ours) handled++;
          } catch (err) {
            ctx.log.error({ err, app: app.name, instance: row.instance.id }, 'workflow timeout failed');
          }
        }
        if (handled > 0) ctx.log.info({ app: app.name, handled }, 'workflow approval deadlines handled');
        // A short batch was the last; a full one where nothing was ours means another instance is on it.
        if (due.length < BATCH || handled === 0) return;
      }
    },
  };
}
