/**
 * The poll and the notifications overlapping: orders a poll's searchOrders page already imported at their status cost
 * no getOrder when their ORDER_CHANGE notifications arrive afterwards (the Pending one is older than the version
 * applied; the payment's has the same time of change and status, published later). getOrder allows 0.5/s: spent on
 * such duplicates it would be missing for the orders only a notification has brought so far. Both engines.
 */
import assert from 'node:assert/strict';
import { startOrdersHarness, type OrdersHarness } from './amazon-orders-harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Amazon orders: a poll, then the notifications of the same orders', function () {
  this.timeout(120_000);
  let t: OrdersHarness;
  const getOrders = () => (t.h.sim.state().counters as { calls: Record<string, number> }).calls.getOrder ?? 0;

  before(async () => {
    t = await startOrdersHarness();
    await t.h.control('POST', '/_simulator/settings', { orderPendingSeconds: 5, notificationDelaySeconds: 0 });
    const { ALL, cond } = await import('./listings-harness');
    await t.h.saveRule(ALL([cond('product_type', 'in', ['simple']), cond('attribute', 'is_not_empty', undefined, 'ean')]));
    await t.h.app.jobs.runNow('listings.matching');
    const bottle = (await t.h.listingBySku('BOTTLE')).id;
    await t.ok(t.h.api({ method: 'POST', url: `/api/stores/${t.h.storeId}/listings/${bottle}/publish` }));
    await t.h.app.listingsSync.drainStore(t.h.storeId);
    // Subscribed as the store's connection does; the consumer starts only after the poll.
    assert.equal(await t.h.app.notificationSubscriptions.subscribe(t.h.storeId), true);
  });
  after(async () => t?.h.close());

  it('a duplicate-status notification after the poll imported the order makes no getOrder call', async () => {
    const ids = [await t.buy('BOTTLE', 1), await t.buy('BOTTLE', 1)];
    // Paid after 5 s; searchOrders shows it once the channel's lag (130 s) has passed.
    t.h.sim.advance(6);
    t.h.sim.advance(140);
    const before = getOrders();
    const run = await t.poll();
    assert.equal(run.created, 2, JSON.stringify(run));
    for (const id of ids) assert.equal((await t.record(id))!.amazon_status, 'UNSHIPPED');
    assert.equal(getOrders(), before, 'the poll imports from its pages');
    // Each order's Pending and paid notifications are waiting on the queue.
    const handled = (await t.h.app.notifications.status()).totals.handled;
    t.h.app.notifications.start();
    for (let end = Date.now() + 10_000; (await t.h.app.notifications.status()).totals.handled < handled + 4; await sleep(100))
      assert.ok(Date.now() < end, 'the four notifications handled within 10 s');
    assert.equal(getOrders(), before, 'no getOrder for orders already imported at that status');
    for (const id of ids) assert.equal((await t.ordersOf(id)).length, 1);
  });

  it('a run stopped between pages: the next one resumes at the saved page; the cursor moves after the last', async () => {
    await t.h.app.notifications.stop();
    const ids = [await t.buy('BOTTLE', 1), await t.buy('BOTTLE', 1), await t.buy('BOTTLE', 1)];
    t.h.sim.advance(6);
    t.h.sim.advance(140);
    const cursor = async () => (await t.h.db.knex('amazon_order_cursors').where({ store_id: t.h.storeId }).first())?.last_updated_before;
    const searches = () => (t.h.sim.state().counters as { calls: Record<string, number> }).calls.searchOrders ?? 0;
    const startCursor = await cursor();
    const startSearches = searches();
    let pages = 0;
    let runs = 0;
    for (;;) {
      // One order a page, and the run's time already up: one page per run.
      const s = await t.h.app.amazonOrders.intake.pollStore(t.h.storeId, { pageSize: 1, until: 0 });
      runs += 1;
      assert.equal(s.pages, 1);
      pages += s.pages;
      if (!s.unfinished) break;
      assert.equal(await cursor(), startCursor, 'the cursor waits for the last page');
      assert.ok(await t.h.db.knex('amazon_order_poll_runs').where({ store_id: t.h.storeId }).first(), 'progress saved');
      assert.ok(runs < 20);
    }
    assert.ok(pages >= ids.length, `${pages} pages`);
    assert.equal(searches() - startSearches, pages, 'no page asked twice');
    assert.notEqual(await cursor(), startCursor);
    assert.equal(await t.h.db.knex('amazon_order_poll_runs').where({ store_id: t.h.storeId }).first(), undefined);
    for (const id of ids) assert.equal((await t.ordersOf(id)).length, 1);
  });
});
