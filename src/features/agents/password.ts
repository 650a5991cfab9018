// Password and token hashing. Passwords use scrypt with a per-password salt; API tokens are 256-bit random
// values, so a fast SHA-256 is enough to store them safely.
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;
const keyLength = 64;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, keyLength);
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}

/**
 * A stored hash no password matches, shaped like a real one: checking a password against it costs the same
 * scrypt, so a login for an unknown address takes as long as one for a known address.
 */
export const dummyPasswordHash = `scrypt$${randomBytes(16).toString('base64')}$${randomBytes(keyLength).toString('base64')}`;

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, saltText, keyText] = stored.split('$');
  if (scheme !== 'scrypt' || !saltText || !keyText) return false;
  const expected = Buffer.from(keyText, 'base64');
  const actual = await scrypt(password, Buffer.from(saltText, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}

export function newSecretToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
