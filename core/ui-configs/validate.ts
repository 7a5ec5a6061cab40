// Validation of a UI-config body (schema-io.md §3), shared by the admin API (POST and PUT, which is
// a full replacement) and the import of `ui_configs` (§2.2 step 9): the checks in their documented
// order, first failure wins. The server never interprets `config`; it only makes sure it is an
// object whose text both databases can store.
import type { Registry } from '../compile/registry.js';
import { errors } from '../errors.js';
import { objectBody } from '../input.js';
import { MAX_ID_LENGTH } from '../limits.js';
import { isPlainObject } from '../metadata/names.js';
import { jsonTextProblem, textProblem } from '../text.js';

export const DEFAULT_SCOPE = 'default';

/** A validated body: what a `_ui_configs` row stores besides its id and timestamps. */
export interface UiConfigInput {
  entity: string;
  scope: string;
  config: Record<string, unknown>;
}

const absent = (v: unknown): v is undefined | null => v === undefined || v === null;

/**
 * `entity` and `scope` are at most MAX_ID_LENGTH characters (beyond the spec): `/_ui/config/:entity`
 * could not address a longer entity, and it keeps the (entity, scope) index entry far below
 * PostgreSQL's btree limit, which would otherwise fail the insert with a 500.
 */
function checkName(property: 'entity' | 'scope', value: string): void {
  const problem = textProblem(value);
  if (problem) throw errors.invalidText(property, problem);
  if (value.length > MAX_ID_LENGTH) throw errors.uiConfigPropertyTooLong(property, MAX_ID_LENGTH);
}

/**
 * The body as stored, or the first failing check: body an object (400) → `entity` present → an
 * entity of `registry` or a pseudo-entity starting with `_` (such as the `_app` dashboard) →
 * `scope` a string (absent, null or "" → "default") → `config` an object (absent or null → {}).
 * The (entity, scope) conflict is the caller's check: it needs the database.
 */
export function validateUiConfig(body: unknown, registry: Registry): UiConfigInput {
  const b = objectBody(body);
  const { entity } = b;
  if (typeof entity !== 'string' || entity === '') throw errors.fieldRequired('entity');
  checkName('entity', entity);
  if (!entity.startsWith('_') && !registry.entity(entity)) throw errors.uiConfigEntityNotFound(entity);
  if (!absent(b.scope) && typeof b.scope !== 'string') throw errors.uiConfigScopeNotString();
  const scope = absent(b.scope) || b.scope === '' ? DEFAULT_SCOPE : b.scope;
  checkName('scope', scope);
  const config = absent(b.config) ? {} : b.config;
  if (!isPlainObject(config)) throw errors.uiConfigNotObject();
  const problem = jsonTextProblem(config);
  if (problem) throw errors.invalidText('config', problem);
  return { entity, scope, config };
}
