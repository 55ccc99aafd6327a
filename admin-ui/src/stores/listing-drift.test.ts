import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../api/client';
import { provideApi } from '../api/provider';
import type { ListingDrift, ReconcileRun, Reconciliation } from '../api/reconciliation-types';
import { fakeApi } from '../test-support/fake-api';
import { useListingDriftStore } from './listing-drift';

const run = (over: Partial<ReconcileRun> = {}): ReconcileRun => ({
  id: 3,
  trigger: 'manual',
  status: 'requested',
  reportId: '501',
  startedAt: '2026-11-25T10:00:00.000Z',
  finishedAt: null,
  rowsCompared: 0,
  driftFound: 0,
  repaired: 0,
  statusesCorrected: 0,
  error: null,
  ...over,
});
const drift = (id: number, over: Partial<ListingDrift> = {}): ListingDrift => ({
  id,
  listingId: 10 + id,
  sku: `SKU-${id}`,
  sellerSku: `SKU-${id}`,
  field: 'quantity',
  ours: '10',
  amazon: '9',
  manualQuantity: null,
  detectedAt: '2026-11-25T10:00:30.000Z',
  updatedAt: '2026-11-25T10:00:30.000Z',
  repairedAt: null,
  resolution: null,
  ...over,
});
const overview = (items: ListingDrift[], lastRun?: ReconcileRun): Reconciliation => ({
  ...(lastRun ? { lastRun } : {}),
  lastCheckedAt: lastRun?.finishedAt ?? null,
  everyMinutes: 60,
  drift: { page: 1, pageSize: 20, total: items.length, items },
});

describe('listing drift store (Reconciliation)', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('loads the open drift of a field, page by page', async () => {
    const api = provideApi(fakeApi(() => overview([drift(1)])));
    const s = useListingDriftStore();
    await s.load(4);
    await s.filterBy('price');
    assert.deepEqual(api.calls[1], {
      method: 'GET',
      path: '/api/stores/4/reconciliation',
      query: { page: 1, pageSize: 20, field: 'price' },
    });
    assert.equal(s.overview?.drift.items[0]?.sku, 'SKU-1');
  });

  it('Check now calls again while Amazon prepares the report, shows progress, then reloads', async () => {
    const answers = [run(), run(), run({ status: 'done', finishedAt: '2026-11-25T10:00:31.000Z', driftFound: 2 })];
    const seen: (string | undefined)[] = [];
    const s = useListingDriftStore();
    const api = provideApi(
      fakeApi((call) => {
        if (call.method === 'POST') {
          seen.push(s.checking?.status);
          return answers.shift();
        }
        return overview([drift(1), drift(2)], run({ status: 'done' }));
      }),
    );
    s.storeId = 4;
    const result = await s.checkNow(0);
    assert.equal((result as ReconcileRun).driftFound, 2);
    assert.deepEqual(seen, [undefined, 'requested', 'requested'], 'the pending check is visible while it waits');
    assert.equal(s.checking, null);
    assert.deepEqual(
      api.calls.map((c) => `${c.method} ${c.path}`),
      [
        'POST /api/stores/4/reconciliation/run',
        'POST /api/stores/4/reconciliation/run',
        'POST /api/stores/4/reconciliation/run',
        'GET /api/stores/4/reconciliation',
      ],
    );
    assert.equal(s.overview?.drift.total, 2);
  });

  it('repairs the selected rows; a refusal keeps the selection and says why', async () => {
    let refuse = true;
    const api = provideApi(
      fakeApi((call) => {
        if (call.method === 'GET') return overview([drift(1), drift(2, { manualQuantity: 6 })]);
        if (refuse)
          return new ApiError(
            409,
            'CONFLICT',
            "Accept Amazon's applies to quantity drift of listings with a manual quantity; not to SKU-1",
          );
        return { action: 'push_ours', repaired: [1, 2] };
      }),
    );
    const s = useListingDriftStore();
    await s.load(4);
    s.selected = [1, 2];
    const problem = await s.repair('accept_amazon');
    assert.equal(problem?.status, 409);
    assert.match(problem?.message ?? '', /SKU-1/);
    assert.deepEqual(s.selected, [1, 2]);
    refuse = false;
    assert.equal(await s.repair('push_ours'), null);
    assert.deepEqual(api.calls[1], {
      method: 'POST',
      path: '/api/stores/4/reconciliation/drift/repair',
      body: { driftIds: [1, 2], action: 'accept_amazon' },
    });
    assert.deepEqual(s.selected, []);
    assert.equal(api.calls.at(-1)?.method, 'GET', 'reloaded after the repair');
  });
});
