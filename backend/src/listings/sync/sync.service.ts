/**
 * The engine's use cases for the listings domain: set the desired state (coalescing changes into one
 * pending action), read the sync state and activity, requeue, and the store's sync health figures.
 */
import type { Knex } from 'knex';
import type { Clock } from '../../jobs/index';
import { fromDbTime, toDbTime } from '../../db/time';
import { json } from '../../db/rows';
import { notFound } from '../../platform/errors';
import { listActivity } from './activity.queries';
import { desiredHash } from './mapping';
import { STUCK_FEED_MS } from './policy';
import * as q from './sync.queries';
import type { ActivityRow, DesiredListing, ListingSyncState, SyncHealth } from './types';

/** Nearest-rank percentile of sorted numbers. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}

export class SyncService {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores the desired Amazon state. The listing becomes dirty only when it differs from what Amazon last
   * acknowledged; repeating the current desired state changes nothing (so a refused state is not resent
   * until the data changes — use `requeue` for "publish again").
   */
  async setDesired(trx: Knex.Transaction, listingId: number, desired: DesiredListing | null): Promise<void> {
    const hash = desiredHash(desired);
    const now = toDbTime(this.clock.now());
    const row = await q.syncRow(trx, listingId);
    if (!row) {
      const listing = await q.listingStore(trx, listingId);
      if (!listing) throw notFound('listing', listingId);
      await q.insertSyncRow(trx, {
        listing_id: listingId,
        store_id: listing.storeId,
        desired: JSON.stringify(desired),
        desired_hash: hash,
        desired_at: now,
        pending: true,
        dirty_since: now,
        attempts: 0,
      });
      return;
    }
    if (row.desiredHash === hash) return;
    const dirty = hash !== row.acknowledgedHash;
    await q.updateSyncRow(trx, listingId, {
      desired: JSON.stringify(desired),
      desired_hash: hash,
      desired_at: now,
      pending: dirty,
      // Coalesced: the wait is measured from the first change Amazon has not seen yet.
      dirty_since: dirty ? (row.pending && row.dirtySince ? row.dirtySince : now) : null,
      // New data deserves a prompt try, whatever failed before.
      ...(dirty ? { next_attempt_at: null } : {}),
    });
  }

  /** Sends the current desired state again (e.g. "Publish again" after Amazon refused it). */
  async requeue(trx: Knex.Transaction, listingIds: number[]): Promise<void> {
    const now = toDbTime(this.clock.now());
    for (const row of await q.syncRows(trx, listingIds)) {
      if (row.pending && row.nextAttemptAt === null) continue;
      await q.updateSyncRow(trx, row.listingId, {
        pending: true,
        dirty_since: row.dirtySince ?? now,
        next_attempt_at: null,
        failed_hash: null,
      });
    }
  }

  async state(listingIds: number[]): Promise<Map<number, ListingSyncState>> {
    const out = new Map<number, ListingSyncState>();
    for (const row of await q.syncRows(this.db, listingIds)) {
      out.set(row.listingId, {
        pending: row.pending,
        desired: row.desired,
        acknowledged: row.acknowledged,
        lastSubmittedAt: fromDbTime(row.lastSubmittedAt),
        lastAcknowledgedAt: fromDbTime(row.lastAcknowledgedAt),
        lastError: json<ListingSyncState['lastError']>(row.lastError, null),
        attempts: row.attempts,
        nextAttemptAt: fromDbTime(row.nextAttemptAt),
      });
    }
    return out;
  }

  activity(listingId: number, options: { limit?: number } = {}): Promise<ActivityRow[]> {
    return listActivity(this.db, listingId, options.limit ?? 50);
  }

  async health(storeId: number): Promise<SyncHealth> {
    const nowMs = this.clock.now().getTime();
    const queue = await q.queueFigures(this.db, storeId);
    const feeds = await q.openFeeds(this.db, storeId);
    const stuck = feeds.filter((f) => nowMs - Date.parse(fromDbTime(f.createdAt) ?? '') > STUCK_FEED_MS).length;
    const samples = (await q.latencies(this.db, storeId, toDbTime(new Date(nowMs - 3_600_000)))).sort((a, b) => a - b);
    return {
      queueDepth: queue.depth,
      oldestPendingAt: fromDbTime(queue.oldest),
      inFlightFeeds: feeds.length,
      stuckFeeds: stuck,
      latencyP50Ms: percentile(samples, 50),
      latencyP95Ms: percentile(samples, 95),
      samples: samples.length,
    };
  }
}
