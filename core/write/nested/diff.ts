// The diff planner of nested writes (write-pipeline.md §5.4, §5.7): pure functions from the rows
// of one relation write and the keys that currently exist to the operations to perform. No I/O,
// so every mode × row kind of the spec's tables is unit-tested directly.

export type WriteMode = 'diff' | 'replace' | 'append';
export const WRITE_MODES: ReadonlySet<string> = new Set<WriteMode>(['diff', 'replace', 'append']);

/** What the diff needs of a one_to_one / one_to_many row. */
export interface KeyedRow {
  /** `_delete: true`. */
  readonly delete: boolean;
  /** String form of the row's PK value; undefined when the row carries no PK. */
  readonly pkKey: string | undefined;
}

export interface ChildDiff<R extends KeyedRow> {
  /** PK keys of existing children to delete: `_delete` rows first (array order), then, in
   *  `replace` mode, existing children no row addressed (existing order). */
  deletes: string[];
  /** Inserts and updates in array order. */
  writes: Array<{ op: 'insert' | 'update'; row: R }>;
}

/**
 * §5.4. `existing`: PK keys of the parent's live children, in read order. `pkGenerated`: the child
 * PK is assigned by the engine, so a PK that is not among `existing` can only be ignored.
 * A PK that belongs to another parent is simply not in `existing`: never touched, never re-parented.
 */
export function diffChildren<R extends KeyedRow>(
  mode: WriteMode, rows: readonly R[], existing: readonly string[], pkGenerated: boolean,
): ChildDiff<R> {
  const live = new Set(existing);
  const addressed = new Set<string>();
  const deleted = new Set<string>();
  const deletes: string[] = [];
  const writes: ChildDiff<R>['writes'] = [];
  for (const row of rows) {
    const key = row.pkKey;
    if (key !== undefined) addressed.add(key);
    if (row.delete) {
      if (mode !== 'append' && key !== undefined && live.has(key) && !deleted.has(key)) {
        deleted.add(key);
        deletes.push(key);
      }
      continue;
    }
    if (key === undefined) writes.push({ op: 'insert', row });
    else if (live.has(key)) {
      if (mode !== 'append') writes.push({ op: 'update', row });
    } else if (!pkGenerated) writes.push({ op: 'insert', row });
  }
  if (mode === 'replace') {
    for (const key of existing) {
      if (!addressed.has(key) && !deleted.has(key)) {
        deleted.add(key);
        deletes.push(key);
      }
    }
  }
  // A row may not update a child the same request deletes.
  const kept = deleted.size === 0 ? writes : writes.filter((w) => w.op === 'insert' || !deleted.has(w.row.pkKey!));
  return { deletes, writes: kept };
}

/** What the diff needs of a many_to_many link row (already de-duplicated by id). */
export interface LinkKeyRow {
  readonly delete: boolean;
  /** String form of the target id. */
  readonly idKey: string;
}

export interface LinkDiff<R extends LinkKeyRow> {
  /** Rows whose target gets linked, in array order. */
  link: R[];
  /** Target keys to unlink (from `_delete` rows or, in `replace` mode, linked ids not kept). */
  unlink: string[];
}

/** §5.7. `linked`: target keys currently linked to the parent. */
export function diffLinks<R extends LinkKeyRow>(mode: WriteMode, rows: readonly R[], linked: readonly string[]): LinkDiff<R> {
  const current = new Set(linked);
  const link: R[] = [];
  const unlink: string[] = [];
  if (mode === 'replace') {
    const keep = new Set<string>();
    for (const row of rows) {
      if (row.delete) continue;
      keep.add(row.idKey);
      if (!current.has(row.idKey)) link.push(row);
    }
    for (const key of linked) if (!keep.has(key)) unlink.push(key);
    return { link, unlink };
  }
  for (const row of rows) {
    if (row.delete) {
      if (mode === 'diff' && current.has(row.idKey)) unlink.push(row.idKey);
    } else if (!current.has(row.idKey)) link.push(row);
  }
  return { link, unlink };
}

/** §5.8: the number of live children after a one_to_one write, decided before it runs. */
export function childrenAfter(existingCount: number, diff: ChildDiff<KeyedRow>): number {
  let inserts = 0;
  for (const w of diff.writes) if (w.op === 'insert') inserts++;
  return existingCount - diff.deletes.length + inserts;
}
