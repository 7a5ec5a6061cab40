// DELETE of the addressed record (write-pipeline.md §3, rest-api.md §9): in one transaction, the
// record is re-read under lock (404), then written as a `delete` through `writeRecord`, which runs
// its steps (permission, …), its on_delete policies and the soft or hard delete.
import type { CompiledEntity } from '../compile/compiled-entity.js';
import { errors } from '../errors.js';
import { lockRow } from './lock.js';
import { inTransaction, recordWrite, runAfterCommit, writeRecord, writeRun } from './record-write.js';
import type { WriteContext } from './write-context.js';
import type { Precondition } from './create-update.js';
import { authorizeRecord } from './steps/permission.js';

/** Deletes the record with primary key `pk`; returns the PK in its output format. `precondition`
 * runs on the locked row (the caller's permission confirmed first) before anything is deleted. */
export async function deleteRecord(ctx: WriteContext, entity: CompiledEntity, pk: unknown, label: string, precondition?: Precondition): Promise<unknown> {
  const notFound = () => errors.recordNotFound(entity.name, label);
  const { run, w } = await inTransaction(ctx, async (tx) => {
    const run = writeRun(tx, ctx);
    const old = await lockRow(tx, entity, pk); // step 4
    if (!old) throw notFound();
    if (precondition) {
      authorizeRecord(ctx, entity, 'delete', old);
      precondition(old);
    }
    const w = recordWrite('delete', entity, { old, pk: old[entity.pk.name] });
    if (!(await writeRecord(run, w))) throw notFound();
    return { run, w };
  });
  await runAfterCommit(run);
  return w.pk;
}
