// Helpers shared by the dialect modules; nothing here is specific to one database.

const JSON_KEY_RE = /^[A-Za-z0-9_]+$/;

/** JSON keys are spliced into SQL text as literals, so only plain names are accepted. */
export function assertJsonKey(key: string): string {
  if (!JSON_KEY_RE.test(key)) throw new Error(`invalid JSON key for SQL: ${key}`);
  return key;
}
