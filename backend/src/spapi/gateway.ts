/**
 * `app.spapi`: the operations the channel calls, typed, on top of SpApiCaller (rate limit, retries,
 * Communication Log). Domain code calls these; it never sees the client, HTTP statuses or tokens.
 */
import type { Knex } from 'knex';
import type { FastifyBaseLogger } from 'fastify';
import { SpApiCaller, type CallParams, type CallResult, type Region, type SellerContext } from './client';
import {
  apiCallOfStore,
  deleteStoreApiCalls,
  listApiCalls,
  operationsOfStore,
  pageApiCalls,
  type ApiCallFilter,
  type ApiCallPageFilter,
  type ApiCallRow,
} from './comm-log.queries';
import { buildConsentUrl, exchangeAuthorizationCode, type ConsentUrlInput, type TokenGrant } from './oauth';
import type { OperationName } from './operations';
import { DbBucketStore, RateLimiter } from './rate-limiter';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';
import type { Transport } from './transport';
import * as feeds from './feeds';
import * as reports from './reports';
import * as orders from './orders';
import * as orders2026 from './orders-2026';
import * as notifications from './notifications';
import * as fba from './fba-inventory';
import { RestrictedTokenCache, type IssuedToken } from './restricted-tokens';
import { fetchCatalogImage, type CatalogImage } from './catalog-images';
import type {
  CatalogSearchResult,
  CatalogItem,
  ListingsItem,
  ListingsSubmission,
  ListingsPatchBody,
  ListingsPutBody,
  ListingRestriction,
  MarketplaceParticipation,
} from './types';

export interface GatewayOptions {
  db: Knex;
  log: FastifyBaseLogger;
  transport: Transport;
  lwa: { clientId: string; clientSecret: string };
  applicationId: string;
  retry: Partial<RetryPolicy> & { maxRetries: number };
  timeouts?: { response: number; deadline: number };
  /** Document uploads/downloads: idle timeout in ms (AMAZON_DOCUMENT_TIMEOUT_MS). */
  documentTimeoutMs?: number;
}

type Marketplaces = { marketplaceIds: string[] };
const one = (ids: string[]) => (ids.length === 1 ? (ids[0] ?? null) : null);

export class SpApiGateway {
  readonly caller: SpApiCaller;
  /** Restricted data tokens of the Orders PII reads, reused for their lifetime per seller and path set. */
  private readonly rdts: RestrictedTokenCache;

  constructor(private readonly opts: GatewayOptions) {
    this.caller = new SpApiCaller({
      db: opts.db,
      log: opts.log,
      transport: opts.transport,
      limiter: new RateLimiter(new DbBucketStore(opts.db)),
      retry: { ...DEFAULT_RETRY, ...opts.retry },
      lwa: opts.lwa,
      ...(opts.timeouts ? { timeouts: opts.timeouts } : {}),
      ...(opts.documentTimeoutMs !== undefined ? { documentTimeoutMs: opts.documentTimeoutMs } : {}),
    });
    this.rdts = new RestrictedTokenCache(async (ctx, restrictedResources) => {
      const res = await this.caller.call<IssuedToken>(ctx, 'createRestrictedDataToken', { body: { restrictedResources } });
      return res.body;
    });
  }

  /** Any operation of the table in operations.ts, untyped; prefer adding a typed method below. */
  call<T = unknown>(ctx: SellerContext, operation: OperationName, params: CallParams = {}): Promise<CallResult<T>> {
    return this.caller.call<T>(ctx, operation, params);
  }

  // ---- OAuth (website authorization workflow) ----

  /** Seller Central of `host` as a browser reaches it: `https://<host>` live, the local Seller Central with the simulator. */
  sellerCentralUrl(host: string): string {
    return this.opts.transport.sellerCentralUrl(host);
  }

  /** The consent URL on the Seller Central of `sellerCentralHost` as the transport reaches it (Amazon's, or the simulator's). */
  buildConsentUrl(
    input: Omit<ConsentUrlInput, 'applicationId' | 'sellerCentral'> & { sellerCentralHost: string; applicationId?: string },
  ): string {
    const { sellerCentralHost, ...rest } = input;
    return buildConsentUrl({
      ...rest,
      sellerCentral: this.opts.transport.sellerCentralUrl(sellerCentralHost),
      applicationId: input.applicationId ?? this.opts.applicationId,
    });
  }

  exchangeAuthorizationCode(
    code: string,
    redirectUri: string | undefined,
    who: { storeId?: number | null; sellerId?: string | null } = {},
  ): Promise<TokenGrant> {
    return exchangeAuthorizationCode(
      { transport: this.opts.transport, lwa: this.opts.lwa, record: (c) => this.caller.record(c) },
      code,
      redirectUri,
      who,
    );
  }

  /** The marketplaces of the authorization's region the seller may sell in (the runtime source of truth). */
  async getMarketplaceParticipations(ctx: SellerContext): Promise<MarketplaceParticipation[]> {
    const res = await this.caller.call<{ payload?: MarketplaceParticipation[] }>(ctx, 'getMarketplaceParticipations');
    return res.body?.payload ?? [];
  }

  // ---- Catalog Items 2022-04-01 ----

  async searchCatalogItems(
    ctx: SellerContext,
    query: Marketplaces & {
      identifiers?: string[];
      identifiersType?: string;
      keywords?: string[];
      includedData?: string[];
      pageSize?: number;
      pageToken?: string;
    },
  ): Promise<CatalogSearchResult> {
    const res = await this.caller.call<CatalogSearchResult>(ctx, 'searchCatalogItems', { query, marketplaceId: one(query.marketplaceIds) });
    return res.body;
  }

  /** null when Amazon has no such ASIN in these marketplaces. */
  async getCatalogItem(ctx: SellerContext, asin: string, query: Marketplaces & { includedData?: string[] }): Promise<CatalogItem | null> {
    const res = await this.caller.call<CatalogItem>(ctx, 'getCatalogItem', {
      path: { asin },
      query,
      marketplaceId: one(query.marketplaceIds),
      expect: [404],
    });
    return res.status === 404 ? null : res.body;
  }

  /** A catalog image from Amazon's image host by its file (see catalog-images.ts); null when there is none. */
  fetchCatalogImage(file: string): Promise<CatalogImage | null> {
    return fetchCatalogImage(this.opts.transport.agent, file);
  }

  // ---- Listings Restrictions 2021-08-01 ----

  /** What keeps this seller from listing the ASIN in the condition (empty: nothing). */
  async getListingsRestrictions(
    ctx: SellerContext,
    query: Marketplaces & { asin: string; conditionType?: string; reasonLocale?: string },
  ): Promise<ListingRestriction[]> {
    const res = await this.caller.call<{ restrictions: ListingRestriction[] }>(ctx, 'getListingsRestrictions', {
      query: { ...query, sellerId: ctx.sellerId },
      marketplaceId: one(query.marketplaceIds),
    });
    return res.body?.restrictions ?? [];
  }

  // ---- Listings Items 2021-08-01 ----

  /** null when the seller has no listing with this SKU. */
  async getListingsItem(
    ctx: SellerContext,
    sku: string,
    query: Marketplaces & { includedData?: string[]; issueLocale?: string },
  ): Promise<ListingsItem | null> {
    const res = await this.caller.call<ListingsItem>(ctx, 'getListingsItem', {
      path: { sellerId: ctx.sellerId, sku },
      query,
      marketplaceId: one(query.marketplaceIds),
      expect: [404],
    });
    return res.status === 404 ? null : res.body;
  }

  async putListingsItem(
    ctx: SellerContext,
    sku: string,
    body: ListingsPutBody,
    query: Marketplaces & { mode?: 'VALIDATION_PREVIEW'; includedData?: string[]; issueLocale?: string },
  ): Promise<ListingsSubmission> {
    const res = await this.caller.call<ListingsSubmission>(ctx, 'putListingsItem', {
      path: { sellerId: ctx.sellerId, sku },
      query,
      body,
      marketplaceId: one(query.marketplaceIds),
    });
    return res.body;
  }

  async patchListingsItem(
    ctx: SellerContext,
    sku: string,
    body: ListingsPatchBody,
    query: Marketplaces & { mode?: 'VALIDATION_PREVIEW'; includedData?: string[]; issueLocale?: string },
  ): Promise<ListingsSubmission> {
    const res = await this.caller.call<ListingsSubmission>(ctx, 'patchListingsItem', {
      path: { sellerId: ctx.sellerId, sku },
      query,
      body,
      marketplaceId: one(query.marketplaceIds),
    });
    return res.body;
  }

  async deleteListingsItem(ctx: SellerContext, sku: string, query: Marketplaces & { issueLocale?: string }): Promise<ListingsSubmission> {
    const res = await this.caller.call<ListingsSubmission>(ctx, 'deleteListingsItem', {
      path: { sellerId: ctx.sellerId, sku },
      query,
      marketplaceId: one(query.marketplaceIds),
    });
    return res.body;
  }

  // ---- Feeds 2021-06-30 (JSON_LISTINGS_FEED) ----

  /** createFeedDocument → upload (GZIP if asked) → createFeed; returns the feedId. */
  submitListingsFeed(ctx: SellerContext, input: feeds.ListingsFeedInput, options: feeds.SubmitFeedOptions = {}): Promise<string> {
    return feeds.submitListingsFeed(this.caller, ctx, input, options);
  }

  /** null when there is no such feed. */
  getFeed(ctx: SellerContext, feedId: string): Promise<feeds.Feed | null> {
    return feeds.getFeed(this.caller, ctx, feedId);
  }

  /** The feed and, once DONE or FATAL, its parsed processing report (per-message issues, summary). */
  getFeedResult(ctx: SellerContext, feedId: string): Promise<feeds.FeedResult | null> {
    return feeds.getFeedResult(this.caller, ctx, feedId);
  }

  cancelFeed(ctx: SellerContext, feedId: string): Promise<void> {
    return feeds.cancelFeed(this.caller, ctx, feedId);
  }

  // ---- Reports 2021-06-30 (GET_MERCHANT_LISTINGS_ALL_DATA / _INACTIVE_DATA) ----

  requestMerchantListingsReport(
    ctx: SellerContext,
    marketplaceId?: string,
    reportType?: reports.MerchantListingsReportType,
  ): Promise<string> {
    return reports.requestMerchantListingsReport(this.caller, ctx, marketplaceId, reportType);
  }

  getReport(ctx: SellerContext, reportId: string): Promise<reports.Report | null> {
    return reports.getReport(this.caller, ctx, reportId);
  }

  /** Parsed rows; null while processing; no rows when Amazon cancelled the report for having no data. */
  downloadMerchantListingsReport(ctx: SellerContext, reportId: string): Promise<reports.MerchantListingsReport | null> {
    return reports.downloadMerchantListingsReport(this.caller, ctx, reportId);
  }

  // ---- Orders v0 ----

  /** Pages of orders, following NextToken. */
  getOrders(ctx: SellerContext, query: orders.OrdersQuery): AsyncGenerator<orders.OrdersPage> {
    return orders.getOrders(this.caller, ctx, query);
  }

  /** null when there is no such order. */
  getOrder(ctx: SellerContext, orderId: string): Promise<orders.Order | null> {
    return orders.getOrder(this.caller, ctx, orderId);
  }

  getOrderItems(ctx: SellerContext, orderId: string): Promise<orders.OrderItem[]> {
    return orders.getOrderItems(this.caller, ctx, orderId);
  }

  confirmShipment(ctx: SellerContext, orderId: string, shipment: orders.ShipmentConfirmation): Promise<void> {
    return orders.confirmShipment(this.caller, ctx, orderId, shipment);
  }

  /** The full shipping address (name, street, phone) — read with a restricted data token. */
  getOrderAddress(ctx: SellerContext, orderId: string): Promise<{ AmazonOrderId: string; ShippingAddress?: orders.OrderAddress }> {
    return orders.getOrderAddress(this.caller, this.rdts, ctx, orderId);
  }

  /** Buyer name and e-mail — read with a restricted data token. */
  getOrderBuyerInfo(ctx: SellerContext, orderId: string): Promise<orders.BuyerInfo & { AmazonOrderId: string }> {
    return orders.getOrderBuyerInfo(this.caller, this.rdts, ctx, orderId);
  }

  // ---- Orders 2026-01-01 (reads; PII by includedData BUYER/RECIPIENT, no restricted data token: orders-2026.ts) ----

  /** Pages of orders, following nextToken; read each with readAmazonOrder (orders-2026-read.ts). */
  searchOrders(ctx: SellerContext, query: orders2026.SearchOrdersQuery): AsyncGenerator<orders2026.SearchOrdersPage> {
    return orders2026.searchOrders(this.caller, ctx, query);
  }

  /** The order with its items and the datasets asked (default: what an import needs); null when there is no such order. */
  getOrder2026(ctx: SellerContext, orderId: string, includedData?: orders2026.IncludedData[]): Promise<orders2026.Order2026 | null> {
    return orders2026.getOrder(this.caller, ctx, orderId, includedData);
  }

  // ---- Notifications v1 ----

  /** The application's destination for an SQS queue in a region (grantless): reused when it exists, else created. */
  ensureDestination(region: Region, sqsArn: string): Promise<notifications.Destination> {
    return notifications.ensureDestination(this.caller, region, sqsArn);
  }

  /** The seller's subscription of `type` on the destination: reused, replaced when on another destination, or created. */
  ensureSubscription(ctx: SellerContext, type: notifications.NotificationType, destinationId: string): Promise<notifications.Subscription> {
    return notifications.ensureSubscription(this.caller, ctx, type, destinationId);
  }

  getSubscription(ctx: SellerContext, type: notifications.NotificationType): Promise<notifications.Subscription | null> {
    return notifications.getSubscription(this.caller, ctx, type);
  }

  /** Grantless delete by id (a disconnected store); already gone is fine. */
  deleteSubscription(region: Region, type: notifications.NotificationType, subscriptionId: string): Promise<void> {
    return notifications.deleteSubscription(this.caller, region, type, subscriptionId);
  }

  // ---- FBA Inventory v1 ----

  /** Pages of FBA inventory summaries, following nextToken (which Amazon expires after 30 s). */
  getInventorySummaries(ctx: SellerContext, query: fba.InventorySummariesQuery = {}): AsyncGenerator<fba.InventorySummariesPage> {
    return fba.getInventorySummaries(this.caller, ctx, query);
  }

  // ---- Communication Log ----

  listCalls(filter: ApiCallFilter = {}): Promise<ApiCallRow[]> {
    return listApiCalls(this.opts.db, filter);
  }

  /** A page of one store's log, newest first, filtered (the store's Communication Log page). */
  pageCalls(filter: ApiCallPageFilter): Promise<{ rows: ApiCallRow[]; total: number }> {
    return pageApiCalls(this.opts.db, filter);
  }

  /** One call of a store's log, or null. */
  storeCall(storeId: number, id: number): Promise<ApiCallRow | null> {
    return apiCallOfStore(this.opts.db, storeId, id);
  }

  /** The operations a store's log holds. */
  storeOperations(storeId: number): Promise<string[]> {
    return operationsOfStore(this.opts.db, storeId);
  }

  /** Removes a store's Communication Log, inside the caller's transaction (store deletion). */
  deleteCalls(storeId: number, trx: Knex = this.opts.db): Promise<number> {
    return deleteStoreApiCalls(trx, storeId);
  }

  /**
   * The transport's agent: the loopback agent in simulator mode (so the SQS client reaches the local Amazon's queue as
   * the SP-API client reaches its API), undefined live (Node's defaults).
   */
  get transportAgent(): import('node:https').Agent | undefined {
    return this.opts.transport.agent;
  }

  /** Simulator mode: points the transport at a simulator started on a random port (no-op in live mode). */
  setSimulatorPort(port: number): void {
    this.opts.transport.setSimulatorPort(port);
  }

  /** Drops the cached client of an authorization (disconnect, new refresh token). */
  forget(ctx: Pick<SellerContext, 'region' | 'refreshToken'>): void {
    this.caller.forget(ctx);
  }
}
