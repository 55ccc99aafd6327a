/**
 * The local Amazon's catalog with the real client: the demo catalog's items (a catalog file joined to the
 * default scenario), keyword search ranked by the words an item holds, images served by the image host,
 * Listings Restrictions for gated items, and a variation parent listed without an offer of its own.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'mocha';
import { loadScenarioFile, parseScenario } from '../scenario';
import { makeClient, SCENARIO, simRequest, startTestSimulator } from './helpers';

type Sim = Awaited<ReturnType<typeof startTestSimulator>>;
interface SearchAnswer {
  numberOfResults: number;
  items: {
    asin: string;
    summaries?: { itemName: string; brand: string; itemClassification: string }[];
    images?: { images: { variant: string; link: string; width: number; height: number }[] }[];
  }[];
}

describe('simulator catalog: demo items, keywords, images, restrictions', () => {
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

  const search = (query: Record<string, unknown>) =>
    makeClient(sim).callAPI({
      operation: 'searchCatalogItems',
      endpoint: 'catalogItems',
      query: { marketplaceIds: [SCENARIO.US], ...query },
    }) as Promise<SearchAnswer>;

  it('holds the demo catalog next to the scenario’s own items: a demo EAN finds its product', async () => {
    const res = await search({ identifiers: ['4000000000013'], identifiersType: 'EAN', includedData: ['summaries'] });
    assert.deepEqual(
      res.items.map((i) => [i.asin, i.summaries?.[0]?.itemName, i.summaries?.[0]?.brand]),
      [['B0DEMO0031', 'Contoso Alpine French Press', 'Contoso']],
    );
    const scenario = loadScenarioFile('default');
    assert.ok(scenario.catalog.some((c) => c.asin === 'B0SIM00001') && scenario.catalog.some((c) => c.asin === 'B0DEMO0001'));
    assert.ok(scenario.catalog.find((c) => c.asin === 'B0DEMO0001')?.marketplaceIds.includes(SCENARIO.US));
  });

  it('a parsed scenario keeps its catalog when parsed again; an ASIN twice is refused', () => {
    const once = loadScenarioFile('default');
    assert.equal(parseScenario(once).catalog.length, once.catalog.length);
    const twice = { ...once, catalogFiles: ['demo-catalog'] };
    assert.throws(() => parseScenario(twice), /ASIN B0DEMO\d{4} appears twice/);
  });

  it('ranks a keyword search by the words an item holds (title and brand)', async () => {
    const res = await search({ keywords: ['trailmate camping mug'], includedData: ['summaries'], pageSize: 5 });
    assert.equal(res.items[0]?.summaries?.[0]?.itemName, 'Insulated Camping Mug 350 ml', 'all three words');
    assert.ok(res.numberOfResults > 2, 'items holding some of the words follow');
    const paracord = await search({ keywords: ['paracord'] });
    assert.equal(paracord.numberOfResults, 3);
  });

  it('links each item to its image on the image host, which serves a PNG', async () => {
    const res = await search({ identifiers: ['4006381333931'], identifiersType: 'EAN', includedData: ['images'] });
    const image = res.items[0]?.images?.[0]?.images[0];
    assert.equal(image?.link, 'https://m.media-amazon.com/images/I/B0SIM00001.png');
    assert.deepEqual([image?.variant, image?.width, image?.height], ['MAIN', 120, 120]);
    const got = await simRequest(sim, 'm.media-amazon.com', 'GET', '/images/I/B0SIM00001.png');
    assert.equal(got.status, 200);
    assert.equal(got.headers['content-type'], 'image/png');
    assert.equal(got.text.slice(1, 4), 'PNG');
    assert.equal((await simRequest(sim, 'm.media-amazon.com', 'GET', '/images/I/B0NOPE0000.png')).status, 404);
  });

  it('Listings Restrictions: approval for a gated item, none for others, ASIN_NOT_FOUND for an unknown ASIN', async () => {
    const sp = makeClient(sim);
    const restrictions = (asin: string, sellerId: string = SCENARIO.seller) =>
      sp.callAPI({
        operation: 'getListingsRestrictions',
        endpoint: 'listingsRestrictions',
        query: { asin, sellerId, marketplaceIds: [SCENARIO.US], conditionType: 'new_new' },
        options: { version: '2021-08-01' },
      }) as Promise<{
        restrictions: { conditionType?: string; reasons: { reasonCode: string; message: string; links?: { resource: string }[] }[] }[];
      }>;
    const gated = await restrictions('B0SIM00029');
    assert.equal(gated.restrictions[0]?.conditionType, 'new_new');
    assert.equal(gated.restrictions[0]?.reasons[0]?.reasonCode, 'APPROVAL_REQUIRED');
    assert.match(gated.restrictions[0]?.reasons[0]?.message ?? '', /approval to list NightOwl products in Home & Kitchen/);
    assert.match(gated.restrictions[0]?.reasons[0]?.links?.[0]?.resource ?? '', /sellercentral\.amazon\.com\/.*asin=B0SIM00029/);
    assert.deepEqual((await restrictions('B0SIM00001')).restrictions, []);
    assert.equal((await restrictions('B0NOPE0000')).restrictions[0]?.reasons[0]?.reasonCode, 'ASIN_NOT_FOUND');
    await assert.rejects(restrictions('B0SIM00001', 'A3SIMBOOKSEU02'), (e: { code?: string }) => e.code === 'Unauthorized');
  });

  it('a variation parent listed without a price is DISCOVERABLE with no price warning', async () => {
    const sp = makeClient(sim);
    const parent = (await sp.callAPI({
      operation: 'putListingsItem',
      endpoint: 'listingsItems',
      path: { sellerId: SCENARIO.seller, sku: 'TRAIL-TEE' },
      query: { marketplaceIds: [SCENARIO.US], mode: 'VALIDATION_PREVIEW', includedData: ['issues'] },
      body: {
        productType: 'SHIRT',
        attributes: {
          condition_type: [{ value: 'new_new', marketplace_id: SCENARIO.US }],
          merchant_suggested_asin: [{ value: 'B0SIM00022', marketplace_id: SCENARIO.US }],
          parentage_level: [{ value: 'parent', marketplace_id: SCENARIO.US }],
          variation_theme: [{ name: 'SIZE_NAME/COLOR_NAME' }],
        },
      },
    })) as { status: string; issues: { code: string }[] };
    assert.deepEqual([parent.status, parent.issues], ['VALID', []]);
  });
});
