/**
 * Notifications v1 with the real amazon-sp-api client (grantless destination calls, seller subscription calls) and
 * ORDER_CHANGE read from the local SQS with the real @aws-sdk/client-sqs: a purchase arrives by long polling within a
 * second, payment, shipment and a buyer's cancellation follow, and the delivery settings (duplicates, reorder, delay)
 * behave as SQS standard queues can.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'mocha';
import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { control, makeClient, SCENARIO, startTestSimulator } from './helpers';
import { DEFAULT_QUEUE_URL, sqsClient } from './sqs-client';

type Sim = Awaited<ReturnType<typeof startTestSimulator>>;
type SP = ReturnType<typeof makeClient>;
const ARN = 'arn:aws:sqs:us-east-1:000000000001:sp-api-orders';
const US = SCENARIO.US;

interface OrderChange {
  NotificationType: string;
  PayloadVersion: string;
  Payload: {
    OrderChangeNotification: {
      SellerId: string;
      AmazonOrderId: string;
      OrderChangeType: string;
      OrderChangeTrigger: { ChangeReason: string };
      Summary: {
        OrderStatus: string;
        MarketplaceId: string;
        FulfillmentType: string;
        OrderItems: { SellerSKU: string; Quantity: number }[];
      };
    };
  };
  NotificationMetadata: { ApplicationId: string; SubscriptionId: string; NotificationId: string };
}

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected the call to fail');
}

describe('simulator Notifications and ORDER_CHANGE delivery', () => {
  let sim: Sim;
  let sp: SP;
  let sqs: SQSClient;
  before(async () => {
    sim = await startTestSimulator();
    sqs = sqsClient(sim);
  });
  beforeEach(async () => {
    await control(sim, 'POST', '/_simulator/reset');
    sp = makeClient(sim);
  });
  after(async () => {
    assert.deepEqual(sim.mismatches(), [], 'every response and notification must validate');
    sqs.destroy();
    await sim.close();
  });

  const createDestination = (resourceSpecification: unknown) =>
    sp.callAPI({ operation: 'createDestination', endpoint: 'notifications', body: { name: 'orders', resourceSpecification } }) as Promise<{
      destinationId: string;
    }>;
  const subscribe = (destinationId: string) =>
    sp.callAPI({
      operation: 'createSubscription',
      endpoint: 'notifications',
      path: { notificationType: 'ORDER_CHANGE' },
      body: {
        payloadVersion: '1.0',
        destinationId,
        processingDirective: {
          eventFilter: { eventFilterType: 'ORDER_CHANGE', orderChangeTypes: ['OrderStatusChange', 'BuyerRequestedChange'] },
        },
      },
    }) as Promise<{ subscriptionId: string; destinationId: string }>;
  const setUp = async () => subscribe((await createDestination({ sqs: { arn: ARN } })).destinationId);
  const buy = async (sku = 'TM-BOTTLE-750') => {
    const res = await control(sim, 'POST', '/_simulator/shopper/orders', {
      sellerId: SCENARIO.seller,
      marketplaceId: US,
      sku,
      quantity: 1,
    });
    assert.equal(res.status, 201, res.text);
    return res.json<{ amazonOrderId: string }>().amazonOrderId;
  };
  /** Long-polls the queue and deletes what it got. */
  const next = async (max = 10, wait = 5): Promise<OrderChange[]> => {
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: DEFAULT_QUEUE_URL, MaxNumberOfMessages: max, WaitTimeSeconds: wait }));
    for (const m of got.Messages ?? [])
      await sqs.send(new DeleteMessageCommand({ QueueUrl: DEFAULT_QUEUE_URL, ReceiptHandle: m.ReceiptHandle }));
    return (got.Messages ?? []).map((m) => JSON.parse(m.Body ?? '') as OrderChange);
  };
  const change = (n: OrderChange | undefined) => n?.Payload.OrderChangeNotification;

  it('grantless destinations: create, list, get, delete; EventBridge and unknown queues refused', async () => {
    const d = await createDestination({ sqs: { arn: ARN } });
    assert.match(d.destinationId, /^[0-9a-f-]{36}$/);
    const list = (await sp.callAPI({ operation: 'getDestinations', endpoint: 'notifications' })) as { destinationId: string }[];
    assert.deepEqual(
      list.map((x) => x.destinationId),
      [d.destinationId],
    );
    const again = await failure(createDestination({ sqs: { arn: ARN } }));
    assert.equal(again.code, 'Conflict');
    const eb = await failure(createDestination({ eventBridge: { region: 'us-east-1', accountId: '000000000001' } }));
    assert.match(eb.message, /EventBridge destinations are not supported/);
    const missing = await failure(createDestination({ sqs: { arn: 'arn:aws:sqs:us-east-1:000000000001:nope' } }));
    assert.equal(missing.code, 'InvalidInput');
    await sp.callAPI({ operation: 'deleteDestination', endpoint: 'notifications', path: { destinationId: d.destinationId } });
    const gone = await failure(
      sp.callAPI({ operation: 'getDestination', endpoint: 'notifications', path: { destinationId: d.destinationId } }),
    );
    assert.equal(gone.code, 'NotFound');
    assert.ok(
      [...sim.sim.world.accessTokens.values()].some((t) => t.sellerId === null && t.scope === 'sellingpartnerapi::notifications'),
      'the client fetched a grantless token',
    );
  });

  it('a purchase arrives as ORDER_CHANGE by long polling within a second; payment, shipment and cancellation follow', async () => {
    const sub = await setUp();
    const second = await failure(subscribe(sub.destinationId));
    assert.equal(second.code, 'Conflict', 'one subscription per seller, application and type');
    const started = Date.now();
    const polling = next(10, 10);
    setTimeout(() => void buy('TM-BOTTLE-750'), 200);
    const [created] = await polling;
    assert.ok(Date.now() - started < 1500, `arrived after ${Date.now() - started} ms`);
    const c = change(created);
    assert.equal(created?.NotificationType, 'ORDER_CHANGE');
    assert.equal(c?.SellerId, SCENARIO.seller);
    assert.equal(c?.OrderChangeType, 'OrderStatusChange');
    assert.equal(c?.Summary.OrderStatus, 'Pending');
    assert.equal(c?.Summary.OrderItems[0]?.SellerSKU, 'TM-BOTTLE-750');
    assert.equal(created?.NotificationMetadata.SubscriptionId, sub.subscriptionId);
    assert.equal(created?.NotificationMetadata.ApplicationId, SCENARIO.appId);
    const orderId = c?.AmazonOrderId ?? '';

    sim.advance(121); // payment completes on the simulator clock; the next poll settles it
    const [paid] = await next();
    assert.equal(change(paid)?.AmazonOrderId, orderId);
    assert.equal(change(paid)?.Summary.OrderStatus, 'Unshipped');

    const items = (await sp.callAPI({ operation: 'getOrderItems', endpoint: 'orders', path: { orderId } })) as {
      OrderItems: { OrderItemId: string }[];
    };
    await sp.callAPI({
      operation: 'confirmShipment',
      endpoint: 'orders',
      path: { orderId },
      body: {
        marketplaceId: US,
        packageDetail: {
          packageReferenceId: '1',
          carrierCode: 'UPS',
          trackingNumber: '1Z1',
          shipDate: new Date(sim.clock.nowMs()).toISOString(),
          orderItems: [{ orderItemId: items.OrderItems[0]?.OrderItemId, quantity: 1 }],
        },
      },
    });
    assert.equal(change((await next())[0])?.Summary.OrderStatus, 'Shipped');

    const other = await buy();
    await next(); // its Pending notification
    const cancel = await control(sim, 'POST', '/_simulator/orders/cancel', {
      sellerId: SCENARIO.seller,
      amazonOrderId: other,
      reason: 'NoLongerNeeded',
    });
    assert.equal(cancel.status, 200, cancel.text);
    const [canceled] = await next();
    assert.equal(change(canceled)?.AmazonOrderId, other);
    assert.equal(change(canceled)?.Summary.OrderStatus, 'Canceled');
    const shippedCancel = await control(sim, 'POST', '/_simulator/orders/cancel', { sellerId: SCENARIO.seller, amazonOrderId: orderId });
    assert.equal(shippedCancel.status, 409, 'a shipped order cannot be canceled by the buyer');
  });

  it('subscriptions by id (grantless): read, delete — then nothing is delivered', async () => {
    const sub = await setUp();
    const got = (await sp.callAPI({
      operation: 'getSubscription',
      endpoint: 'notifications',
      path: { notificationType: 'ORDER_CHANGE' },
    })) as {
      subscriptionId: string;
    };
    assert.equal(got.subscriptionId, sub.subscriptionId);
    const path = { notificationType: 'ORDER_CHANGE', subscriptionId: sub.subscriptionId };
    const byId = (await sp.callAPI({ operation: 'getSubscriptionById', endpoint: 'notifications', path })) as { destinationId: string };
    assert.equal(byId.destinationId, sub.destinationId);
    await sp.callAPI({ operation: 'deleteSubscriptionById', endpoint: 'notifications', path });
    await buy();
    assert.deepEqual(await next(10, 0), []);
  });

  it('at-least-once and unordered: duplicates, reordering and a delay on the simulator clock', async () => {
    await setUp();
    await control(sim, 'POST', '/_simulator/settings', { notificationDuplicates: 1 });
    const id = await buy();
    const twice = await next(10, 1);
    assert.equal(twice.length, 2);
    assert.equal(twice[0]?.NotificationMetadata.NotificationId, twice[1]?.NotificationMetadata.NotificationId);
    assert.equal(change(twice[1])?.AmazonOrderId, id);

    await control(sim, 'POST', '/_simulator/settings', { notificationDuplicates: 0, notificationReorder: 1 });
    const first = await buy();
    const later = await buy();
    const both = await next(10, 1);
    assert.deepEqual(
      both.map((n) => change(n)?.AmazonOrderId),
      [later, first],
    );

    await control(sim, 'POST', '/_simulator/settings', { notificationReorder: 0, notificationDelaySeconds: 60 });
    await buy();
    assert.deepEqual(await next(10, 0), [], 'held back');
    sim.advance(61);
    assert.equal((await next(10, 0)).length, 1);
  });
});
