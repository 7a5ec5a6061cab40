// Field type `date`: a calendar date `YYYY-MM-DD` (DATE on PostgreSQL, text on SQLite); an ISO
// date-time input contributes its UTC date.

import type { Coerced, FieldType } from '../types.js';
import { dateOfDriverDate, formatTimestamp, normaliseDate, parseDateOnly } from './datetime.js';
import { COMPARISON_OPS, FAIL, STORAGE, nullable, ok } from './shared.js';

function fromText(text: string): Coerced {
  const date = normaliseDate(text);
  return date === undefined ? FAIL : ok(date);
}

export const dateType: FieldType = {
  name: 'date',
  typeKind: 'a date (YYYY-MM-DD)',
  operators: COMPARISON_OPS,
  storage: () => STORAGE.date,
  // The UTC calendar date of the request's instant (metadata.md §7.4).
  autoValue: (now) => now.toISOString().slice(0, 10),
  coerceInput(value) {
    if (typeof value === 'string') return fromText(value);
    // Internal callers (auto fields) may hand over a Date: the UTC calendar date is stored (§7.4).
    if (value instanceof Date) {
      const iso = formatTimestamp(value.getTime());
      return iso === undefined ? FAIL : ok(iso.slice(0, 10));
    }
    return FAIL;
  },
  // Filters accept only the plain date form (rest-api.md §5.4).
  parseFilter(text) {
    const date = parseDateOnly(text);
    return date === undefined ? FAIL : ok(date);
  },
  filterSchema: () => ({ type: 'string', format: 'date' }),
  toDb: (value) => value ?? null,
  fromDb(raw) {
    if (raw === null || raw === undefined) return null;
    // postgres.js may be configured to return DATE as raw text; otherwise it yields a Date.
    if (raw instanceof Date) return dateOfDriverDate(raw) ?? null;
    if (typeof raw === 'string') return normaliseDate(raw) ?? raw;
    return raw;
  },
  outputSchema: () => nullable({ type: 'string', format: 'date' }),
  inputSchema: () => ({
    anyOf: [{ type: 'string', format: 'date' }, { type: 'string', format: 'date-time' }, { type: 'null' }],
  }),
};
