// What `kept audit` checks and how long each promise may take: defaults are the shipped policy values.
import { z } from 'zod';
import { AppError } from '../../shared/app-error.js';
import type { BusinessCalendar } from '../../shared/business-calendar.js';
import { loadDefaultReasons } from '../comms/reason-catalog.js';
import type { ReasonCatalog } from '../comms/reason.schemas.js';
import { detectIntent } from '../signals/intent-detector.js';
import { listedAgentSchema, type ListedAgent } from './audit-authors.js';

export const auditWindowsSchema = z.object({
  /** A customer-visible order change must be told within this (policy `notify`). */
  notifyMinutes: z.number().positive().default(15),
  /** Any reply, even automatic, to a contact (policy `acknowledge`). */
  acknowledgeMinutes: z.number().positive().default(5),
  /** A human answer to a contact (policy `first_response`). */
  firstResponseMinutes: z
    .number()
    .positive()
    .default(4 * 60),
  /** A human message after a detractor survey or a "contact me" (policy `follow_up`). */
  followUpMinutes: z
    .number()
    .positive()
    .default(2 * 24 * 60),
  /** A manager's message after a request for one (policy `escalation`). */
  escalationMinutes: z
    .number()
    .positive()
    .default(4 * 60),
});
export type AuditWindows = z.infer<typeof auditWindowsSchema>;

export const auditSettingsSchema = z.object({
  windows: auditWindowsSchema.default(auditWindowsSchema.parse({})),
  /** `no_progress`: this many contacts from one customer within `withinDays`, with no order event between. */
  noProgress: z.object({ contacts: z.number().int().min(2).default(5), withinDays: z.number().positive().default(14) }).default({ contacts: 5, withinDays: 14 }),
  /** Survey scores at or below this are detractors (NPS: 0–6). */
  detractorMaxScore: z.number().min(0).max(10).default(6),
  /** The agents (as `GET /api/v1/agents` lists them): a message by one of them is a person's, a manager's if their role says so. */
  agents: z.array(listedAgentSchema).default([]),
  /** Events up to this many hours out of time order are replayed at their own time. */
  reorderHours: z
    .number()
    .min(0)
    .max(24 * 31)
    .default(24),
  /** How many ids of each list the summary keeps. */
  idCap: z.number().int().positive().default(1000),
  /** A customer with no open window and no event for this long is forgotten (memory stays bounded). */
  idleEvictDays: z.number().positive().default(30),
  /** How many broken lines are listed (all are counted). */
  brokenLineCap: z.number().int().positive().default(100),
});
export type AuditSettings = z.infer<typeof auditSettingsSchema>;

export interface AuditOptions extends z.input<typeof auditSettingsSchema> {
  /** True when the text asks for a manager; Kept's own detector (the one live cases use) by default. */
  detectManagerRequest?: (text: string) => boolean;
  /** The reason catalog messages are read against; the shipped one by default (`kept audit --config` passes its file's). */
  reasons?: ReasonCatalog;
  /** Counts first-response, follow-up and escalation windows in business time; wall-clock without one. */
  calendar?: BusinessCalendar;
}

export interface ResolvedAuditOptions extends AuditSettings {
  detectManagerRequest: (text: string) => boolean;
  reasons: ReasonCatalog;
  calendar: BusinessCalendar | undefined;
}

export type { ListedAgent };

/** Kept's manager-request detector, the same one that escalates live cases. */
export function detectManagerRequestAsKept(text: string): boolean {
  return detectIntent({ intent: 'managerRequest', text }).detected;
}

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
    detectManagerRequest: options.detectManagerRequest ?? detectManagerRequestAsKept,
    reasons: options.reasons ?? loadDefaultReasons(),
    calendar: options.calendar,
  };
}
