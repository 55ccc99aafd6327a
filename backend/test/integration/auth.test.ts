import assert from 'node:assert/strict';
import { ADMIN, MANAGER, as, buildTestApp, signIn, type TestApp } from '../helpers/app';

describe('admin access', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(async () => t.close());

  it('answers /health without a session and checks the database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().database, 'ok');
    assert.equal(res.json().engine, t.db.engine);
  });

  it('refuses an API request without a session with 401 and the error envelope', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    assert.equal(res.statusCode, 401);
    assert.deepEqual(Object.keys(res.json().error).sort(), ['code', 'details', 'message']);
    assert.equal(res.json().error.code, 'UNAUTHENTICATED');
  });

  it('signs in with an httpOnly cookie and tells who is signed in', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: ADMIN.email, password: ADMIN.password } });
    assert.equal(login.statusCode, 200);
    const cookie = login.cookies.find((c) => c.name === 'asc_session');
    assert.ok(cookie?.httpOnly, 'session cookie is httpOnly');
    const me = await as(t.app, t.adminCookie)({ method: 'GET', url: '/api/auth/me' });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().email, ADMIN.email);
    assert.equal(me.json().roleLabel, 'Administrator');
  });

  it('gives the same answer for an unknown e-mail and a wrong password', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: ADMIN.email, password: 'not-the-password' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@example.com', password: 'whatever-123' },
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.json().error.message, unknown.json().error.message);
  });

  it('names the field when the login body is bad', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'not-an-email', password: 'x' } });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'VALIDATION_FAILED');
    assert.equal(res.json().error.details.fields[0].field, 'body.email');
  });

  it('accepts a bearer token made for an API client', async () => {
    const created = await as(t.app, t.adminCookie)({ method: 'POST', url: '/api/auth/tokens', payload: { label: 'ERP sync', days: 30 } });
    assert.equal(created.statusCode, 201);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${created.json().token}` } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().email, ADMIN.email);
  });

  it('gives a catalog manager 403 on admin-user management, an administrator 200', async () => {
    const refused = await as(t.app, t.managerCookie)({ method: 'GET', url: '/api/admin-users' });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'FORBIDDEN');
    const allowed = await as(t.app, t.adminCookie)({ method: 'GET', url: '/api/admin-users' });
    assert.equal(allowed.statusCode, 200);
    assert.deepEqual(
      allowed
        .json()
        .map((u: { email: string }) => u.email)
        .sort(),
      [ADMIN.email, MANAGER.email].sort(),
    );
  });

  it('creates, re-roles, disables and resets admins, and audits each write', async () => {
    const admin = as(t.app, t.adminCookie);
    const created = await admin({
      method: 'POST',
      url: '/api/admin-users',
      payload: { email: 'new@example.com', name: 'New One', role: 'catalog_manager', password: 'long-enough-pw' },
    });
    assert.equal(created.statusCode, 201);
    const id = created.json().id;
    const dup = await admin({
      method: 'POST',
      url: '/api/admin-users',
      payload: { email: 'new@example.com', name: 'Again', role: 'catalog_manager', password: 'long-enough-pw' },
    });
    assert.equal(dup.statusCode, 400);
    assert.equal(dup.json().error.details.fields[0].field, 'body.email');
    const cookie = await signIn(t.app, 'new@example.com', 'long-enough-pw');
    const promoted = await admin({ method: 'PATCH', url: `/api/admin-users/${id}`, payload: { role: 'administrator' } });
    assert.equal(promoted.json().role, 'administrator');
    // A role change ends the user's sessions, so the new permissions apply from the next sign-in.
    assert.equal((await as(t.app, cookie)({ method: 'GET', url: '/api/auth/me' })).statusCode, 401);
    const disabled = await admin({ method: 'PATCH', url: `/api/admin-users/${id}`, payload: { isActive: false } });
    assert.equal(disabled.json().isActive, false);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'new@example.com', password: 'long-enough-pw' },
    });
    assert.equal(refused.statusCode, 403);
    const reset = await admin({ method: 'POST', url: `/api/admin-users/${id}/password`, payload: { password: 'short' } });
    assert.equal(reset.statusCode, 400);
    const audit = await admin({ method: 'GET', url: `/api/audit-log?entityType=admin_user&entityId=${id}` });
    assert.deepEqual(
      audit
        .json()
        .items.map((e: { action: string }) => e.action)
        .sort(),
      ['create', 'login', 'update', 'update'],
    );
    assert.equal(audit.json().items[0].userEmail, ADMIN.email);
  });

  it('will not demote the last active administrator', async () => {
    const users = (await as(t.app, t.adminCookie)({ method: 'GET', url: '/api/admin-users' })).json() as {
      id: number;
      email: string;
      role: string;
      isActive: boolean;
    }[];
    // Disable every other administrator first, then try to demote the signed-in one.
    const me = users.find((u) => u.email === ADMIN.email)!;
    const res = await as(t.app, t.adminCookie)({ method: 'PATCH', url: `/api/admin-users/${me.id}`, payload: { role: 'catalog_manager' } });
    assert.equal(res.statusCode, 409);
  });

  it('ends the session on logout', async () => {
    const cookie = await signIn(t.app, MANAGER.email, MANAGER.password);
    const out = await as(t.app, cookie)({ method: 'POST', url: '/api/auth/logout' });
    assert.equal(out.statusCode, 204);
    assert.equal((await as(t.app, cookie)({ method: 'GET', url: '/api/auth/me' })).statusCode, 401);
  });
});
