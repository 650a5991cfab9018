// Crack C2: whatever the channel, a reason code is told to the customer in the same words, and only that reason.
import { describe, expect, it } from 'vitest';
import { findStatedReasons, loadDefaultReasons } from './reason-catalog.js';
import { renderTemplate, type TemplateVars } from './render-template.js';
import { loadDefaultTemplates } from './template-loader.js';
import type { MessageTemplate } from './template.schemas.js';

const reasons = loadDefaultReasons();
const templates = loadDefaultTemplates();
const reasonTemplates = templates.filter((template) => Object.values(template.variables).includes('Reason'));

function sampleVars(template: MessageTemplate, reason: string): TemplateVars {
  const samples: Record<string, string> = {
    PersonName: 'Ana',
    OrderNumber: 'A-1001',
    Date: '2026-12-04',
    Link: 'https://shop.example.com/status/Zq3v9kT2bQ',
    Reason: reason,
  };
  return Object.fromEntries(Object.entries(template.variables).map(([name, kind]) => [name, samples[kind] ?? 'x']));
}

describe('one voice', () => {
  it('has reason-bearing templates on every channel', () => {
    expect(new Set(reasonTemplates.map((template) => template.channel))).toEqual(new Set(['email', 'sms', 'status']));
  });

  for (const reason of reasons) {
    it(`states ${reason.code} alike on email, SMS and the status page`, async () => {
      for (const template of reasonTemplates) {
        const message = await renderTemplate({ template, vars: sampleVars(template, reason.code), zone: 'UTC', reasons });
        const told = [message.subject ?? '', message.text].join('\n');
        expect(told, template.id).toContain(reason.customer_text);
        expect(findStatedReasons(told, reasons), template.id).toEqual([reason.code]);
        if (message.html !== undefined) expect(message.html, template.id).toContain(reason.customer_text);
        expect(message.reasonCode).toBe(reason.code);
      }
    });
  }
});
