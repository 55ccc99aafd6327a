import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../api/client';
import { provideApi } from '../api/provider';
import { fakeApi } from '../test-support/fake-api';
import { memoryStorage, provideStorage } from './storage';
import { useProductsStore } from './products';
import { emptyFilters } from './product-query';

const page = (skus: string[], total = skus.length) => ({ items: skus.map((sku, i) => ({ id: i + 1, sku })), total, page: 1, pageSize: 20 });

describe('products store (grid)', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    provideStorage(memoryStorage());
  });

  it('loads a page with the query as the server expects it', async () => {
    const api = provideApi(fakeApi(() => page(['A', 'B'], 42)));
    const store = useProductsStore();
    store.setSort('price', 'desc');
    await store.load();
    assert.deepEqual(api.calls[0], {
      method: 'GET',
      path: '/api/catalog/products',
      query: { sort: 'price', dir: 'desc', page: 1, pageSize: 20 },
    });
    assert.deepEqual(
      store.rows.map((r) => r.sku),
      ['A', 'B'],
    );
    assert.equal(store.total, 42);
    assert.equal(store.pageCount, 3);
  });

  it('starts again at page 1 when the filters or sort change', () => {
    provideApi(fakeApi(() => page([])));
    const store = useProductsStore();
    store.setPage(4);
    store.applyFilters({ ...emptyFilters(), status: 'disabled' });
    assert.equal(store.query.page, 1);
    store.setPage(4);
    store.setSort('name', 'asc');
    assert.equal(store.query.page, 1);
    store.setPage(2, 100);
    assert.equal(store.query.page, 1, 'a new page size starts at page 1 too');
  });

  it('never lets a slow answer to an old query overwrite a newer one', async () => {
    let release: (() => void) | null = null;
    provideApi(
      fakeApi(async (call) => {
        if (call.query?.sku === 'old') {
          await new Promise<void>((r) => (release = r));
          return page(['OLD']);
        }
        return page(['NEW']);
      }),
    );
    const store = useProductsStore();
    store.applyFilters({ ...emptyFilters(), sku: 'old' });
    const first = store.load();
    store.applyFilters({ ...emptyFilters(), sku: 'new' });
    await store.load();
    (release as (() => void) | null)?.();
    await first;
    assert.deepEqual(
      store.rows.map((r) => r.sku),
      ['NEW'],
    );
    assert.equal(store.loading, false);
  });

  it('shows the error with its code and an empty grid when the server refuses', async () => {
    provideApi(fakeApi(() => new ApiError(403, 'FORBIDDEN', 'Your role may not do this.')));
    const store = useProductsStore();
    await store.load();
    assert.equal(store.problem?.code, 'FORBIDDEN');
    assert.deepEqual(store.rows, []);
  });

  it('exports every matching row (no paging) as CSV', async () => {
    const api = provideApi(fakeApi(() => new Blob(['sku\n'])));
    const store = useProductsStore();
    store.applyFilters({ ...emptyFilters(), website: 'base' });
    const file = await store.exportCsv();
    assert.equal(api.calls[0]?.path, '/api/catalog/products.csv');
    assert.deepEqual(api.calls[0]?.query, { sort: 'sku', dir: 'asc', website: 'base' });
    assert.match(file?.filename ?? '', /^products-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.csv$/);
  });

  it('remembers the chosen columns per admin, always keeping SKU', () => {
    provideApi(fakeApi(() => page([])));
    const store = useProductsStore();
    store.useColumnsOf(1);
    store.setColumns(['price', 'name']);
    assert.deepEqual(store.columns, ['sku', 'name', 'price']);
    store.useColumnsOf(2);
    assert.ok(store.columns.includes('status'), 'another admin keeps the default columns');
    store.useColumnsOf(1);
    assert.deepEqual(store.columns, ['sku', 'name', 'price']);
  });
});
