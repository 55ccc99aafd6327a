/**
 * The path through the admin in a real headless Chromium, against the real service and the in-process Amazon
 * simulator: the dashboard is the home after sign-in and names the next step; the first Add Amazon Store shows
 * what to prepare; Connect from the dashboard opens Seller Central in a new tab that closes by itself when the
 * consent is done, and the admin tab confirms it with the next step (Listing Rules); with no admin tab open the
 * consent tab returns to the store itself. Deactivate, End Listing and Make default ask first (Cancel changes
 * nothing, confirming does it); 340 days later the renewal banner shows on a page that is not about stores, with
 * the store's one Renew, and the reminder in the bell leads to the store.
 * The steps build on each other and run in order on one signed-in tab. Without Chromium the suite is skipped.
 */
import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import type { Page } from 'playwright-core';
import { EXPIRY_SWEEP_JOB } from '../../src/amazon-auth/index';
import { browserUnavailable, type Tab } from './browser';
import { addEanProduct, addTextAttribute } from './seed-catalog';
import { SELLER, openAdminSession, saveFailures, snapStep, startStack, type AdminSession, type Stack } from './stack';

const unavailable = browserUnavailable();
const STORE = 'Outdoor US';
const DAY_S = 86_400;

async function seed(knex: Knex): Promise<void> {
  await addTextAttribute(knex, 'ean', 'EAN');
  await addEanProduct(knex, 'BOTTLE', 'Water Bottle', 19.99, '4006381333931'); // one ASIN
  await addEanProduct(knex, 'BOWL', 'Silicone Bowl', 9.5, '4006381333993'); // two ASINs
}

describe(`the path through the admin (e2e)${unavailable ? ` [skipped: ${unavailable}]` : ''}`, function () {
  this.timeout(30_000);
  let stack: Stack;
  let session: AdminSession | undefined;
  let tab: Tab | null = null;
  let page: Page;
  let storeId = 0;

  before(async function () {
    if (unavailable) {
      console.log(`  (skipped: ${unavailable})`);
      this.skip();
    }
    this.timeout(180_000); // the first run builds the admin with Vite
    stack = await startStack({ controlToken: 'admin-home-e2e', seed, browserConsent: true });
    session = await openAdminSession(stack.baseUrl);
    tab = session.tab;
    page = session.page;
  });
  after(async () => {
    await session?.browser.close();
    await stack?.close();
  });
  saveFailures(() => tab);

  const dialog = () => page.getByRole('alertdialog');
  const storeRow = () => stack.db.knex('amazon_stores').where({ id: storeId }).first();
  const listing = (sku: string) => stack.db.knex('listings').where({ store_id: storeId, sku }).first();

  /** Seller Central in `consent` (a tab the admin's click opened, or one opened by the test): sign in, allow. */
  async function giveConsent(consent: Page): Promise<void> {
    await consent.waitForLoadState();
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
  }

  it('lands on the dashboard after sign-in; with no store, the next steps are to prepare and add one', async () => {
    assert.match(page.url(), /\/admin\/$/);
    const steps = page.getByTestId('next-steps');
    await steps.getByTestId('step-prepare').waitFor();
    assert.match(await steps.getByTestId('step-add-store').innerText(), /Add your first Amazon store/);
    assert.equal(
      await steps.getByTestId('step-add-store').getByRole('link', { name: 'Add store' }).getAttribute('href'),
      '/admin/amazon/stores/new',
    );
    await page.getByTestId('nothing-to-fix').waitFor();
    await snapStep(page, 'home-1-empty');
  });

  it('the first Add Amazon Store shows what to prepare; dismissed, it stays away; Learning and Preparation opens it again', async () => {
    await page.getByTestId('step-add-store').getByRole('link', { name: 'Add store' }).click();
    await page.waitForURL(/\/amazon\/stores\/new$/);
    const window = page.getByTestId('pre-setup');
    await window.waitFor();
    for (const item of ['seller', 'product-id', 'prices', 'stock']) await window.getByTestId(`pre-setup-${item}`).waitFor();
    assert.match(await window.innerText(), /EAN, UPC, ISBN, GCID or the ASIN/);
    await snapStep(page, 'home-2-pre-setup');
    await window.getByTestId('pre-setup-close').click();
    await window.waitFor({ state: 'hidden' });
    await page.reload();
    await page.getByLabel('Store name').waitFor();
    assert.equal(await page.getByTestId('pre-setup').count(), 0, 'not again once dismissed');

    await page.goto('/admin/amazon/learning');
    await page.getByTestId('open-pre-setup').click();
    await page.getByTestId('pre-setup').waitFor();
    await page.getByTestId('pre-setup-close').click();
    await page.getByTestId('pre-setup').waitFor({ state: 'hidden' });
  });

  it('the dashboard shows the new store In Setup with Connect as its next step', async () => {
    ({ id: storeId } = await stack.api<{ id: number }>('POST', '/api/stores', {
      name: STORE,
      email: 'amazon@shop.example',
      websiteCode: 'base',
      country: 'US',
      productIdType: 'ean',
      productIdAttribute: 'ean',
    }));
    await page.goto('/admin/');
    const row = page.getByTestId(`dashboard-store-${storeId}`);
    await row.waitFor();
    assert.equal(await row.getByTestId('store-status').innerText(), 'In Setup');
    assert.match(await row.getByTestId('dashboard-store-health').innerText(), /Nothing is sent to Amazon until the store is connected/);
    const step = page.getByTestId(`step-connect-${storeId}`);
    assert.match(await step.innerText(), /Connect Outdoor US to Seller Central/);
    await snapStep(page, 'home-3-in-setup');
  });

  it('Connect opens Seller Central in a new tab that closes by itself; the admin confirms and points to Listing Rules', async () => {
    const [consent] = await Promise.all([
      session!.context.waitForEvent('page'),
      page.getByTestId(`step-connect-${storeId}`).getByRole('button', { name: 'Connect' }).click(),
    ]);
    const closed = consent.waitForEvent('close', { timeout: 15_000 });
    await giveConsent(consent);
    // The callback page told this tab and closed itself: nobody closes it here.
    await closed;

    const done = page.getByTestId('consent-done');
    await done.waitFor({ timeout: 10_000 });
    assert.match(await done.innerText(), /Connected to Amazon/);
    assert.match(
      await page.getByTestId('consent-done-text').innerText(),
      /Outdoor US is connected to Amazon United States as seller A2SIMOUTDOOR01/,
    );
    assert.match(await page.getByTestId('consent-next').innerText(), /Create a listing rule for Outdoor US/);
    await snapStep(page, 'home-4-connected');
    // The dashboard behind it already shows the store Active.
    assert.equal(await page.getByTestId(`dashboard-store-${storeId}`).getByTestId('store-status').innerText(), 'Active');
    await page.getByTestId('consent-next-step').click();
    await page.waitForURL(new RegExp(`/admin/amazon/stores/${storeId}/listing-rules$`));
    assert.equal(await page.getByTestId('consent-done').count(), 0);
    assert.equal((await storeRow()).authorization_state, 'connected');
  });

  it('with no admin tab open, the consent tab returns to the store by itself and the store page confirms', async () => {
    const { consentUrl } = await stack.api<{ consentUrl: string }>('POST', `/api/stores/${storeId}/renew`);
    await page.close();
    // The same browser (its session cookie), no admin tab listening: the consent tab has nobody to tell.
    const consent = await session!.context.newPage();
    tab = { page: consent, log: [] };
    await consent.goto(consentUrl);
    await giveConsent(consent);
    await consent.waitForURL(new RegExp(`/admin/amazon/stores/${storeId}/dashboard$`), { timeout: 10_000 });
    page = consent;
    await page.getByTestId('consent-done').getByText('Authorization renewed').waitFor();
    assert.match(await page.getByTestId('consent-done-text').innerText(), /Outdoor US stays connected to Amazon United States/);
    await page.getByTestId('consent-done-close').click();
    await page.getByTestId('store-dashboard').waitFor();
  });

  it('Deactivate asks first: Cancel changes nothing, Deactivate deactivates', async () => {
    await page.goto('/admin/amazon/stores');
    const card = page.getByTestId(`store-card-${storeId}`);
    await card.getByTestId('deactivate').click();
    assert.match(await dialog().innerText(), /Deactivate Outdoor US\?[\s\S]*offers stay on Amazon as they are now/);
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await dialog().waitFor({ state: 'hidden' });
    assert.equal((await storeRow()).status, 'active');
    assert.equal(await card.getByTestId('store-status').innerText(), 'Active');

    await card.getByTestId('deactivate').click();
    await dialog().getByTestId('confirm').click();
    await card.getByTestId('store-status').getByText('Inactive').waitFor();
    assert.equal((await storeRow()).status, 'inactive');
    // The store view's Deactivate asks too; activate again from the card for the next steps.
    await card.getByTestId('activate').click();
    await card.getByTestId('store-status').getByText('Active').waitFor();
    await page.goto(`/admin/amazon/stores/${storeId}/dashboard`);
    await page.getByTestId('store-dashboard').getByTestId('deactivate').click();
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await dialog().waitFor({ state: 'hidden' });
    assert.equal((await storeRow()).status, 'active');
  });

  it('End Listing asks first, on the listing page and as a mass action: Cancel changes nothing, End Listing ends', async () => {
    await stack.api('PATCH', `/api/stores/${storeId}/listing-settings`, {
      identifierOrder: [{ type: 'ean', attribute: 'ean' }],
      listAutomatically: true,
    });
    // Products with an EAN: BOTTLE (one ASIN) and BOWL (two, resolved below).
    const conditions = {
      kind: 'combine',
      aggregator: 'all',
      value: true,
      conditions: [{ kind: 'condition', field: 'attribute', attribute: 'ean', operator: 'is_not_empty' }],
    };
    await stack.api('PUT', `/api/stores/${storeId}/listing-rule`, { conditions });
    await stack.app.jobs.runNow('listings.matching');
    const bowl = await listing('BOWL');
    await stack.api('POST', `/api/stores/${storeId}/listings/${bowl.id}/resolve`, { asin: 'B0SIM00017' });
    for (const sku of ['BOTTLE', 'BOWL']) {
      const l = await listing(sku);
      if (l.status === 'ready_to_list') await stack.api('POST', `/api/stores/${storeId}/listings/${l.id}/publish`);
    }
    await stack.app.listingsSync.drainStore(storeId);
    assert.deepEqual([(await listing('BOTTLE')).status, (await listing('BOWL')).status], ['active', 'active']);

    const bottle = await listing('BOTTLE');
    await page.goto(`/admin/amazon/stores/${storeId}/listings/${bottle.id}`);
    await page.getByTestId('listing-status').getByText('Active', { exact: true }).waitFor();
    await page.getByTestId('listing-end').click();
    assert.match(await dialog().innerText(), /End the listing BOTTLE\?[\s\S]*quantity 0/);
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await dialog().waitFor({ state: 'hidden' });
    assert.equal((await listing('BOTTLE')).status, 'active');
    await page.getByTestId('listing-end').click();
    await dialog().getByTestId('confirm').click();
    await page.getByTestId('listing-status').getByText('Ending In Progress').waitFor();

    await page.goto(`/admin/amazon/stores/${storeId}/listings?tab=active`);
    const row = page.getByTestId('listing-grid').locator('tr').filter({ hasText: 'BOWL' });
    await row.getByRole('checkbox').check();
    await page.getByTestId('mass-actions').click();
    await page.getByTestId('mass-end').click();
    assert.match(await dialog().innerText(), /End 1 listing\(s\)\?/);
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await dialog().waitFor({ state: 'hidden' });
    assert.equal((await listing('BOWL')).status, 'active');
    await page.getByTestId('mass-actions').click();
    await page.getByTestId('mass-end').click();
    await dialog().getByTestId('confirm').click();
    await page.getByText('1 of 1 listing(s) done').waitFor();
    assert.equal((await listing('BOWL')).status, 'ending_in_progress');
  });

  it('Make default asks first: Cancel changes nothing, Make default makes it the store default', async () => {
    await stack.api('POST', `/api/stores/${storeId}/stock-profiles`, { name: 'Cap 3', mode: 'cap', value: 3 });
    const isDefault = async () =>
      (await stack.api<{ defaultProfileId: number | null }>('GET', `/api/stores/${storeId}/stock-profiles`)).defaultProfileId !== null;
    await page.goto(`/admin/amazon/stores/${storeId}/stock-profiles`);
    await page.getByTestId('make-default-Cap 3').click();
    assert.match(await dialog().innerText(), /Make Cap 3 the store default\?[\s\S]*quantities are recomputed/);
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await dialog().waitFor({ state: 'hidden' });
    assert.equal(await isDefault(), false);
    assert.equal(await page.getByTestId('profile-Cap 3').getByTestId('default-star').count(), 0);
    await page.getByTestId('make-default-Cap 3').click();
    await dialog().getByTestId('confirm').click();
    await page.getByTestId('profile-Cap 3').getByTestId('default-star').waitFor();
    assert.equal(await isDefault(), true);
  });

  it('340 days later: the renewal banner on the product grid with the one Renew, and the reminder leads to the store', async () => {
    stack.sim.advance(340 * DAY_S);
    await stack.app.jobs.runNow(EXPIRY_SWEEP_JOB);
    await page.goto('/admin/catalog/products');
    const banner = page.getByTestId('authorization-banner');
    await banner.waitFor();
    assert.match(await banner.innerText(), /Outdoor US: authorization expires in 25 days/);
    assert.equal(await banner.getByRole('button', { name: 'Renew Outdoor US' }).count(), 1);
    await snapStep(page, 'home-5-banner');
    // One Renew per store: the card leaves it to the banner.
    await page.goto('/admin/amazon/stores');
    await page.getByTestId(`store-card-${storeId}`).getByTestId('store-status').getByText('Expiring soon').waitFor();
    assert.equal(await page.getByRole('button', { name: /^Renew/ }).count(), 1);

    await page.getByTestId('notifications').click();
    const notice = page.getByTestId('notifications-menu').locator('[data-test^="notification-"]').first();
    await notice.getByText(/Renew the Amazon authorization of "Outdoor US"/).waitFor();
    await notice.click();
    await page.waitForURL(new RegExp(`/admin/amazon/stores/${storeId}/dashboard$`));
    await page.getByTestId('notifications-menu').waitFor({ state: 'hidden' });
    // The store's sync health in words.
    assert.match(await page.getByTestId('sync-health').innerText(), /95% of the changes reached Amazon within/);
    assert.doesNotMatch(await page.getByTestId('sync-health').innerText(), /p95|p50/);
  });
});
