/**
 * The local Amazon keeps its world in a state file across restarts: a seller connects an app in Seller Central,
 * the app lists an offer, a shopper buys, a report is requested, an authorization is removed, the clock moves;
 * after a restart from the file the issued refresh token still works and everything is where it was. A reset
 * is saved too. Without a state file nothing is written.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'mocha';
import { control, FORM, formBody, makeClient, plainRequest, SCENARIO, simRequest, startTestSimulator, walkConsent } from './helpers';

type Sim = Awaited<ReturnType<typeof startTestSimulator>>;
const OWNER = { email: SCENARIO.sellerEmail, password: SCENARIO.sellerPassword, otp: SCENARIO.sellerOtp };
const SKU = 'PERSIST-SOCKS-1';
const DAY_S = 86_400;

async function exchange(sim: Sim, code: string): Promise<string> {
  const res = await simRequest(sim, 'api.amazon.com', 'POST', '/auth/o2/token', {
    headers: FORM,
    body: formBody({ grant_type: 'authorization_code', code, client_id: SCENARIO.clientId, client_secret: SCENARIO.clientSecret }),
  });
  assert.equal(res.status, 200, res.text);
  return res.json<{ refresh_token: string }>().refresh_token;
}

/** An LWA refresh_token grant: 200 while the authorization lives, 400 invalid_grant once it is gone. */
async function refreshStatus(sim: Sim, refreshToken: string): Promise<number> {
  const res = await simRequest(sim, 'api.amazon.com', 'POST', '/auth/o2/token', {
    headers: FORM,
    body: formBody({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: SCENARIO.clientId,
      client_secret: SCENARIO.clientSecret,
    }),
  });
  return res.status;
}

const getListing = (sim: Sim, refreshToken: string) =>
  makeClient(sim, { refreshToken }).callAPI({
    operation: 'getListingsItem',
    endpoint: 'listingsItems',
    path: { sellerId: SCENARIO.seller, sku: SKU },
    query: { marketplaceIds: [SCENARIO.US], includedData: ['summaries', 'fulfillmentAvailability'] },
  }) as Promise<{ summaries: { asin: string; status: string[] }[]; fulfillmentAvailability: { quantity: number }[] }>;

describe('simulator state file (persistence across restarts)', function () {
  this.timeout(60_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asc-sim-state-'));
  const stateFile = path.join(dir, 'nested', 'simulator-state.json');
  let sim: Sim | null = null;
  let refreshToken = '';
  let orderId = '';
  let reportId = '';
  let clockBefore = 0;
  let scCookie = '';

  const restart = async () => {
    await sim?.close();
    sim = await startTestSimulator({ stateFile });
    return sim;
  };

  before(async () => {
    sim = await startTestSimulator({ stateFile });
  });
  after(async () => {
    await sim?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts fresh without a file, and writes one at once (owner-only: it holds refresh tokens)', () => {
    assert.equal(sim!.restored, false);
    assert.equal(sim!.stateFile, stateFile);
    assert.equal(fs.statSync(stateFile).mode & 0o777, 0o600);
  });

  it('builds up a world: consent, a listing, a sale, a report, a removed app, a later clock', async () => {
    const s = sim!;
    const consent = `${s.sellerCentralUrlFor('sellercentral.amazon.com')}/apps/authorize/consent?${new URLSearchParams({
      application_id: SCENARIO.appId,
      state: 'p',
      version: 'beta',
    }).toString()}`;
    const redirect = await walkConsent(s, consent, OWNER);
    refreshToken = await exchange(s, redirect.searchParams.get('spapi_oauth_code') ?? '');

    const put = (await makeClient(s, { refreshToken }).callAPI({
      operation: 'putListingsItem',
      endpoint: 'listingsItems',
      path: { sellerId: SCENARIO.seller, sku: SKU },
      query: { marketplaceIds: [SCENARIO.US] },
      body: {
        productType: 'SOCKS',
        requirements: 'LISTING_OFFER_ONLY',
        attributes: {
          condition_type: [{ value: 'new_new', marketplace_id: SCENARIO.US }],
          merchant_suggested_asin: [{ value: 'B0SIM00009', marketplace_id: SCENARIO.US }],
          purchasable_offer: [{ marketplace_id: SCENARIO.US, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: 12.99 }] }] }],
          fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 5 }],
        },
      },
    })) as { status: string };
    assert.equal(put.status, 'ACCEPTED');
    const bought = await control(s, 'POST', '/_simulator/shopper/orders', {
      sellerId: SCENARIO.seller,
      marketplaceId: SCENARIO.US,
      sku: SKU,
      quantity: 2,
    });
    assert.equal(bought.status, 201, bought.text);
    orderId = bought.json<{ amazonOrderId: string }>().amazonOrderId;
    const report = (await makeClient(s, { refreshToken }).callAPI({
      operation: 'createReport',
      endpoint: 'reports',
      body: { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [SCENARIO.US] },
    })) as { reportId: string };
    reportId = report.reportId;
    // The seller removes the app in Europe: the seeded EU token dies, the fresh NA one lives.
    const revoke = { sellerId: SCENARIO.seller, applicationId: SCENARIO.appId, region: 'eu' };
    assert.equal((await control(s, 'POST', '/_simulator/authorizations/revoke', revoke)).status, 200);
    assert.equal(await refreshStatus(s, SCENARIO.refreshTokenEu), 400);
    assert.equal((await control(s, 'POST', '/_simulator/clock', { advanceSeconds: 3 * DAY_S })).status, 200);
    clockBefore = s.clock.nowMs();

    // A Seller Central sign-in on the loopback listener, to come back to after the restart.
    const manage = await plainRequest(`${s.sellerCentralUrl}/sellercentral.amazon.com/apps/manage`);
    assert.match(manage.text, /ap_password/, 'not signed in yet');
    const mfa = await plainRequest(`${s.sellerCentralUrl}/sellercentral.amazon.com/ap/signin`, 'POST', {
      next: 'manage',
      email: OWNER.email,
      password: OWNER.password,
    });
    const pending = /name="pending" value="([^"]+)"/.exec(mfa.text)?.[1] ?? '';
    const signedIn = await plainRequest(`${s.sellerCentralUrl}/sellercentral.amazon.com/ap/mfa`, 'POST', {
      next: 'manage',
      pending: pending.replace(/&quot;/g, '"').replace(/&amp;/g, '&'),
      otpCode: OWNER.otp,
    });
    assert.match(signedIn.text, /Manage Your Apps/);
    scCookie = String(signedIn.headers['set-cookie']).split(';')[0] ?? '';
  });

  it('after a restart from the file: the refresh token works, the listing, sale, report, removal and clock are there', async () => {
    const s = await restart();
    assert.equal(s.restored, true);
    // The clock goes on from where it was (3 days ahead), not from real time.
    assert.ok(s.clock.nowMs() >= clockBefore && s.clock.nowMs() - clockBefore < 60_000, 'clock kept its offset');

    assert.equal(await refreshStatus(s, refreshToken), 200);
    const listing = await getListing(s, refreshToken);
    assert.equal(listing.summaries[0]?.asin, 'B0SIM00009');
    assert.deepEqual(listing.summaries[0]?.status, ['BUYABLE', 'DISCOVERABLE']);
    assert.equal(listing.fulfillmentAvailability[0]?.quantity, 3, '5 offered − 2 sold');

    const order = (await makeClient(s, { refreshToken }).callAPI({
      operation: 'getOrder',
      endpoint: 'orders',
      path: { orderId },
    })) as { AmazonOrderId: string; OrderStatus: string };
    assert.equal(order.AmazonOrderId, orderId);
    // 3 days later the shopper's payment has long cleared.
    assert.equal(order.OrderStatus, 'Unshipped');

    const report = (await makeClient(s, { refreshToken }).callAPI({ operation: 'getReport', endpoint: 'reports', path: { reportId } })) as {
      processingStatus: string;
      reportDocumentId?: string;
    };
    assert.equal(report.processingStatus, 'DONE');
    assert.ok(report.reportDocumentId);

    assert.equal(await refreshStatus(s, SCENARIO.refreshTokenEu), 400, 'the removed app stays removed');
    assert.equal(await refreshStatus(s, SCENARIO.refreshTokenNa), 200, 'the seeded NA token is untouched');

    // Seller Central remembers the sign-in: its sessions are signed with the saved secret.
    const manage = await plainRequest(`${s.sellerCentralUrl}/sellercentral.amazon.com/apps/manage`, 'GET', undefined, { cookie: scCookie });
    assert.match(manage.text, /Manage Your Apps/);
    assert.doesNotMatch(manage.text, /ap_password/);
  });

  it('a reset through the control plane is saved: the next start is the scenario again', async () => {
    const s = sim!;
    assert.equal((await control(s, 'POST', '/_simulator/reset')).status, 200);
    const after = await restart();
    assert.equal(after.restored, true);
    assert.equal(await refreshStatus(after, refreshToken), 400);
    assert.equal(after.state().listings.filter((l) => l.sku === SKU).length, 0);
    assert.equal(await refreshStatus(after, SCENARIO.refreshTokenEu), 200, 'the seeded EU token is back');
  });

  it('refuses to start from a file it cannot read, naming the reset command', async () => {
    await sim?.close();
    sim = null;
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{"format":"something else"}');
    await assert.rejects(startTestSimulator({ stateFile: broken }), /simulator:reset/);
    fs.writeFileSync(broken, '{ not json');
    await assert.rejects(startTestSimulator({ stateFile: broken }), /not valid JSON/);
  });

  it('without a state file (the default for tests) nothing is written', async () => {
    const before = fs.readdirSync(dir).sort();
    const memory = await startTestSimulator();
    try {
      assert.equal(memory.stateFile, null);
      assert.equal(memory.restored, false);
      assert.equal((await control(memory, 'POST', '/_simulator/clock', { advanceSeconds: 1 })).status, 200);
    } finally {
      await memory.close();
    }
    assert.deepEqual(fs.readdirSync(dir).sort(), before);
  });
});
