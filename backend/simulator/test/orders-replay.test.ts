/**
 * Recorded real orders replayed through the control plane (`POST /_simulator/orders`, Amazon's own v0 or 2026
 * shape) and read back through both Orders versions with the real client; a buyer's cancellation request
 * visible on the order in both versions and delivered as ORDER_CHANGE (BuyerRequestedChange) to the local SQS.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'mocha';
import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { control, makeClient, SCENARIO, startTestSimulator } from './helpers';
import { DEFAULT_QUEUE_URL, sqsClient } from './sqs-client';

type Sim = Awaited<ReturnType<typeof startTestSimulator>>;
type Json = Record<string, unknown>;
const US = SCENARIO.US;
const ID = '112-3456789-0123456';
const ARN = 'arn:aws:sqs:us-east-1:000000000001:sp-api-orders';

/** An order as Orders v0 getOrder + getOrderItems + getOrderAddress + getOrderBuyerInfo answered it. */
const V0_ORDER = {
  AmazonOrderId: ID,
  SellerOrderId: 'SO-1001',
  PurchaseDate: '2026-03-02T09:15:42Z',
  LastUpdateDate: '2026-03-02T09:48:10Z',
  OrderStatus: 'Unshipped',
  FulfillmentChannel: 'MFN',
  SalesChannel: 'Amazon.com',
  ShipServiceLevel: 'Std US D2D Dom',
  OrderTotal: { CurrencyCode: 'USD', Amount: '47.97' },
  NumberOfItemsShipped: 0,
  NumberOfItemsUnshipped: 3,
  PaymentMethod: 'Other',
  PaymentMethodDetails: ['Standard'],
  MarketplaceId: US,
  ShipmentServiceLevelCategory: 'Expedited',
  OrderType: 'StandardOrder',
  EarliestShipDate: '2026-03-03T07:00:00Z',
  LatestShipDate: '2026-03-04T06:59:59Z',
  IsBusinessOrder: false,
  IsPrime: true,
  IsReplacementOrder: 'false',
  ShippingAddress: {
    Name: 'Jordan Rivers',
    AddressLine1: '742 Evergreen Terrace',
    AddressLine2: 'Apt 2',
    City: 'Springfield',
    StateOrRegion: 'OR',
    PostalCode: '97477',
    CountryCode: 'US',
    AddressType: 'Residential',
  },
  BuyerInfo: { BuyerEmail: 'q8x2@marketplace.amazon.com', BuyerName: 'Jordan Rivers' },
};
const V0_ITEMS = {
  payload: {
    AmazonOrderId: ID,
    OrderItems: [
      {
        ASIN: 'B0SIM00001',
        SellerSKU: 'TM-BOTTLE-750',
        OrderItemId: '12345678901234',
        Title: 'Water bottle',
        QuantityOrdered: 3,
        QuantityShipped: 0,
        ItemPrice: { CurrencyCode: 'USD', Amount: '44.97' },
        ItemTax: { CurrencyCode: 'USD', Amount: '3.00' },
        PromotionIds: ['SPRING-5'],
        IsGift: 'false',
        ConditionId: 'New',
      },
    ],
  },
};

async function failure(p: Promise<unknown>): Promise<{ code: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string };
  }
  throw new Error('expected the call to fail');
}

describe('simulator replay of recorded orders and buyer cancellation requests', () => {
  let sim: Sim;
  let sqs: SQSClient;
  before(async () => {
    sim = await startTestSimulator();
    sqs = sqsClient(sim);
  });
  beforeEach(async () => {
    await control(sim, 'POST', '/_simulator/reset');
  });
  after(async () => {
    assert.deepEqual(sim.mismatches(), [], 'every response and notification must validate');
    sqs.destroy();
    await sim.close();
  });

  const v0 = () => makeClient(sim);
  const v2026 = () => makeClient(sim, { versions: { orders: '2026-01-01' } });
  const order2026 = async (id: string, includedData: string[]) =>
    (
      (await v2026().callAPI({ operation: 'getOrder', endpoint: 'orders', path: { orderId: id }, query: { includedData } })) as unknown as {
        order: Json;
      }
    ).order;
  const replay = (body: Json) => control(sim, 'POST', '/_simulator/orders', { sellerId: SCENARIO.seller, ...body });
  const subscribe = async () => {
    const grantless = makeClient(sim, { grantless: true });
    const d = (await grantless.callAPI({
      operation: 'createDestination',
      endpoint: 'notifications',
      body: { name: 'orders', resourceSpecification: { sqs: { arn: ARN } } },
    })) as { destinationId: string };
    await v0().callAPI({
      operation: 'createSubscription',
      endpoint: 'notifications',
      path: { notificationType: 'ORDER_CHANGE' },
      body: { payloadVersion: '1.0', destinationId: d.destinationId },
    });
  };
  const drain = async () => {
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: DEFAULT_QUEUE_URL, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    for (const m of got.Messages ?? [])
      await sqs.send(new DeleteMessageCommand({ QueueUrl: DEFAULT_QUEUE_URL, ReceiptHandle: m.ReceiptHandle }));
    return (got.Messages ?? []).map(
      (m) => (JSON.parse(m.Body ?? '') as { Payload: { OrderChangeNotification: Json } }).Payload.OrderChangeNotification,
    );
  };

  it('a v0-shaped order is answered by Orders v0 and 2026-01-01 alike; ORDER_CHANGE announces it; 409 twice, 400 malformed', async () => {
    await subscribe();
    const res = await replay({ order: V0_ORDER, orderItems: V0_ITEMS });
    assert.equal(res.status, 201, res.text);
    const [announced] = await drain();
    assert.equal(announced?.AmazonOrderId, ID);

    const o = (await v0().callAPI({ operation: 'getOrder', endpoint: 'orders', path: { orderId: ID } })) as Json;
    assert.equal(o.PurchaseDate, V0_ORDER.PurchaseDate);
    assert.equal(o.SellerOrderId, 'SO-1001');
    assert.deepEqual(o.OrderTotal, V0_ORDER.OrderTotal);
    assert.equal(o.IsPrime, true);
    const items = (await v0().callAPI({ operation: 'getOrderItems', endpoint: 'orders', path: { orderId: ID } })) as unknown as {
      OrderItems: Json[];
    };
    assert.deepEqual(items.OrderItems[0]?.PromotionIds, ['SPRING-5']);
    assert.deepEqual(items.OrderItems[0]?.ItemPrice, { CurrencyCode: 'USD', Amount: '44.97' });

    const n = await order2026(ID, ['BUYER', 'RECIPIENT', 'PROCEEDS', 'FULFILLMENT', 'PROMOTION']);
    assert.deepEqual(n.orderAliases, [{ aliasId: 'SO-1001', aliasType: 'SELLER_ORDER_ID' }]);
    assert.deepEqual(n.programs, ['PRIME']);
    assert.equal((n.proceeds as { grandTotal: { amount: string } }).grandTotal.amount, '47.97');
    const f = n.fulfillment as Json;
    assert.equal(f.fulfillmentStatus, 'UNSHIPPED');
    assert.equal(f.fulfillmentServiceLevel, 'EXPEDITED');
    assert.deepEqual(f.shipByWindow, { earliestDateTime: V0_ORDER.EarliestShipDate, latestDateTime: V0_ORDER.LatestShipDate });
    assert.deepEqual(n.buyer, { buyerName: 'Jordan Rivers', buyerEmail: 'q8x2@marketplace.amazon.com' });
    const address = (n.recipient as { deliveryAddress: Json }).deliveryAddress;
    assert.equal(address.addressLine2, 'Apt 2');
    assert.equal(address.addressType, 'RESIDENTIAL');
    const item = (n.orderItems as Json[])[0] as Json;
    assert.deepEqual((item.product as Json).price, { unitPrice: { amount: '14.99', currencyCode: 'USD' } });
    assert.deepEqual(item.promotion, { breakdowns: [{ promotionId: 'SPRING-5' }] });

    assert.equal((await replay({ order: V0_ORDER, orderItems: V0_ITEMS })).status, 409);
    const malformed = await replay({ order: { ...V0_ORDER, PurchaseDate: 'yesterday' }, orderItems: V0_ITEMS });
    assert.equal(malformed.status, 400);
    assert.match(malformed.json<{ error: string }>().error, /order\.PurchaseDate must be an ISO 8601 time/);
    const noItems = await replay({ order: { ...V0_ORDER, AmazonOrderId: '112-0000000-0000009' } });
    assert.match(noItems.json<{ error: string }>().error, /OrderItems/);
    const neither = await replay({ order: { id: 1 } });
    assert.equal(neither.status, 400);
  });

  it('a 2026-shaped order keeps what the state does not model, and v0 answers it too', async () => {
    const recorded = {
      orderId: '113-1111111-2222222',
      createdTime: '2026-03-01T10:00:00Z',
      lastUpdatedTime: '2026-03-02T11:00:00Z',
      salesChannel: { channelName: 'AMAZON', marketplaceId: US, marketplaceName: 'Amazon.com' },
      fulfillment: { fulfillmentStatus: 'SHIPPED', fulfilledBy: 'MERCHANT', fulfillmentServiceLevel: 'STANDARD' },
      orderItems: [
        {
          orderItemId: '98765432109876',
          quantityOrdered: 1,
          product: {
            asin: 'B0SIM00002',
            title: 'Mug',
            sellerSku: 'TM-MUG-350',
            price: { unitPrice: { amount: '12.50', currencyCode: 'USD' } },
          },
          fulfillment: { quantityFulfilled: 1, quantityUnfulfilled: 0 },
        },
      ],
      packages: [
        {
          packageReferenceId: '1',
          carrier: 'UPS',
          trackingNumber: '1Z999',
          shipTime: '2026-03-02T10:00:00Z',
          packageStatus: { status: 'IN_TRANSIT', detailedStatus: 'OUT_FOR_DELIVERY' },
          packageItems: [{ orderItemId: '98765432109876', quantity: 1 }],
        },
      ],
    };
    assert.equal((await replay({ order: { order: recorded } })).status, 201);
    const n = await order2026(recorded.orderId, ['PACKAGES', 'FULFILLMENT']);
    assert.deepEqual(n.packages, recorded.packages);
    const o = (await v0().callAPI({ operation: 'getOrder', endpoint: 'orders', path: { orderId: recorded.orderId } })) as Json;
    assert.equal(o.OrderStatus, 'Shipped');
    assert.equal(o.NumberOfItemsShipped, 1);
  });

  it('a buyer asks to cancel: the order keeps its status, both versions show the request, ORDER_CHANGE says BuyerRequestedChange', async () => {
    await subscribe();
    const order = '111-0000001-0000001';
    const asked = await control(sim, 'POST', '/_simulator/orders/cancel-request', {
      sellerId: SCENARIO.seller,
      amazonOrderId: order,
      reason: 'Ordered by mistake',
    });
    assert.equal(asked.status, 200, asked.text);
    assert.equal(asked.json<{ orderStatus: string }>().orderStatus, 'Unshipped');
    const [msg] = await drain();
    assert.equal(msg?.OrderChangeType, 'BuyerRequestedChange');
    const items = (msg?.Summary as { OrderItems: { IsBuyerRequestedCancel: boolean }[] }).OrderItems;
    assert.equal(items[0]?.IsBuyerRequestedCancel, true);

    const v0Items = (await v0().callAPI({ operation: 'getOrderItems', endpoint: 'orders', path: { orderId: order } })) as unknown as {
      OrderItems: Json[];
    };
    assert.deepEqual(v0Items.OrderItems[0]?.BuyerRequestedCancel, {
      IsBuyerRequestedCancel: 'true',
      BuyerCancelReason: 'Ordered by mistake',
    });
    const n = await order2026(order, ['CANCELLATION', 'FULFILLMENT']);
    assert.equal((n.fulfillment as Json).fulfillmentStatus, 'UNSHIPPED');
    assert.deepEqual(((n.orderItems as Json[])[0] as Json).cancellation, {
      cancellationRequest: { requester: 'BUYER', cancelReason: 'Ordered by mistake' },
    });

    const again = await control(sim, 'POST', '/_simulator/orders/cancel-request', {
      sellerId: SCENARIO.seller,
      amazonOrderId: order,
      reason: 'x',
    });
    assert.equal(again.status, 409);
    const shipped = await control(sim, 'POST', '/_simulator/orders/cancel-request', {
      sellerId: SCENARIO.seller,
      amazonOrderId: '111-0000002-0000002',
    });
    assert.equal(shipped.status, 409);
    const unknown = await control(sim, 'POST', '/_simulator/orders/cancel-request', {
      sellerId: SCENARIO.seller,
      amazonOrderId: '111-9999999-9999999',
    });
    assert.equal(unknown.status, 404);
    assert.equal(
      (await failure(v2026().callAPI({ operation: 'getOrder', endpoint: 'orders', path: { orderId: '111-9999999-9999999' } }))).code,
      'NotFound',
    );
  });
});
