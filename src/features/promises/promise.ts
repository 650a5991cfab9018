// What a promise found in an agent's words looks like, and how it maps onto the engine's commitment kinds.

/** What was promised. `delivery` is kept apart so the composer can say "a delivery"; it opens an `update` commitment. */
export type PromiseKind = 'callback' | 'follow_up' | 'refund' | 'document' | 'update' | 'delivery';

/** Who will keep it: the person who wrote it, a manager ("a supervisor will call"), or the team ("we", "someone"). */
export type PromiseOwner = 'author' | 'manager' | 'team';

/** Who wrote the message. A template has no person behind it, so its "I will" belongs to the team. */
export type AuthorRole = 'agent' | 'manager' | 'template';

import type { PromiseCommitmentKind } from '../commitments/engine-config.js';

export type { PromiseCommitmentKind };

export interface DetectedPromise {
  readonly kind: PromiseKind;
  readonly owner: PromiseOwner;
  /** When it is due, or null when the words give no time (then `vague` is true and the policy default applies). */
  readonly dueAt: Date | null;
  readonly vague: boolean;
  /** The sentence the promise was read from. */
  readonly phrase: string;
  /** The words that gave the due time, e.g. `by Friday`, `within 2 business days`. */
  readonly timeText?: string;
}

const commitmentKinds: Readonly<Record<PromiseKind, PromiseCommitmentKind>> = {
  callback: 'callback',
  follow_up: 'follow_up',
  refund: 'refund',
  document: 'document',
  update: 'update',
  delivery: 'update',
};

/** The commitment kind a detected promise opens: a delivery promise is kept by telling the customer, so `update`. */
export function commitmentKindFor(kind: PromiseKind): PromiseCommitmentKind {
  return commitmentKinds[kind];
}

const promisedThing: Readonly<Record<PromiseKind, string>> = {
  callback: 'a call',
  follow_up: 'a reply',
  refund: 'a refund',
  document: 'a document',
  update: 'an update',
  delivery: 'a delivery',
};

/**
 * The composer's warning for a promise without a time, shown before the message is sent;
 * null when the promise has a due time and needs no warning.
 */
export function describeVaguePromiseWarning(promise: DetectedPromise): string | null {
  if (!promise.vague) return null;
  return `You promised ${promisedThing[promise.kind]} but no time: add one?`;
}

/** True when a message hands the customer a document: a link to one of Kept's forms (a claim's declaration…). */
export function linksToForm(options: { text: string; publicUrl: string }): boolean {
  return options.text.includes(`${options.publicUrl.replace(/\/+$/, '')}/forms/`);
}

/** True when a `message.sent` event says files went with the message (`data.attachments`, a non-empty list). */
export function hasAttachments(data: Readonly<Record<string, unknown>>): boolean {
  const attachments = data['attachments'];
  return Array.isArray(attachments) && attachments.length > 0;
}
