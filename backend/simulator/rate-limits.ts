/**
 * Default usage plans (rate = tokens refilled per second, burst = bucket size) of the operations the
 * sales channel uses, as printed in the "Usage Plan" table of each operation's description in the
 * official models (see the models' "Operation tables"). Operations not in the table fall back to parsing
 * that description; if it prints no numbers, a generous 10/20 applies. An operationId several APIs share
 * (`getOrder`: Orders v0, Orders 2026-01-01, Fulfillment Outbound) is keyed `${modelId}#${operationId}`.
 */
export interface RateLimit {
  rate: number;
  burst: number;
}

export const RATE_LIMITS: Record<string, RateLimit> = {
  // Sellers v1
  getMarketplaceParticipations: { rate: 0.016, burst: 15 },
  getAccount: { rate: 0.016, burst: 15 },
  // Catalog Items 2022-04-01
  searchCatalogItems: { rate: 2, burst: 2 },
  getCatalogItem: { rate: 2, burst: 2 },
  // Listings Items 2021-08-01
  getListingsItem: { rate: 5, burst: 10 },
  putListingsItem: { rate: 5, burst: 10 },
  patchListingsItem: { rate: 5, burst: 5 },
  deleteListingsItem: { rate: 5, burst: 5 },
  searchListingsItems: { rate: 5, burst: 5 },
  // Listings Restrictions 2021-08-01
  getListingsRestrictions: { rate: 5, burst: 10 },
  // Feeds 2021-06-30
  getFeeds: { rate: 0.0222, burst: 10 },
  createFeed: { rate: 0.0083, burst: 15 },
  getFeed: { rate: 2, burst: 15 },
  cancelFeed: { rate: 2, burst: 15 },
  createFeedDocument: { rate: 0.5, burst: 15 },
  getFeedDocument: { rate: 0.0222, burst: 10 },
  // Reports 2021-06-30
  getReports: { rate: 0.0222, burst: 10 },
  createReport: { rate: 0.0167, burst: 15 },
  getReport: { rate: 2, burst: 15 },
  cancelReport: { rate: 0.0222, burst: 10 },
  getReportDocument: { rate: 0.0167, burst: 15 },
  getReportSchedules: { rate: 0.0222, burst: 10 },
  createReportSchedule: { rate: 0.0222, burst: 10 },
  getReportSchedule: { rate: 0.0222, burst: 10 },
  cancelReportSchedule: { rate: 0.0222, burst: 10 },
  // Orders v0
  getOrders: { rate: 0.0167, burst: 20 },
  'ordersV0#getOrder': { rate: 0.5, burst: 30 },
  getOrderBuyerInfo: { rate: 0.5, burst: 30 },
  getOrderAddress: { rate: 0.5, burst: 30 },
  getOrderItems: { rate: 0.5, burst: 30 },
  getOrderItemsBuyerInfo: { rate: 0.5, burst: 30 },
  updateShipmentStatus: { rate: 5, burst: 15 },
  confirmShipment: { rate: 2, burst: 10 },
  // Orders 2026-01-01
  'orders_2026-01-01#searchOrders': { rate: 0.0056, burst: 20 },
  'orders_2026-01-01#getOrder': { rate: 0.5, burst: 30 },
  // FBA Inventory v1
  getInventorySummaries: { rate: 2, burst: 2 },
  // Product Type Definitions 2020-09-01
  searchDefinitionsProductTypes: { rate: 5, burst: 10 },
  getDefinitionsProductType: { rate: 5, burst: 10 },
  // Tokens 2021-03-01
  createRestrictedDataToken: { rate: 1, burst: 10 },
  // Notifications v1 (every operation: 1/s, burst 5)
  createDestination: { rate: 1, burst: 5 },
  getDestinations: { rate: 1, burst: 5 },
  getDestination: { rate: 1, burst: 5 },
  deleteDestination: { rate: 1, burst: 5 },
  createSubscription: { rate: 1, burst: 5 },
  getSubscription: { rate: 1, burst: 5 },
  getSubscriptions: { rate: 1, burst: 5 },
  getSubscriptionById: { rate: 1, burst: 5 },
  deleteSubscriptionById: { rate: 1, burst: 5 },
};

/** Amazon documents a flat plan for every sandbox operation. */
export const SANDBOX_LIMIT: RateLimit = { rate: 5, burst: 15 };

const FALLBACK: RateLimit = { rate: 10, burst: 20 };

export function rateLimitFor(operationId: string, description: string, modelId = ''): RateLimit {
  const known = RATE_LIMITS[`${modelId}#${operationId}`] ?? RATE_LIMITS[operationId];
  if (known) return known;
  const m = /\|\s*([\d.]+)\s*\|\s*(\d+)\s*\|/.exec(description);
  if (m?.[1] && m[2]) return { rate: Number(m[1]), burst: Number(m[2]) };
  return FALLBACK;
}

/** Token bucket per key (seller + operation), refilled on the simulator clock. */
export class TokenBuckets {
  private buckets = new Map<string, { tokens: number; atMs: number }>();

  take(key: string, limit: RateLimit, nowMs: number): boolean {
    const b = this.buckets.get(key) ?? { tokens: limit.burst, atMs: nowMs };
    b.tokens = Math.min(limit.burst, b.tokens + ((nowMs - b.atMs) / 1000) * limit.rate);
    b.atMs = nowMs;
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  clear(): void {
    this.buckets.clear();
  }
}
