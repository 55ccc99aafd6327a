/**
 * Orders 2026-01-01 through the gateway against the local Amazon with the real client: shopper purchases found by
 * searchOrders once past the two-minute lag, paged by paginationToken, read into `AmazonOrder` with buyer and address
 * from `includedData` alone (no restricted data token); getOrder for one order, null for an unknown one; a buyer's
 * cancellation read back with the quantity Amazon zeroes; the 2026 calls logged and rate-limited apart from v0's.
 */
import assert from 'node:assert/strict';
import { IMPORT_INCLUDED_DATA, readAmazonOrder, type AmazonOrder } from '../../src/spapi/index';
import { assertNoInvalidRequests, freshAmazon, outdoorNa, SIM, startHarness, type Harness } from './spapi-harness';

describe('SP-API gateway: Orders 2026-01-01', function () {
  this.timeout(30_000);
  let h: Harness;

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    await freshAmazon(h, 'default');
  });
  afterEach(() => {
    assertNoInvalidRequests(h);
  });

  const buy = async (quantity = 1) =>
    (
      await h.control<{ amazonOrderId: string }>('POST', '/_simulator/shopper/orders', {
        sellerId: SIM.seller,
        marketplaceId: SIM.US,
        sku: 'TM-BOTTLE-750',
        quantity,
      })
    ).amazonOrderId;

  it('searchOrders pages through new orders past the lag; buyer and address come with includedData, no RDT', async () => {
    const since = new Date(h.sim.clock.nowMs() - 600_000);
    const bought = [await buy(1), await buy(2), await buy(3)];
    const search = async (before?: Date) => {
      const pages: AmazonOrder[][] = [];
      for await (const page of h.app.spapi.searchOrders(outdoorNa(), {
        createdAfter: since,
        ...(before ? { before } : {}),
        pageSize: 2,
        includedData: IMPORT_INCLUDED_DATA,
      }))
        pages.push(page.orders.map(readAmazonOrder));
      return pages;
    };
    assert.deepEqual(await search(), [[]], 'within the two-minute lag searchOrders does not show them');
    h.sim.advance(300);
    const pages = await search(new Date(h.sim.clock.nowMs() - 130_000));
    assert.deepEqual(
      pages.map((p) => p.length),
      [2, 1],
    );
    const orders = pages.flat();
    assert.deepEqual(orders.map((o) => o.orderId).sort(), [...bought].sort());
    for (const o of orders) {
      assert.equal(o.status, 'UNSHIPPED');
      assert.equal(o.fulfilledBy, 'MERCHANT');
      assert.equal(o.marketplaceId, SIM.US);
      assert.ok(o.buyerEmail, 'the buyer e-mail of a paid merchant-fulfilled order');
      assert.ok(o.shippingAddress?.lines.length, 'the street lines after payment');
      assert.equal(o.items[0]?.sku, 'TM-BOTTLE-750');
      assert.ok(o.items[0]?.unitPrice);
      assert.ok(o.createdAt && o.latestShipDate);
    }
    assert.deepEqual(orders.map((o) => o.items[0]?.quantityOrdered).sort(), [1, 2, 3]);
    assert.equal((await h.app.spapi.listCalls({ operation: 'createRestrictedDataToken' })).length, 0, 'no restricted data token');
    const calls = (await h.app.spapi.listCalls({ operation: 'searchOrders' })).reverse();
    assert.deepEqual(
      calls.map((c) => c.path.includes('paginationToken=')),
      [false, false, true],
    );
    assert.ok(calls.every((c) => c.path.startsWith('/orders/2026-01-01/orders')));
  });

  it('getOrder reads one order at once (no lag), null for an unknown one; a buyer cancellation keeps the quantity', async () => {
    const orderId = await buy(2);
    const pending = readAmazonOrder((await h.app.spapi.getOrder2026(outdoorNa(), orderId))!);
    assert.deepEqual([pending.orderId, pending.status, pending.items[0]?.quantityOrdered], [orderId, 'PENDING', 2]);
    assert.equal(pending.buyerName, null, 'no buyer name before payment');

    // Paid (Unshipped, priced), then cancelled by the buyer: Amazon zeroes quantityOrdered and keeps the prices.
    h.sim.advance(150);
    await h.control('POST', '/_simulator/orders/cancel', { sellerId: SIM.seller, amazonOrderId: orderId, reason: 'Changed my mind' });
    const raw = (await h.app.spapi.getOrder2026(outdoorNa(), orderId))!;
    assert.equal(raw.orderItems[0]?.quantityOrdered, 0);
    const canceled = readAmazonOrder(raw);
    assert.equal(canceled.status, 'CANCELLED');
    const [item] = canceled.items;
    assert.deepEqual([item?.quantityOrdered, item?.quantityCanceled, item?.quantityShipped], [2, 2, 0]);
    assert.ok(item?.unitPrice);

    assert.equal(await h.app.spapi.getOrder2026(outdoorNa(), '999-9999999-9999999'), null);
    const logged = await h.app.spapi.listCalls({ operation: 'getOrder2026' });
    assert.equal(logged.length, 3);
    assert.deepEqual(
      logged.map((c) => c.status),
      [404, 200, 200],
    );
    assert.equal((await h.app.spapi.listCalls({ operation: 'getOrder' })).length, 0, 'not logged as v0’s getOrder');
    const buckets = (await h.knex('amazon_rate_buckets').pluck('bucket_key')) as string[];
    assert.ok(buckets.includes(`${SIM.seller}|getOrder2026`));
  });
});
