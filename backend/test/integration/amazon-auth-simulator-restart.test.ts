/**
 * The channel against a local Amazon that restarts from its state file (as `npm start` does): a store connected
 * through Seller Central stays connected, its refresh token still gets access tokens, and the offer it listed and
 * the order a shopper placed are still at Amazon. A reset of the local Amazon (saved like any change) forgets the
 * authorization: the next check revokes the store.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AUTHORIZATION_CHECK_JOB } from '../../src/amazon-auth/index';
import { OUTDOOR, outcomeOf, startStoresHarness, type StoresHarness } from './stores-harness';

const US = 'ATVPDKIKX0DER';
const SKU = 'RESTART-BOTTLE-1';

describe('amazon-auth: the local Amazon restarts from its state file', function () {
  this.timeout(60_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asc-sim-restart-'));
  let h: StoresHarness;
  let storeId = 0;
  let orderId = '';

  before(async () => {
    h = await startStoresHarness({ stateFile: path.join(dir, 'simulator-state.json') });
  });
  after(async () => {
    await h?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const checkAuthorizations = async () => {
    const outcome = await h.app.jobs.runNow(AUTHORIZATION_CHECK_JOB);
    assert.ok(outcome.ran);
    return outcome.summary;
  };
  const refreshes = async () => (await h.app.spapi.listCalls({ storeId })).filter((c) => c.operation === 'lwa.refreshAccessToken');

  it('connects a store, lists an offer through the channel, and a shopper buys it', async () => {
    storeId = (await h.createStore()).id;
    assert.equal(outcomeOf(await h.connect(storeId, OUTDOOR)), 'connected');
    const ctx = await h.app.stores.sellerContext(storeId);
    const put = await h.app.spapi.putListingsItem(
      ctx,
      SKU,
      {
        productType: 'BOTTLE',
        requirements: 'LISTING_OFFER_ONLY',
        attributes: {
          condition_type: [{ value: 'new_new', marketplace_id: US }],
          merchant_suggested_asin: [{ value: 'B0SIM00001', marketplace_id: US }],
          purchasable_offer: [{ marketplace_id: US, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: 19.5 }] }] }],
          fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 4 }],
        },
      },
      { marketplaceIds: [US] },
    );
    assert.equal(put.status, 'ACCEPTED');
    orderId = (
      await h.control<{ amazonOrderId: string }>('POST', '/_simulator/shopper/orders', {
        sellerId: OUTDOOR.sellerId,
        marketplaceId: US,
        sku: SKU,
        quantity: 1,
      })
    ).amazonOrderId;
  });

  it('after the restart the store stays connected: its refresh token gets a new access token; offer and order are there', async () => {
    await h.restartSimulator();
    assert.equal(h.sim.restored, true);
    const ctx = await h.app.stores.sellerContext(storeId);
    // Drop the cached client and access token: the next call must refresh with the stored refresh token.
    h.app.spapi.forget(ctx);
    const before = (await refreshes()).length;
    assert.deepEqual(await checkAuthorizations(), { ok: 1, lost: 0, failed: 0 });
    const after = await refreshes();
    assert.equal(after.length, before + 1, 'one token refresh after the restart');
    assert.ok(
      after.every((c) => c.status === 200),
      JSON.stringify(after),
    );

    const store = (await h.as(h.admin)({ method: 'GET', url: `/api/stores/${storeId}` })).json<{ authorization: { state: string } }>();
    assert.equal(store.authorization.state, 'connected');
    const listing = await h.app.spapi.getListingsItem(ctx, SKU, {
      marketplaceIds: [US],
      includedData: ['summaries', 'fulfillmentAvailability'],
    });
    assert.deepEqual(listing?.summaries?.[0]?.status, ['BUYABLE', 'DISCOVERABLE']);
    assert.equal(listing?.fulfillmentAvailability?.[0]?.quantity, 3, '4 offered − 1 sold');
    assert.equal((await h.app.spapi.getOrder(ctx, orderId))?.AmazonOrderId, orderId);
  });

  it('a reset of the local Amazon forgets the authorization: the next check revokes the store', async () => {
    await h.control('POST', '/_simulator/reset');
    await h.restartSimulator();
    h.app.spapi.forget(await h.app.stores.sellerContext(storeId));
    assert.deepEqual(await checkAuthorizations(), { ok: 0, lost: 1, failed: 0 });
    const store = (await h.as(h.admin)({ method: 'GET', url: `/api/stores/${storeId}` })).json<{ authorization: { state: string } }>();
    assert.equal(store.authorization.state, 'revoked');
  });
});
