// An emailed photo in the console, in a real browser against a real Kept: the customer answers a claim's
// request for photos by email with a picture; the agent sees it on the claim, downloads it, and accepts it as
// the requested photos, which keeps the document's commitment.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, openBrowser, serveConsole } from '../helpers/console-browser.js';
import { adminToken, createTestKept, type TestKept } from '../helpers/test-app.js';

const password = 'correct horse battery';
const title = 'emailed attachments in the console';

describe(title, () => {
  let kept: TestKept;
  let browser: Browser;
  let page: Page;
  let base = '';
  let claimCase: { id: string; token: string; documents: { id: string; kind: string }[] };

  const post = (raw: Buffer | string) =>
    kept.app.inject({ method: 'POST', url: '/api/v1/inbound/email', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'message/rfc822' }, payload: raw });

  beforeAll(async () => {
    kept = await createTestKept({ store: 'pglite' });
    base = await serveConsole(kept);
    await kept.api('POST', '/api/v1/agents', { name: 'Ada Lovelace', email: 'ada@kept.test', role: 'agent', password });
    await post('From: Ivo <ivo@mailbox.example>\r\nTo: support@kept.local\r\nSubject: My lamp arrived broken\r\nMessage-ID: <ivo-1@mailbox.example>\r\n\r\nThe lamp is in pieces.\r\n');
    const customer = (await kept.api('GET', '/api/v1/customers?email=ivo@mailbox.example')).body.items[0];
    const inquiry = (await kept.api('GET', `/api/v1/cases?customer_id=${customer.id}`)).body.items[0];
    claimCase = (await kept.api('POST', `/api/v1/cases/${inquiry.id}/claims`, { type: 'damage' })).body;
    // The customer answers the request for photos with a picture, the case token in the subject.
    const photo = readFileSync(new URL('../../src/channels/email/fixtures/attachment-only-image.eml', import.meta.url), 'latin1')
      .replace(/tom\.becker@phone\.mailer\.example/g, 'ivo@mailbox.example')
      .replace('Subject:', `Subject: Photos [${claimCase.token}]`);
    expect((await post(Buffer.from(photo, 'latin1'))).statusCode).toBe(202);
    ({ browser, page } = await openBrowser());
    await logIn(page, { base, email: 'ada@kept.test', password });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await kept?.close();
  });

  it('shows the photo on the claim, downloads it, and accepts it as the requested photos', async () => {
    await page.goto(`${base}/#/cases/${claimCase.id}`);
    const panel = page.getByRole('region', { name: 'Attachments' });
    await panel.getByRole('button', { name: 'IMG_2044.jpg' }).waitFor();
    expect(await panel.textContent()).toContain('image/jpeg');

    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'IMG_2044.jpg' }).click()]);
    expect(download.suggestedFilename()).toBe('IMG_2044.jpg');

    await panel.getByRole('button', { name: 'Accept as photos' }).click();
    const documents = page.getByRole('region', { name: 'Documents' });
    await documents.getByText('received', { exact: true }).waitFor();
    const photos = claimCase.documents.find((d) => d.kind === 'photos')!;
    const commitments = (await kept.api('GET', `/api/v1/commitments?case_id=${claimCase.id}`)).body.items as { fulfilled_by: string | null; state: string }[];
    expect(commitments.find((c) => c.fulfilled_by === `document:${photos.id}`)?.state).toBe('kept');
    await expect(panel.getByRole('button', { name: 'Accept as photos' }).count()).resolves.toBe(0);
  });
});
