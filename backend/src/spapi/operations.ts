/**
 * The SP-API operations the channel uses, with Amazon's documented default usage plan (rate = tokens
 * per second, burst = bucket size) from the "Usage Plan" table of each operation in the official models
 * (see /work/shared/amazon-spapi/README.md, "Operation tables"). The rate limiter reads this table; an
 * operation missing here cannot be called through the gateway, so adding an operation starts here.
 */

/**
 * API versions pinned for the client; without them it silently picks the oldest version of an operation. Orders stays
 * on v0 here (confirmShipment and the sales poll); the Orders 2026-01-01 reads pin their version per operation below.
 */
export const ENDPOINT_VERSIONS = {
  listingsItems: '2021-08-01',
  listingsRestrictions: '2021-08-01',
  feeds: '2021-06-30',
  catalogItems: '2022-04-01',
  orders: 'v0',
  fbaInventory: 'v1',
  fulfillmentInbound: '2024-03-20',
  fulfillmentOutbound: '2020-07-01',
  sellers: 'v1',
  notifications: 'v1',
  tokens: '2021-03-01',
  reports: '2021-06-30',
} as const;

export type Endpoint = keyof typeof ENDPOINT_VERSIONS;

export interface OperationSpec {
  endpoint: Endpoint;
  /** Requests per second Amazon refills. */
  rate: number;
  /** Bucket size: calls Amazon accepts at once after a quiet period. */
  burst: number;
  /**
   * Another version than ENDPOINT_VERSIONS' for this operation (sent as the client's per-call `options.version`),
   * and the client's name for it when our key differs: two versions of one API can share an operation name
   * (Orders v0 and 2026-01-01 both have `getOrder`) but must not share a rate bucket or a log name.
   */
  version?: string;
  clientOperation?: string;
}

const op = (endpoint: Endpoint, rate: number, burst: number): OperationSpec => ({ endpoint, rate, burst });
const pinned = (endpoint: Endpoint, version: string, clientOperation: string, rate: number, burst: number): OperationSpec => ({
  endpoint,
  rate,
  burst,
  version,
  clientOperation,
});

export const OPERATIONS = {
  // Sellers v1
  getMarketplaceParticipations: op('sellers', 0.016, 15),
  // Catalog Items 2022-04-01
  searchCatalogItems: op('catalogItems', 2, 2),
  getCatalogItem: op('catalogItems', 2, 2),
  // Listings Items 2021-08-01
  getListingsItem: op('listingsItems', 5, 10),
  putListingsItem: op('listingsItems', 5, 10),
  patchListingsItem: op('listingsItems', 5, 5),
  deleteListingsItem: op('listingsItems', 5, 5),
  searchListingsItems: op('listingsItems', 5, 5),
  // Listings Restrictions 2021-08-01
  getListingsRestrictions: op('listingsRestrictions', 5, 10),
  // Feeds 2021-06-30
  getFeeds: op('feeds', 0.0222, 10),
  createFeed: op('feeds', 0.0083, 15),
  getFeed: op('feeds', 2, 15),
  cancelFeed: op('feeds', 2, 15),
  createFeedDocument: op('feeds', 0.5, 15),
  getFeedDocument: op('feeds', 0.0222, 10),
  // Reports 2021-06-30
  getReports: op('reports', 0.0222, 10),
  createReport: op('reports', 0.0167, 15),
  getReport: op('reports', 2, 15),
  getReportDocument: op('reports', 0.0167, 15),
  // Orders v0
  getOrders: op('orders', 0.0167, 20),
  getOrder: op('orders', 0.5, 30),
  getOrderItems: op('orders', 0.5, 30),
  getOrderAddress: op('orders', 0.5, 30),
  getOrderBuyerInfo: op('orders', 0.5, 30),
  updateShipmentStatus: op('orders', 5, 15),
  confirmShipment: op('orders', 2, 10),
  // Orders 2026-01-01 (the reads that replace v0's getOrders/getOrder/getOrderItems/…Address/…BuyerInfo)
  searchOrders: pinned('orders', '2026-01-01', 'searchOrders', 0.0056, 20),
  getOrder2026: pinned('orders', '2026-01-01', 'getOrder', 0.5, 30),
  // FBA Inventory v1
  getInventorySummaries: op('fbaInventory', 2, 2),
  // Fulfillment Inbound 2024-03-20
  listInboundPlans: op('fulfillmentInbound', 2, 6),
  createInboundPlan: op('fulfillmentInbound', 2, 2),
  getInboundPlan: op('fulfillmentInbound', 2, 6),
  setPackingInformation: op('fulfillmentInbound', 2, 2),
  listPackingOptions: op('fulfillmentInbound', 2, 6),
  generatePackingOptions: op('fulfillmentInbound', 2, 2),
  confirmPackingOption: op('fulfillmentInbound', 2, 2),
  generatePlacementOptions: op('fulfillmentInbound', 2, 2),
  confirmPlacementOption: op('fulfillmentInbound', 2, 2),
  generateTransportationOptions: op('fulfillmentInbound', 2, 2),
  confirmTransportationOptions: op('fulfillmentInbound', 2, 2),
  getInboundOperationStatus: op('fulfillmentInbound', 2, 6),
  // Fulfillment Outbound 2020-07-01
  getFulfillmentPreview: op('fulfillmentOutbound', 2, 30),
  listAllFulfillmentOrders: op('fulfillmentOutbound', 2, 30),
  createFulfillmentOrder: op('fulfillmentOutbound', 2, 30),
  getFulfillmentOrder: op('fulfillmentOutbound', 2, 30),
  cancelFulfillmentOrder: op('fulfillmentOutbound', 2, 30),
  getPackageTrackingDetails: op('fulfillmentOutbound', 2, 30),
  // Notifications v1
  getSubscription: op('notifications', 1, 5),
  createSubscription: op('notifications', 1, 5),
  getSubscriptionById: op('notifications', 1, 5),
  deleteSubscriptionById: op('notifications', 1, 5),
  getDestinations: op('notifications', 1, 5),
  getDestination: op('notifications', 1, 5),
  createDestination: op('notifications', 1, 5),
  deleteDestination: op('notifications', 1, 5),
  // Tokens 2021-03-01
  createRestrictedDataToken: op('tokens', 1, 10),
} as const satisfies Record<string, OperationSpec>;

export type OperationName = keyof typeof OPERATIONS;

export const isOperation = (name: string): name is OperationName => Object.hasOwn(OPERATIONS, name);
