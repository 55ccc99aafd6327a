/**
 * The left navigation, mirroring the Magento admin menu. Each leaf names its route and the
 * permission it needs; a role sees only what it may open, and a section with nothing left is hidden.
 */
import type { Permission } from '../api/types';

export interface NavLeaf {
  title: string;
  to: string;
  permission: Permission;
}

export interface NavGroup {
  title: string;
  /** A caption above the items (Magento's "Channels"). */
  caption?: string;
  children: (NavLeaf | NavGroup)[];
}

export interface NavSection extends NavGroup {
  icon: string;
}

export const NAVIGATION: readonly NavSection[] = [
  {
    // First, as in Magento's menu: orders are what an admin opens most.
    title: 'Sales',
    icon: 'mdi-currency-usd',
    children: [
      { title: 'Orders', to: '/sales/orders', permission: 'sales.read' },
      { title: 'Orders needing attention', to: '/sales/amazon-workbench', permission: 'sales.read' },
    ],
  },
  {
    title: 'Catalog',
    icon: 'mdi-tag-outline',
    children: [
      { title: 'Products', to: '/catalog/products', permission: 'catalog.read' },
      { title: 'Import', to: '/catalog/import', permission: 'catalog.write' },
    ],
  },
  {
    title: 'Marketing',
    icon: 'mdi-bullhorn-outline',
    caption: 'Channels',
    children: [
      {
        title: 'Amazon Sales Channel',
        children: [
          { title: 'Amazon Stores', to: '/amazon/stores', permission: 'stores.read' },
          { title: 'Learning and Preparation', to: '/amazon/learning', permission: 'stores.read' },
          { title: 'Attributes', to: '/amazon/attributes', permission: 'stores.read' },
        ],
      },
    ],
  },
  {
    title: 'System',
    icon: 'mdi-cog-outline',
    children: [
      { title: 'Admin Users', to: '/system/admin-users', permission: 'users.manage' },
      { title: 'Audit Log', to: '/system/audit-log', permission: 'audit.read' },
      { title: 'Outgoing E-mail', to: '/system/outgoing-mail', permission: 'mail.manage' },
    ],
  },
];

const isLeaf = (item: NavLeaf | NavGroup): item is NavLeaf => 'to' in item;

function prune<T extends NavGroup>(group: T, can: (p: Permission) => boolean): T | null {
  const children = group.children
    .map((c) => (isLeaf(c) ? (can(c.permission) ? c : null) : prune(c, can)))
    .filter((c): c is NavLeaf | NavGroup => c !== null);
  return children.length ? { ...group, children } : null;
}

/** The menu as a role sees it. */
export function navigationFor(can: (p: Permission) => boolean): NavSection[] {
  return NAVIGATION.map((s) => prune(s, can)).filter((s): s is NavSection => s !== null);
}

export { isLeaf };
