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
import * as reportSchedules from './reportSchedules_2021-06-30';
import * as orders from './ordersV0';
import * as orders2026 from './orders_2026-01-01';
import * as tokens from './tokens_2021-03-01';
import * as fbaInventory from './fbaInventory';
import * as productTypes from './definitionsProductTypes_2020-09-01';
import * as notifications from './notifications';

const modules: { modelId: string; handlers: Record<string, ApiHandler>; ownBodyRules?: string[] }[] = [
  sellers,
  catalog,
  listings,
  restrictions,
  feeds,
  reports,
  reportSchedules,
  orders,
  orders2026,
  tokens,
  fbaInventory,
  productTypes,
  notifications,
];

export const HANDLERS: Record<string, ApiHandler> = Object.fromEntries(
  modules.flatMap((m) => Object.entries(m.handlers).map(([opId, h]) => [`${m.modelId}#${opId}`, h])),
);

/**
 * `${modelId}#${operationId}` of operations whose handler checks the body itself, because Amazon answers every
 * problem of such a body at once where the model check stops at the first; the pipeline passes it on unchecked.
 */
export const OWN_BODY_RULES: ReadonlySet<string> = new Set(
  modules.flatMap((m) => (m.ownBodyRules ?? []).map((id) => `${m.modelId}#${id}`)),
);
