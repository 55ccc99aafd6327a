import assert from 'node:assert/strict';
import type { Permission } from '../api/types';
import { breadcrumbs } from './breadcrumbs';

const everything = () => true;
const catalogManager = (p: Permission) => ['catalog.read', 'catalog.write', 'stores.read'].includes(p);

describe('breadcrumbs', () => {
  it('links each crumb to its page, or a menu group to its first page', () => {
    assert.deepEqual(breadcrumbs(['Marketing', 'Channels', 'Amazon Sales Channel', 'Amazon Stores'], everything), [
      { title: 'Marketing', to: '/amazon/stores' },
      { title: 'Channels', to: '/amazon/stores' },
      { title: 'Amazon Sales Channel', to: '/amazon/stores' },
      { title: 'Amazon Stores', to: '/amazon/stores' },
    ]);
    assert.deepEqual(breadcrumbs(['Catalog', 'Products'], everything), [
      { title: 'Catalog', to: '/catalog/products' },
      { title: 'Products', to: '/catalog/products' },
    ]);
    assert.deepEqual(breadcrumbs(['System', 'Permissions'], everything), [
      { title: 'System', to: '/system/admin-users' },
      { title: 'Permissions', to: '/system/admin-users' },
    ]);
    assert.deepEqual(breadcrumbs(['Account'], everything), [{ title: 'Account', to: '/account' }]);
  });

  it('never links to a page the role may not open, and leaves unknown titles as text', () => {
    assert.deepEqual(breadcrumbs(['System', 'Action Logs'], catalogManager), [
      { title: 'System', to: null },
      { title: 'Action Logs', to: null },
    ]);
    assert.deepEqual(breadcrumbs(['Somewhere'], everything), [{ title: 'Somewhere', to: null }]);
  });
});
