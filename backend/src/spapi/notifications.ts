/**
 * Notifications v1: the application's SQS destination (grantless: one per queue and SP-API region, shared by every
 * seller) and a seller's subscription to a notification type on it. Both are idempotent, so a start-up or a store
 * connection can simply call them again: an existing destination for the same queue ARN, or an existing subscription
 * to the same destination, is reused; a 409 from a concurrent creator is answered by reading what it made.
 */
import type { CallContext, GrantlessContext, Region, SellerContext, SpApiCaller } from './client';

export interface Destination {
  destinationId: string;
  name: string;
  resource: { sqs?: { arn: string }; eventBridge?: unknown };
}

export interface Subscription {
  subscriptionId: string;
  payloadVersion: string;
  destinationId: string;
  processingDirective?: unknown;
}

/** The notification types the channel subscribes to, with their payload version and filter. */
export const NOTIFICATION_TYPES = {
  ORDER_CHANGE: {
    payloadVersion: '1.0',
    // Both kinds the importer acts on: a status Amazon moved, and a buyer's cancellation request.
    processingDirective: {
      eventFilter: { eventFilterType: 'ORDER_CHANGE', orderChangeTypes: ['OrderStatusChange', 'BuyerRequestedChange'] },
    },
  },
} as const;

export type NotificationType = keyof typeof NOTIFICATION_TYPES;

const grantless = (region: Region): GrantlessContext => ({ grantless: 'sellingpartnerapi::notifications', region });

/** Named after its queue, so a person reading Amazon's list of destinations sees which queue it is. */
const destinationName = (sqsArn: string) => `asc ${sqsArn.split(':').slice(-1)[0] ?? 'queue'}`.slice(0, 256);

async function destinations(caller: SpApiCaller, ctx: CallContext): Promise<Destination[]> {
  const res = await caller.call<{ payload?: Destination[] }>(ctx, 'getDestinations');
  return res.body?.payload ?? [];
}

/** The application's destination for this SQS queue in the region: found, or created. */
export async function ensureDestination(caller: SpApiCaller, region: Region, sqsArn: string): Promise<Destination> {
  const ctx = grantless(region);
  const existing = (await destinations(caller, ctx)).find((d) => d.resource?.sqs?.arn === sqsArn);
  if (existing) return existing;
  const res = await caller.call<{ payload: Destination }>(ctx, 'createDestination', {
    body: { name: destinationName(sqsArn), resourceSpecification: { sqs: { arn: sqsArn } } },
    expect: [409],
  });
  if (res.status !== 409) return res.body.payload;
  // Another process created it between our read and our create.
  const made = (await destinations(caller, ctx)).find((d) => d.resource?.sqs?.arn === sqsArn);
  if (!made) throw new Error(`Amazon reported a destination for ${sqsArn} that it does not list`);
  return made;
}

/** The seller's subscription of this type, or null. */
export async function getSubscription(caller: SpApiCaller, ctx: SellerContext, type: NotificationType): Promise<Subscription | null> {
  const res = await caller.call<{ payload?: Subscription }>(ctx, 'getSubscription', {
    path: { notificationType: type },
    query: { payloadVersion: NOTIFICATION_TYPES[type].payloadVersion },
    expect: [404],
  });
  return res.status === 404 ? null : (res.body.payload ?? null);
}

/**
 * The seller subscribed to `type` on `destinationId`: an existing subscription to it is reused; one to another
 * destination (the merchant changed queues) is replaced; a 409 from a concurrent creator is read back.
 */
export async function ensureSubscription(
  caller: SpApiCaller,
  ctx: SellerContext,
  type: NotificationType,
  destinationId: string,
): Promise<Subscription> {
  const current = await getSubscription(caller, ctx, type);
  if (current?.destinationId === destinationId) return current;
  if (current) await deleteSubscription(caller, ctx.region, type, current.subscriptionId);
  const { payloadVersion, processingDirective } = NOTIFICATION_TYPES[type];
  const res = await caller.call<{ payload: Subscription }>(ctx, 'createSubscription', {
    path: { notificationType: type },
    body: { payloadVersion, destinationId, processingDirective },
    expect: [409],
  });
  if (res.status !== 409) return res.body.payload;
  const made = await getSubscription(caller, ctx, type);
  if (!made) throw new Error(`Amazon reported a ${type} subscription for seller ${ctx.sellerId} that it does not return`);
  return made;
}

/** Grantless, by id (Amazon has no seller-token delete); a subscription already gone counts as deleted. */
export async function deleteSubscription(
  caller: SpApiCaller,
  region: Region,
  type: NotificationType,
  subscriptionId: string,
): Promise<void> {
  await caller.call(grantless(region), 'deleteSubscriptionById', { path: { notificationType: type, subscriptionId }, expect: [404] });
}
