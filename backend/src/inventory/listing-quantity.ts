/**
 * Gathers the facts the quantity pipeline needs for a store's listings (policy of each listing, the stock's
 * salable quantity, chosen sources' quantities) and runs it. Called by the listings domain's desired-state
 * computation (listings/desired.ts) inside its transaction, so everything reads through `db`. A custom
 * quantity is lowered by the Amazon sales recorded since its profile was last set (`amazon-sales.ts`).
 */
import type { Knex } from 'knex';
import { salableQty, type Salable } from '../catalog/inventory.queries';
import { enabledSources, sourceQuantities, stockSourceCodes } from './catalog-stock';
import { DEFAULT_STOCK_POLICY, type StockPolicy } from './policy';
import { profilesSetAt, salesAfter } from './amazon-sales.queries';
import { policiesOf, type FollowedProfile } from './profiles.queries';
import { quantityPipeline, type QuantityResult } from './quantity-pipeline';
import { leadersFor, siblingStores, stockOfWebsite } from './shared-skus';

export interface QuantityListing {
  id: number;
  sku: string;
  sellerSku: string;
  manualQty: number | null;
  desiredQty: number | null;
  selling: boolean;
}

export interface ListingQuantity extends QuantityResult {
  /** The profile the listing follows and how it was chosen (null = the built-in policy). */
  profile: { id: number; name: string; source: FollowedProfile['source'] } | null;
  /** Set when another store of the same seller and region leads this seller SKU's shared quantity. */
  sharedWith: { storeId: number; listingId: number } | null;
}

/**
 * The quantity of each listing: its own policy, unless a store of the same seller and region with a lower id
 * also offers the seller SKU — then the leader's quantity (one desired value per shared SKU). The listing's
 * own "not selling" still gives 0 (ending it is the admin's explicit choice).
 */
export async function listingQuantities(
  db: Knex,
  store: { storeId: number; stockId: number | null },
  listings: readonly QuantityListing[],
  salable: ReadonlyMap<string, Salable>,
): Promise<Map<number, ListingQuantity>> {
  const out = await ownQuantities(db, store, listings, salable);
  if (!listings.length) return out;
  const { leaders, stores } = await leadersFor(
    db,
    store.storeId,
    listings.map((l) => l.sellerSku),
  );
  if (!leaders.size) return out;
  const leaderResults = new Map<number, ListingQuantity>();
  for (const storeId of new Set([...leaders.values()].map((l) => l.storeId))) {
    const mine = [...leaders.values()].filter((l) => l.storeId === storeId);
    const stockId = await stockOfWebsite(db, stores.get(storeId)!.websiteId);
    const leaderSalable = stockId ? await salableQty(db, { skus: mine.map((l) => l.sku), stockId }) : new Map<string, Salable>();
    const rows = mine.map((l) => ({
      id: l.id,
      sku: l.sku,
      sellerSku: l.sellerSku,
      manualQty: l.manualQty,
      desiredQty: l.desiredQty,
      selling: true,
    }));
    for (const [id, r] of await ownQuantities(db, { storeId, stockId }, rows, leaderSalable)) leaderResults.set(id, r);
  }
  for (const l of listings) {
    const leader = leaders.get(l.sellerSku);
    const led = leader ? leaderResults.get(leader.id) : undefined;
    if (!leader || !led) continue;
    const steps = [
      ...led.steps,
      {
        step: 'shared_sku',
        value: led.value,
        note: `seller SKU shared with store ${leader.storeId} (same seller and region): its quantity`,
      },
    ];
    let value = led.value;
    if (!l.selling && value !== null) {
      value = 0;
      steps.push({ step: 'not_selling', value: 0, note: 'ended or no longer eligible: quantity 0' });
    }
    out.set(l.id, {
      value,
      steps,
      warnings: led.warnings,
      reassert: led.reassert && l.selling,
      profile: led.profile,
      sharedWith: { storeId: leader.storeId, listingId: leader.id },
    });
  }
  return out;
}

async function ownQuantities(
  db: Knex,
  store: { storeId: number; stockId: number | null },
  listings: readonly QuantityListing[],
  salable: ReadonlyMap<string, Salable>,
): Promise<Map<number, ListingQuantity>> {
  const out = new Map<number, ListingQuantity>();
  if (!listings.length) return out;
  const { byListing, fallback } = await policiesOf(
    db,
    store,
    listings.map((l) => l.id),
  );
  const policyOf = (id: number) => byListing.get(id) ?? fallback;
  const skus = listings.map((l) => l.sku);
  // The stock's own sources: whether a product has any quantity at all where the website sells from.
  const stockItems = store.stockId ? await sourceQuantities(db, skus, await stockSourceCodes(db, store.stockId)) : new Map();
  // Chosen sources, grouped by the set chosen (usually one or two sets per store).
  const bySources = new Map<string, { codes: string[]; quantities: Map<string, { quantity: number; hasItems: boolean }> }>();
  for (const l of listings) {
    const sources = policyOf(l.id)?.policy.sources ?? [];
    const key = [...sources].sort().join(',');
    if (!sources.length || bySources.has(key)) continue;
    const codes = await enabledSources(db, sources);
    bySources.set(key, { codes, quantities: await sourceQuantities(db, skus, codes) });
  }
  const sold = await soldSinceCustomSet(
    db,
    store.storeId,
    listings.flatMap((l) => {
      const p = policyOf(l.id);
      return p?.policy.mode === 'custom' && l.manualQty === null ? [{ id: l.id, sellerSku: l.sellerSku, profileId: p.profileId }] : [];
    }),
  );
  for (const l of listings) {
    const assigned = policyOf(l.id);
    const policy: StockPolicy = assigned?.policy ?? DEFAULT_STOCK_POLICY;
    const s = salable.get(l.sku);
    const manageStock = s?.manageStock ?? true;
    const backordersAllowed = (s?.backorders ?? 'no') !== 'no';
    const chosen = policy.sources.length ? bySources.get([...policy.sources].sort().join(',')) : undefined;
    const facts = chosen
      ? {
          source: 'sources' as const,
          quantity: chosen.quantities.get(l.sku)?.quantity ?? 0,
          hasSourceItems: chosen.quantities.get(l.sku)?.hasItems ?? false,
          threshold: s?.threshold ?? 0,
          manageStock,
          backordersAllowed,
          sourceCodes: chosen.codes,
        }
      : {
          source: 'stock' as const,
          quantity: s?.salableQty ?? 0,
          hasSourceItems: stockItems.get(l.sku)?.hasItems ?? false,
          threshold: s?.threshold ?? 0,
          manageStock,
          backordersAllowed,
        };
    const r = quantityPipeline({
      facts,
      policy,
      manualQty: l.manualQty,
      previousQty: l.desiredQty,
      selling: l.selling,
      soldSinceCustomSet: sold.get(l.id) ?? 0,
    });
    out.set(l.id, { ...r, profile: assigned ? profileOf(assigned) : null, sharedWith: null });
  }
  return out;
}

/**
 * Units sold on Amazon (not canceled) since each custom-mode listing's profile was last written. Sales of the
 * stores sharing the seller SKU (same seller and region) count too: Amazon has one quantity for them.
 * Compares Amazon's purchase time with the profile's write time, both UTC: a sale bought before the value was
 * set was already overwritten on Amazon by the push that followed.
 */
async function soldSinceCustomSet(
  db: Knex,
  storeId: number,
  custom: readonly { id: number; sellerSku: string; profileId: number }[],
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (!custom.length) return out;
  const setAt = await profilesSetAt(
    db,
    custom.map((c) => c.profileId),
  );
  const earliest = [...setAt.values()].sort()[0];
  if (earliest === undefined) return out;
  const stores = [storeId, ...(await siblingStores(db, storeId)).map((s) => s.storeId)];
  const sales = await salesAfter(
    db,
    stores,
    custom.map((c) => c.sellerSku),
    earliest,
  );
  for (const c of custom) {
    const since = setAt.get(c.profileId) ?? earliest;
    const units = sales.filter((s) => s.sellerSku === c.sellerSku && s.purchasedAt > since).reduce((n, s) => n + s.quantity, 0);
    if (units) out.set(c.id, units);
  }
  return out;
}

const profileOf = (f: FollowedProfile): ListingQuantity['profile'] => ({
  id: f.profileId,
  name: f.name,
  source: f.source,
});
