/**
 * Amazon stores in a real headless Chromium against the real service and the in-process Amazon simulator:
 * add a store; connect it through the simulator's Seller Central pages in a new tab that closes by itself, and
 * watch the card turn Active with 365 days left; 340 days later it says Expiring soon with a banner; renew resets
 * the countdown; a revoke in Seller Central shows Revoked with sync paused and the banner's Reconnect; reconnect.
 * Plus the store view, and a Catalog Manager who sees the cards read-only.
 * The steps build on each other (one store's year), so they run in order on one signed-in tab.
 * Without Chromium the suite is skipped with the reason, never passed.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import appPlugin from '../../src/app';
import adminUiPlugin from '../../src/platform/admin-ui';
import path from 'node:path';
import { AUTHORIZATION_CHECK_JOB, EXPIRY_SWEEP_JOB } from '../../src/amazon-auth/index';
import { toDbTime } from '../../src/db/time';
import { startSimulator, type SimulatorHandle } from '../../simulator/index';
import { ensureAdminBuilt } from '../../../scripts/build-admin';
import { ADMIN, MANAGER, testConfig } from '../helpers/app';
import { createTestDb, type TestDb } from '../helpers/db';
import { OUTPUT_DIR, browserUnavailable, launchChromium, openContext, openTab, saveFailure, signInAs, type Tab } from './browser';
import { seedCatalog } from './seed-catalog';

const unavailable = browserUnavailable();
const APP_ID = 'amzn1.sellerapps.app.5a1e5c4a-0000-4000-8000-000000000001';
const SELLER = { sellerId: 'A2SIMOUTDOOR01', email: 'owner@demo-outdoor.example', password: 'Owner-pass-1', otp: '123456' };
const STORE = 'Outdoor US';
const DAY_S = 86_400;

/**
 * A loopback port held until the app listens, so PUBLIC_URL (the OAuth redirect) can name it before the app
 * is built, and nothing else (the simulator, other test processes) takes it meanwhile.
 */
function reservePort(): Promise<{ port: number; release(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const holder = net.createServer();
    holder.once('error', reject);
    holder.unref(); // a failed start must not keep the test process alive
    holder.listen(0, '127.0.0.1', () => {
      const port = (holder.address() as net.AddressInfo).port;
      resolve({ port, release: () => new Promise<void>((done) => holder.close(() => done())) });
    });
  });
}

describe(`Amazon stores in the browser (e2e)${unavailable ? ` [skipped: ${unavailable}]` : ''}`, function () {
  this.timeout(30_000);
  let sim: SimulatorHandle;
  let db: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let tab: Tab | null = null;
  let page: Page;

  before(async function () {
    if (unavailable) {
      console.log(`  (skipped: ${unavailable})`);
      this.skip();
    }
    this.timeout(180_000); // the first run builds the admin with Vite
    await ensureAdminBuilt();
    const reserved = await reservePort();
    const port = reserved.port;
    const publicUrl = `http://127.0.0.1:${port}`;
    // Amazon only redirects to registered URIs: register this run's port on the simulator's app.
    sim = await startSimulator({
      port: 0,
      controlToken: 'stores-e2e',
      redirectUris: { [APP_ID]: [`${publicUrl}/api/amazon-auth/callback`] },
    });

    db = await createTestDb();
    await seedCatalog(db.knex);
    await db.knex('attributes').insert({
      code: 'ean',
      label: 'EAN',
      type: 'text',
      scope: 'global',
      is_required: false,
      is_system: false,
      created_at: toDbTime(),
    });
    const config = testConfig({ DATABASE_URL: db.url, SIMULATOR_PORT: String(sim.port), PUBLIC_URL: publicUrl });
    app = Fastify({ logger: false });
    await app.register(appPlugin, { config, knex: db.knex, simulatorPort: sim.port, simulatorSellerCentralPort: sim.sellerCentralPort });
    await app.register(adminUiPlugin);
    await app.ready();
    app.clock.follow(() => sim.clock.now());
    await app.auth.createUser({ email: MANAGER.email, name: MANAGER.name, role: 'catalog_manager', password: MANAGER.password });
    await reserved.release();
    await app.listen({ port, host: '127.0.0.1' });

    // A plain browser: no host mapping, no certificate exceptions — the consent link must open as it is.
    browser = await launchChromium();
    context = await openContext(browser, publicUrl);
    tab = await openTab(context);
    page = tab.page;
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await sim?.close();
    await db?.drop();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      const saved = await saveFailure(this.currentTest.fullTitle(), tab, this.currentTest.err);
      console.log(`    screenshot and console log: ${saved}.png / .log`);
    }
  });

  /** E2E_SCREENSHOTS=1 keeps a picture of each step in test-output/e2e/ (to look at the cards and the store view). */
  const snap = async (name: string) => {
    if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: path.join(OUTPUT_DIR, `stores-${name}.png`), fullPage: true });
  };
  const card = () => page.locator('[data-test^="store-card-"]').filter({ hasText: STORE });
  const countdown = () => card().getByTestId('auth-countdown');

  /**
   * Seller Central in the tab the admin's click opened: sign in, two-step code, "I understand", Next, Continue;
   * the callback page tells the admin's tab and closes itself, and the admin confirms (closed here).
   */
  async function consentInNewTab(click: () => Promise<void>, outcome: 'connected' | 'renewed'): Promise<void> {
    const [consent] = await Promise.all([context.waitForEvent('page'), click()]);
    const closed = consent.waitForEvent('close', { timeout: 15_000 });
    try {
      await consent.waitForLoadState();
      // The local Seller Central for browsers: the simulator's loopback address, the US host under its own path.
      assert.ok(consent.url().startsWith(`${sim.sellerCentralUrl}/sellercentral.amazon.com/`), consent.url());
      // Seller Central remembers a recent sign-in (as Amazon does): then it goes straight to the permissions.
      const signIn = consent.getByLabel('Email or mobile phone number');
      const understand = consent.getByLabel(/I understand/);
      await signIn.or(understand).waitFor();
      if (await signIn.isVisible()) {
        await signIn.fill(SELLER.email);
        await consent.getByLabel('Password').fill(SELLER.password);
        await consent.getByRole('button', { name: 'Sign in' }).click();
        await consent.getByLabel('Enter OTP:').fill(SELLER.otp);
        await consent.getByRole('button', { name: 'Sign in' }).click();
      }
      await understand.check();
      await consent.getByRole('button', { name: 'Next' }).click();
      await consent.getByRole('button', { name: 'Continue' }).click();
      // Our callback page told the admin's tab and closed itself.
      await closed;
    } catch (error) {
      // The consent tab's own page says what went wrong (Seller Central's error or our callback's outcome).
      const text = await consent
        .locator('body')
        .innerText()
        .catch(() => '(no page)');
      throw new Error(`consent tab at ${consent.url()}: ${text.slice(0, 600)}`, { cause: error });
    } finally {
      if (!consent.isClosed()) await consent.close();
    }
    const done = page.getByTestId('consent-done');
    await done.waitFor({ timeout: 10_000 });
    assert.match(await done.innerText(), outcome === 'renewed' ? /Authorization renewed/ : /Connected to Amazon/);
    await page.getByTestId('consent-done-close').click();
    await done.waitFor({ state: 'hidden' });
  }

  it('adds a store for the United States on the Main Website from the empty state', async () => {
    await page.goto('/admin/amazon/stores');
    await signInAs(page, ADMIN.email, ADMIN.password);
    await page.waitForURL(/\/admin\/amazon\/stores$/);
    await page.getByText('No Amazon stores yet').waitFor();
    await page.getByTestId('add-store-empty').click();
    await page.waitForURL(/\/admin\/amazon\/stores\/new$/);
    // The first store: what to prepare comes first.
    await page.getByTestId('pre-setup-close').click();
    await page.getByTestId('pre-setup').waitFor({ state: 'hidden' });

    // The shared schema refuses a bad e-mail before anything is sent.
    await page.getByLabel('Store name').fill(STORE);
    await page.getByLabel('E-mail').fill('not-an-email');
    await page.getByTestId('save-store').click();
    await page.getByTestId('store-email-field').getByText('must be a valid e-mail address').waitFor();

    await page.getByLabel('E-mail').fill('amazon@shop.example');
    await page.getByTestId('store-id-attribute-field').click();
    await page.getByRole('option', { name: 'EAN (ean)' }).click();
    await page.getByTestId('save-store').click();
    await page.waitForURL(/\/admin\/amazon\/stores$/);
    await card().waitFor();
    assert.equal(await card().getByTestId('store-status').innerText(), 'In Setup');
    assert.match(await countdown().innerText(), /Not connected/);
    assert.match(await card().innerText(), /United States/);
    assert.match(await card().innerText(), /Main Website/);
    assert.match(await card().getByTestId('no-sales').innerText(), /No sales yet/);
    await snap('1-added');
  });

  it('connects through Seller Central in a new tab; the card turns Active with 365 days left by itself', async () => {
    await consentInNewTab(() => card().getByTestId('consent-connect').click(), 'connected');
    // No reload: the card polled its authorization while the other tab ran the consent.
    await card().getByTestId('store-status').getByText('Active').waitFor({ timeout: 10_000 });
    assert.equal(await countdown().innerText(), 'Authorization expires in 365 days');
    assert.equal(await page.getByTestId('waiting-consent').count(), 0);
    assert.equal(await page.getByTestId('authorization-banner').count(), 0);
    await snap('2-connected');
  });

  it('340 days later the card says Expiring soon (25 days) with a banner; Renew resets the countdown to 365', async () => {
    sim.advance(340 * DAY_S);
    await page.reload();
    await card().waitFor();
    // One chip: Expiring soon, not Active beside an expiry warning.
    assert.equal(await card().getByTestId('store-status').innerText(), 'Expiring soon');
    assert.match(await countdown().innerText(), /25 days/);
    const banner = page.getByTestId('authorization-banner');
    assert.match(await banner.innerText(), /Outdoor US: authorization expires in 25 days/);
    // The hourly sweep sends the 30-day reminder: the bell shows it.
    await app.jobs.runNow(EXPIRY_SWEEP_JOB);
    await page.reload();
    await page.getByTestId('notifications-unread').getByText('1').waitFor();
    await page.getByTestId('notifications').click();
    // The menu renders its items as it opens: wait for the notice before reading the whole menu.
    await page
      .getByTestId('notifications-menu')
      .getByText(/Outdoor US/)
      .first()
      .waitFor();
    assert.match(await page.getByTestId('notifications-menu').innerText(), /Outdoor US/);
    await snap('3-expiring');
    await page.getByTestId('notifications-read-all').click();
    await page.getByTestId('notifications-unread').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');

    await consentInNewTab(() => banner.getByTestId('banner-renew').click(), 'renewed');
    await countdown().getByText('Authorization expires in 365 days').waitFor({ timeout: 10_000 });
    assert.equal(await page.getByTestId('authorization-banner').count(), 0);
    assert.equal(await card().getByTestId('store-status').innerText(), 'Active');
  });

  it('a revoke in Seller Central: Revoked with sync paused and Reconnect; reconnecting makes it Active again', async () => {
    sim.sim.world.revoke(SELLER.sellerId, APP_ID, 'na');
    await app.jobs.runNow(AUTHORIZATION_CHECK_JOB);
    await page.reload();
    await card().waitFor();
    assert.equal(await card().getByTestId('store-status').innerText(), 'Revoked');
    await card().getByTestId('sync-paused').waitFor();
    assert.match(await page.getByTestId('authorization-banner').innerText(), /revoked in Seller Central; sync is paused/);
    // The banner holds the one Reconnect; the card does not repeat it.
    assert.equal(await card().getByTestId('consent-reconnect').count(), 0);
    await snap('4-revoked');

    await consentInNewTab(() => page.getByTestId('banner-reconnect').click(), 'connected');
    await card().getByTestId('store-status').getByText('Active').waitFor({ timeout: 10_000 });
    assert.equal(await countdown().innerText(), 'Authorization expires in 365 days');
    assert.equal(await card().getByTestId('sync-paused').count(), 0);
    assert.equal(await page.getByTestId('authorization-banner').count(), 0);
  });

  it('the store view: header, section menu, dashboard, and settings with website and country locked once connected', async () => {
    await card().getByTestId('view-store').click();
    await page.waitForURL(/\/admin\/amazon\/stores\/\d+\/dashboard$/);
    const header = await page.getByTestId('store-header').innerText();
    assert.match(header, /Main Website/);
    assert.match(header, /Active/);
    await snap('5-store-dashboard');
    assert.match(await page.getByTestId('store-dashboard').innerText(), /A2SIMOUTDOOR01/);
    await page.getByTestId('store-sections').getByText('Store integration settings').click();
    await page.waitForURL(/\/settings$/);
    await page.getByTestId('locked-reason').waitFor();
    assert.equal(await page.getByLabel('Website').isDisabled(), true);
    assert.equal(await page.getByLabel('Marketplace country').isDisabled(), true);
    await page.getByLabel('E-mail').fill('amazon-team@shop.example');
    await page.getByTestId('save-store').click();
    await page
      .getByTestId('notice')
      .getByText(/You saved the store/)
      .waitFor();
    await snap('6-store-settings');
    const href = await page.getByTestId('seller-central-links').getByRole('link').first().getAttribute('href');
    assert.match(href ?? '', /^https:\/\/sellercentral\.amazon\.com\//);
  });

  it('Learning and Preparation: automatic checks for the store, and an administrator ticks a manual item', async () => {
    await page.goto('/admin/amazon/learning');
    const items = page.getByTestId('preparation-items');
    await items.waitFor();
    const before = await page.getByTestId('preparation-progress').innerText();
    const returns = page.getByTestId('prep-return_settings');
    await returns.getByRole('checkbox').check();
    await returns.getByText(/Ticked by admin@example\.com/).waitFor();
    assert.notEqual(await page.getByTestId('preparation-progress').innerText(), before);
    await snap('7-learning');
  });

  it('a Catalog Manager sees the cards without Add, Connect, Renew or Delete', async () => {
    await context.clearCookies();
    await page.goto('/admin/amazon/stores');
    await signInAs(page, MANAGER.email, MANAGER.password);
    await page.waitForURL(/\/admin\/amazon\/stores$/);
    await card().waitFor();
    assert.equal(await card().getByTestId('store-status').innerText(), 'Active');
    for (const action of ['add-store', 'consent-renew', 'consent-connect', 'delete-store', 'deactivate']) {
      assert.equal(await page.getByTestId(action).count(), 0, `${action} is hidden`);
    }
    assert.equal(await card().getByTestId('view-store').count(), 1);
  });

  it('a Catalog Manager maps an Amazon attribute to a catalog attribute on the Attributes page', async () => {
    await page.goto('/admin/amazon/attributes');
    await page.getByText('No attribute mappings for US yet').waitFor();
    await page.getByTestId('add-mapping').click();
    await page.getByTestId('mapping-amazon-field').click();
    await page.getByRole('option', { name: 'Color (color)' }).click();
    await page.getByTestId('mapping-catalog-field').click();
    // Exact: the Amazon list's "Color (color) Colour of the…" may still be fading out while this list opens.
    await page.getByRole('option', { name: 'Color (color)', exact: true }).click();
    await page.getByTestId('save-mapping').click();
    const row = page.getByTestId('mapping-grid').locator('tbody tr').first();
    await row.getByText('Active').waitFor();
    assert.match(await row.innerText(), /Color\s*color\s+Color \(color\)\s+Active\s+No\s+Default value/);
    await snap('8-attributes');
  });
});
