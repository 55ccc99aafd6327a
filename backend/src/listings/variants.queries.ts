/**
 * Variants removed by hand (`listing_variant_exclusions`): small knex functions taking a knex or a transaction.
 * Rule application reads `handRemovedVariants` so that it neither creates nor revives these children.
 */
import type { Knex } from 'knex';
import { chunk } from '../db/rows';
import { fromDbTime, toDbTime } from '../db/time';

/** Whether a child product was removed by hand from a parent listing. */
export type HandRemoved = (parentListingId: number, productId: number) => boolean;

const key = (parentListingId: number, productId: number) => `${parentListingId}:${productId}`;

/** Every variant removed by hand in a store, as a predicate (one query, whatever the number of families). */
export async function handRemovedVariants(db: Knex, storeId: number): Promise<HandRemoved> {
  const rows = (await db('listing_variant_exclusions').where('store_id', storeId).select('parent_listing_id', 'product_id')) as {
    parent_listing_id: number;
    product_id: number;
  }[];
  const keys = new Set(rows.map((r) => key(Number(r.parent_listing_id), Number(r.product_id))));
  return (parentListingId, productId) => keys.has(key(parentListingId, productId));
}

export interface Exclusion {
  productId: number;
  removedBy: string | null;
  removedAt: string;
}

/** The variants removed by hand from one parent listing, by product id. */
export async function exclusionsOf(db: Knex, parentListingId: number): Promise<Map<number, Exclusion>> {
  const rows = (await db('listing_variant_exclusions').where('parent_listing_id', parentListingId)) as Record<string, unknown>[];
  return new Map(
    rows.map((r) => [
      Number(r.product_id),
      { productId: Number(r.product_id), removedBy: (r.removed_by as string | null) ?? null, removedAt: fromDbTime(String(r.removed_at))! },
    ]),
  );
}

export async function addExclusions(
  db: Knex,
  storeId: number,
  parentListingId: number,
  productIds: readonly number[],
  removedBy: string | null,
): Promise<void> {
  const at = toDbTime();
  for (const part of chunk([...new Set(productIds)], 500))
    await db('listing_variant_exclusions').insert(
      part.map((productId) => ({
        store_id: storeId,
        parent_listing_id: parentListingId,
        product_id: productId,
        removed_by: removedBy,
        removed_at: at,
      })),
    );
}

export async function removeExclusions(db: Knex, parentListingId: number, productIds: readonly number[]): Promise<void> {
  for (const part of chunk([...new Set(productIds)], 1000))
    await db('listing_variant_exclusions').where('parent_listing_id', parentListingId).whereIn('product_id', part).del();
}

/** Listings (id, parent) holding these seller SKUs in a store: a new child must not take a SKU in use. */
export async function sellerSkuOwners(
  db: Knex,
  storeId: number,
  sellerSkus: readonly string[],
): Promise<Map<string, { id: number; parentListingId: number | null }>> {
  const out = new Map<string, { id: number; parentListingId: number | null }>();
  for (const part of chunk([...new Set(sellerSkus)], 1000)) {
    const rows = await db('listings')
      .where('store_id', storeId)
      .whereIn('seller_sku', part)
      .select('id', 'seller_sku', 'parent_listing_id');
    for (const r of rows)
      out.set(String(r.seller_sku), {
        id: Number(r.id),
        parentListingId: r.parent_listing_id === null ? null : Number(r.parent_listing_id),
      });
  }
  return out;
}
