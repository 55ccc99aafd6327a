/** Every store's listings at a glance (GET /api/listings/overview), derived from `schema/listings-overview.ts`. */
import type { storeListingsOverviewSchema } from '../../../schema/listings-overview';
import type { FromSchema } from './from-schema';

export type StoreListingsOverview = FromSchema<typeof storeListingsOverviewSchema>;
/** `items` is a `$ref`, which `FromSchema` does not follow: put back by hand. */
export interface ListingsOverview {
  items: StoreListingsOverview[];
}
