// Slug text generation (metadata.md §6.2): slugify() and the random suffix/base used when the
// numbered candidates are exhausted or slugify yields nothing.

import { randomInt } from 'node:crypto';

/**
 * Lowercase → NFD → strip combining marks U+0300–U+036F → every run outside [a-z0-9] becomes "-"
 * → trim "-" at both ends (runs are already single dashes, which is the "collapse").
 */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `n` random lowercase alphanumerics from a CSPRNG (uniform: randomInt has no modulo bias). */
export function randomSlugSuffix(n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
