import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { provideApi } from '../api/provider';
import type { ListingSettings } from '../api/types';
import { fakeApi } from '../test-support/fake-api';
import { useListingSettingsStore } from './listing-settings';

const saved = (): ListingSettings => ({
  listAutomatically: false,
  handlingTimeDays: 2,
  condition: { mode: 'single', value: 'new_new', attribute: null, valueMap: {}, note: null },
  price: { attribute: 'price', useSpecialPrice: true, currencyRate: '1' },
  identifierOrder: [{ type: 'ean', attribute: 'ean' }],
});

describe('listing settings store (Listing Settings)', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('sends only the parts that changed', async () => {
    const api = provideApi(fakeApi((call) => (call.method === 'GET' ? saved() : { ...saved(), ...(call.body as object) })));
    const s = useListingSettingsStore();
    await s.load(4);
    const form = { ...saved(), listAutomatically: true, price: { ...saved().price, currencyRate: '1.08' } };
    assert.equal(await s.save(form), null);
    assert.deepEqual(api.calls[1], {
      method: 'PATCH',
      path: '/api/stores/4/listing-settings',
      body: { listAutomatically: true, price: { attribute: 'price', useSpecialPrice: true, currencyRate: '1.08' } },
    });
    assert.equal(s.settings?.listAutomatically, true);
  });

  it('refuses a bad currency rate or handling time before sending, naming the field', async () => {
    const api = provideApi(fakeApi(() => saved()));
    const s = useListingSettingsStore();
    await s.load(4);
    const problem = await s.save({ ...saved(), handlingTimeDays: 45, price: { ...saved().price, currencyRate: 'one' } });
    assert.ok(problem?.fields.handlingTimeDays);
    assert.ok(problem?.fields['price.currencyRate']);
    assert.equal(api.calls.length, 1);
  });
});
