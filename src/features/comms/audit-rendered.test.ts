// Automatic messages pass the same audit as agent replies: what a template renders from true records
// must read back as true, and a wrong value must be caught before it leaves (crack C3).
import { describe, expect, it } from 'vitest';
import { auditMessage } from './fact-audit.js';
import type { CustomerFactsInput } from './facts.schemas.js';
import { loadDefaultReasons } from './reason-catalog.js';
import { renderTemplate, type TemplateVars } from './render-template.js';
import { loadDefaultTemplates } from './template-loader.js';

const reasons = loadDefaultReasons();
const templates = loadDefaultTemplates();

const facts: CustomerFactsInput = {
  instruments: [
    { kind: 'card', last4: '4242' },
    { kind: 'account', last4: '3390' },
  ],
  orders: [
    {
      number: 'A-107776',
      amounts: [
        { amountMinor: 1999, currency: 'USD' },
        { amountMinor: 25000, currency: 'USD' },
      ],
      dates: { placed: '2026-11-28', eta: '2026-12-04' },
      tracking_numbers: ['1Z999AA10123456784'],
      reason: 'carrier_delay',
    },
  ],
};

const trueVars: TemplateVars = {
  'customer.name': 'Ana',
  'order.number': 'A-107776',
  reason: 'carrier_delay',
  status_url: 'https://shop.example.com/status/Zq3v9kT2bQ',
  'order.new_eta': '2026-12-04',
  'shipment.carrier': 'UPS',
  'shipment.tracking_number': '1Z999AA10123456784',
  'refund.amount': { amountMinor: 1999, currency: 'USD' },
  'refund.card_last4': '4242',
  'credit.amount': { amountMinor: 25000, currency: 'USD' },
  'credit.destination': 'account ending in 3390',
  'contact.subject': 'Where is my parcel?',
  'case.reply_by': '2026-12-02',
  'case.token': 'K-1042',
};

async function renderedText(id: string, vars: TemplateVars): Promise<string> {
  const template = templates.find((entry) => entry.id === id);
  if (!template) throw new Error(`no template ${id}`);
  const message = await renderTemplate({ template, vars, zone: 'America/New_York', reasons });
  return [message.subject ?? '', message.text].join('\n');
}

describe('auditing rendered messages', () => {
  it('passes every shipped template rendered from the true records', async () => {
    for (const template of templates) {
      const text = await renderedText(template.id, trueVars);
      expect(auditMessage({ text, facts, reasons }).findings, template.id).toEqual([]);
    }
  });

  it('holds a trade-in message whose account digits are really the end of the order number', async () => {
    const text = await renderedText('tradein.credited.email', { ...trueVars, 'credit.destination': 'account ending in 7776' });
    expect(auditMessage({ text, facts, reasons }).findings).toEqual([
      {
        code: 'fact_mismatch',
        detail: '"credited $250.00 to your account ending in 7776": the account on record ends in 3390; 7776 is the end of order number A-107776',
      },
    ]);
  });

  it('holds a delay message rendered with another reason or a wrong date', async () => {
    const wrongReason = await renderedText('order.delayed.sms', { ...trueVars, reason: 'out_of_stock' });
    expect(auditMessage({ text: wrongReason, facts, reasons }).findings.map((finding) => finding.code)).toEqual(['reason_conflict']);
    const wrongDate = await renderedText('order.delayed.status', { ...trueVars, 'order.new_eta': '2026-12-05' });
    expect(auditMessage({ text: wrongDate, facts, reasons }).findings.map((finding) => finding.code)).toEqual(['fact_mismatch']);
  });
});
