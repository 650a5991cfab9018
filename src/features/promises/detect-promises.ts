// Reads an outbound message for promises: what was promised, who keeps it and by when.
// Pure: the caller opens the commitments and applies the policy default to vague ones.

import { IANAZone } from 'luxon';
import { boundForAnalysis } from '../../shared/analysis-bounds.js';
import { AppError } from '../../shared/app-error.js';
import type { BusinessCalendar } from '../../shared/business-calendar.js';
import { resolveDueTime } from './due-time.js';
import type { AuthorRole, DetectedPromise } from './promise.js';
import { readClause } from './promise-language.js';
import { splitClauses, splitSentences } from './split-clauses.js';
import { createWeekdayCalendar } from './weekday-calendar.js';

/** Promise clauses read in one message; a message past it is a list or an attack, and its start is read. */
export const MAX_PROMISE_CLAUSES = 30;

export interface DetectPromisesInput {
  /** The message as the customer will read it. */
  readonly text: string;
  /** When it was sent: the reference for "tomorrow" and "within 48 hours". */
  readonly sentAt: Date;
  /** The customer's IANA time zone; "by Friday" means Friday where the customer is. */
  readonly timeZone: string;
  /** Counts business days and gives close of business; Monday–Friday 09:00–17:00 in `timeZone` when absent. */
  readonly calendar?: BusinessCalendar;
  readonly authorRole: AuthorRole;
}

// luxon's isValidZone builds an Intl.DateTimeFormat on every call (about 0.5 ms); a zone that was valid once
// stays valid for the life of the process, so each is checked once.
const validZones = new Set<string>();

function isValidZone(zone: string): boolean {
  if (validZones.has(zone)) return true;
  if (!IANAZone.isValidZone(zone)) return false;
  validZones.add(zone);
  return true;
}

/** Web addresses hold random page tokens ("…/status/k2wX-6h…") that read as times ("2w", "6h"): no promise is in a link. */
const webAddress = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;

function withoutLinks(text: string): string {
  return text.replace(webAddress, ' ').replace(/[ \t]+$/gm, '');
}

/**
 * Finds every promise in a message. A sentence may hold several ("I'll call you tomorrow and we'll refund you
 * by Friday"); reports of the past, refusals, questions, offers that wait on the customer and requests to the
 * customer are not promises. A promise without a time has `dueAt` null and `vague` true.
 */
export function detectPromises(input: DetectPromisesInput): DetectedPromise[] {
  if (!isValidZone(input.timeZone)) {
    throw new AppError('validation_failed', { detail: `unknown time zone ${input.timeZone}`, field: 'timeZone' });
  }
  const calendar = input.calendar ?? createWeekdayCalendar(input.timeZone);
  const found: DetectedPromise[] = [];
  let timesRead = 0;
  // Like every reader of text, promise detection reads a bounded part of the message (shared/analysis-bounds.ts).
  for (const sentence of splitSentences(withoutLinks(boundForAnalysis(input.text).text))) {
    for (const clause of splitClauses(sentence)) {
      const reading = readClause({ clause, authorRole: input.authorRole });
      if (reading === null) continue;
      // Reading a time costs about 2 ms a clause; no message makes more promises than this in earnest.
      timesRead += 1;
      if (timesRead > MAX_PROMISE_CLAUSES) return found;
      const timeOptions = { sentAt: input.sentAt, timeZone: input.timeZone, calendar };
      // Words before the subject count only when they are a short lead-in: "On Monday, I'll call you".
      const lead = /^\s*(?:\S+\s+){0,3}\S+,\s*$/.test(clause.lead) ? clause.lead : '';
      const due = resolveDueTime({ text: clause.body, ...timeOptions }) ?? (lead ? resolveDueTime({ text: lead, ...timeOptions }) : null);
      // "Let me check and I'll get back to you by 2pm" is one promise; keep the reading that has a time.
      const same = found.findIndex((p) => p.phrase === sentence && p.kind === reading.kind && p.owner === reading.owner);
      if (same >= 0) {
        if (found[same]?.vague && due) found.splice(same, 1);
        else continue;
      }
      found.push({
        kind: reading.kind,
        owner: reading.owner,
        dueAt: due?.dueAt ?? null,
        vague: due === null,
        phrase: sentence,
        ...(due ? { timeText: due.timeText } : {}),
      });
    }
  }
  return found;
}
