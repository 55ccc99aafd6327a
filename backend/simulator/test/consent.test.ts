/**
 * Seller Central consent pages and the LWA token endpoint, driven by plain HTTPS requests
 * (no browser): sign-in → two-step code → "I understand" → Continue → redirect with spapi_oauth_code.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { FORM, formBody, makeClient, parseForm, SCENARIO, simRequest, startTestSimulator, type RawResponse } from './helpers';

type Sim = Awaited<ReturnType<typeof startTestSimulator>>;
const SC = 'sellercentral.amazon.com';
const consentPath = (params: Record<string, string>) => `/apps/authorize/consent?${new URLSearchParams(params).toString()}`;
const validParams = { application_id: SCENARIO.appId, state: 'st-123', version: 'beta' };

describe('Seller Central consent and LWA', () => {
  let sim: Sim;
  before(async () => {
    sim = await startTestSimulator();
  });
  after(async () => {
    await sim.close();
  });

  const post = (path: string, fields: Record<string, string>, host = SC) =>
    simRequest(sim, host, 'POST', path, { headers: FORM, body: formBody(fields) });
  const submit = (page: RawResponse, extra: Record<string, string>) => {
    const f = parseForm(page.text);
    return post(f.action, { ...f.fields, ...extra });
  };

  async function signIn(email: string, password: string, otp: string, params = validParams): Promise<RawResponse> {
    const start = await simRequest(sim, SC, 'GET', consentPath(params));
    assert.equal(start.status, 200);
    assert.match(start.text, /<label for="ap_email">/);
    const mfa = await submit(start, { email, password });
    assert.equal(mfa.status, 200, mfa.text);
    assert.match(mfa.text, /Two-Step Verification/);
    return submit(mfa, { otpCode: otp });
  }

  it('walks the whole flow and the code exchanges for a working refresh token', async () => {
    const perms = await signIn(SCENARIO.sellerEmail, SCENARIO.sellerPassword, SCENARIO.sellerOtp);
    assert.equal(perms.status, 200);
    assert.match(perms.text, /I understand/);
    assert.ok(String(perms.headers['set-cookie']).includes('sim-sc-session='));
    const almost = await submit(perms, { acknowledge: 'yes' });
    assert.match(almost.text, /You are almost done/);
    const redirect = await submit(almost, {});
    assert.equal(redirect.status, 302);
    const location = new URL(String(redirect.headers.location));
    assert.equal(`${location.origin}${location.pathname}`, SCENARIO.redirectUri);
    assert.equal(location.searchParams.get('state'), 'st-123');
    assert.equal(location.searchParams.get('selling_partner_id'), SCENARIO.seller);
    const code = location.searchParams.get('spapi_oauth_code');
    assert.ok(code);

    // The backend exchanges the code with its own form-encoded call (it may send redirect_uri).
    const token = await simRequest(sim, 'api.amazon.com', 'POST', '/auth/o2/token', {
      headers: FORM,
      body: formBody({
        grant_type: 'authorization_code',
        code,
        redirect_uri: SCENARIO.redirectUri,
        client_id: SCENARIO.clientId,
        client_secret: SCENARIO.clientSecret,
      }),
    });
    assert.equal(token.status, 200);
    const { refresh_token } = token.json<{ refresh_token: string }>();
    const parts = (await makeClient(sim, { refreshToken: refresh_token }).callAPI({
      operation: 'getMarketplaceParticipations',
      endpoint: 'sellers',
    })) as unknown[];
    assert.ok(parts.length > 0);

    // Manage Your Apps with the session cookie: remove the app → the refresh token stops working.
    const cookie = String(perms.headers['set-cookie']).split(';')[0] ?? '';
    const manage = await simRequest(sim, SC, 'GET', '/apps/manage', { headers: { cookie } });
    assert.match(manage.text, /Magento Amazon Sales Channel/);
    const removed = await simRequest(sim, SC, 'POST', '/apps/manage/revoke', {
      headers: { ...FORM, cookie },
      body: formBody({ application_id: SCENARIO.appId }),
    });
    assert.match(removed.text, /was removed/);
    const refresh = await simRequest(sim, 'api.amazon.com', 'POST', '/auth/o2/token', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'refresh_token',
        refresh_token,
        client_id: SCENARIO.clientId,
        client_secret: SCENARIO.clientSecret,
      }),
    });
    assert.equal(refresh.status, 400);
    assert.equal(refresh.json<{ error: string }>().error, 'invalid_grant');
  });

  it('shows error pages: unknown app, draft app without version=beta, unregistered redirect_uri', async () => {
    const unknown = await simRequest(sim, SC, 'GET', consentPath({ application_id: 'amzn1.sellerapps.app.nope', state: 's' }));
    assert.equal(unknown.status, 400);
    assert.match(unknown.text, /MD1000/);
    const noBeta = await simRequest(sim, SC, 'GET', consentPath({ application_id: SCENARIO.appId, state: 's' }));
    assert.match(noBeta.text, /MD1000/);
    const badRedirect = await simRequest(sim, SC, 'GET', consentPath({ ...validParams, redirect_uri: 'https://evil.example/cb' }));
    assert.equal(badRedirect.status, 400);
    assert.match(badRedirect.text, /MD5101/);
  });

  it('rejects a wrong password, a wrong two-step code, a non-primary user, and a missing acknowledgement', async () => {
    const start = await simRequest(sim, SC, 'GET', consentPath(validParams));
    const wrongPw = await submit(start, { email: SCENARIO.sellerEmail, password: 'nope' });
    assert.equal(wrongPw.status, 401);
    assert.match(wrongPw.text, /password is incorrect/);

    const mfa = await submit(start, { email: SCENARIO.sellerEmail, password: SCENARIO.sellerPassword });
    const wrongCode = await submit(mfa, { otpCode: '000000' });
    assert.equal(wrongCode.status, 401);
    assert.match(wrongCode.text, /One Time Password/);

    const staff = await signIn(SCENARIO.staffEmail, SCENARIO.staffPassword, SCENARIO.staffOtp);
    assert.equal(staff.status, 403);
    assert.match(staff.text, /primary account user/);

    const perms = await signIn(SCENARIO.sellerEmail, SCENARIO.sellerPassword, SCENARIO.sellerOtp);
    const noAck = await submit(perms, {});
    assert.equal(noAck.status, 400);
    assert.match(noAck.text, /confirm that you understand/);
  });

  it('LWA: form and JSON bodies, invalid_client, unsupported_grant_type, expired code, grantless scopes', async () => {
    const lwa = (body: Record<string, string>, json = false) =>
      simRequest(
        sim,
        'api.amazon.com',
        'POST',
        '/auth/o2/token',
        json ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : { headers: FORM, body: formBody(body) },
      );
    const creds = { client_id: SCENARIO.clientId, client_secret: SCENARIO.clientSecret };
    const badClient = await lwa({
      grant_type: 'refresh_token',
      refresh_token: SCENARIO.refreshTokenEu,
      client_id: SCENARIO.clientId,
      client_secret: 'wrong',
    });
    assert.equal(badClient.status, 401);
    assert.deepEqual(badClient.json(), { error_description: 'Client authentication failed', error: 'invalid_client' });
    const badGrant = await lwa({ grant_type: 'password', ...creds }, true);
    assert.equal(badGrant.status, 400);
    assert.equal(badGrant.json<{ error: string }>().error, 'unsupported_grant_type');
    const ok = await lwa({ grant_type: 'refresh_token', refresh_token: SCENARIO.refreshTokenEu, ...creds });
    assert.equal(ok.status, 200);
    assert.equal(ok.json<{ expires_in: number }>().expires_in, 3600);

    const perms = await signIn(SCENARIO.sellerEmail, SCENARIO.sellerPassword, SCENARIO.sellerOtp);
    const redirect = await submit(await submit(perms, { acknowledge: 'yes' }), {});
    const code = new URL(String(redirect.headers.location)).searchParams.get('spapi_oauth_code') ?? '';
    sim.advance(301);
    const late = await lwa({ grant_type: 'authorization_code', code, ...creds });
    assert.equal(late.status, 400);
    assert.equal(late.json<{ error: string }>().error, 'invalid_grant', 'codes expire after five minutes');

    const grantless = await lwa({ grant_type: 'client_credentials', scope: 'sellingpartnerapi::notifications', ...creds });
    assert.equal(grantless.status, 200);
    assert.equal(grantless.json<{ scope: string }>().scope, 'sellingpartnerapi::notifications');
    const badScope = await lwa({ grant_type: 'client_credentials', scope: 'sellingpartnerapi::everything', ...creds });
    assert.equal(badScope.json<{ error: string }>().error, 'invalid_scope');
  });
});
