import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../api/client';
import { provideApi } from '../api/provider';
import { fakeApi } from '../test-support/fake-api';
import { useAuthStore } from './auth';

const ME = {
  id: 1,
  email: 'cato@example.com',
  name: 'Cato',
  role: 'catalog_manager' as const,
  roleLabel: 'Catalog Manager',
  permissions: ['catalog.read', 'catalog.write'],
};

describe('auth store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('signs in and knows what the role may do', async () => {
    const api = provideApi(fakeApi(() => ({ user: ME })));
    const auth = useAuthStore();
    assert.equal(await auth.login({ email: 'cato@example.com', password: 'secret-password' }), true);
    assert.equal(api.calls[0]?.path, '/api/auth/login');
    assert.equal(auth.user?.name, 'Cato');
    assert.equal(auth.can('catalog.write'), true);
    assert.equal(auth.can('users.manage'), false);
    assert.equal(auth.can(undefined), true, 'a route without a permission only needs a session');
  });

  it('says the credentials are wrong, with the code, and stays signed out', async () => {
    provideApi(fakeApi(() => new ApiError(401, 'INVALID_CREDENTIALS', 'Wrong e-mail or password')));
    const auth = useAuthStore();
    assert.equal(await auth.login({ email: 'cato@example.com', password: 'nope' }), false);
    assert.equal(auth.isSignedIn, false);
    assert.equal(auth.problem?.code, 'INVALID_CREDENTIALS');
    assert.match(auth.problem?.message ?? '', /password is wrong/);
  });

  it('checks the form against the login schema before sending anything', async () => {
    const api = provideApi(fakeApi(() => ({ user: ME })));
    const auth = useAuthStore();
    assert.equal(await auth.login({ email: 'not-an-address', password: '' }), false);
    assert.equal(api.calls.length, 0);
    assert.deepEqual(Object.keys(auth.problem?.fields ?? {}).sort(), ['email', 'password']);
  });

  it('treats a 401 from "who am I" as signed out, and asks only once per page load', async () => {
    const api = provideApi(fakeApi(() => new ApiError(401, 'UNAUTHENTICATED', 'Sign in')));
    const auth = useAuthStore();
    assert.equal(await auth.restore(), null);
    assert.equal(await auth.restore(), null);
    assert.equal(api.calls.length, 1);
    assert.equal(auth.problem, null);
  });

  it('forgets the admin when the session ends, and says why on the sign-in page', async () => {
    provideApi(fakeApi(() => ME));
    const auth = useAuthStore();
    await auth.restore();
    assert.equal(auth.isSignedIn, true);
    auth.sessionEnded('SESSION_EXPIRED');
    assert.equal(auth.isSignedIn, false);
    assert.match(auth.notice ?? '', /expired/);
  });

  it('signs out even when the session had already ended on the server', async () => {
    provideApi(fakeApi((call) => (call.path === '/api/auth/me' ? ME : new ApiError(401, 'SESSION_EXPIRED', 'expired'))));
    const auth = useAuthStore();
    await auth.restore();
    await auth.logout();
    assert.equal(auth.isSignedIn, false);
    assert.equal(auth.notice, 'You have signed out.');
  });
});
