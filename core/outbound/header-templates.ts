// Header values of an outbound delivery (webhooks-and-files.md §A5, §A7). Templates are resolved at
// each dispatch, never stored resolved, so secrets from the environment stay out of the database.

const TEMPLATE = /\{\{env\.([^}]+)\}\}/g;

/** Replaces every `{{env.NAME}}` in each value by the environment variable NAME, or '' when it is
 * unset. Header names are not templated. */
export function resolveHeaderTemplates(
  headers: Record<string, string>,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = value.replace(TEMPLATE, (_, key: string) => {
      // Own properties only: `{{env.constructor}}` must not reach Object.prototype.
      const v = Object.prototype.hasOwnProperty.call(env, key) ? env[key] : undefined;
      return typeof v === 'string' ? v : '';
    });
  }
  return out;
}

/** The request headers: the defaults, then the configured headers, a configured header replacing a
 * default of the same name whatever its case (HTTP names are case-insensitive, so sending both
 * would give the receiver two values). Among the configured headers the last of a name wins. */
export function deliveryHeaders(
  configured: Record<string, string>,
  defaults: Record<string, string>,
): Record<string, string> {
  const byName = new Map<string, [string, string]>();
  for (const [name, value] of Object.entries(defaults)) byName.set(name.toLowerCase(), [name, value]);
  for (const [name, value] of Object.entries(configured)) {
    const key = name.toLowerCase();
    byName.delete(key); // re-inserted at the end: defaults first, then configured, as §A7 orders them
    byName.set(key, [name, value]);
  }
  return Object.fromEntries(byName.values());
}
