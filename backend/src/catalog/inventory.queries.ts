/**
 * Inventory in SQL, the way Magento MSI computes it. Salable quantity of a SKU in a stock =
 *   Σ quantity of its source items that are in stock, on enabled sources linked to the stock
 *   − the product's out-of-stock threshold (product_stock_settings.min_qty, 0 without a row)
 *   + Σ reservations of (sku, stock)  (orders hold stock with negative rows, compensations give it back).
 * Everything here takes a knex or a transaction and no app, so the importer can use it too.
 */
import type { Knex } from 'knex';
import type { Backorders } from '../../../schema/catalog';
import { bool, chunk, decimal } from '../db/rows';
import { fromDbTime, toDbTime } from '../db/time';

export interface StockSettings {
  manageStock: boolean;
  backorders: Backorders;
  minQty: number;
}

/** Magento's defaults when a product has no stock settings row. */
export const DEFAULT_STOCK_SETTINGS: Readonly<StockSettings> = { manageStock: true, backorders: 'no', minQty: 0 };

export interface Salable {
  salableQty: number;
  isSalable: boolean;
  manageStock: boolean;
  backorders: Backorders;
  /** The out-of-stock threshold that was subtracted. */
  threshold: number;
}

/** Stock not managed → always salable; backorders allowed → salable; otherwise only with quantity left. */
export function isSalable(salableQty: number, settings: { manageStock: boolean; backorders: Backorders }): boolean {
  if (!settings.manageStock) return true;
  if (settings.backorders !== 'no') return true;
  return salableQty > 0;
}

/**
 * Where a stock's quantity comes from: its enabled sources. Resolved once per request, so the
 * grouped query below filters source items by a short literal list instead of joining sources and
 * stock_sources (MySQL/MariaDB otherwise may drive that join from the tiny sources table and group
 * 100,000s of rows in an on-disk temporary table).
 */
export interface SalableScope {
  stockId: number;
  sourceCodes: readonly string[];
}

export async function salableScope(db: Knex, stockId: number): Promise<SalableScope> {
  const rows = await db('stock_sources as ss')
    .join('sources as s', 's.code', 'ss.source_code')
    .where('ss.stock_id', stockId)
    .where('s.enabled', 1)
    .orderBy('s.code')
    .select('s.code');
  return { stockId, sourceCodes: rows.map((r) => r.code as string) };
}

/** Salable quantity as SQL text with its bindings, for WHERE, ORDER BY or SELECT. */
export interface SalableSql {
  sql: string;
  bindings: (string | number)[];
}

/**
 * The salable quantity of the product row `<alias>` (a `products` alias) as one SQL expression, to be
 * used after `joinStockSettings`. The two sums are correlated subqueries on index prefixes —
 * source_items' primary key (sku, source_code) and reservations (sku, stock_id) — so the work
 * grows with the rows the other filters leave, not with the catalog. Measured on 100,000 products
 * against grouped derived tables joined by sku, this was faster on both engines and kept MariaDB
 * away from materialising and re-keying 100,000-row temporary tables.
 */
export function salableQtySql(scope: SalableScope, alias = 'p'): SalableSql {
  const onSources = scope.sourceCodes.length
    ? `COALESCE((SELECT SUM(si.quantity) FROM source_items si WHERE si.sku = ${alias}.sku AND si.in_stock = 1 AND si.source_code IN (${scope.sourceCodes.map(() => '?').join(', ')})), 0)`
    : '0';
  return {
    sql: `(${onSources} - COALESCE(pss.min_qty, 0) + COALESCE((SELECT SUM(r.quantity) FROM reservations r WHERE r.sku = ${alias}.sku AND r.stock_id = ?), 0))`,
    bindings: [...scope.sourceCodes, scope.stockId],
  };
}

/** Left-joins the product's stock settings as `pss` (threshold, manage stock, backorders). */
export function joinStockSettings(qb: Knex.QueryBuilder, alias = 'p'): Knex.QueryBuilder {
  return qb.leftJoin('product_stock_settings as pss', 'pss.product_id', `${alias}.id`);
}

interface SalableRow {
  sku: string;
  salable_qty: unknown;
  manage_stock: unknown;
  backorders: Backorders | null;
  min_qty: unknown;
}

function toSalable(row: SalableRow): Salable {
  const manageStock = row.manage_stock === null ? DEFAULT_STOCK_SETTINGS.manageStock : bool(row.manage_stock);
  const backorders = row.backorders ?? DEFAULT_STOCK_SETTINGS.backorders;
  const salableQty = decimal(row.salable_qty) ?? 0;
  return {
    salableQty,
    isSalable: isSalable(salableQty, { manageStock, backorders }),
    manageStock,
    backorders,
    threshold: decimal(row.min_qty) ?? 0,
  };
}

/** SKU lists are cut into parts this size, well below SQLite's limit of bound variables per statement. */
export const SALABLE_CHUNK = 2000;

/**
 * Salable quantity, salability and stock settings of products in one stock, by SKU — one
 * set-based query per 2,000 SKUs (all products when `skus` is left out), after one small query for
 * the stock's sources (skipped when the caller passes the `scope` it already has). SKUs that are not
 * products are absent from the map; a product without source items has 0 − threshold + reservations.
 */
export async function salableQty(
  db: Knex,
  opts: { skus?: readonly string[]; stockId: number; scope?: SalableScope },
): Promise<Map<string, Salable>> {
  const out = new Map<string, Salable>();
  if (opts.skus && !opts.skus.length) return out;
  const scope = opts.scope ?? (await salableScope(db, opts.stockId));
  const parts = opts.skus ? chunk([...new Set(opts.skus)], SALABLE_CHUNK) : [undefined];
  for (const skus of parts) {
    const salable = salableQtySql(scope);
    const q = joinStockSettings(db('products as p')).select(
      'p.sku',
      db.raw(`${salable.sql} as salable_qty`, salable.bindings),
      'pss.manage_stock',
      'pss.backorders',
      'pss.min_qty',
    );
    if (skus) q.whereIn('p.sku', skus);
    for (const row of (await q) as SalableRow[]) out.set(row.sku, toSalable(row));
  }
  return out;
}

// ---- source items, settings, reservations (small functions for the services and the importer) ----

export interface SourceItemRow {
  sourceCode: string;
  sourceName: string;
  sourceEnabled: boolean;
  quantity: number;
  inStock: boolean;
}

export async function sourceItemsOf(db: Knex, sku: string): Promise<SourceItemRow[]> {
  const rows = await db('source_items as si')
    .join('sources as s', 's.code', 'si.source_code')
    .where('si.sku', sku)
    .orderBy('si.source_code')
    .select('si.source_code', 's.name', 's.enabled', 'si.quantity', 'si.in_stock');
  return rows.map((r) => ({
    sourceCode: r.source_code,
    sourceName: r.name,
    sourceEnabled: bool(r.enabled),
    quantity: decimal(r.quantity) ?? 0,
    inStock: bool(r.in_stock),
  }));
}

export async function sourceItem(db: Knex, sku: string, sourceCode: string): Promise<{ quantity: number; inStock: boolean } | null> {
  const row = await db('source_items').where({ sku, source_code: sourceCode }).first('quantity', 'in_stock');
  return row ? { quantity: decimal(row.quantity) ?? 0, inStock: bool(row.in_stock) } : null;
}

/** Inserts or replaces source items (sku, source) in bulk. */
export async function upsertSourceItems(
  db: Knex,
  items: readonly { sku: string; sourceCode: string; quantity: number; inStock: boolean }[],
): Promise<void> {
  for (const part of chunk(items, 500)) {
    await db('source_items')
      .insert(part.map((i) => ({ sku: i.sku, source_code: i.sourceCode, quantity: i.quantity, in_stock: i.inStock ? 1 : 0 })))
      .onConflict(['sku', 'source_code'])
      .merge(['quantity', 'in_stock']);
  }
}

export async function stockSettingsOf(db: Knex, productId: number): Promise<StockSettings> {
  const row = await db('product_stock_settings').where({ product_id: productId }).first();
  if (!row) return { ...DEFAULT_STOCK_SETTINGS };
  return { manageStock: bool(row.manage_stock), backorders: row.backorders, minQty: decimal(row.min_qty) ?? 0 };
}

export async function upsertStockSettings(db: Knex, productId: number, settings: StockSettings): Promise<void> {
  await db('product_stock_settings')
    .insert({
      product_id: productId,
      manage_stock: settings.manageStock ? 1 : 0,
      backorders: settings.backorders,
      min_qty: settings.minQty,
    })
    .onConflict('product_id')
    .merge(['manage_stock', 'backorders', 'min_qty']);
}

export interface ReservationRow {
  id: number;
  sku: string;
  stockId: number;
  quantity: number;
  reason: string;
  reference: string | null;
  createdAt: string;
}

/** Reservations are append-only: a correction is a new row of the opposite sign. */
export async function insertReservation(
  db: Knex,
  r: { sku: string; stockId: number; quantity: number; reason: string; reference?: string | null },
): Promise<ReservationRow> {
  const createdAt = toDbTime();
  const row = {
    sku: r.sku,
    stock_id: r.stockId,
    quantity: r.quantity,
    reason: r.reason,
    reference: r.reference ?? null,
    created_at: createdAt,
  };
  const [id] = await db('reservations').insert(row);
  return {
    id: Number(id),
    sku: r.sku,
    stockId: r.stockId,
    quantity: r.quantity,
    reason: r.reason,
    reference: row.reference,
    createdAt: fromDbTime(createdAt)!,
  };
}
