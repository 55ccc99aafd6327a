/**
 * Amazon sales lower manual and custom quantities (inventory/amazon-sales.ts) through the in-process simulator:
 * the simulator's shopper buys a published offer (Amazon lowers its quantity at once), the job
 * `inventory.amazon-sales` (or "Check Amazon sales now") records the sale once however often it runs, lowers the
 * listing's manual quantity with the catalog untouched, makes a custom quantity subtract it until the value is set
 * again, gives the units back when the order is canceled, records but ignores a seller SKU we do not list, and
 * applies a sale of a seller SKU shared by two stores of one seller and region once, to the leader listing.
 * The Orders API's two-minute lag is set to 0 for most tests (Amazon's and the channel's, AMAZON_ORDERS_LAG_SECONDS),
 * so Amazon's clock stays with the wall clock a stock profile's write time is taken from; the lag test puts both back
 * and moves Amazon's clock past them.
 */
import assert from 'node:assert/strict';
import { ALL, cond, startListingsHarness, type ListingsHarness } from './listings-harness';
import { OUTDOOR } from './stores-harness';

const SELLER = 'A2SIMOUTDOOR01';
const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';

interface SimListing {
  sku: string;
  marketplaceId: string;
  attributes: Record<string, { quantity?: number }[]>;
}
interface Check {
  orders: number;
  recorded: number;
  applied: number;
  lowered: number;
  restored: number;
}

describe('stock: Amazon sales lower manual and custom quantities', function () {
  this.timeout(120_000);
  let h: ListingsHarness;
  let bottleId: number;
  const simQty = async (sku: string) => {
    const state = await h.control<{ listings: SimListing[] | Record<string, SimListing[]> }>('GET', '/_simulator/state');
    const all = Array.isArray(state.listings) ? state.listings : Object.values(state.listings).flat();
    return all.find((x) => x.sku === sku && x.marketplaceId === US)?.attributes.fulfillment_availability?.[0]?.quantity ?? null;
  };
  const ok = async <T>(res: Promise<{ statusCode: number; body: string; json<U = unknown>(): U }>) => {
    const r = await res;
    assert.ok(r.statusCode < 300, `${r.statusCode} ${r.body}`);
    return r.json<T>();
  };
  /** The shopper answers 201 Created, which the harness's control() (200 only) reports as an error. */
  const buy = async (sku: string, quantity: number, marketplaceId = US): Promise<string> => {
    const known = new Set(h.sim.sim.world.sellers.get(SELLER)!.orders.keys());
    try {
      await h.control('POST', '/_simulator/shopper/orders', { sellerId: SELLER, marketplaceId, sku, quantity });
    } catch (err) {
      if (!/→ 201 /.test((err as Error).message)) throw err;
    }
    // Order times are whole seconds, as on Amazon: the new order is the one not there before, not the latest.
    return [...h.sim.sim.world.sellers.get(SELLER)!.orders.keys()].find((id) => !known.has(id))!;
  };
  const runJob = async () => {
    const r = await h.app.jobs.runNow('inventory.amazon-sales');
    assert.ok(r.ran, 'the job ran');
    return r.summary as unknown as Check & { stores: number; failed: number };
  };
  const checkNow = () => ok<Check>(h.api({ method: 'POST', url: `/api/stores/${h.storeId}/amazon-sales/check` }));
  const listing = async () => h.db.knex('listings').where({ id: bottleId }).first('manual_qty', 'desired_qty');
  const setManual = (manualQuantity: number | null) =>
    ok(h.api({ method: 'PATCH', url: `/api/stores/${h.storeId}/listings/${bottleId}/overrides`, payload: { manualQuantity } }));
  const salesOf = (amazonOrderId: string) => h.db.knex('amazon_sales').where({ amazon_order_id: amazonOrderId });
  const catalogQty = async () => Number((await h.db.knex('source_items').where({ sku: 'BOTTLE', source_code: 'wh_a' }).first()).quantity);
  const lag = async (ordersApiLagSeconds: number) => {
    await h.control('POST', '/_simulator/settings', { ordersApiLagSeconds });
    // The channel asks for orders that far behind now, plus its skew margin when the lag is Amazon's own.
    h.app.config.AMAZON_ORDERS_LAG_SECONDS = ordersApiLagSeconds ? ordersApiLagSeconds + 10 : 0;
  };

  before(async () => {
    h = await startListingsHarness();
    await lag(0);
    await h.saveRule(ALL([cond('product_type', 'in', ['simple']), cond('attribute', 'is_not_empty', undefined, 'ean')]));
    await h.app.jobs.runNow('listings.matching');
    bottleId = (await h.listingBySku('BOTTLE')).id;
    await ok(h.api({ method: 'POST', url: `/api/stores/${h.storeId}/listings/${bottleId}/publish` }));
    await h.app.listingsSync.drainStore(h.storeId);
    assert.equal(await simQty('BOTTLE'), 10);
  });
  after(async () => h?.close());

  it('a sale lowers the manual quantity once, however often the job runs; the catalog is untouched', async () => {
    await setManual(5);
    await h.app.listingsSync.drainStore(h.storeId);
    assert.equal(await simQty('BOTTLE'), 5);
    const orderId = await buy('BOTTLE', 2);
    assert.equal(await simQty('BOTTLE'), 3, 'Amazon lowered its own quantity at checkout');

    const first = await runJob();
    assert.deepEqual([first.stores, first.failed, first.recorded, first.applied, first.lowered], [1, 0, 1, 1, 1]);
    assert.deepEqual(await listing(), { manual_qty: 3, desired_qty: 3 });
    assert.equal(await catalogQty(), 10, "the catalog's source quantity is unchanged");
    const activity = await h.db.knex('listing_activity').where({ listing_id: bottleId, kind: 'amazon_sale' });
    assert.deepEqual(
      activity.map((a: { summary: string }) => a.summary),
      [`Amazon sale ${orderId} lowered the manual quantity 5 → 3`],
    );

    // The next poll starts five minutes before the last high-water mark: it sees the order again, records nothing.
    const second = await runJob();
    assert.ok(second.orders >= 1, 'the overlap shows the order again');
    assert.deepEqual([second.recorded, second.applied], [0, 0]);
    assert.deepEqual([(await checkNow()).recorded, (await checkNow()).applied], [0, 0]);
    assert.equal((await salesOf(orderId)).length, 1, 'recorded once');
    assert.deepEqual(await listing(), { manual_qty: 3, desired_qty: 3 });
    const cursor = await h.db.knex('amazon_sales_cursors').where({ store_id: h.storeId }).first();
    assert.ok(cursor?.last_updated_before, 'a per-store cursor');
    await h.app.listingsSync.drainStore(h.storeId);
    assert.equal(await simQty('BOTTLE'), 3);
  });

  it('a canceled order gives back what it took from the manual count', async () => {
    const orderId = await buy('BOTTLE', 1);
    assert.equal((await checkNow()).lowered, 1);
    assert.equal((await listing()).manual_qty, 2);
    // The control plane cannot cancel an order yet: do what Amazon does (status, update time, stock back).
    const sim = h.sim.sim.world;
    const order = sim.sellers.get(SELLER)!.orders.get(orderId)!;
    order.orderStatus = 'Canceled';
    order.lastUpdateDateMs = h.sim.clock.nowMs();
    const rec = sim.listings.get(SELLER, US, 'BOTTLE')!;
    sim.listings.setQuantity(rec, ((await simQty('BOTTLE')) ?? 0) + 1);
    const r = await checkNow();
    assert.deepEqual([r.recorded, r.restored], [0, 1]);
    assert.deepEqual(await listing(), { manual_qty: 3, desired_qty: 3 });
    assert.ok((await salesOf(orderId))[0].canceled_at, 'the sale is marked canceled');
    assert.equal((await checkNow()).restored, 0, 'given back once');
    const canceled = await h.db.knex('listing_activity').where({ listing_id: bottleId, kind: 'amazon_sale_canceled' });
    assert.match(canceled[0].summary, new RegExp(`${orderId} was canceled: the manual quantity 2 → 3`));
  });

  it('custom quantity 10 is lowered by a sale to 9, and back to 10 when the value is set again', async () => {
    await setManual(null);
    const profiles = `/api/stores/${h.storeId}/stock-profiles`;
    const p = await ok<{ id: number }>(h.api({ method: 'POST', url: profiles, payload: { name: 'Ten', mode: 'custom', value: 10 } }));
    await ok(h.api({ method: 'POST', url: `${profiles}/assign`, payload: { profileId: p.id, listingIds: [bottleId] } }));
    await h.app.listingsSync.drainStore(h.storeId);
    assert.equal(await simQty('BOTTLE'), 10);
    // Amazon's order times are whole seconds: a sale in the same second as the value was set would read as before it.
    await new Promise((r) => setTimeout(r, 1005 - (Date.now() % 1000)));
    await buy('BOTTLE', 1);
    const r = await checkNow();
    assert.deepEqual([r.recorded, r.applied, r.lowered], [1, 1, 0]);
    assert.deepEqual(await listing(), { manual_qty: null, desired_qty: 9 });
    const detail = await ok<{ quantity: { step: string; note: string }[] }>(
      h.api({ method: 'GET', url: `/api/stores/${h.storeId}/listings/${bottleId}` }),
    );
    assert.match(detail.quantity.find((s) => s.step === 'mode')?.note ?? '', /custom quantity 10 minus 1 sold on Amazon/);
    await h.app.listingsSync.drainStore(h.storeId);
    assert.equal(await simQty('BOTTLE'), 9);

    await ok(h.api({ method: 'PUT', url: `${profiles}/${p.id}`, payload: { name: 'Ten', mode: 'custom', value: 10 } }));
    assert.equal((await listing()).desired_qty, 10, 'sales before the value was set no longer count');
    await h.app.listingsSync.drainStore(h.storeId);
    assert.equal(await simQty('BOTTLE'), 10);
    await ok(h.api({ method: 'POST', url: `${profiles}/assign`, payload: { profileId: null, listingIds: [bottleId] } }));
  });

  it('a sale of a seller SKU we do not list is recorded and ignored', async () => {
    const before = await listing();
    const orderId = await buy('TM-BOTTLE-750', 1);
    const r = await checkNow();
    assert.deepEqual([r.recorded, r.applied, r.lowered], [1, 0, 0]);
    const rows = await salesOf(orderId);
    assert.deepEqual(
      rows.map((s: { seller_sku: string; quantity: number; applied_listing_id: number | null }) => [
        s.seller_sku,
        Number(s.quantity),
        s.applied_listing_id,
      ]),
      [['TM-BOTTLE-750', 1, null]],
    );
    assert.deepEqual(await listing(), before);
  });

  it("Amazon's two-minute Orders API lag: the sale is applied once Amazon shows it", async () => {
    await lag(120);
    await setManual(5);
    await buy('BOTTLE', 1);
    assert.equal((await checkNow()).recorded, 0, 'Amazon does not show it yet');
    assert.equal((await listing()).manual_qty, 5);
    // Past the two minutes of payment (the order's update time moves) and the two minutes of lag after it.
    h.sim.advance(250);
    assert.equal((await checkNow()).lowered, 1);
    assert.equal((await listing()).manual_qty, 4);
  });

  it('a sale of a seller SKU shared with a store of the same seller and region lowers the leader listing once', async () => {
    await lag(0);
    const ca = await h.createStore({ name: 'Outdoor CA', country: 'CA' });
    assert.ok((await h.connect(ca.id, OUTDOOR)).statusCode < 400);
    const rule = ALL([cond('product_type', 'in', ['simple']), cond('attribute', 'is_not_empty', undefined, 'ean')]);
    await ok(
      h.api({
        method: 'PATCH',
        url: `/api/stores/${ca.id}/listing-settings`,
        payload: { identifierOrder: [{ type: 'ean', attribute: 'ean' }], listAutomatically: false },
      }),
    );
    await ok(h.api({ method: 'PUT', url: `/api/stores/${ca.id}/listing-rule`, payload: { conditions: rule } }));
    await h.app.jobs.runNow('listings.matching');
    const caBottle = Number((await h.db.knex('listings').where({ store_id: ca.id, sku: 'BOTTLE' }).first('id')).id);
    await ok(h.api({ method: 'POST', url: `/api/stores/${ca.id}/listings/${caBottle}/publish` }));
    await h.app.listingsSync.drainStore(ca.id);
    const leaderBefore = (await listing()).manual_qty as number;

    const orderId = await buy('BOTTLE', 1, CA);
    const job = await runJob();
    assert.deepEqual([job.stores, job.recorded, job.lowered], [2, 1, 1], 'seen by the CA store only, applied once');
    assert.deepEqual(await listing(), { manual_qty: leaderBefore - 1, desired_qty: leaderBefore - 1 }, 'the leader (US) count');
    const follower = await h.db.knex('listings').where({ id: caBottle }).first('manual_qty', 'desired_qty');
    assert.deepEqual(follower, { manual_qty: null, desired_qty: leaderBefore - 1 }, 'the CA listing follows the leader');
    const rows = await salesOf(orderId);
    assert.deepEqual(
      rows.map((r: { store_id: number; applied_listing_id: number }) => [Number(r.store_id), Number(r.applied_listing_id)]),
      [[ca.id, bottleId]],
    );
  });

  it('refuses an unknown store with 404', async () => {
    const res = await h.api({ method: 'POST', url: '/api/stores/999999/amazon-sales/check' });
    assert.equal(res.statusCode, 404);
  });
});
