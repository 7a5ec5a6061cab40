// Step 24 of write-pipeline.md §2.2 and the transition part of step 30 (logic.md §3.5–§3.7): the
// actions of the transitions the state-machine step took, once the row and its children are
// written. `create_record` creates its record here, in the same transaction, through the full
// create pipeline of its entity. `send_event` and `webhook` are recorded in `_effects` in the same
// transaction and performed after COMMIT (core/effects/), so a crash in between loses neither; so
// are the starts of the workflows a `send_event` triggers (logic.md §3.7).
// Listed before the rules step, so after_write rules see the records create_record made.
import { errors, type ErrorDetail } from '../../errors.js';
import { ExprRuntimeError, type ExprEnv } from '../../expr/index.js';
import { newId } from '../../ids.js';
import { isUuid } from '../../ids.js';
import { recordEffects } from '../../effects/record.js';
import { finishEffects } from '../../effects/finish.js';
import type { Effect } from '../../effects/types.js';
import { spanRef } from '../../tracing/index.js';
import { typedRecord } from '../../rules/values.js';
import { apiRecord } from '../../webhooks/payload.js';
import type { CompiledCreateRecord, CompiledData } from '../../state-machines/compile.js';
import { jsonValue } from '../../state-machines/templates.js';
import { eventWorkflows } from '../../workflows/compile.js';
import { writeEnv } from '../expression-env.js';
import { recordWrite, writeRecord } from '../record-write.js';
import { machinesOf, touchesState } from './state-machine.js';
import { runChecks } from './run-phases.js';
import type { RecordWrite, TakenTransition, WriteRun, WriteStep } from './types.js';

const NO_RELATED: Readonly<Record<string, unknown>> = Object.freeze({});

/** The data of an action with its templates evaluated; failures as details under `prefix`. */
function evaluateData(data: CompiledData, env: ExprEnv, prefix: string): { values: Record<string, unknown>; details: ErrorDetail[] } {
  const values: Record<string, unknown> = {};
  const details: ErrorDetail[] = [];
  for (const [key, template] of data) {
    if ('literal' in template) {
      values[key] = template.literal;
      continue;
    }
    try {
      values[key] = jsonValue(template.expression.evaluate(env));
    } catch (err) {
      if (!(err instanceof ExprRuntimeError)) throw err;
      details.push({ field: prefix + key, rule: 'state_machine', message: `Template evaluation error: ${err.reason}` });
    }
  }
  return { values, details };
}

/** §3.6: one record of the action's entity through its full create pipeline; permissions not checked. */
async function createRecordAction(run: WriteRun, action: CompiledCreateRecord, env: ExprEnv): Promise<void> {
  const prefix = `create_record.${action.entity.name}.`;
  const data = evaluateData(action.data, env, prefix);
  if (data.details.length > 0) throw errors.validationFailed(data.details);
  const outcome = action.entity.validator.validateCreate(data.values, prefix);
  if (!outcome.ok) throw errors.validationFailed(outcome.details);
  const child = recordWrite('create', action.entity, { values: outcome.values, path: prefix, nested: true, trusted: true });
  runChecks(child, run.ctx);
  await writeRecord(run, child); // a unique violation answers 409 with the prefixed path
}

/** §3.7 and §6: what a taken transition owes after COMMIT, decided now (templates see this transaction's record). */
function effectsOf(w: RecordWrite, run: WriteRun, taken: TakenTransition, env: ExprEnv): Effect[] {
  const { ctx } = run;
  const { transition: t, machine, from, to } = taken;
  const recordId = String(w.pk);
  const out: Effect[] = [];
  const caller = ctx.caller;
  for (const hook of t.webhooks) {
    const id = newId();
    const body: Record<string, unknown> = {
      event: 'state_transition', entity: w.entity.name, record_id: w.pk, field: machine.field.name, from, to, record: apiRecord(w.entity, w.record!),
    };
    if (caller) body.user = { id: caller.id, roles: [...caller.roles] };
    body.timestamp = ctx.now.toISOString();
    body.idempotency_key = `wh_${id}`;
    out.push({ id, kind: 'transition_webhook', payload: { url: hook.url, method: hook.method, headers: { ...hook.headers }, body } });
  }
  for (const event of t.events) {
    const data = event.data ? evaluateData(event.data, env, `send_event.${event.event}.`) : undefined;
    if (data && data.details.length > 0) throw errors.validationFailed(data.details);
    const values = data ? data.values : {};
    out.push({
      id: newId(), kind: 'send_event', payload: {
        action: event.event, entity: w.entity.name, record_id: recordId,
        user_id: caller && isUuid(caller.id) ? caller.id : null,
        metadata: { source: 'state_machine', field: machine.field.name, from, to, data: values },
        created_at: ctx.now.toISOString(),
        ...spanRef(ctx.span),
      },
    });
    // §3.7 step 2: the event workflows it starts, recorded with it, started right after it.
    const workflows = eventWorkflows(ctx.registry.workflows.byEvent.get(event.event), w.entity.name);
    if (workflows.length === 0) continue;
    const record = apiRecord(w.entity, w.record!);
    for (const wf of workflows) {
      out.push({
        id: newId(), kind: 'workflow_start', payload: {
          workflow_id: wf.id,
          trigger: { record_id: recordId, record, entity: w.entity.name, field: machine.field.name, from, to, event: event.event, data: values },
        },
      });
    }
  }
  return out;
}

async function runTransitionActions(w: RecordWrite, run: WriteRun): Promise<void> {
  if (!w.transitions) return;
  const { ctx } = run;
  // Templates see the persisted record after the write (§3.6: `{{record.id}}` is its PK).
  const env = writeEnv(ctx, 'update', typedRecord(w.entity, w.record!), typedRecord(w.entity, w.old!), NO_RELATED);
  const effects: Effect[] = [];
  for (const taken of w.transitions) {
    for (const action of taken.transition.creates) await createRecordAction(run, action, env);
    effects.push(...effectsOf(w, run, taken, env));
  }
  if (effects.length === 0) return;
  const services = ctx.effects;
  // Without services nobody finishes them after COMMIT: due at once, for the effects job.
  const leaseUntil = await recordEffects(run.q, ctx.db.dialect, effects, ctx.now, services ? services.recoveryDelayMs : 0);
  if (services) run.afterCommit.push({ w, fn: () => finishEffects(ctx.db, services, effects, leaseUntil, ctx.events?.app ?? '') });
}

export const transitionActionsStep: WriteStep = {
  name: 'transition actions',
  compile(entity, kind, registry) {
    if (kind !== 'update') return null;
    const machines = machinesOf(entity, registry)?.filter((m) => m.hasAfterWriteActions);
    if (!machines || machines.length === 0) return null;
    return { afterWrite: runTransitionActions, needsTransaction: (w) => touchesState(w, machines) };
  },
};
