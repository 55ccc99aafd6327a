/**
 * Sales > Orders in a real headless Chromium against the service with the built admin: two orders created through
 * `app.sales.orders.create` (an Amazon business order of the "Amazon US" store with its Amazon facts, and a web
 * order). A Catalog Manager has no Sales menu and is turned away from the grid. The administrator opens
 * Sales > Orders, sees the Amazon order marked with its Amazon order id, filters to Amazon only (the URL keeps it;
 * Export CSV downloads just that order),
 * saves the view, reloads and picks it, opens the order (items, totals, addresses, the Seller Central link in a
 * new tab, the Invoices card with the order's paid invoice) and adds a comment that the history shows. Without
 * Chromium the suite is skipped with the reason.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { toDbTime } from '../../src/db/time';
import type { NewOrder } from '../../src/sales/types';
import { ADMIN, MANAGER, signIn as apiSignIn } from '../helpers/app';
import {
  browserUnavailable,
  closeTab,
  launchChromium,
  openContext,
  openTab,
  signInAs,
  startAdminServer,
  type AdminServer,
  type Tab,
} from './browser';
import { skuOf } from './seed-catalog';
import { chooseOption, saveFailures, snapStep } from './stack';

const unavailable = browserUnavailable();
const AMAZON_ORDER_ID = '113-4455667-1234567';

describe(`Sales > Orders in the browser (e2e)${unavailable ? ` [skipped: ${unavailable}]` : ''}`, function () {
  this.timeout(30_000);
  let server: AdminServer;
  let browser: Browser;
  let context: BrowserContext;
  let tab: Tab | null = null;
  let page: Page;
  let amazonOrder = { id: 0, incrementId: '' };
  let webOrder = { id: 0, incrementId: '' };
  let invoiceNumber = '';

  /** An order keeping the totals rule: 2 × 10 + 5 shipping + 1.50 tax − 2 discount = 24.50. */
  const order = (websiteId: number, storeViewId: number, over: Partial<NewOrder>): NewOrder => ({
    websiteId,
    storeViewId,
    source: 'web',
    customerEmail: 'gina@example.com',
    customerFirstname: 'Gina',
    customerLastname: 'Guest',
    orderCurrencyCode: 'USD',
    paymentMethod: 'checkmo',
    totals: { subtotal: 20, taxAmount: 1.5, shippingAmount: 5, shippingTaxAmount: 0.5, discountAmount: 2, grandTotal: 24.5 },
    items: [{ sku: skuOf(1), name: 'Voyager Backpack 1', qtyOrdered: 2, price: 10, taxAmount: 1 }],
    billingAddress: {
      firstname: 'Gina',
      lastname: 'Guest',
      street: ['1 Main St'],
      city: 'Seattle',
      region: 'WA',
      postcode: '98101',
      countryId: 'US',
    },
    shippingAddress: { firstname: 'Sam', lastname: 'Shipper', street: ['9 Dock Rd'], city: 'Tacoma', postcode: '98402', countryId: 'US' },
    ...over,
  });

  const create = async (input: NewOrder) => {
    const result = await server.app.db.transaction((trx) => server.app.sales.orders.create(trx, input));
    assert.ok(result.ok, JSON.stringify(result));
    return { id: result.orderId, incrementId: result.incrementId };
  };

  const notice = async (text: string | RegExp) => {
    await page.getByTestId('notice').getByText(text).waitFor();
    await page.getByRole('button', { name: 'Dismiss message' }).click();
    await page.getByTestId('notice').waitFor({ state: 'hidden' });
  };
  const recordsFound = () => page.getByTestId('records-found').innerText();
  const signIn = async (email: string, password: string) => {
    tab = await openTab(context);
    page = tab.page;
    await page.goto('/admin/login');
    await signInAs(page, email, password);
    await page.waitForURL(/\/admin\/(?!login)/);
  };

  before(async function () {
    if (unavailable) {
      console.log(`  (skipped: ${unavailable})`);
      this.skip();
    }
    this.timeout(240_000); // the first run builds the admin with Vite
    server = await startAdminServer();
    const knex = server.db.knex;
    const website = await knex('websites').where({ code: 'base' }).first('id');
    const view = await knex('store_views').where({ code: 'default' }).first('id');
    const now = toDbTime();
    const [storeId] = await knex('amazon_stores').insert({
      name: 'Amazon US',
      email: 'seller@example.com',
      website_id: website.id,
      marketplace_id: 'ATVPDKIKX0DER',
      status: 'active',
      authorization_state: 'not_connected',
      product_id_type: 'ean',
      product_id_attribute: 'color',
      settings: '{}',
      created_at: now,
      updated_at: now,
    });
    webOrder = await create(order(website.id, view.id, { purchasedAt: '2026-11-30T08:00:00Z', customerEmail: 'walk-in@example.com' }));
    amazonOrder = await create(
      order(website.id, view.id, {
        source: 'amazon',
        state: 'processing',
        customerEmail: 'buyer@marketplace.amazon.com',
        comment: 'Imported from Amazon',
        author: 'Amazon import',
        amazon: {
          storeId: Number(storeId),
          marketplaceId: 'ATVPDKIKX0DER',
          amazonOrderId: AMAZON_ORDER_ID,
          amazonStatus: 'Unshipped',
          fulfillmentChannel: 'MFN',
          purchaseDate: '2026-12-01T09:00:00Z',
          latestShipDate: '2026-12-03T23:59:59Z',
          isBusiness: true,
          purchaseOrderNumber: 'PO-7788',
          buyerTaxRegistration: [{ type: 'VAT', value: 'DE123456789', country: 'DE' }],
        },
      }),
    );
    // Paid through Amazon, as the import's createInvoice does: the order page lists the invoice.
    const invoice = await server.app.db.transaction((trx) =>
      server.app.sales.invoices.create(trx, amazonOrder.id, { source: 'amazon', author: 'Amazon import', comment: 'paid through Amazon' }),
    );
    assert.ok(invoice.ok, JSON.stringify(invoice));
    invoiceNumber = invoice.incrementId;
    browser = await launchChromium();
    context = await openContext(browser, server.baseUrl);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  saveFailures(() => tab);

  it('shows a Catalog Manager no Sales menu, and turns the orders URL away', async () => {
    await signIn(MANAGER.email, MANAGER.password);
    await page.getByTestId('nav-section-Catalog').waitFor();
    assert.equal(await page.getByTestId('nav-section-Sales').count(), 0);
    await page.goto('/admin/sales/orders');
    await page.waitForURL(/\/admin\/denied/);
    await closeTab(tab!);
  });

  it('marks the Amazon order in Sales > Orders, filters to Amazon only and keeps the filter in the URL', async () => {
    await signIn(ADMIN.email, ADMIN.password);
    await page.getByTestId('nav-section-Sales').getByRole('link', { name: 'Orders', exact: true }).click();
    await page.waitForURL(/\/admin\/sales\/orders$/);
    await page.getByTestId(`order-link-${webOrder.incrementId}`).waitFor();
    assert.match(await recordsFound(), /^2 records found/);
    const amazonRow = page.getByRole('row').filter({ has: page.getByTestId(`order-link-${amazonOrder.incrementId}`) });
    await amazonRow.getByTestId('source-amazon').getByText('US').waitFor();
    assert.equal(await amazonRow.getByTestId(`amazon-id-${amazonOrder.incrementId}`).innerText(), AMAZON_ORDER_ID);
    await amazonRow.getByTestId(`store-${amazonOrder.incrementId}`).getByText('Amazon US').waitFor(); // the store's name
    await snapStep(page, 'sales-orders-grid');
    const webRow = page.getByRole('row').filter({ has: page.getByTestId(`order-link-${webOrder.incrementId}`) });
    await webRow.getByTestId('source-web').waitFor();

    await page.getByTestId('filters-button').click();
    await chooseOption(page, page.getByTestId('order-filters'), 'Source', 'Amazon');
    await page.getByTestId('apply-filters').click();
    await page.waitForURL(/[?&]source=amazon/);
    await page.getByTestId(`order-link-${webOrder.incrementId}`).waitFor({ state: 'detached' });
    assert.match(await recordsFound(), /^1 records found/);
    await page.getByTestId('chip-source').getByText('Source: Amazon').waitFor();

    // Export CSV: the filtered orders, fetched with the session cookie.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    assert.match(download.suggestedFilename(), /^orders-.*\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    assert.ok(csv.includes(AMAZON_ORDER_ID), csv);
    assert.ok(!csv.includes('walk-in@example.com'), 'the web order is filtered out');
    await notice(/^Exported 1 orders to orders-/);

    // The link alone gives the same grid (a shared URL, a reload).
    await page.reload();
    await page.getByTestId(`order-link-${amazonOrder.incrementId}`).waitFor();
    assert.match(await recordsFound(), /^1 records found/);
  });

  it('saves the filtered grid as a view, and picks it again after a reload of the plain grid', async () => {
    await page.getByTestId('views-button').click();
    await page.getByTestId('save-view').click();
    await page.getByTestId('view-name').getByRole('textbox').fill('Amazon only');
    await page.getByTestId('save-view-submit').click();
    await notice('Saved the view “Amazon only”.');
    const saved = await server.app.inject({ method: 'GET', url: '/api/sales/order-views', headers: { cookie: await adminCookie() } });
    assert.deepEqual(
      saved.json<{ name: string; filters: Record<string, unknown> }[]>().map((v) => [v.name, v.filters.source]),
      [['Amazon only', 'amazon']],
    );

    await page.goto('/admin/sales/orders');
    await page.getByTestId(`order-link-${webOrder.incrementId}`).waitFor();
    await page.getByTestId('views-button').click();
    await page.getByTestId('view-Amazon only').click();
    await page.waitForURL(/[?&]source=amazon/);
    await page.getByTestId(`order-link-${webOrder.incrementId}`).waitFor({ state: 'detached' });
    assert.match(await recordsFound(), /^1 records found/);
    assert.match(await page.getByTestId('views-button').innerText(), /Amazon only/);
  });

  it('opens the order: items, totals, addresses, Amazon details and the Seller Central link in a new tab', async () => {
    await page.getByTestId(`order-link-${amazonOrder.incrementId}`).click();
    await page.waitForURL(new RegExp(`/admin/sales/orders/${amazonOrder.id}$`));
    await page.getByRole('heading', { name: `Order # ${amazonOrder.incrementId}` }).waitFor();
    await page.getByTestId('order-status').getByText('Processing').waitFor();

    const item = page.getByTestId(`item-${skuOf(1)}`);
    await item.getByText('Voyager Backpack 1').waitFor();
    assert.match(await item.innerText(), /\$10\.00[\s\S]*\$20\.00/);
    assert.match(await page.getByTestId('total-subtotal').innerText(), /\$20\.00/);
    assert.match(await page.getByTestId('total-shippingAmount').innerText(), /\$5\.00/);
    assert.match(await page.getByTestId('total-taxAmount').innerText(), /\$1\.50/);
    assert.match(await page.getByTestId('total-discountAmount').innerText(), /−\$2\.00/);
    assert.match(await page.getByTestId('total-grandTotal').innerText(), /\$24\.50/);
    assert.match(await page.getByTestId('billing-address').innerText(), /Gina Guest[\s\S]*1 Main St[\s\S]*Seattle, WA 98101/);
    assert.match(await page.getByTestId('shipping-address').innerText(), /Sam Shipper[\s\S]*9 Dock Rd[\s\S]*Tacoma 98402/);

    const details = page.getByTestId('amazon-details');
    assert.equal(await details.getByTestId('amazon-order-id').innerText(), AMAZON_ORDER_ID);
    await details.getByText('Amazon US').waitFor();
    await details.getByTestId('business').waitFor();
    assert.equal(await details.getByTestId('purchase-order-number').innerText(), 'PO-7788');
    await details.getByText('DE123456789').waitFor();
    const detail = (
      await server.app.inject({ method: 'GET', url: `/api/sales/orders/${amazonOrder.id}`, headers: { cookie: await adminCookie() } })
    ).json<{ amazon: { sellerCentralUrl: string } }>();
    const link = details.getByTestId('seller-central-link');
    assert.equal(await link.getAttribute('href'), detail.amazon.sellerCentralUrl);
    assert.match(detail.amazon.sellerCentralUrl, new RegExp(`/orders-v3/order/${AMAZON_ORDER_ID}$`));
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.match((await link.getAttribute('rel')) ?? '', /noopener/);
    await snapStep(page, 'sales-orders-order');
  });

  it('lists the invoice in the Invoices card, its items on expand', async () => {
    const invoices = page.getByTestId('order-invoices');
    const row = invoices.getByTestId('invoice-row');
    assert.equal(await row.count(), 1);
    assert.equal(await row.getByTestId('invoice-number').innerText(), invoiceNumber);
    assert.equal(await row.getByTestId('invoice-state').innerText(), 'Paid');
    assert.equal(await row.getByTestId('invoice-grand-total').innerText(), '$24.50');
    assert.equal(await invoices.getByTestId('invoice-item').count(), 0, 'items closed at first');
    await row.getByRole('button', { name: `Show the items of invoice ${invoiceNumber}` }).click();
    const item = invoices.getByTestId('invoice-item');
    await item.first().waitFor();
    assert.match(await item.first().innerText(), new RegExp(`${skuOf(1)}[\\s\\S]*Voyager Backpack 1[\\s\\S]*2[\\s\\S]*\\$20\\.00`));
    await snapStep(page, 'sales-orders-invoices');
  });

  it('adds a comment to the status history', async () => {
    const history = page.getByTestId('order-history');
    await history.getByText('Imported from Amazon').waitFor();
    await history.getByTestId('comment-text').getByRole('textbox').fill('Buyer asked for gift wrap');
    await history.getByTestId('comment-submit').click();
    await notice('Comment added to the order history.');
    const first = history.getByTestId('history-entry').first();
    await first.getByText('Buyer asked for gift wrap').waitFor();
    assert.match(await first.innerText(), new RegExp(ADMIN.email));
    // Still there after a reload: it was saved, not only shown.
    await page.reload();
    await page.getByTestId('order-history').getByText('Buyer asked for gift wrap').waitFor();
    await closeTab(tab!);
    tab = null;
  });

  let cookie: string | null = null;
  /** The administrator's session for checks over the API (what the page shows is what was stored). */
  async function adminCookie(): Promise<string> {
    cookie ??= await apiSignIn(server.app, ADMIN.email, ADMIN.password);
    return cookie;
  }
});
