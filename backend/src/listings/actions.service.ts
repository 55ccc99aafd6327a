/**
 * What admins do to listings: publish (again), end, delete (permanent), unlink, re-attempt match, resolve a
 * match (pick or enter an ASIN, set a condition), overrides, the manual quantity, Update quantity. Each
 * listing's change is one transaction with its activity entry, audit record and the desired state handed to
 * the sync engine; a mass action reports which listings were done and why others were skipped.
 */
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { ListingSettings, ListingStatus } from '../../../schema/listings';
import { conditionWords } from '../../../schema/words';
import type { AuditActor } from '../audit/index';
import { toDbTime } from '../db/time';
import { AppError, conflict, invalid, notFound } from '../platform/errors';
import { productFacts } from './catalog-reads';
import { recordQtyUpdate } from '../inventory/qty-updates';
import { offersOnAmazon, pushDesired } from './desired';
import { transition, type ListingEvent } from './lifecycle';
import { deleteListings, listingById, updateListings, type ListingColumns, type ListingRow } from './listings.queries';
import { conditionOf } from './pipelines';
import type { ListingSettingsService } from './settings.service';
import { storeContext, type StoreContext } from './store-context';
import { recordActivity } from './sync/activity.queries';
import { syncOf } from './sync-contract';

export type MassAction = 'publish' | 'end' | 'rematch' | 'delete' | 'set_overrides' | 'clear_overrides' | 'update_quantity';

export interface OverridesInput {
  price?: string | null;
  handlingTimeDays?: number | null;
  condition?: string | null;
  conditionNote?: string | null;
  manualQuantity?: number | null;
}

export interface MassResult {
  done: number[];
  skipped: { id: number; reason: string }[];
}

interface Prepared {
  ctx: StoreContext;
  settings: ListingSettings;
}

export class ListingActions {
  constructor(
    private readonly app: FastifyInstance,
    private readonly settings: ListingSettingsService,
    private readonly wakeMatching: () => void,
  ) {}

  private async prepare(storeId: number): Promise<Prepared> {
    const ctx = await storeContext(this.app, storeId);
    return { ctx, settings: await this.settings.settingsFor(ctx) };
  }

  private async load(storeId: number, id: number): Promise<ListingRow> {
    const l = await listingById(this.app.db, id);
    if (!l || l.storeId !== storeId) throw notFound('Listing', id);
    return l;
  }

  /** Runs one listing's change in a transaction, re-reading the row under lock. */
  private async change(
    actor: AuditActor,
    p: Prepared,
    id: number,
    action: string,
    work: (trx: Knex, l: ListingRow) => Promise<{ summary: string; push?: ListingRow | null; details?: unknown }>,
  ): Promise<void> {
    await this.app.db.transaction(async (trx) => {
      const l = await listingById(trx, id, true);
      if (!l || l.storeId !== p.ctx.storeId) throw notFound('Listing', id);
      const out = await work(trx, l);
      if (out.push) await pushDesired(this.app, trx, p.ctx, p.settings, [out.push]);
      if (out.push !== null)
        await recordActivity(trx, { listingId: id, source: 'listings', kind: action, summary: out.summary, sent: out.details });
      await this.app.audit.record(
        actor,
        { action: `listing.${action}`, entityType: 'listing', entityId: id, details: out.details ?? { summary: out.summary } },
        trx,
      );
    });
  }

  private step(l: ListingRow, event: ListingEvent): ListingStatus | 'removed' {
    const t = transition(l.status, event, { hasAsin: !!l.asin, linkedFromAmazon: l.linkedFromAmazon, published: l.publishedAt !== null });
    if (!t.ok) throw conflict(t.reason, { status: l.status, event });
    return t.to;
  }

  async publish(actor: AuditActor, storeId: number, id: number): Promise<void> {
    await this.load(storeId, id);
    const p = await this.prepare(storeId);
    await this.change(actor, p, id, 'publish', async (trx, l) => {
      const to = this.step(l, 'publish') as ListingStatus;
      const now = toDbTime();
      await updateListings(trx, [id], { status: to, status_reason: null, published_at: now });
      await pushDesired(this.app, trx, p.ctx, p.settings, [{ ...l, status: to, publishedAt: now }]);
      // After a refusal the same desired state would not be sent again by itself.
      if (l.status === 'error') await syncOf(this.app)?.requeue?.(trx, [id]);
      return { summary: 'Publish asked: sending the offer to Amazon' };
    });
  }

  async end(actor: AuditActor, storeId: number, id: number): Promise<void> {
    await this.load(storeId, id);
    const p = await this.prepare(storeId);
    await this.change(actor, p, id, 'end', async (trx, l) => {
      const to = this.step(l, 'end') as ListingStatus;
      await updateListings(trx, [id], { status: to, status_reason: 'Ended by an admin: quantity 0 on Amazon' });
      return { summary: 'End Listing asked: quantity 0 on Amazon', push: { ...l, status: to } };
    });
  }

  async delete(actor: AuditActor, storeId: number, id: number): Promise<{ removed: boolean }> {
    await this.load(storeId, id);
    const p = await this.prepare(storeId);
    let removed = false;
    await this.change(actor, p, id, 'delete', async (trx, l) => {
      const to = this.step(l, 'delete');
      const children = (await trx('listings').where('parent_listing_id', id).pluck('id')).map(Number);
      if (to === 'removed') {
        await deleteListings(trx, [...children, id]);
        removed = true;
        return { summary: 'Deleted (it was never on Amazon)', push: null, details: { sku: l.sku, sellerSku: l.sellerSku } };
      }
      await updateListings(trx, [...children, id], { status: 'deleting', status_reason: 'Being removed from Amazon for good' });
      for (const c of children) {
        const child = await listingById(trx, c);
        if (child) await pushDesired(this.app, trx, p.ctx, p.settings, [{ ...child, status: 'deleting' }]);
      }
      return { summary: 'Delete asked: removing the listing from Amazon for good', push: { ...l, status: 'deleting' } };
    });
    return { removed };
  }

  async unlink(actor: AuditActor, storeId: number, id: number): Promise<void> {
    await this.load(storeId, id);
    const p = await this.prepare(storeId);
    await this.change(actor, p, id, 'unlink', async (trx, l) => {
      this.step(l, 'unlink');
      // Amazon keeps the offer as it is; we stop syncing it and show it as an unmanaged existing listing.
      await trx('third_party_listings').where({ store_id: storeId, listing_id: id }).update({ state: 'unmanaged', listing_id: null });
      await deleteListings(trx, [id]);
      return { summary: 'Unlinked', push: null, details: { sku: l.sku, sellerSku: l.sellerSku, asin: l.asin } };
    });
  }

  async rematch(actor: AuditActor, storeId: number, id: number): Promise<void> {
    await this.load(storeId, id);
    const p = await this.prepare(storeId);
    await this.change(actor, p, id, 'rematch', async (trx, l) => {
      const to = this.step(l, 'rematch') as ListingStatus;
      await updateListings(trx, [id], { status: to, status_reason: null, match_candidates: null });
      return { summary: 'Re-attempt match asked' };
    });
    this.wakeMatching();
  }

  /** Pick one of the matches or enter an ASIN, and/or set a condition. */
  async resolve(actor: AuditActor, storeId: number, id: number, input: { asin?: string; condition?: string }): Promise<void> {
    const current = await this.load(storeId, id);
    const p = await this.prepare(storeId);
    let productType: string | null = null;
    if (input.asin) productType = await this.checkAsin(storeId, p.ctx.marketplaceId, input.asin, current);
    const condAttr = p.settings.condition.mode === 'attribute' ? p.settings.condition.attribute : null;
    const facts = current.productId ? await productFacts(this.app.db, [current.productId], condAttr ? [condAttr] : []) : new Map();
    const attrValue = condAttr && current.productId ? (facts.get(current.productId)?.attributes[condAttr] ?? null) : null;
    await this.change(actor, p, id, 'resolve', async (trx, l) => {
      const asin = input.asin ?? l.asin;
      const cond = conditionOf(p.settings.condition, attrValue, { condition: input.condition ?? l.overrideCondition, note: null });
      const columns: ListingColumns = {};
      if (input.asin) Object.assign(columns, { asin: input.asin, amazon_product_type: productType ?? l.amazonProductType });
      if (input.condition) Object.assign(columns, { override_condition: input.condition, has_overrides: 1 });
      let to: ListingStatus = l.status;
      if (!cond.condition) {
        to = 'missing_condition';
        columns.status_reason = 'No condition: set one for this listing';
      } else {
        to = this.step({ ...l, asin }, 'resolve') as ListingStatus;
        columns.status_reason = null;
        columns.match_candidates = null;
        if (p.settings.listAutomatically) {
          to = 'list_in_progress';
          columns.published_at = toDbTime();
        }
      }
      columns.status = to;
      await updateListings(trx, [id], columns);
      const next = {
        ...l,
        status: to,
        asin,
        amazonProductType: (columns.amazon_product_type as string | null) ?? l.amazonProductType,
        overrideCondition: input.condition ?? l.overrideCondition,
        publishedAt: (columns.published_at as string) ?? l.publishedAt,
      };
      return {
        summary: `Resolved${input.asin ? `: ASIN ${input.asin}` : ''}${input.condition ? `, condition ${conditionWords(input.condition)}` : ''}`,
        push: next,
        details: input,
      };
    });
  }

  /** The ASIN must exist in the marketplace (when the store can ask Amazon); returns its product type. */
  private async checkAsin(storeId: number, marketplaceId: string, asin: string, l: ListingRow): Promise<string | null> {
    const picked = l.candidates.find((c) => c.asin === asin);
    if (picked) return picked.productType;
    const seller = await this.app.stores.sellerContext(storeId).catch(() => null);
    if (!seller) return null;
    const item = await this.app.spapi.getCatalogItem(seller, asin, {
      marketplaceIds: [marketplaceId],
      includedData: ['summaries', 'productTypes'],
    });
    if (!item) throw invalid([{ field: 'body.asin', message: `Amazon has no product ${asin} in this marketplace` }]);
    return item.productTypes?.[0]?.productType ?? null;
  }

  async setOverrides(actor: AuditActor, storeId: number, id: number, input: OverridesInput): Promise<void> {
    await this.load(storeId, id);
    const p = await this.prepare(storeId);
    await this.change(actor, p, id, 'overrides', async (trx, l) => {
      const columns: ListingColumns = {};
      const next = { ...l };
      if (input.price !== undefined) {
        columns.override_price = input.price;
        next.overridePrice = input.price === null ? null : Number(input.price).toFixed(2);
      }
      if (input.handlingTimeDays !== undefined) {
        columns.override_handling_time = input.handlingTimeDays;
        next.overrideHandlingTime = input.handlingTimeDays;
      }
      if (input.condition !== undefined) {
        columns.override_condition = input.condition;
        next.overrideCondition = input.condition;
      }
      if (input.conditionNote !== undefined) {
        columns.override_condition_note = input.conditionNote;
        next.overrideConditionNote = input.conditionNote;
      }
      if (input.manualQuantity !== undefined) {
        columns.manual_qty = input.manualQuantity;
        next.manualQty = input.manualQuantity;
      }
      next.hasOverrides = [next.overridePrice, next.overrideHandlingTime, next.overrideCondition, next.overrideConditionNote].some(
        (v) => v !== null,
      );
      columns.has_overrides = next.hasOverrides ? 1 : 0;
      await updateListings(trx, [id], columns);
      return { summary: `Overrides changed: ${Object.keys(input).join(', ')}`, push: next, details: { before: pick(l), after: input } };
    });
  }

  /**
   * Update quantity: recompute the listing's quantity now and send it to Amazon even if nothing changed (e.g.
   * after Amazon's count drifted). It shows "Pending Qty Update" until Amazon answers.
   */
  async updateQuantity(actor: AuditActor, storeId: number, id: number): Promise<void> {
    await this.load(storeId, id);
    const p = await this.prepare(storeId);
    await this.change(actor, p, id, 'update_quantity', async (trx, l) => {
      if (l.isParent) throw conflict('a variation parent has no quantity of its own: update its variations', { status: l.status });
      if (!offersOnAmazon(l)) throw conflict('not offered on Amazon: there is no quantity to update', { status: l.status });
      await pushDesired(this.app, trx, p.ctx, p.settings, [l]);
      const sync = syncOf(this.app);
      if (!sync?.requeue) throw conflict('the sync engine is not running: nothing can be sent to Amazon', { status: l.status });
      await sync.requeue(trx, [id]);
      await recordQtyUpdate(trx, storeId, id, this.app.clock.now());
      const qty = (await listingById(trx, id))?.desiredQty ?? null;
      return {
        summary: `Update quantity asked: sending quantity ${qty ?? '(none)'} to Amazon`,
        details: { before: l.desiredQty, quantity: qty },
      };
    });
  }

  async mass(
    actor: AuditActor,
    storeId: number,
    action: MassAction,
    ids: readonly number[],
    opts: { confirm?: boolean; overrides?: OverridesInput },
  ): Promise<MassResult> {
    if (action === 'delete' && opts.confirm !== true)
      throw invalid([{ field: 'body.confirm', message: 'deleting removes the listings from Amazon for good: send confirm: true' }]);
    if (action === 'set_overrides' && !opts.overrides)
      throw invalid([{ field: 'body.overrides', message: 'is required for set_overrides' }]);
    const result: MassResult = { done: [], skipped: [] };
    for (const id of ids) {
      try {
        if (action === 'publish') await this.publish(actor, storeId, id);
        else if (action === 'end') await this.end(actor, storeId, id);
        else if (action === 'rematch') await this.rematch(actor, storeId, id);
        else if (action === 'delete') await this.delete(actor, storeId, id);
        else if (action === 'set_overrides') await this.setOverrides(actor, storeId, id, opts.overrides!);
        else if (action === 'update_quantity') await this.updateQuantity(actor, storeId, id);
        else await this.setOverrides(actor, storeId, id, { price: null, handlingTimeDays: null, condition: null, conditionNote: null });
        result.done.push(id);
      } catch (err) {
        if (!(err instanceof AppError) || err.statusCode >= 500) throw err;
        result.skipped.push({ id, reason: err.message });
      }
    }
    return result;
  }
}

const pick = (l: ListingRow) => ({
  price: l.overridePrice,
  handlingTimeDays: l.overrideHandlingTime,
  condition: l.overrideCondition,
  conditionNote: l.overrideConditionNote,
  manualQuantity: l.manualQty,
});
