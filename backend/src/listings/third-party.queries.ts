/** third_party_listings and the pending merchant listings report per store. */
import type { Knex } from 'knex';
import type { ThirdPartyState } from '../../../schema/listings';
import { chunk, decimal } from '../db/rows';
import { fromDbTime, toDbTime } from '../db/time';

export interface ThirdPartyRow {
  id: number;
  storeId: number;
  sellerSku: string;
  asin: string | null;
  itemName: string | null;
  price: string | null;
  quantity: number | null;
  amazonStatus: string | null;
  fulfillmentChannel: string | null;
  state: ThirdPartyState;
  matchProductId: number | null;
  matchSku: string | null;
  matchedBy: 'seller_sku' | 'asin_attribute' | null;
  listingId: number | null;
  importedAt: string;
}

const toRow = (r: Record<string, unknown>): ThirdPartyRow => ({
  id: Number(r.id),
  storeId: Number(r.store_id),
  sellerSku: String(r.seller_sku),
  asin: (r.asin as string | null) ?? null,
  itemName: (r.item_name as string | null) ?? null,
  price: r.price === null || r.price === undefined ? null : (decimal(r.price) ?? 0).toFixed(2),
  quantity: r.quantity === null || r.quantity === undefined ? null : Number(r.quantity),
  amazonStatus: (r.amazon_status as string | null) ?? null,
  fulfillmentChannel: (r.fulfillment_channel as string | null) ?? null,
  state: r.state as ThirdPartyState,
  matchProductId: r.match_product_id === null || r.match_product_id === undefined ? null : Number(r.match_product_id),
  matchSku: (r.match_sku as string | null) ?? null,
  matchedBy: (r.matched_by as ThirdPartyRow['matchedBy']) ?? null,
  listingId: r.listing_id === null || r.listing_id === undefined ? null : Number(r.listing_id),
  importedAt: fromDbTime(r.imported_at as string)!,
});

export async function pendingReport(db: Knex, storeId: number): Promise<{ reportId: string | null; inactiveReportId: string | null }> {
  const row = await db('listing_report_requests').where({ store_id: storeId }).first('report_id', 'inactive_report_id');
  return {
    reportId: row ? String(row.report_id) : null,
    inactiveReportId: (row?.inactive_report_id as string | null | undefined) ?? null,
  };
}

export async function savePendingReport(db: Knex, storeId: number, reportId: string): Promise<void> {
  await db('listing_report_requests')
    .insert({ store_id: storeId, report_id: reportId, inactive_report_id: null, requested_at: toDbTime() })
    .onConflict('store_id')
    .merge(['report_id', 'inactive_report_id', 'requested_at']);
}

export async function saveInactiveReport(db: Knex, storeId: number, reportId: string): Promise<void> {
  await db('listing_report_requests').where({ store_id: storeId }).update({ inactive_report_id: reportId });
}

export async function clearPendingReport(db: Knex, storeId: number): Promise<void> {
  await db('listing_report_requests').where({ store_id: storeId }).del();
}

export async function storesWithPendingReports(db: Knex): Promise<number[]> {
  return (await db('listing_report_requests').pluck('store_id')).map(Number);
}

/** New rows come in as 'new'; rows seen before keep their state (linked/unmanaged) and get Amazon's latest values. */
export async function upsertThirdParty(db: Knex, rows: readonly Record<string, unknown>[]): Promise<void> {
  for (const part of chunk(rows, 300)) {
    await db('third_party_listings')
      .insert(part.map((r) => ({ ...r, state: 'new' })))
      .onConflict(['store_id', 'seller_sku'])
      .merge([
        'asin',
        'item_name',
        'price',
        'quantity',
        'amazon_status',
        'fulfillment_channel',
        'match_product_id',
        'matched_by',
        'imported_at',
      ]);
  }
}

export async function thirdPartyById(db: Knex, id: number, forUpdate = false): Promise<ThirdPartyRow | null> {
  const q = db('third_party_listings').where({ id });
  if (forUpdate) q.forUpdate();
  const row = await q.first();
  return row ? toRow(row) : null;
}

export async function markThirdParty(db: Knex, id: number, columns: Record<string, string | number | null>): Promise<void> {
  await db('third_party_listings').where({ id }).update(columns);
}

export async function thirdPartyPage(db: Knex, storeId: number, state: string | undefined, page: number, pageSize: number) {
  const base = () => {
    const q = db('third_party_listings as t').where('t.store_id', storeId);
    if (state) q.where('t.state', state);
    return q;
  };
  const total = Number((await base().count({ n: '*' }).first())?.n ?? 0);
  const rows = await base()
    .leftJoin('products as p', 'p.id', 't.match_product_id')
    .orderBy('t.seller_sku')
    .offset((page - 1) * pageSize)
    .limit(pageSize)
    .select('t.*', 'p.sku as match_sku');
  return { page, pageSize, total, items: rows.map(toRow) };
}
