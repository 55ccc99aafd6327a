/**
 * The SP-API gateway with the real `amazon-sp-api` client against the in-process simulator:
 * OAuth, token refresh, the operations we use, retries, revoked authorizations, and the Communication Log.
 * After every test: the simulator served no 400 (each request was valid against the official model).
 */
import assert from 'node:assert/strict';
import {
  AmazonError,
  AmazonThrottledError,
  AmazonUnavailableError,
  AuthorizationCodeError,
  AuthorizationRevokedError,
} from '../../src/spapi/index';
import { assertNoInvalidRequests, freshAmazon, outdoorNa, SIM, startHarness, type Harness } from './spapi-harness';

const US = { marketplaceIds: [SIM.US] };

function newListing(sku: string, price: string) {
  return {
    productType: 'BOTTLE',
    requirements: 'LISTING_OFFER_ONLY' as const,
    attributes: {
      condition_type: [{ value: 'new_new', marketplace_id: SIM.US }],
      merchant_suggested_asin: [{ value: 'B0SIM00001', marketplace_id: SIM.US }],
      purchasable_offer: [{ marketplace_id: SIM.US, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: price }] }] }],
      fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 7 }],
    },
  };
}

const pricePatch = (price: string) => ({
  productType: 'BOTTLE',
  patches: [
    {
      op: 'replace' as const,
      path: '/attributes/purchasable_offer',
      value: [{ marketplace_id: SIM.US, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: price }] }] }],
    },
  ],
});

describe('SP-API gateway against the simulator', function () {
  this.timeout(30_000);
  let h: Harness;

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });
  beforeEach(() => freshAmazon(h));
  afterEach(() => {
    assertNoInvalidRequests(h);
  });

  const calls = (operation: string) => h.app.spapi.listCalls({ operation, limit: 1000 }).then((rows) => rows.reverse());

  it('exchanges an authorization code (with redirect_uri) for a refresh token that works, and refuses it twice', async () => {
    const { code } = await h.control<{ code: string }>('POST', '/_simulator/authorizations/code', {
      sellerId: SIM.seller,
      applicationId: SIM.appId,
      region: 'na',
    });
    const grant = await h.app.spapi.exchangeAuthorizationCode(code, SIM.redirectUri, { sellerId: SIM.seller });
    assert.match(grant.refreshToken, /^Atzr\|/);
    assert.equal(grant.expiresIn, 3600);

    const marketplaces = await h.app.spapi.getMarketplaceParticipations(outdoorNa({ refreshToken: grant.refreshToken }));
    assert.deepEqual(marketplaces.map((m) => m.marketplace.id).sort(), ['A1AM78C64UM0Y8', 'A2EUQ1WTGCTBG2', 'ATVPDKIKX0DER']);

    await assert.rejects(h.app.spapi.exchangeAuthorizationCode(code, SIM.redirectUri), (err: unknown) => {
      assert.ok(err instanceof AuthorizationCodeError);
      assert.equal(err.code, 'AMAZON_AUTH_CODE_INVALID');
      return true;
    });
    const log = await calls('lwa.exchangeAuthorizationCode');
    assert.deepEqual(
      log.map((r) => [r.status, r.errorCode]),
      [
        [200, null],
        [400, 'invalid_grant'],
      ],
    );
  });

  it('sends the redirect_uri: a code exchanged for an unregistered redirect URI is refused', async () => {
    const { code } = await h.control<{ code: string }>('POST', '/_simulator/authorizations/code', {
      sellerId: SIM.seller,
      applicationId: SIM.appId,
      region: 'na',
    });
    await assert.rejects(h.app.spapi.exchangeAuthorizationCode(code, 'https://evil.example/callback'), AuthorizationCodeError);
  });

  it('builds the Seller Central consent URL of a draft app, on the simulator Seller Central for browsers', () => {
    const url = new URL(
      h.app.spapi.buildConsentUrl({
        sellerCentralHost: 'https://sellercentral.amazon.com/',
        state: 's-1',
        redirectUri: SIM.redirectUri,
        version: 'beta',
      }),
    );
    assert.equal(url.origin + url.pathname, `${h.sim.sellerCentralUrl}/sellercentral.amazon.com/apps/authorize/consent`);
    assert.equal(url.searchParams.get('application_id'), SIM.appId);
    assert.equal(url.searchParams.get('state'), 's-1');
    assert.equal(url.searchParams.get('redirect_uri'), SIM.redirectUri);
    assert.equal(url.searchParams.get('version'), 'beta');
  });

  it('lists the marketplace participations of the seller in the region', async () => {
    const list = await h.app.spapi.getMarketplaceParticipations(outdoorNa());
    const byId = new Map(list.map((p) => [p.marketplace.id, p]));
    assert.equal(byId.get(SIM.US)?.marketplace.defaultCurrencyCode, 'USD');
    assert.equal(byId.get(SIM.US)?.participation.isParticipating, true);
    assert.equal(byId.get('A1AM78C64UM0Y8')?.participation.isParticipating, false);
    assert.equal(byId.has(SIM.DE), false, 'EU marketplaces are not part of an NA authorization');
  });

  it('searches the catalog by EAN and reads one item', async () => {
    const found = await h.app.spapi.searchCatalogItems(outdoorNa(), {
      ...US,
      identifiers: ['4006381333931'],
      identifiersType: 'EAN',
      includedData: ['summaries', 'identifiers'],
    });
    assert.equal(found.numberOfResults, 1);
    assert.equal(found.items[0]?.asin, 'B0SIM00001');
    assert.equal(found.items[0]?.summaries?.[0]?.itemName, 'Stainless Steel Water Bottle 750 ml');
    const item = await h.app.spapi.getCatalogItem(outdoorNa(), 'B0SIM00002', { ...US, includedData: ['summaries'] });
    assert.equal(item?.asin, 'B0SIM00002');
  });

  it('puts, reads, patches and deletes a listing', async () => {
    const ctx = outdoorNa();
    const put = await h.app.spapi.putListingsItem(ctx, 'GW-BOTTLE 1', newListing('GW-BOTTLE 1', '19.99'), US);
    assert.equal(put.status, 'ACCEPTED');
    const created = await h.app.spapi.getListingsItem(ctx, 'GW-BOTTLE 1', {
      ...US,
      includedData: ['summaries', 'offers', 'fulfillmentAvailability'],
    });
    assert.equal(created?.summaries?.[0]?.asin, 'B0SIM00001');
    assert.equal(created?.offers?.[0]?.price.amount, '19.99');
    assert.equal(created?.fulfillmentAvailability?.[0]?.quantity, 7);

    const patched = await h.app.spapi.patchListingsItem(ctx, 'GW-BOTTLE 1', pricePatch('17.49'), US);
    assert.equal(patched.status, 'ACCEPTED');
    const after = await h.app.spapi.getListingsItem(ctx, 'GW-BOTTLE 1', { ...US, includedData: ['offers'] });
    assert.equal(after?.offers?.[0]?.price.amount, '17.49');

    const deleted = await h.app.spapi.deleteListingsItem(ctx, 'GW-BOTTLE 1', US);
    assert.equal(deleted.status, 'ACCEPTED');
    assert.equal(await h.app.spapi.getListingsItem(ctx, 'GW-BOTTLE 1', US), null, 'a deleted listing reads as null (404 is an answer)');
  });

  it('refreshes an expired access token and repeats the call', async () => {
    const ctx = outdoorNa();
    assert.ok(await h.app.spapi.getListingsItem(ctx, 'TM-BOTTLE-750', US));
    h.sim.advance(3700); // the access token lived one hour
    const item = await h.app.spapi.getListingsItem(ctx, 'TM-BOTTLE-750', US);
    assert.equal(item?.sku, 'TM-BOTTLE-750');
    const log = (await calls('getListingsItem')).slice(-2);
    assert.deepEqual(
      log.map((r) => [r.status, r.attempt]),
      [
        [403, 1],
        [200, 2],
      ],
    );
    assert.ok((h.counters().lwa['refresh_token'] ?? 0) >= 1, 'LWA was asked for a new access token');
  });

  it('absorbs injected 429s: the caller gets the answer, the log shows every attempt', async () => {
    await h.control('POST', '/_simulator/faults', { operation: 'patchListingsItem', kind: '429', count: 3 });
    const res = await h.app.spapi.patchListingsItem(outdoorNa(), 'TM-BOTTLE-750', pricePatch('23.00'), US);
    assert.equal(res.status, 'ACCEPTED');
    const log = await calls('patchListingsItem');
    assert.deepEqual(
      log.map((r) => [r.status, r.attempt, r.errorCode]),
      [
        [429, 1, 'QuotaExceeded'],
        [429, 2, 'QuotaExceeded'],
        [429, 3, 'QuotaExceeded'],
        [200, 4, null],
      ],
    );
    assert.ok(
      log.every((r) => r.amazonRequestId),
      'every attempt keeps Amazon request id',
    );
  });

  it('keeps a burst of concurrent patches under the documented rate: Amazon throttles none', async () => {
    const ctx = outdoorNa();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => h.app.spapi.patchListingsItem(ctx, 'TM-MUG-350', pricePatch(`${10 + i}.00`), US)),
    );
    assert.ok(results.every((r) => r.status === 'ACCEPTED'));
    assert.equal(h.counters().throttled['patchListingsItem'] ?? 0, 0, 'no 429 from the simulator rate limiter');
  });

  it('retries 500s and a dropped connection', async () => {
    await h.control('POST', '/_simulator/faults', { operation: 'getListingsItem', kind: '500', count: 2 });
    await h.control('POST', '/_simulator/faults', { operation: 'getListingsItem', kind: 'drop', count: 1 });
    const item = await h.app.spapi.getListingsItem(outdoorNa(), 'TM-BOTTLE-750', US);
    assert.equal(item?.sku, 'TM-BOTTLE-750');
    const log = await calls('getListingsItem');
    assert.deepEqual(
      log.map((r) => r.status),
      [500, 500, null, 200],
    );
    assert.equal(log[2]?.errorCode, 'ECONNRESET');
  });

  it('gives up after AMAZON_MAX_RETRIES with a mapped error that keeps Amazon code and request id', async () => {
    await h.control('POST', '/_simulator/faults', { operation: 'getCatalogItem', kind: '503', count: 10 });
    await assert.rejects(h.app.spapi.getCatalogItem(outdoorNa(), 'B0SIM00001', US), (err: unknown) => {
      assert.ok(err instanceof AmazonUnavailableError);
      assert.equal(err.code, 'AMAZON_UNAVAILABLE');
      const d = err.details as { status: number; amazonCode: string; requestId: string; attempts: number };
      assert.deepEqual([d.status, d.amazonCode, d.attempts], [503, 'ServiceUnavailable', 5]);
      assert.match(d.requestId, /^[0-9a-f-]{36}$/);
      return true;
    });
    await h.control('DELETE', '/_simulator/faults');
    await h.control('POST', '/_simulator/faults', { operation: 'searchCatalogItems', kind: '429', count: 10 });
    await assert.rejects(h.app.spapi.searchCatalogItems(outdoorNa(), { ...US, keywords: ['bottle'] }), AmazonThrottledError);
  });

  it('maps a refusal (403 for another seller) to AMAZON_ERROR without retrying', async () => {
    const ctx = outdoorNa({ sellerId: SIM.bookSeller });
    await assert.rejects(h.app.spapi.getListingsItem(ctx, 'ANY', US), (err: unknown) => {
      assert.ok(err instanceof AmazonError);
      assert.equal((err.details as { status: number }).status, 403);
      assert.equal((err.details as { amazonCode: string }).amazonCode, 'Unauthorized');
      return true;
    });
    assert.equal((await calls('getListingsItem')).length, 1);
  });

  it('surfaces a revoked authorization as AuthorizationRevokedError', async () => {
    const ctx = outdoorNa();
    await h.app.spapi.getListingsItem(ctx, 'TM-BOTTLE-750', US);
    await h.control('POST', '/_simulator/authorizations/revoke', { sellerId: SIM.seller, applicationId: SIM.appId });
    await assert.rejects(h.app.spapi.getListingsItem(ctx, 'TM-BOTTLE-750', US), (err: unknown) => {
      assert.ok(err instanceof AuthorizationRevokedError);
      assert.equal(err.code, 'AMAZON_AUTH_REVOKED');
      assert.equal((err.details as { lwaError: string }).lwaError, 'invalid_grant');
      return true;
    });
  });

  it('surfaces an authorization older than 365 days as AuthorizationRevokedError on the first call', async () => {
    const ctx = { storeId: 2, sellerId: SIM.bookSeller, region: 'eu' as const, refreshToken: SIM.expiredRefreshToken };
    await assert.rejects(h.app.spapi.getMarketplaceParticipations(ctx), AuthorizationRevokedError);
    const [row] = await h.app.spapi.listCalls({ storeId: 2 });
    assert.deepEqual([row?.operation, row?.errorCode], ['lwa.refreshAccessToken', 'invalid_grant']);
  });

  it('records every HTTP call in the Communication Log, with store, marketplace, status, request id and latency', async () => {
    await h.control('POST', '/_simulator/faults', { operation: 'getCatalogItem', kind: '429', count: 1 });
    const ctx = outdoorNa({ storeId: 42 });
    await h.app.spapi.getMarketplaceParticipations(ctx);
    await h.app.spapi.getCatalogItem(ctx, 'B0SIM00003', US);
    await h.app.spapi.getListingsItem(ctx, 'NO-SUCH-SKU', US);
    const rows = await h.app.spapi.listCalls({ storeId: 42 });
    const spRows = rows.filter((r) => !r.operation.startsWith('lwa.'));
    const counters = h.counters();
    const served = Object.values(counters.calls).reduce((a, b) => a + b, 0);
    assert.equal(spRows.length, served, 'one log row per SP-API request the simulator saw');
    for (const [op, statuses] of Object.entries(counters.statuses)) {
      for (const [status, n] of Object.entries(statuses)) {
        assert.equal(spRows.filter((r) => r.operation === op && r.status === Number(status)).length, n, `${op} ${status}`);
      }
    }
    const notFound = spRows.find((r) => r.operation === 'getListingsItem');
    assert.deepEqual([notFound?.status, notFound?.marketplaceId, notFound?.sellerId], [404, SIM.US, SIM.seller]);
    assert.ok(spRows.every((r) => r.amazonRequestId && r.latencyMs >= 0 && r.storeId === 42 && r.createdAt));
  });
});
