// Step 19 of §2.2: `auto: "create"` fields on create and `auto: "update"` fields on create and
// update take the request's one timestamp. Pure, so it runs before BEGIN and keeps the
// single-statement path open.
import type { WriteStep } from './types.js';

export const autoFieldsStep: WriteStep = {
  name: 'auto fields',
  compile(entity, kind) {
    if (kind !== 'create' && kind !== 'update') return null;
    const fields = entity.fields.filter((f) => f.auto === 'update' || (kind === 'create' && f.auto === 'create'));
    if (fields.length === 0) return null;
    return {
      check(w, ctx) {
        // Definition validation admits `auto` only on types that have an auto value.
        for (const field of fields) w.values[field.name] = field.type.autoValue!(ctx.now);
      },
    };
  },
};
