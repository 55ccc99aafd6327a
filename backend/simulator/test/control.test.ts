/**
 * Control plane (/_simulator): token check, faults, counters, clock, settings, reset, authorization
 * tricks; plus the response validator itself, sandbox hosts and host dispatch.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'mocha';
import { control, makeClient, SCENARIO, simRequest, startTestSimulator } from './helpers';

type Sim = Awaited<ReturnType<typeof startTestSimulator>>;
type Raw = { statusCode: number; body: string; headers: Record<string, string> };

describe('simulator control plane', () => {
  let sim: Sim;
  before(async () => {
    sim = await startTestSimulator();
  });
  beforeEach(async () => {
    assert.equal((await control(sim, 'POST', '/_simulator/reset')).status, 200);
  });
  after(async () => {
    assert.deepEqual(sim.mismatches(), []);
    await sim.close();
  });

  const getListing = (sku = 'TM-BOTTLE-750') =>
    makeClient(sim).callAPI({
      operation: 'getListingsItem',
      endpoint: 'listingsItems',
      path: { sellerId: SCENARIO.seller, sku },
      query: { marketplaceIds: [SCENARIO.US], includedData: ['summaries', 'fulfillmentAvailability'] },
      options: { raw_result: true },
    }) as unknown as Promise<Raw>;

  it('requires the control token', async () => {
    const res = await simRequest(sim, 'localhost', 'GET', '/_simulator/state', { headers: { 'x-simulator-token': 'wrong' } });
    assert.equal(res.status, 401);
  });

  it('injects 500, 503 and 429 for the next N calls, then serves normally, and counts them', async () => {
    for (const kind of ['500', '503', '429']) {
      assert.equal((await control(sim, 'POST', '/_simulator/faults', { operation: 'getListingsItem', kind, count: 1 })).status, 200);
    }
    assert.deepEqual(
      [(await getListing()).statusCode, (await getListing()).statusCode, (await getListing()).statusCode, (await getListing()).statusCode],
      [500, 503, 429, 200],
    );
    const counters = (await control(sim, 'GET', '/_simulator/counters')).json<{
      calls: Record<string, number>;
      injected: Record<string, number>;
      total429: number;
    }>();
    assert.equal(counters.calls.getListingsItem, 4);
    assert.equal(counters.injected.getListingsItem, 3);
    assert.equal(counters.total429, 1);
  });

  it('drops the connection for a "drop" fault', async () => {
    await control(sim, 'POST', '/_simulator/faults', { operation: 'getListingsItem', kind: 'drop' });
    await assert.rejects(getListing(), (e: { code?: string; message?: string }) =>
      /ECONNRESET|socket hang up/.test(`${e.code} ${e.message}`),
    );
  });

  it('applies listing submissions after the configured processing delay on the simulator clock', async () => {
    await control(sim, 'POST', '/_simulator/settings', { listingProcessingDelaySeconds: 120 });
    const sp = makeClient(sim);
    await sp.callAPI({
      operation: 'patchListingsItem',
      endpoint: 'listingsItems',
      path: { sellerId: SCENARIO.seller, sku: 'TM-BOTTLE-750' },
      query: { marketplaceIds: [SCENARIO.US] },
      body: {
        productType: 'BOTTLE',
        patches: [
          { op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 0 }] },
        ],
      },
    });
    const qty = async () =>
      (JSON.parse((await getListing()).body) as { fulfillmentAvailability: { quantity: number }[] }).fulfillmentAvailability[0]?.quantity;
    assert.equal(await qty(), 40, 'not processed yet');
    const clock = (await control(sim, 'POST', '/_simulator/clock', { advanceSeconds: 121 })).json<{ now: string }>();
    assert.ok(Date.parse(clock.now) > 0);
    assert.equal(await qty(), 0);
    const state = (await control(sim, 'GET', '/_simulator/state')).json<{
      listings: { sku: string; marketplaceId: string; status: string[] }[];
    }>();
    assert.deepEqual(state.listings.find((l) => l.sku === 'TM-BOTTLE-750' && l.marketplaceId === SCENARIO.US)?.status, ['DISCOVERABLE']);
  });

  it('revokes and expires authorizations through the control plane', async () => {
    await control(sim, 'POST', '/_simulator/authorizations/revoke', {
      sellerId: SCENARIO.seller,
      applicationId: SCENARIO.appId,
      region: 'na',
    });
    await assert.rejects(
      makeClient(sim).callAPI({ operation: 'getMarketplaceParticipations', endpoint: 'sellers' }),
      (e: { code: string }) => e.code === 'invalid_grant',
    );
    await control(sim, 'POST', '/_simulator/authorizations/expire', { sellerId: SCENARIO.seller, applicationId: SCENARIO.appId });
    await assert.rejects(
      makeClient(sim, { region: 'eu', refreshToken: SCENARIO.refreshTokenEu }).callAPI({
        operation: 'getMarketplaceParticipations',
        endpoint: 'sellers',
      }),
      (e: { code: string }) => e.code === 'invalid_grant',
    );
  });

  it('the response validator flags a body that does not match the model', () => {
    const validate = sim.sim.models.byId.get('getListingsItem')?.responseValidators.get(200);
    assert.ok(validate);
    assert.equal(validate({ sku: 'X', summaries: [{ marketplaceId: 'M' }] }), false);
    assert.equal(validate({ sku: 'X' }), true);
  });

  it("answers sandbox hosts from the models' static sandbox cases", async () => {
    const token = (
      await simRequest(sim, 'api.amazon.com', 'POST', '/auth/o2/token', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'refresh_token',
          refresh_token: SCENARIO.refreshTokenNa,
          client_id: SCENARIO.clientId,
          client_secret: SCENARIO.clientSecret,
        }),
      })
    ).json<{ access_token: string }>().access_token;
    const res = await simRequest(sim, 'sandbox.sellingpartnerapi-na.amazon.com', 'GET', '/sellers/v1/marketplaceParticipations', {
      headers: { 'x-amz-access-token': token },
    });
    assert.equal(res.status, 200);
    assert.ok(Array.isArray(res.json<{ payload: unknown[] }>().payload));
    const noToken = await simRequest(sim, 'sellingpartnerapi-na.amazon.com', 'GET', '/sellers/v1/marketplaceParticipations');
    assert.equal(noToken.status, 403);
    assert.equal(noToken.json<{ errors: { details: string }[] }>().errors[0]?.details, 'Access token is missing in the request header.');
  });

  it('refuses hosts it does not impersonate', async () => {
    const res = await simRequest(sim, 'localhost', 'GET', '/');
    assert.equal(res.status, 421);
  });
});
