/**
 * The APIs the local Amazon models (handlers that keep state): each must pass at least 95 % of its cases.
 * An API joins this list when its handlers are written (Inbound, Outbound and Pricing come with the issues
 * that use them).
 */
export const MODELLED_APIS: readonly string[] = [
  'Orders v0',
  'Orders 2026-01-01',
  'Listings Items 2021-08-01',
  'Feeds 2021-06-30',
  'Reports 2021-06-30',
  'Catalog Items 2022-04-01',
  'Sellers v1',
  'Tokens 2021-03-01',
  'Listings Restrictions 2021-08-01',
  'Product Type Definitions 2020-09-01',
  'Notifications v1',
];
