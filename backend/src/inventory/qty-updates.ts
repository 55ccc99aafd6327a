/**
 * "Update quantity" requests and the derived "Pending Qty Update" flag. An admin's Update quantity pushes a
 * listing's quantity again even when nothing changed (e.g. after drift); the request is remembered in
 * `listing_qty_updates` until Amazon answers the listing (the sync engine's outcome, handled here), because
 * a requeued listing's desired and acknowledged quantities are equal and cannot tell that a push is on its way.
 */
import type { Knex } from 'knex';
import { chunk } from '../db/rows';
import { fromDbTime, toDbTime } from '../db/time';
import type { ListingSyncState, SyncOutcome } from '../listings/sync-contract';

export async function recordQtyUpdate(trx: Knex, storeId: number, listingId: number, at: Date): Promise<void> {
  await trx('listing_qty_updates').where('listing_id', listingId).delete();
  await trx('listing_qty_updates').insert({ listing_id: listingId, store_id: storeId, requested_at: toDbTime(at) });
}

/** When each listing's open Update quantity request was made (ISO), for a page of listings: one query. */
export async function openQtyUpdates(db: Knex, listingIds: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const part of chunk([...new Set(listingIds)], 1000))
    for (const r of await db('listing_qty_updates').whereIn('listing_id', part).select('listing_id', 'requested_at'))
      out.set(Number(r.listing_id), fromDbTime(String(r.requested_at))!);
  return out;
}

/**
 * Amazon answered (accepted or refused) these listings: their requests are settled. An answer to a submission
 * that was in flight when the request came settles it too: the engine does not send the same desired state
 * twice, so that submission carried what the request asked for (a newer quantity keeps the listing pending
 * through the desired ≠ acknowledged test below).
 */
export async function settleQtyUpdates(trx: Knex, outcomes: readonly SyncOutcome[]): Promise<void> {
  const answered = outcomes.filter((o) => o.kind !== 'deleted').map((o) => o.listingId);
  for (const part of chunk(answered, 500)) await trx('listing_qty_updates').whereIn('listing_id', part).delete();
}

/**
 * Pending Qty Update: the sync engine holds a change that moves the quantity (desired ≠ acknowledged, not
 * yet answered), or an Update quantity request is open. No sync state (nothing ever sent): false.
 */
export function pendingQtyUpdate(state: ListingSyncState | null | undefined, requestOpen: boolean): boolean {
  if (!state) return false;
  if (requestOpen) return true;
  const desired = state.desired?.quantity ?? null;
  if (!state.pending || desired === null) return false;
  return desired !== (state.acknowledged?.quantity ?? null);
}
