import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { DEFAULT_ORDER_IMPORT_SETTINGS } from '../../../schema/amazon-orders';
import { ApiError } from '../api/client';
import { provideApi } from '../api/provider';
import type { OrderImportRun, OrderImportSettings } from '../api/types';
import { fakeApi, validationError } from '../test-support/fake-api';
import { runSummary } from './order-import-words';
import { useOrderSettingsStore } from './order-settings';

const saved = (): OrderImportSettings => ({
  ...structuredClone(DEFAULT_ORDER_IMPORT_SETTINGS),
  importOrders: true,
  customerMode: 'guest',
});
const RUN: OrderImportRun = {
  orders: 3,
  created: 1,
  updated: 1,
  reserved: 0,
  needsAttention: 1,
  skipped: 0,
  failed: 0,
  released: 0,
  retried: 0,
};

describe('order settings store (the store page’s Orders section)', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('loads, then PUTs only the settings that changed', async () => {
    const api = provideApi(fakeApi((call) => (call.method === 'GET' ? saved() : { ...saved(), ...(call.body as object) })));
    const s = useOrderSettingsStore();
    await s.load(4);
    assert.deepEqual(api.calls[0], { method: 'GET', path: '/api/stores/4/order-settings', query: undefined });
    const form = {
      ...saved(),
      numbering: 'sequence' as const,
      numberPrefix: 'AZ-',
      statusMapping: { ...saved().statusMapping, unshipped: 'amazon_paid' },
    };
    assert.equal(await s.save(form), null);
    assert.deepEqual(api.calls[1], {
      method: 'PUT',
      path: '/api/stores/4/order-settings',
      body: {
        numbering: 'sequence',
        numberPrefix: 'AZ-',
        statusMapping: { unshipped: 'amazon_paid', shipped: 'complete', canceled: 'canceled' },
      },
    });
    assert.equal(s.settings?.numberPrefix, 'AZ-');
  });

  it('refuses a bad prefix, status code or reservation days before sending, in the form’s words', async () => {
    const api = provideApi(fakeApi(() => saved()));
    const s = useOrderSettingsStore();
    await s.load(4);
    const problem = await s.save({
      ...saved(),
      numberPrefix: 'AMZ #',
      releaseReservationAfterDays: 60,
      statusMapping: { ...saved().statusMapping, shipped: 'Shipped!' },
    });
    assert.match(problem?.fields.numberPrefix ?? '', /^Number prefix /);
    assert.match(problem?.fields.releaseReservationAfterDays ?? '', /30 or less/);
    assert.match(problem?.fields['statusMapping.shipped'] ?? '', /^Status of a Shipped order /);
    assert.equal(api.calls.length, 1, 'nothing sent');
  });

  it('shows the API’s validation messages on their fields', async () => {
    provideApi(
      fakeApi((call) =>
        call.method === 'GET' ? saved() : validationError([{ field: 'body.storeViewCode', message: 'is not a store view of the website' }]),
      ),
    );
    const s = useOrderSettingsStore();
    await s.load(4);
    const problem = await s.save({ ...saved(), storeViewCode: 'nope' });
    assert.equal(problem?.fields.storeViewCode, 'Store view is not a store view of the website');
  });

  it('Import now keeps what the run did, and says it in words', async () => {
    const api = provideApi(fakeApi((call) => (call.method === 'GET' ? saved() : RUN)));
    const s = useOrderSettingsStore();
    await s.load(4);
    const run = await s.importNow();
    assert.deepEqual(run, RUN);
    assert.equal(api.calls[1]?.path, '/api/stores/4/amazon-orders/import');
    assert.deepEqual(s.lastRun?.run, RUN);
    assert.equal(runSummary(RUN), 'Read 3 orders from Amazon: 1 created, 1 updated, 1 needs attention.');
    assert.equal(runSummary({ ...RUN, orders: 0, created: 0, updated: 0, needsAttention: 0 }), 'No new or changed orders on Amazon.');
    // Another store's page does not show this store's run.
    await s.load(5);
    assert.equal(s.lastRun, null);
  });

  it('Import now turned away (a store not connected) comes back as a problem', async () => {
    provideApi(fakeApi((call) => (call.method === 'GET' ? saved() : new ApiError(409, 'CONFLICT', 'The store is not connected'))));
    const s = useOrderSettingsStore();
    await s.load(4);
    const r = await s.importNow();
    assert.equal('code' in r && r.code, 'CONFLICT');
    assert.equal(s.importing, false);
  });
});
