import { describe, expect, it } from 'vitest';
import { renderContactPage, renderEmbedScript } from './contact-page.js';

describe('contact page', () => {
  it('escapes what the visitor typed when the form is shown again', () => {
    const html = renderContactPage({ businessName: 'Shop & Co', values: { message: '</textarea><script>alert(1)</script>', name: '"><img src=x>' } });
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('"><img');
    expect(html).toContain('&lt;/textarea&gt;&lt;script&gt;');
    expect(html).toContain('Contact Shop &amp; Co');
  });

  it('hides the honeypot from people and drops the form once sent', () => {
    expect(renderContactPage({ businessName: 'Shop' })).toMatch(/class="hp" aria-hidden="true">.*name="website" tabindex="-1"/s);
    const sent = renderContactPage({ businessName: 'Shop', notice: { kind: 'sent', text: 'Thank you.' } });
    expect(sent).toContain('Thank you.');
    expect(sent).not.toContain('<form');
  });

  it('the snippet loads the embedded form from the public address', () => {
    expect(renderEmbedScript('https://care.shop.example/')).toContain('"https://care.shop.example/contact?embed=1"');
  });
});
