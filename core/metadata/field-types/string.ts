// Field type `string` (and the factory reused by `text`): any JSON string that is storable text
// (no NUL, no unpaired surrogate: core/text.ts), stored as TEXT, the only types supporting like/ilike.

import { textProblem } from '../../text.js';
import type { Coerced, FieldDef, FieldType } from '../types.js';
import { FAIL, STORAGE, STRING_OPS, nullable, ok, textFail } from './shared.js';

/** Driver value → string. Non-strings appear after a type change to string/text (metadata.md §9.5). */
function asText(raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string') return raw;
  if (raw instanceof Date) return raw.toISOString();
  if (typeof raw === 'number' || typeof raw === 'bigint' || typeof raw === 'boolean') return String(raw);
  if (Buffer.isBuffer(raw)) return raw.toString('utf8');
  return JSON.stringify(raw);
}

/** A string that is storable text as is; anything else fails (a non-string as a type error). */
function storableText(value: unknown): Coerced {
  if (typeof value !== 'string') return FAIL;
  const problem = textProblem(value);
  return problem ? textFail(problem) : ok(value);
}

export function makeStringType(name: 'string' | 'text'): FieldType {
  return {
    name,
    typeKind: 'a string',
    operators: STRING_OPS,
    storage: () => STORAGE.text,
    primaryKeyType: 'string',
    holdsSlug: true,
    // Every scalar has a text form, so any scalar column may become text (PostgreSQL casts it);
    // JSON columns (json, file) hold structures and may not.
    changeFrom(from, fromField) {
      const kind = from.storage(fromField).kind;
      return kind === 'text' ? 'none' : kind === 'json' ? 'forbidden' : 'alter';
    },
    coerceInput: storableText,
    // A computed result (logic.md §1.5): numbers and booleans in canonical text, dates as ISO-8601.
    fromExpression: (result) => {
      if (typeof result === 'number' || typeof result === 'boolean') return String(result);
      return result instanceof Date ? result.toISOString() : result;
    },
    // No stored value holds such text, and PostgreSQL refuses it as a parameter: a 400.
    parseFilter: storableText,
    toDb: (value) => value ?? null,
    fromDb: (raw) => asText(raw),
    outputSchema: () => nullable({ type: 'string' }),
    inputSchema: (field: FieldDef) => {
      const schema: Record<string, unknown> = nullable({ type: 'string' });
      // Enum members are compared as strings (metadata.md §7.1), so advertise them as strings.
      if (Array.isArray(field.enum) && field.enum.length > 0) {
        schema.enum = [...field.enum.map(String), null];
      }
      return schema;
    },
  };
}

export const stringType: FieldType = makeStringType('string');
