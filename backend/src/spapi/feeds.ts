/**
 * Feeds 2021-06-30 for JSON_LISTINGS_FEED: create a feed document, upload the messages (optionally GZIP),
 * create the feed; later read its status and, once DONE or FATAL, its processing report (JSON, GZIP as
 * Amazon serves it). Document transfers go through document-transfer.ts (agent, timeout, log, retries). An upload URL that expired before the
 * upload finished is replaced by a new feed document (a document is single-use, so that is always safe).
 */
import { gzipSync } from 'node:zlib';
import type { SellerContext, SpApiCaller } from './client';
import { DocumentUrlExpiredError, downloadDocument, uploadDocument, URL_RENEWALS } from './document-transfer';

export type FeedProcessingStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED' | 'FATAL';

export interface Feed {
  feedId: string;
  feedType: string;
  marketplaceIds?: string[];
  createdTime: string;
  processingStatus: FeedProcessingStatus;
  processingStartTime?: string;
  processingEndTime?: string;
  resultFeedDocumentId?: string;
}

/** One message of a JSON_LISTINGS_FEED (listings-feed-schema-v2.json). */
export type ListingsFeedMessage = { messageId: number; sku: string } & (
  | {
      operationType: 'UPDATE';
      productType: string;
      requirements?: 'LISTING' | 'LISTING_PRODUCT_ONLY' | 'LISTING_OFFER_ONLY';
      attributes: Record<string, unknown>;
    }
  | { operationType: 'PARTIAL_UPDATE'; productType: string; attributes: Record<string, unknown> }
  | {
      operationType: 'PATCH';
      productType: string;
      patches: { op: 'add' | 'replace' | 'merge' | 'delete'; path: string; value?: unknown[] }[];
    }
  | { operationType: 'DELETE' }
);

export interface ListingsFeedInput {
  /** Default: the context's seller (the header must name the seller who submits). */
  sellerId?: string;
  messages: ListingsFeedMessage[];
}

export interface SubmitFeedOptions {
  gzip?: boolean;
  /** Default: the context's marketplace (JSON_LISTINGS_FEED takes exactly one). */
  marketplaceId?: string;
  issueLocale?: string;
  /** Ask the processing report to include the resulting listings items (Listings Items API 2021-08-01 shape). */
  includedData?: ('summaries' | 'attributes' | 'issues' | 'offers' | 'fulfillmentAvailability')[];
}

export interface FeedProcessingIssue {
  /** Absent for document-level issues (a FATAL feed). */
  messageId?: number;
  sku?: string;
  code: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  message: string;
  attributeName?: string;
}

export interface FeedProcessingReport {
  header: { sellerId: string; version: string; feedId: string; report?: { includedData: string[]; apiVersion: string } };
  issues: FeedProcessingIssue[];
  summary: {
    errors: number;
    warnings: number;
    messagesProcessed: number;
    messagesAccepted: number;
    messagesInvalid: number;
    itemSummary?: { items: number; errors: number; warnings: number };
  };
  items?: Record<string, unknown>[];
}

export interface FeedResult {
  feed: Feed;
  /** null until the feed is DONE or FATAL (and for CANCELLED feeds, which have no report). */
  report: FeedProcessingReport | null;
}

const CONTENT_TYPE = 'application/json; charset=UTF-8';

interface FeedDocument {
  feedDocumentId: string;
  url: string;
  compressionAlgorithm?: 'GZIP';
}

export function listingsFeedBody(ctx: SellerContext, input: ListingsFeedInput, o: SubmitFeedOptions = {}): Buffer {
  const doc = {
    header: {
      sellerId: input.sellerId ?? ctx.sellerId,
      version: '2.0',
      ...(o.issueLocale ? { issueLocale: o.issueLocale } : {}),
      ...(o.includedData?.length ? { report: { includedData: o.includedData, apiVersion: '2021-08-01' } } : {}),
    },
    messages: input.messages,
  };
  const json = Buffer.from(JSON.stringify(doc), 'utf8');
  return o.gzip ? gzipSync(json) : json;
}

async function createFeedDocument(caller: SpApiCaller, ctx: SellerContext, marketplaceId: string): Promise<FeedDocument> {
  const res = await caller.call<FeedDocument>(ctx, 'createFeedDocument', { body: { contentType: CONTENT_TYPE }, marketplaceId });
  return res.body;
}

/** Creates a feed document and uploads `content`; a new document when the upload URL expired. Returns its id. */
export async function uploadFeedContent(caller: SpApiCaller, ctx: SellerContext, content: Buffer, marketplaceId: string): Promise<string> {
  for (let renewal = 0; ; renewal++) {
    const doc = await createFeedDocument(caller, ctx, marketplaceId);
    try {
      await uploadDocument(caller, ctx, marketplaceId, doc.url, content, CONTENT_TYPE);
      return doc.feedDocumentId;
    } catch (err) {
      if (!(err instanceof DocumentUrlExpiredError) || renewal >= URL_RENEWALS) throw err;
    }
  }
}

/** Uploads the messages as one JSON_LISTINGS_FEED and creates the feed; returns the feedId. */
export async function submitListingsFeed(
  caller: SpApiCaller,
  ctx: SellerContext,
  input: ListingsFeedInput,
  o: SubmitFeedOptions = {},
): Promise<string> {
  const marketplaceId = o.marketplaceId ?? ctx.marketplaceId;
  if (!marketplaceId) throw new Error('submitListingsFeed needs marketplaceId or a SellerContext with marketplaceId');
  const inputFeedDocumentId = await uploadFeedContent(caller, ctx, listingsFeedBody(ctx, input, o), marketplaceId);
  const res = await caller.call<{ feedId: string }>(ctx, 'createFeed', {
    body: { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [marketplaceId], inputFeedDocumentId },
    marketplaceId,
  });
  return res.body.feedId;
}

/** null when Amazon knows no such feed (of this seller). */
export async function getFeed(caller: SpApiCaller, ctx: SellerContext, feedId: string): Promise<Feed | null> {
  const res = await caller.call<Feed>(ctx, 'getFeed', { path: { feedId }, expect: [404] });
  return res.status === 404 ? null : res.body;
}

/** Only an IN_QUEUE feed can be cancelled; Amazon refuses (AmazonError, 400 InvalidInput) otherwise. */
export async function cancelFeed(caller: SpApiCaller, ctx: SellerContext, feedId: string): Promise<void> {
  // The model declares no body for the 200: `call` uses raw_result, so the empty body is fine.
  await caller.call(ctx, 'cancelFeed', { path: { feedId } });
}

export async function getFeedResult(caller: SpApiCaller, ctx: SellerContext, feedId: string): Promise<FeedResult | null> {
  const feed = await getFeed(caller, ctx, feedId);
  if (!feed) return null;
  if ((feed.processingStatus !== 'DONE' && feed.processingStatus !== 'FATAL') || !feed.resultFeedDocumentId) return { feed, report: null };
  const marketplaceId = feed.marketplaceIds?.length === 1 ? (feed.marketplaceIds[0] ?? null) : null;
  const text = await downloadDocument(caller, ctx, 'downloadFeedDocument', marketplaceId, async () => {
    const res = await caller.call<FeedDocument>(ctx, 'getFeedDocument', {
      path: { feedDocumentId: feed.resultFeedDocumentId ?? '' },
      marketplaceId,
    });
    return res.body;
  });
  return { feed, report: JSON.parse(text) as FeedProcessingReport };
}
