// Workflow triggers (write-pipeline.md §7): for every record a write creates or updates, each
// active workflow whose `state_change` trigger names the record's entity starts when the persisted
// value of its field is `to` and was not before (null on create). The start is recorded in
// `_effects` inside the write's transaction (core/effects/), so a process that dies right after
// COMMIT still starts it once — the effects job takes it over after a restart. The writer starts
// it after COMMIT and before the response (runAfterCommit), in workflow name order.
import { recordEffects } from '../../effects/record.js';
import { finishEffects } from '../../effects/finish.js';
import type { Effect, WorkflowStartPayload } from '../../effects/types.js';
import { newId } from '../../ids.js';
import { SPANS, withSpan } from '../../tracing/index.js';
import { apiRecord } from '../../webhooks/payload.js';
import type { CompiledWorkflow } from '../../workflows/compile.js';
import type { RecordWrite, WriteRun, WriteStep } from './types.js';

type StateTrigger = { field: string; to: string };

const triggerOf = (wf: CompiledWorkflow): StateTrigger => wf.trigger as StateTrigger;

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function startsFor(w: RecordWrite, workflows: readonly CompiledWorkflow[]): Effect[] {
  if (!w.record) return [];
  // API output form (§4.3): what the trigger compares and what the context mapping sees.
  const record = apiRecord(w.entity, w.record);
  const old = w.kind === 'update' && w.old ? apiRecord(w.entity, w.old) : null;
  const out: Effect[] = [];
  for (const wf of workflows) {
    const { field, to } = triggerOf(wf);
    // An update that does not write the field cannot change it (and its old row is not read).
    if (w.kind === 'update' && !(field in w.values)) continue;
    const after = text(record[field]);
    const before = old ? text(old[field]) : null;
    if (after === null || after !== to || before === after) continue;
    out.push({
      id: newId(), kind: 'workflow_start', payload: {
        workflow_id: wf.id,
        trigger: { record_id: String(w.pk), record, entity: w.entity.name, field, from: old ? (old[field] ?? null) : null, to: record[field], event: null, data: null },
      },
    });
  }
  return out;
}

async function recordStarts(w: RecordWrite, run: WriteRun, workflows: readonly CompiledWorkflow[]): Promise<void> {
  const effects = startsFor(w, workflows);
  if (effects.length === 0) return;
  const { ctx } = run;
  const services = ctx.effects;
  // Without services nobody starts them after COMMIT: due at once, for the effects job.
  const leaseUntil = await recordEffects(run.q, ctx.db.dialect, effects, ctx.now, services ? services.recoveryDelayMs : 0);
  if (!services) return;
  // observability-and-audit.md §A3: starting them is the `workflow.trigger` span, parent of each
  // instance's `workflow.advance`. One write normally starts on one field; with several, the
  // span names them all.
  const fields = [...new Set(effects.map((e) => (e.payload as WorkflowStartPayload).trigger.field))];
  const toState = text((effects[0].payload as WorkflowStartPayload).trigger.to);
  const parent = ctx.span; // the write plan's nested_write.execute
  run.afterCommit.push({
    w,
    fn: () => withSpan(parent, SPANS.workflowTrigger, w.entity.name, w.pk, (span) => {
      span.set('field', fields.join(',')).set('to_state', toState).set('workflow_count', effects.length);
      return finishEffects(ctx.db, services, effects, leaseUntil, ctx.events?.app ?? '', span);
    }),
  });
}

export const workflowTriggersStep: WriteStep = {
  name: 'workflow triggers',
  compile(entity, kind, registry) {
    if (kind !== 'create' && kind !== 'update') return null;
    const workflows = registry.workflows.byStateChange.get(entity.name);
    if (!workflows) return null;
    const fields = [...new Set(workflows.map((wf) => triggerOf(wf).field))];
    return {
      afterWrite: (w, run) => recordStarts(w, run, workflows),
      // Only a write that sets a trigger field can change it (rules and transitions that set one
      // run in the transaction anyway): anything else keeps the single-statement path.
      needsTransaction: (w) => fields.some((f) => (kind === 'create' ? w.values[f] != null : f in w.values)),
    };
  },
};
