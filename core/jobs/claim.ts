// Claiming due rows so that each is processed by exactly one instance (platform-and-apps.md §8.2).
// A row is due when its due column is <= now. Claiming selects due rows with the dialect's
// claimSuffix (PostgreSQL: FOR UPDATE SKIP LOCKED, so concurrent claimers take disjoint rows; SQLite:
// nothing, BEGIN IMMEDIATE serialises claimers) and, in the same short transaction, moves their due
// column to the end of a lease. Work then happens after commit; a claimer that dies leaves the rows
// to be claimed again when the lease ends. The lease end doubles as a fencing token: an outcome is
// written only `WHERE due = leaseUntil`, so a claimer whose lease ran out cannot overwrite the
// outcome of the instance that reclaimed the row.
//
// Use claimDue for "claim, then work after commit" (webhook retries) and selectDue inside your own
// write transaction for "claim and handle in the same transaction" (workflow timeouts).
// Due values are ISO strings from the runner's clock, the format every timestamp is written in.
import { quoteIdent } from '../db/builder.js';
import type { Database, Dialect, Queryable, Row } from '../db/types.js';

export interface ClaimSpec {
  /** Table and column names are trusted code constants (quoted, never user input). */
  table: string;
  /** Timestamp column: due when <= now; a claim moves it to the lease end. */
  dueColumn: string;
  /** Further condition as trusted SQL without parameters, e.g. "status IN ('pending', 'retrying')". */
  where?: string;
  /** At most this many rows per claim, oldest due first. */
  limit: number;
  /** Primary-key column (default `id`). */
  idColumn?: string;
}

export interface Claimed<R> {
  /** The rows as they were before the claim (their due column still shows the old value). */
  rows: R[];
  /** The due value the claim wrote: the lease end, and the fencing token for writing outcomes. */
  leaseUntil: string;
}

/** Selects due rows for claiming; call inside a write transaction, which holds the claim. */
export async function selectDue<R = Row>(tx: Queryable, dialect: Dialect, spec: ClaimSpec, now: number): Promise<R[]> {
  const due = quoteIdent(spec.dueColumn);
  const where = spec.where ? ` AND (${spec.where})` : '';
  const sql = `SELECT * FROM ${quoteIdent(spec.table)} WHERE ${due} <= $1${where} ORDER BY ${due} LIMIT $2${dialect.claimSuffix}`;
  return tx.query<R>(sql, [new Date(now).toISOString(), spec.limit]);
}

/** Claims up to spec.limit due rows for leaseMs in one short transaction and returns them. */
export async function claimDue<R extends Row = Row>(
  db: Database,
  spec: ClaimSpec,
  opts: { now: number; leaseMs: number },
): Promise<Claimed<R>> {
  const leaseUntil = new Date(opts.now + opts.leaseMs).toISOString();
  const id = quoteIdent(spec.idColumn ?? 'id');
  const rows = await db.transaction(async (tx) => {
    const rows = await selectDue<R>(tx, db.dialect, spec, opts.now);
    if (rows.length === 0) return rows;
    const list = rows.map((_r, i) => `$${i + 2}`).join(', ');
    await tx.run(
      `UPDATE ${quoteIdent(spec.table)} SET ${quoteIdent(spec.dueColumn)} = $1 WHERE ${id} IN (${list})`,
      [leaseUntil, ...rows.map((r) => r[spec.idColumn ?? 'id'])],
    );
    return rows;
  }, { write: true });
  return { rows, leaseUntil };
}
