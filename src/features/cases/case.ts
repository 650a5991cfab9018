// Pure rules for cases: subjects, routing of an incoming contact, and the JSON shape of a case.
import { decodeKeysetCursor, encodeKeysetCursor } from '../../shared/keyset-cursor.js';

export const maxSubjectLength = 120;

/** A subject for a case opened by a message without one: its first line, shortened at a word. */
export function subjectFromText(options: { subject?: string | undefined; text: string; orderNumber?: string | null }): string {
  const given = options.subject?.trim();
  if (given) return given.slice(0, maxSubjectLength);
  const firstLine = options.text.trim().split(/\r?\n/)[0]?.trim() ?? '';
  if (!firstLine) return options.orderNumber ? `Order ${options.orderNumber}` : '(no subject)';
  if (firstLine.length <= 80) return firstLine;
  const cut = firstLine.slice(0, 80);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : 80)}…`;
}

export interface RoutingCandidate {
  id: string;
  orderNumber: string | null;
  updatedAt: Date;
}

/**
 * Which open case a new contact joins (crack C5: one case follows the customer across channels):
 * the case its thread reference points to; else the open case about the same order; else, when the
 * contact names no other order, the customer's most recently active open case; else none (open a new one).
 */
export function chooseCaseForContact(options: { threadCaseId: string | undefined; orderNumber: string | null; openCases: RoutingCandidate[] }): string | undefined {
  if (options.threadCaseId) return options.threadCaseId;
  if (options.orderNumber) {
    const sameOrder = options.openCases.find((candidate) => candidate.orderNumber === options.orderNumber);
    if (sameOrder) return sameOrder.id;
    return options.openCases.find((candidate) => candidate.orderNumber === null)?.id;
  }
  return options.openCases[0]?.id;
}

/** Cursor for `GET /cases`: the last row's update time and id, opaque to clients. */
export function encodeCaseCursor(row: { updatedAt: Date; id: string }): string {
  return encodeKeysetCursor({ at: row.updatedAt, id: row.id });
}

export function decodeCaseCursor(cursor: string): { updatedAt: Date; id: string } | undefined {
  const position = decodeKeysetCursor(cursor);
  return position ? { updatedAt: position.at, id: position.id } : undefined;
}
