/**
 * The attribute mappings reach what a listing sends Amazon: the title, brand and other product facts come from
 * the product's name, SKU or price or a catalog attribute as mapped for the store's marketplace; without a mapping
 * (or with it switched off) the title is the name and the brand the brand attribute, as before.
 */
import assert from 'node:assert/strict';
import { toPutBody } from '../../src/listings/sync/mapping';
import { ALL, cond, startListingsHarness, type ListingsHarness } from './listings-harness';

const US = 'ATVPDKIKX0DER';

describe('listings: attribute mappings in the listing payload', function () {
  this.timeout(120_000);
  let h: ListingsHarness;
  let bottleId = 0;

  before(async () => {
    h = await startListingsHarness();
    await h.saveRule(ALL([cond('product_type', 'in', ['simple']), cond('attribute', 'is_not_empty', undefined, 'ean')]));
    await h.app.jobs.runNow('listings.matching');
    bottleId = (await h.listingBySku('BOTTLE')).id;
  });
  after(async () => h?.close());

  const map = async (amazonAttribute: string, catalogAttribute: string, country = 'US') => {
    const res = await h.api({ method: 'POST', url: '/api/attribute-mapping', payload: { country, amazonAttribute, catalogAttribute } });
    assert.equal(res.statusCode, 201, res.body);
    return res.json<{ id: number }>().id;
  };
  /** Recomputes the listing's offer the way a listing settings save does, and reads what the sync engine holds. */
  const desired = async () => {
    const res = await h.api({ method: 'PATCH', url: `/api/stores/${h.storeId}/listing-settings`, payload: { handlingTimeDays: 2 } });
    assert.equal(res.statusCode, 200, res.body);
    return (await h.app.listingsSync.state([bottleId])).get(bottleId)?.desired ?? null;
  };

  it('without mappings: the product name as title', async () => {
    const publish = await h.api({ method: 'POST', url: `/api/stores/${h.storeId}/listings/${bottleId}/publish` });
    assert.equal(publish.statusCode, 200, publish.body);
    const d = await desired();
    assert.equal(d?.title, 'Water Bottle');
    assert.equal(d?.productAttributes, undefined);
  });

  let titleMapping = 0;

  it("maps the product's SKU, name and price (and an attribute) into the payload of the store's marketplace only", async () => {
    titleMapping = await map('item_name', 'sku');
    await map('brand', 'name');
    await map('model_number', 'sku');
    await map('part_number', 'price');
    await map('material', 'ean');
    await map('manufacturer', 'name', 'DE'); // another marketplace: not this store's
    const d = await desired();
    assert.equal(d?.title, 'BOTTLE');
    assert.equal(d?.brand, 'Water Bottle');
    assert.deepEqual(d?.productAttributes, { model_number: 'BOTTLE', part_number: '19.99', material: '4006381333931' });
    // What Amazon gets when the channel describes the product (no ASIN to lean on, e.g. a variation parent):
    const body = toPutBody({ ...d!, asin: null }, US);
    assert.deepEqual(body.attributes.item_name, [{ value: 'BOTTLE', language_tag: 'en_US', marketplace_id: US }]);
    assert.deepEqual(body.attributes.part_number, [{ value: '19.99', language_tag: 'en_US', marketplace_id: US }]);
    assert.deepEqual(body.attributes.externally_assigned_product_identifier, [{ type: 'ean', value: '4006381333931', marketplace_id: US }]);
  });

  it('a mapping switched off gives the default back; a catalog price change reaches the mapped value', async () => {
    const off = await h.api({ method: 'PATCH', url: `/api/attribute-mapping/${titleMapping}`, payload: { isActive: false } });
    assert.equal(off.statusCode, 200, off.body);
    const price = await h.api({ method: 'PATCH', url: `/api/catalog/products/${h.products.BOTTLE}`, payload: { price: 21 } });
    assert.equal(price.statusCode, 200, price.body);
    await h.app.jobs.runNow('listings.catalog-changes');
    const d = (await h.app.listingsSync.state([bottleId])).get(bottleId)?.desired;
    assert.equal(d?.title, 'Water Bottle');
    assert.equal(d?.productAttributes?.part_number, '21');
  });
});
