/**
 * Orders v0 and FBA Inventory v1 through the gateway against the simulator: orders bought by the
 * simulator's shopper, paged by NextToken once past the pending delay and the Orders API lag; shipment
 * confirmation (and Amazon's refusal to confirm twice); buyer PII only through a restricted data token;
 * FBA inventory summaries paged by nextToken.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AmazonError, type InventorySummary, type Order } from '../../src/spapi/index';
import { assertNoInvalidRequests, freshAmazon, outdoorNa, SIM, startHarness, type Harness } from './spapi-harness';

interface Bought {
  amazonOrderId: string;
  orderStatus: string;
  items: { orderItemId: string; sku: string; quantity: number }[];
}

const DEFAULT_SCENARIO = new URL('../../../fixtures/simulator/scenarios/default.json', import.meta.url);

describe('SP-API gateway: Orders v0 and FBA inventory', function () {
  this.timeout(30_000);
  let h: Harness;
  let allowed400: Record<string, number> = {};

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    await freshAmazon(h, 'default');
    allowed400 = {};
  });
  afterEach(() => {
    assertNoInvalidRequests(h, allowed400);
  });

  const buy = (sku: string, quantity = 1) =>
    h.control<Bought>('POST', '/_simulator/shopper/orders', { sellerId: SIM.seller, marketplaceId: SIM.US, sku, quantity });

  async function allPages(createdAfter: Date, maxResultsPerPage: number): Promise<Order[][]> {
    const pages: Order[][] = [];
    for await (const page of h.app.spapi.getOrders(outdoorNa(), { createdAfter, maxResultsPerPage })) pages.push(page.orders);
    return pages;
  }

  it('pages through new orders with NextToken once they are past the pending delay and the API lag', async () => {
    // Amazon refuses a CreatedAfter within the last two minutes; the seeded orders are days old.
    const since = new Date(h.sim.clock.nowMs() - 600_000);
    const bought: Bought[] = [];
    for (let i = 0; i < 5; i++) bought.push(await buy('TM-BOTTLE-750', 1 + (i % 2)));
    assert.ok(bought.every((o) => o.orderStatus === 'Pending'));

    assert.deepEqual(await allPages(since, 2), [[]], 'within the two-minute lag getOrders does not show them yet');
    h.sim.advance(300);
    const pages = await allPages(since, 2);
    assert.deepEqual(
      pages.map((p) => p.length),
      [2, 2, 1],
    );
    const orders = pages.flat();
    assert.deepEqual(orders.map((o) => o.AmazonOrderId).sort(), bought.map((o) => o.amazonOrderId).sort());
    assert.ok(orders.every((o) => o.OrderStatus === 'Unshipped' && o.OrderTotal?.CurrencyCode === 'USD'));
    assert.ok(
      orders.every((o) => o.ShippingAddress?.Name === undefined && o.BuyerInfo?.BuyerEmail === undefined),
      'no PII without a restricted data token',
    );
    const calls = (await h.app.spapi.listCalls({ operation: 'getOrders' })).reverse();
    assert.deepEqual(
      calls.map((c) => c.path.includes('NextToken=')),
      [false, false, true, true],
      'the empty first look, then page 1 by filters and pages 2 and 3 by NextToken',
    );

    const statuses = [];
    for await (const page of h.app.spapi.getOrders(outdoorNa(), { createdAfter: since, statuses: ['Shipped'] }))
      statuses.push(...page.orders);
    assert.deepEqual(statuses, []);
  });

  it('confirms a shipment (the order becomes Shipped) and maps Amazon refusing a second confirmation', async () => {
    const ctx = outdoorNa();
    const { amazonOrderId } = await buy('TM-BOTTLE-750', 2);
    h.sim.advance(130); // past Pending
    const items = await h.app.spapi.getOrderItems(ctx, amazonOrderId);
    assert.deepEqual(
      items.map((i) => [i.SellerSKU, i.QuantityOrdered, i.QuantityShipped]),
      [['TM-BOTTLE-750', 2, 0]],
    );
    assert.ok(items[0]?.ItemPrice?.Amount, 'an Unshipped order is priced');
    const shipment = {
      packageReferenceId: '1',
      carrierCode: 'UPS',
      trackingNumber: '1Z999AA10123456784',
      shipDate: new Date(h.sim.clock.nowMs()),
      orderItems: items.map((i) => ({ orderItemId: i.OrderItemId, quantity: i.QuantityOrdered })),
    };
    await h.app.spapi.confirmShipment(ctx, amazonOrderId, shipment);
    const order = await h.app.spapi.getOrder(ctx, amazonOrderId);
    assert.deepEqual([order?.OrderStatus, order?.NumberOfItemsShipped, order?.NumberOfItemsUnshipped], ['Shipped', 2, 0]);

    allowed400 = { confirmShipment: 1 };
    await assert.rejects(h.app.spapi.confirmShipment(ctx, amazonOrderId, shipment), (err: unknown) => {
      assert.ok(err instanceof AmazonError);
      const d = err.amazon;
      assert.deepEqual([d.status, d.amazonCode, d.attempts], [400, 'InvalidInput', 1]);
      assert.match(d.amazonMessage ?? '', /status Shipped/);
      assert.ok(d.requestId);
      return true;
    });

    // The import's next pass by LastUpdatedAfter sees the change once it is past the API lag.
    h.sim.advance(130);
    const updated: Order[] = [];
    for await (const page of h.app.spapi.getOrders(ctx, { lastUpdatedAfter: new Date(h.sim.clock.nowMs() - 200_000) }))
      updated.push(...page.orders);
    assert.deepEqual(
      updated.map((o) => [o.AmazonOrderId, o.OrderStatus]),
      [[amazonOrderId, 'Shipped']],
    );
    assert.equal(await h.app.spapi.getOrder(ctx, '111-9999999-9999999'), null, 'an unknown order reads as null');
  });

  it('reads buyer address and info only through a restricted data token, reused for its lifetime', async () => {
    const ctx = outdoorNa();
    const first = '111-0000001-0000001';
    const plain = await h.app.spapi.getOrder(ctx, first);
    assert.equal(plain?.ShippingAddress?.AddressLine1, undefined, 'the plain access token gets no street address');
    assert.ok(plain?.ShippingAddress?.City, 'but the city');

    const address = await h.app.spapi.getOrderAddress(ctx, first);
    assert.ok(address.ShippingAddress?.Name && address.ShippingAddress.AddressLine1, JSON.stringify(address));
    const buyer = await h.app.spapi.getOrderBuyerInfo(ctx, first);
    assert.equal(buyer.BuyerEmail, 'jane.shopper@marketplace.amazon.example');
    const other = await h.app.spapi.getOrderAddress(ctx, '111-0000002-0000002');
    assert.ok(other.ShippingAddress?.AddressLine1);

    const rdtCalls = await h.app.spapi.listCalls({ operation: 'createRestrictedDataToken' });
    assert.equal(rdtCalls.length, 1, 'one RDT serves both PII reads of every order');

    // An hour later (on Amazon's clock) Amazon calls the RDT expired: the gateway fetches a fresh one and repeats.
    h.sim.advance(3600);
    const later = await h.app.spapi.getOrderBuyerInfo(ctx, first);
    assert.equal(later.BuyerName, 'Jane Shopper');
    // The seller's access token expired too: the second issue needed an LWA refresh first (403, then 200).
    assert.deepEqual(
      (await h.app.spapi.listCalls({ operation: 'createRestrictedDataToken' })).reverse().map((r) => r.status),
      [200, 403, 200],
    );
    assert.deepEqual(
      (await h.app.spapi.listCalls({ operation: 'getOrderBuyerInfo' })).reverse().map((r) => [r.status, r.attempt]),
      [
        [200, 1],
        [403, 1],
        [200, 2],
      ],
    );
  });

  it('pages through FBA inventory summaries with nextToken', async () => {
    const scenario = JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8')) as { sellers: { fbaInventory?: unknown[] }[] };
    const seller = scenario.sellers[0]!;
    for (let i = 1; i <= 60; i++) {
      seller.fbaInventory?.push({
        sku: `FBA-BULK-${String(i).padStart(3, '0')}`,
        asin: 'B0SIM00003',
        fnSku: `X00BULK${String(i).padStart(3, '0')}`,
        marketplaceId: SIM.US,
        fulfillable: i,
        inbound: 0,
        reserved: 0,
      });
    }
    await h.control('POST', '/_simulator/scenario', { scenario });
    const pages: InventorySummary[][] = [];
    for await (const page of h.app.spapi.getInventorySummaries(outdoorNa())) pages.push(page.summaries);
    assert.deepEqual(
      pages.map((p) => p.length),
      [50, 12],
    );
    const bySku = new Map(pages.flat().map((s) => [s.sellerSku, s]));
    assert.equal(bySku.size, 62);
    const bottle = bySku.get('TM-BOTTLE-750-FBA');
    assert.deepEqual(
      [bottle?.totalQuantity, bottle?.inventoryDetails?.fulfillableQuantity, bottle?.inventoryDetails?.inboundShippedQuantity],
      [147, 120, 24],
    );

    const one: InventorySummary[] = [];
    for await (const page of h.app.spapi.getInventorySummaries(outdoorNa(), { sellerSkus: ['SC-TENT-2P-FBA'] }))
      one.push(...page.summaries);
    assert.deepEqual(
      one.map((s) => [s.sellerSku, s.inventoryDetails?.fulfillableQuantity]),
      [['SC-TENT-2P-FBA', 0]],
    );
  });
});
