// Step 27 of write-pipeline.md §2.2 and §3 (observability-and-audit.md §B2): one audit entry per
// record the request creates, updates or deletes — the addressed record, nested children at any
// depth, create_record records — inside the write's transaction, so a failed insert rolls the
// change back and a rejected write leaves none. Cascaded records get no entry.
//
// Where the dialect has writable CTEs (PostgreSQL) and SQL can render the entity's values, a create
// or update entry is written by the row's own statement (core/audit/cte.ts), set up here in the
// check phase: the write keeps its single statement (W3, W6) and a nested create's batched children
// their one multi-row INSERT. Everywhere else (SQLite, deletes, other field types) the entry is
// computed from the records before and after (core/audit/diff.ts) once the row is written, which
// on an update needs the record read under lock, hence the transaction.
import { auditCompanion, cteCapable } from '../../audit/cte.js';
import type { AuditActor, AuditSource } from '../../audit/actor.js';
import { captureChange } from '../../audit/capture.js';
import { entityPlan, optedOut, type AuditPlan } from '../../audit/plan.js';
import type { CompiledEntity } from '../../compile/compiled-entity.js';
import type { WriteContext } from '../write-context.js';
import type { RecordWrite, WriteRun, WriteStep } from './types.js';

/**
 * §B2: children of a nested write are `nested`, a transition's create_record records `action`; the
 * record a write addresses (a workflow's create_record included) takes the actor's source.
 */
const sourceOf = (w: RecordWrite, actor: AuditActor): AuditSource => (!w.nested ? actor.source : w.trusted ? 'action' : 'nested');

/** The plan when this write is audited (an actor is known, auditing is on, the entity takes part). */
function planOf(entity: CompiledEntity, ctx: WriteContext): AuditPlan | null {
  const actor = ctx.audit;
  return actor ? entityPlan(entity, actor.settings) : null;
}

async function capture(w: RecordWrite, run: WriteRun): Promise<void> {
  const { ctx } = run;
  const plan = planOf(w.entity, ctx);
  if (!plan) return;
  const action = w.kind === 'create' ? 'create' : w.kind === 'update' ? 'update' : 'delete';
  await captureChange(run.q, ctx.db.dialect, ctx.audit, plan, {
    action, recordId: String(w.pk), before: w.old, after: w.record, source: sourceOf(w, ctx.audit!), now: ctx.now,
  });
}

export const auditStep: WriteStep = {
  name: 'audit',
  compile(entity, kind) {
    if (kind === 'cascade' || optedOut(entity)) return null;
    if ((kind === 'create' || kind === 'update') && cteCapable(entity)) {
      return {
        check(w, ctx) {
          const plan = planOf(entity, ctx);
          if (plan) w.companion = auditCompanion(entity, plan, kind, ctx.audit!, sourceOf(w, ctx.audit!), ctx.now);
        },
      };
    }
    return { afterWrite: capture, needsTransaction: (_w, ctx) => planOf(entity, ctx) !== null };
  },
};
