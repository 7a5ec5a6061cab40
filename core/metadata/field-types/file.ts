// Field type `file`: a reference to an uploaded file. Input is a file UUID or a file object with a
// string `id`; output is the stored `{id, filename, size, mime_type}` object (metadata.md §7.5).

import { errors } from '../../errors.js';
import { jsonTextProblem } from '../../text.js';
import type { FieldType } from '../types.js';
import { jsonFromDb, jsonToDb } from './json.js';
import { FAIL, NO_OPS, STORAGE, UUID_RE, nullable, ok, textFail } from './shared.js';

/**
 * Marker produced by coerceInput for a UUID string: the write pipeline (write-pipeline.md §8)
 * must replace it with the `_files` row before the record is written. A class (not a plain
 * object) so it cannot be confused with a file object sent by the client, which is kept as
 * given. `toJSON` yields the id, i.e. what the client sent, if it is ever serialised unresolved.
 */
export class FileRef {
  constructor(readonly fileId: string) {}
  toJSON(): string {
    return this.fileId;
  }
}

export function isFileRef(value: unknown): value is FileRef {
  return value instanceof FileRef;
}

function isFileObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) &&
    typeof (value as { id?: unknown }).id === 'string';
}

export const fileType: FieldType = {
  name: 'file',
  typeKind: 'a file id or file object',
  operators: NO_OPS,
  storage: () => STORAGE.json,
  coerceInput(value) {
    if (typeof value === 'string') return UUID_RE.test(value) ? ok(new FileRef(value.toLowerCase())) : FAIL;
    if (value instanceof FileRef) return ok(value);
    if (!isFileObject(value)) return FAIL;
    // Stored as given, so its strings must be storable text like any json value's.
    const problem = jsonTextProblem(value);
    return problem ? textFail(problem) : ok(value);
  },
  parseFilter: () => FAIL,
  toDb: jsonToDb,
  fromDb: jsonFromDb,
  // A file id becomes the stored `_files` row, inside the write transaction (write-pipeline.md §8).
  needsResolution: isFileRef,
  async resolveWrite(value, q) {
    if (!isFileRef(value)) return value;
    const [row] = await q.query<Record<string, unknown>>('SELECT id, filename, size, mime_type FROM _files WHERE id = $1', [value.fileId]);
    if (!row) throw errors.fileNotFound(value.fileId);
    return { id: String(row.id), filename: row.filename, size: Number(row.size), mime_type: row.mime_type };
  },
  outputSchema: () =>
    nullable({
      type: 'object',
      properties: {
        id: { type: 'string' },
        filename: { type: 'string' },
        size: { type: 'number' },
        mime_type: { type: 'string' },
      },
      additionalProperties: true,
    }),
  inputSchema: () => ({
    anyOf: [
      { type: 'string', format: 'uuid' },
      { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      { type: 'null' },
    ],
  }),
};
