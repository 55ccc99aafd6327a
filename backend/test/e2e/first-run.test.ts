/**
 * A new user's first run, the way the README says: `npm start` on a non-default PORT with no PUBLIC_URL, SQLite
 * in a directory of its own, and a plain Chromium (no host mapping, no certificate exceptions). As the first
 * administrator (the password `npm start` prints): sign in, add a store, connect it through the local Seller
 * Central (demo seller owner@demo-outdoor.example, two-step code 123456), restart `npm start` — the store stays
 * connected and its authorization still works at Amazon, because the local Amazon kept its state.
 *
 * The steps build on each other and run in order. Later steps of the first run (a listing rule taking demo
 * products to Active on Amazon) belong after "restarts…": `service` is the running process, `page` the signed-in
 * tab, `storeId` the connected store.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureAdminBuilt } from '../../../scripts/build-admin';
import { browserUnavailable, launchChromium, openContext, openTab, saveFailure, signInAs, type Tab } from './browser';
import { freePort, startService, type ServiceProcess } from './service-process';

const unavailable = browserUnavailable();
const SELLER = { email: 'owner@demo-outdoor.example', password: 'Owner-pass-1', otp: '123456' };
const STORE = 'Demo Outdoor US';

describe(`first run: npm start, connect a store, restart (e2e)${unavailable ? ` [skipped: ${unavailable}]` : ''}`, function () {
  this.timeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asc-first-run-'));
  let env: Record<string, string>;
  let port: number;
  let service: ServiceProcess | null = null;
  let password = '';
  let browser: Browser;
  let context: BrowserContext;
  let tab: Tab | null = null;
  let page: Page;
  let storeId = 0;

  before(async function () {
    if (unavailable) {
      console.log(`  (skipped: ${unavailable})`);
      this.skip();
    }
    // Built once here, so npm start finds it fresh instead of building inside the timed start.
    await ensureAdminBuilt();
    port = await freePort();
    env = {
      PORT: String(port),
      DATABASE_URL: `sqlite:${path.join(dir, 'channel.db')}`,
      // The simulator's ports: any free ones, as other people's `npm start` may hold 8443/8444 on a shared machine.
      SIMULATOR_PORT: '0',
      SIMULATOR_SELLER_CENTRAL_PORT: '0',
      LOG_LEVEL: 'info',
    };
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    if (service && (await Promise.race([service.stop(), new Promise((r) => setTimeout(() => r('timeout'), 15_000))])) === 'timeout')
      service.child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      const saved = await saveFailure(this.currentTest.fullTitle(), tab, this.currentTest.err);
      fs.appendFileSync(`${saved}.log`, `\n\n--- npm start output ---\n${service?.output() ?? '(not started)'}`);
      console.log(`    screenshot, console and npm start output: ${saved}.png / .log`);
    }
  });

  const card = () => page.locator('[data-test^="store-card-"]').filter({ hasText: STORE });
  /** The local Seller Central's address, as `npm start` printed it. */
  const sellerCentralUrl = () => /Local Seller Central \(Connect store opens it\): (http:\/\/\S+?)\/?\n/.exec(service!.output())?.[1] ?? '';

  it('starts on the chosen PORT: banner, admin and Seller Central addresses follow it, no :3000 anywhere', async () => {
    service = await startService(env);
    assert.equal(service.adminUrl, `http://127.0.0.1:${port}`);
    const output = service.output();
    password = /Generated password \(shown once\): (\S+)/.exec(output)?.[1] ?? '';
    assert.ok(password, 'the first administrator password is printed');
    assert.match(sellerCentralUrl(), /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(output, /Local Amazon state: .*simulator-state\.json \(new;/);
    assert.doesNotMatch(output, /:3000\b/);
    assert.doesNotMatch(output, /names port/, 'no PUBLIC_URL warning without a PUBLIC_URL');

    context = await openContext(browser, service.adminUrl);
    tab = await openTab(context);
    page = tab.page;
  });

  it('signs in as the first administrator and adds a US store on the Main Website', async () => {
    await page.goto('/admin/amazon/stores');
    await signInAs(page, 'admin@example.com', password);
    await page.waitForURL(/\/admin\/amazon\/stores$/);
    await page.getByTestId('add-store-empty').click();
    await page.waitForURL(/\/admin\/amazon\/stores\/new$/);
    // The first store: what to prepare comes first.
    await page.getByTestId('pre-setup-close').click();
    await page.getByTestId('pre-setup').waitFor({ state: 'hidden' });
    await page.getByLabel('Store name').fill(STORE);
    await page.getByLabel('E-mail').fill('amazon@shop.example');
    await page.getByTestId('store-id-attribute-field').click();
    await page.getByRole('option', { name: /\(ean\)$/ }).click();
    await page.getByTestId('save-store').click();
    await page.waitForURL(/\/admin\/amazon\/stores$/);
    await card().waitFor();
    assert.match(await card().innerText(), /United States/);
    storeId = Number((await card().getAttribute('data-test'))?.replace('store-card-', ''));
    assert.ok(storeId > 0);
  });

  it('connects it through the local Seller Central in a new tab and comes back to the admin', async () => {
    const [consent] = await Promise.all([context.waitForEvent('page'), card().getByTestId('consent-connect').click()]);
    // Amazon returns to the service's real address (PUBLIC_URL follows PORT): our callback page, which closes the tab.
    const callback = consent.waitForRequest((r) => r.url().startsWith(`http://127.0.0.1:${port}/api/amazon-auth/callback?`), {
      timeout: 15_000,
    });
    const closed = consent.waitForEvent('close', { timeout: 15_000 });
    try {
      await consent.waitForLoadState();
      // Any browser opens it: the simulator's own loopback address, the marketplace's Seller Central under its path.
      assert.ok(consent.url().startsWith(`${sellerCentralUrl()}/sellercentral.amazon.com/apps/authorize/consent?`), consent.url());
      await consent.getByLabel('Email or mobile phone number').fill(SELLER.email);
      await consent.getByLabel('Password').fill(SELLER.password);
      await consent.getByRole('button', { name: 'Sign in' }).click();
      await consent.getByLabel('Enter OTP:').fill(SELLER.otp);
      await consent.getByRole('button', { name: 'Sign in' }).click();
      await consent.getByLabel(/I understand/).check();
      await consent.getByRole('button', { name: 'Next' }).click();
      await consent.getByRole('button', { name: 'Continue' }).click();
      await callback;
      // The callback page told the admin's tab and closed itself.
      await closed;
    } catch (error) {
      const text = await consent
        .locator('body')
        .innerText()
        .catch(() => '(no page)');
      throw new Error(`consent tab at ${consent.url()}: ${text.slice(0, 600)}`, { cause: error });
    } finally {
      if (!consent.isClosed()) await consent.close();
    }
    // The admin tab confirms, with the next step.
    await page.getByTestId('consent-done').getByText('Connected to Amazon', { exact: true }).waitFor({ timeout: 10_000 });
    assert.match(await page.getByTestId('consent-next').innerText(), /Create a listing rule for Demo Outdoor US/);
    await page.getByTestId('consent-done-close').click();
    await card().getByTestId('store-status').getByText('Active').waitFor({ timeout: 10_000 });
    assert.equal(await card().getByTestId('auth-countdown').innerText(), 'Authorization expires in 365 days');
  });

  it('restarts npm start: the store is still connected and its authorization still works at the local Amazon', async () => {
    assert.equal(await service!.stop(), 0, 'closes gracefully');
    service = await startService(env);
    assert.equal(service.adminUrl, `http://127.0.0.1:${port}`);
    assert.match(service.output(), /Local Amazon state: .*simulator-state\.json \(continued;/);

    // The session lives in the database: the same tab is still signed in.
    await page.reload();
    await card().waitFor();
    assert.equal(await card().getByTestId('store-status').innerText(), 'Active');
    // A call that needs the store's refresh token at Amazon: an Amazon that forgot it would answer invalid_grant
    // (and the store would turn Revoked).
    const check = await page.request.post(`/api/stores/${storeId}/amazon-sales/check`);
    assert.equal(check.status(), 200, await check.text());
    await page.reload();
    await card().waitFor();
    assert.equal(await card().getByTestId('store-status').innerText(), 'Active');
    assert.equal(await page.getByTestId('authorization-banner').count(), 0);
  });
});
