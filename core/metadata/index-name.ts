// Names of engine-managed indexes (metadata.md §5, §9.4, §9.6), shortened to PostgreSQL's
// 63-character identifier limit in a stable way so the same index is always found again.

import { createHash } from 'node:crypto';

export const MAX_IDENTIFIER_LENGTH = 63;

/** Names over 63 chars → first 54 chars + "_" + first 8 hex digits of SHA-1(full name). */
export function shortenIdentifier(name: string): string {
  if (name.length <= MAX_IDENTIFIER_LENGTH) return name;
  const hash = createHash('sha1').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, 54)}_${hash}`;
}

/** Unique index of a `unique: true` field: idx_<table>_<field>. */
export function uniqueIndexName(table: string, field: string): string {
  return shortenIdentifier(`idx_${table}_${field}`);
}

/** Partial soft-delete index: idx_<table>_deleted_at. */
export function softDeleteIndexName(table: string): string {
  return shortenIdentifier(`idx_${table}_deleted_at`);
}

/** one_to_many FK index on the target table: fk_<target_table>_<target_key>. */
export function foreignKeyIndexName(targetTable: string, targetKey: string): string {
  return shortenIdentifier(`fk_${targetTable}_${targetKey}`);
}

/** one_to_one unique index on the target table: uq_<target_table>_<target_key>. */
export function oneToOneIndexName(targetTable: string, targetKey: string): string {
  return shortenIdentifier(`uq_${targetTable}_${targetKey}`);
}

/** Secondary index of a many_to_many join table: idx_<join_table>_<target_join_key>. */
export function joinTableIndexName(joinTable: string, targetJoinKey: string): string {
  return shortenIdentifier(`idx_${joinTable}_${targetJoinKey}`);
}
