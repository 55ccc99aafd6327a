import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { provideApi } from '../api/provider';
import { fakeApi } from '../test-support/fake-api';
import { useListingStore } from './listing';
import { useThirdPartyStore } from './third-party';

const detail = (status: string) => ({ listing: { id: 5, status, sku: 'BOWL' }, issues: [], candidates: [], activity: [], children: [] });

describe('listing store (listing page)', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('resolves with a candidate, saves and removes overrides, and reloads after each action', async () => {
    let status = 'multiple_matches';
    const api = provideApi(
      fakeApi((call) => {
        if (call.path.endsWith('/resolve')) status = 'ready_to_list';
        return call.method === 'GET' ? detail(status) : { id: 5 };
      }),
    );
    const s = useListingStore();
    await s.load(2, 5);
    assert.equal(await s.resolve({ asin: 'B0SIM00018' }), null);
    assert.equal(s.detail?.listing.status, 'ready_to_list');
    assert.equal(await s.setOverrides({ price: '17.50' }), null);
    assert.equal(await s.setOverrides({ price: null }), null);
    const writes = api.calls.filter((c) => c.method !== 'GET');
    assert.deepEqual(
      writes.map((c) => [c.method, c.path, c.body]),
      [
        ['POST', '/api/stores/2/listings/5/resolve', { asin: 'B0SIM00018' }],
        ['PATCH', '/api/stores/2/listings/5/overrides', { price: '17.50' }],
        ['PATCH', '/api/stores/2/listings/5/overrides', { price: null }],
      ],
    );
  });

  it('checks the form with the API schema before sending (a bad ASIN, a price with three decimals)', async () => {
    const api = provideApi(fakeApi(() => detail('multiple_matches')));
    const s = useListingStore();
    await s.load(2, 5);
    assert.ok((await s.resolve({ asin: 'b0-bad' }))?.fields.asin);
    assert.ok((await s.setOverrides({ price: '1.999' }))?.fields.price);
    assert.equal(api.calls.length, 1);
  });

  it('delete sends the confirmation; a listing never on Amazon is gone at once', async () => {
    const api = provideApi(fakeApi((call) => (call.path.endsWith('/delete') ? { removed: true } : detail('unable_to_assign'))));
    const s = useListingStore();
    await s.load(2, 5);
    assert.equal(await s.act('delete'), null);
    assert.equal(s.gone, 'deleted');
    assert.deepEqual(api.calls.at(-1)?.body, { confirm: true });
  });
});

describe('third-party store (New Third Party tab)', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('calls the import again until the report is collected, then reloads the rows', async () => {
    const answers = ['requested', 'processing', 'done'];
    const api = provideApi(
      fakeApi((call) =>
        call.method === 'POST'
          ? { status: answers.shift(), reportId: 'r1', imported: 5, matched: 2 }
          : { page: 1, pageSize: 20, total: 0, items: [] },
      ),
    );
    const s = useThirdPartyStore();
    await s.load(3, 'new');
    const result = await s.importExisting(1);
    assert.deepEqual(result, { status: 'done', reportId: 'r1', imported: 5, matched: 2 });
    assert.equal(api.calls.filter((c) => c.path === '/api/stores/3/third-party-listings/import').length, 3);
    assert.equal(s.importing, null);
    assert.equal(api.calls.at(-1)?.method, 'GET');
  });

  it('links to a chosen catalog product, or to the match found', async () => {
    const api = provideApi(fakeApi((call) => (call.method === 'GET' ? { page: 1, pageSize: 20, total: 0, items: [] } : { id: 9 })));
    const s = useThirdPartyStore();
    await s.load(3);
    await s.link(11, 42);
    await s.link(12);
    assert.deepEqual(
      api.calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.body]),
      [
        ['/api/stores/3/third-party-listings/11/link', { productId: 42 }],
        ['/api/stores/3/third-party-listings/12/link', {}],
      ],
    );
  });
});
