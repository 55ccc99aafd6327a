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
import { DEFAULT_STUCK_AFTER_MS, isStuck } from './policy';
import * as q from './sync.queries';
import { updateSyncRows } from './outcome.queries';
import type { ActivityRow, DesiredEntry, DesiredListing, ListingSyncState, SetDesiredOptions, SyncHealth } from './types';

/** What setDesiredMany tracks of a row while it applies a batch in order. */
type RowState = Pick<q.SyncRow, 'desiredHash' | 'acknowledgedHash' | 'pending' | 'dirtySince'>;

/** Nearest-rank percentile of sorted numbers. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}

const dbTimeMs = (value: string) => Date.parse(fromDbTime(value) ?? '');

/** When a change started waiting for Amazon: the catalog change's time when known (never later than now), else now. */
export function changeTime(changedAt: Date | undefined, now: Date): string {
  if (!changedAt || Number.isNaN(changedAt.getTime())) return toDbTime(now);
  return toDbTime(new Date(Math.min(now.getTime(), changedAt.getTime())));
}

export class SyncService {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
    private readonly stuckAfterMs: number = DEFAULT_STUCK_AFTER_MS,
  ) {}

  /**
   * Stores the desired Amazon state. The listing becomes dirty only when it differs from what Amazon last
   * acknowledged; repeating the current desired state changes nothing (so a refused state is not resent
   * until the data changes — use `requeue` for "publish again"). `changedAt` is when the catalog changed
   * (the change log entry): the wait for Amazon is measured from there instead of from this call.
   */
  setDesired(trx: Knex.Transaction, listingId: number, desired: DesiredListing | null, options: SetDesiredOptions = {}): Promise<void> {
    return this.setDesiredMany(trx, [{ listingId, desired, changedAt: options.changedAt }]);
  }

  /**
   * `setDesired` for many listings in a handful of statements (one read, multi-row inserts, CASE updates —
   * on MariaDB every round trip counts): the same result as calling it for each entry in order.
   */
  async setDesiredMany(trx: Knex.Transaction, entries: readonly DesiredEntry[]): Promise<void> {
    if (!entries.length) return;
    const nowDate = this.clock.now();
    const now = toDbTime(nowDate);
    const ids = [...new Set(entries.map((e) => e.listingId))];
    const rows = new Map((await q.syncRows(trx, ids, true)).map((r) => [r.listingId, r as RowState]));
    const missing = ids.filter((id) => !rows.has(id));
    const stores = missing.length ? await q.listingStores(trx, missing) : new Map<number, number>();
    const inserts = new Map<number, Record<string, unknown>>();
    const updates = new Map<number, Record<string, unknown>>();
    for (const { listingId, desired, changedAt } of entries) {
      const hash = desiredHash(desired);
      const row = rows.get(listingId);
      if (!row) {
        const storeId = stores.get(listingId);
        if (storeId === undefined) throw notFound('listing', listingId);
        const dirtySince = changeTime(changedAt, nowDate);
        rows.set(listingId, { desiredHash: hash, acknowledgedHash: null, pending: true, dirtySince });
        inserts.set(listingId, {
          listing_id: listingId,
          store_id: storeId,
          desired: JSON.stringify(desired),
          desired_hash: hash,
          desired_at: now,
          pending: true,
          dirty_since: dirtySince,
          attempts: 0,
        });
        continue;
      }
      if (row.desiredHash === hash) continue;
      const dirty = hash !== row.acknowledgedHash;
      // Coalesced: the wait is measured from the first change Amazon has not seen yet.
      const dirtySince = row.pending && row.dirtySince ? row.dirtySince : changeTime(changedAt, nowDate);
      const patch = {
        desired: JSON.stringify(desired),
        desired_hash: hash,
        desired_at: now,
        pending: dirty,
        dirty_since: dirty ? dirtySince : null,
        // New data deserves a prompt try, whatever failed before.
        ...(dirty ? { next_attempt_at: null } : {}),
      };
      Object.assign(row, { desiredHash: hash, pending: dirty, dirtySince: patch.dirty_since });
      // A row first written in this batch is inserted with its last state.
      const target = inserts.get(listingId) ?? updates.get(listingId);
      if (target) Object.assign(target, inserts.has(listingId) ? { desired: patch.desired, desired_hash: hash } : patch);
      else updates.set(listingId, patch);
    }
    await q.insertSyncRows(trx, [...inserts.values()]);
    await updateSyncRows(
      trx,
      [...updates].map(([listingId, patch]) => ({ listingId, patch })),
    );
  }

  /** Sends the current desired state again (e.g. "Publish again" after Amazon refused it). */
  async requeue(trx: Knex.Transaction, listingIds: number[]): Promise<void> {
    const now = toDbTime(this.clock.now());
    for (const row of await q.syncRows(trx, listingIds, true)) {
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
    const stuckAfterMs = this.stuckAfterMs;
    const queue = await q.queueFigures(this.db, storeId, toDbTime(new Date(nowMs - stuckAfterMs)));
    const open = (await q.openSubmissionTimes(this.db, storeId)).map((s) => ({ method: s.method, at: dbTimeMs(s.createdAt) }));
    const stuckOpen = open.filter((s) => isStuck(s.at, nowMs, stuckAfterMs));
    const samples = (await q.latencies(this.db, storeId, toDbTime(new Date(nowMs - 3_600_000)))).sort((a, b) => a - b);
    const oldestMs = queue.oldest ? dbTimeMs(queue.oldest) : null;
    // The store became stuck when its oldest stuck thing crossed the threshold.
    const stuckStarts = [...(queue.stuck > 0 && oldestMs !== null ? [oldestMs] : []), ...stuckOpen.map((s) => s.at)];
    return {
      queueDepth: queue.depth,
      oldestPendingAt: fromDbTime(queue.oldest),
      oldestPendingAgeMs: oldestMs === null ? null : Math.max(0, nowMs - oldestMs),
      inFlightFeeds: open.filter((s) => s.method === 'feed').length,
      stuckFeeds: stuckOpen.length,
      stuckPending: queue.stuck,
      stuckAfterMs,
      stuckSince: stuckStarts.length ? new Date(Math.min(...stuckStarts) + stuckAfterMs).toISOString() : null,
      latencyP50Ms: percentile(samples, 50),
      latencyP95Ms: percentile(samples, 95),
      samples: samples.length,
    };
  }
}
