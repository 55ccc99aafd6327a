/**
 * The admin in a real headless Chromium against the real service: signing in and out, the product
 * grid (browse, filter, sort, page), editing a source quantity and seeing the salable quantity
 * follow, a session that expires mid-work, and what a Catalog Manager may not see or open.
 * Without Chromium the suite is skipped with the reason, never passed.
 */
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN, MANAGER } from '../helpers/app';
import { toDbTime } from '../../src/db/time';
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

// Known before the suite starts, so a skipped run says why in every test's title, not only on the console.
const unavailable = browserUnavailable();

describe(`admin in the browser (e2e)${unavailable ? ` [skipped: ${unavailable}]` : ''}`, function () {
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

  const recordsFound = () => page.getByTestId('records-found');
  /** Waits until the grid's first row is this SKU (the grid re-renders when the server answers). */
  const firstSku = (sku: string) =>
    page.locator('[data-test="product-grid"] tbody tr td:first-child').first().getByText(sku, { exact: true }).waitFor();
  const gridSkus = () => page.locator('[data-test="product-grid"] tbody tr td:first-child').allInnerTexts();

  async function signInAsAdmin() {
    await page.goto('/admin/catalog/products');
    await signInAs(page, ADMIN.email, ADMIN.password);
    await page.waitForURL(/\/admin\/catalog\/products/);
  }

  it('signs in, lands on the dashboard and shows the admin’s name and role in the app bar; Products is one click away', async () => {
    await page.goto('/admin/');
    await page.waitForURL(/\/admin\/login/);
    await signInAs(page, ADMIN.email, ADMIN.password);
    await page.waitForURL(/\/admin\/$/);
    await page.getByTestId('next-steps').waitFor();
    await page.getByRole('link', { name: 'Products' }).click();
    await page.waitForURL(/\/admin\/catalog\/products/);
    assert.equal(await page.getByTestId('user-name').innerText(), ADMIN.name);
    assert.equal(await page.getByTestId('user-role').innerText(), 'Administrator');
    await page.getByText('48 records found').waitFor();
    // The administrator's menu has System with both of its pages.
    await page.getByRole('link', { name: 'Admin Users' }).waitFor();
    await page.getByRole('link', { name: 'Audit Log' }).waitFor();
  });

  it('shows an error and stays on sign-in when the password is wrong', async () => {
    await page.goto('/admin/login');
    await signInAs(page, ADMIN.email, 'not-the-password');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    assert.match(await error.innerText(), /e-mail address or password is wrong.*INVALID_CREDENTIALS/s);
    assert.match(page.url(), /\/admin\/login/);
  });

  it('browses, sorts, pages and filters the product grid on the server', async () => {
    await signInAsAdmin();
    await recordsFound().getByText('48').waitFor();
    let skus = await gridSkus();
    assert.equal(skus.length, 20, 'first page holds 20 rows');
    assert.equal(skus[0], 'E2E-BAG-001');

    // Sort: SKU descending puts the configurable family (E2E-C…) before the bags (E2E-B…).
    await page.getByRole('columnheader', { name: 'SKU' }).click();
    await page.waitForURL(/dir=desc/);
    await firstSku('E2E-CONF-TOTE-RED');

    // Page: the second page in SKU order starts at the 21st product.
    await page.getByRole('columnheader', { name: 'SKU' }).click();
    await page.waitForURL((url) => !url.search.includes('dir=desc'));
    await page.getByRole('button', { name: /next page/i }).click();
    await page.waitForURL(/page=2/);
    await firstSku('E2E-BAG-021');

    // Filter: disabled products only (every fifth bag), back to page 1.
    await page.getByTestId('filters-button').click();
    await page.getByTestId('filter-status').click();
    await page.getByRole('option', { name: 'Disabled' }).click();
    await page.getByTestId('apply-filters').click();
    await page.waitForURL(/status=disabled/);
    await recordsFound().getByText('8', { exact: true }).waitFor();
    skus = await gridSkus();
    assert.deepEqual(skus, [
      'E2E-BAG-005',
      'E2E-BAG-010',
      'E2E-BAG-015',
      'E2E-BAG-020',
      'E2E-BAG-025',
      'E2E-BAG-030',
      'E2E-BAG-035',
      'E2E-BAG-040',
    ]);

    // A keyword narrows further; removing the status chip widens again.
    await page.getByRole('textbox', { name: 'Search by keyword' }).fill('BAG-01');
    await page.getByRole('textbox', { name: 'Search by keyword' }).press('Enter');
    await recordsFound().getByText('2', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Remove filter Status: disabled' }).click();
    await recordsFound().getByText('10', { exact: true }).waitFor();
  });

  it('changes a source quantity on the product page and shows the new salable quantity', async () => {
    await signInAsAdmin();
    await page.getByRole('link', { name: server.catalog.editable.sku, exact: true }).click();
    await page.waitForURL(new RegExp(`/admin/catalog/products/${server.catalog.editable.id}$`));
    const salable = page.locator(`[data-test="salable-${server.catalog.stockId}"] [data-test="salable-qty"]`);
    await salable.getByText('15', { exact: true }).waitFor(); // 10 at us-east + 5 at us-west

    const qty = page.getByLabel('Qty at US East Warehouse');
    // A negative quantity is refused by the form, with the reason under the field, before anything is sent.
    await qty.fill('-3');
    await page.getByTestId('source-save-us-east').click();
    await page.getByText('must be 0 or more').first().waitFor();
    assert.equal(await salable.innerText(), '15');

    await qty.fill('25');
    await page.getByTestId('source-save-us-east').click();
    await salable.getByText('30', { exact: true }).waitFor();
    await page.getByTestId('notice').getByText('Saved the quantity at US East Warehouse.').waitFor();
    const stored = await server.db
      .knex('source_items')
      .where({ sku: server.catalog.editable.sku, source_code: 'us-east' })
      .first('quantity');
    assert.equal(Number(stored.quantity), 25);
  });

  it('sends an admin whose session expired to sign in, then back to the page they were on', async () => {
    await signInAsAdmin();
    await page.goto('/admin/catalog/products?sku=BAG-02');
    await recordsFound().getByText('10', { exact: true }).waitFor();
    await server.db.knex('admin_sessions').update({ expires_at: toDbTime(new Date(Date.now() - 60_000)) });
    await page.getByRole('columnheader', { name: 'Name' }).click();
    await page.waitForURL(/\/admin\/login\?redirect=/);
    await page
      .getByTestId('login-notice')
      .getByText(/session has expired/)
      .waitFor();
    await signInAs(page, ADMIN.email, ADMIN.password);
    await page.waitForURL(/\/admin\/catalog\/products\?.*sku=BAG-02/);
    await recordsFound().getByText('10', { exact: true }).waitFor();
  });

  it('hides System from a Catalog Manager and refuses its routes', async () => {
    await page.goto('/admin/login');
    await signInAs(page, MANAGER.email, MANAGER.password);
    await page.waitForURL(/\/admin\/$/);
    assert.equal(await page.getByTestId('user-role').innerText(), 'Catalog Manager');
    await page.getByTestId('nav-section-Catalog').waitFor();
    assert.equal(await page.getByTestId('nav-section-System').count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Admin Users' }).count(), 0);

    await page.goto('/admin/system/admin-users');
    await page.getByTestId('access-denied').waitFor();
    assert.match(await page.getByTestId('access-denied').innerText(), /need permissions/);
    assert.equal(await page.getByTestId('users-grid').count(), 0);
  });

  it('signs out, and the admin pages then ask to sign in again', async () => {
    await signInAsAdmin();
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/admin\/login$/);
    await page.getByTestId('login-notice').getByText('You have signed out.').waitFor();
    await page.goto('/admin/catalog/products');
    await page.waitForURL(/\/admin\/login\?redirect=/);
    const me = await page.request.get('/api/auth/me');
    assert.equal(me.status(), 401);
  });
});
