import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../api/client';
import { provideApi } from '../api/provider';
import { fakeApi, validationError, type Call } from '../test-support/fake-api';
import { consentTiming, useAmazonStoresStore } from './amazon-stores';
import { authorization, CONNECTED, store } from '../test-support/store-fixtures';

const body = {
  name: 'Outdoor US',
  email: 'amazon@shop.example',
  websiteCode: 'base',
  country: 'US',
  productIdType: 'ean' as const,
  productIdAttribute: 'ean',
};

/** Lets the background consent watch run: each "sleep" yields to the event loop without waiting. */
const realTiming = { ...consentTiming };
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('amazon stores store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    consentTiming.sleep = () => flush();
  });
  afterEach(() => Object.assign(consentTiming, realTiming));

  it('loads the cards', async () => {
    provideApi(fakeApi(() => [store()]));
    const s = useAmazonStoresStore();
    await s.load();
    assert.equal(s.stores[0]?.name, 'Outdoor US');
    assert.equal(s.loaded, true);
  });

  it('refuses a bad e-mail and a missing attribute before sending, with the field named', async () => {
    const api = provideApi(fakeApi(() => store()));
    const result = await useAmazonStoresStore().create({ ...body, email: 'nope', productIdAttribute: '' });
    assert.equal(result.ok, false);
    assert.equal(result.problem?.fields.email, 'E-mail must be a valid e-mail address');
    assert.equal(result.problem?.fields.productIdAttribute, 'Catalog attribute holding the ID is required');
    assert.equal(api.calls.length, 0);
  });

  it('adds a store to the cards, and shows the server’s field message on its field', async () => {
    let refuse = true;
    provideApi(
      fakeApi(() =>
        refuse ? validationError([{ field: 'body.name', message: 'a store named "Outdoor US" already exists' }]) : store({ id: 7 }),
      ),
    );
    const s = useAmazonStoresStore();
    const refused = await s.create(body);
    assert.equal(refused.problem?.fields.name, 'Store name: a store named "Outdoor US" already exists');
    assert.equal(refused.problem?.message, 'Store name: a store named "Outdoor US" already exists');
    refuse = false;
    const added = await s.create(body);
    assert.equal(added.ok, true);
    assert.deepEqual(
      s.stores.map((x) => x.id),
      [7],
    );
  });

  it('deletes with the typed store name in the body', async () => {
    const api = provideApi(fakeApi((call) => (call.method === 'GET' ? [store()] : undefined)));
    const s = useAmazonStoresStore();
    await s.load();
    assert.equal((await s.remove(1, 'Outdoor US')).ok, true);
    assert.deepEqual(api.calls[1], { method: 'DELETE', path: '/api/stores/1', body: { confirm: 'Outdoor US' } });
    assert.equal(s.stores.length, 0);
  });

  it('Connect opens the consent in a new tab, waits for Seller Central, then updates the card by itself', async () => {
    let connected = false;
    let polls = 0;
    const api = provideApi(
      fakeApi((call: Call) => {
        if (call.path === '/api/stores') return [store()];
        if (call.path === '/api/stores/1/connect')
          return { consentUrl: 'https://sellercentral.amazon.com/apps/authorize/consent?x=1', expiresAt: '' };
        if (call.path === '/api/stores/1/authorization') {
          polls += 1;
          // The admin finishes in the other tab after the third poll.
          if (polls === 3) connected = true;
          return connected ? CONNECTED : authorization();
        }
        if (call.path === '/api/stores/1') return store({ status: 'active', authorization: CONNECTED });
        throw new Error(`unexpected ${call.method} ${call.path}`);
      }),
    );
    const s = useAmazonStoresStore();
    await s.load();
    const opened: string[] = [];
    const result = await s.startConsent(1, 'connect', (url) => opened.push(url));
    assert.equal(result.ok, true);
    assert.deepEqual(opened, ['https://sellercentral.amazon.com/apps/authorize/consent?x=1']);
    assert.equal(s.waiting[1]?.purpose, 'connect');
    assert.equal(s.waiting[1]?.blocked, false);
    for (let i = 0; i < 10 && s.waiting[1]; i++) await flush();
    assert.equal(s.waiting[1], undefined);
    assert.equal(s.lastOutcome[1], 'changed');
    assert.equal(s.stores[0]?.status, 'active');
    assert.equal(s.stores[0]?.authorization.daysLeft, 365);
    assert.equal(polls, 3);
    assert.equal(api.calls.at(-1)?.path, '/api/stores/1');
    // The watch saw the first connection: the admin gets the confirmation (as when the consent tab says so).
    assert.deepEqual(s.completed, { storeId: 1, outcome: 'connected' });
    s.dismissCompleted();
    assert.equal(s.completed, null);
  });

  it('the consent tab says it is done: stop waiting, reload the store, confirm once even when told twice', async () => {
    let polls = 0;
    const api = provideApi(
      fakeApi((call) => {
        if (call.path === '/api/stores') return [store()];
        if (call.path.endsWith('/connect')) return { consentUrl: 'https://sc.example/consent', expiresAt: '' };
        if (call.path === '/api/stores/1/authorization') {
          polls += 1;
          return authorization();
        }
        if (call.path === '/api/stores/1') return store({ status: 'active', authorization: CONNECTED });
        throw new Error(`unexpected ${call.method} ${call.path}`);
      }),
    );
    const s = useAmazonStoresStore();
    await s.load();
    await s.startConsent(1, 'connect', () => ({}));
    assert.ok(s.waiting[1]);
    await s.consentCompleted({ storeId: 1, outcome: 'connected' });
    assert.equal(s.waiting[1], undefined);
    assert.equal(s.stores[0]?.status, 'active');
    assert.deepEqual(s.completed, { storeId: 1, outcome: 'connected' });
    await s.consentCompleted({ storeId: 1, outcome: 'connected' });
    assert.deepEqual(s.completed, { storeId: 1, outcome: 'connected' });
    const seen = polls;
    for (let i = 0; i < 5; i++) await flush();
    assert.ok(polls <= seen + 1, 'the watch stopped');
    assert.equal(api.calls.filter((c) => c.path === '/api/stores/1').length, 2);
  });

  it('a renewal seen by the watch is confirmed as renewed', async () => {
    const renewed = { ...CONNECTED, authorizedAt: '2027-01-01T00:00:00.000Z', expiresAt: '2028-01-01T00:00:00.000Z' };
    let polls = 0;
    provideApi(
      fakeApi((call) => {
        if (call.path === '/api/stores')
          return [store({ status: 'active', authorization: { ...CONNECTED, state: 'expiring_soon', daysLeft: 20 } })];
        if (call.path.endsWith('/renew')) return { consentUrl: 'https://sc.example/consent', expiresAt: '' };
        if (call.path === '/api/stores/1/authorization')
          return ++polls > 1 ? renewed : { ...CONNECTED, state: 'expiring_soon', daysLeft: 20 };
        return store({ status: 'active', authorization: renewed });
      }),
    );
    const s = useAmazonStoresStore();
    await s.load();
    await s.startConsent(1, 'renew', () => ({}));
    for (let i = 0; i < 10 && s.waiting[1]; i++) await flush();
    assert.deepEqual(s.completed, { storeId: 1, outcome: 'renewed' });
  });

  it('offers a link when the browser blocked the tab, and stops polling when the admin stops waiting', async () => {
    let polls = 0;
    provideApi(
      fakeApi((call) => {
        if (call.path === '/api/stores') return [store()];
        if (call.path.endsWith('/connect')) return { consentUrl: 'https://sc.example/consent', expiresAt: '' };
        polls += 1;
        return authorization();
      }),
    );
    const s = useAmazonStoresStore();
    await s.load();
    await s.startConsent(1, 'connect', () => null);
    assert.equal(s.waiting[1]?.blocked, true);
    await flush();
    s.stopWaiting(1);
    const seen = polls;
    for (let i = 0; i < 5; i++) await flush();
    assert.ok(polls <= seen + 1, 'no more polling after Stop waiting');
    assert.equal(s.waiting[1], undefined);
  });

  it('a refused Renew (a Catalog Manager) opens nothing and says why', async () => {
    provideApi(fakeApi(() => new ApiError(403, 'FORBIDDEN', 'Connecting stores needs stores.manage.')));
    const s = useAmazonStoresStore();
    const opened: string[] = [];
    const result = await s.startConsent(1, 'renew', (url) => opened.push(url));
    assert.equal(result.problem?.code, 'FORBIDDEN');
    assert.deepEqual(opened, []);
    assert.equal(s.waiting[1], undefined);
  });
});
