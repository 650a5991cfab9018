// Assist and search in a real browser against a real Kept: the case page shows what "7776" is beside the
// customer's message and puts the suggested reply in the composer with one click; `/` opens search, which
// finds the order by its last digits and leads to its case.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, openBrowser, serveConsole } from '../helpers/console-browser.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';

const password = 'correct horse battery';
const question = 'I got an email saying my account ending in 7776 is being credited. I have no account 7776!';

describe('assist and search in the console', () => {
  let kept: TestKept;
  let base: string;
  let browser: Browser;
  let page: Page;
  let caseId: string;

  beforeAll(async () => {
    kept = await createTestKept({ store: 'pglite' });
    base = await serveConsole(kept);
    await kept.api('POST', '/api/v1/agents', { name: 'Ada Lovelace', email: 'ada@kept.test', role: 'agent', password });
    const customer = { email: 'ines@example.com', name: 'Ines' };
    const order = { id: 'IW-117776' };
    const events = [
      {
        id: 'ca-1',
        type: 'order.placed',
        occurred_at: '2026-11-20T10:00:00Z',
        customer,
        order: { ...order, total: { amount: 120, currency: 'EUR' }, payment: { method: 'card', last4: '4242' } },
        data: {},
      },
      { id: 'ca-2', type: 'tradein.credited', occurred_at: '2026-11-30T10:00:00Z', customer, order, data: { amount: { amount: 120, currency: 'EUR' }, to: { method: 'card', last4: '4242' } } },
      { id: 'ca-3', type: 'contact.received', occurred_at: '2026-12-01T08:30:00Z', customer, data: { channel: 'email', subject: 'Account 7776?', text: question } },
    ];
    expect((await kept.api('POST', '/api/v1/events', { events })).status).toBe(202);
    const customerId = (await kept.api('GET', '/api/v1/customers?email=ines@example.com')).body.items[0].id;
    caseId = (await kept.api('GET', `/api/v1/cases?customer_id=${customerId}`)).body.items[0].id;
    ({ browser, page } = await openBrowser());
  });

  afterAll(async () => {
    await browser?.close();
    await kept?.close();
  });

  it('shows the explanation beside the message and puts the suggested reply in the composer', async () => {
    await logIn(page, { base, email: 'ada@kept.test', password });
    await page.goto(`${base}/#/cases/${caseId}`);
    const assist = page.getByRole('region', { name: "What the customer's numbers are" });
    const row = assist.locator('.assist-row', { hasText: question });
    await row.getByText('7776: the last 4 digits of order IW-117776, not an account; the credit of €120.00 went to the card ending in 4242.').first().waitFor();
    await assist.getByText('the fact audit finds nothing').waitFor();
    await assist.getByRole('button', { name: 'Use suggested reply' }).click();
    await expect.poll(() => page.getByLabel('Message').inputValue()).toContain('The credit of €120.00 for order IW-117776 went to your card ending in 4242.');
  });

  it('opens search with /, finds the order by its last digits with the digits marked, and leads to its case', async () => {
    await page.locator('h1').first().click();
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    await page.keyboard.type('7776');
    const results = page.getByRole('list', { name: 'Search results' });
    const order = results.getByRole('button', { name: /Order IW-117776/ });
    await order.waitFor();
    expect(await order.locator('mark').first().textContent()).toBe('7776');
    await results.getByRole('button', { name: /Case K-1/ }).click();
    await expect.poll(() => page.url()).toContain(`/cases/${caseId}`);
  });
});
