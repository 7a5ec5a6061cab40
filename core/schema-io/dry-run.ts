// The dry run (`POST /_admin/import?dry_run=true`, beyond schema-io.md): the real import — the same
// admin services, validation, DDL and sample-data inserts — run inside one transaction that is
// then rolled back, so the plan it answers with is exactly what the import would do now and
// nothing is written. The import runs against a view of the app whose database is that
// transaction (each admin service's own transaction becomes a savepoint) and whose registry is
// private: the rebuilds of the run never reach the app's requests, and nobody is notified.
//
// The price of that accuracy: the transaction holds what the import writes until it ends. On
// SQLite it is the app's one writer for the duration (other writes wait, up to busy_timeout); on
// PostgreSQL only rows and tables the document touches are locked. Identity sequences of integer
// keys advance as they would (PostgreSQL sequences are not transactional).
import type { AuditActor } from '../audit/actor.js';
import type { Database, Queryable } from '../db/types.js';
import type { Logger } from '../logger.js';
import type { AppContext } from '../platform/app-context.js';
import type { ImportDocument } from './document.js';
import { runImport, type ImportRun } from './import.js';
import { buildPlan, type ImportPlan } from './plan.js';

/** Thrown to end the dry run's transaction with a rollback once the run is over. */
class RolledBack extends Error {}

/** A Database whose statements run in `tx` and whose transactions are savepoints of it. */
function inTransaction(dialect: Database['dialect'], tx: Queryable): Database {
  return {
    dialect,
    busy: 0,
    query: (sql, params) => tx.query(sql, params),
    run: (sql, params) => tx.run(sql, params),
    transaction: (fn) => tx.savepoint!(fn),
    close: async () => {},
  };
}

/**
 * The app as the import sees it: `db` is the transaction, `registry` and `metadataVersion` are the
 * view's own (reloadRegistry assigns them on the view). Everything else (name, sessions, info)
 * is the app's, read through the prototype.
 */
function dryRunView(ctx: AppContext, db: Database): AppContext {
  return Object.create(ctx, {
    db: { value: db },
    registry: { value: ctx.registry, writable: true },
    metadataVersion: { value: ctx.metadataVersion, writable: true },
  }) as AppContext;
}

export async function planImport(ctx: AppContext, log: Logger, actor: AuditActor, doc: ImportDocument): Promise<ImportPlan> {
  let run: ImportRun | undefined;
  try {
    await ctx.db.transaction(async (tx) => {
      const view = dryRunView(ctx, inTransaction(ctx.db.dialect, tx));
      run = await runImport({ ctx: view, log, actor, announce: async () => {}, item: (fn) => view.db.transaction(() => fn()), planning: true }, doc);
      throw new RolledBack();
    }, { write: true });
  } catch (err) {
    if (!(err instanceof RolledBack)) throw err;
  }
  return buildPlan(run!);
}
