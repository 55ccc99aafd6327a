/**
 * The world of the orders benchmark: the whole app with a connected US store against the in-process simulator
 * (sync harness), a small catalog with Active listings the import maps by seller SKU, purchases through the
 * simulator's shopper control plane, and what the channel holds (import records, sales orders) per Amazon order id.
 */
import type { SyncHarness } from '../../../backend/test/integration/listings-sync-harness';
import { SELLER, startSyncHarness, US } from '../../../backend/test/integration/listings-sync-harness';
import { seedStockedListings } from './stocked-listings';

export interface Purchase {
  amazonOrderId: string;
  /** Simulator clock (ms) just before the purchase was sent. */
  boughtAt: number;
  /** When Amazon marks it paid (Pending → Unshipped), as the simulator records it (ms). */
  paidAt: number;
}

export interface OrdersWorld {
  h: SyncHarness;
  skus: string[];
  buy(sku?: string): Promise<Purchase>;
  /** Of these ids, those with a sales order (`sales_order_amazon`). */
  withOrder(ids: readonly string[]): Promise<Set<string>>;
  /** Of these ids, those whose import record holds stock or has its order (`reserved` / `imported`). */
  reservedOrImported(ids: readonly string[]): Promise<Set<string>>;
  /** The simulator's SP-API call counters, per operation. */
  calls(): Record<string, number>;
}

const CHUNK = 500;

export async function startOrdersWorld(opts: {
  notifications: boolean;
  skus: number;
  quantity: number;
  pendingSeconds: number;
}): Promise<OrdersWorld> {
  const h = await startSyncHarness({ config: { AMAZON_NOTIFICATIONS: opts.notifications ? 'on' : 'off', LOG_LEVEL: 'warn' } });
  await h.control('POST', '/_simulator/settings', {
    feedProcessingSeconds: 0,
    listingProcessingDelaySeconds: 0,
    orderPendingSeconds: opts.pendingSeconds,
    notificationDelaySeconds: 0,
    notificationDuplicates: 0,
    notificationReorder: 0,
  });
  const { skus } = await seedStockedListings(h, opts.skus, 'ORD', opts.quantity);
  // The scenario's own older orders are not part of the measure: the import starts now.
  const res = await h.as(h.admin)({
    method: 'PUT',
    url: `/api/stores/${h.storeId}/order-settings`,
    payload: { importStartDate: new Date(h.sim.clock.nowMs() - 60_000).toISOString() },
  });
  if (res.statusCode !== 200) throw new Error(`order settings: ${res.statusCode} ${res.body}`);
  if (opts.notifications) {
    // The store's subscription is the stores domain's (notificationSubscriptions, on connect and by its periodic
    // check); the harness connects the store without that event, so its follower is asked here as a connect would.
    // Under inject the server never listens, so the consumer is started here as onListen would.
    await h.app.notificationSubscriptions.settled();
    const subscribed = await h.app.notificationSubscriptions.state(h.storeId);
    if (!subscribed.subscribed && !(await h.app.notificationSubscriptions.subscribe(h.storeId)))
      throw new Error('ORDER_CHANGE subscription failed');
    h.app.notifications.start();
  }
  const db = h.db.knex;
  const inChunks = async (ids: readonly string[], read: (chunk: string[]) => Promise<{ amazon_order_id: string }[]>) => {
    const out = new Set<string>();
    for (let i = 0; i < ids.length; i += CHUNK) for (const r of await read(ids.slice(i, i + CHUNK))) out.add(String(r.amazon_order_id));
    return out;
  };
  let next = 0;
  return {
    h,
    skus,
    async buy(sku) {
      const boughtAt = h.sim.clock.nowMs();
      const r = await h.control<{ amazonOrderId: string; pendingUntil: string }>('POST', '/_simulator/shopper/orders', {
        sellerId: SELLER,
        marketplaceId: US,
        sku: sku ?? skus[next++ % skus.length],
        quantity: 1,
      });
      return { amazonOrderId: r.amazonOrderId, boughtAt, paidAt: Date.parse(r.pendingUntil) };
    },
    withOrder: (ids) => inChunks(ids, (c) => db('sales_order_amazon').whereIn('amazon_order_id', c).select('amazon_order_id')),
    reservedOrImported: (ids) =>
      inChunks(ids, (c) =>
        db('amazon_order_imports').whereIn('amazon_order_id', c).whereIn('state', ['reserved', 'imported']).select('amazon_order_id'),
      ),
    calls: () => ({ ...(h.sim.state().counters as { calls: Record<string, number> }).calls }),
  };
}

/** Amazon's documented limits of Orders 2026-01-01 (the simulator enforces the same on its clock). */
export const SEARCH_ORDERS = { rate: 0.0056, burst: 20, pageSize: 100 };
export const GET_ORDER = { rate: 0.5, burst: 30 };

/**
 * The least time in which `n` orders, all paid at t = 0, can be read at these limits: getOrder (one order a call)
 * from t = 0, searchOrders (up to 100 a page) once Amazon's Orders API lag has passed, both buckets full at the
 * start and used to the last token. Seconds.
 */
export function minimumImportSeconds(n: number, lagSeconds: number): { seconds: number; pages: number; getOrders: number } {
  let g = GET_ORDER.burst;
  let s = SEARCH_ORDERS.burst;
  let got = 0;
  let pages = 0;
  let getOrders = 0;
  for (let t = 0; ; t++) {
    if (t > 0) {
      g = Math.min(GET_ORDER.burst, g + GET_ORDER.rate);
      s = Math.min(SEARCH_ORDERS.burst, s + SEARCH_ORDERS.rate);
    }
    if (t >= lagSeconds)
      while (s >= 1 && got < n) {
        s -= 1;
        pages += 1;
        got += Math.min(SEARCH_ORDERS.pageSize, n - got);
      }
    while (g >= 1 && got < n) {
      g -= 1;
      getOrders += 1;
      got += 1;
    }
    if (got >= n) return { seconds: t, pages, getOrders };
  }
}
