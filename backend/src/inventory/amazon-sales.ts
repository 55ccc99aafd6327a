/**
 * The Amazon sales watcher: job `inventory.amazon-sales` (every 60 s, each connected store) and "Check Amazon
 * sales now" (one store). Amazon lowers its own quantity at checkout, but a manual quantity is an Amazon-only
 * count the catalog never moves, and a custom quantity is "a fixed number, lowered only by Amazon sales" — so
 * both must learn of the sales. Each poll reads the orders Amazon updated since the store's cursor (Orders v0
 * getOrders by LastUpdatedAfter, 100 a page; getOrders allows 0.0167 req/s burst 20, hence once a minute) and
 * the items of orders not seen before, and records each order item once in `amazon_sales` (the unique key
 * absorbs the overlap between polls and concurrent runs). A new sale of a seller SKU the store lists lowers the
 * listing's manual quantity (never below 0) with an activity entry, and recomputes the desired state (a custom
 * quantity subtracts the sales since it was set, see listing-quantity.ts). A sale seen Canceled later gives back
 * what it took. A seller SKU shared by stores of one seller and region is one Amazon quantity: the sale lowers
 * the leader listing's count only (shared-skus.ts) and every sharer is recomputed.
 * The cursor is the upper bound the poll itself sent (LastUpdatedBefore = now − Amazon's two-minute lag,
 * AMAZON_ORDERS_LAG_SECONDS), saved once every page was handled — never a field of the answer, which real
 * Amazon sends as an ISO time, as epoch seconds or not at all.
 * Order import (a later issue) can read the same rows; this file only does what stock needs.
 */
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { ListingSettings } from '../../../schema/listings';
import { pushDesired } from '../listings/desired';
import { listingById, updateListings, type ListingRow } from '../listings/listings.queries';
import { storeContext, type StoreContext } from '../listings/store-context';
import { recordActivity } from '../listings/sync/activity.queries';
import { readItem, readOrder, type Order, type OrderItem, type SellerContext } from '../spapi/index';
import * as q from './amazon-sales.queries';
import { leadersFor, offeringListings, siblingStores } from './shared-skus';

export const AMAZON_SALES_JOB = 'inventory.amazon-sales';
export const AMAZON_SALES_EVERY_MS = 60_000;
/** Each poll starts this far before the last high-water mark, so an order Amazon shows late is not missed. */
const OVERLAP_MS = 5 * 60_000;
/** A store's first poll looks back this far: older sales happened before the channel watched. */
const FIRST_LOOKBACK_MS = 30 * 60_000;

// A type, not an interface: the scheduler notes the job's summary as a plain record.
export type SalesCheck = {
  /** Orders Amazon returned (the overlap shows some again). */
  orders: number;
  /** Order items recorded for the first time. */
  recorded: number;
  /** New sales of a seller SKU the store lists (its quantity recomputed). */
  applied: number;
  /** Of those, the sales that lowered a manual quantity. */
  lowered: number;
  /** Canceled sales that gave their units back to a manual quantity. */
  restored: number;
};

const none = (): SalesCheck => ({ orders: 0, recorded: 0, applied: 0, lowered: 0, restored: 0 });
const add = (to: SalesCheck, from: SalesCheck) => {
  for (const k of Object.keys(none()) as (keyof SalesCheck)[]) to[k] += from[k];
};

/** The store and the stores sharing its seller SKUs (same seller and region), gathered outside transactions. */
interface Scope {
  ctx: StoreContext;
  settings: ListingSettings;
}

/** The job: every connected store; one store failing does not stop the others. */
export async function checkAllStores(app: FastifyInstance): Promise<SalesCheck & { stores: number; failed: number }> {
  const total = { ...none(), stores: 0, failed: 0 };
  for (const storeId of await app.stores.authorizations.connectedStoreIds()) {
    try {
      add(total, await checkStoreSales(app, storeId));
      total.stores += 1;
    } catch (err) {
      total.failed += 1;
      app.log.warn({ err, storeId }, 'checking Amazon sales failed; the next run tries again from the same cursor');
    }
  }
  return total;
}

/** `pageSize`: orders per getOrders page (Amazon's maximum, 100, unless a test wants several pages). */
export async function checkStoreSales(app: FastifyInstance, storeId: number, opts: { pageSize?: number } = {}): Promise<SalesCheck> {
  const ctx = await storeContext(app, storeId);
  const seller = await app.stores.sellerContext(storeId);
  // app.* reads wait for SQLite's one connection inside a transaction: gather every store's context first.
  const scopes: Scope[] = [{ ctx, settings: await app.listings.settings.settingsFor(ctx) }];
  for (const s of await siblingStores(app.db, storeId)) {
    const sctx = await storeContext(app, s.storeId);
    scopes.push({ ctx: sctx, settings: await app.listings.settings.settingsFor(sctx) });
  }
  const now = app.clock.nowMs();
  // Amazon refuses an upper bound within its last two minutes (the setting adds a margin for clock skew).
  const before = now - app.config.AMAZON_ORDERS_LAG_SECONDS * 1000;
  const cursor = await q.cursorOf(app.db, storeId);
  const after = Math.min(cursor ? Date.parse(cursor) - OVERLAP_MS : now - FIRST_LOOKBACK_MS, before - 1000);
  const result = none();
  const pages = app.spapi.getOrders(seller, {
    lastUpdatedAfter: new Date(after),
    before: new Date(before),
    marketplaceIds: [ctx.marketplaceId],
    maxResultsPerPage: opts.pageSize ?? 100,
  });
  for await (const page of pages) {
    for (const order of page.orders) {
      result.orders += 1;
      add(result, await handleOrder(app, seller, scopes, order));
    }
  }
  // Only after every page, and to the bound this poll sent (the NextToken pins it for later pages): a failure
  // before this repeats the poll from the old cursor, and the unique key absorbs the repeats.
  await q.saveCursor(app.db, storeId, new Date(before), app.clock.now());
  return result;
}

async function handleOrder(app: FastifyInstance, seller: SellerContext, scopes: Scope[], order: Order): Promise<SalesCheck> {
  const storeId = scopes[0]!.ctx.storeId;
  const known = await q.salesOfOrder(app.db, storeId, order.AmazonOrderId);
  if (known.length) {
    const open = known.filter((s) => s.canceledAt === null);
    if (order.OrderStatus !== 'Canceled' || !open.length) return none();
    return app.db.transaction((trx) => cancelSales(app, trx, scopes, order, open));
  }
  const items = await app.spapi.getOrderItems(seller, order.AmazonOrderId);
  try {
    return await app.db.transaction((trx) => recordSales(app, trx, scopes, order, items));
  } catch (err) {
    if (q.isUniqueViolation(err)) return none(); // a concurrent run recorded (and applied) this order first
    throw err;
  }
}

async function recordSales(app: FastifyInstance, trx: Knex, scopes: Scope[], order: Order, items: OrderItem[]): Promise<SalesCheck> {
  const storeId = scopes[0]!.ctx.storeId;
  // An order first seen Canceled: Amazon has given its units back already, so it is recorded and not applied.
  const canceled = order.OrderStatus === 'Canceled';
  const r = none();
  const touched = new Set<string>();
  const facts = readOrder(order);
  for (const item of items) {
    // A Canceled order's items read QuantityOrdered 0 (their prices kept): no sale of 0 units is recorded.
    const quantity = readItem(item).quantityOrdered;
    if (!item.SellerSKU || quantity === 0) continue;
    const sale: q.NewSale = {
      storeId,
      amazonOrderId: order.AmazonOrderId,
      orderItemId: item.OrderItemId,
      sellerSku: item.SellerSKU,
      quantity,
      orderStatus: order.OrderStatus,
      purchasedAt: facts.purchasedAt ?? app.clock.now(),
      canceled,
    };
    const saleId = await q.insertSale(trx, sale, app.clock.now());
    r.recorded += 1;
    if (canceled) continue;
    const target = await targetListing(trx, storeId, sale.sellerSku);
    if (!target) continue; // not a seller SKU this store lists: recorded for order import, nothing to apply
    r.applied += 1;
    touched.add(sale.sellerSku);
    if (target.manualQty === null) continue;
    const to = Math.max(0, target.manualQty - sale.quantity);
    await updateListings(trx, [target.id], { manual_qty: to });
    await q.markApplied(trx, saleId, target.id, target.manualQty - to);
    await recordActivity(trx, {
      listingId: target.id,
      source: 'listings',
      kind: 'amazon_sale',
      summary: `Amazon sale ${order.AmazonOrderId} lowered the manual quantity ${target.manualQty} → ${to}`,
      sent: { storeId, amazonOrderId: order.AmazonOrderId, orderItemId: item.OrderItemId, quantity: sale.quantity },
    });
    r.lowered += 1;
  }
  await recompute(app, trx, scopes, [...touched]);
  return r;
}

async function cancelSales(app: FastifyInstance, trx: Knex, scopes: Scope[], order: Order, open: q.AmazonSale[]): Promise<SalesCheck> {
  const r = none();
  for (const s of open) {
    // Guarded by canceled_at: a concurrent run that canceled it first leaves nothing to give back twice.
    if (!(await q.markCanceled(trx, s.id, order.OrderStatus, app.clock.now()))) continue;
    if (s.appliedListingId === null || s.appliedQty === 0) continue;
    const l = await listingById(trx, s.appliedListingId, true);
    if (!l || l.manualQty === null) continue; // the manual count was removed since: nothing to give back to
    const to = l.manualQty + s.appliedQty;
    await updateListings(trx, [l.id], { manual_qty: to });
    await recordActivity(trx, {
      listingId: l.id,
      source: 'listings',
      kind: 'amazon_sale_canceled',
      summary: `Amazon order ${order.AmazonOrderId} was canceled: the manual quantity ${l.manualQty} → ${to}`,
      sent: { amazonOrderId: order.AmazonOrderId, orderItemId: s.orderItemId, quantity: s.appliedQty },
    });
    r.restored += 1;
  }
  // Custom quantities stop subtracting the canceled units.
  await recompute(
    app,
    trx,
    scopes,
    open.map((s) => s.sellerSku),
  );
  return r;
}

/** The listing whose count a sale of this store lowers: the store's own, or the leader of a shared seller SKU. */
async function targetListing(trx: Knex, storeId: number, sellerSku: string): Promise<ListingRow | null> {
  const [own] = await offeringListings(trx, [storeId], [sellerSku]);
  if (!own) return null;
  const leader = (await leadersFor(trx, storeId, [sellerSku])).leaders.get(sellerSku);
  return listingById(trx, (leader ?? own).id, true);
}

/** Hands the new desired state of these seller SKUs' listings in every sharing store to the sync engine. */
async function recompute(app: FastifyInstance, trx: Knex, scopes: Scope[], sellerSkus: string[]): Promise<void> {
  if (!sellerSkus.length) return;
  // Unchanged desired states are no-ops in the sync engine.
  for (const s of scopes) await pushDesired(app, trx, s.ctx, s.settings, await offeringListings(trx, [s.ctx.storeId], sellerSkus));
}
