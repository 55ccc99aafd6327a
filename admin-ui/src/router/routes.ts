/** The admin's routes; `meta.permission` is enforced by the guard in index.ts, not by hiding links. */
import type { RouteRecordRaw } from 'vue-router';
import type { Permission } from '../api/types';
import { STORE_SECTIONS, storeSectionRouteName } from './store-sections';
// The shell, the landing dashboard and the product grid load with the entry bundle: no chunk waterfall before
// the first page after sign-in.
import AdminLayout from '../layouts/AdminLayout.vue';
import DashboardPage from '../pages/dashboard/DashboardPage.vue';
import ProductsPage from '../pages/catalog/ProductsPage.vue';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    /** Reachable without a session (the sign-in page). */
    public?: boolean;
    permission?: Permission;
    /** Breadcrumb trail above the page title (PageHeader links each title through router/breadcrumbs.ts). */
    trail?: string[];
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('../pages/LoginPage.vue'), meta: { public: true, title: 'Sign in' } },
  {
    path: '/',
    component: AdminLayout,
    children: [
      {
        // The admin's home: every store's state, what needs attention and the next steps. Open to every signed-in
        // admin; the page shows only what the role may read.
        path: '',
        name: 'dashboard',
        component: DashboardPage,
        meta: { title: 'Dashboard', trail: [] },
      },
      {
        path: 'sales/orders',
        name: 'sales-orders',
        component: () => import('../pages/sales/OrdersPage.vue'),
        meta: { title: 'Orders', permission: 'sales.read', trail: ['Sales'] },
      },
      {
        path: 'sales/amazon-workbench',
        name: 'sales-amazon-workbench',
        component: () => import('../pages/sales/AmazonWorkbenchPage.vue'),
        meta: { title: 'Orders needing attention', permission: 'sales.read', trail: ['Sales'] },
      },
      {
        path: 'sales/orders/:id(\\d+)',
        name: 'sales-order',
        component: () => import('../pages/sales/OrderPage.vue'),
        meta: { title: 'Order', permission: 'sales.read', trail: ['Sales', 'Orders'] },
      },
      {
        path: 'catalog/products',
        name: 'products',
        component: ProductsPage,
        meta: { title: 'Products', permission: 'catalog.read', trail: ['Catalog'] },
      },
      {
        path: 'catalog/import',
        name: 'catalog-import',
        component: () => import('../pages/catalog/ImportPage.vue'),
        meta: { title: 'Import', permission: 'catalog.write', trail: ['Catalog'] },
      },
      {
        path: 'catalog/products/:id',
        name: 'product',
        component: () => import('../pages/catalog/ProductPage.vue'),
        meta: { title: 'Product', permission: 'catalog.read', trail: ['Catalog', 'Products'] },
      },
      {
        path: 'amazon/stores',
        name: 'amazon-stores',
        component: () => import('../pages/amazon/StoresPage.vue'),
        meta: { title: 'Amazon Stores', permission: 'stores.read', trail: ['Marketing', 'Channels', 'Amazon Sales Channel'] },
      },
      {
        path: 'amazon/stores/new',
        name: 'amazon-store-new',
        component: () => import('../pages/amazon/StoreAddPage.vue'),
        meta: {
          title: 'Add Amazon Store',
          permission: 'stores.manage',
          trail: ['Marketing', 'Channels', 'Amazon Sales Channel', 'Amazon Stores'],
        },
      },
      {
        path: 'amazon/stores/:id(\\d+)',
        component: () => import('../pages/amazon/StorePage.vue'),
        meta: {
          title: 'Amazon Store',
          permission: 'stores.read',
          trail: ['Marketing', 'Channels', 'Amazon Sales Channel', 'Amazon Stores'],
        },
        children: [
          { path: '', name: 'amazon-store', redirect: (to) => ({ name: storeSectionRouteName('dashboard'), params: to.params }) },
          ...STORE_SECTIONS.map((section) => ({
            path: section.path,
            name: storeSectionRouteName(section.path),
            component: section.component,
            meta: {
              title: section.title,
              permission: section.permission,
              trail: ['Marketing', 'Channels', 'Amazon Sales Channel', 'Amazon Stores'],
            },
          })),
        ],
      },
      {
        path: 'amazon/learning',
        name: 'amazon-learning',
        component: () => import('../pages/amazon/LearningPage.vue'),
        meta: { title: 'Learning and Preparation', permission: 'stores.read', trail: ['Marketing', 'Channels', 'Amazon Sales Channel'] },
      },
      {
        path: 'amazon/attributes',
        name: 'amazon-attributes',
        component: () => import('../pages/amazon/AttributesPage.vue'),
        meta: { title: 'Attributes', permission: 'stores.read', trail: ['Marketing', 'Channels', 'Amazon Sales Channel'] },
      },
      {
        path: 'system/admin-users',
        name: 'admin-users',
        component: () => import('../pages/system/AdminUsersPage.vue'),
        meta: { title: 'Admin Users', permission: 'users.manage', trail: ['System', 'Permissions'] },
      },
      {
        path: 'system/audit-log',
        name: 'audit-log',
        component: () => import('../pages/system/AuditLogPage.vue'),
        meta: { title: 'Audit Log', permission: 'audit.read', trail: ['System', 'Action Logs'] },
      },
      {
        // Every signed-in admin's own page: no permission beyond being signed in, like the API's 'signed-in' routes.
        path: 'account',
        name: 'account',
        component: () => import('../pages/account/AccountPage.vue'),
        meta: { title: 'My Account', trail: ['Account'] },
      },
      {
        path: 'system/outgoing-mail',
        name: 'outgoing-mail',
        component: () => import('../pages/system/OutgoingMailPage.vue'),
        meta: { title: 'Outgoing E-mail', permission: 'mail.manage', trail: ['System'] },
      },
      { path: 'denied', name: 'denied', component: () => import('../pages/DeniedPage.vue'), meta: { title: 'Access denied' } },
      { path: ':rest(.*)*', name: 'not-found', component: () => import('../pages/NotFoundPage.vue'), meta: { title: 'Page not found' } },
    ],
  },
];
