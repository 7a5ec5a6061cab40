// The entity definition's `audit` key (observability-and-audit.md §B5): `true`, `false`, or
// `{"enabled": bool, "exclude_fields": [...], "mask_fields": [...]}` naming fields of the entity.
// Unlike other unknown properties, an unknown key inside `audit` is refused: a misspelt
// `mask_field` would otherwise leave the field unmasked without a word.
import { isPlainObject, show } from './names.js';
import type { ProblemList } from './problems.js';
import type { FieldDef } from './types.js';

const FIELD_LISTS = ['exclude_fields', 'mask_fields'] as const;
const KEYS: ReadonlySet<string> = new Set(['enabled', ...FIELD_LISTS]);

/** `softDelete`: the engine's `deleted_at` is part of the snapshots too, so it may be named. */
export function checkAudit(audit: unknown, fields: FieldDef[] | undefined, softDelete: boolean, problems: ProblemList): void {
  if (audit === undefined || audit === null || typeof audit === 'boolean') return;
  if (!isPlainObject(audit)) return problems.add('audit', 'invalid', `invalid audit setting: ${show(audit)}`);
  for (const key of Object.keys(audit)) {
    if (!KEYS.has(key)) problems.add(`audit.${key}`, 'invalid', `unknown audit setting: ${key}`);
  }
  if (audit.enabled !== undefined && audit.enabled !== null && typeof audit.enabled !== 'boolean') {
    problems.add('audit.enabled', 'invalid', `invalid audit enabled: ${show(audit.enabled)}`);
  }
  const names = fields ? new Set(fields.map((f) => f.name)) : undefined;
  if (softDelete) names?.add('deleted_at');
  for (const key of FIELD_LISTS) {
    const list = audit[key];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) {
      problems.add(`audit.${key}`, 'invalid', `audit ${key} must be an array of field names`);
      continue;
    }
    list.forEach((name, i) => {
      if (typeof name !== 'string') problems.add(`audit.${key}[${i}]`, 'invalid', `audit ${key} must be an array of field names`);
      // `fields` unusable: already reported by check 7.
      else if (names && !names.has(name)) problems.add(`audit.${key}[${i}]`, 'not_found', `audit field ${name} not found in fields`);
    });
  }
}
