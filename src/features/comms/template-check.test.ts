import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/app-error.js';
import { checkTemplates } from './template-check.js';
import { loadDefaultTemplates, parseTemplatesYaml } from './template-loader.js';
import type { MessageTemplate } from './template.schemas.js';

function template(text: string, variables: MessageTemplate['variables']): MessageTemplate {
  return { id: 't', event: 'order.cancelled', channel: 'status', text, variables };
}

describe('checkTemplates', () => {
  it.each([
    ['card ending in {{order.number}}', { 'order.number': 'OrderNumber' }],
    ['your account ending in {{order.number}} is being credited', { 'order.number': 'OrderNumber' }],
    ['order {{payment.last4}}', { 'payment.last4': 'CardLast4' }],
    ['tracking number {{order.number}}', { 'order.number': 'OrderNumber' }],
    ['your card xxxx-{{credit.account_last4}}', { 'credit.account_last4': 'AccountLast4' }],
    ['a refund of {{order.number}}', { 'order.number': 'OrderNumber' }],
  ] as const)('refuses "%s"', (text, variables) => {
    const problems = checkTemplates([template(text, variables)]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/names .* but \{\{/);
  });

  it.each([
    ['card ending in {{payment.last4}}', { 'payment.last4': 'CardLast4' }],
    ['Your order {{order.number}} total {{order.total}}', { 'order.number': 'OrderNumber', 'order.total': 'Money' }],
    ['tracking number {{shipment.tracking_number}}', { 'shipment.tracking_number': 'TrackingNumber' }],
    ['Hello {{customer.name}}, {{reason}}', { 'customer.name': 'PersonName', reason: 'Reason' }],
  ] as const)('accepts "%s"', (text, variables) => {
    expect(checkTemplates([template(text, variables)])).toEqual([]);
  });

  it('refuses a placeholder that is not declared, and template logic', () => {
    const problems = checkTemplates([template('{{order.number}} {{#if x}}y{{/if}}', {})]);
    expect(problems.map((problem) => problem.message)).toEqual(['uses BlockStatement (only plain {{path}} placeholders are allowed)', '{{order.number}} is not declared in its variables']);
  });

  it('requires the status link on every email and SMS', () => {
    const sms: MessageTemplate = { ...template('Order {{order.number}} cancelled', { 'order.number': 'OrderNumber' }), channel: 'sms' };
    expect(checkTemplates([sms])[0]?.message).toMatch(/status_url/);
  });
});

describe('loading templates from kept.config.yaml', () => {
  const yaml = [
    'templates:',
    '  - id: tradein.credited.email',
    '    event: tradein.credited',
    '    channel: email',
    '    subject: "Your trade-in for {{order.number}}"',
    '    text: |',
    '      Hello {{customer.name}},',
    '',
    '      Your account ending in {{order.number}} is being credited.',
    '      See {{status_url}}',
    '    variables:',
    '      customer.name: PersonName',
    '      order.number: OrderNumber',
    '      status_url: Link',
  ].join('\n');

  it('refuses to start on a mislabelled value, naming the template and its line in the file (crack C3)', () => {
    let thrown: unknown;
    try {
      parseTemplatesYaml({ yaml });
    } catch (error) {
      thrown = error;
    }
    expect(isAppError(thrown)).toBe(true);
    expect(thrown instanceof Error ? thrown.message : '').toBe(
      'kept.config.yaml line 9: template tradein.credited.email (text): "account ending in" names an account\'s last 4 digits but {{order.number}} is an order number (OrderNumber)',
    );
  });

  it('names the line of a mislabelled subject too', () => {
    const subjectYaml = yaml.replace('"Your trade-in for {{order.number}}"', '"Credit to card ending in {{order.number}}"');
    expect(() => parseTemplatesYaml({ yaml: subjectYaml })).toThrow(/^kept.config.yaml line 5: template tradein.credited.email \(subject\)/);
  });

  it('lists schema errors by field', () => {
    expect(() => parseTemplatesYaml({ yaml: 'templates:\n  - id: x\n    channel: fax\n' })).toThrow(/templates\.0\.channel/);
  });

  it('ships defaults for every customer-visible order event, the acknowledgement, on every channel, all passing the check', () => {
    const templates = loadDefaultTemplates();
    const events = ['order.payment_failed', 'order.cancelled', 'order.delayed', 'order.delivery_exception', 'refund.issued', 'tradein.credited', 'order.shipped', 'contact.received'];
    for (const event of events) {
      const onChannels = templates.filter((entry) => entry.event === event).map((entry) => entry.channel);
      expect(onChannels.sort()).toEqual(['email', 'sms', 'status']);
    }
  });
});
