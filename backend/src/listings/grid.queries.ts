/**
 * The listings grid: tab filter, search, sort, paging and the tab counts — in SQL, so 100,000 listings page
 * fast. The product name comes from a join on `products` (stopgap read, see catalog-reads.ts).
 */
import type { Knex } from 'knex';
import { LISTING_TABS, TAB_STATUSES, type ListingStatus, type ListingTab } from '../../../schema/listings';
import { LIKE_ESCAPE, containsPattern } from '../db/like';
import { toListing, type ListingRow } from './listings.queries';

export interface GridQuery {
  tab: ListingTab;
  page: number;
  pageSize: number;
  q?: string;
  status?: ListingStatus;
  sort: 'sku' | 'sellerSku' | 'status' | 'updatedAt' | 'asin';
  dir: 'asc' | 'desc';
}

const SORT_COLUMNS = { sku: 'l.sku', sellerSku: 'l.seller_sku', status: 'l.status', updatedAt: 'l.updated_at', asin: 'l.asin' } as const;

function filtered(db: Knex, storeId: number, query: Omit<GridQuery, 'page' | 'pageSize' | 'sort' | 'dir'>): Knex.QueryBuilder {
  const q = db('listings as l').leftJoin('products as p', 'p.id', 'l.product_id').where('l.store_id', storeId);
  if (query.tab === 'overrides') q.where('l.has_overrides', 1);
  else if (query.tab !== 'all') q.whereIn('l.status', TAB_STATUSES[query.tab]);
  if (query.status) q.where('l.status', query.status);
  if (query.q) {
    const pattern = containsPattern(query.q);
    q.where((w) => {
      for (const col of ['l.sku', 'l.seller_sku', 'l.asin', 'p.name']) w.orWhereRaw(`LOWER(??) LIKE ? ${LIKE_ESCAPE}`, [col, pattern]);
    });
  }
  return q;
}

export async function gridPage(
  db: Knex,
  storeId: number,
  query: GridQuery,
): Promise<{ total: number; rows: (ListingRow & { name: string | null })[] }> {
  const totalRow = await filtered(db, storeId, query).count({ n: '*' }).first();
  const rows = await filtered(db, storeId, query)
    .orderBy(SORT_COLUMNS[query.sort], query.dir)
    .orderBy('l.id', query.dir)
    .offset((query.page - 1) * query.pageSize)
    .limit(query.pageSize)
    .select('l.*', 'p.name as product_name');
  return {
    total: Number(totalRow?.n ?? 0),
    rows: rows.map((r: Record<string, unknown>) => ({ ...toListing(r), name: (r.product_name as string | null) ?? null })),
  };
}

export async function tabCounts(db: Knex, storeId: number): Promise<Record<ListingTab | 'new_third_party', number>> {
  const byStatus = new Map<string, number>();
  const grouped = (await db('listings').where('store_id', storeId).groupBy('status').select('status').count({ n: '*' })) as {
    status: string;
    n: number | string;
  }[];
  for (const r of grouped) byStatus.set(String(r.status), Number(r.n));
  const overrides = Number((await db('listings').where({ store_id: storeId, has_overrides: 1 }).count({ n: '*' }).first())?.n ?? 0);
  const newThirdParty = Number(
    (await db('third_party_listings').where({ store_id: storeId, state: 'new' }).count({ n: '*' }).first())?.n ?? 0,
  );
  const out = {} as Record<ListingTab | 'new_third_party', number>;
  for (const tab of LISTING_TABS) {
    if (tab === 'overrides') out[tab] = overrides;
    else if (tab === 'all') out[tab] = [...byStatus.values()].reduce((a, b) => a + b, 0);
    else out[tab] = TAB_STATUSES[tab].reduce((sum, s) => sum + (byStatus.get(s) ?? 0), 0);
  }
  out.new_third_party = newThirdParty;
  return out;
}

export async function productNames(db: Knex, productIds: readonly number[]): Promise<Map<number, string>> {
  if (!productIds.length) return new Map();
  const rows = await db('products').whereIn('id', productIds).select('id', 'name');
  return new Map(rows.map((r) => [Number(r.id), String(r.name)]));
}
