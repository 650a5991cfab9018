import { describe, expect, it } from 'vitest';
import { emailAddressesOf, emailConfigSchema } from './email-config.js';

describe('email config', () => {
  it('fills defaults: 25 MB limit, no IMAP, three acknowledgements an hour', () => {
    const config = emailConfigSchema.parse({});
    expect(config.smtp.max_bytes).toBe(25 * 1024 * 1024);
    expect(config.imap).toEqual([]);
    expect(config.acknowledgements).toEqual({ per_address: 3, window_minutes: 60 });
  });

  it('takes the addresses from the kept section when the email section names none', () => {
    const addresses = emailAddressesOf(emailConfigSchema.parse({}), { support_address: 'help@shop.example', message_id_domain: 'mail.shop.example' });
    expect(addresses).toEqual({ ourDomains: ['shop.example'], messageIdDomain: 'mail.shop.example', from: 'help@shop.example' });
  });

  it('names the field that is wrong', () => {
    const result = emailConfigSchema.safeParse({ our_domains: ['not a domain'], imap: [{ host: 'imap.example' }] });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.')) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['our_domains.0', 'imap.0.user', 'imap.0.password_env']));
  });
});
