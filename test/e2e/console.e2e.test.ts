// The console end to end, in a real browser against a real Kept: an agent logs in, opens a case from the
// inbox, replies, escalates and resolves it, merges a duplicate customer, and sees the live stream drop and
// come back; a manager sees the dashboard's charts, the forecast's warning and the survey report; an admin
// creates a manager. Data goes in through the public API only (plus commitments written as the engine writes
// them, so the charts have a history). KEPT_SCREENSHOTS=1 also saves docs/screenshots/{inbox,case,dashboard}.png.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatForecastTable } from '../../src/features/forecast/forecast-render.js';
import { seedFridaySurge, seedSurveyAnswers } from '../helpers/console-seed.js';
import { logIn as logInAs } from '../helpers/console-browser.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';

const chromiumPath = '/usr/bin/chromium';
const root = fileURLToPath(new URL('../../', import.meta.url));
const screenshotDir = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const saveScreenshots = process.env['KEPT_SCREENSHOTS'] === '1';
const password = 'correct horse battery';
const title = 'the console in a browser';

describe(title, () => {
  let kept: TestKept;
  let base: string;
  let browser: Browser;
  let page: Page;
  let anaCaseId: string;
  let anaId: string;
  let adaId: string;
  let miaId: string;
  const policyViolations: string[] = [];

  async function screenshot(name: string): Promise<void> {
    if (!saveScreenshots) return;
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: false });
  }

  function logIn(email: string): Promise<void> {
    return logInAs(page, { base, email, password });
  }

  beforeAll(async () => {
    // The server serves web/dist: build it when it is missing or older than its sources.
    const build = spawnSync(process.execPath, ['scripts/build-console.mjs'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`The console did not build:\n${build.stdout}\n${build.stderr}`);

    kept = await createTestKept({ store: 'pglite' });
    await kept.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(kept.app.server.address() as AddressInfo).port}`;

    const ana = { email: 'ana@example.com', name: 'Ana Silva' };
    const events = [
      {
        id: 'e2e-order-1',
        type: 'order.placed',
        occurred_at: '2026-11-28T10:00:00Z',
        customer: ana,
        order: { id: 'A-7776', total: { amount: '129.90', currency: 'EUR' }, payment: { method: 'card', last4: '4242' } },
      },
      {
        id: 'e2e-contact-1',
        type: 'contact.received',
        occurred_at: '2026-12-01T08:30:00Z',
        customer: ana,
        order: { id: 'A-7776' },
        data: { channel: 'web_form', subject: 'Where is my order?', text: 'My order A-7776 has not arrived. Where is it?' },
      },
      // Older contacts, so the backlog chart has a history.
      ...['bo', 'cy', 'di', 'ed'].map((name, index) => ({
        id: `e2e-contact-${name}`,
        type: 'contact.received',
        occurred_at: `2026-11-2${index * 2}T09:00:00Z`,
        customer: { email: `${name}@example.com`, name: name.toUpperCase() },
        data: { channel: index % 2 ? 'sms' : 'web_form', text: `Question ${index + 1} about my delivery` },
      })),
    ];
    expect((await kept.api('POST', '/api/v1/events', { events })).status).toBe(202);
    // The agents join after the contacts arrived, so the cases wait in the unassigned queue for the test to open.
    adaId = (await kept.api('POST', '/api/v1/agents', { name: 'Ada Lovelace', email: 'ada@kept.test', role: 'agent', password })).body.id;
    miaId = (await kept.api('POST', '/api/v1/agents', { name: 'Mia Manager', email: 'mia@kept.test', role: 'manager', password })).body.id;
    await kept.api('POST', '/api/v1/agents', { name: 'Walt Admin', email: 'walt@kept.test', role: 'admin', password });
    anaId = (await kept.api('GET', '/api/v1/customers?email=ana@example.com')).body.items[0].id;
    anaCaseId = (await kept.api('GET', `/api/v1/cases?customer_id=${anaId}`)).body.items[0].id;

    // Commitments as the commitment engine writes them, over the last days.
    const commitments = Array.from({ length: 12 }, (_, index) => {
      const day = `2026-11-${String(20 + (index % 10)).padStart(2, '0')}`;
      const breached = index % 4 === 0;
      return {
        id: `cmt_e2e_${index}`,
        kind: ['first_response', 'notify', 'follow_up'][index % 3]!,
        state: breached ? ('breached' as const) : ('kept' as const),
        due_at: `${day}T12:00:00Z`,
        case_id: anaCaseId,
        opened_by: 'e2e',
        details: '{}',
        opened_at: `${day}T08:00:00Z`,
        closed_at: breached ? null : `${day}T11:00:00Z`,
        breached_at: breached ? `${day}T12:00:00Z` : null,
      };
    });
    await kept.store.db.insertInto('commitments').values(commitments).execute();

    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    // A context of its own: axe opens a page in it to gather its results.
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    page.setDefaultTimeout(20_000);
    // Chromium reports every resource the Content-Security-Policy refused on the page's console.
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) policyViolations.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await kept?.close();
  });

  it('serves the console at / under a Content-Security-Policy that forbids framing, and logs an agent in', async () => {
    const response = await page.goto(`${base}/`);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.getByRole('heading', { name: 'Kept — log in' }).waitFor();
    await logIn('ada@kept.test');
  });

  it('opens a case from the inbox with the keyboard', async () => {
    await page.getByRole('link', { name: 'Unassigned' }).click();
    const rows = page.locator('table.cases tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(5);
    await expect.poll(() => page.locator('table.cases').textContent()).toContain('Where is my order?');
    await screenshot('inbox');
    // The newest case (Ana's) is first: j selects it, Enter opens it.
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Where is my order?' }).waitFor();
    expect(page.url()).toContain(`#/cases/${anaCaseId}`);
    // The case names its customer, linking to her record.
    await page.getByRole('complementary', { name: 'Case details' }).getByRole('link', { name: 'Ana Silva' }).waitFor();
    // Waiving a commitment is a manager's call: an agent is not offered it.
    await page.locator('section[aria-labelledby="commitments-title"]').getByText('resolution').first().waitFor();
    expect(await page.getByRole('button', { name: /^Waive/ }).count()).toBe(0);
  });

  it('assigns the case to the agent and sends a reply that lands on the timeline', async () => {
    await page.getByLabel('Assign to').selectOption({ label: 'Ada Lovelace (agent)' });
    await page.getByRole('button', { name: 'Assign' }).click();
    await expect.poll(() => page.getByText('Owner:').textContent()).toContain('Ada Lovelace');

    await page.getByLabel('Message').fill('Hello Ana, your order A-7776 left our warehouse today; it should reach you tomorrow.');
    await page.locator('section.preview').getByText('left our warehouse today').waitFor();
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Reply sent.').waitFor();
    await page.locator('ol.timeline').getByText('Message out (email) by an agent').waitFor();
    const outbox = (await kept.api('GET', `/api/v1/outbox?case_id=${anaCaseId}`)).body.items;
    // Besides Kept's automatic acknowledgement of her message, the agent's reply went out.
    expect(outbox.filter((entry: { origin: string }) => entry.origin === 'agent_reply')).toEqual([
      expect.objectContaining({ to: 'ana@example.com', status: 'sent', body: expect.stringContaining('left our warehouse today') }),
    ]);
    await screenshot('case');
  });

  it('offers the reason catalog for a template’s reason, and previews the words the customer will read', async () => {
    await page.getByLabel('Template').selectOption('order.cancelled.status');
    await page.getByLabel('order.number (OrderNumber)').fill('A-7776');
    await page.getByLabel('reason (Reason)').selectOption('payment_verification_failed');
    await page.locator('section.preview').getByText('Order A-7776 was cancelled. We could not verify the payment details for this order.').waitFor();
    await page.getByLabel('Template').selectOption('');
    await page.getByLabel('Message').waitFor();
  });

  it('holds a reply that names the wrong card, and sends it only with an override and a note', async () => {
    // The fact audit (crack C3) holds it: the preview says so before the agent sends.
    const probe = await kept.api('POST', `/api/v1/cases/${anaCaseId}/replies/preview`, { author_id: adaId, body: 'We have credited your card ending in 9999.' });
    expect((probe.body.findings as { code: string }[]).map((finding) => finding.code)).toEqual(['fact_mismatch']);

    await page.getByLabel('Message').fill('We have credited your card ending in 9999.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Reply held — nothing was sent').waitFor();
    await page.getByText('fact_mismatch').first().waitFor();
    const heldOutbox = (await kept.api('GET', `/api/v1/outbox?case_id=${anaCaseId}&status=held`)).body.items;
    expect(heldOutbox).toEqual([expect.objectContaining({ status: 'held', body: 'We have credited your card ending in 9999.' })]);
    expect(await page.getByRole('button', { name: 'Send with override' }).isDisabled()).toBe(true);
    await page.getByLabel('Override fact_mismatch').check();
    await page.getByLabel('Why (recorded with your name)').fill('The customer asked us to use her new card.');
    await page.getByRole('button', { name: 'Send with override' }).click();
    await page.getByText('Reply sent.').waitFor();
  });

  it('escalates the case with a note, then resolves it', async () => {
    await page.getByLabel('Escalation note').fill('Customer has waited three days; please call her.');
    await page.getByRole('button', { name: 'Escalate to a manager' }).click();
    await expect.poll(async () => (await kept.api('GET', `/api/v1/cases/${anaCaseId}`)).body.escalated).toBe(true);
    await expect.poll(() => page.locator('dl.facts').first().textContent()).toContain('Escalatedyes');

    await page.getByRole('button', { name: 'Resolve case' }).click();
    await page.getByRole('button', { name: 'Resolved' }).waitFor();
    expect((await kept.api('GET', `/api/v1/cases/${anaCaseId}`)).body.state).toBe('resolved');
  });

  it('keeps the manager’s pages from an agent, and says so when one is reached by its address', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Inbox', 'Settings']);
    await page.goto(`${base}/#/dashboard`);
    await page.getByText('The dashboard is for managers and admins. You are signed in as an agent.').waitFor();
    await page.goto(`${base}/#/agents`);
    await page.getByText('The agents page is for admins. You are signed in as an agent.').waitFor();
  });

  it('merges a duplicate customer found by email, only once the merge is confirmed', async () => {
    // Ana once wrote from her work address: nothing told Kept it was her.
    const work = { email: 'ana.silva@work.example', name: 'A. Silva' };
    await kept.api('POST', '/api/v1/events', {
      id: 'e2e-ana-work',
      type: 'contact.received',
      occurred_at: '2026-12-01T08:45:00Z',
      customer: work,
      data: { channel: 'web_form', text: 'Any news about my parcel?' },
    });
    const duplicateId = (await kept.api('GET', `/api/v1/customers?email=${work.email}`)).body.items[0].id;
    expect(duplicateId).not.toBe(anaId);

    await page.goto(`${base}/#/customers/${anaId}`);
    await page.getByRole('heading', { name: 'Ana Silva', level: 1 }).waitFor();
    const search = page.getByLabel('Find by email, phone or handle');
    await search.fill('Ana at work');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByText('“Ana at work” is not an email address').waitFor();
    await search.fill(work.email);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('button', { name: 'Merge A. Silva into Ana Silva…' }).click();
    await page.getByRole('heading', { name: 'Merge A. Silva into Ana Silva?' }).waitFor();
    // Nothing has moved before the agent confirms.
    expect((await kept.api('GET', `/api/v1/customers?email=${work.email}`)).body.items[0].id).toBe(duplicateId);

    await page.getByRole('button', { name: 'Confirm merge' }).click();
    await page.getByText('Merged A. Silva into Ana Silva.').waitFor();
    await page.locator('section[aria-labelledby="identities-title"] li', { hasText: work.email }).waitFor();
    await page.locator('section[aria-labelledby="cases-title"]').getByText('Any news about my parcel?').waitFor();
    expect((await kept.api('GET', `/api/v1/customers?email=${work.email}`)).body.items[0].id).toBe(anaId);
  });

  it('says when the live stream drops, and refetches what changed once it is back', async () => {
    await page.locator('.live-live').waitFor();
    // The stream is cut and cannot come back until the route is lifted.
    await page.route('**/api/v1/stream**', (route) => route.abort());
    kept.services.live.closeAll();
    await page.getByText('Live updates disconnected — reconnecting…').waitFor();

    // Ana writes again while the console hears nothing.
    await kept.api('POST', '/api/v1/events', {
      id: 'e2e-contact-again',
      type: 'contact.received',
      occurred_at: '2026-12-01T08:50:00Z',
      customer: { email: 'ana@example.com' },
      data: { channel: 'sms', text: 'Hello? Is anyone there?' },
    });
    await page.waitForTimeout(1000);
    expect(await page.locator('ol.timeline').textContent()).not.toContain('Hello? Is anyone there?');

    await page.unroute('**/api/v1/stream**');
    await page.locator('.live-live').waitFor();
    expect(await page.getByText('Live updates disconnected').count()).toBe(0);
    await page.locator('ol.timeline').getByText('Hello? Is anyone there?').waitFor();
  });

  it('shows a manager the dashboard: the forecast’s warning days ahead, NPS and loop closure, and the charts', async () => {
    await seedSurveyAnswers(kept, { agentId: miaId });
    // Two Fridays with sixty contacts at ten; the shipped staffing answers 24 an hour, December doubles arrivals.
    await seedFridaySurge(kept, { fridays: ['2026-11-20', '2026-11-27'], perFriday: 60 });
    await expect.poll(async () => (await kept.api('GET', '/api/v1/reports/surveys')).body.loop_closure.closed).toBe(1);
    const forecast = (await kept.api('GET', '/api/v1/reports/forecast')).body;
    expect([forecast.warningDay, forecast.warningInDays]).toEqual(['2026-12-04', 3]);
    // What `kept forecast` prints for the same forecast.
    expect(formatForecastTable(forecast)).toContain('Warning: in 3 days, from 2026-12-04, the backlog makes 4 h first-response deadlines break.');
    const friday = forecast.days.find((d: { date: string }) => d.date === '2026-12-04');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Kept — log in' }).waitFor();
    await logIn('mia@kept.test');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();

    const warning = page.getByRole('alert').filter({ hasText: 'Breach wave' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('Breach wave in 3 days: first responses will break from Fri 2026-12-04.');
    expect(await warning.textContent()).toContain(`${Math.round(friday.breaches)} of ${Math.round(friday.arrivals)} contacts that day would wait past the 4 h first-response deadline`);
    expect(await page.locator('[data-tile="nps"] .tile-value').textContent()).toBe('+25');
    expect(await page.locator('[data-tile="loop-closure"] .tile-value').textContent()).toBe('50%');
    expect(await page.locator('[data-tile="loop-closure"] .tile-detail').textContent()).toContain('1 of 2 follow-ups answered');

    for (const chart of ['forecast', 'nps', 'kept', 'backlog', 'first-response', 'breaches-by-kind']) {
      await page.locator(`figure[data-chart="${chart}"] svg.recharts-surface`).first().waitFor();
    }
    // The warning day is shaded on the forecast chart.
    expect(await page.locator('figure[data-chart="forecast"] .recharts-reference-area').count()).toBeGreaterThanOrEqual(1);
    await page.getByText('The forecast day by day').click();
    await page.locator('tr.warn-row', { hasText: '2026-12-04 Fri' }).waitFor();
    await page.getByText('The forecast day by day').click();
    await page.evaluate(() => window.scrollTo(0, 0));
    // Recharts animates bars in; let them settle before the picture.
    await page.waitForTimeout(1500);
    await screenshot('dashboard');
  });

  it('lets an admin create a manager on the Agents page, who can then open the dashboard', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await logIn('walt@kept.test');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agents' }).click();
    await page.getByLabel('Name').fill('Max Manager');
    await page.getByLabel('Email').fill('max@kept.test');
    await page.getByLabel('Role').selectOption({ label: 'Manager' });
    await page.getByLabel('Password (leave empty to send a one-time link)').fill(password);
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByText('Created Max Manager.').waitFor();
    await page.locator('table', { hasText: 'max@kept.test' }).waitFor();

    await page.getByRole('button', { name: 'Log out' }).click();
    await logIn('max@kept.test');
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual(['Inbox', 'Manager', 'Dashboard', 'Settings']);
  });

  it('lets a manager waive an open commitment with a reason, which the timeline then shows', async () => {
    const boId = (await kept.api('GET', '/api/v1/customers?email=bo@example.com')).body.items[0].id;
    const boCaseId = (await kept.api('GET', `/api/v1/cases?customer_id=${boId}`)).body.items[0].id as string;
    const resolution = async () => ((await kept.api('GET', `/api/v1/commitments?case_id=${boCaseId}&kind=resolution`)).body.items as Array<{ state: string }>)[0]?.state;
    expect(await resolution()).toBe('open');
    await page.goto(`${base}/#/cases/${boCaseId}`);
    const commitments = page.locator('section[aria-labelledby="commitments-title"]');
    await commitments.getByRole('button', { name: 'Waive resolution' }).click();
    await commitments.getByLabel('Why waive resolution').fill('Bo closed the account; nothing left to resolve');
    await commitments.getByRole('button', { name: 'Waive commitment' }).click();
    await expect.poll(resolution).toBe('waived');
    await page.locator('ol.timeline').getByText('reason: Bo closed the account; nothing left to resolve').waitFor();
  });

  it('lets a new agent choose a password from the one-time link, then log in', async () => {
    const created = await kept.api('POST', '/api/v1/agents', { name: 'Noor New', email: 'noor@kept.test', role: 'agent' });
    const link = new URL(created.body.password_setup_url as string);
    expect(link.hash).toMatch(/^#\/set-password\/kept_setup_/);
    await page.getByRole('button', { name: 'Log out' }).click();
    // Logging out ends on the login page; going to the link before it does would race that navigation.
    await page.getByRole('heading', { name: 'Kept — log in' }).waitFor();
    await page.goto(`${base}/${link.hash}`);
    await page.getByLabel('New password (at least 10 characters)').fill(password);
    await page.getByLabel('Repeat it').fill(password);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByText('Your password is set.').waitFor();
    await page.getByRole('link', { name: 'Log in' }).click();
    await logIn('noor@kept.test');
    await page.getByText('Noor New').first().waitFor();
  });

  it('lets an admin disable an agent on the Agents page, which ends their login and shows in the audit log', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await logIn('walt@kept.test');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agents' }).click();
    await page.getByRole('button', { name: 'Disable Noor New' }).click();
    await page.getByRole('button', { name: 'Enable Noor New' }).waitFor();
    await page.getByRole('cell', { name: 'agent.disabled' }).waitFor();
    expect((await kept.api('POST', '/api/v1/auth/login', { email: 'noor@kept.test', password })).status).toBe(401);
  });

  it('passes axe (WCAG 2 A and AA) on every page of the console', async () => {
    const violations: string[] = [];
    async function audit(route: string, heading: string): Promise<void> {
      await page.goto(`${base}/#${route}`);
      await page.getByRole('heading', { name: heading, exact: true }).first().waitFor();
      // Every query of the page has answered: nothing says "Loading…" any more.
      await page.getByRole('status').filter({ hasText: 'Loading' }).first().waitFor({ state: 'detached' });
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
      for (const violation of result.violations) violations.push(`${route}: ${violation.id} (${violation.nodes.length}) ${violation.nodes[0]?.target.join(' ') ?? ''}`);
    }
    // Logged out: the session lives in sessionStorage.
    await page.goto(`${base}/#/login`);
    await page.evaluate(() => sessionStorage.clear());
    // The app keeps the session in memory too: load it afresh.
    await page.reload();
    await audit('/login', 'Kept — log in');
    const created = await kept.api('POST', '/api/v1/agents', { name: 'Axe Reader', email: 'axe@kept.test', role: 'agent' });
    await audit(new URL(created.body.password_setup_url as string).hash.slice(1), 'Kept — choose your password');
    await logIn('walt@kept.test');
    // One inbox page per kind of list: the agent's own, one of the shared queues.
    for (const queue of ['mine', 'unassigned']) await audit(`/inbox/${queue}`, 'Inbox');
    await audit(`/cases/${anaCaseId}`, 'Timeline');
    await audit(`/customers/${anaId}`, 'Identities');
    await audit('/manager', 'Manager');
    await audit('/dashboard', 'Dashboard');
    await audit('/agents', 'Agents');
    await audit('/settings', 'Settings');
    expect(violations).toEqual([]);
  }, 240_000);

  it('broke no rule of the Content-Security-Policy on any page it showed', () => {
    expect(policyViolations).toEqual([]);
  });
});
