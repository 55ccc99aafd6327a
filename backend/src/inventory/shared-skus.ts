/**
 * Shared SKUs: stores of one seller in one region that list the same seller SKU share one Amazon quantity,
 * so they must agree on one desired value (no tug of war). The leader is the offering listing of that seller
 * SKU in the lowest store id among those stores; the others take the leader's computed quantity.
 *
 * STOPGAP reads (trx-safe, read-only): `amazon_stores` (seller, marketplace, website), `stock_websites`, and
 * `listings` by seller SKU — `app.stores` / `app.listings` cannot be called inside the caller's transaction
 * (SQLite has one connection). Move behind those decorators when they offer transaction-aware reads.
 */
import type { Knex } from 'knex';
import { OFFER_STATUSES } from '../listings/lifecycle';
import { toListing, type ListingRow } from '../listings/listings.queries';
import { MARKETPLACES } from '../stores/marketplaces';
import { chunk } from '../db/rows';

const regionOf = (marketplaceId: string) => MARKETPLACES.find((m) => m.marketplaceId === marketplaceId)?.region ?? null;

export interface SiblingStore {
  storeId: number;
  websiteId: number;
  sellerId: string;
  marketplaceId: string;
}

/** Other stores connected to the same seller in the same region as `storeId` (none when not connected). */
export async function siblingStores(db: Knex, storeId: number): Promise<SiblingStore[]> {
  const me = await db('amazon_stores').where('id', storeId).first('seller_id', 'marketplace_id');
  if (!me?.seller_id) return [];
  const region = regionOf(String(me.marketplace_id));
  const rows = await db('amazon_stores')
    .where('seller_id', me.seller_id)
    .whereNot('id', storeId)
    .orderBy('id')
    .select('id', 'website_id', 'seller_id', 'marketplace_id');
  return rows
    .filter((r) => region !== null && regionOf(String(r.marketplace_id)) === region)
    .map((r) => ({
      storeId: Number(r.id),
      websiteId: Number(r.website_id),
      sellerId: String(r.seller_id),
      marketplaceId: String(r.marketplace_id),
    }));
}

export async function stockOfWebsite(db: Knex, websiteId: number): Promise<number | null> {
  const row = await db('stock_websites').where('website_id', websiteId).first('stock_id');
  return row ? Number(row.stock_id) : null;
}

/** Listings of these stores holding these seller SKUs, in offer statuses, lowest store first. */
export async function offeringListings(db: Knex, storeIds: readonly number[], sellerSkus: readonly string[]): Promise<ListingRow[]> {
  const out: ListingRow[] = [];
  if (!storeIds.length || !sellerSkus.length) return out;
  for (const part of chunk([...new Set(sellerSkus)], 1000)) {
    const rows = await db('listings')
      .whereIn('store_id', [...storeIds])
      .whereIn('seller_sku', part)
      .whereIn('status', OFFER_STATUSES)
      .orderBy(['store_id', 'id']);
    out.push(...rows.map(toListing));
  }
  return out;
}

/**
 * For the listings of `storeId`: the leader listing of each seller SKU shared with a sibling store of a lower
 * id (absent: this store leads, or the SKU is not shared).
 */
export async function leadersFor(
  db: Knex,
  storeId: number,
  sellerSkus: readonly string[],
): Promise<{ leaders: Map<string, ListingRow>; stores: Map<number, SiblingStore> }> {
  const siblings = (await siblingStores(db, storeId)).filter((s) => s.storeId < storeId);
  const leaders = new Map<string, ListingRow>();
  for (const l of await offeringListings(
    db,
    siblings.map((s) => s.storeId),
    sellerSkus,
  ))
    // A listing being ended offers 0 of its own accord: it does not lead the shared quantity.
    if (!leaders.has(l.sellerSku) && l.status !== 'ending_in_progress') leaders.set(l.sellerSku, l);
  return { leaders, stores: new Map(siblings.map((s) => [s.storeId, s])) };
}
