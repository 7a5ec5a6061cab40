// The audit entry of a created or updated row written by the row's own statement, as a
// data-modifying CTE (PostgreSQL), so an audited write keeps the round trips of an unaudited one:
// W3 stays one INSERT, W6 one UPDATE, a nested create's batched children one multi-row INSERT.
// These are the rules of ./diff.ts in SQL: snapshots from the rows as the statement read them back
// (`o` before, `r` after), typed comparison (`IS DISTINCT FROM`: numbers numerically, timestamps as
// instants, jsonb by value), masks as "***", excluded fields left out, auto fields never changed,
// and an update that changed nothing inserts no row. Only used where `dialect.cteJson` renders
// every field's API value (built-in field types); everything else goes through ./diff.ts.
import type { CompiledEntity } from '../compile/compiled-entity.js';
import type { Dialect } from '../db/types.js';
import { isBuiltInFieldType } from '../metadata/field-types/index.js';
import type { RowCompanion } from '../write/row-sql.js';
import type { AuditActor, AuditSource } from './actor.js';
import { MASK } from './diff.js';
import { auditId } from './ids.js';
import type { AuditField, AuditPlan } from './plan.js';

/** A SQL string literal of engine-controlled text (validated field names, the mask). */
const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** jsonb_build_object takes at most 100 arguments: larger records are built in parts and joined. */
const PAIRS_PER_CALL = 40;

function value(d: Dialect, f: AuditField, row: string): string {
  if (!f.column) return 'NULL';
  const col = `${row}.${f.column}`;
  if (f.mask) return `CASE WHEN ${col} IS NULL THEN NULL ELSE ${literal(MASK)} END`;
  return d.cteJson!(col, f.storage!);
}

function snapshot(d: Dialect, plan: AuditPlan, row: string): string {
  const parts: string[] = [];
  for (let i = 0; i < plan.fields.length; i += PAIRS_PER_CALL) {
    const pairs = plan.fields.slice(i, i + PAIRS_PER_CALL).map((f) => `${literal(f.name)}, ${value(d, f, row)}`);
    parts.push(`jsonb_build_object(${pairs.join(', ')})`);
  }
  return parts.length === 0 ? `'{}'::${d.types.jsonb}` : parts.join(' || ');
}

/** `changed_fields` and `changes` from one condition per field (`cond` true: the field changed). */
function changeColumns(d: Dialect, fields: readonly AuditField[], cond: (f: AuditField) => string, old: (f: AuditField) => string): [string, string] {
  if (fields.length === 0) return [`'{}'::${d.types.textArray}`, `'{}'::${d.types.jsonb}`];
  const names = fields.map((f) => `CASE WHEN ${cond(f)} THEN ${literal(f.name)} END`);
  const changes = fields.map((f) =>
    `CASE WHEN ${cond(f)} THEN jsonb_build_object(${literal(f.name)}, jsonb_build_object('old', ${old(f)}, 'new', ${value(d, f, 'r')})) ELSE '{}'::${d.types.jsonb} END`);
  return [`array_remove(ARRAY[${names.join(', ')}]::${d.types.textArray}, NULL)`, `('{}'::${d.types.jsonb} || ${changes.join(' || ')})`];
}

const INSERT_INTO = 'INSERT INTO _audit_logs (id, entity, record_id, action, source, old_data, new_data, changed_fields, changes, user_id, user_email, ip_address, trace_id, created_at)';
/** The number of each written row in `r`, to pick its entry's id from the id list. */
const ROW_NUMBER = 'rocket_audit_row';

/**
 * The id, entity and actor parts of the select list, from the companion's eight parameters at
 * `$first`: entity, source, user id, email, IP, trace id, time, and the entries' ids (one per row).
 */
function actorColumns(d: Dialect, first: number, row: string): { id: string; entity: string; source: string; rest: string } {
  const p = (i: number) => `$${first + i}`;
  const t = d.types;
  return {
    id: `(${p(7)}::${t.uuid}[])[${row}]`,
    entity: `${p(0)}::${t.text}`,
    source: `${p(1)}::${t.text}`,
    rest: `${p(2)}::${t.uuid}, COALESCE(${p(3)}::${t.text}, (SELECT email FROM _users WHERE id = ${p(2)}::${t.uuid})), ` +
      `${p(4)}::${t.text}, ${p(5)}::${t.uuid}, ${p(6)}::${t.timestamptz}`,
  };
}

function createCte(entity: CompiledEntity, plan: AuditPlan, first: number): string {
  const d = entity.dialect;
  const a = actorColumns(d, first, `r.${ROW_NUMBER}`);
  const diffed = plan.fields.filter((f) => f.diffed && f.column);
  const [changed, changes] = changeColumns(d, diffed, (f) => `r.${f.column} IS NOT NULL`, () => 'NULL');
  // A multi-row INSERT writes several rows: each takes the id of its position.
  return `a AS (${INSERT_INTO} SELECT ${a.id}, ${a.entity}, (r.${entity.pk.column})::${d.types.text}, 'create', ${a.source}, NULL, ` +
    `${snapshot(d, plan, 'r')}, ${changed}, ${changes}, ${a.rest} FROM (SELECT r.*, row_number() OVER () AS ${ROW_NUMBER} FROM r) r)`;
}

function updateCte(entity: CompiledEntity, plan: AuditPlan, first: number, columns: readonly string[]): string {
  const d = entity.dialect;
  const a = actorColumns(d, first, '1');
  // Only the columns the statement sets can differ between o and r.
  const set = new Set(columns);
  const candidates = plan.fields.filter((f) => f.diffed && f.column && set.has(f.name));
  // Nothing that counts can change (only auto or excluded fields are set): no entry, but the
  // parameters are still typed, as PostgreSQL wants of every parameter.
  if (candidates.length === 0) return `a AS (SELECT ${a.id}, ${a.entity}, ${a.source}, ${a.rest} WHERE false)`;
  const differs = (f: AuditField) => `o.${f.column} IS DISTINCT FROM r.${f.column}`;
  const [changed, changes] = changeColumns(d, candidates, differs, (f) => value(d, f, 'o'));
  return `a AS (${INSERT_INTO} SELECT ${a.id}, ${a.entity}, (r.${entity.pk.column})::${d.types.text}, 'update', ${a.source}, ` +
    `${snapshot(d, plan, 'o')}, ${snapshot(d, plan, 'r')}, ${changed}, ${changes}, ${a.rest} FROM o, r ` +
    `WHERE ${candidates.map(differs).join(' OR ')})`;
}

type CteText = RowCompanion['cte'];
const texts = new WeakMap<AuditPlan, Map<string, CteText>>();

function cteText(entity: CompiledEntity, plan: AuditPlan, kind: 'create' | 'update'): CteText {
  let byKind = texts.get(plan);
  if (!byKind) texts.set(plan, (byKind = new Map()));
  let fn = byKind.get(kind);
  if (!fn) {
    fn = kind === 'create' ? (first) => createCte(entity, plan, first) : (first, columns) => updateCte(entity, plan, first, columns);
    byKind.set(kind, fn);
  }
  return fn;
}

/** Whether this entity's entries can be written by SQL: the dialect has writable CTEs and renders every field's type. */
export function cteCapable(entity: CompiledEntity): boolean {
  return entity.dialect.cteJson !== undefined && entity.fields.every((f) => isBuiltInFieldType(f.type));
}

/** The companion of one created or updated row (core/write/row-sql.ts). */
export function auditCompanion(
  entity: CompiledEntity, plan: AuditPlan, kind: 'create' | 'update', actor: AuditActor, source: AuditSource, now: Date,
): RowCompanion {
  return {
    key: `audit:${plan.id}:${kind}`,
    cte: cteText(entity, plan, kind),
    // Ids are taken when the statement is sent, so they follow the order the entries are written in.
    params: (rows) => [plan.entity, source, actor.userId, actor.email, actor.ip, actor.traceId, now.toISOString(), Array.from({ length: rows }, auditId)],
  };
}
