// Member access of §2.5 (`a.b`, `a?.b`, `a[k]`): null-safe and never an error. Only own properties
// of plain objects and lists are read, so `constructor`, `__proto__`, `toString` and every other
// inherited member are null, and whatever is read passes readValue (a function reads as null).
import { propertyKey } from './compare.js';
import { codePointLength } from './text.js';
import { elementAt, propertyOf, type PlainObject, type Value } from './values.js';

/**
 * The member `key` of `obj`:
 * - plain object: the own property (a number key in its canonical text, `obj[1]` reads "1");
 * - list: the element at a non-negative integer index, or its length for "length";
 * - string: its length in code points for "length" (the same count as len());
 * - anything else, any other key: null.
 */
export function memberOf(obj: Value, key: Value): Value {
  if (typeof obj !== 'object' || obj === null) {
    return typeof obj === 'string' && key === 'length' ? codePointLength(obj) : null;
  }
  if (Array.isArray(obj)) {
    if (typeof key === 'number') return Number.isInteger(key) && key >= 0 ? elementAt(obj, key) : null;
    return key === 'length' ? obj.length : null;
  }
  if (obj instanceof Date) return null;
  const name = propertyKey(key);
  return name === null ? null : propertyOf(obj as PlainObject, name);
}
