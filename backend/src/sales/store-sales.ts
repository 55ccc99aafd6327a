/**
 * What an Amazon store sold, for its card and dashboard: order count, units and revenue for the last 7 and 30
 * days and lifetime, the 30-day chart (revenue and orders per day) and the 5 most recent orders. Read from
 * `sales_orders` joined to `sales_order_amazon` by store (the index on store_id, purchase_date serves the date
 * range); canceled orders are left out. Days are UTC calendar days of Amazon's purchase date: one boundary for
 * every marketplace, and the same on both engines (a marketplace's local day would need time-zone tables on MySQL).
 * Also the "new orders since" count the new-orders notice uses.
 */
import type { Knex } from 'knex';
import { fromDbTime } from '../db/time';

export interface SalesFigures {
  orders: number;
  units: number;
  revenue: number;
}

export interface SalesDay {
  /** YYYY-MM-DD (UTC). */
  date: string;
  amount: number;
  orders: number;
}

export interface RecentOrder {
  id: number;
  incrementId: string;
  amazonOrderId: string;
  purchasedAt: string;
  status: string;
  grandTotal: number;
  currency: string;
}

export interface StoreSales {
  last7Days: SalesFigures;
  last30Days: SalesFigures;
  lifetime: SalesFigures;
  /** 30 entries, oldest first, days without orders at 0. */
  series: SalesDay[];
  recentOrders: RecentOrder[];
}

export const CHART_DAYS = 30;
export const RECENT_ORDERS = 5;
const DAY_MS = 86_400_000;

/** The UTC dates of the chart's days ending today, oldest first. */
export function chartDays(now: Date, days = CHART_DAYS): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

const num = (v: unknown) => Number(v ?? 0);
const round = (n: number) => Math.round(n * 10_000) / 10_000;

/** A store's Amazon orders that count as sales (not canceled). */
function storeOrders(db: Knex, storeId: number) {
  return db('sales_order_amazon as sao')
    .join('sales_orders as o', 'o.id', 'sao.order_id')
    .where('sao.store_id', storeId)
    .whereNot('o.state', 'canceled');
}

type SumRow = { day?: unknown; orders: unknown; units: unknown; revenue: unknown };

function figures(rows: SumRow[]): SalesFigures {
  return rows.reduce<SalesFigures>(
    (sum, r) => ({
      orders: sum.orders + num(r.orders),
      units: round(sum.units + num(r.units)),
      revenue: round(sum.revenue + num(r.revenue)),
    }),
    { orders: 0, units: 0, revenue: 0 },
  );
}

const sums = (db: Knex) => [
  db.raw('count(*) as orders'),
  db.raw('coalesce(sum(o.total_qty_ordered), 0) as units'),
  db.raw('coalesce(sum(o.grand_total), 0) as revenue'),
];

export async function storeSales(db: Knex, storeId: number, now: Date): Promise<StoreSales> {
  const days = chartDays(now);
  // substr of the stored time text (a DATETIME reads as that text on MySQL too) is its UTC date on both engines.
  const day = db.raw('substr(sao.purchase_date, 1, 10)');
  const [daily, lifetime, recent] = await Promise.all([
    storeOrders(db, storeId)
      .where('sao.purchase_date', '>=', `${days[0]} 00:00:00.000`)
      .select({ day }, ...sums(db))
      .groupBy(day),
    storeOrders(db, storeId).select(...sums(db)),
    storeOrders(db, storeId)
      .orderBy([
        { column: 'sao.purchase_date', order: 'desc' },
        { column: 'o.id', order: 'desc' },
      ])
      .limit(RECENT_ORDERS)
      .select('o.id', 'o.increment_id', 'sao.amazon_order_id', 'sao.purchase_date', 'o.status', 'o.grand_total', 'o.order_currency_code'),
  ]);
  const byDay = new Map((daily as SumRow[]).map((r) => [String(r.day), r]));
  const series = days.map((date) => ({ date, amount: round(num(byDay.get(date)?.revenue)), orders: num(byDay.get(date)?.orders) }));
  const inDays = (n: number) => figures(days.slice(-n).flatMap((d) => (byDay.has(d) ? [byDay.get(d)!] : [])));
  return {
    last7Days: inDays(7),
    last30Days: inDays(CHART_DAYS),
    lifetime: figures(lifetime as SumRow[]),
    series,
    recentOrders: recent.map((r) => ({
      id: Number(r.id),
      incrementId: String(r.increment_id),
      amazonOrderId: String(r.amazon_order_id),
      purchasedAt: fromDbTime(r.purchase_date)!,
      status: String(r.status),
      grandTotal: num(r.grand_total),
      currency: String(r.order_currency_code),
    })),
  };
}

/**
 * Amazon orders of the store that arrived after `afterOrderId` (ids grow with every order created, so "after the
 * last one announced" is an id comparison), canceled ones included: they arrived too.
 */
export async function amazonOrdersAfter(db: Knex, storeId: number, afterOrderId: number): Promise<{ count: number; lastOrderId: number }> {
  const row = await db('sales_order_amazon')
    .where('store_id', storeId)
    .where('order_id', '>', afterOrderId)
    .first(db.raw('count(*) as n'), db.raw('max(order_id) as last_id'));
  return { count: num(row?.n), lastOrderId: row?.last_id == null ? afterOrderId : Number(row.last_id) };
}
