/**
 * Seller listings per (seller, marketplace, SKU) and the rules that turn submitted attributes into what
 * Amazon shows back: the matched ASIN, issues with severities, and BUYABLE / DISCOVERABLE statuses.
 * Submissions are accepted at once and applied after `settings.listingProcessingDelaySeconds`
 * (Amazon processes listings asynchronously; a GET right after a PUT may still show the old state).
 *
 * Issue codes imitate the look of Amazon's numeric codes; the messages are the simulator's own.
 */
import type { World } from './state';
import type { ScenarioListing } from './scenario';
import { randomId } from './state';
import { notExempt, undefinedAttributes, type Enforcements } from './listing-issues';

export type Attributes = Record<string, unknown>;
export type ListingStatus = 'BUYABLE' | 'DISCOVERABLE';

export interface ListingIssue {
  code: string;
  message: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  attributeNames?: string[];
  categories: string[];
  enforcements?: Enforcements;
}

export interface ListingRecord {
  sellerId: string;
  marketplaceId: string;
  sku: string;
  productType: string;
  attributes: Attributes;
  asin: string | null;
  issues: ListingIssue[];
  /**
   * Issues Amazon raised on its own (policy, image, catalog-data or pricing-rule checks), not from the
   * submitted attributes: they stay across submissions, and their enforcements act on the statuses.
   */
  amazonIssues?: ListingIssue[];
  status: ListingStatus[];
  createdAtMs: number;
  updatedAtMs: number;
}

/** A submission accepted but not yet applied (Amazon processes listings asynchronously). */
export interface Pending {
  applyAtMs: number;
  key: string;
  next: { productType: string; attributes: Attributes } | null;
}

export interface Evaluation {
  asin: string | null;
  /** Problems Amazon reports synchronously: the submission is INVALID and nothing is stored. */
  blocking: ListingIssue[];
  /** Problems found while processing: stored on the listing. */
  issues: ListingIssue[];
  status: ListingStatus[];
}

const keyOf = (sellerId: string, marketplaceId: string, sku: string) => `${sellerId}|${marketplaceId}|${sku}`;

/** First entry of an attribute (Amazon attributes are arrays of marketplace-scoped values). */
function first(attrs: Attributes, name: string): Record<string, unknown> | undefined {
  const v = attrs[name];
  return Array.isArray(v) && typeof v[0] === 'object' && v[0] !== null ? (v[0] as Record<string, unknown>) : undefined;
}

export function offerOf(attrs: Attributes): { amount: string; currency: string } | null {
  const offer = first(attrs, 'purchasable_offer');
  const ourPrice = Array.isArray(offer?.our_price) ? (offer.our_price[0] as Record<string, unknown> | undefined) : undefined;
  const schedule = Array.isArray(ourPrice?.schedule) ? (ourPrice.schedule[0] as Record<string, unknown> | undefined) : undefined;
  const value = schedule?.value_with_tax;
  if (value === undefined || typeof offer?.currency !== 'string') return null;
  return { amount: String(value), currency: offer.currency };
}

export function quantityOf(attrs: Attributes): { channel: string; quantity: number } | null {
  const fa = first(attrs, 'fulfillment_availability');
  if (!fa) return null;
  return { channel: String(fa.fulfillment_channel_code ?? 'DEFAULT'), quantity: Number(fa.quantity ?? 0) };
}

export class ListingsStore {
  private items = new Map<string, ListingRecord>();
  private pending: Pending[] = [];

  constructor(private world: World) {}

  seed(sellerId: string, l: ScenarioListing, createdAtMs: number): void {
    const ev = this.evaluate(sellerId, l.marketplaceId, l.sku, l.productType, l.attributes);
    this.items.set(keyOf(sellerId, l.marketplaceId, l.sku), {
      sellerId,
      marketplaceId: l.marketplaceId,
      sku: l.sku,
      productType: l.productType,
      attributes: structuredClone(l.attributes),
      asin: ev.asin,
      issues: [...ev.blocking, ...ev.issues],
      status: ev.blocking.length ? [] : ev.status,
      createdAtMs,
      updatedAtMs: createdAtMs,
    });
  }

  /** Everything the store holds, for the state file (persistence.ts); `load` puts it back. */
  dump(): { items: ListingRecord[]; pending: Pending[] } {
    return structuredClone({ items: [...this.items.values()], pending: this.pending });
  }

  load(state: { items: ListingRecord[]; pending: Pending[] }): void {
    this.items = new Map(state.items.map((l) => [keyOf(l.sellerId, l.marketplaceId, l.sku), l]));
    this.pending = state.pending;
  }

  /** Applies submissions whose processing time has come. Called before every read. */
  settle(): void {
    const now = this.world.clock.nowMs();
    const due = this.pending.filter((p) => p.applyAtMs <= now);
    this.pending = this.pending.filter((p) => p.applyAtMs > now);
    for (const p of due) {
      if (!p.next) {
        this.items.delete(p.key);
        continue;
      }
      const [sellerId = '', marketplaceId = '', ...rest] = p.key.split('|');
      const sku = rest.join('|');
      const prev = this.items.get(p.key);
      const ev = this.evaluate(sellerId, marketplaceId, sku, p.next.productType, p.next.attributes);
      this.items.set(p.key, {
        sellerId,
        marketplaceId,
        sku,
        productType: p.next.productType,
        attributes: p.next.attributes,
        asin: ev.asin,
        issues: ev.issues,
        ...(prev?.amazonIssues ? { amazonIssues: prev.amazonIssues } : {}),
        status: ev.status,
        createdAtMs: prev?.createdAtMs ?? p.applyAtMs,
        updatedAtMs: p.applyAtMs,
      });
    }
  }

  get(sellerId: string, marketplaceId: string, sku: string): ListingRecord | undefined {
    this.settle();
    return this.items.get(keyOf(sellerId, marketplaceId, sku));
  }

  list(sellerId?: string): ListingRecord[] {
    this.settle();
    return [...this.items.values()].filter((l) => sellerId === undefined || l.sellerId === sellerId);
  }

  /** The state a new submission builds on: the latest pending change, else the stored listing. */
  latestAttributes(sellerId: string, marketplaceId: string, sku: string): { productType: string; attributes: Attributes } | null {
    const key = keyOf(sellerId, marketplaceId, sku);
    const pend = [...this.pending].reverse().find((p) => p.key === key);
    if (pend) return pend.next && structuredClone(pend.next);
    const cur = this.get(sellerId, marketplaceId, sku);
    return cur ? { productType: cur.productType, attributes: structuredClone(cur.attributes) } : null;
  }

  /** `atMs`: when the submission was accepted (a feed processed lazily accepts it at its processing time). */
  submit(sellerId: string, marketplaceId: string, sku: string, next: Pending['next'], atMs = this.world.clock.nowMs()): string {
    const delayMs = this.world.settings.listingProcessingDelaySeconds * 1000;
    this.pending.push({ applyAtMs: atMs + delayMs, key: keyOf(sellerId, marketplaceId, sku), next });
    if (delayMs === 0) this.settle();
    return randomId(16);
  }

  /** Sets a listing's FBA/MFN quantity directly (used by the shopper and control plane). */
  setQuantity(rec: ListingRecord, quantity: number): void {
    const fa = first(rec.attributes, 'fulfillment_availability');
    if (fa) fa.quantity = quantity;
    else rec.attributes.fulfillment_availability = [{ fulfillment_channel_code: 'DEFAULT', quantity }];
    const ev = this.evaluate(rec.sellerId, rec.marketplaceId, rec.sku, rec.productType, rec.attributes);
    rec.issues = ev.issues;
    rec.status = ev.status;
    rec.updatedAtMs = this.world.clock.nowMs();
  }

  /** Re-derives issues and statuses after something outside the attributes changed (FBA stock). */
  reevaluate(rec: ListingRecord): void {
    const ev = this.evaluate(rec.sellerId, rec.marketplaceId, rec.sku, rec.productType, rec.attributes);
    rec.issues = ev.issues;
    rec.status = ev.status;
    rec.updatedAtMs = this.world.clock.nowMs();
  }

  evaluate(sellerId: string, marketplaceId: string, sku: string, productType: string, attrs: Attributes): Evaluation {
    const blocking: ListingIssue[] = [];
    const issues: ListingIssue[] = [];
    const market = this.world.marketplaces.get(marketplaceId);
    if (!first(attrs, 'condition_type')) {
      blocking.push({
        code: '90220',
        message: "'condition_type' is required but not supplied.",
        severity: 'ERROR',
        attributeNames: ['condition_type'],
        categories: ['MISSING_ATTRIBUTE'],
        enforcements: notExempt('LISTING_SUPPRESSED'),
      });
    }
    const defined = this.world.productTypes.get(productType);
    if (defined) {
      const known = new Set(Object.values(defined.propertyGroups).flatMap((g) => g.propertyNames));
      const unknown = Object.keys(attrs).filter((a) => !known.has(a));
      if (unknown.length) blocking.push(undefinedAttributes(unknown));
    }
    let asin: string | null = null;
    const suggested = first(attrs, 'merchant_suggested_asin')?.value;
    const extId = first(attrs, 'externally_assigned_product_identifier');
    if (typeof suggested === 'string') {
      const item = this.world.catalog.get(suggested);
      if (item && item.marketplaceIds.includes(marketplaceId)) asin = suggested;
      else
        issues.push({
          code: '8572',
          message: `The ASIN ${suggested} does not exist in marketplace ${marketplaceId}.`,
          severity: 'ERROR',
          attributeNames: ['merchant_suggested_asin'],
          categories: ['INVALID_ATTRIBUTE'],
        });
    } else if (extId && typeof extId.value === 'string') {
      const type = String(extId.type ?? '').toUpperCase();
      const matches = [...this.world.catalog.values()].filter(
        (c) => c.marketplaceIds.includes(marketplaceId) && c.identifiers.some((i) => i.type === type && i.value === extId.value),
      );
      if (matches.length === 1) asin = matches[0]?.asin ?? null;
      else if (matches.length === 0)
        issues.push({
          code: '8572',
          message: `No ASIN matches ${type} ${extId.value}; the simulator cannot create new catalog items.`,
          severity: 'ERROR',
          attributeNames: ['externally_assigned_product_identifier'],
          categories: ['INVALID_ATTRIBUTE'],
        });
      else
        issues.push({
          code: '8541',
          message: `${type} ${extId.value} matches several ASINs (${matches.map((m) => m.asin).join(', ')}); supply merchant_suggested_asin.`,
          severity: 'ERROR',
          attributeNames: ['externally_assigned_product_identifier'],
          categories: ['DUPLICATE'],
        });
    } else {
      blocking.push({
        code: '90220',
        message: "'merchant_suggested_asin' or 'externally_assigned_product_identifier' is required but not supplied.",
        severity: 'ERROR',
        attributeNames: ['merchant_suggested_asin'],
        categories: ['MISSING_ATTRIBUTE'],
        enforcements: notExempt('LISTING_SUPPRESSED'),
      });
    }
    if (asin && this.world.catalog.get(asin)?.restricted) {
      issues.push({
        code: '5665',
        message: `You need approval to list ASIN ${asin} (brand or category is gated).`,
        severity: 'ERROR',
        categories: ['QUALIFICATION_REQUIRED'],
      });
    }
    const offer = offerOf(attrs);
    // A variation parent is never bought itself (its children carry the offers): no price is no problem.
    const isParent = first(attrs, 'parentage_level')?.value === 'parent';
    if (!offer) {
      if (!isParent)
        issues.push({
          code: '18027',
          message: 'The listing has no price (purchasable_offer); it cannot be bought.',
          severity: 'WARNING',
          attributeNames: ['purchasable_offer'],
          categories: ['MISSING_PRICE'],
        });
    } else if (market && offer.currency !== market.defaultCurrencyCode) {
      issues.push({
        code: '18028',
        message: `Currency ${offer.currency} is not valid in ${market.name}; use ${market.defaultCurrencyCode}.`,
        severity: 'ERROR',
        attributeNames: ['purchasable_offer'],
        categories: ['INVALID_PRICE'],
      });
    } else if (!(Number(offer.amount) > 0)) {
      issues.push({
        code: '18028',
        message: `Price ${offer.amount} is not a positive amount.`,
        severity: 'ERROR',
        attributeNames: ['purchasable_offer'],
        categories: ['INVALID_PRICE'],
      });
    }
    const status: ListingStatus[] = [];
    if (blocking.length === 0 && !issues.some((i) => i.severity === 'ERROR') && asin) {
      status.push('DISCOVERABLE');
      if (offer && this.availableQuantity(sellerId, marketplaceId, sku, attrs) > 0) status.unshift('BUYABLE');
    }
    // Beyond undefined attributes, product-type specific requirements are not modelled (see README limitations).
    return { asin, blocking, issues, status };
  }

  private availableQuantity(sellerId: string, marketplaceId: string, sku: string, attrs: Attributes): number {
    const q = quantityOf(attrs);
    if (q && q.channel === 'DEFAULT') return q.quantity;
    const fba = this.world.sellers.get(sellerId)?.fbaInventory.find((i) => i.sku === sku && i.marketplaceId === marketplaceId);
    return fba?.fulfillable ?? 0;
  }
}
