/**
 * Preview Changes: counts and paged lists of what saving a rule would do — Eligible products, New Listings
 * (eligible without a listing yet) and Ineligible (listings the rule drops, and selected products of a type
 * Amazon cannot take, with the reason). All counted by the database. Variation children follow their parent
 * and are not counted separately.
 */
import type { Knex } from 'knex';
import { NEVER_ELIGIBLE_TYPES } from '../../../../schema/listings';
import { eligibleProducts, selectedProducts, type EligibilityScope } from '../catalog-reads';

export type PreviewList = 'eligible' | 'new' | 'ineligible';

export interface PreviewItem {
  productId: number | null;
  sku: string;
  name: string | null;
  type: string | null;
  listingId: number | null;
  reason: string | null;
  message: string | null;
}

const TYPE_REASONS: Record<string, string> = {
  bundle: 'Bundle products cannot be offered on Amazon as one item; list the products it is made of.',
  grouped: 'Grouped products are a set of separate products; list each of them instead.',
  giftcard: 'Gift cards cannot be sold through Amazon offers.',
  downloadable: 'Downloadable products are not physical goods Amazon can take as an offer.',
  virtual: 'Virtual products have nothing to ship; Amazon offers need a physical item.',
};
export const typeReason = (type: string) => TYPE_REASONS[type] ?? `${type} products cannot be listed on Amazon.`;

/** Managed top-level listings of the store the rule no longer selects. */
export function droppedListings(db: Knex, storeId: number, scope: EligibilityScope): Knex.QueryBuilder {
  return db('listings as l')
    .where('l.store_id', storeId)
    .whereNull('l.parent_listing_id')
    .where('l.linked_from_amazon', 0)
    .whereNotIn('l.status', ['ineligible', 'deleting'])
    .whereNotExists(eligibleProducts(db, scope).select(db.raw('1')).whereRaw('p.id = l.product_id'));
}

function newListings(db: Knex, storeId: number, scope: EligibilityScope): Knex.QueryBuilder {
  return eligibleProducts(db, scope).whereNotExists(
    db('listings as l').select(db.raw('1')).whereRaw('l.product_id = p.id').andWhere('l.store_id', storeId),
  );
}

const count = async (q: Knex.QueryBuilder) => Number((await q.clearSelect().count({ n: '*' }).first())?.n ?? 0);

export async function previewCounts(db: Knex, storeId: number, scope: EligibilityScope) {
  // Eligible and New in one pass over the rule (the rule is the expensive part).
  const both = await eligibleProducts(db, scope)
    .select(
      db.raw('COUNT(*) as eligible'),
      db.raw('SUM(CASE WHEN EXISTS (SELECT 1 FROM listings l WHERE l.product_id = p.id AND l.store_id = ?) THEN 0 ELSE 1 END) as fresh', [
        storeId,
      ]),
    )
    .first();
  const [dropped, refused] = await Promise.all([
    count(droppedListings(db, storeId, scope)),
    count(selectedProducts(db, scope).whereIn('p.type', NEVER_ELIGIBLE_TYPES)),
  ]);
  return { eligible: Number(both?.eligible ?? 0), newListings: Number(both?.fresh ?? 0), ineligible: dropped + refused, dropped };
}

export async function previewPage(
  db: Knex,
  storeId: number,
  scope: EligibilityScope,
  list: PreviewList,
  page: number,
  pageSize: number,
  droppedTotal: number,
): Promise<PreviewItem[]> {
  const offset = (page - 1) * pageSize;
  if (list !== 'ineligible') {
    const base = list === 'new' ? newListings(db, storeId, scope) : eligibleProducts(db, scope);
    const rows = await base
      .leftJoin('listings as lx', function () {
        this.on('lx.product_id', '=', 'p.id').andOn('lx.store_id', '=', db.raw('?', [storeId]));
      })
      .orderBy('p.sku')
      .offset(offset)
      .limit(pageSize)
      .select('p.id', 'p.sku', 'p.name', 'p.type', 'lx.id as listing_id');
    return rows.map((r: { id: number; sku: string; name: string; type: string; listing_id: number | null }) => ({
      productId: Number(r.id),
      sku: r.sku,
      name: r.name,
      type: r.type,
      listingId: r.listing_id === null || r.listing_id === undefined ? null : Number(r.listing_id),
      reason: null,
      message: r.type === 'configurable' ? 'Listed as a variation parent with its children' : null,
    }));
  }
  const items: PreviewItem[] = [];
  if (offset < droppedTotal) {
    const rows = await droppedListings(db, storeId, scope)
      .leftJoin('products as pr', 'pr.id', 'l.product_id')
      .orderBy('l.sku')
      .offset(offset)
      .limit(pageSize)
      .select('l.id', 'l.product_id', 'l.sku', 'pr.name', 'pr.type');
    for (const r of rows)
      items.push({
        productId: r.product_id === null ? null : Number(r.product_id),
        sku: r.sku,
        name: r.name ?? null,
        type: r.type ?? null,
        listingId: Number(r.id),
        reason: 'no_longer_matches',
        message: 'No longer selected by the rule: quantity 0 on Amazon, shown as Ineligible (the listing is kept)',
      });
  }
  if (items.length < pageSize) {
    const rows = await selectedProducts(db, scope)
      .whereIn('p.type', NEVER_ELIGIBLE_TYPES)
      .orderBy('p.sku')
      .offset(Math.max(0, offset - droppedTotal))
      .limit(pageSize - items.length)
      .select('p.id', 'p.sku', 'p.name', 'p.type');
    for (const r of rows)
      items.push({
        productId: Number(r.id),
        sku: r.sku,
        name: r.name,
        type: r.type,
        listingId: null,
        reason: `type_${r.type}`,
        message: typeReason(r.type),
      });
  }
  return items;
}
