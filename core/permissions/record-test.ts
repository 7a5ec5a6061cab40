// Record checks of auth.md §8.2 for update/delete: a policy's conditions compiled once into one JS
// predicate over a decoded record (API values). Comparison values are precomputed at compile time.
import { numberToPlain } from '../metadata/field-types/decimal-text.js';
import type { PolicyCondition } from './policy.js';

export type RecordTest = (record: Record<string, unknown>) => boolean;

/** §8.2 string form: numbers in shortest decimal form, booleans true/false, null → "null". */
export function stringForm(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return Number.isFinite(v) ? numberToPlain(v) : String(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
    case 'undefined':
      return 'null';
    default:
      return v === null ? 'null' : JSON.stringify(v);
  }
}

/** §8.2 numeric value: `Number(v)`, non-numeric values count as 0. */
export function numericForm(v: unknown): number {
  let n: number;
  try {
    n = typeof v === 'number' ? v : Number(v);
  } catch {
    return 0; // e.g. a value whose conversion throws
  }
  return Number.isNaN(n) ? 0 : n;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** A field absent from the record fails every condition (§8.2). */
function present(record: Record<string, unknown>, field: string): boolean {
  return hasOwn.call(record, field) && record[field] !== undefined;
}

export const ALWAYS: RecordTest = () => true;
export const NEVER: RecordTest = () => false;

export function compileConditionTest(c: PolicyCondition): RecordTest {
  const field = c.field;
  const v = c.value;
  switch (c.operator) {
    case 'eq': {
      const s = stringForm(v);
      return (r) => present(r, field) && stringForm(r[field]) === s;
    }
    case 'neq': {
      const s = stringForm(v);
      return (r) => present(r, field) && stringForm(r[field]) !== s;
    }
    case 'in': {
      if (!Array.isArray(v)) return NEVER;
      const set = new Set(v.map(stringForm));
      return (r) => present(r, field) && set.has(stringForm(r[field]));
    }
    case 'not_in': {
      if (!Array.isArray(v)) return (r) => present(r, field);
      const set = new Set(v.map(stringForm));
      return (r) => present(r, field) && !set.has(stringForm(r[field]));
    }
    case 'gt': {
      const n = numericForm(v);
      return (r) => present(r, field) && numericForm(r[field]) > n;
    }
    case 'gte': {
      const n = numericForm(v);
      return (r) => present(r, field) && numericForm(r[field]) >= n;
    }
    case 'lt': {
      const n = numericForm(v);
      return (r) => present(r, field) && numericForm(r[field]) < n;
    }
    case 'lte': {
      const n = numericForm(v);
      return (r) => present(r, field) && numericForm(r[field]) <= n;
    }
    default:
      return NEVER; // an operator outside §8.2 (a hand-edited row) grants nothing
  }
}

/** The AND of a policy's conditions; no condition → always true. */
export function compileRecordTest(conditions: readonly PolicyCondition[]): RecordTest {
  if (conditions.length === 0) return ALWAYS;
  const tests = conditions.map(compileConditionTest);
  if (tests.length === 1) return tests[0];
  return (r) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i](r)) return false;
    return true;
  };
}
