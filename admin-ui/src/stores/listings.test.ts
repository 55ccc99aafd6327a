import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../api/client';
import { provideApi } from '../api/provider';
import { fakeApi, type Call } from '../test-support/fake-api';
import { DEFAULT_LISTING_COLUMNS, normaliseListingColumns } from './listing-columns';
import { isProblem, profileLabel, useListingsStore } from './listings';
import { memoryStorage, provideStorage } from './storage';

const row = (id: number, sku: string, status = 'active') => ({ id, sku, status, sellerSku: sku, asin: null, name: sku });
const counts = {
  active: 2,
  inactive: 0,
  incomplete: 1,
  ready_to_list: 0,
  ineligible: 0,
  ended: 0,
  overrides: 0,
  errors: 0,
  all: 3,
  new_third_party: 4,
};

function api(inFlight = 0, extra: (call: Call) => unknown = () => undefined) {
  return provideApi(
    fakeApi((call) => {
      const answer = extra(call);
      if (answer !== undefined) return answer;
      if (call.path.endsWith('/counts')) return counts;
      if (call.query?.status)
        return { tab: 'all', page: 1, pageSize: 1, total: call.query.status === 'list_in_progress' ? inFlight : 0, items: [] };
      return { tab: call.query?.tab, page: call.query?.page, pageSize: 20, total: 2, items: [row(1, 'BOTTLE'), row(2, 'BOWL')] };
    }),
  );
}

describe('listings store (Listings grid)', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('loads a tab page with its filters and sort, the counts, and what is in flight', async () => {
    const fake = api(3);
    const s = useListingsStore();
    await s.open(7, 'active');
    await s.setQuery({ q: 'bot', sort: 'asin', dir: 'desc' });
    const grid = fake.calls.filter((c) => c.path === '/api/stores/7/listings' && !c.query?.status).at(-1)!;
    assert.deepEqual(grid.query, { tab: 'active', page: 1, pageSize: 20, q: 'bot', status: null, sort: 'asin', dir: 'desc' });
    assert.equal(s.counts?.new_third_party, 4);
    assert.equal(s.inFlight, 3);
    assert.deepEqual(
      s.items.map((i) => i.sku),
      ['BOTTLE', 'BOWL'],
    );
  });

  it('a new tab starts at page 1 without a status filter; New Third Party loads no listing page', async () => {
    const fake = api();
    const s = useListingsStore();
    await s.open(7);
    await s.setQuery({ page: 3 });
    await s.setQuery({ status: 'active' });
    assert.equal(s.query.page, 1); // a filter change goes back to the first page
    await s.setQuery({ page: 2 });
    await s.setTab('new_third_party');
    assert.deepEqual([s.query.page, s.query.status, s.page], [1, null, null]);
    assert.ok(!fake.calls.some((c) => c.query?.tab === 'new_third_party'));
  });

  it('runs a mass action on the selection (delete is confirmed) and reports what was skipped', async () => {
    const fake = api(0, (call) =>
      call.path.endsWith('/mass-action') ? { done: [1], skipped: [{ id: 2, reason: 'not on Amazon' }] } : undefined,
    );
    const s = useListingsStore();
    await s.open(7);
    s.selected = [1, 2];
    const result = await s.massAction('delete');
    assert.ok(!isProblem(result));
    assert.deepEqual(result.skipped, [{ id: 2, reason: 'not on Amazon' }]);
    assert.deepEqual(fake.calls.find((c) => c.path.endsWith('/mass-action'))?.body, {
      action: 'delete',
      listingIds: [1, 2],
      confirm: true,
    });
    assert.deepEqual(s.selected, []);
  });

  it('Update quantity on the selection; rows waiting for Amazon are counted so the page keeps polling', async () => {
    let acknowledged = false;
    const fake = api(0, (call) => {
      if (call.path.endsWith('/mass-action')) return { done: [1], skipped: [] };
      if (call.path === '/api/stores/7/listings' && !call.query?.status)
        return {
          tab: 'all',
          page: 1,
          pageSize: 20,
          total: 2,
          items: [
            { ...row(1, 'BOTTLE'), pendingQtyUpdate: !acknowledged, stockProfile: { id: 3, name: 'Gear' }, profileSource: 'rule' },
            { ...row(2, 'BOWL'), pendingQtyUpdate: false, stockProfile: null, profileSource: 'built-in' },
          ],
        };
      return undefined;
    });
    const s = useListingsStore();
    await s.open(7);
    s.selected = [1];
    const result = await s.massAction('update_quantity');
    assert.ok(!isProblem(result));
    assert.deepEqual(fake.calls.find((c) => c.path.endsWith('/mass-action'))?.body, { action: 'update_quantity', listingIds: [1] });
    assert.equal(s.pendingQty, 1, 'BOTTLE shows Pending Qty Update');
    acknowledged = true;
    await s.load();
    assert.equal(s.pendingQty, 0);
  });

  it('labels the stock profile a listing follows and how it was chosen', () => {
    assert.deepEqual(profileLabel({ stockProfile: { id: 3, name: 'Gear' }, profileSource: 'rule' }), {
      name: 'Gear',
      why: 'by its rule',
    });
    assert.deepEqual(profileLabel({ stockProfile: null, profileSource: 'built-in' }), { name: 'Product quantity', why: 'built-in' });
  });

  it('keeps the error to show with a retry', async () => {
    provideApi(fakeApi(() => new ApiError(403, 'FORBIDDEN', 'Needs stores.read.')));
    const s = useListingsStore();
    await s.open(7);
    assert.equal(s.problem?.code, 'FORBIDDEN');
    assert.equal(s.loading, false);
  });

  it('keeps the chosen columns per admin, always with the catalog SKU, and sorts by SKU when the sorted column goes', async () => {
    const storage = memoryStorage();
    provideStorage(storage);
    api();
    const s = useListingsStore();
    s.useColumnsOf(7);
    assert.deepEqual(s.columns, DEFAULT_LISTING_COLUMNS);
    assert.ok(!DEFAULT_LISTING_COLUMNS.includes('sellerSku'), 'the default set fits a 1440 px screen');
    await s.open(5, 'active');
    await s.setQuery({ sort: 'asin', dir: 'desc' });
    s.setColumns(['name', 'status', 'asin', 'sellerSku']);
    assert.deepEqual(s.columns, ['sku', 'name', 'sellerSku', 'asin', 'status'], 'grid order, SKU kept');
    assert.equal(s.query.sort, 'asin', 'the sorted column still shows');
    s.setColumns(['name', 'status']);
    await Promise.resolve();
    assert.equal(s.query.sort, 'sku');
    assert.deepEqual(JSON.parse(storage.getItem('asc.admin.7.listings.columns') ?? '[]'), ['sku', 'name', 'status']);
    // Another admin in the same browser keeps their own choice.
    s.useColumnsOf(8);
    assert.deepEqual(s.columns, DEFAULT_LISTING_COLUMNS);
    assert.deepEqual(normaliseListingColumns(['nonsense', 'price']), ['sku', 'price']);
  });
});
