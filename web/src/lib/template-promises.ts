// What a template promises, in the words the settings page shows: what, by whom, by when, and who owes it
// once the message is sent.
import type { Template, TemplatePromise } from '../api/types';

const WHO: Record<string, string> = { author: 'the sender', manager: 'a manager', team: 'the team' };

/** One line: "follow up by the team, by {{case.reply_by}} (text, line 3) — owed by policy first-response". */
export function describeTemplatePromise(promise: TemplatePromise): string {
  const what = `${promise.kind.replace('_', ' ')} by ${WHO[promise.owner] ?? promise.owner}`;
  const when = promise.vague || !promise.time_text ? 'no time given' : `“${promise.time_text}”`;
  const owed = promise.backed_by ? `owed by policy ${promise.backed_by.policy} (${promise.backed_by.commitment_kind})` : `sending it opens a ${promise.kind} commitment`;
  return `${what}, ${when} (${promise.field}, line ${promise.line}) — ${owed}`;
}

/** The templates that promise something, by name, for the settings page. */
export function templatesWithPromises(templates: Template[]): Array<{ name: string; promises: TemplatePromise[] }> {
  return templates.filter((t) => (t.promises ?? []).length > 0).map((t) => ({ name: t.name, promises: t.promises ?? [] }));
}
