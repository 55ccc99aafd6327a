/**
 * Every store's listings at a glance, for the admin's landing dashboard: how many listings each status holds and
 * whether the store's listing rule was ever saved, in one call for all stores (a dashboard with ten stores asks once,
 * not twenty times). Draft-07 literal with `$id`, registered by platform/swagger.ts and shared with the admin.
 */
import { LISTING_STATUSES } from './listings';

const statusCounts = Object.fromEntries(LISTING_STATUSES.map((s) => [s, { type: 'integer', minimum: 0 }])) as Record<
  (typeof LISTING_STATUSES)[number],
  { type: 'integer'; minimum: 0 }
>;

export const storeListingsOverviewSchema = {
  $id: 'StoreListingsOverview',
  type: 'object',
  required: ['storeId', 'ruleSavedAt', 'statuses'],
  properties: {
    storeId: { type: 'integer' },
    ruleSavedAt: { type: ['string', 'null'], description: 'When the listing rule was last saved (ISO); null: never' },
    statuses: { type: 'object', required: [...LISTING_STATUSES], properties: statusCounts, description: 'Listings by status' },
  },
} as const;

export const listingsOverviewSchema = {
  $id: 'ListingsOverview',
  type: 'object',
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      description: 'Every store that has a saved rule or a listing; a store missing here has neither',
      items: { $ref: 'StoreListingsOverview#' },
    },
  },
} as const;

export const listingsOverviewSchemas = [storeListingsOverviewSchema, listingsOverviewSchema];
