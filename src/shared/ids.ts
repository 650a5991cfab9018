// Identifiers: prefixed, sortable by creation time, unguessable where they guard a page.
import { randomBytes, randomUUID } from 'node:crypto';

export type IdPrefix = 'cus' | 'idn' | 'ord' | 'cas' | 'msg' | 'com' | 'out' | 'agt' | 'tok' | 'evt' | 'mrg' | 'tmr' | 'doc' | 'inm' | 'frm' | 'srv' | 'act' | 'prm' | 'nte';

/** A new id such as `cas_01j9…`: a UUID v7-like time prefix keeps ids roughly in creation order. */
export function newId(prefix: IdPrefix): string {
  const time = Date.now().toString(36).padStart(9, '0');
  const random = randomUUID().replace(/-/g, '').slice(0, 16);
  return `${prefix}_${time}${random}`;
}

/** A token for a page a customer opens from a message: 128 bits, URL-safe. */
export function newPublicToken(): string {
  return randomBytes(16).toString('base64url');
}
