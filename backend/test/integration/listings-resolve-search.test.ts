/**
 * Resolve with a search of Amazon's catalog, against the in-process simulator (listings-harness.ts): by keywords
 * for an Unable to Assign listing (title, brand, image served through our image route), assigned with the
 * resolve action and published to Active; by identifier for Multiple Matches and by ASIN; the refusals.
 */
import assert from 'node:assert/strict';
import { ALL, cond, startListingsHarness, type ListingsHarness } from './listings-harness';

interface SearchBody {
  numberOfResults: number;
  nextPageToken: string | null;
  items: {
    asin: string;
    title: string | null;
    brand: string | null;
    imageUrl: string | null;
    identifiers: { type: string; value: string }[];
  }[];
}

describe('listings: Resolve by searching Amazon’s catalog', function () {
  this.timeout(120_000);
  let h: ListingsHarness;
  const search = (query: string, storeId = h.storeId) =>
    h.api({ method: 'GET', url: `/api/stores/${storeId}/amazon-catalog/search?${query}` });

  before(async () => {
    h = await startListingsHarness();
    await h.saveRule(ALL([cond('attribute', 'is_not_empty', undefined, 'ean')]));
    await h.app.jobs.runNow('listings.matching');
    assert.equal((await h.listingBySku('NOPE')).status, 'unable_to_assign');
    assert.equal((await h.listingBySku('BOWL')).status, 'multiple_matches');
  });
  after(async () => h?.close());
  // Amazon allows 2 catalog searches a second: keep the tests apart on its clock.
  beforeEach(() => h.sim.advance(5));

  it('by keywords: the best match first with title, brand and an image served from here', async () => {
    const res = await search('keywords=thermal%20blanket%20nightowl');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<SearchBody>();
    assert.deepEqual(
      [body.items[0]?.asin, body.items[0]?.title, body.items[0]?.brand, body.items[0]?.imageUrl],
      ['B0SIM00012', 'Emergency Thermal Blanket (4 pack)', 'NightOwl', '/api/amazon-images/B0SIM00012.png'],
    );
    assert.ok(body.numberOfResults >= body.items.length && body.items.length <= 10);
    const image = await h.api({ method: 'GET', url: body.items[0]!.imageUrl! });
    assert.equal(image.statusCode, 200);
    assert.equal(image.headers['content-type'], 'image/png');
    assert.equal(image.rawPayload.subarray(1, 4).toString(), 'PNG');
    assert.match(String(image.headers['cache-control']), /private/);
  });

  it('assigns the result found to an Unable to Assign listing, which then goes to Amazon and turns Active', async () => {
    const nope = await h.listingBySku('NOPE');
    const resolved = await h.api({
      method: 'POST',
      url: `/api/stores/${h.storeId}/listings/${nope.id}/resolve`,
      payload: { asin: 'B0SIM00012' },
    });
    assert.equal(resolved.statusCode, 200, resolved.body);
    assert.deepEqual([resolved.json().status, resolved.json().asin], ['ready_to_list', 'B0SIM00012']);
    const published = await h.api({ method: 'POST', url: `/api/stores/${h.storeId}/listings/${nope.id}/publish` });
    assert.equal(published.statusCode, 200, published.body);
    await h.app.listingsSync.drainStore(h.storeId);
    assert.equal((await h.listingBySku('NOPE')).status, 'active');
  });

  it('by identifier: the EAN of a Multiple Matches listing shows every candidate; by ASIN the one item', async () => {
    const res = await search('identifier=4006381333993&identifierType=EAN');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<SearchBody>();
    assert.deepEqual(body.items.map((i) => i.asin).sort(), ['B0SIM00017', 'B0SIM00018']);
    assert.ok(body.items.every((i) => i.identifiers.some((x) => x.type === 'EAN' && x.value === '4006381333993') && i.imageUrl));
    const byAsin = await search('identifier=b0sim00003&identifierType=ASIN');
    assert.deepEqual(
      byAsin.json<SearchBody>().items.map((i) => [i.asin, i.title]),
      [['B0SIM00003', 'LED Head Torch 300 lm']],
    );
    const bowl = await h.listingBySku('BOWL');
    const resolved = await h.api({
      method: 'POST',
      url: `/api/stores/${h.storeId}/listings/${bowl.id}/resolve`,
      payload: { asin: 'B0SIM00018' },
    });
    assert.equal(resolved.json().status, 'ready_to_list');
  });

  it('refuses a search without its inputs, or with both kinds, naming the field; a store not connected is a conflict', async () => {
    const both = await search('keywords=bag&identifier=4006381333993&identifierType=EAN');
    assert.equal(both.statusCode, 400, both.body);
    assert.equal(both.json().error.details.fields[0].field, 'querystring.keywords');
    const untyped = await search('identifier=4006381333993');

    assert.equal(untyped.json().error.details.fields[0].field, 'querystring.identifierType');
    assert.equal((await search('identifier=x%20y&identifierType=EAN')).statusCode, 400);
    const other = await h.createStore({ name: 'Not connected', country: 'CA' });
    const notConnected = await search('keywords=bottle', other.id);
    assert.equal(notConnected.statusCode, 409, notConnected.body);
    assert.equal((await search('keywords=bottle', 9999)).statusCode, 404);
  });

  it('the image route serves only Amazon image files, and says when there is none', async () => {
    assert.equal((await h.api({ method: 'GET', url: '/api/amazon-images/B0NOPE0000.png' })).statusCode, 404);
    assert.equal((await h.api({ method: 'GET', url: '/api/amazon-images/..%2Fetc.png' })).statusCode, 400);
    assert.equal((await h.api({ method: 'GET', url: '/api/amazon-images/B0SIM00012.svg' })).statusCode, 400);
    const asManager = await h.api({ method: 'GET', url: '/api/amazon-images/B0SIM00012.png' }, h.manager);
    assert.equal(asManager.statusCode, 200, 'a Catalog Manager sees the images too');
  });
});
