/**
 * Orders v0 (the only Orders API with `confirmShipment`) and its restricted data: buyer address and buyer
 * info need a restricted data token (restricted-tokens.ts); with the plain access token Amazon leaves
 * the PII fields out. Reads follow NextToken; `getOrders` is an async iterator over pages so an import can
 * store its progress page by page. The types say what Amazon really sends (flags as booleans or strings,
 * times with or without milliseconds, optional blocks); read them through orders-read.ts.
 */
import type { SellerContext, SpApiCaller } from './client';
import type { AmazonFlag } from './orders-read';
import type { RestrictedResource, RestrictedTokenCache } from './restricted-tokens';

export type OrderStatus =
  'Pending' | 'Unshipped' | 'PartiallyShipped' | 'Shipped' | 'Canceled' | 'Unfulfillable' | 'InvoiceUnconfirmed' | 'PendingAvailability';

export interface Money {
  CurrencyCode: string;
  /** Decimal string, e.g. "19.99" — never parsed into a float here. */
  Amount: string;
}

export interface OrderAddress {
  Name?: string;
  AddressLine1?: string;
  AddressLine2?: string;
  AddressLine3?: string;
  City?: string;
  County?: string;
  District?: string;
  StateOrRegion?: string;
  PostalCode?: string;
  CountryCode?: string;
  Phone?: string;
  AddressType?: 'Residential' | 'Commercial';
}

export interface BuyerInfo {
  BuyerEmail?: string;
  BuyerName?: string;
  BuyerCounty?: string;
  PurchaseOrderNumber?: string;
}

export interface Order {
  AmazonOrderId: string;
  /** ISO 8601, usually without milliseconds (`2026-12-01T10:00:00Z`): read with amazonTime(). */
  PurchaseDate: string;
  LastUpdateDate: string;
  OrderStatus: OrderStatus;
  FulfillmentChannel?: 'MFN' | 'AFN';
  SalesChannel?: string;
  /** Absent while Pending (Amazon prices an order after payment); a Canceled order keeps it. */
  OrderTotal?: Money;
  NumberOfItemsShipped?: number;
  NumberOfItemsUnshipped?: number;
  MarketplaceId?: string;
  EarliestShipDate?: string;
  LatestShipDate?: string;
  EarliestDeliveryDate?: string;
  LatestDeliveryDate?: string;
  /** Flags come as booleans or as "true"/"false" (IsReplacementOrder always a string in real answers): read with flag(). */
  IsPrime?: AmazonFlag;
  IsBusinessOrder?: AmazonFlag;
  IsPremiumOrder?: AmazonFlag;
  IsReplacementOrder?: AmazonFlag;
  IsGlobalExpressEnabled?: AmazonFlag;
  IsSoldByAB?: AmazonFlag;
  IsISPU?: AmazonFlag;
  IsAccessPointOrder?: AmazonFlag;
  AutomatedShippingSettings?: { HasAutomatedShippingSettings?: AmazonFlag };
  ShippingAddress?: OrderAddress;
  BuyerInfo?: BuyerInfo;
  [k: string]: unknown;
}

export interface OrderItem {
  ASIN: string;
  SellerSKU?: string;
  OrderItemId: string;
  Title?: string;
  /** 0 on the items of a Canceled order, which keep ItemPrice: read with readItem(). */
  QuantityOrdered: number;
  QuantityShipped?: number;
  ItemPrice?: Money;
  ItemTax?: Money;
  PromotionDiscount?: Money;
  PromotionDiscountTax?: Money;
  IsGift?: AmazonFlag;
  TaxCollection?: { Model?: string; ResponsibleParty?: string };
  BuyerRequestedCancel?: { IsBuyerRequestedCancel?: AmazonFlag; BuyerCancelReason?: string };
  [k: string]: unknown;
}

type Since = { createdAfter: string | Date; lastUpdatedAfter?: never } | { lastUpdatedAfter: string | Date; createdAfter?: never };

export type OrdersQuery = Since & {
  /**
   * The request's upper bound (LastUpdatedBefore with lastUpdatedAfter, CreatedBefore with createdAfter); at
   * least two minutes before Amazon's now. A caller that keeps a cursor sends its own and advances to it.
   */
  before?: string | Date;
  statuses?: OrderStatus[];
  fulfillmentChannels?: ('MFN' | 'AFN')[];
  /** 1–100 (Amazon's default 100). */
  maxResultsPerPage?: number;
  /** Default: the context's marketplace. */
  marketplaceIds?: string[];
};

export interface OrdersPage {
  orders: Order[];
  nextToken: string | null;
  /**
   * The upper bound as Amazon wrote it, for the record only: an ISO time, epoch seconds (`1.569521782042E9`) or
   * absent in real answers — a cursor advances to the bound the caller sent (`before`), never to this.
   */
  createdBefore: string | null;
  lastUpdatedBefore: string | null;
}

export interface ShipmentConfirmation {
  packageReferenceId: string;
  carrierCode: string;
  carrierName?: string;
  shippingMethod?: string;
  trackingNumber: string;
  shipDate: string | Date;
  orderItems: { orderItemId: string; quantity: number }[];
  /** Default: the context's marketplace (must be the order's). */
  marketplaceId?: string;
}

interface OrdersPayload {
  Orders: Order[];
  NextToken?: string;
  CreatedBefore?: string;
  LastUpdatedBefore?: string;
}

const iso = (d: string | Date) => (d instanceof Date ? d.toISOString() : d);

function marketplacesOf(ctx: SellerContext, ids: string[] | undefined): string[] {
  const list = ids ?? (ctx.marketplaceId ? [ctx.marketplaceId] : []);
  if (list.length === 0) throw new Error('getOrders needs marketplaceIds or a SellerContext with marketplaceId');
  return list;
}

export async function* getOrders(caller: SpApiCaller, ctx: SellerContext, q: OrdersQuery): AsyncGenerator<OrdersPage> {
  const MarketplaceIds = marketplacesOf(ctx, q.marketplaceIds);
  const marketplaceId = MarketplaceIds.length === 1 ? (MarketplaceIds[0] ?? null) : null;
  let query: Record<string, unknown> = {
    MarketplaceIds,
    ...(q.createdAfter !== undefined ? { CreatedAfter: iso(q.createdAfter) } : {}),
    ...(q.lastUpdatedAfter !== undefined ? { LastUpdatedAfter: iso(q.lastUpdatedAfter) } : {}),
    ...(q.before !== undefined ? { [q.createdAfter !== undefined ? 'CreatedBefore' : 'LastUpdatedBefore']: iso(q.before) } : {}),
    ...(q.statuses?.length ? { OrderStatuses: q.statuses } : {}),
    ...(q.fulfillmentChannels?.length ? { FulfillmentChannels: q.fulfillmentChannels } : {}),
    ...(q.maxResultsPerPage !== undefined ? { MaxResultsPerPage: q.maxResultsPerPage } : {}),
  };
  for (;;) {
    const res = await caller.call<{ payload: OrdersPayload }>(ctx, 'getOrders', { query, marketplaceId });
    const p = res.body.payload;
    const nextToken = p.NextToken ?? null;
    yield { orders: p.Orders, nextToken, createdBefore: p.CreatedBefore ?? null, lastUpdatedBefore: p.LastUpdatedBefore ?? null };
    if (!nextToken) return;
    // The token carries the filters; Amazon still requires MarketplaceIds next to it.
    query = { MarketplaceIds, NextToken: nextToken };
  }
}

/** null when Amazon knows no such order. */
export async function getOrder(caller: SpApiCaller, ctx: SellerContext, orderId: string): Promise<Order | null> {
  const res = await caller.call<{ payload: Order }>(ctx, 'getOrder', { path: { orderId }, expect: [404] });
  return res.status === 404 ? null : res.body.payload;
}

/** Every item of the order (all pages). */
export async function getOrderItems(caller: SpApiCaller, ctx: SellerContext, orderId: string): Promise<OrderItem[]> {
  const items: OrderItem[] = [];
  let nextToken: string | undefined;
  do {
    const res = await caller.call<{ payload: { OrderItems: OrderItem[]; NextToken?: string } }>(ctx, 'getOrderItems', {
      path: { orderId },
      ...(nextToken ? { query: { NextToken: nextToken } } : {}),
    });
    items.push(...res.body.payload.OrderItems);
    nextToken = res.body.payload.NextToken;
  } while (nextToken);
  return items;
}

export async function confirmShipment(caller: SpApiCaller, ctx: SellerContext, orderId: string, s: ShipmentConfirmation): Promise<void> {
  const marketplaceId = s.marketplaceId ?? ctx.marketplaceId;
  if (!marketplaceId) throw new Error('confirmShipment needs marketplaceId or a SellerContext with marketplaceId');
  await caller.call(ctx, 'confirmShipment', {
    path: { orderId },
    marketplaceId,
    body: {
      marketplaceId,
      packageDetail: {
        packageReferenceId: s.packageReferenceId,
        carrierCode: s.carrierCode,
        ...(s.carrierName ? { carrierName: s.carrierName } : {}),
        ...(s.shippingMethod ? { shippingMethod: s.shippingMethod } : {}),
        trackingNumber: s.trackingNumber,
        shipDate: iso(s.shipDate),
        orderItems: s.orderItems.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity })),
      },
    },
  });
}

/** One RDT serves both PII reads of every order of the seller (generic `{orderId}` paths). */
export const ORDER_PII_RESOURCES: RestrictedResource[] = [
  { method: 'GET', path: '/orders/v0/orders/{orderId}/address' },
  { method: 'GET', path: '/orders/v0/orders/{orderId}/buyerInfo' },
];

export async function getOrderAddress(
  caller: SpApiCaller,
  rdts: RestrictedTokenCache,
  ctx: SellerContext,
  orderId: string,
): Promise<{ AmazonOrderId: string; ShippingAddress?: OrderAddress }> {
  const res = await caller.call<{ payload: { AmazonOrderId: string; ShippingAddress?: OrderAddress } }>(ctx, 'getOrderAddress', {
    path: { orderId },
    restricted: rdts.source(ctx, ORDER_PII_RESOURCES),
  });
  return res.body.payload;
}

export async function getOrderBuyerInfo(
  caller: SpApiCaller,
  rdts: RestrictedTokenCache,
  ctx: SellerContext,
  orderId: string,
): Promise<BuyerInfo & { AmazonOrderId: string }> {
  const res = await caller.call<{ payload: BuyerInfo & { AmazonOrderId: string } }>(ctx, 'getOrderBuyerInfo', {
    path: { orderId },
    restricted: rdts.source(ctx, ORDER_PII_RESOURCES),
  });
  return res.body.payload;
}
