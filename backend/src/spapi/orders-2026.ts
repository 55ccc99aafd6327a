/**
 * Orders 2026-01-01 reads: `searchOrders` (async pages, so an import can keep its progress page by page) and `getOrder`.
 * They replace every v0 read (getOrders, getOrder, getOrderItems, getOrderAddress, getOrderBuyerInfo): items always
 * come with the order, the rest by `includedData`. v0 stays for confirmShipment (orders.ts).
 *
 * PII (buyer name and e-mail, the recipient's address) comes with `includedData` BUYER / RECIPIENT and the plain
 * access token: Amazon grants it to this version by the application's roles and issues no restricted data token for
 * its paths ("Accessing PII with the Orders API v2026-01-01 does not require a Restricted Data Token", Access Orders
 * PII; the migration guide: "Role-based permissions replace Restricted Data Token (RDT) generation"). Asking the
 * Tokens API for one would be refused as not a restricted resource.
 *
 * The types below are the model's, loosened where real answers are looser (see orders-2026-read.ts, which turns an
 * answer into the typed `AmazonOrder` the importer uses).
 */
import type { SellerContext, SpApiCaller } from './client';

export type FulfillmentStatus =
  'PENDING_AVAILABILITY' | 'PENDING' | 'UNSHIPPED' | 'PARTIALLY_SHIPPED' | 'SHIPPED' | 'CANCELLED' | 'UNFULFILLABLE';

export type IncludedData =
  | 'BUYER'
  | 'RECIPIENT'
  | 'PROCEEDS'
  | 'EXPENSE'
  | 'PROMOTION'
  | 'CANCELLATION'
  | 'FULFILLMENT'
  | 'PACKAGES'
  | 'TAX'
  | 'PAYMENT'
  | 'FULFILLMENT_ORDERS';

/** What an import needs: buyer and recipient (PII), amounts, status and windows, cancellations, tax registrations. */
export const IMPORT_INCLUDED_DATA: IncludedData[] = ['BUYER', 'RECIPIENT', 'PROCEEDS', 'PROMOTION', 'CANCELLATION', 'FULFILLMENT', 'TAX'];

/** Amazon sends amounts as decimal strings; read with orders-2026-read.ts (a number is tolerated there). */
export interface Money2026 {
  amount: string;
  currencyCode: string;
}

export interface DateTimeRange {
  earliestDateTime?: string;
  latestDateTime?: string;
}

export interface CustomerAddress2026 {
  name?: string;
  companyName?: string;
  addressLine1?: string;
  addressLine2?: string;
  addressLine3?: string;
  city?: string;
  districtOrCounty?: string;
  stateOrRegion?: string;
  municipality?: string;
  postalCode?: string;
  countryCode?: string;
  phone?: string;
  addressType?: string;
  extendedFields?: Record<string, unknown>;
}

export interface ProceedsBreakdown {
  type: string;
  subtotal: Money2026;
  detailedBreakdowns?: { subtype?: string; value?: Money2026 }[];
}

export interface OrderItem2026 {
  orderItemId: string;
  /** 0 on the items of a cancelled order, which keep their price. */
  quantityOrdered: number;
  programs?: string[];
  product: { asin?: string; title?: string; sellerSku?: string; price?: { unitPrice?: Money2026; priceDesignation?: string } };
  proceeds?: { proceedsTotal?: Money2026; breakdowns?: ProceedsBreakdown[] };
  promotion?: { breakdowns?: { promotionId?: string }[] };
  cancellation?: {
    cancellationRequest?: { requester?: string; cancelReason?: string };
    cancellationExecution?: { cancelledBy?: string; cancelReason?: string };
  };
  fulfillment?: { quantityFulfilled?: number; quantityUnfulfilled?: number };
  tax?: { taxCollections?: { model?: string; responsibleParty?: string }[] };
  [k: string]: unknown;
}

export interface Order2026 {
  orderId: string;
  orderAliases?: { aliasId: string; aliasType: string }[];
  createdTime: string;
  lastUpdatedTime: string;
  programs?: string[];
  associatedOrders?: { orderId?: string; associationType?: string }[];
  salesChannel: { channelName: string; marketplaceId?: string; marketplaceName?: string };
  buyer?: { buyerName?: string; buyerEmail?: string; buyerCompanyName?: string; buyerPurchaseOrderNumber?: string };
  recipient?: { deliveryAddress?: CustomerAddress2026 };
  proceeds?: { grandTotal?: Money2026; breakdowns?: { type: string; status?: string; subtotal: Money2026 }[] };
  tax?: {
    taxRegistrations?: {
      entityType?: string;
      legalName?: string;
      taxRegistrationType?: string;
      taxRegistrationNumber?: string;
      taxRegistrationAddress?: CustomerAddress2026;
      taxRegistrationAttributes?: { key?: string; value?: string }[];
    }[];
  };
  fulfillment?: {
    fulfillmentStatus: FulfillmentStatus;
    fulfilledBy?: 'MERCHANT' | 'AMAZON';
    fulfillmentServiceLevel?: string;
    shipByWindow?: DateTimeRange;
    deliverByWindow?: DateTimeRange;
  };
  orderItems: OrderItem2026[];
  [k: string]: unknown;
}

type Since = { createdAfter: string | Date; lastUpdatedAfter?: never } | { lastUpdatedAfter: string | Date; createdAfter?: never };

export type SearchOrdersQuery = Since & {
  /**
   * The caller's own upper bound (createdBefore with createdAfter, lastUpdatedBefore with lastUpdatedAfter): at least
   * two minutes before Amazon's now. A caller keeping a cursor sends it and advances to it, never to Amazon's echo.
   */
  before?: string | Date;
  statuses?: FulfillmentStatus[];
  fulfillmentTypes?: ('MERCHANT' | 'AMAZON')[];
  includedData?: IncludedData[];
  /** 1–100 (Amazon's default 100). */
  pageSize?: number;
  /** Default: the context's marketplace. */
  marketplaceIds?: string[];
  /**
   * Start at this page (a token an earlier search of the same filters returned): a long run stopped between pages
   * resumes where it was instead of asking the pages before it again.
   */
  paginationToken?: string;
};

export interface SearchOrdersPage {
  orders: Order2026[];
  nextToken: string | null;
  /** Amazon's echo of the upper bound, for the record only (its form varies). */
  createdBefore: string | null;
  lastUpdatedBefore: string | null;
}

interface SearchOrdersResponse {
  orders: Order2026[];
  pagination?: { nextToken?: string };
  createdBefore?: string;
  lastUpdatedBefore?: string;
}

const iso = (d: string | Date) => (d instanceof Date ? d.toISOString() : d);

export async function* searchOrders(caller: SpApiCaller, ctx: SellerContext, q: SearchOrdersQuery): AsyncGenerator<SearchOrdersPage> {
  const marketplaceIds = q.marketplaceIds ?? (ctx.marketplaceId ? [ctx.marketplaceId] : []);
  if (marketplaceIds.length === 0) throw new Error('searchOrders needs marketplaceIds or a SellerContext with marketplaceId');
  const byCreation = q.createdAfter !== undefined;
  const filters: Record<string, unknown> = {
    marketplaceIds,
    ...(byCreation ? { createdAfter: iso(q.createdAfter) } : { lastUpdatedAfter: iso(q.lastUpdatedAfter as string | Date) }),
    ...(q.before !== undefined ? { [byCreation ? 'createdBefore' : 'lastUpdatedBefore']: iso(q.before) } : {}),
    ...(q.statuses?.length ? { fulfillmentStatuses: q.statuses } : {}),
    ...(q.fulfillmentTypes?.length ? { fulfilledBy: q.fulfillmentTypes } : {}),
    ...(q.includedData?.length ? { includedData: q.includedData } : {}),
    ...(q.pageSize !== undefined ? { maxResultsPerPage: q.pageSize } : {}),
  };
  const marketplaceId = marketplaceIds.length === 1 ? (marketplaceIds[0] ?? null) : null;
  let paginationToken: string | null = q.paginationToken ?? null;
  do {
    // Unlike v0's NextToken, the next page is asked with the same filters plus the token (the model's sandbox case).
    const query: Record<string, unknown> = paginationToken ? { ...filters, paginationToken } : filters;
    const res: { body: SearchOrdersResponse } = await caller.call<SearchOrdersResponse>(ctx, 'searchOrders', { query, marketplaceId });
    const body: SearchOrdersResponse = res.body;
    paginationToken = body.pagination?.nextToken ?? null;
    yield {
      orders: body.orders ?? [],
      nextToken: paginationToken,
      createdBefore: body.createdBefore ?? null,
      lastUpdatedBefore: body.lastUpdatedBefore ?? null,
    };
  } while (paginationToken);
}

/** null when Amazon knows no such order (404). */
export async function getOrder(
  caller: SpApiCaller,
  ctx: SellerContext,
  orderId: string,
  includedData: IncludedData[] = IMPORT_INCLUDED_DATA,
): Promise<Order2026 | null> {
  const res = await caller.call<{ order: Order2026 }>(ctx, 'getOrder2026', {
    path: { orderId },
    ...(includedData.length ? { query: { includedData } } : {}),
    expect: [404],
  });
  return res.status === 404 ? null : res.body.order;
}
