import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../api/client';
import { provideApi } from '../api/provider';
import { fakeApi, type Call } from '../test-support/fake-api';
import { defaultQuery, emptyFilters } from './order-query';
import { useSalesOrderViewsStore } from './sales-order-views';

const view = (id: number, name: string, filters: Record<string, unknown> = {}) => ({
  id,
  name,
  filters,
  createdAt: '2026-12-01T10:00:00Z',
  updatedAt: '2026-12-01T10:00:00Z',
});

describe('sales order views store (saved views of the orders grid)', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('loads the admin’s own views from the server', async () => {
    const api = provideApi(fakeApi(() => [view(1, 'Amazon only', { source: 'amazon' })]));
    const views = useSalesOrderViewsStore();
    await views.load();
    assert.deepEqual(api.calls[0], { method: 'GET', path: '/api/sales/order-views', query: undefined });
    assert.deepEqual(
      views.views.map((v) => v.name),
      ['Amazon only'],
    );
  });

  it('saves the filters, sort and page size under a trimmed name; the same name replaces the view', async () => {
    let next = 1;
    const saved: Call[] = [];
    provideApi(
      fakeApi((call) => {
        saved.push(call);
        const body = call.body as { name: string; filters: Record<string, unknown> };
        // The server replaces a view of the same name: same id.
        return view(body.name === 'Late' ? 7 : next++, body.name, body.filters);
      }),
    );
    const views = useSalesOrderViewsStore();
    const query = {
      ...defaultQuery(),
      page: 4,
      sort: 'latestShipDate' as const,
      dir: 'asc' as const,
      filters: { ...emptyFilters(), source: 'amazon' as const },
    };
    await views.save('  Late ', query);
    assert.deepEqual(saved[0]?.body, {
      name: 'Late',
      filters: { source: 'amazon', sort: 'latestShipDate', dir: 'asc', pageSize: 20 },
    });
    await views.save('Late', { ...query, filters: { ...query.filters, status: ['pending'] } });
    await views.save('All web', { ...defaultQuery(), filters: { ...emptyFilters(), source: 'web' } });
    assert.deepEqual(
      views.views.map((v) => [v.id, v.name]),
      [
        [1, 'All web'],
        [7, 'Late'],
      ],
    );
    assert.deepEqual(views.views[1]?.filters.status, ['pending']);
    assert.deepEqual(views.queryOf(views.views[1]!), {
      ...query,
      page: 1,
      filters: { ...query.filters, status: ['pending'] },
    });
  });

  it('refuses a view without a name before asking the server', async () => {
    const api = provideApi(fakeApi(() => view(1, 'x')));
    const views = useSalesOrderViewsStore();
    await assert.rejects(views.save('   ', defaultQuery()), /needs a name/);
    assert.equal(api.calls.length, 0);
  });

  it('deletes a view by id, and keeps it when the server refuses', async () => {
    let refuse = false;
    const api = provideApi(
      fakeApi((call) => {
        if (call.method === 'GET') return [view(1, 'A'), view(2, 'B')];
        return refuse ? new ApiError(404, 'NOT_FOUND', 'No such view') : undefined;
      }),
    );
    const views = useSalesOrderViewsStore();
    await views.load();
    await views.remove(1);
    assert.deepEqual(api.calls[1], { method: 'DELETE', path: '/api/sales/order-views/1' });
    assert.deepEqual(
      views.views.map((v) => v.name),
      ['B'],
    );
    refuse = true;
    await assert.rejects(views.remove(2), /No such view/);
    assert.equal(views.views.length, 1);
  });

  it('keeps the problem when the views cannot be loaded', async () => {
    provideApi(fakeApi(() => new ApiError(403, 'FORBIDDEN', 'Your role may not read orders.')));
    const views = useSalesOrderViewsStore();
    await views.load();
    assert.equal(views.problem?.code, 'FORBIDDEN');
    assert.equal(views.loading, false);
  });
});
