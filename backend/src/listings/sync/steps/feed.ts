/**
 * The many-listings path: one JSON_LISTINGS_FEED per batch (up to 25,000 messages), its status read on
 * later passes, and — after a crash between "rows written" and "feedId stored" — the search among the
 * seller's recent feeds for the one the crashed worker may have created.
 */
import type { Feed, FeedResult, ListingsFeedMessage, SellerContext, SpApiGateway } from '../../../spapi/index';

/** Ask the report for the resulting items too: Amazon's listing status and issues after processing. */
const INCLUDED = ['summaries', 'issues'] as const;
const GZIP_FROM_MESSAGES = 50;

export function submitFeed(spapi: SpApiGateway, ctx: SellerContext, messages: ListingsFeedMessage[]): Promise<string> {
  return spapi.submitListingsFeed(ctx, { messages }, { gzip: messages.length >= GZIP_FROM_MESSAGES, includedData: [...INCLUDED] });
}

export function readFeed(spapi: SpApiGateway, ctx: SellerContext, feedId: string): Promise<FeedResult | null> {
  return spapi.getFeedResult(ctx, feedId);
}

/** JSON_LISTINGS_FEED feeds of this seller and marketplace created since `sinceIso` (every page). */
export async function recentFeeds(spapi: SpApiGateway, ctx: SellerContext, sinceIso: string): Promise<Feed[]> {
  const feeds: Feed[] = [];
  let query: Record<string, unknown> = {
    feedTypes: ['JSON_LISTINGS_FEED'],
    marketplaceIds: [ctx.marketplaceId ?? ''],
    createdSince: sinceIso,
    pageSize: 100,
  };
  for (let page = 0; page < 20; page++) {
    const res = await spapi.call<{ feeds?: Feed[]; nextToken?: string }>(ctx, 'getFeeds', {
      query,
      marketplaceId: ctx.marketplaceId ?? null,
    });
    feeds.push(...(res.body.feeds ?? []));
    if (!res.body.nextToken) break;
    // Amazon wants nextToken as the only parameter of the following pages.
    query = { nextToken: res.body.nextToken };
  }
  return feeds;
}
