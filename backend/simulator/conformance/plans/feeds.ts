/** Feeds 2021-06-30: the feeds and documents a case's answer shows, seeded for the scenario's first seller. */
import { createDocument, documentBaseUrlFor } from '../../documents';
import type { FeedRecord } from '../../feeds-store';
import { feedDocumentId, numericId, type ProcessingStatus } from '../../jobs';
import type { World } from '../../state';
import type { ApiPlans } from '../types';

const SELLER = 'A2SIMOUTDOOR01';

interface FeedAnswer {
  feedType: string;
  createdTime: string;
  processingStatus: ProcessingStatus;
  processingStartTime?: string;
  processingEndTime?: string;
  marketplaceIds?: string[];
}

/** A feed as the answer shows it (its times, its status), under a real id. */
function seedFeed(world: World, feedId: string, a: FeedAnswer): void {
  const created = Date.parse(a.createdTime);
  const feed: FeedRecord = {
    feedId,
    sellerId: SELLER,
    region: 'na',
    feedType: a.feedType,
    marketplaceIds: a.marketplaceIds ?? ['ATVPDKIKX0DER'],
    inputFeedDocumentId: feedDocumentId('na'),
    createdAtMs: created,
    startAtMs: a.processingStartTime ? Date.parse(a.processingStartTime) : created,
    endAtMs: a.processingEndTime ? Date.parse(a.processingEndTime) : created,
    processingStatus: a.processingStatus,
  };
  world.feeds.feeds.set(feedId, feed);
}

/** A feed document of the seller (an uploaded feed input; `writable` while no feed refers to it yet). */
function seedFeedDocument(world: World, documentId: string, writable = false): void {
  createDocument(world, documentBaseUrlFor('na'), {
    documentId,
    contentType: 'text/tab-separated-values; charset=UTF-8',
    body: Buffer.from('sku\tprice\n'),
    writable,
    sellerId: SELLER,
    region: 'na',
  });
}

const hourAfter = (iso: string) => new Date(Date.parse(iso) + 3_600_000).toISOString();

export const feedsPlans: ApiPlans = {
  api: 'Feeds 2021-06-30',
  plans: {
    getFeed: (c) => {
      if (c.status !== 200) return {}; // a malformed feed id: 400 before any lookup
      const id = numericId();
      return { seed: (w) => seedFeed(w, id, c.response as FeedAnswer), params: { feedId: id }, generated: ['feedId'] };
    },
    cancelFeed: (c) => {
      if (c.status !== 200) return {};
      const id = numericId();
      return {
        // A feed still in the queue: the only state Amazon lets the seller cancel.
        seed: (w) => {
          const now = new Date(w.clock.nowMs()).toISOString();
          seedFeed(w, id, { feedType: 'JSON_LISTINGS_FEED', createdTime: now, processingStatus: 'IN_QUEUE' });
          const f = w.feeds.feeds.get(id);
          if (f) [f.startAtMs, f.endAtMs] = [w.clock.nowMs() + 30_000, w.clock.nowMs() + 60_000];
        },
        params: { feedId: id },
      };
    },
    getFeedDocument: (c) => {
      if (c.status !== 200) return {};
      const id = feedDocumentId('na');
      return { seed: (w) => seedFeedDocument(w, id), params: { feedDocumentId: id }, generated: ['feedDocumentId', 'url'] };
    },
    getFeeds: (c) => {
      if (c.status !== 200) return {};
      const feeds = (c.response as { feeds: FeedAnswer[] }).feeds;
      const ids = feeds.map(() => numericId());
      return {
        // The answer lists feeds of March 2024 under the default 90-day window: it was given soon after.
        at: hourAfter(feeds[0]?.createdTime ?? '2024-03-11T00:00:00Z'),
        seed: (w) => feeds.forEach((f, i) => seedFeed(w, ids[i] ?? '', f)),
        generated: ['feeds.*.feedId', 'nextToken'],
      };
    },
    createFeed: (c) => {
      if (c.status !== 202) return {};
      // POST_PRODUCT_DATA for US and UK on the NA endpoint: the UK is not applied, the feed is accepted for
      // the US and ends FATAL later (a legacy feed type). The input document is one the seller has uploaded.
      const body = (c.request.parameters?.body as { value: Record<string, unknown> }).value;
      const id = feedDocumentId('na');
      return {
        seed: (w) => seedFeedDocument(w, id, true),
        params: { body: { ...body, inputFeedDocumentId: id } },
        generated: ['feedId'],
      };
    },
    createFeedDocument: (c) => (c.status === 201 ? { generated: ['feedDocumentId', 'url'] } : {}),
  },
};
