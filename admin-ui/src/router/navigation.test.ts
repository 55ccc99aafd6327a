import assert from 'node:assert/strict';
import type { Permission } from '../api/types';
import { decide, safeRedirect } from './guard';
import { isLeaf, navigationFor, type NavGroup, type NavLeaf } from './navigation';

const ADMINISTRATOR: Permission[] = [
  'catalog.read',
  'catalog.write',
  'stores.read',
  'stores.manage',
  'users.manage',
  'audit.read',
  'mail.manage',
  'sales.read',
  'sales.write',
];
const CATALOG_MANAGER: Permission[] = [
  'catalog.read',
  'catalog.write',
  'attributes.write',
  'mapping.write',
  'listing_rules.write',
  'stores.read',
];
const canOf = (perms: Permission[]) => (p: Permission | undefined) => !p || perms.includes(p);

function titles(items: readonly (NavLeaf | NavGroup)[]): string[] {
  return items.flatMap((i) => (isLeaf(i) ? [i.title] : [i.title, ...titles(i.children)]));
}

describe('navigation and route guard', () => {
  it('shows an administrator every section, Magento-style', () => {
    assert.deepEqual(titles(navigationFor(canOf(ADMINISTRATOR))), [
      'Sales',
      'Orders',
      'Orders needing attention',
      'Catalog',
      'Products',
      'Import',
      'Marketing',
      'Amazon Sales Channel',
      'Amazon Stores',
      'Learning and Preparation',
      'Attributes',
      'System',
      'Admin Users',
      'Audit Log',
      'Outgoing E-mail',
    ]);
  });

  it('hides System entirely from a Catalog Manager', () => {
    const nav = titles(navigationFor(canOf(CATALOG_MANAGER)));
    assert.ok(nav.includes('Products'));
    assert.ok(nav.includes('Import'), 'catalog managers import products');
    assert.ok(!titles(navigationFor(canOf(['catalog.read']))).includes('Import'), 'reading the catalog is not enough');
    assert.ok(!nav.includes('System'));
    assert.ok(!nav.includes('Admin Users'));
    assert.ok(!nav.includes('Outgoing E-mail'));
    assert.ok(!nav.includes('Sales'), 'orders carry buyers’ addresses: no Sales for a Catalog Manager');
  });

  it('sends a visitor without a session to sign in, remembering the page', () => {
    const to = { fullPath: '/catalog/products?sku=A', name: 'products', meta: { permission: 'catalog.read' as const } };
    assert.deepEqual(decide(to, false, canOf([])), { name: 'login', query: { redirect: '/catalog/products?sku=A' } });
  });

  it('refuses a route the role may not open', () => {
    const to = { fullPath: '/system/admin-users', name: 'admin-users', meta: { permission: 'users.manage' as const } };
    assert.deepEqual(decide(to, true, canOf(CATALOG_MANAGER)), { name: 'denied', query: { from: '/system/admin-users' } });
    assert.equal(decide(to, true, canOf(ADMINISTRATOR)), true);
  });

  it('takes a signed-in admin past the sign-in page to where it would have led', () => {
    assert.deepEqual(
      decide({ fullPath: '/login', name: 'login', meta: { public: true }, query: { redirect: '/system/audit-log' } }, true, canOf([])),
      {
        path: '/system/audit-log',
      },
    );
  });

  it('follows only redirects inside the admin', () => {
    assert.equal(safeRedirect('https://evil.example/phish'), '/');
    assert.equal(safeRedirect('//evil.example'), '/');
    assert.equal(safeRedirect('/login?redirect=/x'), '/');
    assert.equal(safeRedirect('/catalog/products/4'), '/catalog/products/4');
  });
});
