/**
 * The Sales > Orders grid in SQL: orders left-joined with their Amazon link and shipping address name,
 * filtered, sorted (with the id as tie-breaker, so pages never overlap) and paged; the CSV export reads the
 * same filter's ids and then rows in chunks. Text search goes through db/like.ts (wildcards taken literally).
 */
import type { Knex } from 'knex';
import type { FulfillmentChannel, OrderSort, OrderSource, OrderState } from '../../../schema/sales';
import { marketplaceById } from '../stores/marketplaces';
import { chunk, decimal } from '../db/rows';
import { orWhereContains, whereContains } from '../db/like';
import { toDbTime } from '../db/time';
import { toAmazonLink, toOrderRow } from './orders.queries';

export interface OrderFilter {
  q?: string;
  source?: OrderSource;
  storeId?: number;
  marketplaceId?: string;
  status?: string[];
  state?: OrderState;
  fulfillmentChannel?: FulfillmentChannel;
  purchasedFrom?: string;
  purchasedTo?: string;
  shipByBefore?: string;
}

export interface OrderOrder {
  sort: OrderSort;
  dir: 'asc' | 'desc';
}

const SORT_COLUMNS: Record<OrderSort, string> = {
  incrementId: 'o.increment_id',
  purchasedAt: 'o.purchased_at',
  grandTotal: 'o.grand_total',
  status: 'o.status',
  customerEmail: 'o.customer_email',
  latestShipDate: 'a.latest_ship_date',
};

export interface OrderGridRow {
  id: number;
  incrementId: string;
  source: OrderSource;
  websiteId: number;
  storeViewId: number;
  state: OrderState;
  status: string;
  customerEmail: string;
  customerName: string | null;
  shipToName: string | null;
  orderCurrencyCode: string;
  grandTotal: number;
  baseGrandTotal: number;
  totalQtyOrdered: number;
  purchasedAt: string;
  createdAt: string;
  amazon: {
    storeId: number;
    marketplaceId: string;
    marketplaceCountry: string | null;
    amazonOrderId: string;
    amazonStatus: string;
    fulfillmentChannel: FulfillmentChannel;
    purchaseDate: string;
    latestShipDate: string | null;
    isPrime: boolean;
    isBusiness: boolean;
  } | null;
}

const dbTime = (iso: string) => toDbTime(new Date(iso));

function filtered(db: Knex, f: OrderFilter): Knex.QueryBuilder {
  const qb = db('sales_orders as o').leftJoin('sales_order_amazon as a', 'a.order_id', 'o.id');
  if (f.q) {
    const text = f.q;
    qb.where((w) =>
      orWhereContains(orWhereContains(whereContains(w, 'o.increment_id', text), 'a.amazon_order_id', text), 'o.customer_email', text),
    );
  }
  if (f.source) qb.where('o.source', f.source);
  if (f.state) qb.where('o.state', f.state);
  if (f.status?.length) qb.whereIn('o.status', f.status);
  if (f.storeId !== undefined) qb.where('a.store_id', f.storeId);
  if (f.marketplaceId) qb.where('a.marketplace_id', f.marketplaceId);
  if (f.fulfillmentChannel) qb.where('a.fulfillment_channel', f.fulfillmentChannel);
  if (f.purchasedFrom) qb.where('o.purchased_at', '>=', dbTime(f.purchasedFrom));
  if (f.purchasedTo) qb.where('o.purchased_at', '<', dbTime(f.purchasedTo));
  if (f.shipByBefore) qb.where('a.latest_ship_date', '<', dbTime(f.shipByBefore));
  return qb;
}

function ordered(qb: Knex.QueryBuilder, order: OrderOrder): Knex.QueryBuilder {
  return qb.orderBy(SORT_COLUMNS[order.sort], order.dir).orderBy('o.id', order.dir);
}

export async function orderPage(
  db: Knex,
  f: OrderFilter,
  order: OrderOrder,
  limit: number,
  offset: number,
): Promise<{ ids: number[]; total: number }> {
  const counted = await filtered(db, f).count({ n: '*' }).first();
  const rows = await ordered(filtered(db, f), order).limit(limit).offset(offset).select('o.id');
  return { ids: rows.map((r: { id: unknown }) => Number(r.id)), total: Number(counted?.n ?? 0) };
}

/** Every matching id, in the grid's order (the CSV export reads their rows in chunks). */
export async function orderIds(db: Knex, f: OrderFilter, order: OrderOrder): Promise<number[]> {
  return (await ordered(filtered(db, f), order).select('o.id')).map((r: { id: unknown }) => Number(r.id));
}

const name = (first: unknown, last: unknown) => [first, last].filter((p) => typeof p === 'string' && p !== '').join(' ') || null;

/** Grid rows for ids, in their order. */
export async function orderRowsByIds(db: Knex, ids: readonly number[]): Promise<OrderGridRow[]> {
  const byId = new Map<number, OrderGridRow>();
  for (const part of chunk(ids, 1000)) {
    const rows = await db('sales_orders as o')
      .leftJoin('sales_order_amazon as a', 'a.order_id', 'o.id')
      .leftJoin('sales_order_addresses as sa', (j) => j.on('sa.order_id', '=', 'o.id').andOnVal('sa.address_type', '=', 'shipping'))
      .whereIn('o.id', part)
      .select('o.*', 'a.order_id as a_order_id', 'a.*', 'o.id as id', 'sa.firstname as ship_firstname', 'sa.lastname as ship_lastname');
    for (const r of rows) {
      const o = toOrderRow(r);
      const a = r.a_order_id === null || r.a_order_id === undefined ? null : toAmazonLink(r);
      byId.set(o.id, {
        id: o.id,
        incrementId: o.incrementId,
        source: o.source,
        websiteId: o.websiteId,
        storeViewId: o.storeViewId,
        state: o.state,
        status: o.status,
        customerEmail: o.customerEmail,
        customerName: name(o.customerFirstname, o.customerLastname),
        shipToName: name(r.ship_firstname, r.ship_lastname),
        orderCurrencyCode: o.orderCurrencyCode,
        grandTotal: o.totals.grandTotal,
        baseGrandTotal: o.baseTotals.grandTotal,
        totalQtyOrdered: decimal(o.totalQtyOrdered) ?? 0,
        purchasedAt: o.purchasedAt,
        createdAt: o.createdAt,
        amazon: a && {
          storeId: a.storeId,
          marketplaceId: a.marketplaceId,
          marketplaceCountry: marketplaceById(a.marketplaceId)?.country ?? null,
          amazonOrderId: a.amazonOrderId,
          amazonStatus: a.amazonStatus,
          fulfillmentChannel: a.fulfillmentChannel,
          purchaseDate: a.purchaseDate,
          latestShipDate: a.latestShipDate,
          isPrime: a.isPrime,
          isBusiness: a.isBusiness,
        },
      });
    }
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}
