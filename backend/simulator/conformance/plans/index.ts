/** Planners per model (see ../types.ts) and the name each API is printed under. */
import type { ApiPlans } from '../types';
import { catalogPlans } from './catalog';
import { feedsPlans } from './feeds';
import { listingsPlans } from './listings';
import { notificationsPlans } from './notifications';
import { productTypesPlans } from './productTypes';
import { reportsPlans } from './reports';
import { ordersV0Plans } from './ordersV0';
import { orders2026Plans } from './orders_2026-01-01';
import { sellersPlans } from './sellers';
import { restrictionsPlans, tokensPlans } from './small';

export const PLANS: Record<string, ApiPlans> = {
  sellers: sellersPlans,
  'catalogItems_2022-04-01': catalogPlans,
  'feeds_2021-06-30': feedsPlans,
  'reports_2021-06-30': reportsPlans,
  'tokens_2021-03-01': tokensPlans,
  'listingsItems_2021-08-01': listingsPlans,
  'listingsRestrictions_2021-08-01': restrictionsPlans,
  'definitionsProductTypes_2020-09-01': productTypesPlans,
  ordersV0: ordersV0Plans,
  'orders_2026-01-01': orders2026Plans,
  notifications: notificationsPlans,
};

const NAMES: Record<string, string> = {
  sellers: 'Sellers v1',
  'catalogItems_2022-04-01': 'Catalog Items 2022-04-01',
  'listingsItems_2021-08-01': 'Listings Items 2021-08-01',
  'listingsRestrictions_2021-08-01': 'Listings Restrictions 2021-08-01',
  'feeds_2021-06-30': 'Feeds 2021-06-30',
  'reports_2021-06-30': 'Reports 2021-06-30',
  ordersV0: 'Orders v0',
  'orders_2026-01-01': 'Orders 2026-01-01',
  'tokens_2021-03-01': 'Tokens 2021-03-01',
  fbaInventory: 'FBA Inventory v1',
  'definitionsProductTypes_2020-09-01': 'Product Type Definitions 2020-09-01',
  notifications: 'Notifications v1',
  productPricingV0: 'Product Pricing v0',
  'productPricing_2022-05-01': 'Product Pricing 2022-05-01',
  fulfillmentInboundV0: 'Fulfillment Inbound v0',
  'fulfillmentInbound_2024-03-20': 'Fulfillment Inbound 2024-03-20',
  'fulfillmentOutbound_2020-07-01': 'Fulfillment Outbound 2020-07-01',
  'fulfillmentOutbound_2026-07-04': 'Fulfillment Outbound 2026-07-04',
  financesV0: 'Finances v0',
  'finances_2024-06-19': 'Finances 2024-06-19',
};

export const apiName = (modelId: string): string => PLANS[modelId]?.api ?? NAMES[modelId] ?? modelId;
