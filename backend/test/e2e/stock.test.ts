/**
 * Stock in a real headless Chromium against the real service (listening, so its jobs run) and the in-process
 * Amazon simulator, with a US store connected through the API and one published listing (BOTTLE, 10 at
 * us-east): (1) a source quantity changed on the catalog's product page reaches the simulator's offer;
 * (2) the listing switched to a manual quantity on the listing page, the simulator's shopper buys one, the
 * Amazon sales job sees it once Amazon's Orders API shows it, and the listing page shows the manual count
 * lowered while the catalog product's quantity is unchanged. Without Chromium the suite is skipped with the
 * reason, never passed.
 */
import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import type { Page } from 'playwright-core';
import { browserUnavailable, type Tab } from './browser';
import { addEanProduct, addTextAttribute } from './seed-catalog';
import {
  SELLER,
  US,
  connectUsStore,
  openAdminSession,
  saveFailures,
  simOfferQuantity,
  startStack,
  type AdminSession,
  type Stack,
} from './stack';

const unavailable = browserUnavailable();

describe(`Stock in the browser (e2e)${unavailable ? ` [skipped: ${unavailable}]` : ''}`, function () {
  this.timeout(60_000);
  let stack: Stack;
  let session: AdminSession | undefined;
  let tab: Tab | null = null;
  let page: Page;
  let storeId = 0;
  let productId = 0;
  let listingId = 0;

  const simQty = () => simOfferQuantity(stack.sim, 'BOTTLE');
  /** Runs the change consumer and a sync pass (the server's own jobs may get there first) until Amazon shows `qty`. */
  async function untilSimQty(qty: number): Promise<void> {
    for (let i = 0; i < 40 && simQty() !== qty; i++) {
      await stack.app.jobs.runNow('listings.catalog-changes');
      await stack.app.listingsSync.drainStore(storeId);
      if (simQty() !== qty) await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(simQty(), qty, "the simulator's offer quantity");
  }

  before(async function () {
    if (unavailable) {
      console.log(`  (skipped: ${unavailable})`);
      this.skip();
    }
    this.timeout(180_000); // the first run builds the admin with Vite
    // BOTTLE: an EAN the simulator's catalog knows (one ASIN), 10 units at us-east.
    const seed = async (knex: Knex) => {
      await addTextAttribute(knex, 'ean', 'EAN');
      productId = await addEanProduct(knex, 'BOTTLE', 'Water Bottle', 19.99, '4006381333931');
    };
    stack = await startStack({ controlToken: 'stock-e2e', seed });
    storeId = await connectUsStore(stack, true);
    await stack.api('PUT', `/api/stores/${storeId}/listing-rule`, {
      conditions: {
        kind: 'combine',
        aggregator: 'all',
        value: true,
        conditions: [{ kind: 'condition', field: 'attribute', attribute: 'ean', operator: 'is_not_empty' }],
      },
    });
    await stack.app.jobs.runNow('listings.matching');
    listingId = Number((await stack.db.knex('listings').where({ store_id: storeId, sku: 'BOTTLE' }).first('id')).id);
    await untilSimQty(10);
    session = await openAdminSession(stack.baseUrl);
    tab = session.tab;
    page = session.page;
  });

  after(async () => {
    await session?.browser.close();
    await stack?.close();
  });

  saveFailures(() => tab);

  it("a source quantity changed on the catalog's product page reaches the simulator's offer", async () => {
    await page.goto(`/admin/catalog/products/${productId}`);
    await page.getByLabel('Qty at US East Warehouse').fill('7');
    await page.getByTestId('source-save-us-east').click();
    await page.getByTestId('notice').getByText('Saved the quantity at US East Warehouse.').waitFor();
    await untilSimQty(7);
  });

  it('a manual quantity on the listing page drops when the simulator’s shopper buys one; the catalog is unchanged', async () => {
    await page.goto(`/admin/amazon/stores/${storeId}/listings/${listingId}`);
    await page.getByTestId('listing-status').getByText('Active', { exact: true }).waitFor();
    await page.getByTestId('override-manualQuantity').getByLabel('Manual quantity').fill('5');
    await page.getByTestId('save-overrides').click();
    await page.getByText('Overrides saved').waitFor();
    await untilSimQty(5);

    const bought = await stack.control('POST', '/_simulator/shopper/orders', {
      sellerId: SELLER.id,
      marketplaceId: US,
      sku: 'BOTTLE',
      quantity: 1,
    });
    assert.equal(bought.status, 201, bought.text);
    const orderId = bought.json<{ amazonOrderId: string }>().amazonOrderId;
    assert.equal(simQty(), 4, 'Amazon lowered its own quantity at checkout');
    // Amazon's Orders API shows the order once it is past payment (2 min) and the API's 2-minute lag.
    stack.sim.advance(250);
    for (let i = 0; i < 20 && (await stack.db.knex('amazon_sales').where({ amazon_order_id: orderId })).length === 0; i++) {
      const run = await stack.app.jobs.runNow('inventory.amazon-sales'); // lease_held: the server's own run is at it
      if (!run.ran) await new Promise((r) => setTimeout(r, 250));
    }

    await page.reload();
    await page.getByTestId('listing-activity').getByText(`Amazon sale ${orderId} lowered the manual quantity 5 → 4`).waitFor();
    assert.equal(await page.getByTestId('override-manualQuantity').getByLabel('Manual quantity').inputValue(), '4');
    await page.getByText('4 (manual)').waitFor();
    await untilSimQty(4);

    await page.goto(`/admin/catalog/products/${productId}`);
    assert.equal(await page.getByLabel('Qty at US East Warehouse').inputValue(), '7', "the catalog's quantity is unchanged");
    const stored = await stack.db.knex('source_items').where({ sku: 'BOTTLE', source_code: 'us-east' }).first('quantity');
    assert.equal(Number(stored.quantity), 7);
  });
});
