/**
 * The OAuth callback's own guards: it completes only in the browser session of the admin who
 * started the consent (a sign-in page otherwise, nothing consumed), answers a malformed link with
 * its error page, and never writes the authorization code or the state to the log. A success page loads the
 * script that tells the admin's tab and closes the consent tab (served from our origin: the CSP allows no inline
 * script), and leads back to the store; a refusal has no script and leads to Amazon Stores.
 */
import assert from 'node:assert/strict';
import { ADMIN, MANAGER, signIn } from '../helpers/app';
import { OUTDOOR, outcomeOf, startStoresHarness, type StoresHarness } from './stores-harness';

describe('amazon-auth: the OAuth callback', function () {
  this.timeout(60_000);
  let h: StoresHarness;
  before(async () => {
    h = await startStoresHarness();
  });
  after(async () => h?.close());

  const authorizationOf = async (id: number) =>
    (await h.as(h.admin)({ method: 'GET', url: `/api/stores/${id}` })).json<{ authorization: { state: string } }>().authorization.state;
  const consentFor = async (id: number, cookie = h.admin, purpose = 'connect') => {
    const started = await h.as(cookie)({ method: 'POST', url: `/api/stores/${id}/${purpose}` });
    assert.equal(started.statusCode, 200, started.body);
    return h.consent(started.json<{ consentUrl: string }>().consentUrl, OUTDOOR);
  };

  let connected: { id: number };

  it('without a session it completes nothing and asks the admin to sign in; their session then completes it', async () => {
    const store = await h.createStore({ name: 'Outdoor CA', country: 'CA' });
    connected = store;
    const redirect = await consentFor(store.id);
    const signedOut = await h.callback(redirect);
    assert.equal(signedOut.statusCode, 401);
    assert.match(String(signedOut.headers['content-type']), /text\/html/);
    assert.equal(outcomeOf(signedOut), 'signed_out');
    assert.match(signedOut.body, /Sign in/);
    assert.equal(await authorizationOf(store.id), 'not_connected');
    // Nothing was used up: in the admin's session the same link completes.
    assert.equal(outcomeOf(await h.callback(redirect, h.admin)), 'connected');
  });

  it('a success page names the store, loads the return script and leads back to the store; a refusal does neither', async () => {
    const store = connected;
    const done = await h.callback(await consentFor(store.id, h.admin, 'renew'), h.admin);
    assert.equal(outcomeOf(done), 'renewed');
    assert.match(done.body, new RegExp(`data-outcome="renewed" data-store-id="${store.id}"`));
    assert.match(done.body, /<script src="\/api\/amazon-auth\/consent-return\.js"><\/script>/);
    assert.match(
      done.body,
      new RegExp(`id="back" href="http://127\\.0\\.0\\.1:3000/admin/amazon/stores/${store.id}/dashboard\\?consent=renewed"`),
    );
    assert.doesNotMatch(done.body, /<script>/, 'no inline script');
    // The page's policy lets our own script run and nothing inline.
    assert.match(String(done.headers['content-security-policy']), /script-src 'self'/);

    const refused = await h.callback(await consentFor(store.id, h.admin, 'renew'), h.admin2);
    assert.equal(outcomeOf(refused), 'other_session');
    assert.doesNotMatch(refused.body, /<script/);
    assert.doesNotMatch(refused.body, /data-store-id/);
    assert.match(refused.body, /id="back" href="http:\/\/127\.0\.0\.1:3000\/admin\/amazon\/stores">Back to Amazon Stores/);
  });

  it('serves the return script to anyone (the page may show signed out), as JavaScript from our origin', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/amazon-auth/consent-return.js' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/javascript/);
    assert.match(res.body, /new BroadcastChannel\("asc-consent"\)/);
    assert.match(res.body, /window\.close\(\)/);
    assert.match(res.body, /location\.replace\(back\.href\)/);
  });

  it('a session that has ended counts as none', async () => {
    const store = await h.createStore({ name: 'Outdoor GB', country: 'GB', websiteCode: 'eu' });
    const cookie = await signIn(h.app, ADMIN.email, ADMIN.password);
    const redirect = await consentFor(store.id, cookie);
    await h.as(cookie)({ method: 'POST', url: '/api/auth/logout', headers: { origin: 'http://127.0.0.1:3000' } });
    assert.equal(outcomeOf(await h.callback(redirect, cookie)), 'signed_out');
    assert.equal(await authorizationOf(store.id), 'not_connected');
  });

  it('the admin who started it, signed in again in a new session, may complete it; another admin or role may not', async () => {
    const store = await h.createStore({ name: 'Outdoor DE', country: 'DE', websiteCode: 'eu' });
    const redirect = await consentFor(store.id);
    assert.equal(outcomeOf(await h.callback(redirect, h.admin2)), 'other_session');
    const manager = await signIn(h.app, MANAGER.email, MANAGER.password);
    assert.equal(outcomeOf(await h.callback(redirect, manager)), 'other_session');
    const again = await signIn(h.app, ADMIN.email, ADMIN.password);
    assert.equal(outcomeOf(await h.callback(redirect, again)), 'connected');
  });

  it('answers a state longer than 2,048 characters with its error page, not "[object Object]"', async () => {
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/amazon-auth/callback?${new URLSearchParams({ state: 'x'.repeat(2049), spapi_oauth_code: 'ANsimX', selling_partner_id: OUTDOOR.sellerId })}`,
      headers: { cookie: h.admin },
    });
    assert.equal(res.statusCode, 400);
    assert.notEqual(res.body, '[object Object]');
    assert.match(String(res.headers['content-type']), /text\/html/);
    assert.equal(outcomeOf(res), 'malformed_link');
    assert.match(res.body, /Back to Amazon Stores/);
  });

  it('writes neither the authorization code nor the state to any log line, and keeps the rest of the request line', async () => {
    const store = await h.createStore({ name: 'Outdoor US' });
    const redirect = await consentFor(store.id);
    const code = redirect.searchParams.get('spapi_oauth_code')!;
    const state = redirect.searchParams.get('state')!;
    assert.ok(code && state);
    const from = h.logs.length;
    assert.equal(outcomeOf(await h.callback(redirect)), 'signed_out');
    assert.equal(outcomeOf(await h.callback(redirect, h.admin)), 'connected');
    const lines = h.logs.slice(from).join('');
    assert.ok(!lines.includes(code), 'the authorization code is not logged');
    assert.ok(!lines.includes(state) && !lines.includes(encodeURIComponent(state)), 'the state is not logged');
    const requests = lines
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { req?: { url: string; method: string } })
      .filter((l) => l.req?.url.startsWith('/api/amazon-auth/callback'));
    assert.equal(requests.length, 2, 'both requests are still logged');
    const url = new URL(requests[0]!.req!.url, 'http://x');
    assert.equal(url.searchParams.get('spapi_oauth_code'), '[redacted]');
    assert.equal(url.searchParams.get('state'), '[redacted]');
    assert.equal(url.searchParams.get('selling_partner_id'), OUTDOOR.sellerId, 'other parameters stay');
  });
});
