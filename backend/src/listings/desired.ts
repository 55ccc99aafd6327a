/**
 * From listing rows to what Amazon should hold: gathers the product facts, salable quantities and settings,
 * runs the pure pipelines and hands each listing's DesiredListing (or null) to the sync engine.
 */
import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { ListingSettings } from '../../../schema/listings';
import { productFacts, salableOf, type ProductFacts, type Salable } from './catalog-reads';
import { OFFER_STATUSES } from './lifecycle';
import { listingsByIds, type ListingRow } from './listings.queries';
import { conditionOf, handlingTimeOf, pricePipeline, type Step } from './pipelines';
import { listingQuantities } from '../inventory/listing-quantity';
import type { StoreContext } from './store-context';
import { syncOf, type DesiredListing } from './sync-contract';
import type { DesiredEntry } from './sync/types';
import { updateEach } from './sync/outcome.queries';
import { toDbTime } from '../db/time';
import { variationFamily } from './catalog-reads';
import { mappedAttributeCodes, mappedFacts } from './mapped-facts';

export interface Computed {
  desired: DesiredListing | null;
  pricing: Step[];
  quantity: Step[];
  /** Why there is no desired state (null when there is one). */
  missing: string | null;
}

const ID_TYPES: Record<string, DesiredListing['identifiers'][number]['type'] | undefined> = { ean: 'EAN', upc: 'UPC', isbn: 'ISBN' };

/** Whether the listing should hold an offer on Amazon at all (anything else: nothing there, or delete it). */
export function offersOnAmazon(l: ListingRow): boolean {
  if (OFFER_STATUSES.includes(l.status)) return true;
  // Ended and no-longer-eligible offers stay on Amazon with quantity 0.
  return (l.status === 'ended' || l.status === 'ineligible') && l.publishedAt !== null;
}

export function attributeCodesFor(settings: ListingSettings): string[] {
  const codes = settings.identifierOrder.map((s) => s.attribute);
  if (settings.condition.mode === 'attribute' && settings.condition.attribute) codes.push(settings.condition.attribute);
  if (settings.price.attribute !== 'price') codes.push(settings.price.attribute);
  codes.push('brand');
  return codes;
}

export async function computeDesired(
  app: FastifyInstance,
  db: Knex,
  ctx: StoreContext,
  settings: ListingSettings,
  listings: readonly ListingRow[],
): Promise<Map<number, Computed>> {
  const out = new Map<number, Computed>();
  if (!listings.length) return out;
  const productIds = listings.map((l) => l.productId).filter((x): x is number => x !== null);
  const family = await variationFamily(
    db,
    listings.filter((l) => l.isParent && l.productId).map((l) => l.productId!),
  );
  const parents = new Map<number, ListingRow>();
  const parentIds = [...new Set(listings.map((l) => l.parentListingId).filter((x): x is number => x !== null))];
  for (const p of await listingsByIds(db, parentIds)) parents.set(p.id, p);
  const parentSupers = await variationFamily(
    db,
    [...parents.values()].map((p) => p.productId).filter((x): x is number => x !== null),
  );
  const superCodes = [...new Set([...family.superAttributes.values(), ...parentSupers.superAttributes.values()].flat())];
  // The marketplace's attribute mappings say where the title, brand and other product facts come from.
  const mappings = await app.attributeMapping.outbound(ctx.marketplaceId, db);
  const facts = await productFacts(db, productIds, [...attributeCodesFor(settings), ...superCodes, ...mappedAttributeCodes(mappings)]);
  // Read through `db` (maybe a transaction): SQLite has one connection, app.catalog would wait for it.
  const salable = ctx.stockId
    ? await salableOf(
        db,
        [...facts.values()].map((f) => f.sku),
        ctx.stockId,
      )
    : new Map<string, Salable>();
  const today = app.clock.now().toISOString().slice(0, 10);
  const isSelling = (l: ListingRow) => l.status !== 'ended' && l.status !== 'ineligible' && l.status !== 'ending_in_progress';
  // Quantity policies (stock profiles, chosen sources, placeholder, manual) live in the inventory domain.
  const quantities = await listingQuantities(
    db,
    { storeId: ctx.storeId, stockId: ctx.stockId },
    listings.flatMap((l) => {
      const f = l.productId !== null ? facts.get(l.productId) : undefined;
      return f
        ? [{ id: l.id, sku: f.sku, sellerSku: l.sellerSku, manualQty: l.manualQty, desiredQty: l.desiredQty, selling: isSelling(l) }]
        : [];
    }),
    salable,
  );
  for (const l of listings) {
    const f = l.productId !== null ? facts.get(l.productId) : undefined;
    if (!f) {
      out.set(l.id, { desired: null, pricing: [], quantity: [], missing: 'the catalog product no longer exists' });
      continue;
    }
    const price = pricePipeline({
      source: settings.price.attribute === 'price' ? f.price : (f.attributes[settings.price.attribute] ?? null),
      sourceAttribute: settings.price.attribute,
      specialPrice: f.specialPrice,
      specialFrom: f.specialFrom,
      specialTo: f.specialTo,
      today,
      override: l.overridePrice,
      settings: settings.price,
      currency: ctx.currency,
    });
    const qty = quantities.get(l.id)!;
    const cond = conditionOf(
      settings.condition,
      settings.condition.attribute ? (f.attributes[settings.condition.attribute] ?? null) : null,
      {
        condition: l.overrideCondition,
        note: l.overrideConditionNote,
      },
    );
    if (!cond.condition) {
      out.set(l.id, { desired: null, pricing: price.steps, quantity: qty.steps, missing: 'no condition' });
      continue;
    }
    if (qty.value === null && !l.isParent) {
      // The stock profile says: a product with no quantity is skipped (never sent with an empty quantity).
      out.set(l.id, { desired: null, pricing: price.steps, quantity: qty.steps, missing: 'no quantity in the catalog' });
      continue;
    }
    const parent = l.parentListingId !== null ? parents.get(l.parentListingId) : undefined;
    const mapped = mappedFacts(f, mappings);
    const theme = l.isParent
      ? (family.superAttributes.get(f.id) ?? [])
      : parent?.productId
        ? (parentSupers.superAttributes.get(parent.productId) ?? [])
        : [];
    out.set(l.id, {
      desired: {
        productType: l.amazonProductType ?? 'PRODUCT',
        asin: l.asin,
        condition: cond.condition,
        conditionNote: cond.note,
        price: l.isParent ? null : price.value,
        currency: ctx.currency,
        quantity: l.isParent ? null : qty.value,
        handlingTime: handlingTimeOf(settings.handlingTimeDays, l.overrideHandlingTime),
        parentSku: parent?.sellerSku ?? null,
        variationTheme: l.isParent && theme.length ? theme.map((c) => c.toUpperCase()).join('/') : null,
        variationAttributes: parent ? variationValues(f, theme) : {},
        isParent: l.isParent,
        title: mapped.title,
        brand: mapped.brand,
        identifiers: identifiersOf(f, settings),
        // Only when there are some, so a listing without extra mappings keeps the desired state (and hash) it had.
        ...(Object.keys(mapped.attributes).length ? { productAttributes: mapped.attributes } : {}),
      },
      pricing: price.steps,
      quantity: qty.steps,
      missing: null,
    });
  }
  return out;
}

function variationValues(f: ProductFacts, theme: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const code of theme) if (f.attributes[code]) out[code] = String(f.attributes[code]);
  return out;
}

function identifiersOf(f: ProductFacts, settings: ListingSettings): DesiredListing['identifiers'] {
  const out: DesiredListing['identifiers'] = [];
  for (const src of settings.identifierOrder) {
    const type = ID_TYPES[src.type];
    const value = f.attributes[src.attribute];
    if (type && value) out.push({ type, value });
  }
  return out;
}

/**
 * Recomputes and hands the desired state of these listings to the sync engine, inside `trx` (the engine
 * coalesces and marks dirty only what differs from Amazon's acknowledged state). Listings that never held
 * an offer and should not hold one are left alone. Returns how many were handed over. `changedAt` (catalog
 * sku → when it changed, from the change log) lets the engine measure the wait for Amazon from the change.
 */
export async function pushDesired(
  app: FastifyInstance,
  trx: Knex,
  ctx: StoreContext,
  settings: ListingSettings,
  listings: readonly ListingRow[],
  changedAt?: ReadonlyMap<string, Date>,
): Promise<number> {
  const relevant = listings.filter((l) => offersOnAmazon(l) || l.status === 'deleting');
  if (!relevant.length) return 0;
  const computed = await computeDesired(
    app,
    trx,
    ctx,
    settings,
    relevant.filter((l) => l.status !== 'deleting'),
  );
  const sync = syncOf(app);
  const entries: DesiredEntry[] = [];
  const moved: { id: number; patch: Record<string, unknown> }[] = [];
  for (const l of relevant) {
    const c = computed.get(l.id);
    const desired = l.status === 'deleting' ? null : (c?.desired ?? null);
    // Never withdraw an offer because a value went missing (no condition, product gone): keep Amazon's as is.
    if (desired === null && l.status !== 'deleting') continue;
    if (desired && (desired.price !== l.desiredPrice || desired.quantity !== l.desiredQty))
      moved.push({ id: l.id, patch: { desired_price: desired.price, desired_qty: desired.quantity } });
    entries.push({ listingId: l.id, desired, changedAt: changedAt?.get(l.sku) });
  }
  // Batched (one CASE-UPDATE per 500 listings, one setDesiredMany): a consumer page is a few statements, not a few per listing.
  const updatedAt = toDbTime();
  await updateEach(
    trx,
    'listings',
    'id',
    moved.map((m) => ({ id: m.id, patch: { ...m.patch, updated_at: updatedAt } })),
  );
  if (!sync) return 0;
  if (sync.setDesiredMany) await sync.setDesiredMany(trx, entries);
  else for (const e of entries) await sync.setDesired(trx, e.listingId, e.desired, e.changedAt ? { changedAt: e.changedAt } : undefined);
  return entries.length;
}
