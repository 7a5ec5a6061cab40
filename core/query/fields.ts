// `?fields=` (beyond the spec; issue 20 §3): which fields a list or a read answers with.
// `fields=name,price,tags.label` keeps `name` and `price` of each record and `label` of each
// included `tags` record; naming a relation's field includes that relation (as `include=tags`
// would). The primary key always stays, so a client can address what it got. Every name is checked
// against metadata: an unknown one is `400 UNKNOWN_FIELD`, like an unknown filter or sort field.
// Relations are one level deep (`rel.field`); included relations not named keep all their fields.
import type { CompiledEntity } from '../compile/compiled-entity.js';
import type { Registry } from '../compile/registry.js';
import { errors } from '../errors.js';
import { parseIncludes, type IncludeNode } from './include-tree.js';

export interface FieldSelection {
  /** Top-level fields kept (the primary key included). */
  readonly fields: ReadonlySet<string>;
  /** Included relation key → its entity and the fields kept (that entity's primary key included). */
  readonly nested: ReadonlyMap<string, { readonly entity: CompiledEntity; readonly keep: ReadonlySet<string> }>;
  /** The include list to read with: the request's, plus the relations `fields` names. */
  readonly include: string | undefined;
}

const text = (v: unknown): string | undefined => (Array.isArray(v) ? v.join(',') : typeof v === 'string' ? v : undefined);

/** Parses `fields` against `entity`; undefined when the request has none. */
export function parseFields(entity: CompiledEntity, registry: Registry, fieldsParam: unknown, includeParam: unknown): FieldSelection | undefined {
  const raw = text(fieldsParam);
  if (raw === undefined) return undefined;
  const fields = new Set<string>([entity.pk.name]);
  const nestedNames = new Map<string, string[]>();
  for (const item of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const dot = item.indexOf('.');
    if (dot < 0) {
      if (!entity.fieldMap.has(item) && !(item === 'deleted_at' && entity.softDelete)) throw errors.unknownSelectedField(item);
      fields.add(item);
      continue;
    }
    const key = item.slice(0, dot);
    let names = nestedNames.get(key);
    if (!names) nestedNames.set(key, (names = []));
    names.push(item.slice(dot + 1));
  }
  const requested = (text(includeParam) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const include = [...new Set([...requested, ...nestedNames.keys()])].join(',') || undefined;
  // The include parser validates the relation names (400 Unknown include) and resolves their entities.
  const nodes = new Map<string, IncludeNode>(parseIncludes(entity, registry, include).map((n) => [n.key, n]));
  const nested = new Map<string, { entity: CompiledEntity; keep: ReadonlySet<string> }>();
  for (const [key, names] of nestedNames) {
    const node = nodes.get(key)!;
    const kept = new Set<string>([node.entity.pk.name]);
    for (const name of names) {
      if (!node.entity.fieldMap.has(name)) throw errors.unknownSelectedField(`${key}.${name}`);
      kept.add(name);
    }
    nested.set(key, { entity: node.entity, keep: kept });
  }
  return { fields, nested, include };
}

/** A record without the fields of `entity` that are not kept; other keys (included relations) stay. */
function pick(record: Record<string, unknown>, entity: CompiledEntity, keep: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in record) {
    const isField = entity.fieldMap.has(key) || (key === 'deleted_at' && entity.softDelete);
    if (!isField || keep.has(key)) out[key] = record[key];
  }
  return out;
}

/** `record` of `entity` as the selection shows it (a new object; `record` is untouched). */
export function selectFields(record: Record<string, unknown>, entity: CompiledEntity, sel: FieldSelection): Record<string, unknown> {
  const out = pick(record, entity, sel.fields);
  for (const [key, { entity: target, keep }] of sel.nested) {
    const value = out[key];
    if (Array.isArray(value)) out[key] = value.map((r) => pick(r as Record<string, unknown>, target, keep));
    else if (value !== null && typeof value === 'object') out[key] = pick(value as Record<string, unknown>, target, keep);
  }
  return out;
}
