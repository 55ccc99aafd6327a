/** Every store's listings by status and when its rule was saved: two grouped reads for the admin's landing dashboard. */
import type { Knex } from 'knex';
import { LISTING_STATUSES, type ListingStatus } from '../../../schema/listings';
import { fromDbTime } from '../db/time';

export interface StoreListingsOverview {
  storeId: number;
  ruleSavedAt: string | null;
  statuses: Record<ListingStatus, number>;
}

const noListings = () => Object.fromEntries(LISTING_STATUSES.map((s) => [s, 0])) as Record<ListingStatus, number>;

/** Stores with a saved rule or any listing, by id; a store with neither is left out. */
export async function listingsOverview(db: Knex): Promise<StoreListingsOverview[]> {
  const byStore = new Map<number, StoreListingsOverview>();
  const entry = (storeId: number) => {
    let e = byStore.get(storeId);
    if (!e) byStore.set(storeId, (e = { storeId, ruleSavedAt: null, statuses: noListings() }));
    return e;
  };
  const grouped = (await db('listings').groupBy('store_id', 'status').select('store_id', 'status').count({ n: '*' })) as {
    store_id: number | string;
    status: string;
    n: number | string;
  }[];
  for (const r of grouped) {
    // A status this build does not know (a newer migration) is not counted rather than breaking the response schema.
    if ((LISTING_STATUSES as readonly string[]).includes(r.status))
      entry(Number(r.store_id)).statuses[r.status as ListingStatus] = Number(r.n);
  }
  for (const r of (await db('listing_rules').select('store_id', 'updated_at')) as {
    store_id: number | string;
    updated_at: string | null;
  }[]) {
    entry(Number(r.store_id)).ruleSavedAt = fromDbTime(r.updated_at);
  }
  return [...byStore.values()].sort((a, b) => a.storeId - b.storeId);
}
