/**
 * Issue 14's browser scenario, end to end in a real headless Chromium: the service listening (its jobs, the SQS
 * consumer and the importer running as `npm start` runs them, notifications on) beside the in-process Amazon
 * simulator; a US store connected through Seller Central's consent (which subscribes it to ORDER_CHANGE) with one
 * published, buyable listing (BOTTLE at $19.99). A shopper opens the local storefront's product page and buys 2 with
 * **Buy now**; Amazon's clock moves past the payment wait through the control plane; the order must be in the commerce
 * orders within 15 s of payment through the notification alone (the searchOrders poll is watched and must not run).
 * Then in the admin: Sales > Orders marks it Amazon with its Amazon order id, the store and its status; the order page
 * has the item (SKU, 2 ordered), totals of 2 × the price (Amazon charged no tax or shipping) and the Seller Central
 * link; the store card's figures, 30-day chart and recent orders count it; the bell says "1 new Amazon order".
 * Without Chromium the suite is skipped with the reason, never passed.
 */
import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import type { Page } from 'playwright-core';
import { ORDER_ALERT_JOB } from '../../src/stores/order-alerts';
import { browserUnavailable, openContext, openTab, type Tab } from './browser';
import { addEanProduct, addTextAttribute } from './seed-catalog';
import {
  SELLER,
  connectUsStore,
  openAdminSession,
  saveFailures,
  simOfferQuantity,
  snapStep,
  startStack,
  type AdminSession,
  type Stack,
} from './stack';

const unavailable = browserUnavailable();
const PRICE = 19.99;
/** Notifications bring a paid order in within this (the issue's target is p95 ≤ 10 s). */
const ARRIVAL_LIMIT_MS = 15_000;

interface OrderRow {
  id: number;
  incrementId: string;
  status: string;
  grandTotal: number;
  amazon: { amazonOrderId: string; storeId: number } | null;
}

describe(`An Amazon order from the storefront to Sales > Orders (e2e)${unavailable ? ` [skipped: ${unavailable}]` : ''}`, function () {
  this.timeout(90_000);
  let stack: Stack;
  let session: AdminSession | undefined;
  let tab: Tab | null = null;
  let page: Page;
  let storeId = 0;
  let asin = '';
  let amazonOrderId = '';
  let order: OrderRow | undefined;
  let polls = 0;

  const simQty = () => simOfferQuantity(stack.sim, 'BOTTLE');
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  before(async function () {
    if (unavailable) {
      console.log(`  (skipped: ${unavailable})`);
      this.skip();
    }
    this.timeout(240_000); // the first run builds the admin with Vite
    const seed = async (knex: Knex) => {
      await addTextAttribute(knex, 'ean', 'EAN');
      await addEanProduct(knex, 'BOTTLE', 'Water Bottle', PRICE, '4006381333931');
    };
    stack = await startStack({ controlToken: 'order-flow-e2e', seed });
    assert.equal(stack.app.config.AMAZON_NOTIFICATIONS, 'on', 'notifications on, as npm start has them');
    // The searchOrders poll is watched, never run by hand: the order must come by the notification alone.
    const intake = stack.app.amazonOrders.intake;
    const pollStore = intake.pollStore.bind(intake);
    intake.pollStore = (...args: Parameters<typeof pollStore>) => {
      polls += 1;
      return pollStore(...args);
    };

    storeId = await connectUsStore(stack, true);
    // Only orders from now on: the simulator's scenario has older orders of this seller.
    await stack.api('PUT', `/api/stores/${storeId}/order-settings`, {
      importOrders: true,
      importStartDate: new Date(stack.sim.clock.nowMs() - 60_000).toISOString(),
    });
    await stack.api('PUT', `/api/stores/${storeId}/listing-rule`, {
      conditions: {
        kind: 'combine',
        aggregator: 'all',
        value: true,
        conditions: [{ kind: 'condition', field: 'attribute', attribute: 'ean', operator: 'is_not_empty' }],
      },
    });
    await stack.app.jobs.runNow('listings.matching');
    for (let i = 0; i < 40 && simQty() !== 10; i++) {
      await stack.app.jobs.runNow('listings.catalog-changes');
      await stack.app.listingsSync.drainStore(storeId);
      if (simQty() !== 10) await sleep(250);
    }
    assert.equal(simQty(), 10, 'BOTTLE is offered on Amazon');
    asin = String((await stack.db.knex('listings').where({ store_id: storeId, sku: 'BOTTLE' }).first('asin')).asin);
    assert.match(asin, /^B0/);

    // The connect subscribed the store to ORDER_CHANGE (in the background).
    let subscribed = false;
    for (let i = 0; i < 40 && !subscribed; i++) {
      subscribed = (await stack.api<{ subscribed: boolean }>('GET', `/api/notifications/stores/${storeId}`)).subscribed;
      if (!subscribed) await sleep(250);
    }
    assert.ok(subscribed, 'the store is subscribed to ORDER_CHANGE after the connect');

    session = await openAdminSession(stack.baseUrl);
    tab = session.tab;
    page = session.page;
  });

  after(async () => {
    await session?.browser.close();
    await stack?.close();
  });

  saveFailures(() => tab);

  it('a shopper buys 2 with Buy now on the local storefront; once paid, the order arrives within 15 s by notification', async () => {
    // The shopper is another person: a browser context of their own (the admin's session stays signed in).
    const shopper = await openContext(session!.browser, stack.sim.sellerCentralUrl);
    const shopperTab = await openTab(shopper);
    tab = shopperTab;
    const shop = shopperTab.page;
    await shop.goto(`${stack.sim.storefrontUrlFor('www.amazon.com')}dp/${asin}`);
    const offer = shop.locator('li.offer[data-sku="BOTTLE"]');
    await offer.getByText('Only 10 left in stock').waitFor();
    await offer.getByLabel('Quantity').fill('2');
    await offer.getByRole('button', { name: 'Buy now' }).click();
    await shop.waitForURL(/\?ordered=/);
    amazonOrderId = new URL(shop.url()).searchParams.get('ordered') ?? '';
    assert.match(amazonOrderId, /^\d{3}-\d{7}-\d{7}$/);
    assert.match(await shop.locator('#order-notice').innerText(), new RegExp(`your order ${amazonOrderId} is placed: 2 × `));
    await snapStep(shop, 'order-flow-storefront');
    assert.equal(simQty(), 8, 'Amazon lowered its own offer at checkout');
    await shopper.close();
    tab = session!.tab;

    // Pending: at most a reservation, no commerce order yet.
    const byId = () => stack.api<{ items: OrderRow[] }>('GET', `/api/sales/orders?q=${amazonOrderId}`);
    await sleep(1500); // the Pending notification has had time to arrive
    assert.equal((await byId()).items.length, 0, 'a Pending order is not an order yet');

    // Payment: Amazon's clock past orderPendingSeconds (120 s by default), through the control plane.
    const paid = await stack.control('POST', '/_simulator/clock', { advanceSeconds: 125 });
    assert.equal(paid.status, 200, paid.text);
    const paidAt = Date.now();
    const pollsAtPayment = polls;
    while (!order && Date.now() - paidAt < ARRIVAL_LIMIT_MS + 5_000) {
      order = (await byId()).items[0];
      if (!order) await sleep(200);
    }
    const took = Date.now() - paidAt;
    assert.ok(order, `the order never arrived (${took} ms)`);
    console.log(`    paid → in Sales > Orders: ${took} ms`);
    assert.ok(took <= ARRIVAL_LIMIT_MS, `the order took ${took} ms from payment (limit ${ARRIVAL_LIMIT_MS} ms)`);
    assert.equal(polls, pollsAtPayment, 'the searchOrders poll did not run: the notification brought it');
    const handled = await stack.db
      .knex('amazon_notifications')
      .where({ amazon_order_id: amazonOrderId, order_status: 'Unshipped' })
      .whereNotNull('handled_at');
    assert.equal(handled.length, 1, 'the Unshipped ORDER_CHANGE was handled once');
  });

  it('Sales > Orders marks it Amazon with its Amazon order id, store and status; the order page has the item and totals', async () => {
    assert.ok(order, 'the order arrived');
    await page.goto('/admin/sales/orders');
    const row = page.getByRole('row').filter({ has: page.getByTestId(`order-link-${order.incrementId}`) });
    await row.waitFor();
    await row.getByTestId('source-amazon').getByText('US').waitFor();
    assert.equal(await row.getByTestId(`amazon-id-${order.incrementId}`).innerText(), amazonOrderId);
    assert.equal(await row.getByTestId(`store-${order.incrementId}`).innerText(), 'Outdoor US');
    assert.equal(await row.getByTestId(`status-${order.incrementId}`).innerText(), 'Processing');
    assert.match(await row.innerText(), /\$39\.98/);
    await snapStep(page, 'order-flow-grid');

    await page.getByTestId(`order-link-${order.incrementId}`).click();
    await page.waitForURL(new RegExp(`/admin/sales/orders/${order.id}$`));
    await page.getByRole('heading', { name: `Order # ${order.incrementId}` }).waitFor();
    const item = page.getByTestId('item-BOTTLE');
    await item.waitFor();
    const cells = (await item.locator('td').allInnerTexts()).map((t) => t.trim());
    assert.match(cells[0]!, /^BOTTLE/);
    assert.equal(cells[2], '2', 'ordered');
    assert.equal(cells[6], '$19.99', 'price');
    assert.equal(cells[9], '$39.98', 'row total');

    // Totals as Amazon charged them: 2 × $19.99, plus the tax Amazon's order carries (the shopper pays no shipping).
    const amazonOrder = stack.sim.sim.world.sellers.get(SELLER.id)?.orders.get(amazonOrderId);
    assert.ok(amazonOrder, "the simulator's order");
    const amazonTax = amazonOrder.items.reduce((sum, i) => sum + Number(i.itemTax ?? '0'), 0);
    assert.equal(Number(amazonOrder.items[0]!.itemPrice), 39.98);
    const { totals } = await stack.api<{
      totals: Record<'subtotal' | 'taxAmount' | 'shippingAmount' | 'discountAmount' | 'grandTotal', number>;
    }>('GET', `/api/sales/orders/${order.id}`);
    assert.deepEqual(totals, {
      ...totals,
      subtotal: 39.98,
      taxAmount: amazonTax,
      shippingAmount: 0,
      discountAmount: 0,
      grandTotal: +(39.98 + amazonTax).toFixed(2),
    });
    assert.equal(order.grandTotal, totals.grandTotal);
    assert.match(await page.getByTestId('total-subtotal').innerText(), /\$39\.98/);
    assert.match(await page.getByTestId('total-grandTotal').innerText(), /\$39\.98/);
    assert.match(await page.getByTestId('order-grand-total').innerText(), /\$39\.98/);

    const details = page.getByTestId('amazon-details');
    assert.equal(await details.getByTestId('amazon-order-id').innerText(), amazonOrderId);
    await details.getByText('Outdoor US').waitFor();
    const link = details.getByTestId('seller-central-link');
    const href = (await link.getAttribute('href')) ?? '';
    assert.match(href, new RegExp(`^http://127\\.0\\.0\\.1:${stack.sim.sellerCentralPort}/.*/orders-v3/order/${amazonOrderId}$`));
    await snapStep(page, 'order-flow-order');

    // The link opens the order in the local Seller Central, after the seller signs in.
    const [seller] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await seller.getByLabel('Email or mobile phone number').fill(SELLER.email);
    await seller.getByLabel('Password').fill(SELLER.password);
    await seller.getByRole('button', { name: 'Sign in' }).click();
    await seller.getByLabel('Enter OTP:').fill(SELLER.otp);
    await seller.getByRole('button', { name: 'Sign in' }).click();
    assert.equal(await seller.locator('#order-id').innerText(), amazonOrderId);
    assert.equal(await seller.locator('#order-status').innerText(), 'Unshipped');
    assert.match(await seller.locator('#order-items').innerText(), /BOTTLE[\s\S]*\t2\t/);
    await seller.close();
  });

  it("the store card's figures, 30-day chart and recent orders count it, and the bell announces it", async () => {
    assert.ok(order, 'the order arrived');
    await page.goto('/admin/amazon/stores');
    const card = page.getByTestId(`store-card-${storeId}`);
    await card.getByTestId('sales-7d').getByTestId('revenue').getByText('$39.98').waitFor();
    assert.equal(await card.getByTestId('sales-30d').getByTestId('orders').innerText(), '1 order');
    assert.equal(await card.getByTestId('sales-30d').getByTestId('units').innerText(), '2 units');
    const chart = card.getByTestId('sales-chart');
    assert.match(await chart.innerText(), /\$39\.98 · 1 order/);
    assert.equal(await chart.locator('rect').count(), 30, 'a bar per day');
    const heights = await chart.locator('rect').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('height'))));
    assert.equal(heights.filter((h) => h > 0).length, 1, "one day's bar, today's");
    assert.ok((heights.at(-1) ?? 0) > 0, 'the last bar is today');
    const recent = card.getByTestId(`recent-order-${order.id}`);
    await recent.waitFor();
    assert.match(await recent.innerText(), new RegExp(amazonOrderId));
    await snapStep(page, 'order-flow-store-card');

    // The new-orders notice (a job every minute: run now rather than wait for it).
    await stack.app.jobs.runNow(ORDER_ALERT_JOB);
    await page.reload();
    await page.getByTestId('notifications').click();
    const menu = page.getByTestId('notifications-menu');
    await menu.getByText('1 new Amazon order on Outdoor US').waitFor();
    await snapStep(page, 'order-flow-bell');
  });
});
