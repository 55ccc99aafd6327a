/** Schema fragments and permissions the listings routes share. */
export const TAGS = ['listings'];
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, { $ref: 'ErrorEnvelope#' }]));
export const storeParams = { type: 'object', required: ['storeId'], properties: { storeId: { type: 'integer', minimum: 1 } } } as const;
export const listingParams = {
  type: 'object',
  required: ['storeId', 'id'],
  properties: { storeId: { type: 'integer', minimum: 1 }, id: { type: 'integer', minimum: 1 } },
} as const;
/** Reading listings, settings and rules: both roles (stores.read). */
export const READ = { access: 'stores.read' } as const;
/** Listing settings and rules: 'listing_rules.write' (both roles). */
export const RULES_WRITE = { access: 'listing_rules.write' } as const;
/** Publishing, ending, deleting, unlinking, overrides, matching fixes, linking existing listings: 'catalog.write' (both roles). */
export const LISTINGS_WRITE = { access: 'catalog.write' } as const;
export type StoreParams = { Params: { storeId: number } };
export type ListingParams = { Params: { storeId: number; id: number } };
