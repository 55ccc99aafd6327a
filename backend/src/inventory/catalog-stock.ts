/**
 * STOPGAP (like listings/catalog-reads.ts): the quantity facts the pipeline needs that `app.catalog.inventory`
 * does not offer yet — raw quantities of chosen sources, and whether a product has any source item where we
 * look. Read-only, through the caller's knex or transaction (SQLite has one connection, so `app.catalog`
 * cannot be called inside one). The stock's salable quantity itself comes from the catalog's own SQL.
 * Move into `app.catalog.inventory` (e.g. `sourceQuantities(skus, sourceCodes)`) when it grows it.
 */
import type { Knex } from 'knex';
import { bool, chunk, decimal } from '../db/rows';

/** Enabled sources among `codes`, and the enabled sources of the stock (for the "has items" check). */
export async function enabledSources(db: Knex, codes: readonly string[]): Promise<string[]> {
  if (!codes.length) return [];
  return (
    await db('sources')
      .whereIn('code', [...codes])
      .where('enabled', 1)
      .orderBy('code')
      .pluck('code')
  ).map(String);
}

export async function stockSourceCodes(db: Knex, stockId: number): Promise<string[]> {
  return (
    await db('stock_sources as ss')
      .join('sources as s', 's.code', 'ss.source_code')
      .where('ss.stock_id', stockId)
      .where('s.enabled', 1)
      .pluck('s.code')
  ).map(String);
}

export interface SourceQuantity {
  /** Σ quantity of in-stock items on these sources. */
  quantity: number;
  /** Any source item (in stock or not) on these sources. */
  hasItems: boolean;
}

/** Per sku, over the given sources (skus without items are absent). */
export async function sourceQuantities(
  db: Knex,
  skus: readonly string[],
  sourceCodes: readonly string[],
): Promise<Map<string, SourceQuantity>> {
  const out = new Map<string, SourceQuantity>();
  if (!skus.length || !sourceCodes.length) return out;
  for (const part of chunk([...new Set(skus)], 1000)) {
    const rows = await db('source_items')
      .whereIn('sku', part)
      .whereIn('source_code', [...sourceCodes])
      .select('sku', 'quantity', 'in_stock');
    for (const r of rows) {
      const cur = out.get(r.sku) ?? { quantity: 0, hasItems: false };
      cur.hasItems = true;
      if (bool(r.in_stock)) cur.quantity += decimal(r.quantity) ?? 0;
      out.set(r.sku, cur);
    }
  }
  return out;
}

/** Skus with a source item on `sourceCode` (a source switched on or off moves all of them). */
export async function skusOnSource(db: Knex, sourceCode: string): Promise<string[]> {
  return (await db('source_items').where('source_code', sourceCode).orderBy('sku').pluck('sku')).map(String);
}

/**
 * Offering listings (by store) of products that list a placeholder: stock not managed or backorders allowed,
 * and no manual quantity. Candidates only — the pipeline decides (the profile's mode may fix the quantity).
 */
export async function placeholderCandidates(
  db: Knex,
  offerStatuses: readonly string[],
): Promise<{ id: number; storeId: number; sku: string; sellerSku: string; desiredQty: number | null }[]> {
  const rows = await db('listings as l')
    .join('product_stock_settings as pss', 'pss.product_id', 'l.product_id')
    .whereIn('l.status', [...offerStatuses])
    .whereNull('l.manual_qty')
    .where((w) => w.where('pss.manage_stock', 0).orWhereNot('pss.backorders', 'no'))
    .orderBy(['l.store_id', 'l.id'])
    .select('l.id', 'l.store_id', 'l.sku', 'l.seller_sku', 'l.desired_qty');
  return rows.map((r) => ({
    id: Number(r.id),
    storeId: Number(r.store_id),
    sku: String(r.sku),
    sellerSku: String(r.seller_sku),
    desiredQty: r.desired_qty === null ? null : Number(r.desired_qty),
  }));
}
