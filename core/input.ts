// Checks of admin and write request bodies shared by every core service: the body must be a JSON
// object (400 INVALID_PAYLOAD otherwise, platform-and-apps.md §1.3) and role lists are strings.
import { errors } from './errors.js';

/** The body as an object: a missing body is {}, a non-object JSON body is 400. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw errors.invalidJson();
  }
  return body as Record<string, unknown>;
}

/** Optional roles (auth.md §6.3, §7.1, §8.5): undefined when omitted, else an array of strings. */
export function optionalRoles(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((r) => typeof r === 'string')) {
    throw errors.rolesNotStrings();
  }
  return value as string[];
}
