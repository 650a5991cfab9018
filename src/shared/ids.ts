// Identifiers: prefixed, sortable by creation time, unguessable where they guard a page.
import { randomBytes, randomUUID } from 'node:crypto';

export type IdPrefix =
  | 'cus'
  | 'idn'
  | 'ord'
  | 'cas'
  | 'msg'
  | 'com'
  | 'out'
  | 'agt'
  | 'tok'
  | 'evt'
  | 'mrg'
  | 'tmr'
  | 'doc'
  | 'inm'
  | 'frm'
  | 'srv'
  | 'act'
  | 'prm'
  | 'nte'
  | 'cdl'
  | 'aud'
  | 'att'
  | 'cav';

// The last time an id was made and how many were made in that millisecond: ids made by one process sort in
// the order they were made, even many in one millisecond (as UUID v7's counter does).
let lastTime = 0;
let sequence = 0;
const sequencesPerMillisecond = 36 ** 4;

/**
 * A new id such as `cas_01j9…`: a time prefix and a sequence keep ids in creation order (within a process;
 * roughly across processes), which breaks ties between timers due at the same moment as they were set.
 */
export function newId(prefix: IdPrefix): string {
  const now = Date.now();
  if (now > lastTime) {
    lastTime = now;
    sequence = 0;
  } else if (++sequence === sequencesPerMillisecond) {
    // A clock that went back, or a millisecond used up: borrow the next one, never repeat an earlier id's prefix.
    lastTime += 1;
    sequence = 0;
  }
  const time = lastTime.toString(36).padStart(9, '0');
  const random = randomUUID().replace(/-/g, '').slice(0, 12);
  return `${prefix}_${time}${sequence.toString(36).padStart(4, '0')}${random}`;
}

/** A token for a page a customer opens from a message: 128 bits, URL-safe. */
export function newPublicToken(): string {
  return randomBytes(16).toString('base64url');
}
