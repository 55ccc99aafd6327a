/**
 * Applies a store's rule inside one transaction: eligible products without a listing get one (entering
 * matching; a configurable becomes a parent with its children as variations), listings the rule drops
 * become Ineligible (quantity 0 on Amazon, the listing kept), Ineligible listings the rule selects again
 * come back. `productIds` limits the work to those products (the change-log consumer, and each chunk of a
 * rule run — rules/run-plan.ts keeps variation families together so the chunks add up to one full apply).
 */
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { ListingSettings, ListingStatus } from '../../../../schema/listings';
import { recordActivity } from '../sync/activity.queries';
import { eligibleProducts, parentsOfChildren, productFacts, variationFamily, type EligibilityScope } from '../catalog-reads';
import { pushDesired } from '../desired';
import { transition } from '../lifecycle';
import { insertListings, listingsOfStore, sellerSkusTaken, updateListings, type ListingRow, type NewListing } from '../listings.queries';
import type { StoreContext } from '../store-context';
import { listingsWithoutProduct } from './runs.queries';
import { handRemovedVariants } from '../variants.queries';

export interface ApplyResult {
  created: number;
  madeIneligible: number;
  madeEligible: number;
}

const CHILD_TYPES = new Set(['simple']);

export async function applyRule(
  app: FastifyInstance,
  trx: Knex,
  ctx: StoreContext,
  settings: ListingSettings,
  scope: EligibilityScope,
  productIds?: readonly number[],
  /** With `productIds`: also handle listings whose product is gone (the last chunk of a rule run, run-plan.ts). */
  opts: { orphans?: boolean } = {},
): Promise<ApplyResult> {
  // Partial run: the configurables of the children asked about are judged too (children follow their parent).
  const parentsAsked = productIds ? await parentsOfChildren(trx, productIds) : new Map<number, number>();
  const q = eligibleProducts(trx, scope).select('p.id', 'p.sku', 'p.type');
  if (productIds) q.whereIn('p.id', [...productIds, ...parentsAsked.values()]);
  const eligible = (await q) as { id: number; sku: string; type: string }[];
  const eligibleIds = new Set(eligible.map((e) => Number(e.id)));

  // Variation families of eligible configurables: their children are listed under them.
  const configurables = eligible.filter((e) => e.type === 'configurable').map((e) => Number(e.id));
  const family = await variationFamily(trx, configurables);
  const childFacts = await productFacts(trx, [...family.parentOf.keys()], []);
  // Products handled here: the eligible ones, their children, and (partial run) the products asked about.
  const touched = new Set<number>([...eligibleIds, ...family.parentOf.keys(), ...(productIds ?? [])]);
  if (productIds) {
    for (const [child, parent] of parentsAsked) {
      touched.add(parent);
      touched.add(child);
    }
  }
  const existing = await listingsOfStore(trx, ctx.storeId, productIds ? { productIds: [...touched] } : {});
  if (productIds && opts.orphans) existing.push(...(await listingsWithoutProduct(trx, ctx.storeId)));
  if (productIds) {
    // Children of the parents looked at follow them, whatever their own product did.
    const loaded = new Set(existing.map((l) => l.id));
    const parentIds = existing.filter((l) => l.isParent).map((l) => l.id);
    for (const c of await listingsOfStore(trx, ctx.storeId, { parentListingIds: parentIds })) if (!loaded.has(c.id)) existing.push(c);
  }
  const byProduct = new Map<number, ListingRow>(existing.filter((l) => l.productId !== null).map((l) => [l.productId!, l]));
  // Variants an admin removed by hand are neither created nor revived (variants.service.ts).
  const handRemoved = await handRemovedVariants(trx, ctx.storeId);

  // 1. New listings: parents/standalone first, then children (they need the parent's id).
  const fresh: NewListing[] = [];
  for (const e of eligible) {
    const id = Number(e.id);
    if (byProduct.has(id) || (family.parentOf.has(id) && eligibleIds.has(family.parentOf.get(id)!))) continue;
    const isParent = e.type === 'configurable';
    const theme = family.superAttributes.get(id) ?? [];
    fresh.push({
      storeId: ctx.storeId,
      productId: id,
      sku: e.sku,
      sellerSku: e.sku,
      status: 'validating_asin',
      isParent,
      variationTheme: isParent && theme.length ? theme.map((c) => c.toUpperCase()).join('/') : null,
    });
  }
  const taken = await sellerSkusTaken(
    trx,
    ctx.storeId,
    fresh.map((f) => f.sellerSku),
  );
  const created = fresh.length
    ? await insertListings(
        trx,
        fresh.filter((f) => !taken.has(f.sellerSku)),
      )
    : new Map<string, number>();
  const parentListing = new Map<number, number>();
  for (const l of existing) if (l.isParent && l.productId) parentListing.set(l.productId, l.id);
  for (const f of fresh) if (f.isParent && created.has(f.sellerSku)) parentListing.set(f.productId, created.get(f.sellerSku)!);
  const children: NewListing[] = [];
  for (const [childId, parentId] of family.parentOf) {
    const c = childFacts.get(childId);
    const parentListingId = parentListing.get(parentId);
    if (!c || !CHILD_TYPES.has(c.type) || !parentListingId || byProduct.has(childId) || handRemoved(parentListingId, childId)) continue;
    children.push({ storeId: ctx.storeId, productId: childId, sku: c.sku, sellerSku: c.sku, status: 'validating_asin', parentListingId });
  }
  const takenChildren = await sellerSkusTaken(
    trx,
    ctx.storeId,
    children.map((c) => c.sellerSku),
  );
  const createdChildren = children.length
    ? await insertListings(
        trx,
        children.filter((c) => !takenChildren.has(c.sellerSku)),
      )
    : new Map();
  const newIds = [...created.values(), ...createdChildren.values()];

  // 2. Dropped and returning listings (children follow their parent).
  const byId = new Map(existing.map((l) => [l.id, l]));
  const isSelected = (l: ListingRow): boolean => {
    if (l.parentListingId !== null) {
      const parent = byId.get(l.parentListingId);
      return parent?.productId ? eligibleIds.has(parent.productId) : false;
    }
    return l.productId !== null && eligibleIds.has(l.productId);
  };
  const byHand = (l: ListingRow) => l.parentListingId !== null && l.productId !== null && handRemoved(l.parentListingId, l.productId);
  const dropped = existing.filter(
    (l) => !l.linkedFromAmazon && l.status !== 'ineligible' && l.status !== 'deleting' && !isSelected(l) && !byHand(l),
  );
  const back = existing.filter((l) => l.status === 'ineligible' && isSelected(l) && !byHand(l));
  if (dropped.length) {
    await updateListings(
      trx,
      dropped.map((l) => l.id),
      { status: 'ineligible', status_reason: 'No longer selected by the listing rule: quantity 0 on Amazon' },
    );
    await pushDesired(
      app,
      trx,
      ctx,
      settings,
      dropped.map((l) => ({ ...l, status: 'ineligible' as ListingStatus })),
    );
  }
  for (const l of back) {
    // A listing that had an offer goes straight back to Amazon; one that never had goes through matching again.
    const next =
      l.publishedAt && l.asin ? 'list_in_progress' : transition('ineligible', 'became_eligible').ok ? 'validating_asin' : l.status;
    await updateListings(trx, [l.id], { status: next, status_reason: null });
    if (next === 'list_in_progress') await pushDesired(app, trx, ctx, settings, [{ ...l, status: next }]);
  }
  const at = new Date();
  await recordActivity(trx, [
    ...newIds.map((id) => ({
      listingId: id,
      at,
      source: 'listings' as const,
      kind: 'created',
      summary: 'Selected by the listing rule: looking up its ASIN',
    })),
    ...dropped.map((l) => ({
      listingId: l.id,
      at,
      source: 'listings' as const,
      kind: 'ineligible',
      summary: 'No longer selected by the listing rule: quantity 0',
    })),
    ...back.map((l) => ({
      listingId: l.id,
      at,
      source: 'listings' as const,
      kind: 'eligible',
      summary: 'Selected by the listing rule again',
    })),
  ]);
  return { created: newIds.length, madeIneligible: dropped.length, madeEligible: back.length };
}
