/**
 * Products in SQL: the grid's filtered, sorted id query, rows by id, websites, and column updates.
 * The grid first selects one page of ids (only joining salable quantity when a filter or the sort
 * needs it), then loads those rows — so a page of 100,000 products costs one indexed query and
 * a few lookups by id. Functions take a knex or a transaction and no app (the importer uses them).
 */
import type { Knex } from 'knex';
import type { ProductSort, ProductStatus, ProductType, Visibility } from '../../../schema/catalog';
import { chunk, decimal } from '../db/rows';
import { fromDbTime, toDbTime } from '../db/time';
import { joinStockSettings, salableQtySql, salableScope, type SalableScope } from './inventory.queries';
import { LIKE_ESCAPE, escapeLike, orWhereContains, whereContains } from '../db/like';

export interface AttributeFilter {
  attributeId: number;
  value: string;
  /** Multiselect values are comma lists: match one element of the list. */
  multiselect: boolean;
}

export interface ProductFilter {
  sku?: string;
  name?: string;
  q?: string;
  type?: ProductType;
  status?: ProductStatus;
  visibility?: Visibility;
  websiteId?: number;
  attributes?: readonly AttributeFilter[];
  salableMin?: number;
  salableMax?: number;
}

export interface ProductOrder {
  sort: ProductSort;
  dir: 'asc' | 'desc';
}

export interface ProductRow {
  id: number;
  sku: string;
  name: string;
  type: ProductType;
  status: ProductStatus;
  visibility: Visibility;
  price: number | null;
  specialPrice: number | null;
  specialPriceFrom: string | null;
  specialPriceTo: string | null;
  weight: number | null;
  attributeSetId: number;
  attributeSet: string;
  attributeSetCode: string;
  createdAt: string;
  updatedAt: string;
}

const SORT_COLUMNS: Record<Exclude<ProductSort, 'salableQty'>, string> = {
  sku: 'p.sku',
  name: 'p.name',
  // ENUM columns sort by declaration order on MySQL; CAST makes both engines sort by the text.
  type: 'CAST(p.type AS CHAR)',
  status: 'CAST(p.status AS CHAR)',
  price: 'p.price',
  updatedAt: 'p.updated_at',
};

function needsSalable(filter: ProductFilter, order?: ProductOrder): boolean {
  return filter.salableMin !== undefined || filter.salableMax !== undefined || order?.sort === 'salableQty';
}

function whereAttribute(qb: Knex.QueryBuilder, db: Knex, f: AttributeFilter): void {
  qb.whereExists(
    db('product_attribute_values as v')
      .whereRaw('v.product_id = p.id')
      .where('v.attribute_id', f.attributeId)
      .where((w) => {
        w.where('v.value', f.value);
        if (f.multiselect) {
          const e = escapeLike(f.value);
          for (const pattern of [`${e},%`, `%,${e}`, `%,${e},%`]) w.orWhereRaw(`v.value LIKE ? ${LIKE_ESCAPE}`, [pattern]);
        }
      }),
  );
}

/** `products as p` with the filters applied (and the salable joins when a filter or the sort needs them). */
export function filteredProducts(db: Knex, filter: ProductFilter, scope: SalableScope, order?: ProductOrder): Knex.QueryBuilder {
  const qb = db('products as p');
  if (filter.sku) whereContains(qb, 'p.sku', filter.sku);
  if (filter.name) whereContains(qb, 'p.name', filter.name);
  if (filter.q) {
    const text = filter.q;
    qb.where((w) => orWhereContains(whereContains(w, 'p.sku', text), 'p.name', text));
  }
  if (filter.type) qb.where('p.type', filter.type);
  if (filter.status) qb.where('p.status', filter.status);
  if (filter.visibility) qb.where('p.visibility', filter.visibility);
  if (filter.websiteId !== undefined) {
    qb.whereExists(db('product_websites as pw').whereRaw('pw.product_id = p.id').where('pw.website_id', filter.websiteId));
  }
  for (const f of filter.attributes ?? []) whereAttribute(qb, db, f);
  if (needsSalable(filter, order)) {
    joinStockSettings(qb);
    const salable = salableQtySql(scope);
    if (filter.salableMin !== undefined) qb.whereRaw(`${salable.sql} >= ?`, [...salable.bindings, filter.salableMin]);
    if (filter.salableMax !== undefined) qb.whereRaw(`${salable.sql} <= ?`, [...salable.bindings, filter.salableMax]);
  }
  return qb;
}

/** A stock id, or its scope when the caller has resolved it already (saves one small query). */
export type StockRef = number | SalableScope;

async function scopeOf(db: Knex, stock: StockRef, needed: boolean): Promise<SalableScope> {
  if (typeof stock !== 'number') return stock;
  // Without salable quantity in play the sources are never read: skip the lookup.
  return needed ? salableScope(db, stock) : { stockId: stock, sourceCodes: [] };
}

export async function countProducts(db: Knex, filter: ProductFilter, stock: StockRef): Promise<number> {
  const scope = await scopeOf(db, stock, needsSalable(filter));
  const row = await filteredProducts(db, filter, scope).count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

function orderedIds(db: Knex, filter: ProductFilter, scope: SalableScope, order: ProductOrder): Knex.QueryBuilder {
  const qb = filteredProducts(db, filter, scope, order).select('p.id');
  const dir = order.dir === 'desc' ? 'desc' : 'asc';
  if (order.sort === 'salableQty') {
    const salable = salableQtySql(scope);
    qb.orderByRaw(`${salable.sql} ${dir}`, salable.bindings);
  } else qb.orderByRaw(`${SORT_COLUMNS[order.sort]} ${dir}`);
  // Ties (same name, price…) keep a stable order, so paging neither repeats nor skips rows.
  if (order.sort !== 'sku') qb.orderBy('p.id', order.dir);
  return qb;
}

/** Ids of the matching products in order; `limit` left out = all of them (the CSV export). */
export async function productIds(
  db: Knex,
  filter: ProductFilter,
  stock: StockRef,
  order: ProductOrder,
  limit?: number,
  offset = 0,
): Promise<number[]> {
  const qb = orderedIds(db, filter, await scopeOf(db, stock, needsSalable(filter, order)), order);
  if (limit !== undefined) qb.limit(limit).offset(offset);
  return (await qb).map((r: { id: unknown }) => Number(r.id));
}

/**
 * One page of ids and the total. Without salable quantity in play, a count and an indexed
 * ORDER BY … LIMIT are cheapest; with it, the aggregation runs once and the window COUNT(*) OVER ()
 * (SQLite 3.25+, MySQL 8, MariaDB 10.2+) gives the total from the same pass.
 */
export async function productPage(
  db: Knex,
  filter: ProductFilter,
  stock: StockRef,
  order: ProductOrder,
  limit: number,
  offset: number,
): Promise<{ ids: number[]; total: number }> {
  const scope = await scopeOf(db, stock, needsSalable(filter, order));
  if (!needsSalable(filter, order)) {
    const total = await countProducts(db, filter, scope);
    const ids = offset < total ? await orderedIds(db, filter, scope, order).limit(limit).offset(offset) : [];
    return { ids: ids.map((r: { id: unknown }) => Number(r.id)), total };
  }
  const rows = await orderedIds(db, filter, scope, order).select(db.raw('COUNT(*) OVER () as total')).limit(limit).offset(offset);
  if (rows.length) return { ids: rows.map((r: { id: unknown }) => Number(r.id)), total: Number(rows[0].total) };
  // Past the last page there is no row to carry the total.
  return { ids: [], total: offset ? await countProducts(db, filter, scope) : 0 };
}

function toProductRow(r: Record<string, unknown>): ProductRow {
  return {
    id: Number(r.id),
    sku: String(r.sku),
    name: String(r.name),
    type: r.type as ProductType,
    status: r.status as ProductStatus,
    visibility: r.visibility as Visibility,
    price: decimal(r.price),
    specialPrice: decimal(r.special_price),
    specialPriceFrom: (r.special_price_from as string | null) ?? null,
    specialPriceTo: (r.special_price_to as string | null) ?? null,
    weight: decimal(r.weight),
    attributeSetId: Number(r.attribute_set_id),
    attributeSet: String(r.attribute_set_name),
    attributeSetCode: String(r.attribute_set_code),
    createdAt: fromDbTime(r.created_at as string)!,
    updatedAt: fromDbTime(r.updated_at as string)!,
  };
}

function productRowsQuery(db: Knex): Knex.QueryBuilder {
  return db('products as p')
    .join('attribute_sets as aset', 'aset.id', 'p.attribute_set_id')
    .select('p.*', 'aset.name as attribute_set_name', 'aset.code as attribute_set_code');
}

/** Rows in the order of `ids` (missing ids are skipped). */
export async function productRowsByIds(db: Knex, ids: readonly number[]): Promise<ProductRow[]> {
  const byId = new Map<number, ProductRow>();
  for (const part of chunk(ids, 1000)) {
    for (const r of await productRowsQuery(db).whereIn('p.id', part)) byId.set(Number(r.id), toProductRow(r));
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function productRowById(db: Knex, id: number, forUpdate = false): Promise<ProductRow | null> {
  // Locks the product row alone (not its attribute set) on MySQL for read-modify-write; SQLite
  // transactions are serialised anyway, and knex emits no lock clause there.
  if (forUpdate && !(await db('products').where({ id }).forUpdate().first('id'))) return null;
  const row = await productRowsQuery(db).where('p.id', id).first();
  return row ? toProductRow(row) : null;
}

export async function productIdsBySku(db: Knex, skus: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const part of chunk(skus, 1000)) {
    for (const r of await db('products').whereIn('sku', part).select('id', 'sku')) out.set(r.sku, Number(r.id));
  }
  return out;
}

/** Id, status and type of the products with these SKUs (SKUs that are no product are left out). */
export async function productStatesBySku(
  db: Knex,
  skus: readonly string[],
): Promise<Map<string, { id: number; status: string; type: string; name: string }>> {
  const out = new Map<string, { id: number; status: string; type: string; name: string }>();
  for (const part of chunk(skus, 1000)) {
    for (const r of await db('products').whereIn('sku', part).select('id', 'sku', 'status', 'type', 'name'))
      out.set(r.sku, { id: Number(r.id), status: String(r.status), type: String(r.type), name: String(r.name) });
  }
  return out;
}

/** Website codes per product id. */
export async function websiteCodesOf(db: Knex, productIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (const part of chunk(productIds, 1000)) {
    const rows = await db('product_websites as pw')
      .join('websites as w', 'w.id', 'pw.website_id')
      .whereIn('pw.product_id', part)
      .orderBy('w.id')
      .select('pw.product_id', 'w.code');
    for (const r of rows) {
      const id = Number(r.product_id);
      out.set(id, [...(out.get(id) ?? []), r.code]);
    }
  }
  return out;
}

export interface ProductColumns {
  name?: string;
  price?: number | null;
  specialPrice?: number | null;
  specialPriceFrom?: string | null;
  specialPriceTo?: string | null;
  status?: ProductStatus;
  visibility?: Visibility;
  weight?: number | null;
}

const COLUMN_OF: Record<keyof ProductColumns, string> = {
  name: 'name',
  price: 'price',
  specialPrice: 'special_price',
  specialPriceFrom: 'special_price_from',
  specialPriceTo: 'special_price_to',
  status: 'status',
  visibility: 'visibility',
  weight: 'weight',
};

/** Updates the given columns and stamps updated_at. */
export async function updateProductColumns(db: Knex, id: number, changes: ProductColumns): Promise<void> {
  const row: Record<string, unknown> = { updated_at: toDbTime() };
  for (const [key, value] of Object.entries(changes)) row[COLUMN_OF[key as keyof ProductColumns]] = value;
  await db('products').where({ id }).update(row);
}

export async function touchProduct(db: Knex, id: number): Promise<void> {
  await db('products').where({ id }).update({ updated_at: toDbTime() });
}
