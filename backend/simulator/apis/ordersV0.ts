/**
 * Orders v0: getOrders, getOrder, getOrderItems, getOrderAddress, getOrderBuyerInfo, getOrderItemsBuyerInfo
 * here; confirmShipment and updateShipmentStatus in ordersV0-shipments.ts; regulated orders in
 * ordersV0-regulated.ts; the answers' shape in ordersV0-render.ts. Personal data (buyer name/e-mail, street
 * address, gift messages) is only returned when the call is made with a restricted data token granting it (see
 * tokens_2021-03-01.ts); with a plain access token those fields are left out, as on Amazon. Pending orders
 * carry no prices (Amazon fills them after payment).
 */
import type { OrderState } from '../state';
import { decodePageToken, encodePageToken } from '../jobs';
import { address, findOrder, itemBody, orderBody, upperBound } from './ordersV0-render';
import { confirmShipment, updateShipmentStatus } from './ordersV0-shipments';
import { getOrderRegulatedInfo, updateVerificationStatus } from './ordersV0-regulated';
import { invalidInput, isoDate, requireMarketplaces, requireSeller, type ApiContext, type ApiHandler } from './types';

export const modelId = 'ordersV0';

/** Operations whose body rules the handler checks itself: Amazon lists every problem of such a body at once. */
export const ownBodyRules = ['updateVerificationStatus', 'confirmShipment'];

/** ISO 8601 as Amazon takes it (date, or date-time with optional seconds, fraction and zone); Date.parse takes far more. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function isoParam(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const ms = ISO_8601.test(String(value)) ? Date.parse(String(value)) : NaN;
  if (Number.isNaN(ms)) throw invalidInput(`Invalid Input: ${name} must be an ISO 8601 date-time.`, String(value));
  return ms;
}

const FILTER_KEYS = [
  'CreatedAfter',
  'CreatedBefore',
  'LastUpdatedAfter',
  'LastUpdatedBefore',
  'OrderStatuses',
  'FulfillmentChannels',
  'BuyerEmail',
  'AmazonOrderIds',
  'MaxResultsPerPage',
] as const;

/** Checks Amazon's date rules and returns the window on CreatedDate or LastUpdateDate. */
function dateWindow(ctx: ApiContext, q: Record<string, unknown>) {
  const now = ctx.sim.clock.nowMs();
  const latest = now - ctx.sim.world.cfg.ordersApiLagSeconds * 1000;
  const ca = isoParam('CreatedAfter', q.CreatedAfter);
  const cb = isoParam('CreatedBefore', q.CreatedBefore);
  const la = isoParam('LastUpdatedAfter', q.LastUpdatedAfter);
  const lb = isoParam('LastUpdatedBefore', q.LastUpdatedBefore);
  if (ca !== undefined && la !== undefined) throw invalidInput('CreatedAfter and LastUpdatedAfter cannot both be set.');
  if (ca === undefined && la === undefined && q.AmazonOrderIds === undefined)
    throw invalidInput('Either CreatedAfter or LastUpdatedAfter is required.');
  if (ca !== undefined && lb !== undefined) throw invalidInput('LastUpdatedBefore cannot be set when CreatedAfter is set.');
  if (la !== undefined && cb !== undefined) throw invalidInput('CreatedBefore cannot be set when LastUpdatedAfter is set.');
  const field = la !== undefined ? ('LastUpdated' as const) : ('Created' as const);
  const after = (field === 'Created' ? ca : la) ?? 0;
  const before = field === 'Created' ? cb : lb;
  if (before !== undefined && before > latest)
    throw invalidInput(`${field}Before must be at least two minutes before the time of the request.`, String(q[`${field}Before`]));
  if (after > latest) throw invalidInput(`${field}After must be at least two minutes before the time of the request.`);
  // Amazon's own upper bound is whole seconds, like its order times.
  const upper = before ?? Math.floor(latest / 1000) * 1000;
  if (after > upper) throw invalidInput(`${field}After must be before ${field}Before.`);
  return { field, after, before: upper };
}

const getOrders: ApiHandler = (ctx) => {
  const seller = requireSeller(ctx);
  const markets = requireMarketplaces(ctx, ctx.query.MarketplaceIds, 'MarketplaceIds');
  let q: Record<string, unknown> = ctx.query;
  let offset = 0;
  if (typeof ctx.query.NextToken === 'string') {
    const t = decodePageToken(ctx.query.NextToken);
    q = t.filters;
    offset = t.offset;
  }
  const w = dateWindow(ctx, q);
  const statuses = q.OrderStatuses as string[] | undefined;
  const channels = q.FulfillmentChannels as string[] | undefined;
  const ids = q.AmazonOrderIds as string[] | undefined;
  const stamp = (o: OrderState) => (w.field === 'Created' ? o.purchaseDateMs : o.lastUpdateDateMs);
  const rows = [...seller.orders.values()]
    .filter(
      (o) =>
        markets.includes(o.marketplaceId) &&
        stamp(o) >= w.after &&
        stamp(o) <= w.before &&
        (!statuses || statuses.includes(o.orderStatus)) &&
        (!channels || channels.includes(o.fulfillmentChannel)) &&
        (!ids || ids.includes(o.amazonOrderId)) &&
        (typeof q.BuyerEmail !== 'string' || q.BuyerEmail === o.buyer.email),
    )
    .sort((a, b) => stamp(a) - stamp(b) || a.amazonOrderId.localeCompare(b.amazonOrderId));
  const size = Number(q.MaxResultsPerPage ?? 100);
  if (!(size >= 1 && size <= 100)) throw invalidInput('MaxResultsPerPage must be between 1 and 100.');
  const pinned = Object.fromEntries(FILTER_KEYS.filter((k) => q[k] !== undefined).map((k) => [k, q[k]]));
  // The token pins the upper bound so later orders do not shift pages already handed out.
  pinned[`${w.field}Before`] = isoDate(w.before);
  const bound = upperBound(ctx.sim.world.cfg.ordersUpperBoundFormat, w.before);
  const next = offset + size < rows.length ? encodePageToken(pinned, offset + size) : undefined;
  return {
    status: 200,
    body: {
      payload: {
        Orders: rows.slice(offset, offset + size).map((o) => orderBody(ctx, o)),
        ...(next ? { NextToken: next } : {}),
        ...(bound !== undefined ? { [`${w.field}Before`]: bound } : {}),
      },
    },
  };
};

const getOrder: ApiHandler = (ctx) => ({ status: 200, body: { payload: orderBody(ctx, findOrder(ctx).order) } });

const getOrderItems: ApiHandler = (ctx) => {
  const { order: o } = findOrder(ctx);
  if (ctx.query.NextToken !== undefined) throw invalidInput('Invalid NextToken.', String(ctx.query.NextToken));
  return { status: 200, body: { payload: { AmazonOrderId: o.amazonOrderId, OrderItems: o.items.map((i) => itemBody(ctx, o, i)) } } };
};

const getOrderAddress: ApiHandler = (ctx) => {
  const { order: o } = findOrder(ctx);
  return { status: 200, body: { payload: { AmazonOrderId: o.amazonOrderId, ShippingAddress: address(o, ctx.restricted != null) } } };
};

const getOrderBuyerInfo: ApiHandler = (ctx) => {
  const { order: o } = findOrder(ctx);
  const pii = ctx.restricted != null ? { BuyerEmail: o.buyer.email, BuyerName: o.buyer.name } : {};
  return { status: 200, body: { payload: { AmazonOrderId: o.amazonOrderId, ...pii } } };
};

/** Gift wrap, gift message and customization per item: restricted data, answered only with a restricted data token. */
const getOrderItemsBuyerInfo: ApiHandler = (ctx) => {
  const { order: o } = findOrder(ctx);
  if (ctx.query.NextToken !== undefined) throw invalidInput('Invalid NextToken.', String(ctx.query.NextToken));
  const pii = ctx.restricted != null;
  const items = o.items.map((i) => ({
    OrderItemId: i.orderItemId,
    ...(pii && i.buyerCustomizedUrl ? { BuyerCustomizedInfo: { CustomizedURL: i.buyerCustomizedUrl } } : {}),
    ...(pii && i.giftMessageText !== undefined ? { GiftMessageText: i.giftMessageText } : {}),
    ...(pii && i.giftWrap?.price !== undefined
      ? { GiftWrapPrice: { CurrencyCode: i.giftWrap.currencyCode ?? o.currencyCode, Amount: i.giftWrap.price } }
      : {}),
    ...(pii && i.giftWrap ? { GiftWrapLevel: i.giftWrap.level } : {}),
  }));
  return { status: 200, body: { payload: { AmazonOrderId: o.amazonOrderId, OrderItems: items } } };
};

export const handlers: Record<string, ApiHandler> = {
  getOrders,
  getOrder,
  getOrderItems,
  getOrderAddress,
  getOrderBuyerInfo,
  getOrderItemsBuyerInfo,
  confirmShipment,
  updateShipmentStatus,
  getOrderRegulatedInfo,
  updateVerificationStatus,
};
