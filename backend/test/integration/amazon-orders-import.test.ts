/**
 * Amazon orders into the commerce orders (amazon-orders/) against the in-process simulator with the real client:
 * a Pending purchase reserves stock, the paid order is created with the reservation converted (and its invoice,
 * or none with createInvoice off), duplicate and
 * out-of-order versions change nothing, settings (numbering, customer, status and shipping mapping, MFN/AFN, start
 * date) apply, an unknown SKU waits in the workbench until mapped, a buyer cancellation cancels the order and gives
 * the stock back, a crash before the commit leaves exactly one order after the retry, and polling alone catches all.
 */
import assert from 'node:assert/strict';
import { ALL, cond, startListingsHarness, type ListingsHarness } from './listings-harness';

const SELLER = 'A2SIMOUTDOOR01';
const US = 'ATVPDKIKX0DER';

describe('Amazon orders: import into the commerce orders', function () {
  this.timeout(180_000);
  let h: ListingsHarness;
  let stockId: number;
  const ok = async <T>(res: Promise<{ statusCode: number; body: string; json<U = unknown>(): U }>) => {
    const r = await res;
    assert.ok(r.statusCode < 300, `${r.statusCode} ${r.body}`);
    return r.json<T>();
  };
  const control201 = async (path: string, body: unknown) => {
    try {
      await h.control('POST', path, body);
    } catch (err) {
      if (!/→ 201 /.test((err as Error).message)) throw err;
    }
  };
  const buy = async (sku: string, quantity: number): Promise<string> => {
    const known = new Set(h.sim.sim.world.sellers.get(SELLER)!.orders.keys());
    await control201('/_simulator/shopper/orders', { sellerId: SELLER, marketplaceId: US, sku, quantity });
    return [...h.sim.sim.world.sellers.get(SELLER)!.orders.keys()].find((id) => !known.has(id))!;
  };
  const salable = async (sku: string) => (await h.app.catalog.inventory.salableQty([sku], stockId)).get(sku)!.salableQty;
  const poll = () => ok<Record<string, number>>(h.api({ method: 'POST', url: `/api/stores/${h.storeId}/amazon-orders/import` }));
  const settings = (patch: Record<string, unknown>) =>
    ok(h.api({ method: 'PUT', url: `/api/stores/${h.storeId}/order-settings`, payload: patch }));
  const notify = (amazonOrderId: string) => h.app.amazonOrders.handleOrderChange({ sellerId: SELLER, amazonOrderId, marketplaceId: US });
  const record = (amazonOrderId: string) => h.db.knex('amazon_order_imports').where({ amazon_order_id: amazonOrderId }).first();
  const ordersOf = (amazonOrderId: string) => h.db.knex('sales_order_amazon').where({ amazon_order_id: amazonOrderId });
  const order = async (amazonOrderId: string) => {
    const [link] = await ordersOf(amazonOrderId);
    assert.ok(link, `an order for ${amazonOrderId}`);
    return h.db.knex('sales_orders').where({ id: link.order_id }).first();
  };
  const paid = () => h.sim.advance(61);

  before(async () => {
    h = await startListingsHarness();
    await h.control('POST', '/_simulator/settings', { ordersApiLagSeconds: 0, orderPendingSeconds: 60 });
    h.app.config.AMAZON_ORDERS_LAG_SECONDS = 0;
    await h.saveRule(ALL([cond('product_type', 'in', ['simple']), cond('attribute', 'is_not_empty', undefined, 'ean')]));
    await h.app.jobs.runNow('listings.matching');
    const bottle = (await h.listingBySku('BOTTLE')).id;
    await ok(h.api({ method: 'POST', url: `/api/stores/${h.storeId}/listings/${bottle}/publish` }));
    await h.app.listingsSync.drainStore(h.storeId);
    stockId = (await h.app.catalog.structure.websites()).find((w) => w.code === 'base')!.stockId!;
    // The scenario's seeded orders are older: the import starts now.
    await settings({ importStartDate: new Date(h.sim.clock.nowMs() - 60_000).toISOString() });
  });
  after(async () => h?.close());

  it('Pending reserves stock; Unshipped creates the order once, the reservation converted; duplicates change nothing', async () => {
    assert.equal(await salable('BOTTLE'), 10);
    const id = await buy('BOTTLE', 2);
    const pending = await notify(id);
    assert.equal(pending.action, 'reserved');
    assert.equal(await salable('BOTTLE'), 8, 'the Pending order holds 2');
    assert.equal((await ordersOf(id)).length, 0, 'no order while Pending');
    paid();
    const created = await notify(id);
    assert.equal(created.action, 'created');
    assert.equal(await salable('BOTTLE'), 8, "the order's own reservation replaced the Pending one");
    const o = await order(id);
    assert.equal(o.increment_id, id, "Amazon's number by default");
    assert.equal(o.status, 'processing');
    assert.equal(o.customer_is_guest ? 1 : 0, 1);
    assert.equal(o.shipping_method, 'amazon_standard');
    // A duplicate notification and the poll: still one order, the stock held once.
    assert.equal((await notify(id)).action, 'unchanged');
    await poll();
    assert.equal((await ordersOf(id)).length, 1);
    assert.equal(await salable('BOTTLE'), 8);
    const rec = await record(id);
    assert.equal(rec.state, 'imported');
    // createInvoice (on by default): exactly one paid invoice billing Amazon's totals, the whole order invoiced.
    const d = await h.app.sales.orders.detail(o.id);
    assert.equal(d.invoices.length, 1);
    assert.equal(d.invoices[0]!.state, 'paid');
    assert.equal(d.invoices[0]!.source, 'amazon');
    assert.deepEqual(d.invoices[0]!.totals, d.totals);
    assert.ok(d.totals.grandTotal > 0);
    assert.ok(d.items.every((i) => i.qtyInvoiced === i.qtyOrdered));
    assert.ok(d.history.some((e) => /^Invoiced .*: .* paid through Amazon\.$/.test(e.comment ?? '')));
  });

  it('createInvoice off: the order comes in with no invoice', async () => {
    await settings({ createInvoice: false });
    try {
      const id = await buy('BOTTLE', 1);
      paid();
      assert.equal((await notify(id)).action, 'created');
      const d = await h.app.sales.orders.detail((await order(id)).id);
      assert.equal(d.invoices.length, 0);
      assert.ok(d.items.every((i) => i.qtyInvoiced === 0));
      assert.equal(d.state, 'processing', 'paid on Amazon all the same');
    } finally {
      await settings({ createInvoice: true });
    }
  });

  it('an older version arriving after a newer one is ignored', async () => {
    const id = await buy('BOTTLE', 1);
    paid();
    const fresh = (await h.app.spapi.getOrder2026(await h.app.stores.sellerContext(h.storeId), id))!;
    const { readAmazonOrder } = await import('../../src/spapi/index');
    const now = readAmazonOrder(fresh);
    assert.equal((await h.app.amazonOrders.importer.importOrder(h.storeId, now)).action, 'created');
    const older = { ...now, status: 'PENDING' as const, updatedAt: new Date(Date.parse(now.updatedAt!) - 60_000).toISOString() };
    assert.equal((await h.app.amazonOrders.importer.importOrder(h.storeId, older)).action, 'stale');
    assert.equal((await order(id)).state, 'processing');
  });

  it('buyer cancellation → the order canceled and its stock given back', async () => {
    const id = await buy('BOTTLE', 1);
    paid();
    await notify(id);
    const before = await salable('BOTTLE');
    await h.control('POST', '/_simulator/orders/cancel', { sellerId: SELLER, amazonOrderId: id, reason: 'changed mind' });
    assert.equal((await notify(id)).action, 'updated');
    const o = await order(id);
    assert.equal(o.state, 'canceled');
    assert.equal(await salable('BOTTLE'), before + 1);
  });

  it('a Pending order canceled before payment releases its reservation and is skipped', async () => {
    const start = await salable('BOTTLE');
    const id = await buy('BOTTLE', 1);
    await notify(id);
    assert.equal(await salable('BOTTLE'), start - 1);
    await h.control('POST', '/_simulator/orders/cancel', { sellerId: SELLER, amazonOrderId: id });
    assert.equal((await notify(id)).action, 'skipped');
    assert.equal(await salable('BOTTLE'), start);
    assert.equal((await ordersOf(id)).length, 0);
  });

  it('settings: sequence with prefix, customers by e-mail, status and shipping method mapping', async () => {
    await settings({
      numbering: 'sequence',
      numberPrefix: 'AZ-',
      customerMode: 'create_account',
      statusMapping: { unshipped: 'amazon_paid', shipped: 'complete', canceled: 'canceled' },
      shippingMethods: [{ serviceLevel: 'Standard', code: 'flatrate_flatrate', title: 'Flat Rate' }],
    });
    const id = await buy('BOTTLE', 1);
    paid();
    await notify(id);
    const o = await order(id);
    assert.match(o.increment_id, /^AZ-\d{9}$/);
    assert.equal(o.status, 'amazon_paid');
    assert.equal(o.shipping_method, 'flatrate_flatrate');
    assert.equal(o.shipping_description, 'Flat Rate');
    assert.ok(o.customer_id, 'a customer matched or created by e-mail');
    await settings({
      numbering: 'amazon',
      customerMode: 'guest',
      statusMapping: { unshipped: 'processing', shipped: 'complete', canceled: 'canceled' },
    });
  });

  it('MFN switched off skips merchant orders; an import start date skips older ones', async () => {
    await settings({ importMerchantFulfilled: false });
    const id = await buy('BOTTLE', 1);
    paid();
    assert.equal((await notify(id)).action, 'skipped');
    assert.match((await record(id)).reason, /merchant-fulfilled orders are not imported/);
    await settings({ importMerchantFulfilled: true, importStartDate: new Date(h.sim.clock.nowMs() + 3600_000).toISOString() });
    const later = await buy('BOTTLE', 1);
    paid();
    const r = await notify(later);
    assert.equal(r.action, 'skipped');
    assert.match((await record(later)).reason, /before the import start date/);
    await settings({ importStartDate: new Date(h.sim.clock.nowMs() - 60_000).toISOString() });
  });

  it('an unknown SKU waits in the workbench with its reason, and comes out by mapping + retry', async () => {
    const id = '113-5550001-0000001';
    const at = new Date(h.sim.clock.nowMs() - 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await control201('/_simulator/orders', {
      sellerId: SELLER,
      order: {
        AmazonOrderId: id,
        PurchaseDate: at,
        LastUpdateDate: at,
        OrderStatus: 'Unshipped',
        FulfillmentChannel: 'MFN',
        MarketplaceId: US,
        ShipServiceLevel: 'Std US D2D Dom',
        ShipmentServiceLevelCategory: 'Expedited',
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
          OrderItemId: '55500010001',
          Title: 'Mystery',
          QuantityOrdered: 1,
          QuantityShipped: 0,
          ItemPrice: { CurrencyCode: 'USD', Amount: '12.00' },
        },
      ],
    });
    const r = await notify(id);
    assert.equal(r.action, 'needs_attention');
    const list = await ok<{ items: { id: number; reason: string; unknownSkus: string[] }[]; counts: { storeId: number; count: number }[] }>(
      h.api({ method: 'GET', url: `/api/amazon-orders/attention?storeId=${h.storeId}` }),
    );
    const item = list.items.find((i) => i.unknownSkus.includes('MYSTERY-1'))!;
    assert.match(item.reason, /seller SKU MYSTERY-1 matches no product/);
    assert.ok(list.counts.some((c) => c.storeId === h.storeId && c.count >= 1));
    const card = await ok<{ ordersNeedingAttention: number }>(h.api({ method: 'GET', url: `/api/stores/${h.storeId}` }));
    assert.ok(card.ordersNeedingAttention >= 1, 'the store card counts it');
    await ok(
      h.api({
        method: 'POST',
        url: `/api/stores/${h.storeId}/amazon-orders/sku-mappings`,
        payload: { sellerSku: 'MYSTERY-1', sku: 'BOWL' },
      }),
    );
    const retried = await ok<{ action: string }>(h.api({ method: 'POST', url: `/api/amazon-orders/imports/${item.id}/retry` }));
    assert.equal(retried.action, 'created');
    const items = await h.db.knex('sales_order_items').where({ order_id: (await order(id)).id });
    assert.equal(items[0].sku, 'BOWL');
    assert.equal((await order(id)).shipping_method, 'amazon_expedited');
  });

  it('a crash between fetching and committing: no order, kept with its error, exactly one after the retry', async () => {
    const id = await buy('BOTTLE', 1);
    paid();
    let crashes = 1;
    h.app.amazonOrders.importer.beforeCommit = async () => {
      if (crashes-- > 0) throw new Error('process died before the commit');
    };
    try {
      const first = await notify(id);
      assert.equal(first.action, 'failed');
      assert.equal((await ordersOf(id)).length, 0);
      const rec = await record(id);
      assert.equal(rec.state, 'needs_attention');
      assert.match(rec.last_error, /process died/);
      // The next poll retries it (and sees it again in its overlap): one order.
      await poll();
      await poll();
      assert.equal((await ordersOf(id)).length, 1);
      assert.equal((await record(id)).state, 'imported');
    } finally {
      h.app.amazonOrders.importer.beforeCommit = null;
    }
  });

  it('polling alone (no notifications) catches new orders and status changes', async () => {
    // Give Amazon stock again (the reservations above lowered the listing through the catalog change pipeline).
    await h.db.knex('source_items').where({ sku: 'BOTTLE', source_code: 'wh_a' }).update({ quantity: 20 });
    await h.app.catalog.changes.record(h.db.knex, [{ sku: 'BOTTLE', kind: 'source', details: {} }]);
    await h.app.jobs.runNow('listings.catalog-changes');
    await h.app.listingsSync.drainStore(h.storeId);
    const a = await buy('BOTTLE', 1);
    await poll();
    assert.equal((await record(a)).state, 'reserved');
    paid();
    const b = await buy('BOTTLE', 1);
    paid();
    const s = await poll();
    assert.ok((s.created ?? 0) >= 2, JSON.stringify(s));
    assert.equal((await ordersOf(a)).length, 1);
    assert.equal((await ordersOf(b)).length, 1);
  });
});
