/**
 * Cross-site request forgery: a page on another origin (another port of the same host included)
 * must not change anything with the admin's session cookie — bodyless `no-cors` POSTs included —
 * while the admin itself, non-browser clients and bearer tokens keep working.
 */
import assert from 'node:assert/strict';
import { as, buildTestApp, type TestApp } from '../helpers/app';

const HOST = '127.0.0.1:3000';

describe('CSRF: cookie writes must come from the admin', () => {
  let t: TestApp;
  let bearer: string;
  before(async () => {
    t = await buildTestApp();
    const created = await as(t.app, t.adminCookie)({ method: 'POST', url: '/api/auth/tokens', payload: { label: 'csrf test' } });
    bearer = created.json().token;
  });
  after(async () => t.close());

  /** A bodyless POST as a browser sends it, with the admin's cookie and the given provenance headers. */
  const post = (headers: Record<string, string>, auth: Record<string, string> = { cookie: t.adminCookie }) =>
    t.app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: { host: HOST, ...auth, ...headers } });

  it('refuses a bodyless no-cors POST from a page on another port of the same host', async () => {
    const res = await post({ origin: 'http://127.0.0.1:4000', 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors' });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.details.reason, 'cross_site');
  });

  it('refuses a cross-site page, and a browser that sends only Origin', async () => {
    assert.equal((await post({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).statusCode, 403);
    assert.equal((await post({ origin: 'http://127.0.0.1:4000' })).statusCode, 403);
    assert.equal((await post({ origin: 'null' })).statusCode, 403);
  });

  it('refuses cross-site writes of every method, and lets reads through', async () => {
    const headers = { host: HOST, cookie: t.adminCookie, origin: 'http://127.0.0.1:4000', 'sec-fetch-site': 'same-site' };
    const patch = await t.app.inject({ method: 'PATCH', url: '/api/admin-users/1', headers, payload: { name: 'Pwned' } });
    assert.equal(patch.statusCode, 403);
    const me = await as(t.app, t.adminCookie)({ method: 'GET', url: '/api/auth/me' });
    assert.equal(me.json().name, 'Ada Admin');
    const read = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers });
    assert.equal(read.statusCode, 200);
  });

  it('accepts the admin itself: same-origin fetches, its own Origin, the configured public address', async () => {
    assert.equal((await post({ origin: `http://${HOST}`, 'sec-fetch-site': 'same-origin' })).statusCode, 200);
    assert.equal((await post({ origin: `http://${HOST}` })).statusCode, 200);
    // Another spelling of the host the admin is served on (localhost vs 127.0.0.1) is still its own origin.
    assert.equal((await post({ origin: 'http://localhost:3000' }, { cookie: t.adminCookie, host: 'localhost:3000' })).statusCode, 200);
  });

  it('accepts a non-browser client (no Origin, no Sec-Fetch-Site) and bearer tokens from anywhere', async () => {
    assert.equal((await post({})).statusCode, 200);
    const res = await post({ origin: 'https://erp.example', 'sec-fetch-site': 'cross-site' }, { authorization: `Bearer ${bearer}` });
    assert.equal(res.statusCode, 200);
  });

  it('refuses a cross-site sign-in (login CSRF)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host: HOST, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      payload: { email: 'admin@example.com', password: 'admin-password-123' },
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.cookies.length, 0);
  });
});
