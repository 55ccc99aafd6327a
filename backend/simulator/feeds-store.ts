/**
 * Feeds of every seller and their lifecycle on the simulator clock: IN_QUEUE → IN_PROGRESS → DONE or
 * FATAL (or CANCELLED while still IN_QUEUE). Processing happens lazily when the clock has passed the
 * feed's end time (settle() runs before every SP-API call and state read), at that time, so a client
 * that jumps the clock sees the same result as one that waited.
 */
import { gzipSync } from 'node:zlib';
import type { World } from './state';
import type { Region } from './scenario';
import { createDocument, documentBaseUrlFor } from './documents';
import { feedDocumentId, numericId, timeline, type ProcessingStatus } from './jobs';
import { processListingsFeed, type MessageFault } from './feed-processing';

export interface FeedRecord {
  feedId: string;
  sellerId: string;
  region: Region;
  feedType: string;
  marketplaceIds: string[];
  inputFeedDocumentId: string;
  createdAtMs: number;
  startAtMs: number;
  endAtMs: number;
  processingStatus: ProcessingStatus;
  resultFeedDocumentId?: string;
  /** Faults captured from the control plane when the feed was created. */
  fatal?: string;
  messageFaults?: Map<number, MessageFault>;
}

/** Control-plane faults that apply to the next feeds created. */
export interface FeedFaults {
  fatalNext: number;
  fatalReason: string;
  messageErrors: { messageIds: number[]; code: string; message: string; feeds: number } | null;
}

export class FeedsStore {
  readonly feeds = new Map<string, FeedRecord>();
  faults: FeedFaults = { fatalNext: 0, fatalReason: '', messageErrors: null };
  /** Result reports that failed the official schema (a simulator bug, surfaced as a response mismatch). */
  readonly problems: string[] = [];

  constructor(private world: World) {}

  /** `fatal`: the feed will end FATAL with this reason (a type the local Amazon does not process). */
  create(init: Pick<FeedRecord, 'sellerId' | 'region' | 'feedType' | 'marketplaceIds' | 'inputFeedDocumentId' | 'fatal'>): FeedRecord {
    const now = this.world.clock.nowMs();
    const t = timeline(now, this.world.cfg.feedProcessingSeconds);
    const feed: FeedRecord = { ...init, feedId: numericId(), createdAtMs: now, ...t, processingStatus: 'IN_QUEUE' };
    if (this.faults.fatalNext > 0) {
      this.faults.fatalNext--;
      feed.fatal = this.faults.fatalReason || 'The feed could not be processed (fault injected by the simulator control plane).';
    }
    const me = this.faults.messageErrors;
    if (me && me.feeds > 0) {
      feed.messageFaults = new Map(me.messageIds.map((id) => [id, { code: me.code, message: me.message }]));
      if (--me.feeds === 0) this.faults.messageErrors = null;
    }
    this.feeds.set(feed.feedId, feed);
    this.settle();
    return feed;
  }

  cancel(feed: FeedRecord): boolean {
    this.settle();
    if (feed.processingStatus !== 'IN_QUEUE') return false;
    feed.processingStatus = 'CANCELLED';
    feed.endAtMs = this.world.clock.nowMs();
    return true;
  }

  /** Moves every feed along its timeline; processes the ones whose time has come, oldest first. */
  settle(): void {
    const now = this.world.clock.nowMs();
    const open = [...this.feeds.values()]
      .filter((f) => f.processingStatus === 'IN_QUEUE' || f.processingStatus === 'IN_PROGRESS')
      .sort((a, b) => a.endAtMs - b.endAtMs);
    for (const f of open) {
      if (now >= f.endAtMs) this.process(f);
      else if (now >= f.startAtMs) f.processingStatus = 'IN_PROGRESS';
    }
  }

  private process(feed: FeedRecord): void {
    const input = [...this.world.documents.values()].find((d) => d.documentId === feed.inputFeedDocumentId);
    const outcome = processListingsFeed(
      this.world,
      {
        feedId: feed.feedId,
        sellerId: feed.sellerId,
        marketplaceId: feed.marketplaceIds[0] ?? '',
        atMs: feed.endAtMs,
        ...(feed.fatal ? { fatal: feed.fatal } : {}),
        ...(feed.messageFaults ? { messageFaults: feed.messageFaults } : {}),
      },
      input?.body ?? null,
    );
    if (outcome.reportProblem) this.problems.push(`feed ${feed.feedId} processing report: ${outcome.reportProblem}`);
    const json = Buffer.from(JSON.stringify(outcome.report));
    const compress = this.world.cfg.compressDocuments;
    const doc = createDocument(this.world, documentBaseUrlFor(feed.region), {
      documentId: feedDocumentId(feed.region),
      contentType: 'application/json',
      body: compress ? gzipSync(json) : json,
      writable: false,
      sellerId: feed.sellerId,
      region: feed.region,
      ...(compress ? { compression: 'GZIP' as const } : {}),
    });
    feed.processingStatus = outcome.status;
    feed.resultFeedDocumentId = doc.documentId;
  }

  list(sellerId: string): FeedRecord[] {
    this.settle();
    return [...this.feeds.values()].filter((f) => f.sellerId === sellerId);
  }
}
