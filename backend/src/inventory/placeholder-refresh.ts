/**
 * Job `inventory.placeholder-refresh` (every 10 minutes): Amazon sales lower a placeholder quantity (stock not
 * managed, backorders allowed) although the catalog did not move, so nothing would resend it. Listings whose
 * quantity is the placeholder as such (`reassert` from the pipeline) are requeued in the sync engine, which
 * sends their current desired state again (coalesced with anything already pending).
 */
import type { FastifyInstance } from 'fastify';
import { salableQty } from '../catalog/inventory.queries';
import { OFFER_STATUSES } from '../listings/lifecycle';
import { storeContext } from '../listings/store-context';
import { syncOf } from '../listings/sync-contract';
import { placeholderCandidates } from './catalog-stock';
import { listingQuantities } from './listing-quantity';

export const PLACEHOLDER_JOB = 'inventory.placeholder-refresh';
export const PLACEHOLDER_EVERY_MS = 10 * 60_000;

export async function refreshPlaceholders(app: FastifyInstance): Promise<{ stores: number; requeued: number }> {
  const sync = syncOf(app);
  if (!sync?.requeue) return { stores: 0, requeued: 0 };
  const candidates = await placeholderCandidates(app.db, OFFER_STATUSES);
  const storeIds = [...new Set(candidates.map((c) => c.storeId))];
  let requeued = 0;
  for (const storeId of storeIds) {
    const ctx = await storeContext(app, storeId).catch(() => null);
    if (!ctx) continue;
    const mine = candidates.filter((c) => c.storeId === storeId);
    const salable = ctx.stockId ? await salableQty(app.db, { skus: mine.map((c) => c.sku), stockId: ctx.stockId }) : new Map();
    const quantities = await listingQuantities(
      app.db,
      { storeId, stockId: ctx.stockId },
      mine.map((c) => ({ ...c, manualQty: null, selling: true })),
      salable,
    );
    const ids = mine.filter((c) => quantities.get(c.id)?.reassert).map((c) => c.id);
    if (!ids.length) continue;
    await app.db.transaction((trx) => sync.requeue!(trx, ids));
    requeued += ids.length;
  }
  return { stores: storeIds.length, requeued };
}
