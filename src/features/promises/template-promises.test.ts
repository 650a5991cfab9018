import { describe, expect, it } from 'vitest';
import { fallbackTemplate } from '../comms/fallback-template.js';
import { loadDefaultReasons } from '../comms/reason-catalog.js';
import { loadDefaultTemplates } from '../comms/template-loader.js';
import type { MessageTemplate } from '../comms/template.schemas.js';
import { buildEngineConfig } from '../commitments/engine-config.js';
import { loadDefaultCommitmentConfig } from '../commitments/policy-defaults.js';
import { checkTemplatePromises, readTemplatePromises, type TemplateReading } from './template-promises.js';

const engine = buildEngineConfig(loadDefaultCommitmentConfig());
const reading: TemplateReading = { engine, calendar: engine.calendars['default']!, zone: 'UTC' };
const shipped = loadDefaultTemplates();
const byId = (id: string) => shipped.find((template) => template.id === id)!;
const acknowledgement = (text: string): MessageTemplate => ({
  id: 'acknowledgement.email',
  event: 'acknowledgement',
  channel: 'email',
  subject: 'We have your message',
  text,
  variables: { 'customer.name': 'PersonName' },
});

describe('what the templates Kept sends itself promise', () => {
  it('reads the acknowledgement\'s "a person will answer it soon" as a reply the first-response policy already owes', () => {
    expect(readTemplatePromises(byId('acknowledgement.email'), reading)).toEqual([
      {
        kind: 'follow_up',
        owner: 'team',
        vague: true,
        phrase: 'We have your message and a person will answer it soon.',
        field: 'text',
        line: 3,
        backed_by: { policy: 'first-response', commitment_kind: 'first_response' },
      },
    ]);
  });

  it('takes the time of a promise from the date the message will carry', () => {
    expect(readTemplatePromises(byId('contact.received.email'), reading)).toEqual([
      expect.objectContaining({
        kind: 'follow_up',
        vague: false,
        time_text: '{{case.reply_by}}',
        phrase: 'We have your message and a person will answer it by {{case.reply_by}}.',
        backed_by: { policy: 'first-response', commitment_kind: 'first_response' },
      }),
    ]);
  });

  it('leaves a promise no policy owes to a promise commitment opened when the message is sent', () => {
    const template: MessageTemplate = { ...fallbackTemplate(loadDefaultReasons()[0]!), text: 'Hello {{customer.name}},\n\nWe will refund you within 5 business days. {{reason}} {{status_url}}' };
    expect(readTemplatePromises(template, reading)).toEqual([expect.objectContaining({ kind: 'refund', vague: false, time_text: '5 business days', line: 3, backed_by: null })]);
  });

  it('finds no promise where the shipped order messages only report what happened', () => {
    expect(readTemplatePromises(byId('refund.issued.email'), reading)).toEqual([]);
    expect(readTemplatePromises(byId('order.cancelled.email'), reading)).toEqual([]);
  });
});

describe('a template that promises less time than its policy gives', () => {
  it('is a problem, with the line of the promise and a send time at which the two part ways', () => {
    const problems = checkTemplatePromises([acknowledgement('Hello {{customer.name}},\n\nThank you. We will reply within 2 hours.')], reading);
    expect(problems).toEqual([
      {
        templateId: 'acknowledgement.email',
        field: 'text',
        line: 3,
        message:
          'promises a reply "within 2 hours", sooner than policy first-response gives (240 business minutes): sent Mon 00:00, it promises Mon 02:00 but first_response is due Mon 13:00; shorten the policy\'s deadline or change the words',
      },
      // A social post is acknowledged by email too, and its own first response is due sooner, but still later.
      expect.objectContaining({ templateId: 'acknowledgement.email', line: 3, message: expect.stringContaining('policy first-response-social gives (60 business minutes)') }),
    ]);
  });

  it('is none when the promise gives the policy its time, or says no time', () => {
    expect(checkTemplatePromises([acknowledgement('Thank you. We will reply within 4 business hours.')], reading)).toEqual([]);
    expect(checkTemplatePromises([acknowledgement('Thank you. We will reply within 2 business days.')], reading)).toEqual([]);
    expect(checkTemplatePromises([acknowledgement('Thank you. Someone will get back to you soon.')], reading)).toEqual([]);
  });

  it('is none for any template or fallback Kept ships', () => {
    expect(checkTemplatePromises([...shipped, ...loadDefaultReasons().map(fallbackTemplate)], reading)).toEqual([]);
  });
});
