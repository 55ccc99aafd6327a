/**
 * Seller Central for a person's browser: the plain-HTTP loopback listener serves every Seller Central host
 * under /<host>/, so a consent link opens in any browser without a host mapping or a certificate warning.
 * Also: redirect URIs added at run time (as a developer registers the service's address).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { control, formBody, FORM, parseForm, plainRequest, SCENARIO, simRequest, startTestSimulator, walkConsent } from './helpers';

type Sim = Awaited<ReturnType<typeof startTestSimulator>>;
const OWNER = { email: SCENARIO.sellerEmail, password: SCENARIO.sellerPassword, otp: SCENARIO.sellerOtp };

describe('Seller Central on the loopback listener (plain HTTP)', () => {
  let sim: Sim;
  before(async () => {
    sim = await startTestSimulator({ redirectUris: { [SCENARIO.appId]: ['http://127.0.0.1:3301/api/amazon-auth/callback'] } });
  });
  after(async () => {
    await sim.close();
  });

  const consentUrl = (host: string, params: Record<string, string>) =>
    `${sim.sellerCentralUrlFor(host)}/apps/authorize/consent?${new URLSearchParams({ application_id: SCENARIO.appId, version: 'beta', ...params }).toString()}`;

  it('listens on 127.0.0.1 over plain HTTP, apart from the HTTPS port', () => {
    assert.match(sim.sellerCentralUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(sim.sellerCentralPort, sim.port);
    assert.equal(sim.sellerCentralUrlFor('sellercentral.amazon.de'), `${sim.sellerCentralUrl}/sellercentral.amazon.de`);
  });

  it('walks the whole consent under /<host>/ and redirects to a run-time registered URI with a working code', async () => {
    const redirectUri = 'http://127.0.0.1:3301/api/amazon-auth/callback';
    const start = await plainRequest(consentUrl('sellercentral.amazon.com', { state: 'st-1', redirect_uri: redirectUri }));
    assert.equal(start.status, 200, start.text);
    // Every form posts back under the host's path on this listener.
    assert.equal(parseForm(start.text).action, '/sellercentral.amazon.com/ap/signin');
    const mfa = await plainRequest(`${sim.sellerCentralUrl}${parseForm(start.text).action}`, 'POST', {
      ...parseForm(start.text).fields,
      email: OWNER.email,
      password: OWNER.password,
    });
    const perms = await plainRequest(`${sim.sellerCentralUrl}${parseForm(mfa.text).action}`, 'POST', {
      ...parseForm(mfa.text).fields,
      otpCode: OWNER.otp,
    });
    assert.match(perms.text, /I understand/);
    // A plain-HTTP cookie: not Secure (a browser would drop it), scoped to this host's path.
    const cookie = String(perms.headers['set-cookie']);
    assert.match(cookie, /sim-sc-session=.*; Path=\/sellercentral\.amazon\.com; HttpOnly; SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/);

    const redirect = await walkConsent(sim, consentUrl('sellercentral.amazon.com', { state: 'st-2', redirect_uri: redirectUri }), OWNER);
    assert.equal(`${redirect.origin}${redirect.pathname}`, redirectUri);
    assert.equal(redirect.searchParams.get('state'), 'st-2');
    assert.equal(redirect.searchParams.get('selling_partner_id'), SCENARIO.seller);
    const token = await simRequest(sim, 'api.amazon.com', 'POST', '/auth/o2/token', {
      headers: FORM,
      body: formBody({
        grant_type: 'authorization_code',
        code: redirect.searchParams.get('spapi_oauth_code') ?? '',
        client_id: SCENARIO.clientId,
        client_secret: SCENARIO.clientSecret,
        redirect_uri: redirectUri,
      }),
    });
    assert.equal(token.status, 200, token.text);
    assert.match(token.json<{ refresh_token: string }>().refresh_token, /^Atzr\|/);
  });

  it('serves the European Seller Central with its region (the outdoor seller sells in DE)', async () => {
    const redirect = await walkConsent(sim, consentUrl('sellercentral.amazon.de', { state: 'eu' }), OWNER);
    assert.equal(redirect.searchParams.get('state'), 'eu');
  });

  it('refuses an unregistered redirect URI (MD5101) until it is registered through the control plane', async () => {
    const other = 'http://127.0.0.1:4400/api/amazon-auth/callback';
    const refused = await plainRequest(consentUrl('sellercentral.amazon.com', { state: 's', redirect_uri: other }));
    assert.equal(refused.status, 400);
    assert.match(refused.text, /MD5101/);
    const reg = await control(sim, 'POST', '/_simulator/applications/redirect-uris', { applicationId: SCENARIO.appId, redirectUri: other });
    assert.equal(reg.status, 200, reg.text);
    assert.ok(reg.json<{ redirectUris: string[] }>().redirectUris.includes(other));
    // Registered URIs survive a reset (they are the app's settings, not the seller's state).
    assert.equal((await control(sim, 'POST', '/_simulator/reset')).status, 200);
    assert.equal((await plainRequest(consentUrl('sellercentral.amazon.com', { state: 's', redirect_uri: other }))).status, 200);
  });

  it('serves only Seller Central and the storefronts: an index at /, 404 elsewhere, no control plane', async () => {
    const index = await plainRequest(`${sim.sellerCentralUrl}/`);
    assert.equal(index.status, 200);
    assert.match(index.text, /href="\/sellercentral\.amazon\.co\.uk\/apps\/manage"/);
    assert.equal((await plainRequest(`${sim.sellerCentralUrl}/api.amazon.com/auth/o2/token`, 'POST', {})).status, 404);
    const state = await plainRequest(`${sim.sellerCentralUrl}/_simulator/state`, 'GET', undefined, {
      'x-simulator-token': sim.controlToken,
    });
    assert.equal(state.status, 404);
  });

  it('Manage Your Apps works on the loopback listener too', async () => {
    const start = await plainRequest(`${sim.sellerCentralUrl}/sellercentral.amazon.com/apps/manage`);
    const form = parseForm(start.text);
    assert.equal(form.action, '/sellercentral.amazon.com/ap/signin');
    const mfa = await plainRequest(`${sim.sellerCentralUrl}${form.action}`, 'POST', {
      ...form.fields,
      email: OWNER.email,
      password: OWNER.password,
    });
    const manage = await plainRequest(`${sim.sellerCentralUrl}${parseForm(mfa.text).action}`, 'POST', {
      ...parseForm(mfa.text).fields,
      otpCode: OWNER.otp,
    });
    assert.equal(manage.status, 200);
    assert.match(manage.text, /Manage Your Apps/);
  });
});
