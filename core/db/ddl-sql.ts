// Text of the business-table DDL statements the auto-migrator emits, and the reverse mapping from
// a statement to the operation it performs (so a failure message can name it, metadata.md §9.1).
import { quoteIdent as q } from './builder.js';

export interface ColumnSql {
  name: string;
  /** Type plus any column constraint, e.g. `TEXT` or `UUID PRIMARY KEY DEFAULT gen_random_uuid()`. */
  definition: string;
}

export function createTableSql(table: string, columns: ColumnSql[], tableConstraints: string[] = []): string {
  const parts = [...columns.map((c) => `${q(c.name)} ${c.definition}`), ...tableConstraints];
  return `CREATE TABLE IF NOT EXISTS ${q(table)} (${parts.join(', ')})`;
}

export function addColumnSql(table: string, column: string, type: string): string {
  return `ALTER TABLE ${q(table)} ADD COLUMN ${q(column)} ${type}`;
}

/** PostgreSQL only. `using` defaults to the plain cast `"c"::<type>`. */
export function alterColumnTypeSql(table: string, column: string, type: string, using = `${q(column)}::${type}`): string {
  return `ALTER TABLE ${q(table)} ALTER COLUMN ${q(column)} TYPE ${type} USING ${using}`;
}

export interface IndexSpec {
  name: string;
  table: string;
  columns: string[];
  unique?: boolean;
  /** Raw predicate appended as `WHERE …`. */
  where?: string;
}

export function createIndexSql(index: IndexSpec): string {
  const kind = index.unique ? 'UNIQUE INDEX' : 'INDEX';
  const cols = index.columns.map(q).join(', ');
  const where = index.where ? ` WHERE ${index.where}` : '';
  return `CREATE ${kind} IF NOT EXISTS ${q(index.name)} ON ${q(index.table)} (${cols})${where}`;
}

export function dropIndexSql(name: string): string {
  return `DROP INDEX IF EXISTS ${q(name)}`;
}

export function primaryKeyConstraint(columns: string[]): string {
  return `PRIMARY KEY (${columns.map(q).join(', ')})`;
}

// Identifiers come from validated metadata ([a-z0-9_]), but "" escapes are still honoured.
const ID = '"((?:[^"]|"")+)"';
const unq = (s: string) => s.replace(/""/g, '"');

const DESCRIPTIONS: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [new RegExp(`^CREATE TABLE (?:IF NOT EXISTS )?${ID}`), (m) => `create table ${unq(m[1])}`],
  [new RegExp(`^ALTER TABLE ${ID} ADD COLUMN ${ID}`), (m) => `add column ${unq(m[1])}.${unq(m[2])}`],
  [
    new RegExp(`^ALTER TABLE ${ID} ALTER COLUMN ${ID} TYPE (.+?) USING`),
    (m) => `change type of ${unq(m[1])}.${unq(m[2])} to ${m[3]}`,
  ],
  [
    new RegExp(`^CREATE (UNIQUE )?INDEX (?:IF NOT EXISTS )?${ID} ON ${ID} \\((.*?)\\)`),
    (m) => `create ${m[1] ? 'unique ' : ''}index on ${unq(m[3])}.${m[4].split(', ').map((c) => unq(c.slice(1, -1))).join(',')}`,
  ],
  [new RegExp(`^DROP INDEX (?:IF EXISTS )?${ID}`), (m) => `drop index ${unq(m[1])}`],
];

/** "create unique index on books.isbn" for a statement built above; the first line otherwise. */
export function describeDdl(statement: string): string {
  for (const [re, describe] of DESCRIPTIONS) {
    const m = re.exec(statement);
    if (m) return describe(m);
  }
  return `run ${statement.split('\n')[0].slice(0, 80)}`;
}
