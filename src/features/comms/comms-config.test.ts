// Kept refuses to start on a template whose label names another kind than its value (crack C3), naming the
// template and the line of kept.config.yaml; the shipped file and a file without the sections load.
import { configProblems, writeConfigFile } from '../../../test/helpers/config-files.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig, shippedConfigPath } from '../../config/config.js';
import { resolveCommsConfig } from './comms-config.js';

const shipped = readFileSync(shippedConfigPath, 'utf8');

describe('reasons and templates in kept.config.yaml', () => {
  it('ships every reason and template in the root configuration', () => {
    const config = loadConfig({ KEPT_CONFIG: shippedConfigPath });
    expect(config.file.reasons?.map((reason) => reason.code)).toContain('fraud_suspected');
    expect(config.file.templates?.map((template) => template.id)).toEqual(expect.arrayContaining(['order.cancelled.email', 'acknowledgement.email', 'tradein.credited.sms']));
  });

  it('refuses to start on "card ending in {{order.number}}", naming the template and its line', () => {
    const broken = shipped.replace('to your card ending in {{refund.card_last4}}.\n', 'to your card ending in {{order.number}}.\n');
    expect(broken).not.toBe(shipped);
    const line = broken.split('\n').findIndex((text) => text.includes('to your card ending in {{order.number}}.')) + 1;
    const path = writeConfigFile(broken);
    expect(configProblems(path)).toEqual([
      expect.objectContaining({
        file: path,
        line,
        message: expect.stringMatching(/template refund\.issued\.email .*"card ending in" names a card's last 4 digits but \{\{order\.number\}\} is an order number/),
      }),
    ]);
  });

  it("checks reasons' fallback messages like templates", () => {
    const broken = shipped.replace('subject: "Your order {{order.number}} needs a new payment"', 'subject: "Your card ending in {{order.number}} needs a new payment"');
    expect(broken).not.toBe(shipped);
    const line = broken.split('\n').findIndex((text) => text.includes('Your card ending in {{order.number}}')) + 1;
    expect(configProblems(writeConfigFile(broken))).toEqual([
      expect.objectContaining({ line, field: 'reasons.0.fallback.subject', message: expect.stringContaining('payment_verification_failed fallback') }),
    ]);
  });

  it('refuses a reason whose customer text states another reason, at its line', () => {
    const broken = shipped.replace('customer_text: An item in this order is out of stock.', 'customer_text: An item is out of stock and your card was declined.');
    const line = broken.split('\n').findIndex((text) => text.includes('your card was declined')) + 1;
    expect(configProblems(writeConfigFile(broken))).toEqual([
      expect.objectContaining({ line, field: expect.stringMatching(/^reasons\.\d+\.customer_text$/), message: expect.stringContaining('also states payment_verification_failed') }),
    ]);
  });

  it('uses the shipped catalog and templates when the sections are left out', () => {
    const config = loadConfig({ KEPT_CONFIG: writeConfigFile('kept:\n  name: Shop\n') });
    const comms = resolveCommsConfig(config.file);
    expect(comms.reasons.length).toBeGreaterThanOrEqual(8);
    expect(comms.templates.some((template) => template.id === 'acknowledgement.email')).toBe(true);
  });
});
