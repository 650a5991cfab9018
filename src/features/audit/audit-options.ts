// What `kept audit` checks and how long each promise may take: defaults are the shipped policy values.
import { z } from 'zod';
import { AppError } from '../../shared/app-error.js';
import type { BusinessCalendar } from '../../shared/business-calendar.js';
import { defaultReasonPhrases } from '../history/history-event.js';

export const auditWindowsSchema = z.object({
  /** A customer-visible order change must be told within this (policy `notify`). */
  notifyMinutes: z.number().positive().default(15),
  /** Any reply, even automatic, to a contact (policy `acknowledge`). */
  acknowledgeMinutes: z.number().positive().default(5),
  /** A human answer to a contact (policy `first_response`). */
  firstResponseMinutes: z.number().positive().default(4 * 60),
  /** A human message after a detractor survey or a "contact me" (policy `follow_up`). */
  followUpMinutes: z.number().positive().default(2 * 24 * 60),
  /** A manager's message after a request for one (policy `escalation`). */
  escalationMinutes: z.number().positive().default(4 * 60),
});
export type AuditWindows = z.infer<typeof auditWindowsSchema>;

export const auditSettingsSchema = z.object({
  windows: auditWindowsSchema.default(auditWindowsSchema.parse({})),
  /** `no_progress`: this many contacts from one customer within `withinDays`, with no order event between. */
  noProgress: z
    .object({ contacts: z.number().int().min(2).default(5), withinDays: z.number().positive().default(14) })
    .default({ contacts: 5, withinDays: 14 }),
  /** Survey scores at or below this are detractors (NPS: 0–6). */
  detractorMaxScore: z.number().min(0).max(10).default(6),
  /** Reason code → customer-facing phrases (lower case) that state it in a message. */
  reasonPhrases: z.record(z.string(), z.array(z.string().min(1))).default(() => structuredClone(defaultReasonPhrases) as Record<string, string[]>),
  /** How many ids of each list the summary keeps. */
  idCap: z.number().int().positive().default(1000),
  /** A customer with no open window and no event for this long is forgotten (memory stays bounded). */
  idleEvictDays: z.number().positive().default(30),
  /** How many broken lines are listed (all are counted). */
  brokenLineCap: z.number().int().positive().default(100),
});
export type AuditSettings = z.infer<typeof auditSettingsSchema>;

export interface AuditOptions extends z.input<typeof auditSettingsSchema> {
  /** True when the text asks for a manager; another detector can be plugged in here. */
  detectManagerRequest?: (text: string) => boolean;
  /** True for automatic senders: their messages acknowledge but never answer. */
  isAutomatedAuthor?: (author: string) => boolean;
  /** True for authors whose message answers a request for a manager. */
  isManagerAuthor?: (author: string) => boolean;
  /** Counts first-response, follow-up and escalation windows in business time; wall-clock without one. */
  calendar?: BusinessCalendar;
}

export interface ResolvedAuditOptions extends AuditSettings {
  detectManagerRequest: (text: string) => boolean;
  isAutomatedAuthor: (author: string) => boolean;
  isManagerAuthor: (author: string) => boolean;
  calendar: BusinessCalendar | undefined;
}

const managerRequest = /\b(manager|supervisor|someone in charge|your boss|escalate this)\b/i;
/** A plain reading of "may I speak to a manager?": the word manager or supervisor, or asking for someone in charge. */
export function detectManagerRequestSimply(text: string): boolean {
  return managerRequest.test(text);
}

const automated = /^(system|auto|bot|noreply|no-reply|notification)/i;
const manager = /(manager|supervisor|team lead)/i;

/** Fills in the defaults; a bad value is an AppError `validation_failed` naming the field. */
export function resolveAuditOptions(options: AuditOptions = {}): ResolvedAuditOptions {
  const parsed = auditSettingsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new AppError('validation_failed', { detail: `audit option ${field}: ${issue?.message ?? 'invalid'}`, field });
  }
  return {
    ...parsed.data,
    detectManagerRequest: options.detectManagerRequest ?? detectManagerRequestSimply,
    isAutomatedAuthor: options.isAutomatedAuthor ?? ((a) => a === '' || automated.test(a)),
    isManagerAuthor: options.isManagerAuthor ?? ((a) => manager.test(a)),
    calendar: options.calendar,
  };
}
