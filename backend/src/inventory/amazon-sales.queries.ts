/**
 * Amazon sales (`amazon_sales`, `amazon_sales_cursors`, migration 20261125000400): small knex functions taking
 * a knex or a transaction. One row per order item; the unique key (store_id, order_item_id) is what makes a
 * sale count once however often a poll sees it.
 */
import type { Knex } from 'knex';
import { chunk } from '../db/rows';
import { fromDbTime, toDbTime } from '../db/time';

export interface AmazonSale {
  id: number;
  storeId: number;
  amazonOrderId: string;
  orderItemId: string;
  sellerSku: string;
  quantity: number;
  orderStatus: string;
  purchasedAt: string;
  canceledAt: string | null;
  appliedListingId: number | null;
  appliedQty: number;
}

export interface NewSale {
  storeId: number;
  amazonOrderId: string;
  orderItemId: string;
  sellerSku: string;
  quantity: number;
  orderStatus: string;
  purchasedAt: Date;
  canceled: boolean;
}

const toSale = (r: Record<string, unknown>): AmazonSale => ({
  id: Number(r.id),
  storeId: Number(r.store_id),
  amazonOrderId: String(r.amazon_order_id),
  orderItemId: String(r.order_item_id),
  sellerSku: String(r.seller_sku),
  quantity: Number(r.quantity),
  orderStatus: String(r.order_status),
  purchasedAt: fromDbTime(String(r.purchased_at))!,
  canceledAt: fromDbTime(r.canceled_at as string | null),
  appliedListingId: r.applied_listing_id === null ? null : Number(r.applied_listing_id),
  appliedQty: Number(r.applied_qty),
});

export async function salesOfOrder(db: Knex, storeId: number, amazonOrderId: string): Promise<AmazonSale[]> {
  const rows = (await db('amazon_sales').where({ store_id: storeId, amazon_order_id: amazonOrderId }).orderBy('id')) as Record<
    string,
    unknown
  >[];
  return rows.map(toSale);
}

/** Inserts one sale; a sale already recorded (unique key) throws, which rolls the caller's transaction back. */
export async function insertSale(db: Knex, s: NewSale, seenAt: Date): Promise<number> {
  const [id] = await db('amazon_sales').insert({
    store_id: s.storeId,
    amazon_order_id: s.amazonOrderId,
    order_item_id: s.orderItemId,
    seller_sku: s.sellerSku,
    quantity: s.quantity,
    order_status: s.orderStatus,
    purchased_at: toDbTime(s.purchasedAt),
    seen_at: toDbTime(seenAt),
    canceled_at: s.canceled ? toDbTime(seenAt) : null,
  });
  return Number(id);
}

export async function markApplied(db: Knex, saleId: number, listingId: number, qty: number): Promise<void> {
  await db('amazon_sales').where('id', saleId).update({ applied_listing_id: listingId, applied_qty: qty });
}

/** Marks a sale canceled; false when it was already (a concurrent run got there first). */
export async function markCanceled(db: Knex, saleId: number, status: string, at: Date): Promise<boolean> {
  const n = await db('amazon_sales')
    .where('id', saleId)
    .whereNull('canceled_at')
    .update({ order_status: status, canceled_at: toDbTime(at) });
  return Number(n) > 0;
}

/** Units sold (not canceled) per seller SKU in these stores, with their purchase time, purchased after `after`. */
export async function salesAfter(
  db: Knex,
  storeIds: readonly number[],
  sellerSkus: readonly string[],
  after: string,
): Promise<{ sellerSku: string; quantity: number; purchasedAt: string }[]> {
  const out: { sellerSku: string; quantity: number; purchasedAt: string }[] = [];
  if (!storeIds.length || !sellerSkus.length) return out;
  for (const part of chunk([...new Set(sellerSkus)], 1000)) {
    const rows = (await db('amazon_sales')
      .whereIn('store_id', [...storeIds])
      .whereIn('seller_sku', part)
      .whereNull('canceled_at')
      .where('purchased_at', '>', after)
      .select('seller_sku', 'quantity', 'purchased_at')) as { seller_sku: string; quantity: number | string; purchased_at: string }[];
    for (const r of rows) out.push({ sellerSku: r.seller_sku, quantity: Number(r.quantity), purchasedAt: String(r.purchased_at) });
  }
  return out;
}

/** When each stock profile was last written (DB time text): a custom quantity counts the sales after it. */
export async function profilesSetAt(db: Knex, profileIds: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (!profileIds.length) return out;
  const rows = (await db('stock_profiles')
    .whereIn('id', [...new Set(profileIds)])
    .select('id', 'updated_at')) as { id: number | string; updated_at: string }[];
  for (const r of rows) out.set(Number(r.id), String(r.updated_at));
  return out;
}

/** Amazon's LastUpdatedBefore of the store's last complete poll (ISO), or null before the first. */
export async function cursorOf(db: Knex, storeId: number): Promise<string | null> {
  const row = await db('amazon_sales_cursors').where('store_id', storeId).first('last_updated_before');
  return row ? fromDbTime(String(row.last_updated_before)) : null;
}

export async function saveCursor(db: Knex, storeId: number, lastUpdatedBefore: Date, checkedAt: Date): Promise<void> {
  const columns = { last_updated_before: toDbTime(lastUpdatedBefore), checked_at: toDbTime(checkedAt) };
  if (!(await db('amazon_sales_cursors').where('store_id', storeId).first('store_id'))) {
    try {
      await db('amazon_sales_cursors').insert({ store_id: storeId, ...columns });
      return;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err; // another run wrote it first: move it on below
    }
  }
  // Never backwards: a slower concurrent run must not undo a later high-water mark.
  await db('amazon_sales_cursors')
    .where('store_id', storeId)
    .where('last_updated_before', '<', columns.last_updated_before)
    .update(columns);
}

export function isUniqueViolation(err: unknown): boolean {
  return /UNIQUE constraint failed|Duplicate entry|ER_DUP_ENTRY/i.test(String((err as Error)?.message ?? ''));
}
