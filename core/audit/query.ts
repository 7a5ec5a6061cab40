// Reading the audit log (observability-and-audit.md §B7): the admin query (exact filters, a time
// window, paging, two sort orders), one entry by id, and the history of one record. Entries are
// returned with every column; callers that are not admins get them without `ip_address`.
import type { Database, Dialect, Row } from '../db/types.js';
import { errors } from '../errors.js';
import { isUuid } from '../ids.js';
import { normaliseTimestamp } from '../metadata/field-types/datetime.js';

export interface AuditEntryView {
  id: string;
  entity: string;
  record_id: string;
  action: string;
  source: string;
  old_data: unknown;
  new_data: unknown;
  changed_fields: string[];
  changes: unknown;
  user_id: string | null;
  user_email: string | null;
  ip_address?: string | null;
  /** Set last, after `ip_address`, so entries keep the documented column order. */
  trace_id?: string | null;
  created_at?: string;
}

export interface AuditPage {
  data: AuditEntryView[];
  meta: { page: number; per_page: number; total: number };
}

type Input = Record<string, unknown>;

const COLUMNS = 'id, entity, record_id, action, source, old_data, new_data, changed_fields, changes, user_id, user_email, ip_address, trace_id, created_at';
const DEFAULT_PER_PAGE = 50;
const MAX_PER_PAGE = 100;

/** A query parameter's text (the first, when it is repeated). */
function text(input: Input, key: string): string | undefined {
  const v = input[key];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : undefined;
}

/** A positive integer, else the default (§B7.1: invalid values fall back). */
function positive(input: Input, key: string, fallback: number): number {
  const t = text(input, key);
  const n = t !== undefined && /^\d+$/.test(t.trim()) ? Number(t.trim()) : NaN;
  return Number.isSafeInteger(n) && n >= 1 ? n : fallback;
}

function paging(input: Input): { page: number; perPage: number } {
  return { page: positive(input, 'page', 1), perPage: Math.min(positive(input, 'per_page', DEFAULT_PER_PAGE), MAX_PER_PAGE) };
}

function timestamp(input: Input, key: 'from' | 'to'): string | undefined {
  const t = text(input, key);
  if (t === undefined) return undefined;
  const iso = normaliseTimestamp(t);
  if (iso === undefined) throw errors.timestampParamInvalid(key);
  return iso;
}

/** WHERE text and parameters; `none` when a filter can match nothing (a user_id that is no UUID). */
interface Conditions { where: string; params: unknown[]; none: boolean }

function conditions(input: Input): Conditions {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    parts.push(`${sql} $${params.length}`);
  };
  for (const key of ['entity', 'record_id', 'action', 'source'] as const) {
    const v = text(input, key);
    if (v !== undefined) add(`${key} =`, v);
  }
  const userId = text(input, 'user_id');
  const none = userId !== undefined && !isUuid(userId);
  if (userId !== undefined && !none) add('user_id =', userId.toLowerCase());
  const from = timestamp(input, 'from');
  const to = timestamp(input, 'to');
  if (from !== undefined) add('created_at >=', from);
  if (to !== undefined) add('created_at <=', to);
  return { where: parts.length > 0 ? ` WHERE ${parts.join(' AND ')}` : '', params, none };
}

function view(row: Row, d: Dialect, withIp: boolean): AuditEntryView {
  const nullable = (v: unknown) => (v == null ? null : String(v));
  const entry: AuditEntryView = {
    id: String(row.id),
    entity: String(row.entity),
    record_id: String(row.record_id),
    action: String(row.action),
    source: String(row.source),
    old_data: row.old_data == null ? null : d.decodeJson(row.old_data),
    new_data: row.new_data == null ? null : d.decodeJson(row.new_data),
    changed_fields: d.decodeTextArray(row.changed_fields),
    changes: d.decodeJson(row.changes),
    user_id: nullable(row.user_id),
    user_email: nullable(row.user_email),
  };
  if (withIp) entry.ip_address = nullable(row.ip_address);
  entry.trace_id = nullable(row.trace_id);
  entry.created_at = d.decodeTimestamp(row.created_at)!;
  return entry;
}

async function page(db: Database, c: Conditions, input: Input, ascending: boolean, withIp: boolean): Promise<AuditPage> {
  const { page: pageNo, perPage } = paging(input);
  const meta = { page: pageNo, per_page: perPage, total: 0 };
  if (c.none) return { data: [], meta };
  const [count] = await db.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM _audit_logs${c.where}`, c.params);
  meta.total = Number(count.n);
  if (meta.total === 0 || (pageNo - 1) * perPage >= meta.total) return { data: [], meta };
  const order = ascending ? 'created_at ASC, id ASC' : 'created_at DESC, id DESC';
  const n = c.params.length;
  const rows = await db.query<Row>(
    `SELECT ${COLUMNS} FROM _audit_logs${c.where} ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...c.params, perPage, (pageNo - 1) * perPage],
  );
  return { data: rows.map((r) => view(r, db.dialect, withIp)), meta };
}

/** §B7.1 (admin): every filter of the query, `-created_at` unless `sort=created_at`. */
export function listAuditLogs(db: Database, input: Input): Promise<AuditPage> {
  return page(db, conditions(input), input, text(input, 'sort') === 'created_at', true);
}

/** §B7.2 (admin). */
export async function getAuditLog(db: Database, id: string): Promise<AuditEntryView> {
  if (!isUuid(id)) throw errors.auditLogNotFound(id);
  const [row] = await db.query<Row>(`SELECT ${COLUMNS} FROM _audit_logs WHERE id = $1`, [id.toLowerCase()]);
  if (!row) throw errors.auditLogNotFound(id);
  return view(row, db.dialect, true);
}

/** §B7.3: one record's entries, newest first; only `page` and `per_page` are read from `input`. */
export function recordHistory(db: Database, entity: string, recordId: string, input: Input, withIp: boolean): Promise<AuditPage> {
  const c: Conditions = { where: ' WHERE entity = $1 AND record_id = $2', params: [entity, recordId], none: false };
  return page(db, c, input, false, withIp);
}
