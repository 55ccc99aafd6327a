import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { provideApi } from '../api/provider';
import type { ProductDetail } from '../api/types';
import { fakeApi, validationError } from '../test-support/fake-api';
import { useProductStore } from './product';

const detail = (over: Partial<ProductDetail> = {}) =>
  ({
    id: 9,
    sku: 'BAG-9',
    name: 'Bag',
    type: 'simple',
    status: 'enabled',
    visibility: 'catalog_search',
    price: 20,
    specialPrice: null,
    sourceItems: [{ sourceCode: 'us-east', sourceName: 'US East', sourceEnabled: true, quantity: 10, inStock: true }],
    salable: [{ stockId: 1, stockName: 'Default Stock', websites: ['base'], salableQty: 10, isSalable: true }],
    ...over,
  }) as ProductDetail;

describe('product store (product page)', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('sends only what changed, and shows the product the server returns', async () => {
    const api = provideApi(fakeApi((call) => (call.method === 'GET' ? detail() : detail({ price: 25, status: 'disabled' }))));
    const store = useProductStore();
    await store.load(9);
    const result = await store.save({ name: 'Bag', price: 25, specialPrice: null, status: 'disabled', visibility: 'catalog_search' });
    assert.equal(result.ok, true);
    assert.deepEqual(api.calls[1], { method: 'PATCH', path: '/api/catalog/products/9', body: { price: 25, status: 'disabled' } });
    assert.equal(store.product?.price, 25);
  });

  it('refuses a negative price before sending, naming the field', async () => {
    const api = provideApi(fakeApi(() => detail()));
    const store = useProductStore();
    await store.load(9);
    const result = await store.save({ price: -5 });
    assert.equal(result.ok, false);
    assert.equal(result.problem?.fields.price, 'Price must be 0 or more');
    assert.equal(api.calls.length, 1, 'only the load was sent');
  });

  it('keeps the server’s field messages when it refuses a change', async () => {
    provideApi(
      fakeApi((call) =>
        call.method === 'GET' ? detail() : validationError([{ field: 'body.specialPrice', message: 'must be below the price' }]),
      ),
    );
    const store = useProductStore();
    await store.load(9);
    const result = await store.save({ specialPrice: 30 });
    assert.equal(result.problem?.code, 'VALIDATION_FAILED');
    assert.deepEqual(result.problem?.fields, { specialPrice: 'Special Price must be below the price' });
    assert.equal(store.product?.specialPrice, null, 'the product shown is still the stored one');
  });

  it('sets a source quantity and takes the new salable quantity from the answer', async () => {
    const after = detail({
      sourceItems: [{ sourceCode: 'us-east', sourceName: 'US East', sourceEnabled: true, quantity: 25, inStock: true }],
      salable: [{ stockId: 1, stockName: 'Default Stock', websites: ['base'], salableQty: 25, isSalable: true }],
    });
    const api = provideApi(fakeApi((call) => (call.method === 'GET' ? detail() : after)));
    const store = useProductStore();
    await store.load(9);
    const result = await store.setSourceItem('us-east', { quantity: 25, inStock: true });
    assert.equal(result.ok, true);
    assert.deepEqual(api.calls[1], {
      method: 'PUT',
      path: '/api/catalog/products/9/source-items/us-east',
      body: { quantity: 25, inStock: true },
    });
    assert.equal(store.product?.salable[0]?.salableQty, 25);
    assert.equal(store.savingSource, null);
  });

  it('refuses a quantity that is not a number before sending', async () => {
    const api = provideApi(fakeApi(() => detail()));
    const store = useProductStore();
    await store.load(9);
    const result = await store.setSourceItem('us-east', { quantity: 'ten' as unknown as number, inStock: true });
    assert.equal(result.problem?.fields.quantity, 'Qty at US East must be a number', 'named with its source row');
    assert.equal(api.calls.length, 1);
  });
});
