import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../api/client';
import { provideApi } from '../api/provider';
import { fakeApi } from '../test-support/fake-api';
import {
  defaultQuery,
  emptyFilters,
  filterChips,
  fromRouteQuery,
  fromViewFilters,
  toApiQuery,
  toRouteQuery,
  toViewFilters,
  withoutFilter,
  type OrdersQuery,
} from './order-query';
import { addressLines, shipByUrgency, statusLabel } from './sales-order-words';
import { useSalesOrdersStore } from './sales-orders';

const page = (ids: string[], total = ids.length) => ({
  items: ids.map((incrementId, i) => ({ id: i + 1, incrementId })),
  total,
  page: 1,
  pageSize: 20,
});

/** The ISO instant of a local day's first moment, as the grid sends it. */
const localStart = (y: number, m: number, d: number) => new Date(y, m - 1, d).toISOString();

describe('sales orders store (grid)', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('loads a page, newest purchase first, with the query as the server expects it', async () => {
    const api = provideApi(fakeApi(() => page(['000000002', '000000001'], 45)));
    const store = useSalesOrdersStore();
    await store.load();
    assert.deepEqual(api.calls[0], {
      method: 'GET',
      path: '/api/sales/orders',
      query: { sort: 'purchasedAt', dir: 'desc', page: 1, pageSize: 20 },
    });
    assert.deepEqual(
      store.rows.map((r) => r.incrementId),
      ['000000002', '000000001'],
    );
    assert.equal(store.total, 45);
    assert.equal(store.pageCount, 3);
    assert.equal(store.loaded, true);
  });

  it('sends every filter in the API’s form: days become the admin’s local instants, "to" and "ship by" include the day', async () => {
    const api = provideApi(fakeApi(() => page([])));
    const store = useSalesOrdersStore();
    store.applyFilters({
      ...emptyFilters(),
      q: ' 113-  ',
      source: 'amazon',
      storeId: 3,
      marketplaceId: 'A1PA6795UKMFR9',
      status: ['pending', 'processing'],
      fulfillmentChannel: 'MFN',
      purchasedFrom: '2026-12-01',
      purchasedTo: '2026-12-31',
      shipByBefore: '2026-12-03',
    });
    await store.load();
    assert.deepEqual(api.calls[0]?.query, {
      sort: 'purchasedAt',
      dir: 'desc',
      page: 1,
      pageSize: 20,
      q: '113-',
      source: 'amazon',
      storeId: 3,
      marketplaceId: 'A1PA6795UKMFR9',
      status: ['pending', 'processing'],
      fulfillmentChannel: 'MFN',
      purchasedFrom: localStart(2026, 12, 1),
      purchasedTo: localStart(2027, 1, 1),
      shipByBefore: localStart(2026, 12, 4),
    });
  });

  it('starts again at page 1 when the filters, sort or page size change', () => {
    provideApi(fakeApi(() => page([])));
    const store = useSalesOrdersStore();
    store.setPage(4);
    assert.equal(store.query.page, 4);
    store.applyFilters({ ...emptyFilters(), source: 'web' });
    assert.equal(store.query.page, 1);
    store.setPage(3);
    store.setSort('grandTotal', 'asc');
    assert.equal(store.query.page, 1);
    store.setPage(2, 100);
    assert.equal(store.query.page, 1);
    store.setPage(2);
    store.removeFilter('source');
    assert.equal(store.query.filters.source, '');
    assert.equal(store.query.page, 1);
  });

  it('never lets a slow answer to an old query overwrite a newer one', async () => {
    let release: (() => void) | null = null;
    provideApi(
      fakeApi(async (call) => {
        if (call.query?.q === 'old') {
          await new Promise<void>((r) => (release = r));
          return page(['OLD']);
        }
        return page(['NEW']);
      }),
    );
    const store = useSalesOrdersStore();
    store.applyFilters({ ...emptyFilters(), q: 'old' });
    const first = store.load();
    store.applyFilters({ ...emptyFilters(), q: 'new' });
    await store.load();
    (release as (() => void) | null)?.();
    await first;
    assert.deepEqual(
      store.rows.map((r) => r.incrementId),
      ['NEW'],
    );
    assert.equal(store.loading, false);
  });

  it('shows the refusal with its code and an empty grid (a role without sales.read)', async () => {
    provideApi(fakeApi(() => new ApiError(403, 'FORBIDDEN', 'Your role may not read orders.')));
    const store = useSalesOrdersStore();
    await store.load();
    assert.equal(store.problem?.code, 'FORBIDDEN');
    assert.deepEqual(store.rows, []);
  });

  it('exports every matching order (no paging) from orders.csv', async () => {
    const api = provideApi(fakeApi(() => new Blob(['incrementId\n'])));
    const store = useSalesOrdersStore();
    store.setPage(3);
    store.applyFilters({ ...emptyFilters(), source: 'amazon' });
    const file = await store.exportCsv();
    assert.equal(api.calls[0]?.path, '/api/sales/orders.csv');
    assert.deepEqual(api.calls[0]?.query, { sort: 'purchasedAt', dir: 'desc', source: 'amazon' });
    assert.match(file.filename, /^orders-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.csv$/);
    assert.equal(store.exporting, false);
  });
});

describe('orders grid query (URL, saved view, chips)', () => {
  const filtered = (): OrdersQuery => ({
    page: 3,
    pageSize: 50,
    sort: 'latestShipDate',
    dir: 'asc',
    filters: {
      ...emptyFilters(),
      q: 'gina',
      source: 'amazon',
      storeId: 2,
      marketplaceId: 'ATVPDKIKX0DER',
      status: ['pending', 'holded'],
      purchasedFrom: '2026-11-01',
      purchasedTo: '2026-11-30',
      shipByBefore: '2026-12-02',
    },
  });

  it('keeps the default grid’s URL clean and round-trips a filtered one', () => {
    assert.deepEqual(toRouteQuery(defaultQuery()), {});
    const q = filtered();
    const url = toRouteQuery(q);
    assert.deepEqual(url.status, ['pending', 'holded']);
    assert.equal(url.purchasedFrom, '2026-11-01', 'the URL keeps the day as typed');
    assert.deepEqual(fromRouteQuery(url), q);
  });

  it('reads a malformed URL as the default rather than failing', () => {
    const q = fromRouteQuery({
      page: '-2',
      pageSize: '7',
      sort: 'drop',
      dir: 'up',
      source: 'ebay',
      storeId: 'x',
      purchasedFrom: '2026-02-30',
    });
    assert.deepEqual(q, defaultQuery());
    assert.deepEqual(fromRouteQuery({ status: 'pending' }).filters.status, ['pending'], 'one status is a list of one');
  });

  it('gives a saved view the filters, sort and page size (never the page), and back from page 1', () => {
    const q = filtered();
    const view = toViewFilters(q);
    assert.equal('page' in view, false);
    assert.equal(view.pageSize, 50);
    assert.equal(view.purchasedTo, localStart(2026, 12, 1), '"to" includes the 30th');
    assert.deepEqual(fromViewFilters(view), { ...q, page: 1 });
    assert.deepEqual(fromViewFilters({}), defaultQuery());
  });

  it('names the active filters, with store and marketplace names, and removes one by its chip', () => {
    const f = filtered().filters;
    const chips = filterChips(f, { store: (id) => `Store ${id}`, marketplace: (id) => (id === 'ATVPDKIKX0DER' ? 'Amazon.com (US)' : id) });
    assert.deepEqual(
      chips.map((c) => c.label),
      [
        'Keyword: gina',
        'Source: Amazon',
        'Store: Store 2',
        'Marketplace: Amazon.com (US)',
        'Status: pending, holded',
        'Purchased: 2026-11-01 – 2026-11-30',
        'Ship by: on or before 2026-12-02',
      ],
    );
    const without = withoutFilter(f, 'purchased');
    assert.equal(without.purchasedFrom, '');
    assert.equal(without.purchasedTo, '');
    assert.deepEqual(withoutFilter(f, 'status').status, []);
    assert.equal(withoutFilter(f, 'storeId').storeId, null);
    assert.deepEqual(f.status, ['pending', 'holded'], 'the original is left alone');
  });

  it('sends the API only sorts it knows', () => {
    assert.deepEqual(toApiQuery(defaultQuery(), false), { sort: 'purchasedAt', dir: 'desc' });
  });
});

describe('order words', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');

  it('warns about an unshipped order past or near its ship-by date, never about a shipped or canceled one', () => {
    assert.equal(shipByUrgency('2026-12-02T11:59:00Z', 'processing', now), 'overdue');
    assert.equal(shipByUrgency('2026-12-03T06:00:00Z', 'new', now), 'soon');
    assert.equal(shipByUrgency('2026-12-05T00:00:00Z', 'processing', now), null);
    assert.equal(shipByUrgency('2026-12-01T00:00:00Z', 'complete', now), null);
    assert.equal(shipByUrgency('2026-12-01T00:00:00Z', 'canceled', now), null);
    assert.equal(shipByUrgency(null, 'processing', now), null);
  });

  it('words statuses as Magento does, and a mapped status from its code', () => {
    assert.equal(statusLabel('holded'), 'On Hold');
    assert.equal(statusLabel('pending'), 'Pending');
    assert.equal(statusLabel('amazon_unshipped'), 'Amazon unshipped');
  });

  it('lays an address out as label lines, leaving out what is empty', () => {
    assert.deepEqual(
      addressLines({
        firstname: 'Sam',
        lastname: 'Shipper',
        company: null,
        street: ['9 Dock Rd'],
        city: 'Tacoma',
        region: 'WA',
        postcode: '98402',
        countryId: 'US',
        telephone: '555-0100',
        email: null,
      }),
      ['Sam Shipper', '9 Dock Rd', 'Tacoma, WA 98402', 'US', 'T: 555-0100'],
    );
  });
});
