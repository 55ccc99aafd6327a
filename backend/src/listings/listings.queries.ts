/** The listings table (with this domain's columns) and the activity log: small knex functions taking a knex or a transaction. */
import type { Knex } from 'knex';
import type { ListingStatus } from '../../../schema/listings';
import { bool, chunk, decimal, json } from '../db/rows';
import { fromDbTime, toDbTime } from '../db/time';

export interface Candidate {
  asin: string;
  title: string | null;
  brand: string | null;
  productType: string | null;
}

export interface StoredIssue {
  code: string;
  message: string;
  severity: string;
  attributeNames?: string[];
}

export interface ListingRow {
  id: number;
  storeId: number;
  productId: number | null;
  sku: string;
  sellerSku: string;
  asin: string | null;
  parentListingId: number | null;
  status: ListingStatus;
  statusReason: string | null;
  amazonProductType: string | null;
  candidates: Candidate[];
  issues: StoredIssue[];
  amazonStatus: string[];
  isParent: boolean;
  variationTheme: string | null;
  linkedFromAmazon: boolean;
  publishedAt: string | null;
  overridePrice: string | null;
  overrideHandlingTime: number | null;
  overrideCondition: string | null;
  overrideConditionNote: string | null;
  hasOverrides: boolean;
  manualQty: number | null;
  desiredQty: number | null;
  desiredPrice: string | null;
  createdAt: string;
  updatedAt: string;
}

const money = (v: unknown) => (v === null || v === undefined ? null : (decimal(v) ?? 0).toFixed(2));
const intOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function toListing(r: Record<string, unknown>): ListingRow {
  return {
    id: Number(r.id),
    storeId: Number(r.store_id),
    productId: intOrNull(r.product_id),
    sku: String(r.sku),
    sellerSku: String(r.seller_sku),
    asin: (r.asin as string | null) ?? null,
    parentListingId: intOrNull(r.parent_listing_id),
    status: r.status as ListingStatus,
    statusReason: (r.status_reason as string | null) ?? null,
    amazonProductType: (r.amazon_product_type as string | null) ?? null,
    candidates: json<Candidate[]>(r.match_candidates, []),
    issues: json<StoredIssue[]>(r.issues, []),
    amazonStatus: json<string[]>(r.amazon_status, []),
    isParent: bool(r.is_parent),
    variationTheme: (r.variation_theme as string | null) ?? null,
    linkedFromAmazon: bool(r.linked_from_amazon),
    publishedAt: (r.published_at as string | null) ?? null,
    overridePrice: money(r.override_price),
    overrideHandlingTime: intOrNull(r.override_handling_time),
    overrideCondition: (r.override_condition as string | null) ?? null,
    overrideConditionNote: (r.override_condition_note as string | null) ?? null,
    hasOverrides: bool(r.has_overrides),
    manualQty: intOrNull(r.manual_qty),
    desiredQty: intOrNull(r.desired_qty),
    desiredPrice: money(r.desired_price),
    createdAt: fromDbTime(r.created_at as string)!,
    updatedAt: fromDbTime(r.updated_at as string)!,
  };
}

export async function listingsByIds(db: Knex, ids: readonly number[], forUpdate = false): Promise<ListingRow[]> {
  const out: ListingRow[] = [];
  for (const part of chunk([...new Set(ids)], 1000)) {
    const q = db('listings').whereIn('id', part).orderBy('id');
    if (forUpdate) q.forUpdate();
    out.push(...(await q).map(toListing));
  }
  return out;
}

export async function listingById(db: Knex, id: number, forUpdate = false): Promise<ListingRow | null> {
  const [row] = await listingsByIds(db, [id], forUpdate);
  return row ?? null;
}

export async function listingsOfStore(
  db: Knex,
  storeId: number,
  filter: { statuses?: readonly string[]; productIds?: readonly number[]; parentListingIds?: readonly number[] } = {},
): Promise<ListingRow[]> {
  const out: ListingRow[] = [];
  const column = filter.productIds ? 'product_id' : 'parent_listing_id';
  const ids = filter.productIds ?? filter.parentListingIds;
  if (ids && !ids.length) return out;
  const parts = ids ? chunk([...new Set(ids)], 1000) : [undefined];
  for (const part of parts) {
    const q = db('listings').where('store_id', storeId).orderBy('id');
    if (filter.statuses) q.whereIn('status', filter.statuses);
    if (part) q.whereIn(column, part);
    out.push(...(await q).map(toListing));
  }
  return out;
}

/** Listings of any store whose catalog sku is one of `skus` (the change log's consumer). */
export async function listingIdsBySku(db: Knex, skus: readonly string[]): Promise<number[]> {
  const out: number[] = [];
  for (const part of chunk([...new Set(skus)], 1000)) out.push(...(await db('listings').whereIn('sku', part).pluck('id')).map(Number));
  return out;
}

export interface NewListing {
  storeId: number;
  productId: number;
  sku: string;
  sellerSku: string;
  status: ListingStatus;
  parentListingId?: number | null;
  isParent?: boolean;
  variationTheme?: string | null;
  asin?: string | null;
  linkedFromAmazon?: boolean;
  publishedAt?: string | null;
}

/** Inserts and returns the new ids by seller SKU (multi-row inserts do not return every id on MySQL). */
export async function insertListings(db: Knex, rows: readonly NewListing[]): Promise<Map<string, number>> {
  const now = toDbTime();
  const out = new Map<string, number>();
  for (const part of chunk(rows, 500)) {
    await db('listings').insert(
      part.map((r) => ({
        store_id: r.storeId,
        product_id: r.productId,
        sku: r.sku,
        seller_sku: r.sellerSku,
        asin: r.asin ?? null,
        parent_listing_id: r.parentListingId ?? null,
        status: r.status,
        is_parent: r.isParent ? 1 : 0,
        variation_theme: r.variationTheme ?? null,
        linked_from_amazon: r.linkedFromAmazon ? 1 : 0,
        published_at: r.publishedAt ?? null,
        created_at: now,
        updated_at: now,
      })),
    );
    const storeId = part[0]!.storeId;
    const ids = await db('listings')
      .where('store_id', storeId)
      .whereIn(
        'seller_sku',
        part.map((r) => r.sellerSku),
      )
      .select('id', 'seller_sku');
    for (const r of ids) out.set(r.seller_sku, Number(r.id));
  }
  return out;
}

export type ListingColumns = Record<string, string | number | null>;

export async function updateListings(db: Knex, ids: readonly number[], columns: ListingColumns): Promise<void> {
  for (const part of chunk([...new Set(ids)], 1000)) {
    await db('listings')
      .whereIn('id', part)
      .update({ ...columns, updated_at: toDbTime() });
  }
}

export async function deleteListings(db: Knex, ids: readonly number[]): Promise<void> {
  for (const part of chunk([...new Set(ids)], 1000)) await db('listings').whereIn('id', part).del();
}

export async function sellerSkusTaken(db: Knex, storeId: number, sellerSkus: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunk([...new Set(sellerSkus)], 1000))
    for (const s of await db('listings').where('store_id', storeId).whereIn('seller_sku', part).pluck('seller_sku')) out.add(String(s));
  return out;
}
