import assert from 'node:assert/strict';
import { ADMIN, as, buildTestApp, type TestApp } from '../helpers/app';

describe('admin access limits', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ config: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
  });
  after(async () => t.close());

  it('answers SESSION_EXPIRED for a session past its expiry, so the admin can sign in again', async () => {
    await t.db.knex('admin_sessions').update({ expires_at: '2000-01-01 00:00:00.000' });
    const res = await as(t.app, t.adminCookie)({ method: 'GET', url: '/api/auth/me' });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'SESSION_EXPIRED');
  });

  it('rate-limits failed sign-ins per e-mail', async () => {
    const attempt = (i: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'target@example.com', password: 'guess-123' },
        remoteAddress: `10.0.0.${i + 1}`,
      });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await attempt(i)).statusCode);
    assert.deepEqual(codes, [401, 401, 401, 429]);
  });

  it('rate-limits sign-in attempts per client address', async () => {
    const codes = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: `someone${i}@example.com`, password: 'guess-123' },
        remoteAddress: '192.0.2.7',
      });
      codes.push(res.statusCode);
    }
    assert.equal(codes[3], 429);
    const blocked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: ADMIN.email, password: ADMIN.password },
      remoteAddress: '192.0.2.7',
    });
    assert.equal(blocked.json().error.code, 'RATE_LIMITED');
  });
});
