// THE write pipeline, in spec order (write-pipeline.md §2.2 for create/update, §3 for delete, §2.3
// for nested children). Every record write of every path runs these steps through
// `writeRecord` (core/write/record-write.ts); nowhere else lists them. Within a phase, steps run in
// this order. Adding a step: one file in this folder, one line here.
//
//   phase         create / update                          delete
//   check         3 permission (create), PK, 12–15 rules     —
//                 (create without related_load), 16 initial
//                 state (create), 19 auto fields
//   (BEGIN; 11 re-read under lock)                          4 re-read under lock
//   beforeWrite   3 permission (update), 12–15 rules        3 permission, 5 before_delete rules
//                 (update, or create with related_load),
//                 16 transitions (update), 17 slug, 18 files
//   row           20 INSERT / UPDATE … RETURNING            6 on_delete policies, 7 delete
//   children      21–23 nested relation writes (each child runs this whole list)
//   afterWrite    24 transition actions, 25 after_write      26 sync webhooks, 27 audit
//                 rules, 26 sync webhooks, §7 workflow
//                 triggers, 27 audit
//   (COMMIT)
//   afterCommit   30 transition effects (queued by step 24), after_write webhooks, workflow
//                 starts (§7, recorded in the transaction by the workflow-triggers step)
import type { CompiledEntity } from '../../compile/compiled-entity.js';
import type { Registry } from '../../compile/registry.js';
import { auditStep } from './audit.js';
import { autoFieldsStep } from './auto-fields.js';
import { filesStep } from './files.js';
import { permissionStep } from './permission.js';
import { primaryKeyStep } from './primary-key.js';
import { rulesStep } from './rules.js';
import { slugStep } from './slug.js';
import { stateMachineStep } from './state-machine.js';
import { transitionActionsStep } from './transition-actions.js';
import { webhooksStep } from './webhooks.js';
import { workflowTriggersStep } from './workflow-triggers.js';
import type { CompiledSteps, WriteKind, WriteStep } from './types.js';
import { WRITE_KINDS } from './types.js';

export const WRITE_STEPS: readonly WriteStep[] = [
  permissionStep, // 3
  primaryKeyStep, // part of 20
  transitionActionsStep, // 24 create_record, and send_event / webhook recorded for after COMMIT
  rulesStep, // 12–15 before_write rules, 25 after_write rules; §3 5 before_delete rules
  stateMachineStep, // 16 initial state (create), transitions, roles, guards, set_field (update)
  slugStep, // 17
  filesStep, // 18
  autoFieldsStep, // 19
  webhooksStep, // 26 synchronous webhooks (§3 8); after_write / after_delete recorded for after COMMIT (30)
  workflowTriggersStep, // §7 workflow starts recorded in the transaction, started after COMMIT (30)
  auditStep, // 27 one audit entry per record written (in the row's statement where the dialect allows)
];

const orNull = <T>(list: T[]): readonly T[] | null => (list.length > 0 ? list : null);

function compileKind(entity: CompiledEntity, kind: WriteKind, registry: Registry): CompiledSteps {
  const check: NonNullable<CompiledSteps['check']>[number][] = [];
  const beforeWrite: NonNullable<CompiledSteps['beforeWrite']>[number][] = [];
  const afterWrite: NonNullable<CompiledSteps['afterWrite']>[number][] = [];
  const afterCommit: NonNullable<CompiledSteps['afterCommit']>[number][] = [];
  const transactional: NonNullable<CompiledSteps['transactional']>[number][] = [];
  for (const step of WRITE_STEPS) {
    const phases = step.compile(entity, kind, registry);
    if (!phases) continue;
    if (phases.check) check.push(phases.check);
    if (phases.beforeWrite) beforeWrite.push(phases.beforeWrite);
    if (phases.afterWrite) afterWrite.push(phases.afterWrite);
    if (phases.afterCommit) afterCommit.push(phases.afterCommit);
    if (phases.beforeWrite || phases.afterWrite) transactional.push(phases.needsTransaction ?? true);
  }
  return {
    check: orNull(check), beforeWrite: orNull(beforeWrite), afterWrite: orNull(afterWrite),
    afterCommit: orNull(afterCommit), transactional: orNull(transactional),
  };
}

/** The compiled steps of every write kind of one entity; built with the registry. */
export function compileWriteSteps(entity: CompiledEntity, registry: Registry): Readonly<Record<WriteKind, CompiledSteps>> {
  const out = {} as Record<WriteKind, CompiledSteps>;
  for (const kind of WRITE_KINDS) out[kind] = compileKind(entity, kind, registry);
  return out;
}
