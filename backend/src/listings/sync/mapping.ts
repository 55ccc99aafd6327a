/**
 * Pure: DesiredListing → what Amazon gets (Listings Items 2021-08-01 attributes, putListingsItem /
 * patchListingsItem bodies, JSON_LISTINGS_FEED messages), the stable hash that says "changed or not",
 * and the choice per listing between a full PUT, an offer-only PATCH and a DELETE.
 */
import { createHash } from 'node:crypto';
import type { ListingsFeedMessage, ListingsPatchBody, ListingsPutBody } from '../../spapi/index';
import type { DesiredListing } from './types';

export type SyncOperation = 'put' | 'patch' | 'delete';

/** What to do for one dirty listing; 'forget' = it should not exist and was never sent: nothing to ask Amazon. */
export type Plan = { operation: SyncOperation } | { operation: 'forget' };

/**
 * A submission in the words of the listing's activity log (admins read it): "the offer BAG-1", not "PUT BAG-1 to the
 * Listings Items API". A PUT sends the whole offer, a PATCH only what changed, a DELETE removes it.
 */
export function operationWords(operation: SyncOperation, sellerSku: string): string {
  if (operation === 'put') return `the offer ${sellerSku}`;
  if (operation === 'patch') return `the changes to ${sellerSku}`;
  return `the removal of ${sellerSku}`;
}

// Amazon wants a language tag on text attributes; the marketplace's primary language.
const LANGUAGE_BY_MARKETPLACE: Record<string, string> = {
  ATVPDKIKX0DER: 'en_US',
  A2EUQ1WTGCTBG2: 'en_CA',
  A1AM78C64UM0Y8: 'es_MX',
  A1F83G8C2ARO7P: 'en_GB',
  A1PA6795UKMFR9: 'de_DE',
  A13V1IB3VIYZZH: 'fr_FR',
  APJ6JRA9NG5V4: 'it_IT',
  A1RKKUPIHCS9HS: 'es_ES',
  A1VC38T7YXB528: 'ja_JP',
};

export const languageOf = (marketplaceId: string) => LANGUAGE_BY_MARKETPLACE[marketplaceId] ?? 'en_US';

/** JSON with sorted keys, so equal states hash equally whatever order the caller built them in. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function desiredHash(desired: DesiredListing | null): string {
  return createHash('sha256').update(canonicalJson(desired)).digest('hex');
}

// The offer: what a PATCH may change without touching the product facts.
type OfferField = 'price' | 'currency' | 'quantity' | 'handlingTime';

function structureOf(d: DesiredListing): Omit<DesiredListing, OfferField> {
  const { price: _p, currency: _c, quantity: _q, handlingTime: _h, ...rest } = d;
  return rest;
}

/**
 * PUT on first publish, after a failure we cannot reason about (acknowledged unknown), or when anything
 * but the offer changed; PATCH when only price/quantity/handling time moved; DELETE when it should go.
 */
export function planFor(desired: DesiredListing | null, acknowledged: DesiredListing | null, everSubmitted: boolean): Plan {
  if (desired === null) return acknowledged === null && !everSubmitted ? { operation: 'forget' } : { operation: 'delete' };
  if (acknowledged === null || desired.isParent) return { operation: 'put' };
  if (canonicalJson(structureOf(desired)) !== canonicalJson(structureOf(acknowledged))) return { operation: 'put' };
  // Removing the price or the quantity is not a replace: a full PUT states the listing without them.
  if (desired.price === null && acknowledged.price !== null) return { operation: 'put' };
  if (desired.quantity === null && (acknowledged.quantity !== null || desired.handlingTime !== acknowledged.handlingTime))
    return { operation: 'put' };
  return offerPatches(desired, acknowledged, 'x').length > 0 ? { operation: 'patch' } : { operation: 'put' };
}

const text = (value: string, marketplaceId: string) => [{ value, language_tag: languageOf(marketplaceId), marketplace_id: marketplaceId }];

function purchasableOffer(d: DesiredListing, marketplaceId: string) {
  // Amazon's product type schemas declare value_with_tax a number; our decimal string converts exactly for prices.
  return [{ marketplace_id: marketplaceId, currency: d.currency, our_price: [{ schedule: [{ value_with_tax: Number(d.price) }] }] }];
}

function fulfillmentAvailability(d: DesiredListing) {
  return [
    {
      fulfillment_channel_code: 'DEFAULT',
      ...(d.quantity !== null ? { quantity: d.quantity } : {}),
      ...(d.handlingTime !== null ? { lead_time_to_ship_max_days: d.handlingTime } : {}),
    },
  ];
}

/** Listings Items 2021-08-01 attributes for a full PUT / feed UPDATE. */
export function toAttributes(d: DesiredListing, marketplaceId: string): Record<string, unknown> {
  const mp = marketplaceId;
  const attrs: Record<string, unknown> = { condition_type: [{ value: d.condition, marketplace_id: mp }] };
  if (d.conditionNote) attrs.condition_note = text(d.conditionNote, mp);
  if (d.asin) attrs.merchant_suggested_asin = [{ value: d.asin, marketplace_id: mp }];
  if (!d.isParent) {
    if (d.price !== null) attrs.purchasable_offer = purchasableOffer(d, mp);
    if (d.quantity !== null) attrs.fulfillment_availability = fulfillmentAvailability(d);
  }
  if (d.isParent || d.parentSku) attrs.parentage_level = [{ value: d.isParent ? 'parent' : 'child', marketplace_id: mp }];
  if (d.parentSku)
    attrs.child_parent_sku_relationship = [{ child_relationship_type: 'variation', parent_sku: d.parentSku, marketplace_id: mp }];
  if (d.variationTheme) attrs.variation_theme = [{ name: d.variationTheme }];
  for (const [name, value] of Object.entries(d.variationAttributes)) attrs[name.toLowerCase()] = text(value, mp);
  // Product facts only matter when Amazon has to create or describe the product (no matched ASIN, or a parent).
  if (!d.asin || d.isParent) {
    if (d.title) attrs.item_name = text(d.title, mp);
    if (d.brand) attrs.brand = text(d.brand, mp);
    if (d.identifiers.length > 0)
      attrs.externally_assigned_product_identifier = d.identifiers.map((i) => ({
        type: i.type.toLowerCase(),
        value: i.value,
        marketplace_id: mp,
      }));
    // Mapped facts never replace what the listing states itself (a variation's color, its identifiers…).
    for (const [name, value] of Object.entries(d.productAttributes ?? {})) if (!(name in attrs)) attrs[name] = text(value, mp);
  }
  return attrs;
}

/** Matched to an existing ASIN: only the offer is ours to state; otherwise the full listing. */
export const requirementsOf = (d: DesiredListing) => (d.asin && !d.isParent ? 'LISTING_OFFER_ONLY' : 'LISTING');

export function toPutBody(d: DesiredListing, marketplaceId: string): ListingsPutBody {
  return { productType: d.productType, requirements: requirementsOf(d), attributes: toAttributes(d, marketplaceId) };
}

/** Replace operations for what moved in the offer since the acknowledged state. */
export function offerPatches(d: DesiredListing, acknowledged: DesiredListing, marketplaceId: string): ListingsPatchBody['patches'] {
  const patches: ListingsPatchBody['patches'] = [];
  if (d.price !== null && (d.price !== acknowledged.price || d.currency !== acknowledged.currency))
    patches.push({ op: 'replace', path: '/attributes/purchasable_offer', value: purchasableOffer(d, marketplaceId) });
  if (d.quantity !== null && (d.quantity !== acknowledged.quantity || d.handlingTime !== acknowledged.handlingTime))
    patches.push({ op: 'replace', path: '/attributes/fulfillment_availability', value: fulfillmentAvailability(d) });
  return patches;
}

export function toPatchBody(d: DesiredListing, acknowledged: DesiredListing, marketplaceId: string): ListingsPatchBody {
  return { productType: d.productType, patches: offerPatches(d, acknowledged, marketplaceId) };
}

/** One JSON_LISTINGS_FEED message for a planned operation (UPDATE = full put, PATCH, DELETE). */
export function toFeedMessage(
  messageId: number,
  sku: string,
  operation: SyncOperation,
  desired: DesiredListing | null,
  acknowledged: DesiredListing | null,
  marketplaceId: string,
): ListingsFeedMessage {
  if (operation === 'delete' || desired === null) return { messageId, sku, operationType: 'DELETE' };
  if (operation === 'patch' && acknowledged)
    return { messageId, sku, operationType: 'PATCH', ...toPatchBody(desired, acknowledged, marketplaceId) };
  return { messageId, sku, operationType: 'UPDATE', ...toPutBody(desired, marketplaceId) };
}
