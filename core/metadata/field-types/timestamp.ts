// Field type `timestamp`: an instant, normalised to `YYYY-MM-DDTHH:MM:SS.sssZ` on input and on
// output (TIMESTAMPTZ on PostgreSQL, ISO text on SQLite).

import type { Coerced, FieldType } from '../types.js';
import { formatTimestamp, isCanonicalTimestamp, normaliseTimestamp } from './datetime.js';
import { COMPARISON_OPS, FAIL, STORAGE, nullable, ok, widensFrom } from './shared.js';

function fromText(text: string): Coerced {
  const iso = normaliseTimestamp(text);
  return iso === undefined ? FAIL : ok(iso);
}

export const timestampType: FieldType = {
  name: 'timestamp',
  typeKind: 'an ISO-8601 timestamp',
  operators: COMPARISON_OPS,
  storage: () => STORAGE.timestamp,
  autoValue: (now) => now.toISOString(),
  // A date becomes midnight UTC of that day.
  changeFrom: widensFrom(['date']),
  coerceInput(value) {
    if (typeof value === 'string') return fromText(value);
    // Internal callers (auto fields, set_field "now") may hand over a Date.
    if (value instanceof Date) {
      const iso = formatTimestamp(value.getTime());
      return iso === undefined ? FAIL : ok(iso);
    }
    return FAIL;
  },
  parseFilter: (text) => fromText(text),
  filterSchema: () => ({ anyOf: [{ type: 'string', format: 'date-time' }, { type: 'string', format: 'date' }] }),
  toDb: (value) => value ?? null,
  fromDb(raw) {
    if (raw === null || raw === undefined) return null;
    if (raw instanceof Date) return formatTimestamp(raw.getTime()) ?? null;
    // Canonical text as it is (the PostgreSQL driver's UTC form, SQLite text this engine wrote);
    // other SQLite text, also `YYYY-MM-DD` left by a date → timestamp change (midnight UTC), is normalised.
    if (typeof raw === 'string') return isCanonicalTimestamp(raw) ? raw : normaliseTimestamp(raw) ?? raw;
    return raw;
  },
  outputSchema: () => nullable({ type: 'string', format: 'date-time' }),
  inputSchema: () => ({
    anyOf: [{ type: 'string', format: 'date-time' }, { type: 'string', format: 'date' }, { type: 'null' }],
  }),
};
