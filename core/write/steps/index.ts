// THE write pipeline, in spec order (write-pipeline.md §2.2 for create/update, §3 for delete, §2.3
// for nested children). Every record write of every path runs these steps through
// `writeRecord` (core/write/record-write.ts); nowhere else lists them. Within a phase, steps run in
// this order. Adding a step: one file in this folder, one line here.
//
//   phase         create / update                          delete
//   check         3 permission (create), PK, 12–15 rules     —
//                 (create without related_load), 19 auto fields
//   (BEGIN; 11 re-read under lock)                          4 re-read under lock
//   beforeWrite   3 permission (update), 12–15 rules        3 permission, 5 before_delete rules
//                 (update, or create with related_load),
//                 17 slug, 18 files
//   row           20 INSERT / UPDATE … RETURNING            6 on_delete policies, 7 delete
//   children      21–23 nested relation writes (each child runs this whole list)
//   afterWrite    25 after_write rules, (24 transition actions, 26 sync webhooks, 27 audit)
//   (COMMIT)
//   afterCommit   (30 post-commit effects)
//
// Steps in parentheses are to come (state machines, webhooks, audit); each will be a file here,
// listed at its position below.
import type { CompiledEntity } from '../../compile/compiled-entity.js';
import type { Registry } from '../../compile/registry.js';
import { autoFieldsStep } from './auto-fields.js';
import { filesStep } from './files.js';
import { permissionStep } from './permission.js';
import { primaryKeyStep } from './primary-key.js';
import { rulesStep } from './rules.js';
import { slugStep } from './slug.js';
import type { CompiledSteps, RecordWrite, WriteKind, WriteStep } from './types.js';
import { WRITE_KINDS } from './types.js';
import type { WriteContext } from '../write-context.js';

export const WRITE_STEPS: readonly WriteStep[] = [
  permissionStep, // 3
  primaryKeyStep, // part of 20
  rulesStep, // 12–15 before_write rules, 25 after_write rules; §3 5 before_delete rules
  // 16 state machines
  slugStep, // 17
  filesStep, // 18
  autoFieldsStep, // 19
  // 24 transition actions (their afterWrite must precede the rules': a step listed before rulesStep),
  // 26 synchronous webhooks, 27 audit, 30 post-commit
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

/** Runs the check phase of a write (before BEGIN, or as soon as a child's operation is known). */
export function runChecks(w: RecordWrite, ctx: WriteContext): void {
  const check = w.entity.steps[w.kind].check;
  if (check) for (const fn of check) fn(w, ctx);
}

/** Whether any step has transactional work for this write (otherwise one statement will do). */
export function needsTransaction(w: RecordWrite, ctx: WriteContext): boolean {
  const transactional = w.entity.steps[w.kind].transactional;
  if (!transactional) return false;
  for (const probe of transactional) if (probe === true || probe(w, ctx)) return true;
  return false;
}
