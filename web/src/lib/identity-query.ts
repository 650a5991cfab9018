// Reads what an agent types to find a customer: an email address, a phone number or a social handle.
import type { IdentityQuery } from '../api/types';

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const PHONE = /^\+?[\d\s().-]{6,}$/;
const HANDLE = /^([a-z][a-z0-9_-]*):(@?\S+)$/i;

/** The lookup for `GET /customers`, or what is wrong with the text. */
export function identityQuery(text: string): { query: IdentityQuery } | { error: string } {
  const value = text.trim();
  if (!value) return { error: 'Type an email address, a phone number or a handle (network:@name).' };
  // network:@name first: it holds an @ too.
  const handle = HANDLE.exec(value);
  if (handle) return { query: { handle: `${handle[1]}:${handle[2]}` } };
  if (EMAIL.test(value)) return { query: { email: value } };
  if (PHONE.test(value) && (value.match(/\d/g)?.length ?? 0) >= 6) return { query: { phone: value } };
  return { error: `“${value}” is not an email address, a phone number or a handle (network:@name).` };
}
