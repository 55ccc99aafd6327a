import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../api/client';
import { provideApi } from '../api/provider';
import type { AttentionPage, OrderImportRecord } from '../api/types';
import { fakeApi, validationError } from '../test-support/fake-api';
import { useAmazonOrdersWorkbenchStore } from './amazon-orders-workbench';
import { outcomeText, retryAllText, stillNeedsAttention } from './order-import-words';

const record = (over: Partial<OrderImportRecord> = {}): OrderImportRecord => ({
  id: 7,
  storeId: 2,
  amazonOrderId: '113-5550001-0000001',
  state: 'needs_attention',
  reason: 'seller SKU MYSTERY-1 matches no product',
  attempts: 1,
  lastError: null,
  amazonStatus: 'Unshipped',
  orderId: null,
  unknownSkus: ['MYSTERY-1'],
  updatedAt: '2026-12-01T10:00:00.000Z',
  ...over,
});
const page = (items: OrderImportRecord[], counts = [{ storeId: 2, count: items.length }]): AttentionPage => ({
  items,
  total: items.length,
  page: 1,
  pageSize: 50,
  counts,
});

describe('Amazon orders workbench store (Sales > Orders needing attention)', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('loads every store’s orders needing attention, then one store’s, with the counts per store', async () => {
    const api = provideApi(
      fakeApi(() =>
        page(
          [record()],
          [
            { storeId: 2, count: 1 },
            { storeId: 3, count: 4 },
          ],
        ),
      ),
    );
    const w = useAmazonOrdersWorkbenchStore();
    await w.load();
    assert.deepEqual(api.calls[0], { method: 'GET', path: '/api/amazon-orders/attention', query: { page: 1, pageSize: 50 } });
    assert.equal(w.items[0]?.reason, 'seller SKU MYSTERY-1 matches no product');
    assert.equal(w.totalNeedingAttention, 5);
    assert.equal(w.countOf(3), 4);
    assert.equal(w.countOf(9), 0);
    await w.setStore(3);
    assert.deepEqual(api.calls[1]?.query, { page: 1, pageSize: 50, storeId: 3 });
  });

  it('loads only the counts for the Sales > Orders link, and keeps them when that fails', async () => {
    let fail = false;
    const api = provideApi(fakeApi(() => (fail ? new ApiError(503, 'UNAVAILABLE', 'offline') : page([], [{ storeId: 2, count: 2 }]))));
    const w = useAmazonOrdersWorkbenchStore();
    await w.loadCounts();
    assert.deepEqual(api.calls[0]?.query, { page: 1, pageSize: 1 });
    assert.equal(w.totalNeedingAttention, 2);
    fail = true;
    await w.loadCounts();
    assert.equal(w.totalNeedingAttention, 2);
  });

  it('retries one order and reloads the grid; the outcome is worded for a notice', async () => {
    let left = [record()];
    const api = provideApi(
      fakeApi((call) => {
        if (call.method === 'POST') {
          left = [];
          return { amazonOrderId: '113-5550001-0000001', action: 'created', state: 'imported', orderId: 12, reason: null };
        }
        return page(left);
      }),
    );
    const w = useAmazonOrdersWorkbenchStore();
    await w.load();
    const r = await w.retry(7);
    assert.equal(api.calls[1]?.path, '/api/amazon-orders/imports/7/retry');
    assert.ok(!('code' in r) && !stillNeedsAttention(r));
    assert.equal(outcomeText(r as never), 'Amazon order 113-5550001-0000001 imported.');
    assert.equal(w.items.length, 0, 'reloaded');
    assert.equal(w.busy, null);
  });

  it('retries all of one store', async () => {
    const api = provideApi(fakeApi((call) => (call.method === 'POST' ? { retried: 2, imported: 1, needsAttention: 1 } : page([]))));
    const w = useAmazonOrdersWorkbenchStore();
    const r = await w.retryAll(2);
    assert.deepEqual(api.calls[0], { method: 'POST', path: '/api/amazon-orders/attention/retry', body: { storeId: 2 } });
    assert.equal(retryAllText(r as never), 'Retried 2 orders: 1 imported, 1 still needs attention.');
    await w.retryAll(null);
    assert.deepEqual(api.calls[2]?.body, {});
  });

  it('Map SKU saves the mapping for the order’s store, then retries the order', async () => {
    const api = provideApi(
      fakeApi((call) => {
        if (call.path.endsWith('/sku-mappings')) return { storeId: 2, sellerSku: 'MYSTERY-1', sku: 'BOWL' };
        if (call.path.endsWith('/retry'))
          return { amazonOrderId: '113-5550001-0000001', action: 'created', state: 'imported', orderId: 3, reason: null };
        return page([]);
      }),
    );
    const w = useAmazonOrdersWorkbenchStore();
    const r = await w.mapSkuAndRetry(record(), 'MYSTERY-1', 'BOWL');
    assert.deepEqual(api.calls[0], {
      method: 'POST',
      path: '/api/stores/2/amazon-orders/sku-mappings',
      body: { sellerSku: 'MYSTERY-1', sku: 'BOWL' },
    });
    assert.equal(api.calls[1]?.path, '/api/amazon-orders/imports/7/retry');
    assert.equal('action' in r && r.action, 'created');
  });

  it('a refused mapping comes back as a problem and retries nothing', async () => {
    const api = provideApi(fakeApi(() => validationError([{ field: 'body.sku', message: 'the catalog has no product with SKU NOPE' }])));
    const w = useAmazonOrdersWorkbenchStore();
    const r = await w.mapSkuAndRetry(record(), 'MYSTERY-1', 'NOPE');
    assert.ok('code' in r);
    assert.match(r.fields.sku ?? '', /^Catalog product: the catalog has no product with SKU NOPE$/);
    assert.equal(api.calls.length, 1);
    assert.equal(w.busy, null);
  });

  it('searches catalog products by SKU or name for Map SKU', async () => {
    const api = provideApi(fakeApi(() => ({ items: [{ id: 1, sku: 'BOWL', name: 'Camp Bowl' }], total: 1, page: 1, pageSize: 10 })));
    const w = useAmazonOrdersWorkbenchStore();
    assert.deepEqual(await w.searchProducts('bowl'), [{ sku: 'BOWL', name: 'Camp Bowl' }]);
    assert.deepEqual(api.calls[0]?.query, { q: 'bowl', pageSize: 10 });
  });

  it('words a retry that left the order in the workbench', () => {
    const o = {
      amazonOrderId: 'X-1',
      action: 'needs_attention',
      state: 'needs_attention' as const,
      orderId: null,
      reason: 'product BOWL is disabled',
    };
    assert.ok(stillNeedsAttention(o));
    assert.equal(outcomeText(o), 'Amazon order X-1 still needs attention: product BOWL is disabled.');
  });
});
