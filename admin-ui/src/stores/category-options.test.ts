import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { provideApi } from '../api/provider';
import type { CategoryNode } from '../api/types';
import { categoryParts } from '../components/product-labels';
import { fakeApi } from '../test-support/fake-api';
import { useCatalogMetaStore } from './catalog-meta';
import { categoryChip, categoryOptions, matchesCategory } from './category-options';
import { previewNumber } from './listing-rule';

const TREE: CategoryNode[] = [
  {
    id: 1,
    parentId: null,
    name: 'Default Category',
    path: 'Default Category',
    level: 1,
    productCount: 0,
    children: [
      {
        id: 2,
        parentId: 1,
        name: 'Gear',
        path: 'Default Category/Gear',
        level: 2,
        productCount: 1,
        children: [{ id: 3, parentId: 2, name: 'Bags', path: 'Default Category/Gear/Bags', level: 3, productCount: 4, children: [] }],
      },
      { id: 4, parentId: 1, name: 'Bags', path: 'Default Category/Bags', level: 2, productCount: 2, children: [] },
    ],
  },
];

describe('category picker options', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('lists the tree depth first with names, paths and depth, ids as text', () => {
    assert.deepEqual(
      categoryOptions(TREE).map((o) => [o.value, o.title, o.depth]),
      [
        ['1', 'Default Category', 0],
        ['2', 'Gear', 1],
        ['3', 'Bags', 2],
        ['4', 'Bags', 1],
      ],
    );
    assert.equal(categoryOptions(TREE)[2]!.path, 'Default Category/Gear/Bags');
  });

  it('shows a chosen id by its name, and says so when the category is gone', () => {
    const options = categoryOptions(TREE);
    assert.deepEqual(categoryChip('3', options), { title: 'Bags', path: 'Default Category/Gear/Bags', known: true });
    assert.deepEqual(categoryChip('99', options), { title: 'Category 99 (not found)', path: '', known: false });
  });

  it('finds a category by name or by part of its path', () => {
    const [, gear, gearBags, bags] = categoryOptions(TREE);
    assert.ok(matchesCategory(gear!, 'GEAR'));
    assert.ok(matchesCategory(gearBags!, 'gear/ba'));
    assert.ok(!matchesCategory(bags!, 'gear/ba'));
    assert.ok(matchesCategory(bags!, '  '));
  });

  it('loads the category tree once, and again after a failure', async () => {
    let fail = true;
    const api = provideApi(
      fakeApi(() => {
        if (fail) {
          fail = false;
          throw new Error('offline');
        }
        return TREE;
      }),
    );
    const meta = useCatalogMetaStore();
    await meta.loadCategories();
    assert.ok(meta.categoriesProblem);
    await meta.loadCategories();
    await meta.loadCategories();
    assert.equal(meta.categories[0]?.name, 'Default Category');
    assert.equal(meta.categoriesProblem, null);
    assert.equal(api.calls.length, 2);
    assert.deepEqual(api.calls[1], { method: 'GET', path: '/api/catalog/categories', query: { format: 'tree' } });
  });

  it('words a product page category and a preview figure', () => {
    assert.deepEqual(categoryParts('Default Category/Gear/Bags'), { name: 'Bags', parents: 'Default Category / Gear' });
    assert.deepEqual(categoryParts('Root'), { name: 'Root', parents: '' });
    assert.equal(previewNumber(19.99, 2), '19.99');
    assert.equal(previewNumber(1234.5, 2), '1,234.50');
    assert.equal(previewNumber(11, 0), '11');
    assert.equal(previewNumber(null, 0), '—');
  });
});
