// Per-record steps of write-pipeline.md §2.2 that prepare the values to store: slug (step 17), file
// fields (step 18), auto fields (step 19), and the SQL text for INSERT/UPDATE cached per column set.
import type { CompiledEntity } from '../compile/compiled-entity.js';
import { quoteIdent } from '../db/builder.js';
import type { Queryable } from '../db/types.js';
import { errors } from '../errors.js';
import { isFileRef } from '../metadata/field-types/index.js';
import { randomSlugSuffix, slugify } from '../metadata/slugify.js';

/** Step 17 (metadata.md §6.2). `old` is the stored record on update. */
export async function applySlug(
  q: Queryable, entity: CompiledEntity, values: Record<string, unknown>, old: Record<string, unknown> | undefined, pk: unknown,
): Promise<void> {
  const slug = entity.slug;
  if (!slug?.source) return;
  const given = values[slug.field];
  const source = values[slug.source];
  if (source === undefined || source === null || source === '') return;
  if (old === undefined) {
    if (given !== undefined && given !== null && given !== '') return;
  } else {
    if (!slug.regenerate_on_update || slug.field in values) return;
    if (String(source) === String(old[slug.source])) return;
  }
  values[slug.field] = await uniqueSlug(q, entity, slugify(String(source)) || randomSlugSuffix(8), pk);
}

async function uniqueSlug(q: Queryable, entity: CompiledEntity, base: string, excludePk: unknown): Promise<string> {
  // The probe includes soft-deleted rows: the unique index covers them too.
  const column = quoteIdent(entity.slug!.field);
  const sql = excludePk === undefined
    ? `SELECT 1 FROM ${entity.quotedTable} WHERE ${column} = $1 LIMIT 1`
    : `SELECT 1 FROM ${entity.quotedTable} WHERE ${column} = $1 AND ${entity.pk.column} <> $2 LIMIT 1`;
  const params = (v: string) => (excludePk === undefined ? [v] : [v, entity.pk.encode(excludePk)]);
  for (let n = 1; n <= 100; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if ((await q.query(sql, params(candidate))).length === 0) return candidate;
  }
  return `${base}-${randomSlugSuffix(6)}`;
}

/** Step 18 (write-pipeline.md §8): file ids become the stored file object. */
export async function resolveFiles(q: Queryable, entity: CompiledEntity, values: Record<string, unknown>): Promise<void> {
  for (const field of entity.fields) {
    const value = values[field.name];
    if (!isFileRef(value)) continue;
    const [row] = await q.query<Record<string, unknown>>('SELECT id, filename, size, mime_type FROM _files WHERE id = $1', [value.fileId]);
    if (!row) throw errors.notFound(`File ${value.fileId} not found`);
    values[field.name] = { id: String(row.id), filename: row.filename, size: Number(row.size), mime_type: row.mime_type };
  }
}

/** Whether step 17 or 18 has work that needs the database for this payload. */
export function needsPreparation(entity: CompiledEntity, values: Record<string, unknown>, create: boolean): boolean {
  if (entity.slug?.source && (create || entity.slug.regenerate_on_update)) return true;
  for (const field of entity.fields) if (isFileRef(values[field.name])) return true;
  return false;
}

/** Step 19. */
export function applyAutoFields(entity: CompiledEntity, values: Record<string, unknown>, now: Date, create: boolean): void {
  for (const field of entity.fields) {
    if (field.auto === 'update' || (create && field.auto === 'create')) {
      values[field.name] = field.def.type === 'date' ? now.toISOString().slice(0, 10) : now.toISOString();
    }
  }
}

const insertCache = new WeakMap<CompiledEntity, Map<string, string>>();
const updateCache = new WeakMap<CompiledEntity, Map<string, string>>();

function cached(cache: WeakMap<CompiledEntity, Map<string, string>>, entity: CompiledEntity, key: string, build: () => string): string {
  let map = cache.get(entity);
  if (!map) cache.set(entity, (map = new Map()));
  let sql = map.get(key);
  if (sql === undefined) {
    sql = build();
    if (map.size < 512) map.set(key, sql);
  }
  return sql;
}

/** `INSERT … RETURNING <all columns>`, so the stored record comes back in the same round trip. */
export function insertSql(entity: CompiledEntity, columns: string[]): string {
  return cached(insertCache, entity, columns.join(','), () => {
    const cols = columns.map((c) => quoteIdent(c)).join(', ');
    const params = columns.map((_, i) => `$${i + 1}`).join(', ');
    const returning = entity.fields.map((f) => f.column).join(', ');
    return columns.length === 0
      ? `INSERT INTO ${entity.quotedTable} DEFAULT VALUES RETURNING ${returning}`
      : `INSERT INTO ${entity.quotedTable} (${cols}) VALUES (${params}) RETURNING ${returning}`;
  });
}

/** `UPDATE … SET … WHERE pk = $n [AND live] RETURNING <all columns>`. */
export function updateSql(entity: CompiledEntity, columns: string[]): string {
  return cached(updateCache, entity, columns.join(','), () => {
    const sets = columns.map((c, i) => `${quoteIdent(c)} = $${i + 1}`).join(', ');
    const live = entity.sql.liveCondition ? ` AND ${entity.sql.liveCondition}` : '';
    const returning = entity.fields.map((f) => f.column).join(', ');
    return `UPDATE ${entity.quotedTable} SET ${sets} WHERE ${entity.pk.column} = $${columns.length + 1}${live} RETURNING ${returning}`;
  });
}

/** Encoded parameters for the given columns. */
export function encodeValues(entity: CompiledEntity, values: Record<string, unknown>, columns: string[]): unknown[] {
  return columns.map((c) => entity.fieldMap.get(c)!.encode(values[c]));
}
