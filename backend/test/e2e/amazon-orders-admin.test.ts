/**
 * The admin of Amazon order import in a real headless Chromium against the service and the in-process Amazon
 * simulator, with a US store connected through the API: (1) the store's Orders section — order numbers from the
 * sequence with a changed prefix and a changed status mapping — saved, and still there after a reload; (2) an order
 * whose seller SKU matches nothing (replayed into the simulator through its control plane) is read by Import now,
 * kept in Sales > Orders needing attention with its reason, counted on the store card and in Sales > Orders' header;
 * Map SKU picks a catalog product and retries: the order leaves the workbench and is in Sales > Orders with the
 * prefix and the mapped status. Without Chromium the suite is skipped with the reason, never passed.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserUnavailable, type Tab } from './browser';
import { addTextAttribute, skuOf } from './seed-catalog';
import {
  SELLER,
  US,
  chooseOption,
  connectUsStore,
  openAdminSession,
  saveFailures,
  snapStep,
  startStack,
  type AdminSession,
  type Stack,
} from './stack';

const unavailable = browserUnavailable();
const AMAZON_ORDER_ID = '113-5550001-0000077';

describe(`Amazon order import in the admin (e2e)${unavailable ? ` [skipped: ${unavailable}]` : ''}`, function () {
  this.timeout(60_000);
  let stack: Stack;
  let session: AdminSession | undefined;
  let tab: Tab | null = null;
  let page: Page;
  let storeId = 0;

  const notice = async (text: string | RegExp) => {
    await page.getByTestId('notice').getByText(text).waitFor();
    await page.getByRole('button', { name: 'Dismiss message' }).click();
    await page.getByTestId('notice').waitFor({ state: 'hidden' });
  };

  before(async function () {
    if (unavailable) {
      console.log(`  (skipped: ${unavailable})`);
      this.skip();
    }
    this.timeout(180_000); // the first run builds the admin with Vite
    stack = await startStack({ controlToken: 'orders-admin-e2e', seed: (knex) => addTextAttribute(knex, 'ean', 'EAN') });
    storeId = await connectUsStore(stack, false);
    // Amazon's Orders API answers at once, and the import reads up to now; the simulator's earlier orders stay out.
    const settings = await stack.control('POST', '/_simulator/settings', { ordersApiLagSeconds: 0 });
    assert.ok(settings.status < 300, settings.text);
    stack.app.config.AMAZON_ORDERS_LAG_SECONDS = 0;
    await stack.api('PUT', `/api/stores/${storeId}/order-settings`, {
      importOrders: true,
      importStartDate: new Date(stack.sim.clock.nowMs() - 60_000).toISOString(),
    });
    session = await openAdminSession(stack.baseUrl);
    tab = session.tab;
    page = session.page;
  });

  after(async () => {
    await session?.browser.close();
    await stack?.close();
  });

  saveFailures(() => tab);

  it("saves the store's order numbering prefix and status mapping, and shows them after a reload", async () => {
    await page.goto(`/admin/amazon/stores/${storeId}/dashboard`);
    await page.getByTestId('store-sections').getByRole('link', { name: 'Orders', exact: true }).click();
    await page.waitForURL(new RegExp(`/amazon/stores/${storeId}/order-settings$`));
    const form = page.getByTestId('order-settings');
    await form.getByLabel("The store view's order numbers, with a prefix").check();
    await form.getByLabel('Number prefix').fill('AZ-');
    await form.getByLabel('Status of an Unshipped order').fill('amazon_paid');
    await form.getByLabel('Status of an Unshipped order').press('Tab');
    // A prefix the API refuses is named before anything is sent.
    await form.getByLabel('Number prefix').fill('AZ #');
    await page.getByTestId('save-order-settings').click();
    await form
      .getByText(/^Number prefix must match/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Dismiss message' }).click();
    await form.getByLabel('Number prefix').fill('AZ-');
    await page.getByTestId('save-order-settings').click();
    await notice('Order settings saved');

    await page.reload();
    await page.getByTestId('save-order-settings').waitFor();
    assert.equal(await form.getByLabel('Number prefix').inputValue(), 'AZ-');
    assert.equal(await form.getByLabel('Status of an Unshipped order').inputValue(), 'amazon_paid');
    assert.ok(await form.getByLabel("The store view's order numbers, with a prefix").isChecked());
    const saved = await stack.api<{ numbering: string; numberPrefix: string; statusMapping: Record<string, string> }>(
      'GET',
      `/api/stores/${storeId}/order-settings`,
    );
    assert.deepEqual([saved.numbering, saved.numberPrefix, saved.statusMapping.unshipped], ['sequence', 'AZ-', 'amazon_paid']);
    await snapStep(page, 'amazon-orders-settings');
  });

  it('Import now keeps an order with an unknown SKU in the workbench, with its reason, on the store card and in Sales > Orders', async () => {
    const at = new Date(stack.sim.clock.nowMs() - 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const replayed = await stack.control('POST', '/_simulator/orders', {
      sellerId: SELLER.id,
      order: {
        AmazonOrderId: AMAZON_ORDER_ID,
        PurchaseDate: at,
        LastUpdateDate: at,
        OrderStatus: 'Unshipped',
        FulfillmentChannel: 'MFN',
        MarketplaceId: US,
        ShipServiceLevel: 'Std US D2D Dom',
        ShipmentServiceLevelCategory: 'Standard',
        OrderTotal: { CurrencyCode: 'USD', Amount: '12.00' },
        ShippingAddress: {
          Name: 'Jordan Rivers',
          AddressLine1: '742 Evergreen Terrace',
          City: 'Springfield',
          StateOrRegion: 'OR',
          PostalCode: '97477',
          CountryCode: 'US',
        },
        BuyerInfo: { BuyerEmail: 'q8x2@marketplace.amazon.com', BuyerName: 'Jordan Rivers' },
      },
      orderItems: [
        {
          ASIN: 'B0SIM00099',
          SellerSKU: 'MYSTERY-1',
          OrderItemId: '55500770001',
          Title: 'Mystery bag',
          QuantityOrdered: 1,
          QuantityShipped: 0,
          ItemPrice: { CurrencyCode: 'USD', Amount: '12.00' },
        },
      ],
    });
    assert.equal(replayed.status, 201, replayed.text);

    await page.getByTestId('import-now').click();
    await page
      .getByTestId('import-result')
      .getByText(/1 needs attention/)
      .waitFor();
    await page.getByTestId('import-attention-link').getByText('1 order needs attention').waitFor();
    await page
      .getByTestId('notice')
      .getByText(/needs attention/)
      .waitFor();
    await page.getByRole('button', { name: 'Dismiss message' }).click();

    // The store card says so, and links to the workbench filtered to the store.
    await page.goto('/admin/amazon/stores');
    const card = page.getByTestId(`store-card-${storeId}`);
    await card.getByTestId('orders-attention').getByText('1 Amazon order needs attention').click();
    await page.waitForURL(new RegExp(`/admin/sales/amazon-workbench\\?storeId=${storeId}$`));
    await page.getByTestId(`attention-${AMAZON_ORDER_ID}`).waitFor();
    assert.match(await page.getByTestId(`reason-${AMAZON_ORDER_ID}`).innerText(), /seller SKU MYSTERY-1 matches no product/);
    assert.match(await page.getByTestId(`count-store-${storeId}`).innerText(), /Outdoor US: 1/);
    await snapStep(page, 'amazon-orders-workbench');

    // Sales > Orders' header links here too.
    await page.goto('/admin/sales/orders');
    await page.getByTestId('orders-need-attention').getByText('1 need attention').click();
    await page.waitForURL(/\/admin\/sales\/amazon-workbench$/);
    await page.getByTestId(`attention-${AMAZON_ORDER_ID}`).waitFor();
  });

  it('Map SKU to a catalog product retries the order: it leaves the workbench and is in Sales > Orders', async () => {
    await page.getByTestId(`map-sku-${AMAZON_ORDER_ID}`).click();
    const dialog = page.getByTestId('map-sku-dialog');
    assert.equal(await dialog.getByLabel('Seller SKU on Amazon').inputValue(), 'MYSTERY-1');
    await chooseOption(page, dialog, 'Catalog product (search by SKU or name)', new RegExp(`^${skuOf(1)} — `), skuOf(1));
    await dialog.getByTestId('map-sku-submit').click();
    await notice(`Amazon order ${AMAZON_ORDER_ID} imported.`);
    await page.getByTestId(`attention-${AMAZON_ORDER_ID}`).waitFor({ state: 'detached' });
    await page.getByTestId('empty-state').getByText('No order needs attention.').waitFor();
    const mappings = await stack.api<{ sellerSku: string; sku: string }[]>('GET', `/api/stores/${storeId}/amazon-orders/sku-mappings`);
    assert.deepEqual(
      mappings.map((m) => [m.sellerSku, m.sku]),
      [['MYSTERY-1', skuOf(1)]],
    );

    await page.goto(`/admin/sales/orders?q=${AMAZON_ORDER_ID}`);
    const row = page.getByRole('row').filter({ hasText: AMAZON_ORDER_ID });
    await row.waitFor();
    assert.match(await row.innerText(), /AZ-\d+/, 'numbered from the sequence with the saved prefix');
    await row.getByText('Amazon paid').waitFor(); // the mapped status
    assert.equal(await page.getByTestId('orders-need-attention').count(), 0);
  });
});
