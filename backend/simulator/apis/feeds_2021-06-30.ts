/**
 * Feeds 2021-06-30: createFeedDocument (pre-signed upload URL on the document host), createFeed
 * (JSON_LISTINGS_FEED), getFeed, getFeeds, cancelFeed, getFeedDocument. Processing is clock-driven
 * (../feeds-store.ts) and applies messages to the listings (../feed-processing.ts).
 */
import { createDocument, presignedUrl } from '../documents';
import { FEED_TYPES_SUPPORTED, type FeedRecord } from '../feeds-store';
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

const createFeed: ApiHandler = (ctx) => {
  const seller = requireSeller(ctx);
  const body = ctx.body as { feedType: string; marketplaceIds: string[]; inputFeedDocumentId: string };
  const marketplaceIds = requireMarketplaces(ctx, body.marketplaceIds);
  if (!FEED_TYPES_SUPPORTED.includes(body.feedType))
    throw invalidInput(`The simulator does not process feedType '${body.feedType}' (supported: ${FEED_TYPES_SUPPORTED.join(', ')}).`);
  if (marketplaceIds.length !== 1) throw invalidInput('JSON_LISTINGS_FEED accepts exactly one marketplaceId.');
  const input = [...ctx.sim.world.documents.values()].find(
    (d) => d.documentId === body.inputFeedDocumentId && d.writable && d.sellerId === seller.sellerId,
  );
  if (!input) throw invalidInput(`Invalid inputFeedDocumentId '${body.inputFeedDocumentId}'.`);
  // The document is frozen once a feed refers to it (Amazon's upload URL is single-purpose).
  input.writable = false;
  const feed = ctx.sim.world.feeds.create({
    sellerId: seller.sellerId,
    region: ctx.region,
    feedType: body.feedType,
    marketplaceIds,
    inputFeedDocumentId: body.inputFeedDocumentId,
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
