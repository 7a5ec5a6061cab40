// Maps database constraint errors of a write to the API's errors (write-pipeline.md §9): a unique
// violation is 409 CONFLICT with a `unique` detail naming the field when one field owns the index.
import type { CompiledEntity } from '../compile/compiled-entity.js';
import type { Dialect } from '../db/types.js';
import { AppError, errors } from '../errors.js';
import { uniqueIndexName } from '../metadata/index-name.js';

function violatedField(entity: CompiledEntity, dialect: Dialect, err: unknown): string | undefined {
  const constraint = dialect.violatedConstraint(err);
  if (!constraint) return undefined;
  if (dialect.name === 'sqlite') {
    // "books.isbn" (one column) or "books.a, books.b" (a composite index: no single field).
    const columns = constraint.split(',').map((c) => c.trim().split('.').pop()!);
    return columns.length === 1 && entity.fieldMap.has(columns[0]) ? columns[0] : undefined;
  }
  if (constraint === `${entity.table}_pkey`) return entity.pk.name;
  return entity.fields.find((f) => uniqueIndexName(entity.table, f.name) === constraint)?.name;
}

/** The AppError for a failed statement, or the original error when it is not a constraint error. */
export function mapWriteError(err: unknown, entity: CompiledEntity, dialect: Dialect, prefix = ''): unknown {
  if (err instanceof AppError || !dialect.isUniqueViolation(err)) return err;
  const field = violatedField(entity, dialect, err);
  const details = field ? [{ field: prefix + field, rule: 'unique', message: `${field} must be unique` }] : undefined;
  return errors.conflict('A record with this value already exists', details);
}
