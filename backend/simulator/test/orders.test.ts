/**
 * Orders v0 and Tokens (RDT) with the real client, and the simulated shopper: date-window rules of
 * getOrders, paging, PII only with a restricted data token, confirmShipment status rules, Pending →
 * Unshipped on the clock, stock lowered by purchases, oversell refusals counted.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'mocha';
import { control, makeClient, SCENARIO, startTestSimulator } from './helpers';

type Sim = Awaited<ReturnType<typeof startTestSimulator>>;
type SP = ReturnType<typeof makeClient>;
interface Order {
  AmazonOrderId: string;
  OrderStatus: string;
  OrderTotal?: { Amount: string; CurrencyCode: string };
  ShippingAddress?: { Name?: string; AddressLine1?: string; City?: string; PostalCode?: string };
  BuyerInfo?: { BuyerEmail?: string; BuyerName?: string };
  NumberOfItemsShipped: number;
}
interface Failure {
  code: string;
  message: string;
}
const US = SCENARIO.US;
const UNSHIPPED = '111-0000001-0000001';
const SHIPPED = '111-0000002-0000002';
const CANCELED = '111-0000003-0000003';

async function failure(p: Promise<unknown>): Promise<Failure> {
  try {
    await p;
  } catch (e) {
    return e as Failure;
  }
  throw new Error('expected the call to fail');
}

const daysAgo = (sim: Sim, d: number) => new Date(sim.clock.nowMs() - d * 86_400_000).toISOString();

describe('simulator Orders, Tokens (RDT) and the shopper', () => {
  let sim: Sim;
  let sp: SP;
  before(async () => {
    sim = await startTestSimulator();
  });
  beforeEach(async () => {
    await control(sim, 'POST', '/_simulator/reset');
    sp = makeClient(sim);
  });
  after(async () => {
    assert.deepEqual(sim.mismatches(), [], 'every response must validate against the model');
    await sim.close();
  });

  const getOrders = (query: Record<string, unknown>, rdt?: string) =>
    sp.callAPI({
      operation: 'getOrders',
      endpoint: 'orders',
      query: { MarketplaceIds: [US], ...query },
      ...(rdt ? { restricted_data_token: rdt } : {}),
    }) as Promise<{ Orders: Order[]; NextToken?: string; CreatedBefore?: string; LastUpdatedBefore?: string }>;

  it('getOrders enforces exactly one of CreatedAfter / LastUpdatedAfter and the two-minute lag', async () => {
    assert.match((await failure(getOrders({}))).message, /CreatedAfter or LastUpdatedAfter/);
    const both = await failure(getOrders({ CreatedAfter: daysAgo(sim, 30), LastUpdatedAfter: daysAgo(sim, 30) }));
    assert.equal(both.code, 'InvalidInput');
    const mixed = await failure(getOrders({ LastUpdatedAfter: daysAgo(sim, 30), CreatedBefore: daysAgo(sim, 1) }));
    assert.equal(mixed.code, 'InvalidInput');
    const tooRecent = await failure(
      getOrders({ CreatedAfter: daysAgo(sim, 30), CreatedBefore: new Date(sim.clock.nowMs()).toISOString() }),
    );
    assert.match(tooRecent.message, /two minutes/);
  });

  it('lists orders by creation or update window, status filter and NextToken paging, without PII', async () => {
    const all = await getOrders({ CreatedAfter: daysAgo(sim, 30) });
    assert.deepEqual(all.Orders.map((o) => o.AmazonOrderId).sort(), [UNSHIPPED, SHIPPED, CANCELED]);
    const o = all.Orders.find((x) => x.AmazonOrderId === UNSHIPPED);
    assert.equal(o?.ShippingAddress?.City, 'Seattle');
    assert.equal(o?.ShippingAddress?.Name, undefined, 'no name without a restricted data token');
    assert.deepEqual(o?.BuyerInfo, {});
    const recent = await getOrders({ LastUpdatedAfter: daysAgo(sim, 5) });
    assert.deepEqual(
      recent.Orders.map((x) => x.AmazonOrderId),
      [UNSHIPPED],
    );
    const unshipped = await getOrders({ CreatedAfter: daysAgo(sim, 30), OrderStatuses: ['Unshipped'] });
    assert.deepEqual(
      unshipped.Orders.map((x) => x.AmazonOrderId),
      [UNSHIPPED],
    );
    const page1 = await getOrders({ CreatedAfter: daysAgo(sim, 30), MaxResultsPerPage: 1 });
    assert.equal(page1.Orders.length, 1);
    assert.ok(page1.NextToken);
    const page2 = await getOrders({ NextToken: page1.NextToken });
    const page3 = await getOrders({ NextToken: page2.NextToken });
    assert.deepEqual(
      [...page1.Orders, ...page2.Orders, ...page3.Orders].map((x) => x.AmazonOrderId),
      [CANCELED, SHIPPED, UNSHIPPED],
      'oldest first, one a page',
    );
    assert.equal(page3.NextToken, undefined);
  });

  it('gets an order and its items; 404 for an unknown order, 400 for a malformed id', async () => {
    const order = (await sp.callAPI({ operation: 'getOrder', endpoint: 'orders', path: { orderId: UNSHIPPED } })) as Order;
    assert.deepEqual(order.OrderTotal, { CurrencyCode: 'USD', Amount: '49.98' });
    const items = (await sp.callAPI({ operation: 'getOrderItems', endpoint: 'orders', path: { orderId: UNSHIPPED } })) as {
      OrderItems: { SellerSKU: string; QuantityOrdered: number; QuantityShipped: number; ItemPrice: { Amount: string } }[];
    };
    assert.deepEqual(
      items.OrderItems.map((i) => [i.SellerSKU, i.QuantityOrdered, i.QuantityShipped, i.ItemPrice.Amount]),
      [['TM-BOTTLE-750', 2, 0, '49.98']],
    );
    assert.equal(
      (await failure(sp.callAPI({ operation: 'getOrder', endpoint: 'orders', path: { orderId: '111-9999999-9999999' } }))).code,
      'NotFound',
    );
    assert.equal(
      (await failure(sp.callAPI({ operation: 'getOrder', endpoint: 'orders', path: { orderId: 'nope' } }))).code,
      'InvalidInput',
    );
  });

  it('returns buyer address and buyer info only with a restricted data token, valid for its paths only', async () => {
    const plain = (await sp.callAPI({ operation: 'getOrderAddress', endpoint: 'orders', path: { orderId: UNSHIPPED } })) as {
      ShippingAddress: { Name?: string; PostalCode: string };
    };
    assert.equal(plain.ShippingAddress.Name, undefined);
    assert.equal(plain.ShippingAddress.PostalCode, '98101');
    const { restrictedDataToken } = (await sp.callAPI({
      operation: 'createRestrictedDataToken',
      endpoint: 'tokens',
      body: {
        restrictedResources: [
          { method: 'GET', path: '/orders/v0/orders/{orderId}/address' },
          { method: 'GET', path: `/orders/v0/orders/${UNSHIPPED}/buyerInfo` },
          { method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo', 'shippingAddress'] },
        ],
      },
    })) as unknown as { restrictedDataToken: string; expiresIn: number };
    const rdt = restrictedDataToken;
    const address = (await sp.callAPI({
      operation: 'getOrderAddress',
      endpoint: 'orders',
      path: { orderId: UNSHIPPED },
      restricted_data_token: rdt,
    })) as { ShippingAddress: { Name?: string; AddressLine1?: string } };
    assert.deepEqual([address.ShippingAddress.Name, address.ShippingAddress.AddressLine1], ['Jane Shopper', '1 Main St']);
    const buyer = (await sp.callAPI({
      operation: 'getOrderBuyerInfo',
      endpoint: 'orders',
      path: { orderId: UNSHIPPED },
      restricted_data_token: rdt,
    })) as { BuyerEmail?: string };
    assert.equal(buyer.BuyerEmail, 'jane.shopper@marketplace.amazon.example');
    const withPii = await getOrders({ CreatedAfter: daysAgo(sim, 30) }, rdt);
    assert.equal(withPii.Orders.find((o) => o.AmazonOrderId === UNSHIPPED)?.BuyerInfo?.BuyerName, 'Jane Shopper');
    const otherOrder = await failure(
      sp.callAPI({ operation: 'getOrderBuyerInfo', endpoint: 'orders', path: { orderId: SHIPPED }, restricted_data_token: rdt }),
    );
    assert.equal(otherOrder.code, 'Unauthorized', 'the RDT names one order for buyerInfo');
    const notListed = await failure(
      sp.callAPI({ operation: 'getOrderItems', endpoint: 'orders', path: { orderId: UNSHIPPED }, restricted_data_token: rdt }),
    );
    assert.equal(notListed.code, 'Unauthorized');
    const bad = await failure(
      sp.callAPI({
        operation: 'createRestrictedDataToken',
        endpoint: 'tokens',
        body: { restrictedResources: [{ method: 'GET', path: '/orders/v0/orders' }] },
      }),
    );
    assert.match(bad.message, /dataElements/);
  });

  it('confirmShipment ships an Unshipped order and refuses any other status with 400', async () => {
    const confirm = (orderId: string) =>
      sp.callAPI({
        operation: 'confirmShipment',
        endpoint: 'orders',
        path: { orderId },
        body: {
          marketplaceId: US,
          packageDetail: {
            packageReferenceId: '1',
            carrierCode: 'UPS',
            trackingNumber: '1Z999',
            shipDate: new Date(sim.clock.nowMs()).toISOString(),
            orderItems: [{ orderItemId: '10000000000001', quantity: 2 }],
          },
        },
      });
    assert.deepEqual(await confirm(UNSHIPPED), { success: true });
    const order = (await sp.callAPI({ operation: 'getOrder', endpoint: 'orders', path: { orderId: UNSHIPPED } })) as Order;
    assert.equal(order.OrderStatus, 'Shipped');
    assert.equal(order.NumberOfItemsShipped, 2);
    const again = await failure(confirm(UNSHIPPED));
    assert.equal(again.code, 'InvalidInput');
    assert.match(again.message, /Shipped/);
  });

  it('the shopper buys: Pending without prices, Unshipped after the delay, stock lowered, oversells refused and counted', async () => {
    const buy = (sku: string, quantity: number) =>
      control(sim, 'POST', '/_simulator/shopper/orders', { sellerId: SCENARIO.seller, marketplaceId: US, sku, quantity });
    const res = await buy('TM-BOTTLE-750', 2);
    assert.equal(res.status, 201);
    const { amazonOrderId, orderStatus } = res.json<{ amazonOrderId: string; orderStatus: string }>();
    assert.equal(orderStatus, 'Pending');
    const listing = () => sim.state().listings.find((l) => l.sku === 'TM-BOTTLE-750' && l.marketplaceId === US);
    assert.deepEqual((listing()?.attributes.fulfillment_availability as { quantity: number }[])[0]?.quantity, 38);

    const pending = (await sp.callAPI({ operation: 'getOrder', endpoint: 'orders', path: { orderId: amazonOrderId } })) as Order;
    assert.equal(pending.OrderStatus, 'Pending');
    assert.equal(pending.OrderTotal, undefined, 'Amazon shows no totals on Pending orders');
    sim.advance(121);
    const ready = (await sp.callAPI({ operation: 'getOrder', endpoint: 'orders', path: { orderId: amazonOrderId } })) as Order;
    assert.equal(ready.OrderStatus, 'Unshipped');
    assert.equal(ready.OrderTotal?.Amount, '49.98');

    const over = await buy('TM-BOTTLE-750', 39);
    assert.equal(over.status, 409);
    assert.equal((await buy('TM-MUG-350', 1)).status, 409, 'quantity 0 is not for sale');
    assert.equal((await buy('TM-BOTTLE-750', 0)).status, 400);
    const counters = (await control(sim, 'GET', '/_simulator/counters')).json<{ oversells: number }>();
    assert.equal(counters.oversells, 2);

    assert.equal((await buy('TM-BOTTLE-750-FBA', 3)).status, 201);
    const fba = sim.state().fbaInventory.find((i) => i.sku === 'TM-BOTTLE-750-FBA');
    assert.equal(fba?.fulfillable, 117);
  });

  it('the steady generator places orders on the simulator clock and never oversells', async () => {
    await control(sim, 'POST', '/_simulator/settings', { orderPendingSeconds: 60 });
    assert.equal((await control(sim, 'POST', '/_simulator/shopper/start', { ratePerMinute: 6, sellerId: SCENARIO.seller })).status, 200);
    sim.advance(600);
    const stop = (await control(sim, 'POST', '/_simulator/shopper/stop')).json<{ orders: number; oversells: number }>();
    assert.ok(stop.orders >= 59 && stop.orders <= 61, `about 60 orders in 10 minutes, got ${stop.orders}`);
    assert.equal(stop.oversells, 0);
    sim.advance(600);
    const state = sim.state();
    assert.equal(state.shopper.orders, stop.orders, 'no orders after stop');
    // Seeded orders are 111-…; the shopper's are 113-… (NA) and 305-… (the seller's DE listing).
    const generated = state.orders.filter((o) => /^(113|305)-/.test(o.amazonOrderId));
    assert.equal(generated.length, stop.orders);
    assert.ok(generated.every((o) => o.orderStatus === 'Unshipped'));
    const times = generated.map((o) => o.purchaseDateMs);
    assert.ok(Math.max(...times) - Math.min(...times) > 500_000, 'purchase times are spread over the ten minutes');
  });
});
