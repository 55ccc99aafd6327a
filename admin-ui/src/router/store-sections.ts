/**
 * The sections of one Amazon store's view (/amazon/stores/:id/<path>): the left menu and the child routes
 * are both built from this list, so adding a section (listing rules, orders, logs…) is one entry here.
 */
import type { RouteComponent } from 'vue-router';
import type { Permission } from '../api/types';

export interface StoreSection {
  /** The path under /amazon/stores/:id/. */
  path: string;
  title: string;
  icon: string;
  permission: Permission;
  component: () => Promise<RouteComponent>;
  /** false: a route of the store view without a menu item (one listing's page). */
  menu?: false;
}

export const STORE_SECTIONS: readonly StoreSection[] = [
  {
    path: 'dashboard',
    title: 'Dashboard',
    icon: 'mdi-view-dashboard-outline',
    permission: 'stores.read',
    component: () => import('../pages/amazon/store/StoreDashboard.vue'),
  },
  {
    path: 'settings',
    title: 'Store integration settings',
    icon: 'mdi-cog-outline',
    permission: 'stores.read',
    component: () => import('../pages/amazon/store/StoreSettings.vue'),
  },
  {
    path: 'listing-settings',
    title: 'Listing Settings',
    icon: 'mdi-tune-variant',
    permission: 'stores.read',
    component: () => import('../pages/amazon/store/ListingSettings.vue'),
  },
  {
    path: 'order-settings',
    title: 'Orders',
    icon: 'mdi-cart-arrow-down',
    permission: 'stores.read',
    component: () => import('../pages/amazon/store/OrderSettings.vue'),
  },
  {
    path: 'listing-rules',
    title: 'Listing Rules',
    icon: 'mdi-filter-cog-outline',
    permission: 'stores.read',
    component: () => import('../pages/amazon/store/ListingRules.vue'),
  },
  {
    path: 'stock-profiles',
    title: 'Stock Profiles',
    icon: 'mdi-package-variant-closed',
    permission: 'stores.read',
    component: () => import('../pages/amazon/store/StockProfiles.vue'),
  },
  {
    path: 'listings',
    title: 'Listings',
    icon: 'mdi-format-list-bulleted',
    permission: 'stores.read',
    component: () => import('../pages/amazon/store/ListingsSection.vue'),
  },
  {
    path: 'reconciliation',
    title: 'Reconciliation',
    icon: 'mdi-scale-balance',
    permission: 'stores.read',
    component: () => import('../pages/amazon/store/DriftSection.vue'),
  },
  {
    path: 'communication-log',
    title: 'Communication Log',
    icon: 'mdi-swap-horizontal',
    permission: 'stores.read',
    component: () => import('../pages/amazon/store/CommunicationLog.vue'),
  },
  {
    path: 'listings/:listingId(\\d+)',
    title: 'Listing',
    icon: 'mdi-tag-outline',
    permission: 'stores.read',
    component: () => import('../pages/amazon/store/ListingPage.vue'),
    menu: false,
  },
];

export const storeSectionRouteName = (path: string) => `amazon-store-${path}`;
