/**
 * Orders v0: getOrders, getOrder, getOrderItems, getOrderAddress, getOrderBuyerInfo, confirmShipment.
 * Personal data (buyer name/e-mail, street address) is only returned when the call is made with a
 * restricted data token granting it (see tokens_2021-03-01.ts); with a plain access token those fields
 * are left out, as on Amazon. Pending orders carry no prices (Amazon fills them after payment).
 */
import type { OrderState, SellerState } from '../state';
import { decodePageToken, encodePageToken, parseIsoParam } from '../jobs';
import { orderChanged } from '../order-events';
import { ApiError, invalidInput, isoDate, requireMarketplaces, requireSeller, type ApiContext, type ApiHandler } from './types';

export const modelId = 'ordersV0';

const DAY = 86_400_000;
const ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;

const has = (ctx: ApiContext, element: string) => ctx.restricted?.dataElements.includes(element) ?? false;
const money = (currency: string, amount: number | string) => ({ CurrencyCode: currency, Amount: Number(amount).toFixed(2) });

function shippedQuantity(o: OrderState, orderItemId: string): number {
  const confirmed = o.shipments.flatMap((s) => s.items ?? []).filter((i) => i.orderItemId === orderItemId);
  // Seeded Shipped orders have no shipment records: everything was shipped.
  if (confirmed.length === 0 && o.orderStatus === 'Shipped') return o.items.find((i) => i.orderItemId === orderItemId)?.quantity ?? 0;
  return confirmed.reduce((n, i) => n + i.quantity, 0);
}

function address(o: OrderState, pii: boolean): Record<string, unknown> {
  const a = o.shippingAddress;
  return {
    ...(pii ? { Name: a.name, AddressLine1: a.addressLine1, ...(a.phone ? { Phone: a.phone } : {}) } : {}),
    City: a.city,
    ...(a.stateOrRegion ? { StateOrRegion: a.stateOrRegion } : {}),
    PostalCode: a.postalCode,
    CountryCode: a.countryCode,
  };
}

function orderBody(ctx: ApiContext, o: OrderState): Record<string, unknown> {
  const market = ctx.sim.world.marketplaces.get(o.marketplaceId);
  const shipped = o.items.reduce((n, i) => n + shippedQuantity(o, i.orderItemId), 0);
  const ordered = o.items.reduce((n, i) => n + i.quantity, 0);
  const priced = o.orderStatus !== 'Pending' && o.orderStatus !== 'Canceled';
  return {
    AmazonOrderId: o.amazonOrderId,
    PurchaseDate: isoDate(o.purchaseDateMs),
    LastUpdateDate: isoDate(o.lastUpdateDateMs),
    OrderStatus: o.orderStatus,
    FulfillmentChannel: o.fulfillmentChannel,
    SalesChannel: market ? `Amazon.${market.domainName.replace(/^www\.amazon\./, '')}` : 'Amazon',
    ShipServiceLevel: 'Std Dom',
    ...(priced
      ? {
          OrderTotal: money(
            o.currencyCode,
            o.items.reduce((n, i) => n + Number(i.itemPrice), 0),
          ),
        }
      : {}),
    NumberOfItemsShipped: shipped,
    NumberOfItemsUnshipped: ordered - shipped,
    PaymentMethod: 'Other',
    PaymentMethodDetails: ['Standard'],
    MarketplaceId: o.marketplaceId,
    ShipmentServiceLevelCategory: 'Standard',
    OrderType: 'StandardOrder',
    EarliestShipDate: isoDate(o.purchaseDateMs + DAY),
    LatestShipDate: isoDate(o.purchaseDateMs + 3 * DAY),
    IsBusinessOrder: false,
    IsPrime: false,
    IsPremiumOrder: false,
    IsGlobalExpressEnabled: false,
    IsReplacementOrder: false,
    IsSoldByAB: false,
    IsISPU: false,
    IsAccessPointOrder: false,
    HasRegulatedItems: false,
    ShippingAddress: address(o, has(ctx, 'shippingAddress')),
    BuyerInfo: has(ctx, 'buyerInfo') ? { BuyerEmail: o.buyer.email, BuyerName: o.buyer.name } : {},
  };
}

function findOrder(ctx: ApiContext): { seller: SellerState; order: OrderState } {
  const seller = requireSeller(ctx);
  const id = ctx.path.orderId ?? '';
  if (!ORDER_ID.test(id)) throw invalidInput(`Invalid orderId '${id}': expected the 3-7-7 format.`, id);
  const order = seller.orders.get(id);
  const m = order && ctx.sim.world.marketplaces.get(order.marketplaceId);
  // Orders of another region's marketplaces are not visible on this endpoint.
  if (!order || m?.region !== ctx.region) throw new ApiError(404, 'NotFound', `Order ${id} was not found.`, id);
  return { seller, order };
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
  const ca = parseIsoParam('CreatedAfter', q.CreatedAfter);
  const cb = parseIsoParam('CreatedBefore', q.CreatedBefore);
  const la = parseIsoParam('LastUpdatedAfter', q.LastUpdatedAfter);
  const lb = parseIsoParam('LastUpdatedBefore', q.LastUpdatedBefore);
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
  const upper = before ?? latest;
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
  const next = offset + size < rows.length ? encodePageToken(pinned, offset + size) : undefined;
  return {
    status: 200,
    body: {
      payload: {
        Orders: rows.slice(offset, offset + size).map((o) => orderBody(ctx, o)),
        ...(next ? { NextToken: next } : {}),
        [`${w.field}Before`]: isoDate(w.before),
      },
    },
  };
};

const getOrder: ApiHandler = (ctx) => ({ status: 200, body: { payload: orderBody(ctx, findOrder(ctx).order) } });

const getOrderItems: ApiHandler = (ctx) => {
  const { order: o } = findOrder(ctx);
  if (ctx.query.NextToken !== undefined) throw invalidInput('Invalid NextToken.', String(ctx.query.NextToken));
  const priced = o.orderStatus !== 'Pending' && o.orderStatus !== 'Canceled';
  const items = o.items.map((i) => ({
    ASIN: i.asin,
    SellerSKU: i.sku,
    OrderItemId: i.orderItemId,
    Title: i.title,
    QuantityOrdered: i.quantity,
    QuantityShipped: shippedQuantity(o, i.orderItemId),
    ProductInfo: { NumberOfItems: '1' },
    ...(priced
      ? {
          ItemPrice: money(o.currencyCode, i.itemPrice),
          ItemTax: money(o.currencyCode, 0),
          PromotionDiscount: money(o.currencyCode, 0),
          PromotionDiscountTax: money(o.currencyCode, 0),
        }
      : {}),
    IsGift: 'false',
    ConditionId: 'New',
    ConditionSubtypeId: 'New',
    IsTransparency: false,
    SerialNumberRequired: false,
    ...(has(ctx, 'buyerInfo') ? { BuyerInfo: {} } : {}),
  }));
  return { status: 200, body: { payload: { AmazonOrderId: o.amazonOrderId, OrderItems: items } } };
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

interface ConfirmBody {
  marketplaceId: string;
  packageDetail: {
    packageReferenceId: string;
    carrierCode: string;
    trackingNumber: string;
    shipDate: string;
    orderItems: { orderItemId: string; quantity: number }[];
  };
}

const confirmShipment: ApiHandler = (ctx) => {
  const { order: o } = findOrder(ctx);
  const body = ctx.body as ConfirmBody;
  if (body.marketplaceId !== o.marketplaceId)
    throw invalidInput(`marketplaceId ${body.marketplaceId} is not the marketplace of order ${o.amazonOrderId}.`);
  if (o.fulfillmentChannel === 'AFN') throw invalidInput(`Order ${o.amazonOrderId} is fulfilled by Amazon; it cannot be confirmed.`);
  if (o.orderStatus !== 'Unshipped' && o.orderStatus !== 'PartiallyShipped')
    throw invalidInput(`Order ${o.amazonOrderId} has status ${o.orderStatus}; only Unshipped or PartiallyShipped orders can be confirmed.`);
  if (Number.isNaN(Date.parse(body.packageDetail.shipDate))) throw invalidInput('Invalid packageDetail.shipDate.');
  for (const line of body.packageDetail.orderItems) {
    const item = o.items.find((i) => i.orderItemId === line.orderItemId);
    if (!item) throw invalidInput(`Order item ${line.orderItemId} is not part of order ${o.amazonOrderId}.`);
    if (!(line.quantity >= 1) || line.quantity > item.quantity - shippedQuantity(o, item.orderItemId))
      throw invalidInput(`Quantity ${line.quantity} exceeds the unshipped quantity of order item ${line.orderItemId}.`);
  }
  const { packageReferenceId, carrierCode, trackingNumber, shipDate, orderItems } = body.packageDetail;
  o.shipments.push({ packageReferenceId, carrierCode, trackingNumber, shipDate, items: orderItems.map((i) => ({ ...i })) });
  const all = o.items.every((i) => shippedQuantity(o, i.orderItemId) >= i.quantity);
  o.orderStatus = all ? 'Shipped' : 'PartiallyShipped';
  o.lastUpdateDateMs = ctx.sim.clock.nowMs();
  orderChanged(ctx.sim.world, requireSeller(ctx).sellerId, o, {
    type: 'OrderStatusChange',
    atMs: o.lastUpdateDateMs,
    reason: 'ShipmentConfirmed',
  });
  return { status: 204 };
};

export const handlers: Record<string, ApiHandler> = {
  getOrders,
  getOrder,
  getOrderItems,
  getOrderAddress,
  getOrderBuyerInfo,
  confirmShipment,
};
