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
];

export const storeSectionRouteName = (path: string) => `amazon-store-${path}`;
