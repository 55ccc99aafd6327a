import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { memoryStorage, provideStorage } from './storage';
import { useSavedViewsStore } from './saved-views';
import { defaultQuery, emptyFilters } from './product-query';

describe('saved views store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    provideStorage(memoryStorage());
  });

  it('saves filters, sort and columns, and gives the query back from page 1', () => {
    const views = useSavedViewsStore();
    views.useViewsOf(1);
    const query = { ...defaultQuery(), page: 5, sort: 'price' as const, filters: { ...emptyFilters(), status: 'disabled' } };
    views.save('  Disabled by price ', query, ['price']);
    assert.equal(views.views.length, 1);
    const view = views.views[0]!;
    assert.equal(view.name, 'Disabled by price');
    assert.deepEqual(view.columns, ['sku', 'price']);
    assert.deepEqual(views.queryOf(view), { ...query, page: 1 });
  });

  it('keeps each admin’s views apart and survives a reload', () => {
    const views = useSavedViewsStore();
    views.useViewsOf(1);
    views.save('Mine', defaultQuery(), []);
    views.useViewsOf(2);
    assert.deepEqual(views.views, []);
    setActivePinia(createPinia());
    const reloaded = useSavedViewsStore();
    reloaded.useViewsOf(1);
    assert.deepEqual(
      reloaded.views.map((v) => v.name),
      ['Mine'],
    );
  });

  it('replaces a view saved again under the same name, and deletes by name', () => {
    const views = useSavedViewsStore();
    views.useViewsOf(1);
    views.save('Low stock', defaultQuery(), []);
    views.save('low stock', { ...defaultQuery(), dir: 'desc' }, []);
    assert.equal(views.views.length, 1);
    assert.equal(views.views[0]?.query.dir, 'desc');
    views.remove('low stock');
    assert.deepEqual(views.views, []);
  });

  it('refuses a view without a name', () => {
    const views = useSavedViewsStore();
    views.useViewsOf(1);
    assert.throws(() => views.save('   ', defaultQuery(), []), /needs a name/);
  });
});
