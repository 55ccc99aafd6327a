/**
 * Notifications v1 (model notifications.json). Destinations are the application's, per region, and made with
 * grantless calls (an LWA client_credentials token with scope sellingpartnerapi::notifications), as are
 * getSubscriptionById and deleteSubscriptionById; createSubscription, getSubscription and getSubscriptions need the
 * seller's authorization. One subscription per seller + application + notification type + payload version: a
 * second one answers 409 Conflict, as Amazon does. Only SQS destinations: the queue must exist on the local SQS.
 * Delivery (ORDER_CHANGE) is in ../notifications-store.ts and ../order-events.ts.
 */
import { parseQueueArn } from '../sqs/queues';
import type { Destination, EventFilter, Subscription } from '../notifications-store';
import { decodePageToken, encodePageToken } from '../jobs';
import { ApiError, invalidInput, notFound, requireSeller, type ApiContext, type ApiHandler } from './types';

export const modelId = 'notifications';

const SCOPE = 'sellingpartnerapi::notifications';
/** Payload versions Amazon publishes per notification type (types not listed accept 1.0). */
const PAYLOAD_VERSIONS: Record<string, string[]> = {
  ORDER_CHANGE: ['1.0'],
  LISTINGS_ITEM_ISSUES_CHANGE: ['1.0', '2023-12-13'],
  FEED_PROCESSING_FINISHED: ['2020-09-04'],
  REPORT_PROCESSING_FINISHED: ['2020-09-04'],
};

const conflict = (message: string) => new ApiError(409, 'Conflict', message);

/** Grantless operations take an application token with the notifications scope, never a seller's. */
function requireGrantless(ctx: ApiContext): string {
  if (ctx.auth.sellerId !== null || ctx.auth.scope !== SCOPE)
    throw new ApiError(
      403,
      'Unauthorized',
      'Access to requested resource is denied.',
      `This is a grantless operation: call it with an LWA client_credentials token of scope ${SCOPE}.`,
    );
  return ctx.auth.applicationId;
}

const destinationBody = (d: Destination) => ({ destinationId: d.destinationId, resource: d.resource, name: d.name });
const subscriptionBody = (s: Subscription) => ({
  subscriptionId: s.subscriptionId,
  payloadVersion: s.payloadVersion,
  destinationId: s.destinationId,
  ...(s.processingDirective ? { processingDirective: s.processingDirective } : {}),
});

function destinationOf(ctx: ApiContext, applicationId: string, destinationId: string): Destination {
  const d = ctx.sim.world.notifications.destinations.get(destinationId);
  if (!d || d.applicationId !== applicationId || d.region !== ctx.region) throw notFound(`Destination ${destinationId} was not found.`);
  return d;
}

const createDestination: ApiHandler = (ctx) => {
  const applicationId = requireGrantless(ctx);
  const body = ctx.body as { name: string; resourceSpecification: { sqs?: { arn: string }; eventBridge?: unknown } };
  const spec = body.resourceSpecification;
  if (spec.eventBridge)
    throw invalidInput(
      'EventBridge destinations are not supported by the local Amazon; use an SQS destination.',
      'resourceSpecification.eventBridge',
    );
  if (!spec.sqs) throw invalidInput('resourceSpecification must name an SQS queue (sqs.arn).');
  const arn = spec.sqs.arn;
  if (!parseQueueArn(arn) || !ctx.sim.world.sqs.byArn(arn))
    throw invalidInput(`The SQS queue ${arn} does not exist, or Amazon is not allowed to send messages to it.`, arn);
  const store = ctx.sim.world.notifications;
  if (store.destinationsOf(applicationId, ctx.region).some((d) => d.resource.sqs.arn === arn))
    throw conflict(`A destination for ${arn} already exists.`);
  return { status: 200, body: { payload: destinationBody(store.addDestination(applicationId, ctx.region, body.name, arn)) } };
};

const getDestinations: ApiHandler = (ctx) => ({
  status: 200,
  body: { payload: ctx.sim.world.notifications.destinationsOf(requireGrantless(ctx), ctx.region).map(destinationBody) },
});

const getDestination: ApiHandler = (ctx) => ({
  status: 200,
  body: { payload: destinationBody(destinationOf(ctx, requireGrantless(ctx), ctx.path.destinationId ?? '')) },
});

const deleteDestination: ApiHandler = (ctx) => {
  const d = destinationOf(ctx, requireGrantless(ctx), ctx.path.destinationId ?? '');
  const store = ctx.sim.world.notifications;
  if ([...store.subscriptions.values()].some((s) => s.destinationId === d.destinationId))
    throw conflict(`Destination ${d.destinationId} still has subscriptions; delete them first.`);
  store.destinations.delete(d.destinationId);
  return { status: 200, body: {} };
};

const createSubscription: ApiHandler = (ctx) => {
  const seller = requireSeller(ctx);
  const type = ctx.path.notificationType ?? '';
  const body = ctx.body as { payloadVersion: string; destinationId: string; processingDirective?: Subscription['processingDirective'] };
  const versions = PAYLOAD_VERSIONS[type] ?? ['1.0'];
  if (!versions.includes(body.payloadVersion))
    throw invalidInput(`payloadVersion ${body.payloadVersion} is not valid for ${type}; use ${versions.join(' or ')}.`);
  const filter: EventFilter | undefined = body.processingDirective?.eventFilter;
  if (filter && filter.eventFilterType !== type)
    throw invalidInput(`eventFilterType ${filter.eventFilterType} does not match the notification type ${type}.`);
  const store = ctx.sim.world.notifications;
  const destination = store.destinations.get(body.destinationId);
  if (!destination || destination.applicationId !== ctx.auth.applicationId || destination.region !== ctx.region)
    throw invalidInput(`Destination ${body.destinationId} was not found.`, body.destinationId);
  const mine = (s: Subscription) =>
    s.sellerId === seller.sellerId && s.applicationId === ctx.auth.applicationId && s.region === ctx.region && s.notificationType === type;
  if ([...store.subscriptions.values()].some((s) => mine(s) && s.payloadVersion === body.payloadVersion))
    throw conflict(`A subscription for ${type} (payload version ${body.payloadVersion}) already exists.`);
  const sub = store.addSubscription({
    applicationId: ctx.auth.applicationId,
    sellerId: seller.sellerId,
    region: ctx.region,
    notificationType: type,
    payloadVersion: body.payloadVersion,
    destinationId: destination.destinationId,
    ...(body.processingDirective ? { processingDirective: body.processingDirective } : {}),
  });
  return { status: 200, body: { payload: subscriptionBody(sub) } };
};

/** The seller's subscriptions through this application in this region, newest payload version first. */
function sellerSubscriptions(ctx: ApiContext, types: string[], payloadVersion?: string): Subscription[] {
  const seller = requireSeller(ctx);
  return [...ctx.sim.world.notifications.subscriptions.values()]
    .filter(
      (s) =>
        s.sellerId === seller.sellerId &&
        s.applicationId === ctx.auth.applicationId &&
        s.region === ctx.region &&
        types.includes(s.notificationType) &&
        (payloadVersion === undefined || s.payloadVersion === payloadVersion),
    )
    .sort((a, b) => b.payloadVersion.localeCompare(a.payloadVersion) || a.createdAtMs - b.createdAtMs);
}

const getSubscription: ApiHandler = (ctx) => {
  const type = ctx.path.notificationType ?? '';
  const version = ctx.query.payloadVersion as string | undefined;
  const sub = sellerSubscriptions(ctx, [type], version)[0];
  if (!sub) throw notFound(`No subscription for ${type}${version ? ` (payload version ${version})` : ''} was found.`);
  return { status: 200, body: { payload: subscriptionBody(sub) } };
};

const getSubscriptions: ApiHandler = (ctx) => {
  const token = ctx.query.nextToken as string | undefined;
  const page = token ? decodePageToken(token) : null;
  const types = (page?.filters.types as string[] | undefined) ?? (ctx.query.notificationTypes as string[]);
  const version = (page?.filters.version as string | undefined) ?? (ctx.query.payloadVersion as string | undefined);
  const size = Number(ctx.query.pageSize ?? 100);
  const all = sellerSubscriptions(ctx, types, version);
  const offset = page?.offset ?? 0;
  const next = offset + size < all.length ? encodePageToken({ types, version }, offset + size) : undefined;
  return {
    status: 200,
    body: { payload: { subscriptions: all.slice(offset, offset + size).map(subscriptionBody), ...(next ? { nextToken: next } : {}) } },
  };
};

/** Grantless: any subscription made through this application, whichever seller's. */
function subscriptionById(ctx: ApiContext): Subscription {
  const applicationId = requireGrantless(ctx);
  const id = ctx.path.subscriptionId ?? '';
  const sub = ctx.sim.world.notifications.subscriptions.get(id);
  if (!sub || sub.applicationId !== applicationId || sub.region !== ctx.region || sub.notificationType !== ctx.path.notificationType)
    throw notFound(`Subscription ${id} was not found.`);
  return sub;
}

const getSubscriptionById: ApiHandler = (ctx) => ({ status: 200, body: { payload: subscriptionBody(subscriptionById(ctx)) } });

const deleteSubscriptionById: ApiHandler = (ctx) => {
  ctx.sim.world.notifications.subscriptions.delete(subscriptionById(ctx).subscriptionId);
  return { status: 200, body: {} };
};

export const handlers: Record<string, ApiHandler> = {
  createDestination,
  getDestinations,
  getDestination,
  deleteDestination,
  createSubscription,
  getSubscription,
  getSubscriptions,
  getSubscriptionById,
  deleteSubscriptionById,
};
