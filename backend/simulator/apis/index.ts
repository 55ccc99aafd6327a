/**
 * Handler registry: `${modelId}#${operationId}` → handler. To add an API, create one file per
 * API+version exporting `modelId` and `handlers`, and list it here.
 */
import type { ApiHandler } from './types';
import * as sellers from './sellers_v1';
import * as catalog from './catalogItems_2022-04-01';
import * as listings from './listingsItems_2021-08-01';
import * as restrictions from './listingsRestrictions_2021-08-01';
import * as feeds from './feeds_2021-06-30';
import * as reports from './reports_2021-06-30';
import * as orders from './ordersV0';
import * as tokens from './tokens_2021-03-01';
import * as fbaInventory from './fbaInventory';
import * as notifications from './notifications';

const modules: { modelId: string; handlers: Record<string, ApiHandler> }[] = [
  sellers,
  catalog,
  listings,
  restrictions,
  feeds,
  reports,
  orders,
  tokens,
  fbaInventory,
  notifications,
];

export const HANDLERS: Record<string, ApiHandler> = Object.fromEntries(
  modules.flatMap((m) => Object.entries(m.handlers).map(([opId, h]) => [`${m.modelId}#${opId}`, h])),
);
