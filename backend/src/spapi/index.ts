/**
 * The SP-API gateway as a plugin: decorates `app.spapi` (see gateway.ts). The only code in the service
 * that talks to Amazon; AMAZON_MODE picks the transport (simulator: loopback agent; live: Node defaults).
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { SpApiGateway } from './gateway';
import { createTransport, type Transport } from './transport';

declare module 'fastify' {
  interface FastifyInstance {
    spapi: SpApiGateway;
  }
}

export interface SpApiPluginOptions {
  /** Port of a simulator started in this process on port 0 (overrides SIMULATOR_PORT). */
  simulatorPort?: number;
  /** Its plain-HTTP Seller Central port, where consent links point (overrides SIMULATOR_SELLER_CENTRAL_PORT). */
  simulatorSellerCentralPort?: number;
  /** A ready transport instead of one built from the config (tests, tools). */
  transport?: Transport;
  /** First backoff step in ms (default 250); tests shorten it. */
  retryBaseMs?: number;
  timeouts?: { response: number; deadline: number };
}

export const SIMULATOR_CLIENT_ID_PREFIX = 'amzn1.application-oa2-client.sim';

export default fp(
  async function spapiPlugin(app: FastifyInstance, opts: SpApiPluginOptions) {
    const c = app.config;
    if (c.AMAZON_MODE === 'live' && c.AMAZON_LWA_CLIENT_ID.startsWith(SIMULATOR_CLIENT_ID_PREFIX)) {
      throw new Error(
        'AMAZON_MODE=live needs the real AMAZON_LWA_CLIENT_ID, AMAZON_LWA_CLIENT_SECRET and AMAZON_APP_ID (the defaults are the simulator app)',
      );
    }
    const transport =
      opts.transport ??
      createTransport(
        c.AMAZON_MODE,
        opts.simulatorPort ?? c.SIMULATOR_PORT,
        undefined,
        opts.simulatorSellerCentralPort ?? c.SIMULATOR_SELLER_CENTRAL_PORT,
      );
    const gateway = new SpApiGateway({
      db: app.db,
      log: app.log,
      transport,
      lwa: { clientId: c.AMAZON_LWA_CLIENT_ID, clientSecret: c.AMAZON_LWA_CLIENT_SECRET },
      applicationId: c.AMAZON_APP_ID,
      retry: { maxRetries: c.AMAZON_MAX_RETRIES, ...(opts.retryBaseMs !== undefined ? { baseMs: opts.retryBaseMs } : {}) },
      ...(opts.timeouts ? { timeouts: opts.timeouts } : {}),
      documentTimeoutMs: c.AMAZON_DOCUMENT_TIMEOUT_MS,
    });
    app.decorate('spapi', gateway);
    if (!opts.transport) app.addHook('onClose', async () => transport.close());
  },
  { name: 'spapi', dependencies: ['config', 'db'] },
);

export { SpApiGateway } from './gateway';
export type { SellerContext, GrantlessContext, CallParams, CallResult, Region } from './client';
export { AmazonError, AmazonThrottledError, AmazonUnavailableError, AuthorizationRevokedError, AuthorizationCodeError } from './errors';
export { buildConsentUrl } from './oauth';
export type { TokenGrant, ConsentUrlInput } from './oauth';
export type { ApiCallRow, ApiCallPageFilter, CallOutcome } from './comm-log.queries';
export * from './types';
export type {
  Feed,
  FeedProcessingStatus,
  FeedProcessingIssue,
  FeedProcessingReport,
  FeedResult,
  ListingsFeedInput,
  ListingsFeedMessage,
  SubmitFeedOptions,
} from './feeds';
export type { Report, ReportProcessingStatus, MerchantListingRow } from './reports';
export type {
  Order,
  OrderItem,
  OrderAddress,
  OrderStatus,
  OrdersQuery,
  OrdersPage,
  BuyerInfo,
  Money,
  ShipmentConfirmation,
} from './orders';
export { amazonTime, flag, readItem, readOrder, type AmazonFlag, type ItemFacts, type OrderFacts } from './orders-read';
export type { FulfillmentStatus, IncludedData, Order2026, OrderItem2026, SearchOrdersQuery, SearchOrdersPage } from './orders-2026';
export { IMPORT_INCLUDED_DATA } from './orders-2026';
export {
  readAmazonOrder,
  readOrderItem,
  UnreadableOrderError,
  type AmazonOrder,
  type AmazonOrderItem,
  type AmazonAddress,
  type AmazonTaxRegistration,
} from './orders-2026-read';
export { NOTIFICATION_TYPES, type Destination, type Subscription, type NotificationType } from './notifications';
export type { InventorySummary, InventoryDetails, InventorySummariesQuery, InventorySummariesPage } from './fba-inventory';
export { DocumentUrlExpiredError } from './document-transfer';
export { imageFileOf, type CatalogImage } from './catalog-images';
