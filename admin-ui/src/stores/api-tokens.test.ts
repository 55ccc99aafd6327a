import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../api/client';
import { provideApi } from '../api/provider';
import { fakeApi } from '../test-support/fake-api';
import { useApiTokensStore } from './api-tokens';

const token = {
  id: 'a1b2c3',
  label: 'ERP',
  createdAt: '2026-11-26T10:00:00.000Z',
  expiresAt: '2027-02-24T10:00:00.000Z',
  lastUsedAt: null,
  status: 'active' as const,
};

describe('API tokens store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('lists the signed-in admin’s own tokens, or another admin’s by id', async () => {
    const api = provideApi(fakeApi(() => [token]));
    const store = useApiTokensStore();
    await store.load(null);
    await store.load(7);
    assert.deepEqual(
      api.calls.map((c) => c.path),
      ['/api/auth/tokens', '/api/admin-users/7/tokens'],
    );
    assert.deepEqual(store.tokens, [token]);
  });

  it('creates a token, keeps its secret only in `created`, and lists it without the secret', async () => {
    const api = provideApi(fakeApi((call) => (call.method === 'GET' ? [] : { ...token, token: 's3cret' })));
    const store = useApiTokensStore();
    await store.load(null);
    const result = await store.create({ label: '  ERP  ', days: 90 });
    assert.equal(result.ok, true);
    assert.deepEqual(api.calls[1], { method: 'POST', path: '/api/auth/tokens', body: { label: 'ERP', days: 90 } });
    assert.equal(store.created?.token, 's3cret');
    assert.deepEqual(store.tokens, [token]);
    store.forgetCreated();
    assert.equal(store.created, null);
  });

  it('checks the label and expiry before sending', async () => {
    const api = provideApi(fakeApi(() => token));
    const store = useApiTokensStore();
    assert.equal((await store.create({ label: '   ', days: 90 })).problem?.fields.label, 'Label is required');
    assert.equal((await store.create({ label: 'x', days: 400 })).problem?.fields.days, 'Expires after must be 366 or less');
    assert.equal(api.calls.length, 0);
  });

  it('revokes a token of the admin whose tokens are shown', async () => {
    const api = provideApi(fakeApi((call) => (call.method === 'GET' ? [token] : undefined)));
    const store = useApiTokensStore();
    await store.load(7);
    assert.equal((await store.revoke('a1b2c3')).ok, true);
    assert.deepEqual(api.calls[1], { method: 'DELETE', path: '/api/admin-users/7/tokens/a1b2c3' });
    assert.deepEqual(store.tokens, []);
  });

  it('shows why the list could not be loaded, and why a revoke was refused', async () => {
    provideApi(fakeApi(() => new ApiError(404, 'NOT_FOUND', 'API token a1b2c3 does not exist')));
    const store = useApiTokensStore();
    await store.load(null);
    assert.equal(store.problem?.code, 'NOT_FOUND');
    assert.equal((await store.revoke('a1b2c3')).problem?.code, 'NOT_FOUND');
  });
});
