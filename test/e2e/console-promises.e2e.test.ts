// The console's promises, in a real browser against a real Kept: an agent's reply promises a call tomorrow;
// on the case page she corrects it to Friday 10:00, and dismisses a misread promise with a note, which the
// timeline then shows; the settings page says what each template promises.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, openBrowser, serveConsole } from '../helpers/console-browser.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';
import { caseOf, contact, ingest } from './commitment-helpers.js';

const password = 'correct horse battery';

describe('promises in the console', () => {
  let kept: TestKept;
  let base: string;
  let browser: Browser;
  let page: Page;
  let caseId: string;

  const commitments = async () => (await kept.api('GET', `/api/v1/commitments?case_id=${caseId}`)).body.items as Array<{ id: string; kind: string; state: string; due_at: string }>;
  const promisesSection = () => page.locator('section[aria-labelledby="promises-title"]');

  beforeAll(async () => {
    // Tuesday 1 December 2026, 09:00 UTC.
    kept = await createTestKept({ store: 'pglite' });
    base = await serveConsole(kept);
    const ada = (await kept.api('POST', '/api/v1/agents', { name: 'Ada Lovelace', email: 'ada@kept.test', role: 'agent', password })).body;
    await ingest(kept, contact({ id: 'cp-1', email: 'ida@example.com', at: '2026-12-01T08:50:00Z', subject: 'Broken kettle', text: 'My kettle arrived broken. Can someone call me?' }));
    caseId = (await caseOf(kept, 'ida@example.com')).id;
    await kept.api('POST', `/api/v1/cases/${caseId}/assign`, { owner_id: ada.id });
    ({ browser, page } = await openBrowser());
  });

  afterAll(async () => {
    await browser?.close();
    await kept?.close();
  });

  it('shows the agent the promise her reply made, with the commitment it opened', async () => {
    await logIn(page, { base, email: 'ada@kept.test', password });
    await page.goto(`${base}/#/cases/${caseId}`);
    await page.getByRole('heading', { name: 'Broken kettle' }).waitFor();
    await page.getByLabel('Message').fill('I am sorry about the kettle. I will call you tomorrow.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    const made = page.getByRole('region', { name: 'Promises this reply made' });
    await made.getByText('Commitment callback opened').waitFor();
    await promisesSection().getByText('I will call you tomorrow.').waitFor();
  });

  it('corrects the promised time on the case page, and the deadline moves', async () => {
    await promisesSection().getByRole('button', { name: 'Correct' }).click();
    await promisesSection().getByLabel('Promised time').fill('2026-12-04T10:00');
    await promisesSection().getByLabel('Note').fill('Ida is out on Wednesday');
    await promisesSection().getByRole('button', { name: 'Save correction' }).click();
    await expect.poll(async () => (await commitments()).find((c) => c.kind === 'callback')?.due_at).toBe('2026-12-04T10:00:00.000Z');
    await promisesSection().getByText('Corrected by Ada Lovelace').waitFor();
  });

  it('dismisses a misread promise with a note, shown on the timeline', async () => {
    await page.getByLabel('Message').fill('The courier will update you on the replacement by Friday.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByRole('region', { name: 'Promises this reply made' }).getByText('Commitment update opened').waitFor();
    const update = promisesSection().locator('li', { hasText: 'The courier will update you' });
    await update.getByRole('button', { name: 'Dismiss' }).click();
    await update.getByLabel('Why dismiss it (recorded with your name)').fill('The courier writes to Ida, not us');
    await update.getByRole('button', { name: 'Dismiss promise' }).click();
    await expect.poll(async () => (await commitments()).find((c) => c.kind === 'update')?.state).toBe('dismissed');
    await promisesSection().getByText('Dismissed by Ada Lovelace: The courier writes to Ida, not us').waitFor();
    await page.locator('ol.timeline').getByText('Promise dismissed: update').waitFor();
  });

  it('shows on the settings page what each template promises and which policy owes it', async () => {
    await page.goto(`${base}/#/settings`);
    const section = page.locator('section[aria-labelledby="template-promises-title"]');
    const acknowledgement = section.locator('div.data-entry', { hasText: 'acknowledgement.email' });
    await acknowledgement.getByText('We have your message and a person will answer it soon.').waitFor();
    await acknowledgement.getByText('follow up by the team, no time given (text, line 3) — owed by policy first-response (first_response)').waitFor();
    expect(await section.locator('div.data-entry', { hasText: 'refund.issued.email' }).count()).toBe(0);
  });
});
