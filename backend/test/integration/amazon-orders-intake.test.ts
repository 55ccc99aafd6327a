/**
 * Amazon orders through the real intake: notifications on, the store's seller subscribed to ORDER_CHANGE on the
 * simulator's SQS queue, the app's own consumer running — and the poll job never run. A shopper's purchase becomes a
 * sales order within seconds of real time once Amazon shows it paid; a notification delivered twice still makes one
 * order holding its stock once; notifications delivered out of order never put an older status over a newer one.
 * Both engines.
 */
import assert from 'node:assert/strict';
import { startOrdersHarness, type OrdersHarness } from './amazon-orders-harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

describe('Amazon orders: through the real intake (ORDER_CHANGE on SQS)', function () {
  this.timeout(120_000);
  let t: OrdersHarness;
  const simSettings = (body: Record<string, number>) => t.h.control('POST', '/_simulator/settings', body);
  const handledNotifications = async () => (await t.h.app.notifications.status()).totals;
  /** The order once it exists, waiting for the consumer. */
  const created = (id: string) => until(`the order of ${id}`, async () => ((await t.ordersOf(id)).length ? t.order(id) : undefined));

  before(async () => {
    t = await startOrdersHarness();
    // Not the poll: orders must reach us only through the queue (the poll's lag matters not).
    await simSettings({ orderPendingSeconds: 60 });
    const { ALL, cond } = await import('./listings-harness');
    await t.h.saveRule(ALL([cond('product_type', 'in', ['simple']), cond('attribute', 'is_not_empty', undefined, 'ean')]));
    await t.h.app.jobs.runNow('listings.matching');
    const bottle = (await t.h.listingBySku('BOTTLE')).id;
    await t.ok(t.h.api({ method: 'POST', url: `/api/stores/${t.h.storeId}/listings/${bottle}/publish` }));
    await t.h.app.listingsSync.drainStore(t.h.storeId);
    assert.ok(t.h.app.notifications.enabled, 'notifications on');
    // Nothing subscribes a store automatically yet: the merchant's connection would; here the test does.
    await t.h.app.notifications.subscribe(await t.h.app.stores.sellerContext(t.h.storeId));
    t.h.app.notifications.start();
  });
  after(async () => t?.h.close());
  afterEach(async () => {
    await simSettings({ notificationDuplicates: 0, notificationReorder: 0 });
    // The poll never ran: everything above came through the notifications.
    assert.equal((await t.h.db.knex('amazon_order_cursors').count({ n: '*' }))[0]!.n, 0, 'no poll ran');
  });

  it('a purchase: reserved while Pending, the sales order within seconds of the payment, no poll', async () => {
    const start = await t.salable('BOTTLE');
    const id = await t.buy('BOTTLE', 2);
    await until('the Pending reservation', async () => ((await t.record(id))?.state === 'reserved' ? true : undefined));
    assert.equal(await t.salable('BOTTLE'), start - 2);
    assert.equal((await t.ordersOf(id)).length, 0, 'no order before payment');
    t.h.sim.advance(61);
    const paidAt = Date.now();
    const o = await created(id);
    assert.ok(Date.now() - paidAt < 8000, 'within seconds');
    assert.equal(o.state, 'processing');
    assert.equal(await t.salable('BOTTLE'), start - 2, 'held once: the Pending hold became the order’s');
    assert.equal((await t.record(id))!.state, 'imported');
  });

  it('every notification delivered twice: still one order, the stock held once', async () => {
    await simSettings({ notificationDuplicates: 1, orderPendingSeconds: 0 });
    const before = (await t.h.app.notifications.status()).counters.duplicates;
    const start = await t.salable('BOTTLE');
    const id = await t.buy('BOTTLE', 1);
    await created(id);
    await until('the duplicate deliveries', async () =>
      (await t.h.app.notifications.status()).counters.duplicates > before ? true : undefined,
    );
    await sleep(500);
    assert.equal((await t.ordersOf(id)).length, 1);
    assert.equal(await t.salable('BOTTLE'), start - 1);
    await simSettings({ orderPendingSeconds: 60 });
  });

  it('notifications out of order: the older status never overwrites the newer one', async () => {
    await t.h.app.notifications.stop();
    const start = await t.salable('BOTTLE');
    const id = await t.buy('BOTTLE', 1);
    // The payment's notification jumps the queue ahead of the purchase's.
    await simSettings({ notificationReorder: 1 });
    const reordered = t.h.sim.sim.world.notifications.stats.reordered;
    t.h.sim.advance(61);
    await t.h.control('GET', '/_simulator/state');
    assert.ok(t.h.sim.sim.world.notifications.stats.reordered > reordered, 'the payment was queued ahead of the purchase');
    const total = (await handledNotifications()).handled;
    t.h.app.notifications.start();
    const o = await created(id);
    await until('both notifications handled', async () => ((await handledNotifications()).handled >= total + 2 ? true : undefined));
    const after = await t.order(id);
    assert.equal(after.state, 'processing');
    assert.equal(after.id, o.id);
    const rec = (await t.record(id))!;
    assert.equal(rec.state, 'imported');
    assert.equal(rec.amazon_status, 'UNSHIPPED');
    assert.equal(await t.salable('BOTTLE'), start - 1, 'no Pending hold left beside the order’s');
  });
});
