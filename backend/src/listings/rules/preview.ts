/**
 * Preview Changes: counts and paged lists of what saving a rule would do — Eligible products, New Listings
 * (eligible without a listing yet) and Ineligible (listings the rule drops, and selected products of a type
 * Amazon cannot take, with the reason). All counted by the database. Variation children follow their parent
 * and are not counted separately.
 */
import type { Knex } from 'knex';
import { LISTING_STATUS_LABELS, NEVER_ELIGIBLE_TYPES, type ListingStatus } from '../../../../schema/listings';
import { decimal } from '../../db/rows';
import { eligibleProducts, salableOf, selectedProducts, type EligibilityScope } from '../catalog-reads';

export type PreviewList = 'eligible' | 'new' | 'ineligible';

export interface PreviewItem {
  productId: number | null;
  sku: string;
  name: string | null;
  type: string | null;
  listingId: number | null;
  /** The catalog price (what a price condition tests). */
  price: number | null;
  /** The salable quantity in the website's stock (what a salable quantity condition tests); null for composite products. */
  quantity: number | null;
  reason: string | null;
  message: string | null;
}

/** Composite products hold no stock of their own: their quantity is their children's. */
const COMPOSITE = new Set(['configurable', 'bundle', 'grouped']);

/** Why an eligible product is in the list, in words: what saving the rule does with it. */
export function eligibleMessage(type: string, listingStatus: ListingStatus | null): string {
  if (listingStatus === 'ineligible')
    return 'Selected again: the Ineligible listing comes back (its quantity is sent again, or it goes back to matching)';
  if (listingStatus !== null) return `Already a listing (${LISTING_STATUS_LABELS[listingStatus]}); the rule keeps it`;
  if (type === 'configurable') return 'New listing: a variation parent, listed with its children once matched';
  return 'New listing: it goes to matching (Validating ASIN), then is listed';
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
  stockId: number | null,
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
      .select('p.id', 'p.sku', 'p.name', 'p.type', 'p.price', 'lx.id as listing_id', 'lx.status as listing_status');
    const quantities = await quantitiesOf(db, stockId, rows);
    return rows.map(
      (r: {
        id: number;
        sku: string;
        name: string;
        type: string;
        price: unknown;
        listing_id: number | null;
        listing_status: ListingStatus | null;
      }) => {
        const listed = r.listing_id !== null && r.listing_id !== undefined;
        return {
          productId: Number(r.id),
          sku: r.sku,
          name: r.name,
          type: r.type,
          listingId: listed ? Number(r.listing_id) : null,
          price: decimal(r.price),
          quantity: quantities(r),
          reason: listed ? (r.listing_status === 'ineligible' ? 'selected_again' : 'already_listed') : 'new_listing',
          message: eligibleMessage(r.type, listed ? r.listing_status : null),
        };
      },
    );
  }
  const items: PreviewItem[] = [];
  if (offset < droppedTotal) {
    const rows = await droppedListings(db, storeId, scope)
      .leftJoin('products as pr', 'pr.id', 'l.product_id')
      .orderBy('l.sku')
      .offset(offset)
      .limit(pageSize)
      .select('l.id', 'l.product_id', 'l.sku', 'pr.name', 'pr.type', 'pr.price', 'pr.sku as product_sku');
    const quantities = await quantitiesOf(
      db,
      stockId,
      rows.map((r: { product_sku: string | null; type: string | null }) => ({ sku: r.product_sku, type: r.type })),
    );
    for (const r of rows)
      items.push({
        productId: r.product_id === null ? null : Number(r.product_id),
        sku: r.sku,
        name: r.name ?? null,
        type: r.type ?? null,
        listingId: Number(r.id),
        price: decimal(r.price),
        quantity: quantities({ sku: r.product_sku, type: r.type }),
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
      .select('p.id', 'p.sku', 'p.name', 'p.type', 'p.price');
    for (const r of rows)
      items.push({
        productId: Number(r.id),
        sku: r.sku,
        name: r.name,
        type: r.type,
        listingId: null,
        price: decimal(r.price),
        // Bundles, grouped products and the like are never listed: their quantity is beside the point.
        quantity: null,
        reason: `type_${r.type}`,
        message: typeReason(r.type),
      });
  }
  return items;
}

/** The salable quantity of a page's products in the website's stock (one query for the page), by row. */
async function quantitiesOf(
  db: Knex,
  stockId: number | null,
  rows: readonly { sku: string | null; type: string | null }[],
): Promise<(row: { sku: string | null; type: string | null }) => number | null> {
  const skus = rows.filter((r) => r.sku && !COMPOSITE.has(r.type ?? '')).map((r) => r.sku!);
  const salable = stockId !== null && skus.length ? await salableOf(db, skus, stockId) : new Map();
  return (row) => (row.sku && !COMPOSITE.has(row.type ?? '') ? (salable.get(row.sku)?.salableQty ?? 0) : null);
}
