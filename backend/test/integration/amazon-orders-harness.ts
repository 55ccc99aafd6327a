/**
 * What the Amazon order import tests share: the listings harness (a store connected to the simulator's seller
 * A2SIMOUTDOOR01 in the US, catalog products BOTTLE, BOWL… with 10 units each), and short ways to buy as a shopper,
 * replay a real-shaped Orders 2026-01-01 order, read salable quantities, the import record and the commerce order.
 */
import assert from 'node:assert/strict';
import { startListingsHarness, type ListingsHarness } from './listings-harness';

export const SELLER = 'A2SIMOUTDOOR01';
export const US = 'ATVPDKIKX0DER';

// Database rows as knex reads them, column by column (the engines differ in number and boolean types).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;
type Reply = Promise<{ statusCode: number; body: string; json<U = unknown>(): U }>;

export interface OrdersHarness {
  h: ListingsHarness;
  stockId: number;
  ok<T>(res: Reply): Promise<T>;
  /** A shopper's purchase on Amazon (the listing must be BUYABLE); returns the new Amazon order id. */
  buy(sku: string, quantity: number): Promise<string>;
  /** Replays an Orders 2026-01-01 order as Amazon answers getOrder (201 expected). */
  replay(order: Record<string, unknown>): Promise<void>;
  salable(sku: string): Promise<number>;
  settings(patch: Record<string, unknown>): Promise<unknown>;
  /** What an ORDER_CHANGE notification does, without the queue. */
  notify(amazonOrderId: string): Promise<{ action: string }>;
  poll(): Promise<Record<string, number>>;
  record(amazonOrderId: string): Promise<Row | undefined>;
  ordersOf(amazonOrderId: string): Promise<Row[]>;
  /** The Amazon link (`sales_order_amazon`) of an Amazon order's commerce order (exactly one expected). */
  link(amazonOrderId: string): Promise<Row>;
  /** The commerce order of an Amazon order (exactly one expected). */
  order(amazonOrderId: string): Promise<Row>;
  history(orderId: number): Promise<string[]>;
}

export async function startOrdersHarness(): Promise<OrdersHarness> {
  const h = await startListingsHarness();
  const ok = async <T>(res: Reply) => {
    const r = await res;
    assert.ok(r.statusCode < 300, `${r.statusCode} ${r.body}`);
    return r.json<T>();
  };
  const control201 = async (path: string, body: unknown) => {
    try {
      await h.control('POST', path, body);
    } catch (err) {
      if (!/→ 201 /.test((err as Error).message)) throw err;
    }
  };
  const knex = h.db.knex;
  const ordersOf = (id: string) => knex('sales_order_amazon').where({ amazon_order_id: id });
  const stockId = (await h.app.catalog.structure.websites()).find((w) => w.code === 'base')!.stockId!;
  const oh: OrdersHarness = {
    h,
    stockId,
    ok,
    async buy(sku, quantity) {
      const known = new Set(h.sim.sim.world.sellers.get(SELLER)!.orders.keys());
      await control201('/_simulator/shopper/orders', { sellerId: SELLER, marketplaceId: US, sku, quantity });
      return [...h.sim.sim.world.sellers.get(SELLER)!.orders.keys()].find((id) => !known.has(id))!;
    },
    replay: (order) => control201('/_simulator/orders', { sellerId: SELLER, order: { order } }),
    salable: async (sku) => (await h.app.catalog.inventory.salableQty([sku], stockId)).get(sku)!.salableQty,
    settings: (patch) => ok(h.api({ method: 'PUT', url: `/api/stores/${h.storeId}/order-settings`, payload: patch })),
    notify: (amazonOrderId) => h.app.amazonOrders.handleOrderChange({ sellerId: SELLER, amazonOrderId, marketplaceId: US }),
    poll: () => ok(h.api({ method: 'POST', url: `/api/stores/${h.storeId}/amazon-orders/import` })),
    record: (id) => knex('amazon_order_imports').where({ amazon_order_id: id }).first(),
    ordersOf,
    async link(id) {
      const links = await ordersOf(id);
      assert.equal(links.length, 1, `one order for ${id}`);
      return links[0]!;
    },
    async order(id) {
      return knex('sales_orders')
        .where({ id: (await oh.link(id)).order_id })
        .first();
    },
    history: async (orderId) =>
      (await knex('sales_order_status_history').where({ order_id: orderId }).orderBy('id')).map(
        (e: { comment: string | null }) => e.comment ?? '',
      ),
  };
  // The scenario's seeded orders are older: the import starts a minute before now.
  await oh.settings({ importStartDate: new Date(h.sim.clock.nowMs() - 60_000).toISOString() });
  return oh;
}

/** Amazon's time form (whole seconds). */
export const amazonTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const usd = (amount: string) => ({ amount, currencyCode: 'USD' });

export interface ItemSpec {
  sku: string;
  quantity: number;
  unitPrice: string;
  tax?: string;
  shipped?: number;
}

/**
 * An Orders 2026-01-01 order as getOrder answers it with FULFILLMENT, BUYER, RECIPIENT and PROCEEDS: `extra` adds or
 * replaces top-level blocks (programs, associatedOrders, tax…).
 */
export function order2026(
  orderId: string,
  atMs: number,
  status: string,
  items: ItemSpec[],
  extra: Record<string, unknown> = {},
  fulfilledBy: 'MERCHANT' | 'AMAZON' = 'MERCHANT',
): Record<string, unknown> {
  const cents = (s: string | undefined) => Math.round(Number(s ?? 0) * 100);
  const total = items.reduce((n, i) => n + cents(i.unitPrice) * i.quantity + cents(i.tax), 0);
  return {
    orderId,
    createdTime: amazonTime(atMs),
    lastUpdatedTime: amazonTime(atMs),
    salesChannel: { channelName: 'AMAZON', marketplaceId: US, marketplaceName: 'Amazon.com' },
    buyer: { buyerName: 'Jordan Rivers', ...(fulfilledBy === 'MERCHANT' ? { buyerEmail: `${orderId}@marketplace.amazon.com` } : {}) },
    recipient: {
      deliveryAddress: {
        name: 'Jordan Rivers',
        addressLine1: '742 Evergreen Terrace',
        city: 'Springfield',
        stateOrRegion: 'OR',
        postalCode: '97477',
        countryCode: 'US',
      },
    },
    proceeds: { grandTotal: usd((total / 100).toFixed(2)) },
    fulfillment: { fulfillmentStatus: status, fulfilledBy, fulfillmentServiceLevel: 'STANDARD' },
    orderItems: items.map((i, n) => ({
      orderItemId: `${orderId.replace(/-/g, '').slice(-10)}${n}`,
      quantityOrdered: i.quantity,
      product: { asin: 'B0SIM00001', title: i.sku, sellerSku: i.sku, price: { unitPrice: usd(i.unitPrice) } },
      proceeds: {
        breakdowns: [
          { type: 'ITEM', subtotal: usd(((cents(i.unitPrice) * i.quantity) / 100).toFixed(2)) },
          ...(i.tax ? [{ type: 'TAX', subtotal: usd(i.tax) }] : []),
        ],
      },
      fulfillment: { quantityFulfilled: i.shipped ?? 0, quantityUnfulfilled: i.quantity - (i.shipped ?? 0) },
    })),
    ...extra,
  };
}
