/**
 * ORDER_CHANGE notifications: `orderChanged` is called wherever an order of a seller changes (the shopper's
 * purchase, Pending → Unshipped after payment, confirmShipment, a buyer's cancellation) and publishes the
 * notification Amazon sends to every ORDER_CHANGE subscription of that seller. Each notification is checked
 * against Amazon's schema (fixtures/amazon-models/schemas/notifications/OrderChangeNotification.json); a
 * failure is recorded as a response mismatch, as a bad API answer is.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { createAjv, modelsRoot } from './models';
import type { OrderState, World } from './state';
import type { Subscription } from './notifications-store';

const DAY_MS = 86_400_000;

export type OrderChangeType = 'OrderStatusChange' | 'BuyerRequestedChange';

export interface OrderChange {
  type: OrderChangeType;
  /** When the change happened (e.g. when payment completed, possibly before the clock was read). */
  atMs: number;
  reason: string;
}

let validator: ValidateFunction | null = null;
function validate(doc: unknown): string | null {
  if (!validator) {
    const file = path.join(modelsRoot, 'schemas', 'notifications', 'OrderChangeNotification.json');
    validator = createAjv().compile(JSON.parse(readFileSync(file, 'utf8')) as object);
  }
  if (validator(doc)) return null;
  return (validator.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`).join('; ');
}

function shippedUnits(o: OrderState, orderItemId: string): number {
  const confirmed = o.shipments.flatMap((s) => s.items ?? []).filter((i) => i.orderItemId === orderItemId);
  // Seeded Shipped orders have no shipment records: everything was shipped.
  if (confirmed.length === 0 && o.orderStatus === 'Shipped') return o.items.find((i) => i.orderItemId === orderItemId)?.quantity ?? 0;
  return confirmed.reduce((n, i) => n + i.quantity, 0);
}

/** The notification as Amazon delivers it (PascalCase envelope; times in ISO 8601 with milliseconds). */
export function orderChangeNotification(
  sellerId: string,
  o: OrderState,
  change: OrderChange,
  sub: Subscription,
  notificationId: string,
  publishMs: number,
): Record<string, unknown> {
  const iso = (ms: number) => new Date(ms).toISOString();
  const items = o.items.map((i) => {
    const shipped = shippedUnits(o, i.orderItemId);
    return {
      OrderItemId: i.orderItemId,
      SellerSKU: i.sku,
      SupplySourceId: null,
      OrderItemStatus: shipped >= i.quantity ? 'Shipped' : 'Unshipped',
      Quantity: i.quantity,
      QuantityShipped: shipped,
      IsBuyerRequestedCancel: i.buyerRequestedCancel !== undefined || o.cancellation?.by === 'BUYER',
    };
  });
  const shipped = items.reduce((n, i) => n + i.QuantityShipped, 0);
  return {
    NotificationVersion: '1.0',
    NotificationType: 'ORDER_CHANGE',
    PayloadVersion: sub.payloadVersion,
    EventTime: iso(publishMs),
    Payload: {
      OrderChangeNotification: {
        NotificationLevel: 'OrderLevel',
        SellerId: sellerId,
        AmazonOrderId: o.amazonOrderId,
        OrderChangeType: change.type,
        OrderChangeTrigger: { TimeOfOrderChange: iso(change.atMs), ChangeReason: change.reason },
        Summary: {
          MarketplaceId: o.marketplaceId,
          OrderStatus: o.orderStatus,
          PurchaseDate: iso(o.purchaseDateMs),
          DestinationPostalCode: o.shippingAddress.postalCode,
          FulfillmentType: o.fulfillmentChannel,
          OrderType: 'StandardOrder',
          NumberOfItemsShipped: shipped,
          NumberOfItemsUnshipped: o.items.reduce((n, i) => n + i.quantity, 0) - shipped,
          EarliestShipDate: iso(o.purchaseDateMs + DAY_MS),
          LatestShipDate: iso(o.purchaseDateMs + 3 * DAY_MS),
          OrderItems: items,
        },
      },
    },
    NotificationMetadata: {
      ApplicationId: sub.applicationId,
      SubscriptionId: sub.subscriptionId,
      PublishTime: iso(publishMs),
      NotificationId: notificationId,
    },
  };
}

/** Publishes ORDER_CHANGE for `order` of `sellerId` to every subscription (none: nothing happens). */
export function orderChanged(world: World, sellerId: string, order: OrderState, change: OrderChange): void {
  const region = world.marketplaceRegion(order.marketplaceId);
  if (!region) return;
  const store = world.notifications;
  store.publish({
    sellerId,
    region,
    notificationType: 'ORDER_CHANGE',
    marketplaceId: order.marketplaceId,
    orderChangeType: change.type,
    build: (sub, id, publishMs) => {
      const doc = orderChangeNotification(sellerId, order, change, sub, id, publishMs);
      const problem = validate(doc);
      if (problem) store.onProblem(`ORDER_CHANGE ${order.amazonOrderId}: ${problem}`);
      return doc;
    },
  });
}

/**
 * A replayed order (control plane, order-replay.ts) joins the seller's orders and is announced like a new one:
 * 404 unknown seller, 400 a marketplace the seller does not sell in, 409 an order id the seller already has.
 */
export function addOrder(world: World, sellerId: string, order: OrderState): OrderState {
  const seller = world.sellers.get(sellerId);
  if (!seller) throw Object.assign(new Error(`no seller ${sellerId}`), { status: 404 });
  if (!seller.scenario.participations.some((p) => p.marketplaceId === order.marketplaceId))
    throw Object.assign(new Error(`seller ${sellerId} does not sell in marketplace ${order.marketplaceId}`), { status: 400 });
  if (seller.orders.has(order.amazonOrderId))
    throw Object.assign(new Error(`seller ${sellerId} already has order ${order.amazonOrderId}`), { status: 409 });
  seller.orders.set(order.amazonOrderId, order);
  orderChanged(world, sellerId, order, { type: 'OrderStatusChange', atMs: world.clock.nowMs(), reason: 'NewOrder' });
  return order;
}

/** Which orders a buyer can still cancel: those not shipped yet. */
const CANCELABLE = ['Pending', 'Unshipped', 'PendingAvailability'];

/** A buyer's cancellation (control plane): the order becomes Canceled and ORDER_CHANGE is published. */
export function cancelOrder(world: World, sellerId: string, amazonOrderId: string, reason = 'BuyerCanceled'): OrderState {
  const order = world.sellers.get(sellerId)?.orders.get(amazonOrderId);
  if (!order) throw Object.assign(new Error(`no order ${amazonOrderId} of seller ${sellerId}`), { status: 404 });
  if (!CANCELABLE.includes(order.orderStatus))
    throw Object.assign(new Error(`order ${amazonOrderId} is ${order.orderStatus}; only ${CANCELABLE.join(', ')} orders can be canceled`), {
      status: 409,
    });
  const now = world.clock.nowMs();
  order.orderStatus = 'Canceled';
  order.cancellation = { by: 'BUYER', reason };
  order.lastUpdateDateMs = now;
  delete order.pendingUntilMs;
  orderChanged(world, sellerId, order, { type: 'OrderStatusChange', atMs: now, reason: `Buyer canceled: ${reason}` });
  return order;
}

/**
 * The buyer ASKS to cancel (control plane): the order stays as it is — the seller decides, by canceling or
 * shipping — but every item carries the request (v0 `BuyerRequestedCancel`, 2026 `cancellation.cancellationRequest`)
 * and ORDER_CHANGE is published as a BuyerRequestedChange.
 */
export function requestCancel(world: World, sellerId: string, amazonOrderId: string, reason: string): OrderState {
  const order = world.sellers.get(sellerId)?.orders.get(amazonOrderId);
  if (!order) throw Object.assign(new Error(`no order ${amazonOrderId} of seller ${sellerId}`), { status: 404 });
  if (!CANCELABLE.includes(order.orderStatus))
    throw Object.assign(
      new Error(`order ${amazonOrderId} is ${order.orderStatus}; a buyer can ask to cancel only ${CANCELABLE.join(', ')} orders`),
      {
        status: 409,
      },
    );
  if (order.items.every((i) => i.buyerRequestedCancel))
    throw Object.assign(new Error(`the buyer already asked to cancel order ${amazonOrderId}`), { status: 409 });
  const now = world.clock.nowMs();
  for (const i of order.items) i.buyerRequestedCancel = { reason };
  // Amazon's order times are whole seconds.
  order.lastUpdateDateMs = Math.floor(now / 1000) * 1000;
  orderChanged(world, sellerId, order, { type: 'BuyerRequestedChange', atMs: now, reason: 'BuyerRequestedCancel' });
  return order;
}
