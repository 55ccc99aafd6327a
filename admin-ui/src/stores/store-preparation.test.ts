import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../api/client';
import { provideApi } from '../api/provider';
import { fakeApi } from '../test-support/fake-api';
import { usePreparationStore } from './store-preparation';

const item = (key: string, checked: boolean, kind: 'manual' | 'automatic' = 'manual') => ({
  key,
  title: key,
  description: '',
  kind,
  checked,
  detail: kind === 'automatic' ? '0 of 48 products carry a value in "ean".' : null,
  link: null,
  checkedBy: null,
  checkedAt: null,
});

describe('preparation store (Learning and Preparation)', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('loads the checklist for the chosen store and ticks a manual item for that store', async () => {
    const api = provideApi(
      fakeApi((call) =>
        call.method === 'GET'
          ? { storeId: 3, items: [item('return_settings', false), item('identifiers', false, 'automatic')], done: 0, total: 2 }
          : { storeId: 3, items: [item('return_settings', true), item('identifiers', false, 'automatic')], done: 1, total: 2 },
      ),
    );
    const s = usePreparationStore();
    await s.load(3);
    assert.equal(s.checklist?.items[1]?.detail, '0 of 48 products carry a value in "ean".');
    assert.equal(await s.tick('return_settings', true), null);
    assert.equal(s.checklist?.done, 1);
    assert.deepEqual(api.calls[1], { method: 'PUT', path: '/api/stores/preparation/return_settings', body: { checked: true } });
    assert.deepEqual(api.calls[0]?.query, { storeId: 3 });
  });

  it('hands back a refusal (a Catalog Manager may not tick) and keeps the list', async () => {
    let refuse = false;
    provideApi(
      fakeApi(() =>
        refuse
          ? new ApiError(403, 'FORBIDDEN', 'Needs stores.manage.')
          : { storeId: null, items: [item('tax_settings', false)], done: 0, total: 1 },
      ),
    );
    const s = usePreparationStore();
    await s.load(null);
    refuse = true;
    assert.equal((await s.tick('tax_settings', true))?.code, 'FORBIDDEN');
    assert.equal(s.checklist?.items[0]?.checked, false);
    assert.equal(s.saving, null);
  });
});
