import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../api/client';
import { provideApi } from '../api/provider';
import { fakeApi, validationError } from '../test-support/fake-api';
import { useAdminUsersStore } from './admin-users';

const user = { id: 2, email: 'cato@example.com', name: 'Cato', role: 'catalog_manager' as const, isActive: true };

describe('admin users store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('creates a user and adds it to the list', async () => {
    const api = provideApi(fakeApi((call) => (call.method === 'GET' ? [] : user)));
    const store = useAdminUsersStore();
    await store.load();
    const result = await store.create({ email: 'cato@example.com', name: 'Cato', role: 'catalog_manager', password: 'long-enough-1' });
    assert.equal(result.ok, true);
    assert.equal(api.calls[1]?.method, 'POST');
    assert.deepEqual(store.users, [user]);
  });

  it('refuses a short password before sending', async () => {
    const api = provideApi(fakeApi(() => user));
    const result = await useAdminUsersStore().create({
      email: 'cato@example.com',
      name: 'Cato',
      role: 'catalog_manager',
      password: 'short',
    });
    assert.equal(result.problem?.fields.password, 'Password must be at least 10 characters');
    assert.equal(result.problem?.message, 'Password must be at least 10 characters', 'a notice names the field too');
    assert.equal(api.calls.length, 0);
  });

  it('disables a user and shows the updated row', async () => {
    provideApi(fakeApi((call) => (call.method === 'GET' ? [user] : { ...user, isActive: false })));
    const store = useAdminUsersStore();
    await store.load();
    assert.equal((await store.update(2, { isActive: false })).ok, true);
    assert.equal(store.users[0]?.isActive, false);
  });

  it('passes on the server’s refusal with its code', async () => {
    provideApi(fakeApi(() => new ApiError(409, 'CONFLICT', 'An admin with this e-mail exists')));
    const result = await useAdminUsersStore().create({
      email: 'cato@example.com',
      name: 'Cato',
      role: 'catalog_manager',
      password: 'long-enough-1',
    });
    assert.equal(result.problem?.code, 'CONFLICT');
    assert.match(result.problem?.message ?? '', /exists/);
  });

  it('puts the server’s reason for refusing a weak password on the password field', async () => {
    const reason = 'is too easy to guess. This is a frequently used password. Add more words that are less common.';
    provideApi(fakeApi(() => validationError([{ field: 'body.password', message: reason }])));
    const store = useAdminUsersStore();
    const created = await store.create({ email: 'cato@example.com', name: 'Cato', role: 'catalog_manager', password: '1234567890' });
    assert.equal(created.problem?.fields.password, `Password ${reason}`);
    const reset = await store.resetPassword(2, { password: '1234567890' });
    assert.equal(reset.problem?.fields.password, `New password ${reason}`, 'named as the reset dialog names it');
  });

  it('resets a password after checking its length', async () => {
    const api = provideApi(fakeApi(() => undefined));
    const store = useAdminUsersStore();
    assert.equal((await store.resetPassword(2, { password: 'short' })).ok, false);
    assert.equal((await store.resetPassword(2, { password: 'a-new-password' })).ok, true);
    assert.deepEqual(api.calls, [{ method: 'POST', path: '/api/admin-users/2/password', body: { password: 'a-new-password' } }]);
  });
});
