// What the messages Kept sends itself promise, read from their templates once at start. A promise in a
// template is backed either by a policy whose commitment is already owed when the message goes out (an
// acknowledgement's "a person will answer soon" ↔ first_response) or, when none is, by a promise commitment
// opened as the message is sent, like an agent's. A template that promises less time than its policy gives
// is a configuration problem: Kept would promise what its own deadlines do not hold anyone to.
import { DateTime } from 'luxon';
import type { BusinessCalendar } from '../../shared/business-calendar.js';
import type { MessageTemplate, TemplateField } from '../comms/template.schemas.js';
import { calendarNameFor, computeDueAt } from '../commitments/deadline.js';
import type { EngineConfig } from '../commitments/engine.types.js';
import type { CommitmentKind, DeadlineRule, Policy } from '../commitments/policy.schemas.js';
import { detectPromises } from './detect-promises.js';
import type { DetectedPromise, PromiseKind, PromiseOwner } from './promise.js';

/** A promise a template makes, as `GET /api/v1/templates` lists it. */
export interface TemplatePromise {
  kind: PromiseKind;
  owner: PromiseOwner;
  vague: boolean;
  /** The sentence, with the template's placeholders as written. */
  phrase: string;
  /** The words that give its time; a placeholder when a value the message carries gives it. */
  time_text?: string;
  field: TemplateField;
  /** The line of `field` the promise is on, counted from 1. */
  line: number;
  /** The policy whose commitment already owes it when the message is sent; null: a promise commitment is opened. */
  backed_by: { policy: string; commitment_kind: CommitmentKind } | null;
}

/** A template promising less time than the policy that backs it gives. */
export interface TemplatePromiseProblem {
  templateId: string;
  field: TemplateField;
  /** The line of `field` the promise is on, counted from 1. */
  line: number;
  message: string;
}

/** The owed commitment kinds that already hold someone to a promise of this kind (a claim's documents run the other way). */
export function backingKindsFor(kind: PromiseKind): readonly CommitmentKind[] {
  switch (kind) {
    case 'follow_up':
      return ['first_response', 'follow_up'];
    case 'update':
    case 'delivery':
      return ['update'];
    case 'callback':
      return ['callback'];
    case 'refund':
      return ['refund'];
    case 'document':
      return [];
  }
}

// An acknowledgement goes out for an inbound message: the policies that open on it owe what it promises.
function triggersOf(template: MessageTemplate): string[] {
  if (template.event === 'acknowledgement') return ['message.received'];
  if (template.event === 'contact.received') return ['message.received', 'contact.received'];
  return [template.event];
}

// A policy an automatic message keeps (a notify commitment) owes nothing once that message is sent.
function keptByKept(policy: Policy): boolean {
  return policy.fulfilled_by.some((rule) => 'message_out' in rule && (rule.message_out.author === 'any' || rule.message_out.author === 'automatic'));
}

function backingPolicies(template: MessageTemplate, kind: PromiseKind, policies: readonly Policy[]): Policy[] {
  const triggers = triggersOf(template);
  const kinds = backingKindsFor(kind);
  return policies.filter((policy) => policy.on.events.some((event) => triggers.includes(event)) && kinds.includes(policy.opens) && !keptByKept(policy));
}

const placeholder = /\{\{\s*([^}]+?)\s*\}\}/g;

/** The template's text with each placeholder as a plain word the reader passes over, and the way back. */
function withWords(text: string): { text: string; restore: (words: string) => string } {
  const names: string[] = [];
  const word = (index: number) => `Qqx${String.fromCharCode(97 + (Math.floor(index / 26) % 26), 97 + (index % 26))}x`;
  const replaced = text.replace(placeholder, (whole) => word(names.push(whole) - 1));
  return { text: replaced, restore: (words) => words.replace(/Qqx([a-z])([a-z])x/g, (_, high: string, low: string) => names[(high.charCodeAt(0) - 97) * 26 + low.charCodeAt(0) - 97] ?? '') };
}

function lineOf(text: string, phrase: string): number {
  const at = text.indexOf(phrase.slice(0, 24));
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

const describeRule = (rule: DeadlineRule): string =>
  'minutes' in rule ? `${rule.minutes} minutes` : 'business_minutes' in rule ? `${rule.business_minutes} business minutes` : `${rule.business_days} business days`;

/** Reading options: the engine's policies and calendars, and the calendar promises count business time on. */
export interface TemplateReading {
  engine: EngineConfig;
  calendar: BusinessCalendar;
  /** The zone "Friday" and "end of day" are read in when no customer is known: the calendar's. */
  zone: string;
}

// A Monday 10:00 in the calendar's zone: the send time the listing reads relative times from.
function referenceTime(zone: string): Date {
  return DateTime.fromISO('2026-01-05T10:00', { zone }).toJSDate();
}

function readField(options: {
  template: MessageTemplate;
  field: TemplateField;
  sentAt: Date;
  reading: TemplateReading;
}): Array<{ promise: DetectedPromise; phrase: string; timeText: string | undefined }> {
  const source = options.template[options.field];
  if (!source) return [];
  const words = withWords(source);
  const dateNames = Object.entries(options.template.variables)
    .filter(([, kind]) => kind === 'Date')
    .map(([name]) => name);
  return detectPromises({ text: words.text, sentAt: options.sentAt, timeZone: options.reading.zone, calendar: options.reading.calendar, authorRole: 'template' }).map((promise) => {
    const phrase = words.restore(promise.phrase);
    // "by {{case.reply_by}}": the message will carry the date; its time is read when it is sent.
    const dated = promise.vague ? dateNames.find((name) => new RegExp(`\\{\\{\\s*${name.replace(/\./g, '\\.')}\\s*\\}\\}`).test(phrase)) : undefined;
    return { promise: dated ? { ...promise, vague: false } : promise, phrase, timeText: dated ? `{{${dated}}}` : promise.timeText };
  });
}

/** Every promise a template makes, with the policy that backs it (or none). */
export function readTemplatePromises(template: MessageTemplate, reading: TemplateReading): TemplatePromise[] {
  const sentAt = referenceTime(reading.zone);
  // The text, as Kept reads the messages it sends (a subject names the matter; it promises nothing).
  return (['text'] as const).flatMap((field) =>
    readField({ template, field, sentAt, reading }).map(({ promise, phrase, timeText }) => {
      const [policy] = backingPolicies(template, promise.kind, reading.engine.policies);
      return {
        kind: promise.kind,
        owner: promise.owner,
        vague: promise.vague,
        phrase,
        ...(timeText ? { time_text: timeText } : {}),
        field,
        line: lineOf(template[field] ?? '', phrase),
        backed_by: policy ? { policy: policy.id, commitment_kind: policy.opens } : null,
      };
    }),
  );
}

// Send times across one week, every two hours: a promise in hours and a deadline in business hours part
// ways differently at night, on a Friday afternoon and at the weekend.
function sampleWeek(zone: string): Date[] {
  const monday = DateTime.fromISO('2026-01-05T00:00', { zone });
  return Array.from({ length: 84 }, (_, index) => monday.plus({ hours: index * 2 }).toJSDate());
}

const show = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toFormat('ccc HH:mm');

/**
 * The templates whose timed promise falls due before the commitment of a policy that backs it: "we will
 * reply within 2 hours" where first_response gives 4 business hours. Each problem names the template's field
 * and line and a send time at which the two part ways.
 */
export function checkTemplatePromises(templates: readonly MessageTemplate[], reading: TemplateReading): TemplatePromiseProblem[] {
  const problems: TemplatePromiseProblem[] = [];
  for (const template of templates) {
    for (const found of readTemplatePromises(template, reading)) {
      if (found.vague || !found.time_text || found.time_text.startsWith('{{')) continue;
      for (const policy of backingPolicies(template, found.kind, reading.engine.policies)) {
        const calendarName = calendarNameFor(policy.deadline, null, reading.engine);
        const early = sampleWeek(reading.zone).find((sentAt) => {
          const promised = readField({ template, field: found.field, sentAt, reading }).find((entry) => entry.phrase === found.phrase)?.promise.dueAt;
          return promised !== undefined && promised !== null && promised.getTime() < computeDueAt({ rule: policy.deadline, from: sentAt, calendarName, config: reading.engine }).getTime();
        });
        if (!early) continue;
        const promised = readField({ template, field: found.field, sentAt: early, reading }).find((entry) => entry.phrase === found.phrase)?.promise.dueAt ?? early;
        const owed = computeDueAt({ rule: policy.deadline, from: early, calendarName, config: reading.engine });
        problems.push({
          templateId: template.id,
          field: found.field,
          line: found.line,
          message: `promises ${found.kind === 'follow_up' ? 'a reply' : `a ${found.kind}`} "${found.time_text}", sooner than policy ${policy.id} gives (${describeRule(policy.deadline)}): sent ${show(early, reading.zone)}, it promises ${show(promised, reading.zone)} but ${policy.opens} is due ${show(owed, reading.zone)}; shorten the policy's deadline or change the words`,
        });
      }
    }
  }
  return problems;
}
