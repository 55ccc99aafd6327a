/** Existing Amazon listings: import through the merchant listings report, match by seller SKU or ASIN attribute, link, unlink, leave unmanaged. */
import assert from 'node:assert/strict';
import { NOW, startListingsHarness, type ListingsHarness } from './listings-harness';

interface ThirdParty {
  id: number;
  sellerSku: string;
  asin: string | null;
  state: string;
  matchSku: string | null;
  matchedBy: string | null;
}

describe('listings: existing Amazon listings', function () {
  this.timeout(120_000);
  let h: ListingsHarness;
  const url = (path = '') => `/api/stores/${h.storeId}/third-party-listings${path}`;

  before(async () => {
    h = await startListingsHarness();
    const db = h.db.knex;
    // TM-MUG-350 is a seller SKU on Amazon; TORCH carries the ASIN of NO-TORCH-300 in its ASIN attribute.
    const setId = Number((await db('attribute_sets').where({ code: 'default' }).first('id')).id);
    const asinAttr = Number((await db('attributes').where({ code: 'amazon_asin' }).first('id')).id);
    for (const sku of ['TM-MUG-350', 'TORCH']) {
      const [id] = await db('products').insert({
        sku,
        type: 'simple',
        name: sku,
        price: 12,
        attribute_set_id: setId,
        status: 'enabled',
        visibility: 'catalog_search',
        created_at: NOW,
        updated_at: NOW,
      });
      h.products[sku] = Number(id);
      if (sku === 'TORCH') await db('product_attribute_values').insert({ product_id: id, attribute_id: asinAttr, value: 'B0SIM00003' });
    }
  });
  after(async () => h?.close());

  it('imports the merchant listings report and matches by seller SKU and by the ASIN attribute', async () => {
    let res = await h.api({ method: 'POST', url: url('/import') });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'requested');
    res = await h.api({ method: 'POST', url: url('/import') });
    assert.equal(res.json().status, 'processing');
    h.sim.advance(31);
    res = await h.api({ method: 'POST', url: url('/import') });
    assert.equal(res.json().status, 'done', res.body);
    assert.ok(res.json().imported >= 4);
    assert.equal(res.json().matched, 2);
    const page = (await h.api({ method: 'GET', url: `${url()}?state=new&pageSize=100` })).json<{ items: ThirdParty[] }>();
    const mug = page.items.find((i) => i.sellerSku === 'TM-MUG-350')!;
    assert.deepEqual([mug.matchSku, mug.matchedBy], ['TM-MUG-350', 'seller_sku']);
    const torch = page.items.find((i) => i.sellerSku === 'NO-TORCH-300')!;
    assert.deepEqual([torch.matchSku, torch.matchedBy], ['TORCH', 'asin_attribute']);
    const counts = (await h.api({ method: 'GET', url: `/api/stores/${h.storeId}/listings/counts` })).json<Record<string, number>>();
    assert.equal(counts.new_third_party, page.items.length);
  });

  it('links one: a managed listing under the Amazon seller SKU; unlink stops managing it and keeps it on Amazon', async () => {
    const page = (await h.api({ method: 'GET', url: `${url()}?state=new&pageSize=100` })).json<{ items: ThirdParty[] }>();
    const torch = page.items.find((i) => i.sellerSku === 'NO-TORCH-300')!;
    const res = await h.api({ method: 'POST', url: url(`/${torch.id}/link`), payload: {} });
    assert.equal(res.statusCode, 200, res.body);
    const listing = res.json<{ id: number; sku: string; sellerSku: string; asin: string; linkedFromAmazon: boolean; status: string }>();
    assert.deepEqual(
      [listing.sku, listing.sellerSku, listing.asin, listing.linkedFromAmazon],
      ['TORCH', 'NO-TORCH-300', 'B0SIM00003', true],
    );
    assert.equal((await h.api({ method: 'POST', url: url(`/${torch.id}/link`), payload: {} })).statusCode, 409);
    const unlink = await h.api({ method: 'POST', url: `/api/stores/${h.storeId}/listings/${listing.id}/unlink` });
    assert.equal(unlink.statusCode, 204, unlink.body);
    const after = (await h.api({ method: 'GET', url: `${url()}?state=unmanaged` })).json<{ items: ThirdParty[] }>();
    assert.deepEqual(
      after.items.map((i) => i.sellerSku),
      ['NO-TORCH-300'],
    );
    assert.equal((await h.db.knex('listings').where({ id: listing.id })).length, 0);
  });

  it('leave one unmanaged; linking one without a catalog match is refused', async () => {
    const page = (await h.api({ method: 'GET', url: `${url()}?state=new&pageSize=100` })).json<{ items: ThirdParty[] }>();
    const spray = page.items.find((i) => i.sellerSku === 'NO-BEARSPRAY')!;
    assert.equal((await h.api({ method: 'POST', url: url(`/${spray.id}/unmanaged`) })).statusCode, 204);
    const nomatch = await h.api({ method: 'POST', url: url(`/${spray.id}/link`), payload: {} });
    assert.equal(nomatch.statusCode, 409);
  });

  it('creates a catalog product from an unmatched Amazon listing and links it', async () => {
    const page = (await h.api({ method: 'GET', url: `${url()}?state=new&pageSize=100` })).json<{ items: ThirdParty[] }>();
    const bottle = page.items.find((i) => i.sellerSku === 'TM-BOTTLE-750')!;
    assert.equal(bottle.matchSku, null);
    const res = await h.api({ method: 'POST', url: url(`/${bottle.id}/create-product`) });
    assert.equal(res.statusCode, 200, res.body);
    const listing = res.json<{ sku: string; sellerSku: string; asin: string; name: string; linkedFromAmazon: boolean }>();
    assert.deepEqual(
      [listing.sku, listing.sellerSku, listing.asin, listing.linkedFromAmazon],
      ['TM-BOTTLE-750', 'TM-BOTTLE-750', 'B0SIM00001', true],
    );
    assert.equal(listing.name, 'Stainless Steel Water Bottle 750 ml');
    const product = await h.db.knex('products').where({ sku: 'TM-BOTTLE-750' }).first('price');
    assert.equal(Number(product.price), 24.99);
    // The creation went through the catalog's change log.
    assert.ok((await h.db.knex('catalog_changes').where({ sku: 'TM-BOTTLE-750' })).length > 0);
  });
});
