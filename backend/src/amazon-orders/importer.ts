/**
 * `importOrder(storeId, amazonOrder)`: one Amazon order into the commerce orders, exactly once. Everything for one
 * order happens in one transaction around its import record (UNIQUE amazon_order_id, locked first), so two
 * importers of the same order — a notification and a poll, a duplicate notification, a retry — queue, and the second
 * finds the first one's work; `sales_order_amazon`'s own unique key backs it. A crash before the commit leaves nothing
 * behind, and the order is seen again (the poll's overlap and cursor, or a retry); a failure is kept as
 * `needs_attention` with its error. An older version of an order arriving after a newer one is ignored.
 */
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { ImportState, OrderImportSettings } from '../../../schema/amazon-orders';
import type { AmazonOrder } from '../spapi/index';
import { marketplaceById } from '../stores/marketplaces';
import { claimRecord, updateRecord, type ImportRecord } from './imports.queries';
import { amazonStatusText, cancelRequestNote, toNewOrder } from './order-mapping';
import { releasePending, reservePending } from './pending-stock';
import { resolveSkus } from './resolve';
import type { OrderSettingsService } from './settings.service';
import { applyUpdate } from './updates';

export type ImportAction = 'created' | 'reserved' | 'updated' | 'unchanged' | 'skipped' | 'needs_attention' | 'stale' | 'off' | 'failed';

export interface ImportOutcome {
  amazonOrderId: string;
  action: ImportAction;
  state: ImportState | null;
  orderId: number | null;
  reason: string | null;
}

/** Where a store's orders go: gathered before the transaction (SQLite has one connection). */
export interface StoreTarget {
  storeId: number;
  websiteId: number;
  storeViewId: number;
  stockId: number | null;
  marketplaceId: string;
  country: string;
  currency: string;
  settings: OrderImportSettings;
}

export const AUTHOR = 'Amazon import';
const PENDING = new Set(['PENDING', 'PENDING_AVAILABILITY']);
const PAID = new Set(['UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED']);

export class OrderImporter {
  /** Tests only: runs inside an import's transaction just before it commits (to crash between fetch and commit). */
  beforeCommit: ((trx: Knex.Transaction, o: AmazonOrder) => Promise<void>) | null = null;

  constructor(
    private readonly app: FastifyInstance,
    private readonly settings: OrderSettingsService,
  ) {}

  async target(storeId: number): Promise<StoreTarget> {
    const store = await this.app.stores.service.get(storeId);
    const settings = await this.settings.get(storeId);
    const website = (await this.app.catalog.structure.websites()).find((w) => w.code === store.website.code);
    if (!website) throw new Error(`store ${storeId}: its website ${store.website.code} does not exist`);
    const view = website.storeViews.find((v) => v.code === settings.storeViewCode) ?? website.storeViews[0];
    if (!view) throw new Error(`store ${storeId}: the website ${website.code} has no store view`);
    const marketplace = marketplaceById(store.marketplace.marketplaceId);
    return {
      storeId,
      websiteId: website.id,
      storeViewId: view.id,
      stockId: website.stockId,
      marketplaceId: store.marketplace.marketplaceId,
      country: marketplace?.country ?? store.marketplace.country,
      currency: store.marketplace.currency,
      settings,
    };
  }

  async importOrder(storeId: number, o: AmazonOrder, target?: StoreTarget): Promise<ImportOutcome> {
    const t = target ?? (await this.target(storeId));
    if (!t.settings.importOrders) return outcome(o, 'off', null, null, 'order import is off for this store');
    try {
      return await this.app.db.transaction(async (trx) => {
        const out = await this.apply(trx, t, o);
        if (this.beforeCommit) await this.beforeCommit(trx, o);
        return out;
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.app.log.warn({ err, storeId, amazonOrderId: o.orderId }, 'importing an Amazon order failed; kept as needing attention');
      const now = this.app.clock.now();
      return this.app.db.transaction(async (trx) => {
        const rec = await claimRecord(trx, storeId, o.orderId, now);
        const imported = rec.orderId !== null;
        await updateRecord(
          trx,
          rec.id,
          {
            attempts: rec.attempts + 1,
            lastError: message,
            ...(imported ? {} : { state: 'needs_attention', reason: `the import failed: ${message}` }),
          },
          now,
        );
        return outcome(o, 'failed', imported ? rec.state : 'needs_attention', rec.orderId, message);
      });
    }
  }

  private async apply(trx: Knex.Transaction, t: StoreTarget, o: AmazonOrder): Promise<ImportOutcome> {
    const now = this.app.clock.now();
    const rec = await claimRecord(trx, t.storeId, o.orderId, now);
    if (rec.amazonUpdatedAt && o.updatedAt && Date.parse(o.updatedAt) < Date.parse(rec.amazonUpdatedAt)) {
      return outcome(
        o,
        'stale',
        rec.state,
        rec.orderId,
        `Amazon's version of ${o.updatedAt} is older than the one applied (${rec.amazonUpdatedAt})`,
      );
    }
    const channel = o.fulfilledBy === 'AMAZON' ? 'AFN' : 'MFN';
    const seen = { amazonStatus: amazonStatusText(o), amazonUpdatedAt: o.updatedAt, fulfillmentChannel: channel } as const;
    if (rec.orderId !== null) {
      const changed = await applyUpdate(this.app, trx, rec, o, t.settings);
      await updateRecord(trx, rec.id, { ...seen, ...(changed.cancelRequested ? { cancelRequestedAt: now.toISOString() } : {}) }, now);
      return outcome(o, changed.any ? 'updated' : 'unchanged', 'imported', rec.orderId, null);
    }
    const mark = async (state: ImportState, reason: string | null, extra: Parameters<typeof updateRecord>[2] = {}) => {
      await updateRecord(trx, rec.id, { ...seen, state, reason, attempts: rec.attempts + 1, lastError: null, ...extra }, now);
      return outcome(
        o,
        state === 'needs_attention' ? 'needs_attention' : state === 'reserved' ? 'reserved' : 'skipped',
        state,
        null,
        reason,
      );
    };
    const skip = async (reason: string) => {
      await releasePending(this.app, trx, rec, 'canceled', now);
      return mark('skipped', reason);
    };
    if (channel === 'AFN' && !t.settings.importAmazonFulfilled) return skip('Amazon-fulfilled orders are not imported (order settings)');
    if (channel === 'MFN' && !t.settings.importMerchantFulfilled)
      return skip('merchant-fulfilled orders are not imported (order settings)');
    const start = t.settings.importStartDate;
    if (start && o.createdAt && Date.parse(o.createdAt) < Date.parse(start)) {
      return skip(`placed ${o.createdAt}, before the import start date ${start}`);
    }
    const status = o.status;
    if (status === 'CANCELLED') return skip('canceled on Amazon before it was imported');
    if (status === 'UNFULFILLABLE') return skip('Amazon marked it unfulfillable before it was imported');
    if (status === null) return mark('needs_attention', 'Amazon sent no fulfillment status for this order');
    const resolution = await resolveSkus(this.app, trx, t.storeId, o);
    // An order older than the reservation's lifetime holds nothing: once the poll gave its stock back, a later sighting
    // (a late notification, the poll's overlap) must not take it again.
    const lifetimeMs = t.settings.releaseReservationAfterDays * 86_400_000;
    const mayHold = channel === 'MFN' && !(o.createdAt && Date.parse(o.createdAt) <= now.getTime() - lifetimeMs);
    if (PENDING.has(status)) {
      if (resolution.problems.length) return mark('needs_attention', resolution.problems.join('; '), { unknownSkus: resolution.unknown });
      if (mayHold && t.settings.reservePending) await reservePending(this.app, trx, rec, o, resolution.skus, t.stockId, now);
      return mark('reserved', 'waiting for payment (Pending on Amazon)', { unknownSkus: [] });
    }
    if (!PAID.has(status)) return mark('needs_attention', `Amazon status ${status} is not one the import knows`);
    if (resolution.problems.length) {
      // A paid order that cannot be created yet still holds its stock until it is, or the reservation expires.
      if (mayHold && resolution.skus.size) await reservePending(this.app, trx, rec, o, resolution.skus, t.stockId, now);
      return mark('needs_attention', resolution.problems.join('; '), { unknownSkus: resolution.unknown });
    }
    return this.create(trx, t, rec, o, resolution.skus, now);
  }

  private async create(
    trx: Knex.Transaction,
    t: StoreTarget,
    rec: ImportRecord,
    o: AmazonOrder,
    skus: Map<string, string>,
    now: Date,
  ): Promise<ImportOutcome> {
    const channel = o.fulfilledBy === 'AMAZON' ? 'AFN' : 'MFN';
    let customerId: number | null = null;
    if (t.settings.customerMode === 'create_account' && o.buyerEmail) {
      const names = o.buyerName?.trim().split(/\s+/) ?? [];
      const { customer } = await this.app.sales.customers.findOrCreate(trx, t.websiteId, {
        email: o.buyerEmail,
        firstname: names.length > 1 ? names.slice(0, -1).join(' ') : null,
        lastname: names.length ? names[names.length - 1]! : null,
      });
      customerId = customer.id;
    }
    const input = toNewOrder(o, t.settings, { ...t, skus, customerId });
    // The pending reservation is given back as the order's own takes over (same transaction: salable quantity nets out).
    await releasePending(this.app, trx, rec, 'created', now);
    const created = await this.app.sales.orders.create(trx, input);
    let orderId: number;
    if (created.ok) orderId = created.orderId;
    else if (created.error === 'duplicate_amazon_order_id' && typeof created.details?.orderId === 'number')
      orderId = created.details.orderId;
    else {
      await updateRecord(
        trx,
        rec.id,
        {
          state: 'needs_attention',
          reason: `the order could not be created: ${created.message}`,
          attempts: rec.attempts + 1,
          amazonStatus: amazonStatusText(o),
          amazonUpdatedAt: o.updatedAt,
          fulfillmentChannel: channel,
        },
        now,
      );
      return outcome(o, 'needs_attention', 'needs_attention', null, created.message);
    }
    if (created.ok && t.settings.createInvoice) {
      // Amazon took the payment: the whole order is billed, in the order's transaction (a refusal here is a bug,
      // so it throws and the import rolls back whole, to be retried).
      const invoice = await this.app.sales.invoices.create(trx, orderId, {
        source: 'amazon',
        author: AUTHOR,
        comment: 'paid through Amazon',
      });
      if (!invoice.ok) throw new Error(`the invoice could not be created: ${invoice.message}`);
    }
    if (created.ok && (o.status === 'SHIPPED' || channel === 'AFN')) {
      // Already shipped on Amazon (or shipped by Amazon): it comes in shipped, its reservation given back.
      await this.app.sales.orders.transition(trx, orderId, 'ship', {
        status: t.settings.statusMapping.shipped,
        comment: channel === 'AFN' ? 'Fulfilled by Amazon.' : 'Amazon shows the order shipped.',
        author: AUTHOR,
      });
    } else if (created.ok && o.status === 'PARTIALLY_SHIPPED') {
      await this.app.sales.amazonUpdates.history(trx, orderId, 'Amazon shows the order partially shipped.', AUTHOR);
    }
    const requested = o.items.find((i) => i.buyerRequestedCancel);
    if (requested) await this.app.sales.amazonUpdates.history(trx, orderId, cancelRequestNote(requested.cancelReason), AUTHOR);
    await updateRecord(
      trx,
      rec.id,
      {
        state: 'imported',
        reason: null,
        orderId,
        attempts: rec.attempts + 1,
        lastError: null,
        unknownSkus: [],
        amazonStatus: amazonStatusText(o),
        amazonUpdatedAt: o.updatedAt,
        fulfillmentChannel: channel,
        ...(requested ? { cancelRequestedAt: now.toISOString() } : {}),
      },
      now,
    );
    return outcome(o, created.ok ? 'created' : 'unchanged', 'imported', orderId, null);
  }
}

function outcome(
  o: AmazonOrder,
  action: ImportAction,
  state: ImportState | null,
  orderId: number | null,
  reason: string | null,
): ImportOutcome {
  return { amazonOrderId: o.orderId, action, state, orderId, reason };
}
