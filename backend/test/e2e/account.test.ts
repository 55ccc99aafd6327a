/**
 * The admin's own account and admin-user passwords in a real headless Chromium: API tokens made on
 * My Account (shown once, copied, listed with their last use, revoked after a confirmation), an
 * administrator revoking another admin's token from Admin Users, and the server's reason shown
 * under the password field when a new admin's password is too easy to guess.
 * Without Chromium the suite is skipped with the reason, never passed.
 */
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN, MANAGER } from '../helpers/app';
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

describe(`my account and admin passwords in the browser (e2e)${unavailable ? ` [skipped: ${unavailable}]` : ''}`, function () {
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
    // The first run builds the admin with Vite.
    this.timeout(180_000);
    server = await startAdminServer();
    browser = await launchChromium();
    context = await openContext(browser, server.baseUrl);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
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

  async function signInAsAdmin() {
    await page.goto('/admin/');
    await signInAs(page, ADMIN.email, ADMIN.password);
    // Signing in lands on the dashboard.
    await page.waitForURL(/\/admin\/$/);
  }
  const me = (token: string) => page.request.get('/api/auth/me', { headers: { authorization: `Bearer ${token}` } });
  const tokenRow = (label: string) => page.getByTestId('api-tokens-grid').locator('tbody tr', { hasText: label });

  it('creates an API token on My Account, shows it once to copy, lists its last use, and revokes it after confirming', async () => {
    await signInAsAdmin();
    await page.getByTestId('user-menu').click();
    await page.getByTestId('my-account').click();
    await page.waitForURL(/\/admin\/account$/);
    await page.getByTestId('api-tokens-card').getByText('No API tokens').waitFor();

    await page.getByTestId('new-token-button').click();
    await page.getByLabel('Label').fill('ERP sync');
    await page.getByTestId('token-expiry').click();
    await page.getByRole('option', { name: '7 days' }).click();
    await page.getByTestId('create-token').click();
    const secret = await page.getByTestId('new-token').locator('input').inputValue();
    assert.match(secret, /^[A-Za-z0-9_-]{40,}$/);
    await page.getByTestId('copy-token').click();
    await page.getByTestId('copy-token').getByText('Copied').waitFor();
    assert.equal(await page.evaluate('navigator.clipboard.readText()'), secret);
    assert.equal((await me(secret)).status(), 200, 'the token works');
    await page.getByTestId('token-done').click();
    await tokenRow('ERP sync').waitFor();

    // After a reload the list comes from the server: used once, so no longer "Never"; the secret is gone.
    await page.reload();
    await tokenRow('ERP sync').waitFor();
    assert.doesNotMatch(await tokenRow('ERP sync').innerText(), /Never/);
    assert.ok(!(await page.content()).includes(secret), 'the secret is not shown again');

    await tokenRow('ERP sync').getByTestId('revoke-token').click();
    await page.getByRole('alertdialog').getByText('Revoke “ERP sync”?').waitFor();
    await page.getByTestId('confirm').click();
    await page.getByTestId('api-tokens-card').getByText('No API tokens').waitFor();
    assert.equal((await me(secret)).status(), 401, 'the revoked token is refused');
  });

  it('lets an administrator revoke another admin’s token from Admin Users', async () => {
    const manager = await server.app.auth.getUser((await server.app.auth.listUsers()).find((u) => u.email === MANAGER.email)!.id);
    const created = await server.app.auth.tokens.create(manager.id, 'Lost laptop', 30);
    await signInAsAdmin();
    await page.goto('/admin/system/admin-users');
    await page.getByRole('button', { name: `API tokens of ${MANAGER.name}` }).click();
    await tokenRow('Lost laptop').getByTestId('revoke-token').click();
    await page.getByTestId('confirm').click();
    await page.getByText('They have no API tokens.').waitFor();
    assert.equal((await me(created.token)).status(), 401);
  });

  it('shows the server’s reason under the password when a new admin’s password is too easy to guess', async () => {
    await signInAsAdmin();
    await page.goto('/admin/system/admin-users');
    await page.getByTestId('add-user').click();
    await page.getByTestId('user-name-field').locator('input').fill('Weak Password');
    await page.getByTestId('user-email-field').locator('input').fill('weak@example.com');
    await page.getByTestId('user-password-field').locator('input').fill('1234567890');
    await page.getByTestId('save-user').click();
    await page
      .getByTestId('user-password-field')
      .getByText(/too easy to guess\. This is a frequently used password/)
      .waitFor();
    assert.equal(await page.getByTestId('users-grid').getByText('weak@example.com').count(), 0);
  });
});
