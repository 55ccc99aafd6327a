/**
 * System > Outgoing E-mail in headless Chromium against the real service in development mode (the mail folder):
 * the folder is shown, a test e-mail is sent and read (text and HTML), and a given-up message is retried.
 * Without Chromium the suite is skipped with the reason, never passed.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { toDbTime } from '../../src/db/time';
import { ADMIN } from '../helpers/app';
import {
  browserUnavailable,
  closeTab,
  launchChromium,
  openContext,
  openTab,
  saveFailure,
  signInAs,
  startAdminServer,
  type AdminServer,
  type Tab,
} from './browser';

const unavailable = browserUnavailable();

describe(`outgoing e-mail in the browser (e2e)${unavailable ? ` [skipped: ${unavailable}]` : ''}`, function () {
  let server: AdminServer;
  let browser: Browser;
  let context: BrowserContext;
  let tab: Tab | null = null;
  let page: Page;

  before(async function () {
    if (unavailable) {
      console.log(`  (skipped: ${unavailable})`);
      this.skip();
    }
    this.timeout(180_000);
    server = await startAdminServer();
    browser = await launchChromium();
    context = await openContext(browser, server.baseUrl);
  });
  after(async () => {
    await browser?.close();
    const folder = server ? server.app.config.MAIL_DIR : null;
    await server?.close();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });
  beforeEach(async () => {
    tab = await openTab(context);
    page = tab.page;
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && tab) {
      const saved = await saveFailure(this.currentTest.fullTitle(), tab, this.currentTest.err);
      console.log(`    screenshot and console log: ${saved}.png / .log`);
    }
    if (tab) await closeTab(tab);
    tab = null;
  });

  it('shows the mail folder, sends a test e-mail to the admin and opens it to read', async () => {
    await page.goto('/admin/');
    await signInAs(page, ADMIN.email, ADMIN.password);
    // Signing in lands on the dashboard.
    await page.waitForURL(/\/admin\/$/);
    await page.getByRole('link', { name: 'Outgoing E-mail' }).click();
    await page.waitForURL(/\/admin\/system\/outgoing-mail/);
    assert.equal(await page.getByTestId('mail-folder').innerText(), (await server.app.mail.service.overview()).folder);
    await page.getByText('No e-mail here yet.').waitFor();

    await page.getByTestId('mail-send-test').click();
    await page.getByTestId('notice').getByText(`Test e-mail to ${ADMIN.email} written to`).waitFor();
    const dialog = page.getByTestId('mail-message');
    await dialog.getByTestId('mail-text').getByText(`Hello ${ADMIN.name},`).waitFor();
    const file = await dialog.getByTestId('mail-file').innerText();
    assert.ok(fs.existsSync(file), `${file} exists`);
    await dialog.getByRole('tab', { name: 'HTML' }).click();
    const html = page.frameLocator('iframe.mail-html');
    await html.getByText(`Hello ${ADMIN.name},`).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('mail-grid').getByText('Test e-mail from the Amazon Sales Channel').waitFor();
    await page.getByTestId('mail-grid').locator('tbody').getByText('Sent', { exact: true }).waitFor();
  });

  it('lists a given-up message under Failed with its error, and retries it', async () => {
    const id = await server.app.mail.enqueue(server.db.knex, {
      to: 'amazon@shop.example',
      subject: 'Renew the authorization',
      body: 'Hello',
    });
    await server.db.knex('email_outbox').where({ id }).update({
      attempts: 6,
      failed_at: toDbTime(),
      transport: 'smtp',
      last_error: 'connect ECONNREFUSED 10.0.0.9:587 (ESOCKET) — Given up after 6 attempts.',
    });

    await page.goto('/admin/system/outgoing-mail');
    await signInAs(page, ADMIN.email, ADMIN.password);
    await page.waitForURL(/\/admin\/system\/outgoing-mail/);
    await page.getByTestId('mail-filter-failed').click();
    const grid = page.getByTestId('mail-grid');
    await grid.getByText('Given up after 6 attempts', { exact: false }).waitFor();
    await grid.getByRole('link', { name: 'Open e-mail Renew the authorization' }).click();
    await page.getByTestId('mail-retry').click();
    await page.getByTestId('notice').getByText('E-mail to amazon@shop.example written to').waitFor();
    assert.equal((await server.db.knex('email_outbox').where({ id }).first()).failed_at, null);
  });
});
