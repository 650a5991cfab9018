// The shop connectors in the console, in a real browser against a real Kept: the settings page gives the URL
// to paste into Shopify and counts the failed delivery; an admin replays it from the list.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as shopify from '../fixtures/connectors/shopify.js';
import { logIn, openBrowser, serveConsole } from '../helpers/console-browser.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';
import { connectorSecrets, postShopify } from '../helpers/webhooks.js';

const password = 'correct horse battery';

describe('shop connectors in the console', () => {
  let kept: TestKept;
  let base: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    kept = await createTestKept({ store: 'pglite', env: connectorSecrets });
    base = await serveConsole(kept);
    await kept.api('POST', '/api/v1/agents', { name: 'Ola Admin', email: 'ola@kept.test', role: 'admin', password });
    // A refund for an order Kept has not heard of: kept, failed, waiting for its order.
    await postShopify(kept, { topic: 'refunds/create', payload: shopify.partialRefund, webhookId: 'w-refund-early' });
    await kept.connectors.idle();
    ({ browser, page } = await openBrowser());
    // The first load of a freshly built console on a busy machine can be slow; the login form is the signal.
    await page.goto(`${base}/#/login`);
    await page.getByLabel('Email').waitFor({ timeout: 120_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await kept?.close();
  });

  it('lists each connector with the endpoint to paste, its secret variable and its failures', async () => {
    await logIn(page, { base, email: 'ola@kept.test', password });
    await page.goto(`${base}/#/settings`);
    const table = page.getByRole('region', { name: 'Shop connectors' }).getByRole('table');
    const shopifyRow = table.getByRole('row', { name: /shopify/i });
    await shopifyRow.waitFor();
    expect(await shopifyRow.getByRole('cell').allTextContents()).toEqual(['http://localhost:3000/webhooks/shopify', 'KEPT_SHOPIFY_WEBHOOK_SECRET', expect.stringContaining('(failed)'), '1', '1']);
    expect(
      await table
        .getByRole('row', { name: /stripe/i })
        .getByRole('cell')
        .nth(1)
        .textContent(),
    ).toBe('KEPT_STRIPE_WEBHOOK_SECRET');
  });

  it('shows the failed delivery with its error, and replays it', async () => {
    const list = page.locator('.connector-deliveries');
    await list.getByText('Shopify order 450789469 has not been seen yet; this delivery is mapped when it arrives').waitFor();
    await list.getByRole('button', { name: 'Replay' }).click();
    await list.getByText('mapped 2 times').waitFor();
    expect((await kept.api('GET', '/api/v1/connectors/deliveries?connector=shopify')).body.deliveries).toEqual([
      expect.objectContaining({ delivery_id: 'w-refund-early', attempts: 2, status: 'failed' }),
    ]);
  });
});
