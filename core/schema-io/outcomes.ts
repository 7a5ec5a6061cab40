// What an import records about each item (schema-io.md §2.2–§2.4): created, replaced (UI configs
// are upserted), skipped as already present, or failed with its `errors` entry. The import
// response counts them; the dry run lists them (core/schema-io/plan.ts).
import { AppError } from '../errors.js';

export type ItemStatus = 'created' | 'replaced' | 'skipped' | 'failed';

export interface ItemOutcome {
  status: ItemStatus;
  /** The item's name as `errors` entries give it: `rule book/field`. */
  label: string;
  /** §2.3 key, when the item had one to compare. */
  key?: string;
  /** The item as it is (or would be) stored, in export form, when it validated; else as sent. */
  item?: Record<string, unknown>;
  /** The `errors` entry of a failed item: `<label>: <message>`. */
  error?: string;
}

/**
 * An error as one line: the message, then any detail that says more (a definition with several
 * problems lists all of them; `Validation failed` names its fields).
 */
export function describeError(err: AppError): string {
  const extra = (err.details ?? [])
    .filter((d) => d.message !== err.message)
    .map((d) => (d.field && !d.message.includes(d.field) ? `${d.field}: ${d.message}` : d.message));
  return extra.length > 0 ? `${err.message} (${extra.join('; ')})` : err.message;
}
