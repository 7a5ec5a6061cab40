// Password hashing (bcrypt, cost 10) and the 72-byte limit bcrypt would otherwise truncate silently.
import bcrypt from 'bcrypt';
import { randomBytes } from 'node:crypto';

const COST = 10;
// A real hash to compare against when the user does not exist, so "no such user" takes as long
// as "wrong password" and response time does not reveal which emails are registered.
const DUMMY_HASH = bcrypt.hashSync('rocket-timing-equaliser', COST);

export const MAX_PASSWORD_BYTES = 72;

export function passwordTooLong(password: string): boolean {
  return Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES;
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string | undefined): Promise<boolean> {
  return bcrypt.compare(password, hash ?? DUMMY_HASH).then((ok) => ok && hash !== undefined);
}

/** Random password for seeded administrators in production (printed once). */
export function randomPassword(length = 16): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}
