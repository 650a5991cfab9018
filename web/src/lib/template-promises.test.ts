import { describe, expect, it } from 'vitest';
import type { Template, TemplatePromise } from '../api/types';
import { describeTemplatePromise, templatesWithPromises } from './template-promises';

const reply: TemplatePromise = {
  kind: 'follow_up',
  owner: 'team',
  vague: false,
  phrase: 'We have your message and a person will answer it by {{case.reply_by}}.',
  time_text: '{{case.reply_by}}',
  field: 'text',
  line: 3,
  backed_by: { policy: 'first-response', commitment_kind: 'first_response' },
};

describe('what a template promises, on the settings page', () => {
  it('says what, by whom, by when, where in the template, and which policy owes it', () => {
    expect(describeTemplatePromise(reply)).toBe('follow up by the team, “{{case.reply_by}}” (text, line 3) — owed by policy first-response (first_response)');
  });

  it('says so when a vague promise gives no time and sending it opens a commitment of its own', () => {
    const call: TemplatePromise = { kind: 'callback', owner: 'manager', vague: true, phrase: 'A manager will call you.', field: 'text', line: 5, backed_by: null };
    expect(describeTemplatePromise(call)).toBe('callback by a manager, no time given (text, line 5) — sending it opens a callback commitment');
  });

  it('lists only the templates that promise something', () => {
    const templates: Template[] = [
      { name: 'acknowledgement.email', channel: 'email', vars: [], promises: [reply] },
      { name: 'refund.issued.email', channel: 'email', vars: [], promises: [] },
      { name: 'older.server', channel: 'sms', vars: [] },
    ];
    expect(templatesWithPromises(templates)).toEqual([{ name: 'acknowledgement.email', promises: [reply] }]);
  });
});
