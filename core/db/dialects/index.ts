// The dialects by configuration name. Configuration (`database.driver`, `_apps.db_driver`) names a
// dialect; everything past this lookup holds the Dialect object itself.
import type { Dialect, DialectName } from '../types.js';
import { postgresDialect } from './postgres.js';
import { sqliteDialect } from './sqlite.js';

const DIALECTS: Readonly<Record<DialectName, Dialect>> = { postgres: postgresDialect, sqlite: sqliteDialect };

/** Every dialect name, in documentation order (postgres, sqlite). */
export const DIALECT_NAMES = Object.keys(DIALECTS) as readonly DialectName[];

export function isDialectName(value: unknown): value is DialectName {
  return typeof value === 'string' && Object.hasOwn(DIALECTS, value);
}

export function dialectFor(name: DialectName): Dialect {
  const dialect = DIALECTS[name];
  if (!dialect) throw new Error(`unknown database dialect: ${String(name)}`);
  return dialect;
}

export { postgresDialect, sqliteDialect };
