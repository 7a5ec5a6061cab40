// Step 18 of §2.2 (write-pipeline.md §8): file ids in file fields become the stored file object.
// Compiled only for entities that have a file field.
import { errors } from '../../errors.js';
import { isFileRef } from '../../metadata/field-types/index.js';
import type { WriteStep } from './types.js';

export const filesStep: WriteStep = {
  name: 'file fields',
  compile(entity, kind) {
    if (kind !== 'create' && kind !== 'update') return null;
    const fields = entity.fields.filter((f) => f.type.name === 'file').map((f) => f.name);
    if (fields.length === 0) return null;
    return {
      async beforeWrite(w, run) {
        for (const name of fields) {
          const value = w.values[name];
          if (!isFileRef(value)) continue;
          const [row] = await run.q.query<Record<string, unknown>>('SELECT id, filename, size, mime_type FROM _files WHERE id = $1', [value.fileId]);
          if (!row) throw errors.notFound(`File ${value.fileId} not found`);
          w.values[name] = { id: String(row.id), filename: row.filename, size: Number(row.size), mime_type: row.mime_type };
        }
      },
      needsTransaction: (w) => fields.some((name) => isFileRef(w.values[name])),
    };
  },
};
