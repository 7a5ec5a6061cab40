// Identifier helpers: server-generated lowercase UUID v4 ids (platform-and-apps.md §1.4).
import { randomUUID } from 'node:crypto';
import { textProblem } from './text.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const newId = (): string => randomUUID();

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_RE.test(value);
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Minimal `local@domain` form (auth.md §6.4), in storable text (no NUL or unpaired surrogate: core/text.ts). */
export function isEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(email) && textProblem(email) === undefined;
}
