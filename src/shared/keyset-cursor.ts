// Opaque cursors for keyset paging: a page ends at a (time, id) pair and the next page starts after it.
// The cursor is the pair in base64url, so a client cannot mistake it for anything it should build itself.

export interface KeysetPosition {
  at: Date;
  id: string;
}

export function encodeKeysetCursor(position: KeysetPosition): string {
  return Buffer.from(`${position.at.toISOString()}|${position.id}`).toString('base64url');
}

/** The position a cursor names, or undefined when the text is not a cursor this API gave out. */
export function decodeKeysetCursor(cursor: string): KeysetPosition | undefined {
  const [time, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const at = time ? new Date(time) : undefined;
  return at && !Number.isNaN(at.getTime()) && id ? { at, id } : undefined;
}
