// Runs versioned system migrations (migrations/platform, migrations/app) once per database, each in
// its own transaction, recorded in `_migrations`. On PostgreSQL an advisory lock serialises
// instances that start at the same time.
import { sql, type Compilable, type Kysely } from 'kysely';
import type { Database, Dialect, Queryable, SystemColumnTypes } from './types.js';

type RawSql = ReturnType<typeof sql.raw>;

export interface MigrationContext {
  dialect: Dialect;
  /** Kysely schema/query builder for this dialect (compiles only; run with exec). */
  builder: Kysely<any>;
  /** Column types as raw SQL for Kysely's addColumn. */
  t: Record<keyof SystemColumnTypes, ReturnType<typeof sql.raw>>;
  /** Column default expressions per dialect. */
  defaults: {
    now: RawSql;
    uuid: RawSql | undefined;
    emptyTextArray: RawSql;
    emptyJsonArray: RawSql;
    emptyJsonObject: RawSql;
    true: RawSql;
    false: RawSql;
  };
  exec(query: Compilable | string): Promise<void>;
}

export interface Migration {
  version: number;
  name: string;
  up(m: MigrationContext): Promise<void>;
}

function context(dialect: Dialect, tx: Queryable): MigrationContext {
  const t = Object.fromEntries(
    Object.entries(dialect.types).map(([k, v]) => [k, sql.raw(v)]),
  ) as MigrationContext['t'];
  const d = dialect.migration.defaults;
  return {
    dialect,
    builder: dialect.builder,
    t,
    defaults: {
      now: sql.raw(d.now), uuid: d.uuid === undefined ? undefined : sql.raw(d.uuid),
      emptyTextArray: sql.raw(d.emptyTextArray), emptyJsonArray: sql.raw(d.emptyJsonArray),
      emptyJsonObject: sql.raw(d.emptyJsonObject), true: sql.raw(d.true), false: sql.raw(d.false),
    },
    exec: async (query) => {
      if (typeof query === 'string') await tx.run(query);
      else {
        const compiled = query.compile();
        await tx.run(compiled.sql, compiled.parameters);
      }
    },
  };
}

/** Applies every migration newer than the database's recorded version. Returns the versions applied. */
export async function migrate(db: Database, migrations: readonly Migration[], scope: string): Promise<number[]> {
  const { lockSql } = db.dialect.migration;
  const versions = new Set<number>();
  for (const m of migrations) {
    // Two migrations with one version would silently skip the second (it looks applied).
    if (versions.has(m.version)) throw new Error(`duplicate ${scope} migration version ${m.version} (${m.name})`);
    versions.add(m.version);
  }
  // Under the lock too: two instances running CREATE TABLE IF NOT EXISTS at the same moment both
  // see no table, and one fails on pg_type_typname_nsp_index.
  await db.transaction(async (tx) => {
    if (lockSql) await tx.query(lockSql, [`rocket:migrate:${scope}`]);
    await tx.run(
      `CREATE TABLE IF NOT EXISTS _migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at ${db.dialect.types.timestamptz} NOT NULL)`,
    );
  }, { write: true });
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const done = await db.transaction(async (tx) => {
      if (lockSql) await tx.query(lockSql, [`rocket:migrate:${scope}`]);
      const rows = await tx.query('SELECT 1 FROM _migrations WHERE version = $1', [migration.version]);
      if (rows.length > 0) return false;
      await migration.up(context(db.dialect, tx));
      await tx.run('INSERT INTO _migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version, migration.name, new Date().toISOString(),
      ]);
      return true;
    }, { write: true });
    if (done) applied.push(migration.version);
  }
  return applied;
}
