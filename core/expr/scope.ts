// Name resolution. At the top level an identifier is an own property of the environment (unknown
// names are null, never an error). Inside the inner expression of `sum`/`count` (§2.6) a name is
// first an own property of the element (when it is an object), then `item` (the element itself),
// then whatever it is outside — the enclosing element scope or the environment.
import { isPlainObjectValue, propertyOf, readValue, type Value } from './values.js';

export type ExprEnv = Readonly<Record<string, unknown>>;

/** What one evaluation shares across its scopes. */
export interface Evaluation {
  readonly env: ExprEnv;
  /** The current time, read once when the environment has no `now` date. */
  fallbackNow: Date | null;
}

export interface Scope {
  readonly evaluation: Evaluation;
  /** The enclosing scope of an element scope; null at the top level. */
  readonly outer: Scope | null;
  /** The element of an element scope. */
  readonly element: Value;
}

const EMPTY_ENV: ExprEnv = Object.freeze(Object.create(null) as ExprEnv);

export function topScope(env: ExprEnv): Scope {
  const usable = typeof env === 'object' && env !== null ? env : EMPTY_ENV;
  return { evaluation: { env: usable, fallbackNow: null }, outer: null, element: null };
}

export function elementScope(outer: Scope, element: Value): Scope {
  return { evaluation: outer.evaluation, outer, element };
}

export function lookup(scope: Scope, name: string): Value {
  let s: Scope = scope;
  while (s.outer !== null) {
    const element = s.element;
    if (isPlainObjectValue(element) && Object.hasOwn(element, name)) return propertyOf(element, name);
    if (name === 'item') return element;
    s = s.outer;
  }
  const env = s.evaluation.env;
  return Object.hasOwn(env, name) ? readValue(env[name]) : null;
}

/** `new Date()` and `now()`: the environment's `now` when it is a date (the request timestamp). */
export function currentTime(scope: Scope): Date {
  const evaluation = scope.evaluation;
  const env = evaluation.env;
  const now = Object.hasOwn(env, 'now') ? readValue(env.now) : null;
  if (now instanceof Date) return now;
  return (evaluation.fallbackNow ??= new Date());
}
