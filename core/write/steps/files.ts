// Step 18 of §2.2 (write-pipeline.md §8): values that a field type resolves at write time (a file
// id becomes the stored file object). Compiled only for entities with such a field; the lookup
// itself, and its 404, belong to the field type (core/metadata/field-types/file.ts).
import type { WriteStep } from './types.js';

export const filesStep: WriteStep = {
  name: 'file fields',
  compile(entity, kind) {
    if (kind !== 'create' && kind !== 'update') return null;
    const fields = entity.fields.filter((f) => f.type.resolveWrite && f.type.needsResolution);
    if (fields.length === 0) return null;
    return {
      async beforeWrite(w, run) {
        for (const f of fields) {
          const value = w.values[f.name];
          if (f.type.needsResolution!(value)) w.values[f.name] = await f.type.resolveWrite!(value, run.q);
        }
      },
      needsTransaction: (w) => fields.some((f) => f.type.needsResolution!(w.values[f.name])),
    };
  },
};
