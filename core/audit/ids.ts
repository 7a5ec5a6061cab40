// Ids of audit entries: UUID version 7 (RFC 9562), time-ordered and, within this process, strictly
// increasing. Entries of one request share their `created_at`, and quick requests share a
// millisecond, so the lists' tie-break on id keeps the order in which entries were written.
import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;

export function auditId(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    // Same millisecond (or the clock stepped back): the 12-bit counter orders; past it, borrow the next millisecond.
    ms = lastMs;
    if (++counter > 0xfff) {
      ms = ++lastMs;
      counter = 0;
    }
  } else {
    lastMs = ms;
    counter = 0;
  }
  const b = randomBytes(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | (counter >> 8);
  b[7] = counter & 0xff;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
