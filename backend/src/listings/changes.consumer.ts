/**
 * Consumes the catalog change log with the cursor 'listings': changed skus → listings of every store.
 * Each changed product is re-evaluated against each store's rule (new listings, Ineligible, back), and the
 * offers of the affected listings are recomputed and handed to the sync engine (which coalesces: ten changes
 * to one sku are one update). The cursor advances in the same transaction, so a crash re-reads, never skips.
 */
import type { FastifyInstance } from 'fastify';
import { productIdsBySku } from './catalog-reads';
import { pushDesired } from './desired';
import { affectedSkus, sourceCodeOf } from '../inventory/change-capture';
import type { CatalogChange } from '../catalog/changes';
import { listingsByIds, listingIdsBySku } from './listings.queries';
import type { ListingSettingsService, Reapply } from './settings.service';
import { storesWithRules } from './settings.queries';
import { storeContext, type StoreContext } from './store-context';
import type { ListingSettings } from '../../../schema/listings';

export const CONSUMER = 'listings';
const PAGE = 1000;
const MAX_PAGES = 20;

/** The skus a page of changes moves, each with its earliest change: sync latency is measured from there. */
async function earliestChangeBySku(app: FastifyInstance, changes: readonly CatalogChange[]): Promise<Map<string, Date>> {
  const out = new Map<string, Date>();
  for (const c of changes) {
    const at = new Date(c.createdAt);
    for (const sku of sourceCodeOf(c) ? await affectedSkus(app.db, [c]) : c.sku ? [c.sku] : []) {
      const seen = out.get(sku);
      if (!seen || at < seen) out.set(sku, at);
    }
  }
  return out;
}

export async function consumeCatalogChanges(app: FastifyInstance, settings: ListingSettingsService): Promise<Record<string, number>> {
  let after = await app.catalog.changes.cursor(CONSUMER);
  const summary = { changes: 0, listings: 0, created: 0, ineligible: 0 };
  for (let page = 0; page < MAX_PAGES; page++) {
    const changes = await app.catalog.changes.readAfter(after, PAGE);
    if (!changes.length) break;
    const last = changes[changes.length - 1]!.id;
    // A source switched on/off names no sku: the inventory domain expands it to the skus stocked there.
    const changedAt = await earliestChangeBySku(app, changes);
    const skus = [...changedAt.keys()];
    const productIds = [...(await productIdsBySku(app.db, skus)).values()];
    // Everything that reads through app.* happens before the transaction (SQLite has one connection).
    const rules = new Map<number, Reapply>();
    for (const storeId of await storesWithRules(app.db)) {
      const prepared = await settings.prepareReapply(storeId).catch(() => null);
      if (prepared) rules.set(storeId, prepared);
    }
    const listingIds = await listingIdsBySku(app.db, skus);
    const storeIds = new Set((await listingsByIds(app.db, listingIds)).map((l) => l.storeId));
    const contexts = new Map<number, { ctx: StoreContext; settings: ListingSettings }>(rules);
    for (const storeId of storeIds) {
      if (contexts.has(storeId)) continue;
      const ctx = await storeContext(app, storeId);
      contexts.set(storeId, { ctx, settings: await settings.settingsFor(ctx) });
    }
    await app.db.transaction(async (trx) => {
      for (const [, prepared] of rules) {
        const r = await settings.reapply(trx, prepared, productIds);
        summary.created += r.created;
        summary.ineligible += r.madeIneligible;
      }
      // Re-read inside the transaction: the rule may just have changed statuses.
      const listings = await listingsByIds(trx, await listingIdsBySku(trx, skus));
      for (const storeId of new Set(listings.map((l) => l.storeId))) {
        const c = contexts.get(storeId);
        if (!c) continue;
        summary.listings += await pushDesired(
          app,
          trx,
          c.ctx,
          c.settings,
          listings.filter((l) => l.storeId === storeId),
          changedAt,
        );
      }
      await app.catalog.changes.advance(CONSUMER, last, trx);
    });
    summary.changes += changes.length;
    after = last;
    if (changes.length < PAGE) break;
  }
  return summary;
}
