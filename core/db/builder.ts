// Kysely instances that only compile SQL text (never execute): our own drivers run the compiled
// text, so SQL built once at compile time can be reused by every request.
import {
  Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler,
  SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Driver,
} from 'kysely';
import type { DialectName } from '../metadata/types.js';

const compileOnlyDriver: Driver = {
  async init() {},
  async acquireConnection() {
    throw new Error('This Kysely instance only compiles SQL; run it through a Database');
  },
  async beginTransaction() {},
  async commitTransaction() {},
  async rollbackTransaction() {},
  async releaseConnection() {},
  async destroy() {},
};

function makeBuilder(name: DialectName): Kysely<any> {
  const pg = name === 'postgres';
  return new Kysely<any>({
    dialect: {
      createAdapter: () => (pg ? new PostgresAdapter() : new SqliteAdapter()),
      createDriver: () => compileOnlyDriver,
      createIntrospector: (db) => (pg ? new PostgresIntrospector(db) : new SqliteIntrospector(db)),
      createQueryCompiler: () => (pg ? new PostgresQueryCompiler() : new SqliteQueryCompiler()),
    },
  });
}

export const builders: Record<DialectName, Kysely<any>> = {
  postgres: makeBuilder('postgres'),
  sqlite: makeBuilder('sqlite'),
};

/** Double-quotes an identifier that has already been validated against metadata name rules. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
