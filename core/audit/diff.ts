// The content of an audit entry (observability-and-audit.md §B3, §B4) from the record before and
// after the change, both as read back from the database (the shape of GET /:entity/:id): masked
// and reduced snapshots, the changed fields in plan (entity field) order, and their old/new values.
// Pure. The same rules in SQL, for entries written in the row's own statement: ./cte.ts.
import type { StorageKind } from '../db/types.js';
import type { AuditPlan } from './plan.js';

export type AuditAction = 'create' | 'update' | 'delete';
type Values = Record<string, unknown>;

export interface EntryData {
  old_data: Values | null;
  new_data: Values | null;
  changed_fields: string[];
  changes: Record<string, { old: unknown; new: unknown }>;
}

export const MASK = '***';

const masked = (mask: boolean, v: unknown): unknown => (v === null || v === undefined ? null : mask ? MASK : v);

function snapshot(plan: AuditPlan, record: Values): Values {
  const out: Values = {};
  for (const f of plan.fields) out[f.name] = masked(f.mask, record[f.name]);
  return out;
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** Decimal text or a number in one canonical form, so "10.50" and 10.5 compare equal. */
function numericKey(v: unknown): string | undefined {
  const text = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : undefined) : typeof v === 'string' ? v.trim() : undefined;
  if (text === undefined || !PLAIN_NUMBER.test(text)) return typeof v === 'number' ? String(v) : undefined;
  let [int, frac = ''] = text.replace(/^-/, '').split('.');
  int = int.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  const digits = frac ? `${int}.${frac}` : int;
  return text.startsWith('-') && digits !== '0' ? `-${digits}` : digits;
}

/** JSON values deeply equal, numbers numerically, object keys in any order. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a === 'number' || typeof b === 'number') return typeof a === typeof b && Number(a) === Number(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameJson(x, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a as Values).filter((k) => (a as Values)[k] !== undefined);
    const kb = Object.keys(b as Values).filter((k) => (b as Values)[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameJson((a as Values)[k], (b as Values)[k]));
  }
  return false;
}

/** §B3 equality: null and absent alike, numbers numerically, timestamps as instants. */
export function sameValue(a: unknown, b: unknown, kind: StorageKind | undefined): boolean {
  const na = a === undefined ? null : a;
  const nb = b === undefined ? null : b;
  if (na === nb) return true;
  if (na === null || nb === null) return false;
  switch (kind) {
    case 'int32': case 'int64': case 'float64': case 'decimal': {
      const ka = numericKey(na);
      return ka !== undefined && ka === numericKey(nb);
    }
    case 'timestamp': {
      const ta = Date.parse(String(na));
      return !Number.isNaN(ta) && ta === Date.parse(String(nb));
    }
    default:
      return sameJson(na, nb);
  }
}

/**
 * The entry for one written record, or null for an update that changed nothing (§B3: no entry).
 * `before` is the record before the change (update, delete), `after` the one after (create, update).
 */
export function entryData(plan: AuditPlan, action: AuditAction, before: Values | undefined, after: Values | undefined): EntryData | null {
  const changed: string[] = [];
  const changes: EntryData['changes'] = {};
  if (action === 'create') {
    for (const f of plan.fields) {
      const v = after![f.name];
      if (!f.diffed || v === null || v === undefined) continue;
      changed.push(f.name);
      changes[f.name] = { old: null, new: masked(f.mask, v) };
    }
    return { old_data: null, new_data: snapshot(plan, after!), changed_fields: changed, changes };
  }
  if (action === 'delete') return { old_data: snapshot(plan, before!), new_data: null, changed_fields: changed, changes };
  for (const f of plan.fields) {
    if (!f.diffed) continue;
    const was = before![f.name];
    const now = after![f.name];
    if (sameValue(was, now, f.storage?.kind)) continue;
    changed.push(f.name);
    changes[f.name] = { old: masked(f.mask, was), new: masked(f.mask, now) };
  }
  if (changed.length === 0) return null;
  return { old_data: snapshot(plan, before!), new_data: snapshot(plan, after!), changed_fields: changed, changes };
}
