// Request limits that protect the engine from hostile input, in one place (README "Limits").
// Each is checked where it is cheapest: the JSON depth by one linear scan of the raw body before
// JSON.parse, the id length by the router (Fastify's maxParamLength) and the payload validator.

/**
 * Deepest nesting of arrays and objects a JSON request body may have. A nested write needs 3 levels
 * per relation level (`{"rel": {"data": [{…}]}}`), so the deepest one allowed (5 levels,
 * MAX_NESTING_DEPTH) uses 16; definitions and permission conditions use fewer than 10. 128 (the
 * default of serde_json) leaves well over 100 levels for json field values, while every recursive
 * walk over a parsed body stays far from the stack limit (which 5,000 levels reached).
 */
export const MAX_JSON_DEPTH = 128;

/**
 * Longest string primary key, in UTF-16 code units (JavaScript string length). A longer one is
 * refused at create (422, rule max_length); the router's maxParamLength is the same number (it
 * measures the decoded segment), so every id that can be created can also be addressed.
 */
export const MAX_ID_LENGTH = 255;

/**
 * True when `text` nests arrays/objects deeper than `max`, counted outside JSON strings. Most bodies
 * have at most `max` opening brackets in all, which a few indexOf calls establish (~0.1 µs for a
 * typical record, ~2 µs for 100 KB of text); only the others are scanned once, character by
 * character, with strings skipped by indexOf. No allocation. A malformed text gives an arbitrary
 * answer (JSON.parse rejects it next anyway), so unbalanced or unterminated input needs no care.
 */
export function jsonTooDeep(text: string, max: number = MAX_JSON_DEPTH): boolean {
  if (!moreOpenersThan(text, max)) return false;
  const n = text.length;
  let depth = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) { // "
      let j = text.indexOf('"', i + 1);
      // A quote preceded by an odd run of backslashes is escaped: look further.
      while (j !== -1) {
        let k = j - 1;
        while (text.charCodeAt(k) === 0x5c) k--;
        if (((j - 1 - k) & 1) === 0) break;
        j = text.indexOf('"', j + 1);
      }
      if (j === -1) return false;
      i = j;
    } else if (c === 0x7b || c === 0x5b) { // { [
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) { // } ]
      depth--;
    }
  }
  return false;
}

/** More than `max` `{` and `[` in all (inside strings or not): only then can the depth exceed it. */
function moreOpenersThan(text: string, max: number): boolean {
  if (text.length <= max) return false;
  let count = 0;
  for (let i = text.indexOf('{'); i !== -1; i = text.indexOf('{', i + 1)) if (++count > max) return true;
  for (let i = text.indexOf('['); i !== -1; i = text.indexOf('[', i + 1)) if (++count > max) return true;
  return false;
}
