import { describe, expect, it } from 'vitest';
import { toMoney } from '../../shared/values.js';
import { checkTemplates } from './template-check.js';
import { fallbackTemplate } from './fallback-template.js';
import { loadDefaultReasons } from './reason-catalog.js';
import { renderTemplate } from './render-template.js';
import { loadDefaultTemplates } from './template-loader.js';

const reasons = loadDefaultReasons();
const templates = loadDefaultTemplates();
const byId = (id: string) => {
  const found = templates.find((entry) => entry.id === id);
  if (!found) throw new Error(`no template ${id}`);
  return found;
};
const statusUrl = 'https://shop.example.com/status/Zq3v9kT2bQ';

describe('renderTemplate', () => {
  it('renders a cancellation email with the reason, the status link and MJML HTML', async () => {
    const message = await renderTemplate({
      template: byId('order.cancelled.email'),
      vars: { 'customer.name': 'Ana', 'order.number': 'A-1001', reason: 'payment_verification_failed', status_url: statusUrl },
      zone: 'Europe/Madrid',
      reasons,
    });
    expect(message.subject).toBe('Your order A-1001 has been cancelled');
    expect(message.text).toContain('Your order A-1001 has been cancelled. We could not verify the payment details for this order.');
    expect(message.text).toContain(statusUrl);
    expect(message.html).toContain('<!doctype html>');
    expect(message.html).toContain(`href="${statusUrl}"`);
    expect(message.reasonCode).toBe('payment_verification_failed');
  });

  it("prints money from minor units and a date in the customer's zone", async () => {
    const refund = await renderTemplate({
      template: byId('refund.issued.status'),
      vars: { 'refund.amount': toMoney('19.99', 'EUR'), 'refund.card_last4': '4242' },
      zone: 'Europe/Madrid',
      reasons,
    });
    expect(refund.text).toBe('Refunded €19.99 to the card ending in 4242.');
    // 23:30 UTC on 1 December is already 2 December in Madrid.
    const ack = await renderTemplate({
      template: byId('contact.received.status'),
      vars: { 'case.reply_by': '2026-12-01T23:30:00Z' },
      zone: 'Europe/Madrid',
      reasons,
    });
    expect(ack.text).toBe('We have your message. A person will answer by December 2, 2026.');
  });

  it('escapes customer-provided text in the HTML', async () => {
    const message = await renderTemplate({
      template: byId('contact.received.email'),
      vars: { 'customer.name': '<b>Ana</b>', 'contact.subject': 'x', 'case.reply_by': '2026-12-02', status_url: statusUrl },
      zone: 'UTC',
      reasons,
    });
    expect(message.html).toContain('&lt;b&gt;Ana&lt;/b&gt;');
    expect(message.html).not.toContain('<b>Ana</b>');
  });

  it('refuses a value of the wrong kind and a missing one', async () => {
    const template = byId('refund.issued.status');
    await expect(renderTemplate({ template, vars: { 'refund.amount': toMoney('5', 'USD'), 'refund.card_last4': 'A-1001' }, zone: 'UTC', reasons })).rejects.toThrow(
      /refund.card_last4 must be a CardLast4/,
    );
    await expect(renderTemplate({ template, vars: { 'refund.card_last4': '4242' }, zone: 'UTC', reasons })).rejects.toThrow(/needs refund.amount/);
    await expect(renderTemplate({ template: byId('order.cancelled.status'), vars: { 'order.number': 'A-1', reason: 'moon_phase' }, zone: 'UTC', reasons })).rejects.toThrow(
      /unknown reason code moon_phase/,
    );
  });

  it('counts SMS segments and says whether the template stays within its limit', async () => {
    const message = await renderTemplate({
      template: byId('order.cancelled.sms'),
      vars: { 'customer.name': 'Ana', 'order.number': 'A-1001', reason: 'fraud_suspected', status_url: statusUrl },
      zone: 'UTC',
      reasons,
    });
    expect(message.sms).toMatchObject({ encoding: 'GSM-7', segments: 2, withinLimit: true });
    const unicodeName = await renderTemplate({
      template: byId('order.cancelled.sms'),
      vars: { 'customer.name': 'Zoë', 'order.number': 'Ä-1001', reason: 'out_of_stock', status_url: statusUrl },
      zone: 'UTC',
      reasons,
    });
    expect(unicodeName.sms?.encoding).toBe('GSM-7');
    const polish = await renderTemplate({
      template: byId('order.cancelled.sms'),
      vars: { 'customer.name': 'x', 'order.number': 'Łódź-1001', reason: 'out_of_stock', status_url: statusUrl },
      zone: 'UTC',
      reasons,
    });
    expect(polish.sms?.encoding).toBe('UCS-2');
  });

  it("renders every reason's fallback message, typed and checked like a template", async () => {
    const fallbacks = reasons.map(fallbackTemplate);
    expect(checkTemplates(fallbacks)).toEqual([]);
    for (const reason of reasons) {
      const message = await renderTemplate({
        template: fallbackTemplate(reason),
        vars: { 'customer.name': 'Ana', 'order.number': 'A-1001', reason: reason.code, status_url: statusUrl },
        zone: 'UTC',
        reasons,
      });
      expect(message.text).toContain(reason.customer_text);
      expect(message.text).toContain(statusUrl);
    }
  });
});
