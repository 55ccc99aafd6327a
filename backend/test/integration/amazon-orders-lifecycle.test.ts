/**
 * What happens to an Amazon order after it is first seen: the buyer's new address on Amazon replaces the order's
 * shipping address; a buyer's cancellation request is noted once and cancels nothing; a Pending order never paid
 * gives its stock back after the configured days (and does not take it again when Amazon mentions it later); an
 * import that keeps failing is retried by the poll up to its limit, then waits in the workbench with its last error.
 * The channel's clock follows the simulator's, so advancing Amazon's clock moves both. Both engines.
 */
import assert from 'node:assert/strict';
import { SELLER, startOrdersHarness, type OrdersHarness } from './amazon-orders-harness';

describe('Amazon orders: lifecycle after the import', function () {
  this.timeout(120_000);
  let t: OrdersHarness;

  before(async () => {
    t = await startOrdersHarness();
    await t.h.control('POST', '/_simulator/settings', { ordersApiLagSeconds: 0, orderPendingSeconds: 60 });
    t.h.app.config.AMAZON_ORDERS_LAG_SECONDS = 0;
    const { ALL, cond } = await import('./listings-harness');
    await t.h.saveRule(ALL([cond('product_type', 'in', ['simple']), cond('attribute', 'is_not_empty', undefined, 'ean')]));
    await t.h.app.jobs.runNow('listings.matching');
    const bottle = (await t.h.listingBySku('BOTTLE')).id;
    await t.ok(t.h.api({ method: 'POST', url: `/api/stores/${t.h.storeId}/listings/${bottle}/publish` }));
    await t.h.app.listingsSync.drainStore(t.h.storeId);
  });
  after(async () => t?.h.close());

  const amazonOrder = (id: string) => t.h.sim.sim.world.sellers.get(SELLER)!.orders.get(id)!;
  const paidOrder = async () => {
    const id = await t.buy('BOTTLE', 1);
    t.h.sim.advance(61);
    assert.equal((await t.notify(id)).action, 'created');
    return id;
  };

  it("the buyer's new address on Amazon replaces the order's shipping address, with a history entry", async () => {
    const id = await paidOrder();
    const o = await t.order(id);
    // What Amazon shows after the buyer edits the address (no control route for it: the simulator's world directly).
    const state = amazonOrder(id);
    state.shippingAddress = {
      ...state.shippingAddress,
      name: 'Casey Moved',
      addressLine1: '1 New Street',
      city: 'Portland',
      postalCode: '97201',
    };
    state.lastUpdateDateMs = t.h.sim.clock.nowMs();
    assert.equal((await t.notify(id)).action, 'updated');
    const shipping = await t.h.db.knex('sales_order_addresses').where({ order_id: o.id, address_type: 'shipping' }).first();
    assert.equal(shipping.city, 'Portland');
    assert.match(shipping.street, /1 New Street/);
    assert.equal(shipping.lastname, 'Moved');
    assert.ok((await t.history(o.id)).includes('The shipping address was changed on Amazon.'));
    assert.equal((await t.notify(id)).action, 'unchanged', 'the same address again changes nothing');
  });

  it("a buyer's cancellation request: noted once in the history, the order not canceled", async () => {
    const id = await paidOrder();
    await t.h.control('POST', '/_simulator/orders/cancel-request', { sellerId: SELLER, amazonOrderId: id, reason: 'found it cheaper' });
    assert.equal((await t.notify(id)).action, 'updated');
    await t.notify(id);
    await t.poll();
    const o = await t.order(id);
    assert.equal(o.state, 'processing');
    const notes = (await t.history(o.id)).filter((c) => c.startsWith('The buyer asked Amazon to cancel this order'));
    assert.equal(notes.length, 1, notes.join(' | '));
    assert.match(notes[0]!, /found it cheaper/);
    assert.ok((await t.record(id))!.cancel_requested_at);
  });

  it('a Pending order never paid gives its stock back after the configured days, and does not take it again', async () => {
    await t.settings({ releaseReservationAfterDays: 2 });
    await t.h.control('POST', '/_simulator/settings', { orderPendingSeconds: 30 * 86_400 });
    try {
      const start = await t.salable('BOTTLE');
      const id = await t.buy('BOTTLE', 2);
      assert.equal((await t.notify(id)).action, 'reserved');
      assert.equal(await t.salable('BOTTLE'), start - 2);
      t.h.advanceDays(1);
      assert.equal((await t.poll()).released, 0, 'one day: still held');
      assert.equal(await t.salable('BOTTLE'), start - 2);
      t.h.advanceDays(1.5);
      assert.equal((await t.poll()).released, 1);
      assert.equal(await t.salable('BOTTLE'), start);
      const rec = (await t.record(id))!;
      assert.equal(rec.state, 'reserved');
      assert.match(rec.reason, /released after 2 day\(s\)/);
      // Amazon mentions the still-Pending order again (a late notification, a poll's overlap): no new hold.
      await t.notify(id);
      assert.equal(await t.salable('BOTTLE'), start, 'an expired Pending order holds nothing again');
    } finally {
      await t.h.control('POST', '/_simulator/settings', { orderPendingSeconds: 60 });
      await t.settings({ releaseReservationAfterDays: 3, importStartDate: new Date(t.h.sim.clock.nowMs() - 60_000).toISOString() });
    }
  });

  it('an import that keeps failing: retried by the poll up to 5 attempts, then kept in the workbench with its last error', async () => {
    const id = await t.buy('BOTTLE', 1);
    t.h.sim.advance(61);
    let failures = 0;
    t.h.app.amazonOrders.importer.beforeCommit = async (_trx, o) => {
      if (o.orderId === id) throw new Error(`the database went away (${++failures})`);
    };
    try {
      assert.equal((await t.notify(id)).action, 'failed');
      await t.poll();
      // Past the poll's 5-minute overlap: later polls no longer see the order itself, only the retries try it.
      t.h.sim.advance(600);
      for (let i = 0; i < 6; i++) await t.poll();
      const rec = (await t.record(id))!;
      assert.equal(rec.attempts, 5, 'the poll stops retrying at the limit');
      assert.equal(rec.state, 'needs_attention');
      assert.equal((await t.ordersOf(id)).length, 0);
      const list = await t.ok<{ items: { amazonOrderId: string; lastError: string | null; attempts: number }[] }>(
        t.h.api({ method: 'GET', url: `/api/amazon-orders/attention?storeId=${t.h.storeId}` }),
      );
      const item = list.items.find((i) => i.amazonOrderId === id);
      assert.ok(item, 'in the workbench');
      assert.match(item.lastError ?? '', /the database went away \(\d+\)/);
      t.h.app.amazonOrders.importer.beforeCommit = null;
      // The merchant's Retry still works after the limit.
      const retried = await t.ok<{ action: string }>(t.h.api({ method: 'POST', url: `/api/amazon-orders/imports/${rec.id}/retry` }));
      assert.equal(retried.action, 'created');
      assert.equal((await t.ordersOf(id)).length, 1);
    } finally {
      t.h.app.amazonOrders.importer.beforeCommit = null;
    }
  });
});
