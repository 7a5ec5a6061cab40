// Step 17 of §2.2 (metadata.md §6.2): a slug derived from its source field, made unique by a
// numeric suffix. The probe for a free suffix needs the database, so it runs in the transaction.
import { quoteIdent } from '../../db/builder.js';
import type { Queryable } from '../../db/types.js';
import type { CompiledEntity } from '../../compile/compiled-entity.js';
import { randomSlugSuffix, slugify } from '../../metadata/slugify.js';
import type { RecordWrite, WriteStep } from './types.js';

const blank = (v: unknown) => v === undefined || v === null || v === '';

/** The slug this write must be given, or undefined when it keeps what it has. */
function wantedSlug(w: RecordWrite): string | undefined {
  const slug = w.entity.slug!;
  const source = w.values[slug.source!];
  if (blank(source)) return undefined;
  if (w.old === undefined) {
    if (!blank(w.values[slug.field])) return undefined;
  } else {
    if (!slug.regenerate_on_update || slug.field in w.values) return undefined;
    if (String(source) === String(w.old[slug.source!])) return undefined;
  }
  return slugify(String(source)) || randomSlugSuffix(8);
}

/** The first free of `base`, `base-2` … `base-100` (committed rows), else a random suffix. */
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

export const slugStep: WriteStep = {
  name: 'slug',
  compile(entity, kind) {
    const slug = entity.slug;
    if (!slug?.source || (kind !== 'create' && kind !== 'update')) return null;
    if (kind === 'update' && !slug.regenerate_on_update) return null;
    return {
      async beforeWrite(w, run) {
        const base = wantedSlug(w);
        if (base === undefined) return;
        const exclude = kind === 'update' ? w.pk : undefined;
        w.values[slug.field] = await uniqueSlug(run.q, entity, base, exclude);
        // A concurrent write may take the same suffix between the probe and the row's statement
        // (metadata.md §6.2 wants -2, -3 … rather than a 409): probe again, past what it took.
        w.onUniqueViolation = async (err, retry) => {
          const columns = entity.dialect.violatedColumns(err, entity);
          if (columns?.length !== 1 || columns[0] !== slug.field) return false;
          w.values[slug.field] = await uniqueSlug(retry.q, entity, base, exclude);
          return true;
        };
      },
      // Deciding needs `old` on update, so an update that sends the source goes through the transaction.
      needsTransaction: (w) => !blank(w.values[slug.source!]),
    };
  },
};
