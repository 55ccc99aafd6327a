import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../api/client';
import { provideApi } from '../api/provider';
import type { ApiCall } from '../api/types';
import { fakeApi } from '../test-support/fake-api';
import {
  apiQuery,
  duration,
  emptyFilters,
  fromLocalInput,
  fromRouteQuery,
  localInput,
  outcomeOf,
  toRouteQuery,
  useCommunicationLogStore,
  type LogQuery,
} from './communication-log';

const CALL: ApiCall = {
  id: 41,
  storeId: 3,
  sellerId: 'A2SIMOUTDOOR01',
  marketplaceId: 'ATVPDKIKX0DER',
  operation: 'searchCatalogItems',
  method: 'GET',
  path: '/catalog/2022-04-01/items',
  status: 429,
  amazonRequestId: 'req-429',
  latencyMs: 85,
  attempt: 2,
  errorCode: 'QuotaExceeded',
  errorMessage: 'You exceeded your quota',
  createdAt: '2026-12-01T10:01:00.000Z',
};
const page = (items: ApiCall[], total = items.length) => ({ items, total, page: 1, pageSize: 50 });

describe('communication log store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('keeps the filters in the URL: defaults left out, broken values fall back', () => {
    assert.deepEqual(fromRouteQuery({}), { filters: emptyFilters(), page: 1, pageSize: 50 });
    const q: LogQuery = {
      filters: { operation: 'getFeed', outcome: 'failed', range: 'custom', from: '2026-12-01T10:00:00.000Z', to: null, q: ' req-1 ' },
      page: 2,
      pageSize: 100,
    };
    const url = toRouteQuery(q);
    assert.deepEqual(url, {
      operation: 'getFeed',
      outcome: 'failed',
      range: 'custom',
      from: '2026-12-01T10:00:00.000Z',
      q: 'req-1',
      page: '2',
      pageSize: '100',
    });
    assert.deepEqual(fromRouteQuery(url), { ...q, filters: { ...q.filters, q: 'req-1' } });
    const broken = fromRouteQuery({ outcome: 'maybe', range: 'forever', page: '-3', pageSize: '7', from: 'yesterday' });
    assert.deepEqual(broken, { filters: emptyFilters(), page: 1, pageSize: 50 });
    // from/to only count with a custom range.
    assert.equal(fromRouteQuery({ range: '24h', from: '2026-12-01T10:00:00.000Z' }).filters.from, null);
  });

  it('asks the API for a relative range as a time counted back from now', () => {
    const now = new Date('2026-12-02T12:00:00.000Z');
    const q = apiQuery({ filters: { ...emptyFilters(), range: '24h', q: '  ' }, page: 1, pageSize: 50 }, now);
    assert.deepEqual(q, { page: 1, pageSize: 50, operation: null, outcome: null, from: '2026-12-01T12:00:00.000Z', to: null, q: null });
    const custom = apiQuery(
      {
        filters: { ...emptyFilters(), range: 'custom', from: '2026-12-01T00:00:00.000Z', to: '2026-12-02T00:00:00.000Z' },
        page: 3,
        pageSize: 20,
      },
      now,
    );
    assert.equal(custom.from, '2026-12-01T00:00:00.000Z');
    assert.equal(custom.to, '2026-12-02T00:00:00.000Z');
  });

  it('says how a call ended and how long it took in words', () => {
    assert.deepEqual(outcomeOf({ status: 200 }), { text: '200 OK', color: 'success' });
    assert.deepEqual(outcomeOf({ status: 429 }), { text: '429 Throttled', color: 'warning' });
    assert.deepEqual(outcomeOf({ status: 400 }), { text: '400 Refused', color: 'error' });
    assert.deepEqual(outcomeOf({ status: 503 }), { text: '503 Amazon error', color: 'error' });
    assert.deepEqual(outcomeOf({ status: null }), { text: 'No answer', color: 'error' });
    assert.equal(duration(85), '85 ms');
    assert.equal(duration(1234), '1.2 s');
    assert.equal(duration(12_345), '12 s');
  });

  it('turns datetime-local values into ISO times and back', () => {
    const iso = fromLocalInput('2026-12-01T10:30');
    assert.ok(iso);
    assert.equal(localInput(iso), '2026-12-01T10:30');
    assert.equal(fromLocalInput(''), null);
    assert.equal(localInput(null), '');
  });

  it("loads a store's page and its operations, then only the page when the filters change", async () => {
    const api = provideApi(
      fakeApi((call) => (call.path.endsWith('/operations') ? { operations: ['getFeed', 'searchCatalogItems'] } : page([CALL], 31))),
    );
    const log = useCommunicationLogStore();
    await log.show(3, { filters: { ...emptyFilters(), outcome: 'throttled' }, page: 1, pageSize: 50 });
    await Promise.resolve();
    assert.deepEqual(log.operations, ['getFeed', 'searchCatalogItems']);
    assert.equal(log.total, 31);
    assert.equal(log.items[0]?.amazonRequestId, 'req-429');
    const list = api.calls.find((c) => c.path === '/api/stores/3/communication-log');
    assert.equal(list?.query?.outcome, 'throttled');
    await log.show(3, { filters: { ...emptyFilters(), operation: 'getFeed' }, page: 2, pageSize: 50 });
    assert.equal(api.calls.filter((c) => c.path.endsWith('/operations')).length, 1);
    assert.equal(api.calls.at(-1)?.query?.operation, 'getFeed');
    assert.equal(api.calls.at(-1)?.query?.page, 2);
  });

  it('opens one call in full, and says why when it cannot', async () => {
    provideApi(
      fakeApi((call) => {
        if (call.path === '/api/stores/3/communication-log/41') return { ...CALL, errorMessage: 'the whole message' };
        if (call.path === '/api/stores/3/communication-log/42') return new ApiError(404, 'NOT_FOUND', 'Amazon call 42 does not exist');
        return call.path.endsWith('/operations') ? { operations: [] } : page([CALL]);
      }),
    );
    const log = useCommunicationLogStore();
    await log.show(3, { filters: emptyFilters(), page: 1, pageSize: 50 });
    await log.open(41);
    assert.equal(log.opened?.errorMessage, 'the whole message');
    await log.open(42);
    assert.equal(log.openProblem?.code, 'NOT_FOUND');
    log.close();
    assert.equal(log.opened, null);
  });

  it('shows a problem when the page cannot be loaded', async () => {
    provideApi(fakeApi(() => new ApiError(500, 'INTERNAL', 'boom')));
    const log = useCommunicationLogStore();
    await log.show(3, { filters: emptyFilters(), page: 1, pageSize: 50 });
    assert.equal(log.problem?.code, 'INTERNAL');
    assert.equal(log.items.length, 0);
  });
});
