// App name rules and the derived database name (platform-and-apps.md §4.1).
import { errors } from '../errors.js';

const NAME_RE = /^[a-z][a-z0-9_-]*$/;
export const MAX_APP_NAME = 56;

export function dbNameFor(appName: string): string {
  return `rocket_${appName.replace(/-/g, '_')}`;
}

/** Throws the documented 422 for a bad name. */
export function assertAppName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name === '') throw errors.appNameRequired();
  if (!NAME_RE.test(name)) {
    throw errors.invalidAppName();
  }
  if (name.length > MAX_APP_NAME) throw errors.appNameTooLong(MAX_APP_NAME);
}

/** Cheap check for the request path: could this segment name an app at all? */
export function couldBeAppName(name: string): boolean {
  return name.length <= MAX_APP_NAME && NAME_RE.test(name);
}
