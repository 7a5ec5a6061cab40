// Constant-time comparison of secrets (tokens, key hashes) held in memory, so response time does
// not reveal how many leading characters of a guess were right.
import { createHash, timingSafeEqual } from 'node:crypto';

/** True when both strings are equal; takes the same time wherever they differ. */
export function safeEqual(a: string, b: string): boolean {
  // timingSafeEqual needs equal lengths; comparing fixed-size digests also hides the length.
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db);
}
