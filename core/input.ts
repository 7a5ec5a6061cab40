// Checks of admin and write request bodies shared by every core service: the body must be a JSON
// object (400 INVALID_PAYLOAD otherwise, platform-and-apps.md §1.3) and role lists are strings.
import { errors } from './errors.js';
import { textProblem } from './text.js';

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
  for (const role of value as string[]) {
    const problem = textProblem(role);
    if (problem) throw errors.invalidText('roles', problem);
  }
  return value as string[];
}

/**
 * Keys removed from a parsed JSON object because they could poison a prototype (`__proto__`, and
 * `constructor` holding a `prototype`), kept under this symbol so that the payload validator
 * refuses them like any unknown key (rest-api.md §11.1) instead of the body silently losing them.
 */
export const REMOVED_KEYS: unique symbol = Symbol('rocket.removedKeys');

/** The removed keys of one body object (core/compile/payload-validator.ts), or undefined. */
export function removedKeys(body: object): readonly string[] | undefined {
  return (body as { [REMOVED_KEYS]?: string[] })[REMOVED_KEYS];
}

/**
 * JSON text → value with the prototype-poisoning keys removed and recorded (REMOVED_KEYS), as
 * secure-json-parse's `remove` would but without losing them. For the body parser's rare path:
 * bodies without such keys are parsed by secure-json-parse alone. Iterative (no stack overflow);
 * throws a SyntaxError on invalid JSON.
 */
export function parseJsonRemovingPrototypeKeys(text: string): unknown {
  const value: unknown = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    const removed: string[] = [];
    if (Object.prototype.hasOwnProperty.call(node, '__proto__')) {
      delete (node as { __proto__?: unknown }).__proto__;
      removed.push('__proto__');
    }
    const ctor = Object.prototype.hasOwnProperty.call(node, 'constructor') ? (node as { constructor: unknown }).constructor : undefined;
    if (typeof ctor === 'object' && ctor !== null && Object.prototype.hasOwnProperty.call(ctor, 'prototype')) {
      delete (node as { constructor?: unknown }).constructor;
      removed.push('constructor');
    }
    if (removed.length > 0) Object.defineProperty(node, REMOVED_KEYS, { value: removed });
    for (const key of Object.keys(node)) stack.push((node as Record<string, unknown>)[key]);
  }
  return value;
}
