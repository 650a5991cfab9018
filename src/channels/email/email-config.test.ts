import { describe, expect, it } from 'vitest';
import { emailConfigSchema } from './email-config.js';

describe('email config', () => {
  it('fills defaults: 25 MB limit, no IMAP, six delivery attempts, three acknowledgements an hour', () => {
    const config = emailConfigSchema.parse({ ourDomains: ['shop.example'], messageIdDomain: 'mail.shop.example', from: 'Shop <support@shop.example>' });
    expect(config.smtp.maxBytes).toBe(25 * 1024 * 1024);
    expect(config.imap).toEqual([]);
    expect(config.outbound).toEqual({ attempts: 6, backoffMs: 30_000 });
    expect(config.acknowledgements).toEqual({ perAddress: 3, windowMinutes: 60 });
  });

  it('names the field that is wrong', () => {
    const result = emailConfigSchema.safeParse({ ourDomains: ['not a domain'], messageIdDomain: 'mail.shop.example', from: 'x@y.z', imap: [{ host: 'imap.example' }] });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.')) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['ourDomains.0', 'imap.0.user', 'imap.0.passwordEnv']));
  });
});
