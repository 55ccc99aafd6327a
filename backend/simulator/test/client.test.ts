/**
 * The real `amazon-sp-api` client against the in-process simulator: LWA exchange and refresh,
 * Sellers, Catalog Items, Listings Items, request validation (400), throttling (429) and response
 * validation against the official models.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'mocha';
import { control, makeClient, SCENARIO, startTestSimulator } from './helpers';

type Sim = Awaited<ReturnType<typeof startTestSimulator>>;
interface CustomError {
  code: string;
  message: string;
  details?: string;
}

async function rejects(p: Promise<unknown>): Promise<CustomError> {
  try {
    await p;
  } catch (e) {
    return e as CustomError;
  }
  throw new Error('expected the call to fail');
}

describe('simulator with the real amazon-sp-api client', () => {
  let sim: Sim;
  before(async () => {
    sim = await startTestSimulator();
  });
  // Catalog Items allows 2 calls/s with a burst of 2: move the simulator clock instead of sleeping.
  beforeEach(() => sim.advance(5));
  after(async () => {
    assert.deepEqual(sim.mismatches(), [], 'every response must validate against the model');
    await sim.close();
  });

  it('exchanges an spapi_oauth_code once, then refreshes with the returned refresh token', async () => {
    const { code } = (
      await control(sim, 'POST', '/_simulator/authorizations/code', {
        sellerId: SCENARIO.seller,
        applicationId: SCENARIO.appId,
        region: 'na',
      })
    ).json<{ code: string }>();
    const grantless = makeClient(sim, { grantless: true });
    const tokens = (await grantless.exchange(code)) as {
      access_token: string;
      refresh_token: string;
      token_type: string;
      expires_in: number;
    };
    assert.match(tokens.access_token, /^Atza\|/);
    assert.match(tokens.refresh_token, /^Atzr\|/);
    assert.equal(tokens.token_type, 'bearer');
    assert.equal(tokens.expires_in, 3600);
    const again = await rejects(grantless.exchange(code));
    assert.equal(again.code, 'invalid_grant', 'codes are single-use');

    const sp = makeClient(sim, { refreshToken: tokens.refresh_token });
    const parts = (await sp.callAPI({ operation: 'getMarketplaceParticipations', endpoint: 'sellers' })) as {
      marketplace: { id: string };
    }[];
    assert.deepEqual(parts.map((p) => p.marketplace.id).sort(), ['A1AM78C64UM0Y8', 'A2EUQ1WTGCTBG2', 'ATVPDKIKX0DER']);
  });

  it('returns only the marketplaces of the endpoint region', async () => {
    const eu = makeClient(sim, { region: 'eu', refreshToken: SCENARIO.refreshTokenEu });
    const parts = (await eu.callAPI({ operation: 'getMarketplaceParticipations', endpoint: 'sellers' })) as {
      marketplace: { countryCode: string };
    }[];
    assert.deepEqual(parts.map((p) => p.marketplace.countryCode).sort(), ['DE', 'GB']);
    const wrongRegion = await rejects(
      makeClient(sim, { region: 'eu' }).callAPI({ operation: 'getMarketplaceParticipations', endpoint: 'sellers' }),
    );
    assert.equal(wrongRegion.code, 'Unauthorized', 'an NA authorization does not work on the EU endpoint');
  });

  it('refuses a refresh token whose authorization is older than 365 days', async () => {
    const err = await rejects(
      makeClient(sim, { region: 'eu', refreshToken: SCENARIO.expiredRefreshToken }).callAPI({
        operation: 'getMarketplaceParticipations',
        endpoint: 'sellers',
      }),
    );
    assert.equal(err.code, 'invalid_grant');
  });

  it('searches the catalog by identifier, including an EAN that matches two ASINs', async () => {
    const sp = makeClient(sim);
    const res = (await sp.callAPI({
      operation: 'searchCatalogItems',
      endpoint: 'catalogItems',
      query: {
        identifiers: ['4006381333993'],
        identifiersType: 'EAN',
        marketplaceIds: [SCENARIO.US],
        includedData: ['summaries', 'identifiers', 'productTypes'],
      },
    })) as { numberOfResults: number; items: { asin: string; summaries: { itemName: string }[] }[] };
    assert.equal(res.numberOfResults, 2);
    assert.deepEqual(res.items.map((i) => i.asin).sort(), ['B0SIM00017', 'B0SIM00018']);
    sim.advance(1);
    const upc = (await sp.callAPI({
      operation: 'searchCatalogItems',
      endpoint: 'catalogItems',
      query: { identifiers: ['012345678905', '051515151510'], identifiersType: 'UPC', marketplaceIds: [SCENARIO.US] },
    })) as { numberOfResults: number };
    assert.equal(upc.numberOfResults, 4, 'three paracord ASINs share a UPC, plus one more');
    sim.advance(1);
    const kw = (await sp.callAPI({
      operation: 'searchCatalogItems',
      endpoint: 'catalogItems',
      query: { keywords: ['paracord'], marketplaceIds: [SCENARIO.US], pageSize: 2 },
    })) as { numberOfResults: number; items: unknown[]; pagination: { nextToken?: string } };
    assert.equal(kw.numberOfResults, 3);
    assert.equal(kw.items.length, 2);
    assert.ok(kw.pagination.nextToken);
  });

  it('gets a catalog item with variation relationships', async () => {
    const sp = makeClient(sim);
    const child = (await sp.callAPI({
      operation: 'getCatalogItem',
      endpoint: 'catalogItems',
      path: { asin: 'B0SIM00023' },
      query: { marketplaceIds: [SCENARIO.US], includedData: ['summaries', 'relationships', 'identifiers'] },
    })) as { relationships: { relationships: { parentAsins?: string[] }[] }[] };
    const parent = child.relationships[0]?.relationships[0]?.parentAsins?.[0];
    assert.ok(parent);
    sim.advance(1);
    const p = (await sp.callAPI({
      operation: 'getCatalogItem',
      endpoint: 'catalogItems',
      path: { asin: parent },
      query: { marketplaceIds: [SCENARIO.US], includedData: ['relationships'] },
    })) as { relationships: { relationships: { childAsins?: string[] }[] }[] };
    assert.equal(p.relationships[0]?.relationships[0]?.childAsins?.length, 6);
    sim.advance(1);
    const missing = await rejects(
      sp.callAPI({
        operation: 'getCatalogItem',
        endpoint: 'catalogItems',
        path: { asin: 'B0NOTHERE1' },
        query: { marketplaceIds: [SCENARIO.US] },
      }),
    );
    assert.equal(missing.code, 'NOT_FOUND');
  });

  it('puts, patches, gets, searches and deletes a listing', async () => {
    const sp = makeClient(sim);
    const path = { sellerId: SCENARIO.seller, sku: 'SIM-TEST-SOCKS' };
    const query = { marketplaceIds: [SCENARIO.US] };
    const put = (await sp.callAPI({
      operation: 'putListingsItem',
      endpoint: 'listingsItems',
      path,
      query: { ...query, includedData: ['issues', 'identifiers'] },
      body: {
        productType: 'SOCKS',
        requirements: 'LISTING_OFFER_ONLY',
        attributes: {
          condition_type: [{ value: 'new_new', marketplace_id: SCENARIO.US }],
          externally_assigned_product_identifier: [{ type: 'ean', value: '5012345678900', marketplace_id: SCENARIO.US }],
          purchasable_offer: [{ marketplace_id: SCENARIO.US, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: 12.99 }] }] }],
          fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 0 }],
        },
      },
    })) as { status: string; submissionId: string; identifiers: { asin: string }[] };
    assert.equal(put.status, 'ACCEPTED');
    assert.ok(put.submissionId);
    assert.equal(put.identifiers[0]?.asin, 'B0SIM00009');

    const included = ['summaries', 'offers', 'fulfillmentAvailability', 'issues', 'attributes'];
    let item = (await sp.callAPI({
      operation: 'getListingsItem',
      endpoint: 'listingsItems',
      path,
      query: { ...query, includedData: included },
    })) as {
      summaries: { status: string[]; asin: string }[];
      offers: { price: { amount: string } }[];
      fulfillmentAvailability: { quantity: number }[];
    };
    assert.deepEqual(item.summaries[0]?.status, ['DISCOVERABLE'], 'quantity 0: discoverable but not buyable');
    assert.equal(item.offers[0]?.price.amount, '12.99');

    const patch = (await sp.callAPI({
      operation: 'patchListingsItem',
      endpoint: 'listingsItems',
      path,
      query,
      body: {
        productType: 'SOCKS',
        patches: [
          { op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 7 }] },
        ],
      },
    })) as { status: string };
    assert.equal(patch.status, 'ACCEPTED');
    item = (await sp.callAPI({
      operation: 'getListingsItem',
      endpoint: 'listingsItems',
      path,
      query: { ...query, includedData: included },
    })) as typeof item;
    assert.deepEqual(item.summaries[0]?.status, ['BUYABLE', 'DISCOVERABLE']);
    assert.equal(item.fulfillmentAvailability[0]?.quantity, 7);

    const found = (await sp.callAPI({
      operation: 'searchListingsItems',
      endpoint: 'listingsItems',
      path: { sellerId: SCENARIO.seller },
      query: { ...query, identifiers: ['SIM-TEST-SOCKS'], identifiersType: 'SKU' },
    })) as { numberOfResults: number };
    assert.equal(found.numberOfResults, 1);

    const del = (await sp.callAPI({ operation: 'deleteListingsItem', endpoint: 'listingsItems', path, query })) as { status: string };
    assert.equal(del.status, 'ACCEPTED');
    const gone = await rejects(sp.callAPI({ operation: 'getListingsItem', endpoint: 'listingsItems', path, query }));
    assert.equal(gone.code, 'NOT_FOUND');
  });

  it('reports issues: gated ASIN, ambiguous identifier, missing condition (INVALID), validation preview', async () => {
    const sp = makeClient(sim);
    const get = (await sp.callAPI({
      operation: 'getListingsItem',
      endpoint: 'listingsItems',
      path: { sellerId: SCENARIO.seller, sku: 'NO-BEARSPRAY' },
      query: { marketplaceIds: [SCENARIO.US], includedData: ['summaries', 'issues'] },
    })) as { summaries: { status: string[] }[]; issues: { severity: string; categories: string[] }[] };
    assert.deepEqual(get.summaries[0]?.status, []);
    assert.ok(get.issues.some((i) => i.severity === 'ERROR' && i.categories.includes('QUALIFICATION_REQUIRED')));

    const base = {
      condition_type: [{ value: 'new_new', marketplace_id: SCENARIO.US }],
      purchasable_offer: [{ marketplace_id: SCENARIO.US, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: 5 }] }] }],
    };
    const preview = (await sp.callAPI({
      operation: 'putListingsItem',
      endpoint: 'listingsItems',
      path: { sellerId: SCENARIO.seller, sku: 'SIM-AMBIG' },
      query: { marketplaceIds: [SCENARIO.US], mode: 'VALIDATION_PREVIEW' },
      body: {
        productType: 'BOWL',
        attributes: { ...base, externally_assigned_product_identifier: [{ type: 'ean', value: '4006381333993' }] },
      },
    })) as { status: string; issues: { code: string; categories: string[] }[] };
    assert.equal(preview.status, 'INVALID');
    assert.ok(preview.issues.some((i) => i.categories.includes('DUPLICATE')));

    const invalid = (await sp.callAPI({
      operation: 'putListingsItem',
      endpoint: 'listingsItems',
      path: { sellerId: SCENARIO.seller, sku: 'SIM-NOCOND' },
      query: { marketplaceIds: [SCENARIO.US] },
      body: {
        productType: 'BOTTLE',
        attributes: { merchant_suggested_asin: [{ value: 'B0SIM00001' }] },
      },
    })) as { status: string; issues: { attributeNames: string[] }[] };
    assert.equal(invalid.status, 'INVALID');
    assert.deepEqual(invalid.issues[0]?.attributeNames, ['condition_type']);
  });

  it('answers an invalid request with 400 InvalidInput naming the problem', async () => {
    const sp = makeClient(sim);
    const noMarketplace = await rejects(
      sp.callAPI({
        operation: 'getListingsItem',
        endpoint: 'listingsItems',
        path: { sellerId: SCENARIO.seller, sku: 'TM-BOTTLE-750' },
        query: {},
      }),
    );
    assert.equal(noMarketplace.code, 'InvalidInput');
    assert.match(noMarketplace.message, /marketplaceIds/);
    sim.advance(1);
    const badEnum = await rejects(
      sp.callAPI({
        operation: 'searchCatalogItems',
        endpoint: 'catalogItems',
        query: {
          identifiers: ['x'],
          identifiersType: 'BARCODE' as unknown as 'EAN',
          /* deliberately outside the model's enum */ marketplaceIds: [SCENARIO.US],
        },
      }),
    );
    assert.equal(badEnum.code, 'InvalidInput');
    assert.match(badEnum.message, /identifiersType/);
    const badBody = await rejects(
      sp.callAPI({
        operation: 'putListingsItem',
        endpoint: 'listingsItems',
        path: { sellerId: SCENARIO.seller, sku: 'X' },
        query: { marketplaceIds: [SCENARIO.US] },
        body: { attributes: {} },
      }),
    );
    assert.equal(badBody.code, 'InvalidInput');
    assert.match(badBody.details ?? '', /productType/);
  });

  it('throttles with 429 QuotaExceeded after the burst and refills on the simulator clock', async () => {
    const sp = makeClient(sim);
    const call = () =>
      sp.callAPI({
        operation: 'getCatalogItem',
        endpoint: 'catalogItems',
        path: { asin: 'B0SIM00001' },
        query: { marketplaceIds: [SCENARIO.US] },
        options: { raw_result: true },
      }) as unknown as Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;
    sim.advance(10); // refill after the earlier catalog calls
    const first = await call();
    assert.equal(first.statusCode, 200);
    assert.equal(first.headers['x-amzn-ratelimit-limit'], '2');
    assert.ok(first.headers['x-amzn-requestid']);
    await call(); // burst is 2
    const third = await call();
    assert.equal(third.statusCode, 429);
    assert.deepEqual(JSON.parse(third.body), {
      errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' }],
    });
    sim.advance(1);
    assert.equal((await call()).statusCode, 200, 'two tokens refill per second');
    assert.ok((sim.state().counters.throttled.getCatalogItem ?? 0) >= 1);
  });

  it('expires access tokens after an hour; the client refreshes on the 403', async () => {
    const sp = makeClient(sim);
    await sp.callAPI({ operation: 'getMarketplaceParticipations', endpoint: 'sellers' });
    const before = sim.state().counters.lwa.refresh_token ?? 0;
    sim.advance(3601);
    await sp.callAPI({ operation: 'getMarketplaceParticipations', endpoint: 'sellers' });
    assert.equal(sim.state().counters.lwa.refresh_token, before + 1);
  });
});
