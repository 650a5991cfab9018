// The console in Chromium for end-to-end tests: the built console served by a Kept on a free port, a
// headless browser, and logging in. Tests skip when Chromium is not installed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TestKept } from './test-app.js';

export const chromiumPath = '/usr/bin/chromium';
const root = fileURLToPath(new URL('../../', import.meta.url));

/** Builds web/dist when it is missing or older than its sources (the server serves it), and serves Kept. */
export async function serveConsole(kept: TestKept): Promise<string> {
  const build = spawnSync(process.execPath, ['scripts/build-console.mjs'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`The console did not build:\n${build.stdout}\n${build.stderr}`);
  await kept.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(kept.app.server.address() as AddressInfo).port}`;
}

/** A headless Chromium with one page, in UTC so the times typed and shown are the server's. */
export async function openBrowser(): Promise<{ browser: Browser; page: Page }> {
  // The browser tests never skip themselves: without Chromium they fail, saying what to install.
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: apt-get install chromium (.ci/run installs it)`);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, timezoneId: 'UTC' });
  page.setDefaultTimeout(20_000);
  return { browser, page };
}

export async function logIn(page: Page, options: { base: string; email: string; password: string }): Promise<void> {
  await page.goto(`${options.base}/#/login`);
  // A logout still on its way leaves the signed-in console up until it ends: wait for the form itself.
  await page.getByRole('button', { name: 'Log in' }).waitFor();
  await page.getByLabel('Email', { exact: true }).fill(options.email);
  await page.getByLabel('Password', { exact: true }).fill(options.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
}
