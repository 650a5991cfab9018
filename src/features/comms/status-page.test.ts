// The status page's HTML: the reason word for word, customer values escaped, light and readable on a phone.
import { describe, expect, it } from 'vitest';
import { renderStatusNotFound, renderStatusPage, type StatusPageView } from './status-page.js';

const view: StatusPageView = {
  kind: 'case',
  caseToken: 'K-12',
  caseState: 'pending',
  order: { number: 'A-<1001>', state: 'cancelled', reasonText: 'An item in this order is out of stock.', expectedBy: null, notes: ['Tickets <b>come</b> separately.'] },
  updates: 2,
  updatedAt: 'December 1, 2026',
  locale: 'en',
};

describe('the status page', () => {
  it('shows the case and order state and the reason text exactly', () => {
    const html = renderStatusPage(view);
    expect(html).toContain('<p class="reason">An item in this order is out of stock.</p>');
    expect(html).toContain('We are waiting for your answer.');
    expect(html).toContain('Cancelled.');
    expect(html).toContain('Reference K-12');
    expect(html).toContain('2 updates');
    expect(html).toContain('<h2>Good to know</h2><p class="note">Tickets &lt;b&gt;come&lt;/b&gt; separately.</p>');
    expect(html).toContain('name="viewport"');
    expect(html).not.toContain('<script');
  });

  it('escapes values and names a state it has no words for generically', () => {
    const html = renderStatusPage({ ...view, kind: 'order', order: { ...view.order!, state: 'teleported', reasonText: null } });
    expect(html).toContain('A-&lt;1001&gt;');
    expect(html).not.toContain('A-<1001>');
    expect(html).toContain('We are looking into it.');
    expect(html).not.toContain('class="reason"');
  });

  it('says only that an unknown page does not exist', () => {
    expect(renderStatusNotFound()).toContain('This status page does not exist.');
  });
});
