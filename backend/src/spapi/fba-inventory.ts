/**
 * FBA Inventory v1 `getInventorySummaries` (marketplace granularity) as an async iterator over pages.
 * Amazon's nextToken expires 30 seconds after it is issued: consume the pages without pausing between them
 * (the iterator fetches the next page as soon as the previous one is taken).
 */
import type { SellerContext, SpApiCaller } from './client';

export interface InventoryDetails {
  fulfillableQuantity?: number;
  inboundWorkingQuantity?: number;
  inboundShippedQuantity?: number;
  inboundReceivingQuantity?: number;
  reservedQuantity?: { totalReservedQuantity?: number; pendingCustomerOrderQuantity?: number; [k: string]: unknown };
  [k: string]: unknown;
}

export interface InventorySummary {
  asin?: string;
  fnSku?: string;
  sellerSku?: string;
  condition?: string;
  inventoryDetails?: InventoryDetails;
  lastUpdatedTime?: string;
  productName?: string;
  totalQuantity?: number;
  [k: string]: unknown;
}

export interface InventorySummariesQuery {
  /** At most 50 (Amazon's limit per call). */
  sellerSkus?: string[];
  /** Only summaries changed since then (ignored by Amazon when sellerSkus is given). */
  startDateTime?: string | Date;
  /** Include inventoryDetails (fulfillable, inbound, reserved). Default true. */
  details?: boolean;
  /** Default: the context's marketplace. */
  marketplaceId?: string;
}

export interface InventorySummariesPage {
  summaries: InventorySummary[];
  nextToken: string | null;
}

export const MAX_SKUS_PER_CALL = 50;

export async function* getInventorySummaries(
  caller: SpApiCaller,
  ctx: SellerContext,
  q: InventorySummariesQuery = {},
): AsyncGenerator<InventorySummariesPage> {
  const marketplaceId = q.marketplaceId ?? ctx.marketplaceId;
  if (!marketplaceId) throw new Error('getInventorySummaries needs marketplaceId or a SellerContext with marketplaceId');
  if (q.sellerSkus && q.sellerSkus.length > MAX_SKUS_PER_CALL)
    throw new Error(`getInventorySummaries takes at most ${MAX_SKUS_PER_CALL} sellerSkus per call`);
  const base: Record<string, unknown> = {
    granularityType: 'Marketplace',
    granularityId: marketplaceId,
    marketplaceIds: [marketplaceId],
    details: q.details ?? true,
    ...(q.sellerSkus?.length ? { sellerSkus: q.sellerSkus } : {}),
    ...(q.startDateTime !== undefined
      ? { startDateTime: q.startDateTime instanceof Date ? q.startDateTime.toISOString() : q.startDateTime }
      : {}),
  };
  let nextToken: string | null = null;
  do {
    const res: { body: { payload?: { inventorySummaries?: InventorySummary[] }; pagination?: { nextToken?: string } } } = await caller.call(
      ctx,
      'getInventorySummaries',
      { query: nextToken ? { ...base, nextToken } : base, marketplaceId },
    );
    nextToken = res.body.pagination?.nextToken ?? null;
    yield { summaries: res.body.payload?.inventorySummaries ?? [], nextToken };
  } while (nextToken);
}
