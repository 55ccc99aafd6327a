/**
 * How Amazon orders arrive: the poll (job `amazon-orders.poll`, every 3 minutes per connected store, and "Import now")
 * and ORDER_CHANGE notifications (`handleOrderChange`, which the SQS consumer calls). The poll is the safety net: it
 * reads Orders 2026-01-01 `searchOrders` by `lastUpdatedAfter` up to its own upper bound (now − the Orders API's lag,
 * AMAZON_ORDERS_LAG_SECONDS), starting 5 minutes before the bound the last complete poll sent, page by page; the
 * cursor moves only after the last page, so a crash repeats the poll and the import records absorb the repeats.
 * searchOrders allows 0.0056 requests/s (burst 20): one poll every 3 minutes stays within it with pages to spare; a
 * burst of orders needs more pages than that, so a run follows pages for a bounded time and saves its progress
 * (bounds and next page's token) per page for the next run to resume.
 * Each run also gives back reservations that outlived `releaseReservationAfterDays`, and retries orders a transient
 * failure left needing attention (at most 5 attempts; then the workbench).
 */
import type { FastifyInstance } from 'fastify';
import { notFound } from '../platform/errors';
import { IMPORT_INCLUDED_DATA, readAmazonOrder, type Order2026 } from '../spapi/index';
import {
  claimRecord,
  cursorOf,
  expiredReservations,
  failedIds,
  recordByAmazonOrderId,
  recordById,
  saveCursor,
  updateRecord,
  type ImportRecord,
} from './imports.queries';
import type { ImportOutcome, OrderImporter, StoreTarget } from './importer';
import { releasePending } from './pending-stock';
import { clearPollRun, pollRunOf, savePollRun } from './poll-runs.queries';

export const POLL_JOB = 'amazon-orders.poll';
export const POLL_EVERY_MS = 180_000;
const OVERLAP_MS = 5 * 60_000;
/** A store's first poll looks back this far (or to the import start date, when later). */
const FIRST_LOOKBACK_MS = 24 * 3600_000;
const MAX_AUTO_ATTEMPTS = 5;
/**
 * How long a run keeps asking further pages (real time). Past its burst of 20, searchOrders gives a page per ~179 s,
 * so 5,000 orders take hours of pages: a run stops here and the next one resumes at the saved page.
 */
export const POLL_RUN_BOUND_MS = 6 * 60_000;
/**
 * The job's lease outlasts the longest run: the bound, one more page's wait for a token (~179 s), the imports of the
 * pages and the retries — so a second process never starts the same store's run meanwhile.
 */
export const POLL_LEASE_MS = 20 * 60_000;

// A type, not an interface: the scheduler notes the job's summary as a plain record.
export type PollSummary = {
  orders: number;
  created: number;
  updated: number;
  reserved: number;
  needsAttention: number;
  skipped: number;
  failed: number;
  released: number;
  retried: number;
  /** searchOrders pages handled. */
  pages: number;
  /** Stores whose run stopped before its last page (the next run resumes it). */
  unfinished: number;
};

const none = (): PollSummary => ({
  orders: 0,
  created: 0,
  updated: 0,
  reserved: 0,
  needsAttention: 0,
  skipped: 0,
  failed: 0,
  released: 0,
  retried: 0,
  pages: 0,
  unfinished: 0,
});

function count(s: PollSummary, o: ImportOutcome) {
  if (o.action === 'created') s.created += 1;
  else if (o.action === 'updated') s.updated += 1;
  else if (o.action === 'reserved') s.reserved += 1;
  else if (o.action === 'needs_attention') s.needsAttention += 1;
  else if (o.action === 'skipped') s.skipped += 1;
  else if (o.action === 'failed') s.failed += 1;
}

/** Amazon's status in either spelling (v0 `PartiallyShipped`/`Canceled`, 2026 `PARTIALLY_SHIPPED`/`CANCELLED`). */
const statusKey = (s: string) => s.toLowerCase().replace(/_/g, '').replace('cancelled', 'canceled');

/** What a notification says of its change: the Summary's status and the trigger's time of change. */
export interface AnnouncedChange {
  orderStatus?: string | null;
  /** `OrderChangeTrigger.TimeOfOrderChange`: the order's update time of the version the change made. */
  changedAt?: string | null;
  /** The envelope's publish time: later than the change, so only a stand-in when the trigger has no time. */
  eventTime?: string | null;
  changeType?: string | null;
}

/** Whole seconds of an ISO time: Amazon's lastUpdatedTime may come without the milliseconds the trigger carries. */
const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/**
 * The change a notification announces is in the version already applied: the record holds stock or its order, and
 * Amazon's update time of that version is later than the change (whole seconds), or the same second with the same
 * status (a status change; a buyer's request keeps the status, so only a later version holds it). Anything less
 * certain fetches the order (a notification without a time or status always does).
 */
export function alreadyApplied(rec: ImportRecord, n: AnnouncedChange): boolean {
  const changed = n.changedAt ?? n.eventTime;
  if ((rec.state !== 'imported' && rec.state !== 'reserved') || !rec.amazonUpdatedAt || !changed) return false;
  const applied = seconds(rec.amazonUpdatedAt);
  const change = seconds(changed);
  if (!Number.isFinite(applied) || !Number.isFinite(change)) return false;
  if (applied > change) return true;
  if (applied < change || n.changeType === 'BuyerRequestedChange') return false;
  return !!n.orderStatus && !!rec.amazonStatus && statusKey(n.orderStatus) === statusKey(rec.amazonStatus);
}

export class OrderIntake {
  constructor(
    private readonly app: FastifyInstance,
    private readonly importer: OrderImporter,
  ) {}

  /**
   * The job: every connected store; one store failing does not stop the others. Pages are followed until
   * POLL_RUN_BOUND_MS after the start (each store gets at least one page); the rest waits for the next run.
   */
  async pollAll(): Promise<PollSummary & { stores: number; storesFailed: number }> {
    const total = { ...none(), stores: 0, storesFailed: 0 };
    const until = Date.now() + POLL_RUN_BOUND_MS;
    for (const storeId of await this.app.stores.authorizations.connectedStoreIds()) {
      try {
        const s = await this.pollStore(storeId, { until });
        for (const k of Object.keys(s) as (keyof PollSummary)[]) total[k] += s[k];
        total.stores += 1;
      } catch (err) {
        total.storesFailed += 1;
        this.app.log.warn({ err, storeId }, 'polling Amazon orders failed; the next run starts from the same cursor');
      }
    }
    return total;
  }

  /**
   * One store: the orders Amazon updated since the cursor, then expired reservations and transient failures. A run
   * that stopped at `until` (real time) before its last page is resumed by the next one at that page, with its own
   * bounds; the cursor moves to the run's upper bound only after the last page.
   */
  async pollStore(storeId: number, opts: { pageSize?: number; until?: number } = {}): Promise<PollSummary> {
    const summary = none();
    const target = await this.importer.target(storeId);
    if (!target.settings.importOrders) return summary;
    const { syncPaused } = await this.app.stores.service.authorization(storeId);
    if (syncPaused) return summary;
    const seller = await this.app.stores.sellerContext(storeId);
    const fulfillmentTypes = [
      ...(target.settings.importMerchantFulfilled ? (['MERCHANT'] as const) : []),
      ...(target.settings.importAmazonFulfilled ? (['AMAZON'] as const) : []),
    ];
    // Import now (no bound given) is bounded too: the request must not wait hours for pages.
    const until = opts.until ?? Date.now() + POLL_RUN_BOUND_MS;
    const resumed = await pollRunOf(this.app.db, storeId);
    let after: number;
    let before: number;
    if (resumed) {
      after = Date.parse(resumed.after);
      before = Date.parse(resumed.before);
    } else {
      const now = this.app.clock.nowMs();
      // Amazon refuses an upper bound within its last two minutes; the setting adds a margin for clock skew.
      before = now - this.app.config.AMAZON_ORDERS_LAG_SECONDS * 1000;
      const cursor = await cursorOf(this.app.db, storeId);
      const start = target.settings.importStartDate ? Date.parse(target.settings.importStartDate) : 0;
      after = Math.min(cursor ? Date.parse(cursor) - OVERLAP_MS : Math.max(start, now - FIRST_LOOKBACK_MS), before - 1000);
    }
    let finished = true;
    if (fulfillmentTypes.length) {
      const pages = this.app.spapi.searchOrders(seller, {
        lastUpdatedAfter: new Date(after),
        before: new Date(before),
        fulfillmentTypes: [...fulfillmentTypes],
        includedData: IMPORT_INCLUDED_DATA,
        pageSize: opts.pageSize ?? 100,
        ...(resumed ? { paginationToken: resumed.nextToken } : {}),
      });
      let handled = resumed?.pages ?? 0;
      try {
        for await (const page of pages) {
          await this.importPage(storeId, target, page.orders, summary);
          handled += 1;
          summary.pages += 1;
          if (!page.nextToken) break;
          // Saved before the next page is asked: a run that stops (or dies) here resumes at that page.
          const run = { after: new Date(after).toISOString(), before: new Date(before).toISOString(), nextToken: page.nextToken };
          await savePollRun(this.app.db, storeId, { ...run, pages: handled }, this.app.clock.now());
          if (Date.now() >= until) {
            finished = false;
            break;
          }
        }
      } catch (err) {
        // A resumed token Amazon no longer takes must not wedge the store: the next run starts over from the cursor
        // (the pages already handled come again; the import records absorb them).
        if (resumed && summary.pages === 0) await clearPollRun(this.app.db, storeId);
        throw err;
      }
    }
    if (finished) {
      // Only after the last page, and to the bound this run sent (never Amazon's echo of it).
      await saveCursor(this.app.db, storeId, new Date(before), this.app.clock.now());
      await clearPollRun(this.app.db, storeId);
    } else summary.unfinished += 1;
    summary.released = await this.releaseExpired(storeId, target.settings.releaseReservationAfterDays);
    summary.retried = await this.retryTransient(storeId);
    return summary;
  }

  /** One searchOrders page straight into the import: the page carries all IMPORT_INCLUDED_DATA, so no getOrder. */
  private async importPage(storeId: number, target: StoreTarget, orders: readonly Order2026[], summary: PollSummary) {
    for (const raw of orders) {
      summary.orders += 1;
      let order;
      try {
        order = readAmazonOrder(raw);
      } catch (err) {
        summary.failed += 1;
        this.app.log.warn({ err, storeId }, 'an Amazon order without an id or items was left out');
        continue;
      }
      count(summary, await this.importer.importOrder(storeId, order, target));
    }
  }

  /**
   * An ORDER_CHANGE notification: the store of the seller and marketplace, the order by getOrder, imported — unless
   * the version already applied (by a poll's page, or an earlier notification) is at least as new as the change:
   * then no getOrder is spent on it (getOrder allows 0.5/s; a burst of orders would queue behind such calls).
   */
  async handleOrderChange(
    n: AnnouncedChange & {
      sellerId: string;
      amazonOrderId: string;
      marketplaceId: string | null;
    },
  ): Promise<ImportOutcome | { action: 'unknown_store' | 'not_found'; amazonOrderId: string }> {
    const storeId = await this.app.stores.service.storeIdForSeller(n.sellerId, n.marketplaceId);
    if (storeId === null) return { action: 'unknown_store', amazonOrderId: n.amazonOrderId };
    const rec = await recordByAmazonOrderId(this.app.db, n.amazonOrderId);
    if (rec && rec.storeId === storeId && alreadyApplied(rec, n)) {
      return { amazonOrderId: n.amazonOrderId, action: 'unchanged', state: rec.state, orderId: rec.orderId, reason: null };
    }
    return this.fetchAndImport(storeId, n.amazonOrderId);
  }

  async fetchAndImport(storeId: number, amazonOrderId: string): Promise<ImportOutcome | { action: 'not_found'; amazonOrderId: string }> {
    const seller = await this.app.stores.sellerContext(storeId);
    const raw = await this.app.spapi.getOrder2026(seller, amazonOrderId);
    if (!raw) return { action: 'not_found', amazonOrderId };
    return this.importer.importOrder(storeId, readAmazonOrder(raw));
  }

  /** The workbench's Retry: fetch the order again and import it. */
  async retry(recordId: number): Promise<ImportOutcome | { action: 'not_found'; amazonOrderId: string }> {
    const rec = await recordById(this.app.db, recordId);
    if (!rec) throw notFound('Amazon order import', recordId);
    return this.fetchAndImport(rec.storeId, rec.amazonOrderId);
  }

  private async releaseExpired(storeId: number, days: number): Promise<number> {
    const now = this.app.clock.now();
    let released = 0;
    for (const expired of await expiredReservations(this.app.db, storeId, new Date(now.getTime() - days * 86_400_000))) {
      await this.app.db.transaction(async (trx) => {
        const rec = await claimRecord(trx, storeId, expired.amazonOrderId, now);
        if (rec.orderId !== null || !(await releasePending(this.app, trx, rec, 'expired', now))) return;
        const note = `its stock reservation was released after ${days} day(s) without an order`;
        await updateRecord(trx, rec.id, { reason: rec.reason ? `${rec.reason}; ${note}` : note }, now);
        released += 1;
      });
    }
    return released;
  }

  private async retryTransient(storeId: number): Promise<number> {
    const ids = await failedIds(this.app.db, storeId, MAX_AUTO_ATTEMPTS, 20);
    for (const id of ids) await this.retry(id);
    return ids.length;
  }
}
