/**
 * Feeds 2021-06-30: createFeedDocument (pre-signed upload URL on the document host), createFeed
 * (every type Amazon lists; JSON_LISTINGS_FEED is processed, others end FATAL — ../feed-types.ts), getFeed, getFeeds, cancelFeed, getFeedDocument. Processing is clock-driven
 * (../feeds-store.ts) and applies messages to the listings (../feed-processing.ts).
 */
import { createDocument, presignedUrl } from '../documents';
import type { FeedRecord } from '../feeds-store';
import { FEED_TYPES, PROCESSED_FEED_TYPES, unprocessedReason } from '../feed-types';
import { feedDocumentId } from '../jobs';
import { listProcessingJobs, processingTimes, requireNumericId, type JobListing } from './processing-jobs';
import { ApiError, invalidInput, isoDate, requireMarketplaces, requireSeller, type ApiContext, type ApiHandler } from './types';

export const modelId = 'feeds_2021-06-30';

function feedBody(f: FeedRecord): Record<string, unknown> {
  return {
    feedId: f.feedId,
    feedType: f.feedType,
    marketplaceIds: f.marketplaceIds,
    createdTime: isoDate(f.createdAtMs),
    processingStatus: f.processingStatus,
    ...processingTimes(f.processingStatus, f.startAtMs, f.endAtMs),
    ...(f.resultFeedDocumentId ? { resultFeedDocumentId: f.resultFeedDocumentId } : {}),
  };
}

function ownFeed(ctx: ApiContext): FeedRecord {
  const seller = requireSeller(ctx);
  ctx.sim.world.feeds.settle();
  const feed = ctx.sim.world.feeds.feeds.get(requireNumericId('feedId', ctx.path.feedId));
  // Another seller's feed is as invisible as a feed that does not exist.
  if (!feed || feed.sellerId !== seller.sellerId) throw new ApiError(404, 'NotFound', 'The requested feed was not found.', ctx.path.feedId);
  return feed;
}

const createFeedDocument: ApiHandler = (ctx) => {
  const seller = requireSeller(ctx);
  const { contentType } = ctx.body as { contentType: string };
  if (!/^[\w.+-]+\/[\w.+-]+/.test(contentType)) throw invalidInput(`Invalid contentType '${contentType}'.`);
  const doc = createDocument(ctx.sim.world, ctx.documentBaseUrl, {
    documentId: feedDocumentId(ctx.region),
    contentType,
    body: null,
    writable: true,
    sellerId: seller.sellerId,
    region: ctx.region,
  });
  return { status: 201, body: { feedDocumentId: doc.documentId, url: presignedUrl(ctx.sim.world, ctx.documentBaseUrl, doc) } };
};

/**
 * JSON_LISTINGS_FEED takes exactly one marketplace. The XML and flat-file types may name several; as with
 * reports, those of another region than the endpoint's are not applied, and none left is InvalidInput.
 */
function feedMarketplaces(ctx: ApiContext, feedType: string, ids: string[]): string[] {
  if (PROCESSED_FEED_TYPES.has(feedType)) {
    const marketplaceIds = requireMarketplaces(ctx, ids);
    if (marketplaceIds.length !== 1) throw invalidInput(`${feedType} accepts exactly one marketplaceId.`);
    return marketplaceIds;
  }
  const here = ids.filter((id) => ctx.sim.world.marketplaces.get(id)?.region === ctx.region);
  if (here.length === 0)
    throw invalidInput('Feed rejected for this client. Your feed could not be applied to any marketplaces.', ids.join(','));
  return requireMarketplaces(ctx, here);
}

const createFeed: ApiHandler = (ctx) => {
  const seller = requireSeller(ctx);
  const body = ctx.body as { feedType: string; marketplaceIds: string[]; inputFeedDocumentId: string };
  if (!FEED_TYPES.has(body.feedType)) throw invalidInput(`Invalid feedType '${body.feedType}'.`, body.feedType);
  const marketplaceIds = feedMarketplaces(ctx, body.feedType, body.marketplaceIds);
  const input = [...ctx.sim.world.documents.values()].find(
    (d) => d.documentId === body.inputFeedDocumentId && d.writable && d.sellerId === seller.sellerId,
  );
  if (!input) throw invalidInput(`Invalid inputFeedDocumentId '${body.inputFeedDocumentId}'.`);
  // The document is frozen once a feed refers to it (Amazon's upload URL is single-purpose).
  input.writable = false;
  // A type Amazon accepts but the local Amazon does not process ends FATAL, its processing report saying why.
  const fatal = unprocessedReason(body.feedType);
  const feed = ctx.sim.world.feeds.create({
    sellerId: seller.sellerId,
    region: ctx.region,
    feedType: body.feedType,
    marketplaceIds,
    inputFeedDocumentId: body.inputFeedDocumentId,
    ...(fatal ? { fatal } : {}),
  });
  return { status: 202, body: { feedId: feed.feedId } };
};

const getFeed: ApiHandler = (ctx) => ({ status: 200, body: feedBody(ownFeed(ctx)) });

const cancelFeed: ApiHandler = (ctx) => {
  const feed = ownFeed(ctx);
  if (!ctx.sim.world.feeds.cancel(feed))
    throw invalidInput(`Only feeds with processingStatus IN_QUEUE can be cancelled; feed ${feed.feedId} is ${feed.processingStatus}.`);
  return { status: 200 };
};

const FEED_LISTING: JobListing<FeedRecord> = {
  typesParam: 'feedTypes',
  filters: ['feedTypes', 'marketplaceIds', 'pageSize', 'processingStatuses', 'createdSince', 'createdUntil'],
  describe: (f) => ({
    id: f.feedId,
    type: f.feedType,
    marketplaceIds: f.marketplaceIds,
    processingStatus: f.processingStatus,
    createdAtMs: f.createdAtMs,
  }),
};

const getFeeds: ApiHandler = (ctx) => {
  const { page, nextToken } = listProcessingJobs(ctx, FEED_LISTING, (sellerId) => ctx.sim.world.feeds.list(sellerId));
  return { status: 200, body: { feeds: page.map(feedBody), ...(nextToken ? { nextToken } : {}) } };
};

const getFeedDocument: ApiHandler = (ctx) => {
  const seller = requireSeller(ctx);
  const world = ctx.sim.world;
  // Feed document ids are Amazon's `amzn1.tortuga.…` ids; anything else is malformed (400), not unknown (404).
  if (!/^amzn1\.tortuga\.[\w.-]+$/.test(ctx.path.feedDocumentId ?? ''))
    throw invalidInput(`Invalid feedDocumentId '${ctx.path.feedDocumentId ?? ''}'.`, ctx.path.feedDocumentId);
  const doc = [...world.documents.values()].find((d) => d.documentId === ctx.path.feedDocumentId && d.sellerId === seller.sellerId);
  if (!doc) throw new ApiError(404, 'NotFound', 'The requested feed document was not found.', ctx.path.feedDocumentId);
  return {
    status: 200,
    body: {
      feedDocumentId: doc.documentId,
      url: presignedUrl(world, ctx.documentBaseUrl, doc),
      ...(doc.compression ? { compressionAlgorithm: doc.compression } : {}),
    },
  };
};

export const handlers: Record<string, ApiHandler> = {
  createFeedDocument,
  createFeed,
  getFeed,
  getFeeds,
  cancelFeed,
  getFeedDocument,
};
