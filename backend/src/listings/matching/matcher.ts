/**
 * Pure: what a catalog search answer means for one listing — one ASIN, several, none, or a variation parent
 * (the product matched a family, not an item). Candidates carry what the admin needs to pick one.
 */
import type { CatalogItem, ListingRestriction } from '../../spapi/index';
import type { Candidate } from '../listings.queries';

export type MatchVerdict =
  | { kind: 'single'; asin: string; productType: string | null; candidate: Candidate }
  | { kind: 'multiple'; candidates: Candidate[] }
  | { kind: 'none' }
  | { kind: 'variation_parent'; asin: string; candidates: Candidate[] };

export function candidateOf(item: CatalogItem): Candidate {
  const s = item.summaries?.[0];
  return {
    asin: item.asin,
    title: (s?.itemName as string | undefined) ?? null,
    brand: (s?.brand as string | undefined) ?? null,
    productType: item.productTypes?.[0]?.productType ?? null,
  };
}

const isVariationParent = (item: CatalogItem) => item.summaries?.[0]?.itemClassification === 'VARIATION_PARENT';

function childAsins(item: CatalogItem): string[] {
  const rels = (item.relationships as { relationships?: { childAsins?: string[] }[] }[] | undefined) ?? [];
  return rels.flatMap((r) => r.relationships ?? []).flatMap((r) => r.childAsins ?? []);
}

/** `isParentListing`: the listing is a configurable (a variation parent is what it should match). */
export function verdict(items: readonly CatalogItem[], isParentListing: boolean): MatchVerdict {
  const unique = [...new Map(items.map((i) => [i.asin, i])).values()];
  if (!unique.length) return { kind: 'none' };
  if (unique.length > 1) return { kind: 'multiple', candidates: unique.map(candidateOf) };
  const item = unique[0]!;
  if (isVariationParent(item) && !isParentListing)
    return {
      kind: 'variation_parent',
      asin: item.asin,
      candidates: childAsins(item).map((asin) => ({ asin, title: null, brand: null, productType: null })),
    };
  const c = candidateOf(item);
  return { kind: 'single', asin: item.asin, productType: c.productType, candidate: c };
}

/** Which identifier values of `type` an item carries (to map a batched search back to listings). */
export function identifierValues(item: CatalogItem, type: string): string[] {
  return (item.identifiers ?? []).flatMap((m) => m.identifiers.filter((i) => i.identifierType === type).map((i) => i.identifier));
}

/**
 * What Listings Restrictions say keeps the seller from listing the item (null: nothing does), in Amazon's words
 * and with the link where the seller asks for approval when Amazon gives one.
 */
export function restrictionOf(restrictions: readonly ListingRestriction[]): string | null {
  if (!restrictions.length) return null;
  const reason = restrictions.flatMap((r) => r.reasons ?? [])[0];
  if (!reason) return 'Amazon does not allow this seller to list it';
  const link = reason.links?.find((l) => l.verb === 'GET')?.resource;
  return link ? `${reason.message} Request approval: ${link}` : reason.message;
}
