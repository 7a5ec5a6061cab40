// The differences between an item an app already has and the document's item with the same key
// (the dry run, beyond schema-io.md): what a re-import would leave as it is although the document
// says otherwise, so drift is visible before anything is applied. Both sides are compared in
// export form (validated, defaults filled in), so a property the document merely omits is no
// difference.
import { isPlainObject } from '../metadata/names.js';
import { canonicalJson } from './items.js';

/** One differing value; a side without the property (absent there) has no key. */
export interface Difference {
  /** `fields[title].required`, `definition.transitions[0].to`, `headers.X-Token`. */
  path: string;
  existing?: unknown;
  imported?: unknown;
}

/** At most this many differences are listed per item (a rewritten entity could have thousands). */
export const MAX_DIFFERENCES = 100;

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

/** Arrays of objects that each have a distinct string `name` (entity fields) are matched by name. */
function byName(list: unknown[]): Map<string, unknown> | undefined {
  const map = new Map<string, unknown>();
  for (const v of list) {
    if (!isPlainObject(v) || typeof v.name !== 'string' || map.has(v.name)) return undefined;
    map.set(v.name, v);
  }
  return map;
}

function walk(a: unknown, b: unknown, path: string, out: Difference[]): void {
  if (out.length > MAX_DIFFERENCES) return;
  if (a === undefined && b === undefined) return;
  if (a === undefined) return void out.push({ path, imported: b });
  if (b === undefined) return void out.push({ path, existing: a });
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
    for (const k of keys) walk(a[k], b[k], join(path, k), out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const namesA = byName(a);
    const namesB = namesA && byName(b);
    if (namesA && namesB) {
      for (const name of [...namesA.keys(), ...[...namesB.keys()].filter((n) => !namesA.has(n))]) {
        walk(namesA.get(name), namesB.get(name), `${path}[${name}]`, out);
      }
      // Same members in another order is a difference too (field order is the column order of reads).
      const orderA = [...namesA.keys()].filter((n) => namesB.has(n));
      const orderB = [...namesB.keys()].filter((n) => namesA.has(n));
      if (orderA.join('\u0000') !== orderB.join('\u0000')) out.push({ path: `${path}(order)`, existing: orderA, imported: orderB });
      return;
    }
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${path}[${i}]`, out);
    return;
  }
  if (canonicalJson(a) !== canonicalJson(b)) out.push({ path, existing: a, imported: b });
}

/**
 * Every differing value of two items, in the existing item's property order ([] when they are the
 * same); `truncated` when there were more than MAX_DIFFERENCES.
 */
export function differences(existing: unknown, imported: unknown): { list: Difference[]; truncated: boolean } {
  const out: Difference[] = [];
  walk(existing, imported, '', out);
  const truncated = out.length > MAX_DIFFERENCES;
  if (truncated) out.length = MAX_DIFFERENCES;
  return { list: out, truncated };
}
