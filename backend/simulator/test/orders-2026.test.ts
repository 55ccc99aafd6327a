/**
 * Orders 2026-01-01 with the real client (`endpoints_versions: { orders: '2026-01-01' }`): searchOrders' filters,
 * paging and lag, includedData, a shopper's order Pending then paid, personal data as Amazon documents it (no
 * restricted data token), the usage plans (429 after the burst, apart from v0's getOrder).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'mocha';
import { control, makeClient, SCENARIO, startTestSimulator } from './helpers';

type Sim = Awaited<ReturnType<typeof startTestSimulator>>;
type SP = ReturnType<typeof makeClient>;
type Json = Record<string, unknown>;
interface Money {
  amount: string;
  currencyCode: string;
}
interface Order2026 {
  orderId: string;
  createdTime: string;
  lastUpdatedTime: string;
  buyer?: { buyerName?: string; buyerEmail?: string };
  recipient?: { deliveryAddress: { name?: string; addressLine1?: string; city?: string; postalCode?: string } };
  proceeds?: { grandTotal: Money };
  fulfillment?: { fulfillmentStatus: string; fulfilledBy: string };
  orderItems: {
    orderItemId: string;
    quantityOrdered: number;
    product: { sellerSku: string; price?: { unitPrice: Money } };
    proceeds?: { proceedsTotal: Money };
    cancellation?: { cancellationRequest?: { requester: string; cancelReason: string }; cancellationExecution?: { cancelledBy: string } };
  }[];
}
interface Search {
  orders: Order2026[];
  pagination?: { nextToken: string };
  createdBefore?: string;
  lastUpdatedBefore?: string;
}

const US = SCENARIO.US;
const UNSHIPPED = '111-0000001-0000001';
const SHIPPED = '111-0000002-0000002';
const CANCELED = '111-0000003-0000003';

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected the call to fail');
}

const client2026 = (sim: Sim) => makeClient(sim, { versions: { orders: '2026-01-01' } });
const getOrder2026 = (sp: SP, orderId: string, includedData?: string[]) =>
  sp.callAPI({
    operation: 'getOrder',
    endpoint: 'orders',
    path: { orderId },
    ...(includedData ? { query: { includedData } } : {}),
  }) as Promise<{
    order: Order2026;
  }>;

describe('simulator Orders 2026-01-01', () => {
  let sim: Sim;
  let sp: SP;
  before(async () => {
    sim = await startTestSimulator();
  });
  beforeEach(async () => {
    await control(sim, 'POST', '/_simulator/reset');
    sp = client2026(sim);
  });
  after(async () => {
    assert.deepEqual(sim.mismatches(), [], 'every response must validate against the model');
    await sim.close();
  });

  const ago = (days: number) => new Date(sim.clock.nowMs() - days * 86_400_000).toISOString();
  const search = (query: Json) =>
    sp.callAPI({ operation: 'searchOrders', endpoint: 'orders', query: { marketplaceIds: [US], ...query } }) as Promise<Search>;
  const buy = async () => {
    const res = await control(sim, 'POST', '/_simulator/shopper/orders', {
      sellerId: SCENARIO.seller,
      marketplaceId: US,
      sku: 'TM-BOTTLE-750',
      quantity: 2,
    });
    assert.equal(res.status, 201, res.text);
    return res.json<{ amazonOrderId: string }>().amazonOrderId;
  };

  it('searchOrders filters by time window, status and fulfiller, pages with paginationToken, answers its upper bound', async () => {
    const all = await search({ createdAfter: ago(30) });
    assert.deepEqual(
      all.orders.map((o) => o.orderId),
      [CANCELED, SHIPPED, UNSHIPPED],
      'oldest first',
    );
    assert.match(all.createdBefore ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, 'whole seconds, two minutes back');
    assert.ok(Date.parse(all.createdBefore ?? '') <= sim.clock.nowMs() - 120_000);
    assert.equal(all.pagination, undefined);

    const shipped = await search({ createdAfter: ago(30), fulfillmentStatuses: ['SHIPPED', 'CANCELLED'] });
    assert.deepEqual(
      shipped.orders.map((o) => o.orderId),
      [CANCELED, SHIPPED],
    );
    assert.equal((await search({ createdAfter: ago(30), fulfilledBy: ['AMAZON'] })).orders.length, 0);
    const updated = await search({ lastUpdatedAfter: ago(9) });
    assert.deepEqual(
      updated.orders.map((o) => o.orderId),
      [SHIPPED, UNSHIPPED],
    );
    assert.ok(updated.lastUpdatedBefore);

    const seen: string[] = [];
    let page = await search({ createdAfter: ago(30), maxResultsPerPage: 2 });
    seen.push(...page.orders.map((o) => o.orderId));
    assert.ok(page.pagination?.nextToken);
    page = await search({ paginationToken: page.pagination.nextToken });
    seen.push(...page.orders.map((o) => o.orderId));
    assert.equal(page.pagination, undefined);
    assert.deepEqual(seen, [CANCELED, SHIPPED, UNSHIPPED]);

    const both = await failure(search({ createdAfter: ago(30), lastUpdatedAfter: ago(30) }));
    assert.equal(both.code, 'InvalidInput');
    const recent = await failure(search({ createdAfter: ago(30), createdBefore: new Date(sim.clock.nowMs() - 60_000).toISOString() }));
    assert.match(recent.message, /two minutes/);
    assert.equal((await failure(search({}))).code, 'InvalidInput', 'createdAfter or lastUpdatedAfter is required');
  });

  it('includedData chooses the blocks; a canceled order keeps its prices with quantity 0, times in whole seconds', async () => {
    const bare = (await getOrder2026(sp, CANCELED)).order as unknown as Json;
    for (const block of ['buyer', 'recipient', 'proceeds', 'fulfillment']) assert.equal(bare[block], undefined, block);
    assert.deepEqual((bare.salesChannel as Json).marketplaceName, 'Amazon.com');
    const full = (await getOrder2026(sp, CANCELED, ['PROCEEDS', 'FULFILLMENT', 'CANCELLATION', 'BUYER', 'RECIPIENT'])).order;
    assert.match(full.createdTime, /:\d\dZ$/);
    assert.equal(full.fulfillment?.fulfillmentStatus, 'CANCELLED');
    const item = full.orderItems[0];
    assert.equal(item?.quantityOrdered, 0);
    assert.ok(Number(item?.proceeds?.proceedsTotal.amount) > 0, 'a canceled item keeps its price');
    assert.ok(Number(full.proceeds?.grandTotal.amount) > 0);
    assert.ok(full.recipient?.deliveryAddress.city);
    const bad = await failure(getOrder2026(sp, 'not-an-id'));
    assert.equal(bad.code, 'InvalidInput');
    assert.equal((await failure(getOrder2026(sp, '111-9999999-9999999'))).code, 'NotFound');
  });

  it("a shopper's order: Pending without prices or buyer data, then Unshipped with them; searchOrders sees it only after the lag", async () => {
    const id = await buy();
    const pii = ['BUYER', 'RECIPIENT', 'PROCEEDS', 'FULFILLMENT'];
    const pending = (await getOrder2026(sp, id, pii)).order;
    assert.equal(pending.fulfillment?.fulfillmentStatus, 'PENDING');
    assert.equal(pending.proceeds, undefined);
    assert.equal(pending.orderItems[0]?.product.price, undefined);
    assert.equal(pending.orderItems[0]?.proceeds, undefined);
    assert.equal(pending.buyer, undefined, 'no name or e-mail before payment');
    assert.equal(pending.recipient?.deliveryAddress.name, undefined);
    assert.ok(pending.recipient?.deliveryAddress.city, 'the city is not personal data');
    const window = { createdAfter: new Date(sim.clock.nowMs() - 3_600_000).toISOString() };
    assert.equal((await search(window)).orders.length, 0, 'not visible before the two-minute lag');

    sim.advance(121);
    const paid = (await getOrder2026(sp, id, pii)).order;
    assert.equal(paid.fulfillment?.fulfillmentStatus, 'UNSHIPPED');
    assert.equal(paid.orderItems[0]?.quantityOrdered, 2);
    const unit = Number(paid.orderItems[0]?.product.price?.unitPrice.amount);
    assert.equal(Number(paid.orderItems[0]?.proceeds?.proceedsTotal.amount).toFixed(2), (unit * 2).toFixed(2));
    assert.ok(paid.buyer?.buyerName && paid.buyer.buyerEmail, 'merchant-fulfilled and paid: name and e-mail, no token needed');
    assert.ok(paid.recipient?.deliveryAddress.name && paid.recipient.deliveryAddress.addressLine1);
    const found = await search({ ...window, includedData: ['FULFILLMENT'] });
    assert.deepEqual(
      found.orders.map((o) => o.orderId),
      [id],
    );
    assert.equal(found.orders[0]?.fulfillment?.fulfillmentStatus, 'UNSHIPPED');
  });

  it('personal data needs no restricted data token, and the Tokens API grants none for Orders 2026-01-01', async () => {
    const v0 = makeClient(sim);
    const refused = await failure(
      v0.callAPI({
        operation: 'createRestrictedDataToken',
        endpoint: 'tokens',
        body: { restrictedResources: [{ method: 'GET', path: '/orders/2026-01-01/orders', dataElements: ['buyerInfo'] }] },
      }),
    );
    assert.equal(refused.code, 'InvalidRequest');
    const o = (await getOrder2026(sp, SHIPPED, ['BUYER', 'RECIPIENT'])).order;
    assert.ok(o.buyer?.buyerEmail, 'merchant-fulfilled and shipped');
  });

  it('usage plans: searchOrders 429 after a burst of 20; getOrder has its own bucket apart from v0 getOrder', async () => {
    for (let i = 0; i < 20; i++) await search({ createdAfter: ago(30) });
    const throttled = await failure(search({ createdAfter: ago(30) }));
    assert.equal(throttled.code, 'QuotaExceeded');
    for (let i = 0; i < 30; i++) await getOrder2026(sp, UNSHIPPED);
    assert.equal((await failure(getOrder2026(sp, UNSHIPPED))).code, 'QuotaExceeded');
    const v0 = await makeClient(sim).callAPI({ operation: 'getOrder', endpoint: 'orders', path: { orderId: UNSHIPPED } });
    assert.equal((v0 as { AmazonOrderId: string }).AmazonOrderId, UNSHIPPED, "v0's getOrder is another bucket");
    sim.advance(2);
    await getOrder2026(sp, UNSHIPPED);
  });
});
