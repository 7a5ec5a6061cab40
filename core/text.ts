// The one rule for text the engine stores (metadata.md §7.2, README "Limits"): no NUL character
// (PostgreSQL text and jsonb cannot hold U+0000) and no unpaired UTF-16 surrogate (not Unicode:
// jsonb refuses `\ud800`, a text column would silently store U+FFFD). Both databases refuse the
// same values, with 422 for payloads, 401 for login, 404 for path segments and 400 for filters.
import type { TextProblem } from './errors.js';

declare global {
  // ES2024 (Node 20); the project's lib is ES2022.
  interface String {
    isWellFormed(): boolean;
  }
}

/** Why `s` cannot be stored as text, or undefined. Two native scans, no allocation. */
export function textProblem(s: string): TextProblem | undefined {
  if (s.includes('\u0000')) return 'nul';
  if (!s.isWellFormed()) return 'surrogate';
  return undefined;
}

/**
 * The first text problem of any string in a JSON value, object keys included, or undefined.
 * Iterative, so a deeply nested value cannot overflow the stack.
 */
export function jsonTextProblem(value: unknown): TextProblem | undefined {
  if (typeof value === 'string') return textProblem(value);
  if (typeof value !== 'object' || value === null) return undefined;
  const stack: object[] = [value];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (Array.isArray(node)) {
      for (const item of node) {
        if (typeof item === 'string') {
          const problem = textProblem(item);
          if (problem) return problem;
        } else if (typeof item === 'object' && item !== null) stack.push(item);
      }
      continue;
    }
    for (const key in node) {
      if (!Object.prototype.hasOwnProperty.call(node, key)) continue;
      const keyProblem = textProblem(key);
      if (keyProblem) return keyProblem;
      const item = (node as Record<string, unknown>)[key];
      if (typeof item === 'string') {
        const problem = textProblem(item);
        if (problem) return problem;
      } else if (typeof item === 'object' && item !== null) stack.push(item);
    }
  }
  return undefined;
}
