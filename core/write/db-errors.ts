// Maps database constraint errors of a write to the API's errors (write-pipeline.md §9): a unique
// violation is 409 CONFLICT with a `unique` detail naming the field when one field owns the index.
import type { CompiledEntity } from '../compile/compiled-entity.js';
import type { Dialect } from '../db/types.js';
import { AppError, errors } from '../errors.js';

function violatedField(entity: CompiledEntity, dialect: Dialect, err: unknown): string | undefined {
  // A composite index (several columns) names no single field.
  const columns = dialect.violatedColumns(err, entity);
  return columns?.length === 1 && entity.fieldMap.has(columns[0]) ? columns[0] : undefined;
}

/** The AppError for a failed statement, or the original error when it is not a constraint error. */
export function mapWriteError(err: unknown, entity: CompiledEntity, dialect: Dialect, prefix = ''): unknown {
  if (err instanceof AppError || !dialect.isUniqueViolation(err)) return err;
  const field = violatedField(entity, dialect, err);
  const details = field ? [{ field: prefix + field, rule: 'unique', message: `${field} must be unique` }] : undefined;
  return errors.uniqueViolation(details);
}
