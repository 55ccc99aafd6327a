/**
 * Small knex functions over the sync engine's tables (listing_sync, listing_sync_submissions,
 * listing_sync_items). Each takes a knex or a transaction; times are DB time text (db/time.ts).
 */
import type { Knex } from 'knex';
import { bool, chunk, json } from '../../db/rows';
import type { DesiredListing } from './types';
import type { SubmissionState } from './policy';
import type { SyncOperation } from './mapping';

export interface SyncRow {
  listingId: number;
  storeId: number;
  desired: DesiredListing | null;
  desiredHash: string;
  desiredAt: string;
  acknowledged: DesiredListing | null;
  acknowledgedHash: string | null;
  pending: boolean;
  dirtySince: string | null;
  inFlightSubmissionId: number | null;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  failedHash: string | null;
  lastSubmittedAt: string | null;
  lastAcknowledgedAt: string | null;
}

type DbRow = Record<string, unknown>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

export function toSyncRow(r: DbRow): SyncRow {
  return {
    listingId: Number(r.listing_id),
    storeId: Number(r.store_id),
    desired: json<DesiredListing | null>(r.desired, null),
    desiredHash: String(r.desired_hash),
    desiredAt: String(r.desired_at),
    acknowledged: json<DesiredListing | null>(r.acknowledged, null),
    acknowledgedHash: str(r.acknowledged_hash),
    pending: bool(r.pending),
    dirtySince: str(r.dirty_since),
    inFlightSubmissionId: num(r.in_flight_submission_id),
    attempts: Number(r.attempts ?? 0),
    nextAttemptAt: str(r.next_attempt_at),
    lastError: str(r.last_error),
    failedHash: str(r.failed_hash),
    lastSubmittedAt: str(r.last_submitted_at),
    lastAcknowledgedAt: str(r.last_acknowledged_at),
  };
}

/**
 * `forUpdate`: lock the rows until the transaction ends (MySQL/MariaDB; SQLite runs one writer at a time anyway).
 * Every read whose result decides a written `pending` takes the lock — the change consumer setting a desired state
 * and the worker acknowledging one — or one of them would write `pending` from the other's stale row (a desired
 * state changed back to the acknowledged one while a newer one was in flight was left unsent).
 */
export async function syncRows(db: Knex, listingIds: readonly number[], forUpdate = false): Promise<SyncRow[]> {
  const out: SyncRow[] = [];
  for (const ids of chunk(
    [...listingIds].sort((a, b) => a - b),
    500,
  )) {
    const q = db('listing_sync').whereIn('listing_id', ids).orderBy('listing_id');
    if (forUpdate) q.forUpdate();
    const rows = (await q) as DbRow[];
    out.push(...rows.map(toSyncRow));
  }
  return out;
}

/** The store of each listing that exists (setDesired's first write for a listing needs it). */
export async function listingStores(db: Knex, listingIds: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const ids of chunk(listingIds, 500))
    for (const r of (await db('listings').whereIn('id', ids).select('id', 'store_id')) as DbRow[])
      out.set(Number(r.id), Number(r.store_id));
  return out;
}

/** Multi-row inserts (a consumer page's new sync rows in a few statements). */
export async function insertSyncRows(db: Knex, rows: DbRow[]): Promise<void> {
  for (const part of chunk(rows, 200)) await db('listing_sync').insert(part);
}

export async function updateSyncRow(db: Knex, listingId: number, patch: DbRow): Promise<void> {
  await db('listing_sync').where({ listing_id: listingId }).update(patch);
}

export interface DueRow extends SyncRow {
  sellerSku: string;
}

/** Dirty listings of a store ready to go: pending, not in flight, past their backoff; oldest change first. */
export async function dueListings(db: Knex, storeId: number, now: string, limit: number): Promise<DueRow[]> {
  const rows = (await db('listing_sync as s')
    .join('listings as l', 'l.id', 's.listing_id')
    .where('s.store_id', storeId)
    .where('s.pending', true)
    .whereNull('s.in_flight_submission_id')
    .where((w) => w.whereNull('s.next_attempt_at').orWhere('s.next_attempt_at', '<=', now))
    .orderBy([{ column: 's.dirty_since' }, { column: 's.listing_id' }])
    .limit(limit)
    .select('s.*', 'l.seller_sku')) as DbRow[];
  return rows.map((r) => ({ ...toSyncRow(r), sellerSku: String(r.seller_sku) }));
}

// ---- Submissions ----

export interface SubmissionRow {
  id: number;
  storeId: number;
  method: 'feed' | 'api';
  status: SubmissionState;
  feedId: string | null;
  processingStatus: string | null;
  itemCount: number;
  createdAt: string;
  submittedAt: string | null;
  nextPollAt: string | null;
  polls: number;
}

const toSubmission = (r: DbRow): SubmissionRow => ({
  id: Number(r.id),
  storeId: Number(r.store_id),
  method: r.method as SubmissionRow['method'],
  status: r.status as SubmissionState,
  feedId: str(r.feed_id),
  processingStatus: str(r.processing_status),
  itemCount: Number(r.item_count),
  createdAt: String(r.created_at),
  submittedAt: str(r.submitted_at),
  nextPollAt: str(r.next_poll_at),
  polls: Number(r.polls ?? 0),
});

export async function insertSubmission(
  db: Knex,
  row: { storeId: number; method: 'feed' | 'api'; itemCount: number; createdAt: string },
): Promise<number> {
  const [id] = await db('listing_sync_submissions').insert({
    store_id: row.storeId,
    method: row.method,
    status: 'preparing',
    item_count: row.itemCount,
    created_at: row.createdAt,
    polls: 0,
  });
  return Number(id);
}

export async function updateSubmission(db: Knex, id: number, patch: DbRow): Promise<void> {
  await db('listing_sync_submissions').where({ id }).update(patch);
}

export async function openSubmissions(db: Knex, storeId: number): Promise<SubmissionRow[]> {
  const rows = (await db('listing_sync_submissions')
    .where({ store_id: storeId })
    .whereIn('status', ['preparing', 'submitted'])
    .orderBy('id')) as DbRow[];
  return rows.map(toSubmission);
}

export async function knownFeedIds(db: Knex, storeId: number): Promise<Set<string>> {
  const rows = (await db('listing_sync_submissions').where({ store_id: storeId }).whereNotNull('feed_id').select('feed_id')) as DbRow[];
  return new Set(rows.map((r) => String(r.feed_id)));
}

// ---- Items ----

export interface ItemRow {
  submissionId: number;
  messageId: number;
  listingId: number;
  sellerSku: string;
  operation: SyncOperation;
  desired: DesiredListing | null;
  desiredHash: string;
  dirtySince: string | null;
  outcome: string | null;
}

export async function insertItems(db: Knex, items: ItemRow[]): Promise<void> {
  for (const part of chunk(items, 300)) {
    await db('listing_sync_items').insert(
      part.map((i) => ({
        submission_id: i.submissionId,
        message_id: i.messageId,
        listing_id: i.listingId,
        seller_sku: i.sellerSku,
        operation: i.operation,
        desired: JSON.stringify(i.desired),
        desired_hash: i.desiredHash,
        dirty_since: i.dirtySince,
      })),
    );
  }
}

export async function markInFlight(db: Knex, submissionId: number, listingIds: number[]): Promise<void> {
  for (const ids of chunk(listingIds, 500)) {
    await db('listing_sync').whereIn('listing_id', ids).update({ in_flight_submission_id: submissionId });
  }
}

export async function openItems(db: Knex, submissionId: number): Promise<ItemRow[]> {
  const rows = (await db('listing_sync_items')
    .where({ submission_id: submissionId })
    .whereNull('outcome')
    .orderBy('message_id')) as DbRow[];
  return rows.map((r) => ({
    submissionId: Number(r.submission_id),
    messageId: Number(r.message_id),
    listingId: Number(r.listing_id),
    sellerSku: String(r.seller_sku),
    operation: r.operation as SyncOperation,
    desired: json<DesiredListing | null>(r.desired, null),
    desiredHash: String(r.desired_hash),
    dirtySince: str(r.dirty_since),
    outcome: null,
  }));
}

export async function closeItem(
  db: Knex,
  item: Pick<ItemRow, 'submissionId' | 'messageId'>,
  patch: { outcome: string; acknowledged_at?: string; latency_ms?: number | null },
): Promise<void> {
  await db('listing_sync_items').where({ submission_id: item.submissionId, message_id: item.messageId }).update(patch);
}

export async function stampSubmitted(db: Knex, listingIds: number[], at: string): Promise<void> {
  for (const ids of chunk(listingIds, 500)) await db('listing_sync').whereIn('listing_id', ids).update({ last_submitted_at: at });
}

// ---- Health ----

/** The store's queue: how many listings wait, the oldest change, and how many changed before `stuckBefore`. */
export async function queueFigures(
  db: Knex,
  storeId: number,
  stuckBefore: string,
): Promise<{ depth: number; oldest: string | null; stuck: number }> {
  const pending = () => db('listing_sync').where({ store_id: storeId, pending: true });
  const r = (await pending().count({ n: '*' }).min({ oldest: 'dirty_since' }).first()) as DbRow | undefined;
  const s = (await pending().where('dirty_since', '<', stuckBefore).count({ n: '*' }).first()) as DbRow | undefined;
  return { depth: Number(r?.n ?? 0), oldest: str(r?.oldest), stuck: Number(s?.n ?? 0) };
}

/** Open submissions of a store (feeds and direct batches) with the time each was created. */
export async function openSubmissionTimes(db: Knex, storeId: number): Promise<{ method: 'feed' | 'api'; createdAt: string }[]> {
  const rows = (await db('listing_sync_submissions')
    .where({ store_id: storeId })
    .whereIn('status', ['preparing', 'submitted'])
    .select('method', 'created_at')) as DbRow[];
  return rows.map((r) => ({ method: r.method as 'feed' | 'api', createdAt: String(r.created_at) }));
}

export async function latencies(db: Knex, storeId: number, since: string): Promise<number[]> {
  const rows = (await db('listing_sync_items as i')
    .join('listing_sync_submissions as s', 's.id', 'i.submission_id')
    .where('s.store_id', storeId)
    .where('i.acknowledged_at', '>=', since)
    .whereNotNull('i.latency_ms')
    .select('i.latency_ms')) as DbRow[];
  return rows.map((r) => Number(r.latency_ms));
}

// ---- Stuck episodes (one alert each) ----

/** Stores with an open stuck episode, and when each started. */
export async function openEpisodes(db: Knex): Promise<Map<number, string>> {
  const rows = (await db('listing_sync_stuck_episodes').select('store_id', 'started_at')) as DbRow[];
  return new Map(rows.map((r) => [Number(r.store_id), String(r.started_at)]));
}

/** Opens the store's episode (the primary key keeps it to one open episode per store). */
export async function openEpisode(db: Knex, storeId: number, startedAt: string, now: string): Promise<void> {
  await db('listing_sync_stuck_episodes').insert({ store_id: storeId, started_at: startedAt, notified_at: now });
}

export async function closeEpisode(db: Knex, storeId: number): Promise<void> {
  await db('listing_sync_stuck_episodes').where({ store_id: storeId }).delete();
}
