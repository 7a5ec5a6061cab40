// Step 3 of §2.2 and §3, and step 1 of §2.3: the caller's permission for this record. A create is
// checked on the caller alone (before BEGIN); an update or delete against the current record, which
// only exists once it is re-read under lock. Cascaded deletes need no permission of their own.
import type { CompiledEntity } from '../../compile/compiled-entity.js';
import { assertCreate, assertRecordAction, isAdmin } from '../../permissions/authorize.js';
import type { WriteContext } from '../write-context.js';
import type { Values, WriteStep } from './types.js';

/** Throws 401/403 unless the caller may `action` this record (`old`: the current record). */
export function authorizeRecord(ctx: WriteContext, entity: CompiledEntity, action: 'create' | 'update' | 'delete', old: Values | undefined): void {
  if (action === 'create') assertCreate(ctx.registry, ctx.caller, entity.name, ctx.span);
  else assertRecordAction(ctx.registry, ctx.caller, entity.name, action, old!, ctx.span);
}

export const permissionStep: WriteStep = {
  name: 'permission',
  compile(entity, kind) {
    switch (kind) {
      case 'create':
        // A record made by a create_record transition action is not checked (logic.md §3.6).
        return { check: (w, ctx) => (w.trusted ? undefined : authorizeRecord(ctx, entity, 'create', undefined)) };
      case 'update':
      case 'delete':
        return {
          beforeWrite: (w, run) => authorizeRecord(run.ctx, entity, kind, w.old),
          // An admin is never refused, so an admin's write need not re-read the record for this step.
          needsTransaction: (_w, ctx) => !isAdmin(ctx.caller),
        };
      case 'cascade':
        return null;
    }
  },
};
