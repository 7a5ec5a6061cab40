// The SchemaDocument of schema-io.md: its sections, and the checks an import body passes before
// any item is looked at (§2.1) — a JSON object, bare or wrapped as the export returns it, version
// 1, every present section of the right JSON type. Items themselves are checked one by one later
// (best effort, §2.2), so nothing here looks inside a section.
import { errors } from '../errors.js';
import { isPlainObject } from '../metadata/names.js';

/** The metadata sections, in export order and in the processing order of §2.2. */
export const SECTIONS = ['entities', 'relations', 'rules', 'state_machines', 'workflows', 'permissions', 'webhooks', 'ui_configs'] as const;
export type Section = (typeof SECTIONS)[number];

/** `summary` of §2.4: every section plus `records` (sample rows actually inserted). */
export type Summary = Record<Section | 'records', number>;

export function emptySummary(): Summary {
  return { entities: 0, relations: 0, rules: 0, state_machines: 0, workflows: 0, permissions: 0, webhooks: 0, ui_configs: 0, records: 0 };
}

export const SCHEMA_VERSION = 1;

/** An import body after §2.1: absent sections are empty, `sample_data` keeps its key order. */
export interface ImportDocument {
  readonly sections: Readonly<Record<Section, readonly unknown[]>>;
  readonly sampleData: ReadonlyArray<readonly [key: string, rows: readonly unknown[]]>;
}

const shown = (v: unknown): string => (v === undefined || typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v));

/**
 * §2.1 in order: a JSON object (400), `version` 1 (422), each present section an array and
 * `sample_data` an object of arrays (422). `{"data": {...}}` — the export's own response — is
 * unwrapped first, so an export can be posted back unchanged; `exported_at` is ignored.
 */
export function parseDocument(body: unknown): ImportDocument {
  if (!isPlainObject(body)) throw errors.invalidJson();
  const doc = !('version' in body) && isPlainObject(body.data) ? body.data : body;
  if (doc.version !== SCHEMA_VERSION) throw errors.unsupportedSchemaVersion(shown(doc.version));
  const sections = {} as Record<Section, readonly unknown[]>;
  for (const name of SECTIONS) {
    const value = doc[name];
    if (value !== undefined && !Array.isArray(value)) throw errors.schemaSectionNotArray(name);
    sections[name] = value ?? [];
  }
  const sample = doc.sample_data;
  if (sample !== undefined && (!isPlainObject(sample) || !Object.values(sample).every(Array.isArray))) {
    throw errors.sampleDataNotObjectOfArrays();
  }
  return { sections, sampleData: Object.entries((sample ?? {}) as Record<string, unknown[]>) };
}
