/**
 * The Amazon sales poll's cursor (inventory/amazon-sales.ts) under every shape of getOrders answer real Amazon
 * sends: the upper bound as an ISO time, as epoch seconds (`1.569521782042E9`, which once threw RangeError after
 * the orders were handled) or absent (which once left the cursor unsaved). The cursor is the bound the poll
 * itself sent (now − AMAZON_ORDERS_LAG_SECONDS), saved only after every page was handled; a poll failing on its
 * second page leaves it where it was. A Canceled order first seen with QuantityOrdered 0 records no sale.
 */
import assert from 'node:assert/strict';
import { checkStoreSales } from '../../src/inventory/amazon-sales';
import { cursorOf } from '../../src/inventory/amazon-sales.queries';
import { startListingsHarness, type ListingsHarness } from './listings-harness';

const SELLER = 'A2SIMOUTDOOR01';
const US = 'ATVPDKIKX0DER';
const SKU = 'TM-BOTTLE-750';
/** The channel's lag in these tests; Amazon's is 0, so an answer's own bound would lie 30 s later than the cursor. */
const LAG_S = 30;

describe('stock: the Amazon sales cursor under every answer shape', function () {
  this.timeout(120_000);
  let h: ListingsHarness;
  const buy = async (): Promise<string> => {
    const orders = h.sim.sim.world.sellers.get(SELLER)!.orders;
    const known = new Set(orders.keys());
    try {
      await h.control('POST', '/_simulator/shopper/orders', { sellerId: SELLER, marketplaceId: US, sku: SKU, quantity: 1 });
    } catch (err) {
      if (!/→ 201 /.test((err as Error).message)) throw err; // the shopper answers 201 Created
    }
    // Order times are whole seconds: two orders of one second are told apart by what is new, not by time.
    return [...orders.keys()].find((id) => !known.has(id))!;
  };
  const shape = (ordersUpperBoundFormat: string) => h.control('POST', '/_simulator/settings', { ordersUpperBoundFormat });
  const cursor = async () => {
    const c = await cursorOf(h.app.db, h.storeId);
    return c === null ? null : Date.parse(c);
  };
  const salesOf = (amazonOrderId: string) => h.db.knex('amazon_sales').where({ amazon_order_id: amazonOrderId });
  /** One poll; the cursor must be the bound it sent: now − the lag, whatever the answer said. */
  const pollAndCheckCursor = async () => {
    const t0 = h.app.clock.nowMs();
    const r = await checkStoreSales(h.app, h.storeId);
    const t1 = h.app.clock.nowMs();
    const c = await cursor();
    assert.ok(c !== null, 'the cursor was saved');
    // A MariaDB DATETIME keeps whole seconds.
    assert.ok(c >= t0 - LAG_S * 1000 - 1000 && c <= t1 - LAG_S * 1000, `cursor ${new Date(c).toISOString()} is the request's bound`);
    return r;
  };

  before(async () => {
    h = await startListingsHarness();
    await h.control('POST', '/_simulator/settings', { ordersApiLagSeconds: 0 });
    h.app.config.AMAZON_ORDERS_LAG_SECONDS = LAG_S;
  });
  after(async () => h?.close());

  for (const format of ['iso', 'epoch', 'absent'] as const) {
    it(`upper bound ${format}: the sale is recorded and the cursor moves to the poll's own bound`, async () => {
      await shape(format);
      const before = await cursor();
      const orderId = await buy();
      h.sim.advance(LAG_S + 30); // past the channel's lag (Amazon's clock and the channel's move together)
      const r = await pollAndCheckCursor();
      assert.equal(r.recorded, 1);
      assert.equal((await salesOf(orderId)).length, 1);
      assert.ok(before === null || (await cursor())! > before, 'the cursor advanced');
    });
  }

  it('two pages: both handled, one cursor — and a failure on the second page leaves the cursor where it was', async () => {
    await shape('varied');
    const first = await buy();
    const second = await buy();
    h.sim.advance(LAG_S + 30);
    const before = await cursor();
    const spapi = h.app.spapi as { getOrderItems: typeof h.app.spapi.getOrderItems };
    const real = spapi.getOrderItems.bind(h.app.spapi);
    let calls = 0;
    spapi.getOrderItems = async (ctx, orderId) => {
      if (++calls === 2) throw new Error('Amazon failed while the second page was handled');
      return real(ctx, orderId);
    };
    try {
      await assert.rejects(checkStoreSales(h.app, h.storeId, { pageSize: 1 }), /second page/);
    } finally {
      delete (spapi as Partial<typeof spapi>).getOrderItems; // back to the gateway's own method
    }
    assert.equal(await cursor(), before, 'not advanced past orders that were not handled');
    const handled = async () => [(await salesOf(first)).length, (await salesOf(second)).length].sort();
    assert.deepEqual(await handled(), [0, 1], 'the first page was handled, the second not');

    const callsBefore = (await h.app.spapi.listCalls({ operation: 'getOrders' })).length;
    const t0 = h.app.clock.nowMs();
    const r = await checkStoreSales(h.app, h.storeId, { pageSize: 1 });
    assert.ok((await h.app.spapi.listCalls({ operation: 'getOrders' })).length - callsBefore >= 2, 'read page by page');
    assert.equal(r.recorded, 1, 'the other order now; the first is not recorded twice');
    assert.deepEqual(await handled(), [1, 1]);
    assert.ok((await cursor())! >= t0 - LAG_S * 1000 - 1000);
  });

  it('a Canceled order first seen with QuantityOrdered 0 records no sale and does not fail the poll', async () => {
    const orderId = await buy();
    const order = h.sim.sim.world.sellers.get(SELLER)!.orders.get(orderId)!;
    h.sim.advance(200); // paid (Unshipped, priced) …
    order.orderStatus = 'Canceled'; // … then canceled: Amazon keeps its prices and reads QuantityOrdered 0
    order.lastUpdateDateMs = Math.floor(h.sim.clock.nowMs() / 1000) * 1000;
    h.sim.advance(LAG_S + 30);
    const r = await pollAndCheckCursor();
    assert.equal(r.recorded, 0);
    assert.equal((await salesOf(orderId)).length, 0, 'no sale of 0 units');
  });
});
