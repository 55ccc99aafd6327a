/**
 * A page's breadcrumb trail as links. Each title is found in the navigation the admin sees (a page: its link; a
 * menu group: the first page in it the admin may open), so a crumb never leads to an "Access denied" page and
 * a renamed menu item renames its crumbs. Titles the menu words differently (Magento's "Channels",
 * "Permissions", "Action Logs") point at the menu item they stand for; a title with nowhere to go stays text.
 */
import type { Permission } from '../api/types';
import { isLeaf, navigationFor, type NavGroup, type NavLeaf } from './navigation';

export interface Crumb {
  title: string;
  to: string | null;
}

const SAME_AS: Record<string, string> = { Channels: 'Marketing', Permissions: 'Admin Users', 'Action Logs': 'Audit Log' };
/** Pages outside the menu (every signed-in admin's own page). */
const OUTSIDE_MENU: Record<string, string> = { Account: '/account' };

function firstPage(item: NavLeaf | NavGroup): string | null {
  if (isLeaf(item)) return item.to;
  for (const child of item.children) {
    const to = firstPage(child);
    if (to) return to;
  }
  return null;
}

function find(items: readonly (NavLeaf | NavGroup)[], title: string): NavLeaf | NavGroup | null {
  for (const item of items) {
    if (item.title === title) return item;
    if (!isLeaf(item)) {
      const found = find(item.children, title);
      if (found) return found;
    }
  }
  return null;
}

export function breadcrumbs(trail: readonly string[], can: (p: Permission) => boolean): Crumb[] {
  const menu = navigationFor(can);
  return trail.map((title) => {
    const item = find(menu, SAME_AS[title] ?? title);
    return { title, to: item ? firstPage(item) : (OUTSIDE_MENU[title] ?? null) };
  });
}
