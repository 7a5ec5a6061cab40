// Kysely instances that only compile SQL text (never execute): our own drivers run the compiled
// text, so SQL built once at compile time can be reused by every request.
import { Kysely, type DatabaseIntrospector, type DialectAdapter, type Driver, type QueryCompiler } from 'kysely';

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

/** A Kysely instance of one dialect's adapter and compiler that can compile but never execute. */
export function compileOnlyBuilder(parts: {
  adapter: () => DialectAdapter;
  introspector: (db: Kysely<any>) => DatabaseIntrospector;
  compiler: () => QueryCompiler;
}): Kysely<any> {
  return new Kysely<any>({
    dialect: {
      createAdapter: parts.adapter,
      createDriver: () => compileOnlyDriver,
      createIntrospector: parts.introspector,
      createQueryCompiler: parts.compiler,
    },
  });
}

/** Double-quotes an identifier that has already been validated against metadata name rules. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
