// What the composer shows about a reply's findings and what it needs before an override is sent.
import type { Finding, ReplyContent, ReplyInput } from '../api/types';

const LABELS: Record<string, string> = {
  fact_mismatch: 'A fact does not match the records',
  reason_conflict: 'States a different reason than the recorded one',
  repeated_reply: 'Repeats an earlier reply on this case',
};

/** A human title for a finding code; unknown codes are spelled out from their snake case. */
export function findingLabel(code: string): string {
  const known = LABELS[code];
  if (known) return known;
  const words = code.replace(/_/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Finding';
}

export interface FindingGroup {
  code: string;
  label: string;
  details: string[];
}

/** Groups findings by code in the order they were first reported, dropping repeated details. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const finding of findings) {
    let group = groups.get(finding.code);
    if (!group) {
      group = { code: finding.code, label: findingLabel(finding.code), details: [] };
      groups.set(finding.code, group);
    }
    if (finding.detail && !group.details.includes(finding.detail)) group.details.push(finding.detail);
  }
  return [...groups.values()];
}

export interface OverrideState {
  /** Codes the agent has not yet chosen to override. */
  missing: string[];
  /** True when codes are overridden but no note says why. */
  noteMissing: boolean;
  /** True when the reply may be sent: nothing held, or every code overridden with a note. */
  canSend: boolean;
}

/** Decides whether a held reply may be sent with an override: every code ticked and a note written. */
export function overrideState(options: { held: readonly Finding[]; overridden: readonly string[]; note: string }): OverrideState {
  const codes = groupFindings(options.held).map((g) => g.code);
  if (codes.length === 0) return { missing: [], noteMissing: false, canSend: true };
  const missing = codes.filter((code) => !options.overridden.includes(code));
  const noteMissing = options.note.trim() === '';
  return { missing, noteMissing, canSend: missing.length === 0 && !noteMissing };
}

/**
 * Builds the reply request. Only codes the server actually held the reply for are sent as
 * overrides, so a stale tick never waives a check the agent has not seen.
 */
export function buildReply(options: { authorId: string; content: ReplyContent; channel?: string; held: readonly Finding[]; overridden: readonly string[]; note: string }): ReplyInput {
  const input: ReplyInput = { ...options.content, author_id: options.authorId };
  if (options.channel) input.channel = options.channel;
  const heldCodes = new Set(options.held.map((f) => f.code));
  const override = options.overridden.filter((code) => heldCodes.has(code));
  if (override.length > 0) {
    input.override = override;
    input.note = options.note.trim();
  }
  return input;
}
