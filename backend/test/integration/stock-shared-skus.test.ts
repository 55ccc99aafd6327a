/**
 * Shared SKUs: two stores of one seller in one region (US and CA, both North America) listing the same seller
 * SKU agree on one desired quantity — the lower store's — whatever their own stock profiles say; a profile
 * change in the leading store and a catalog change reach both.
 */
import assert from 'node:assert/strict';
import { ALL, cond, startListingsHarness, type ListingsHarness } from './listings-harness';
import { OUTDOOR } from './stores-harness';

describe('stock sync: shared seller SKUs across stores of one seller and region', function () {
  this.timeout(120_000);
  let h: ListingsHarness;
  let caStoreId: number;
  let usBottle: number;
  let caBottle: number;
  const rule = ALL([cond('product_type', 'in', ['simple']), cond('attribute', 'is_not_empty', undefined, 'ean')]);
  const ok = async (res: Promise<{ statusCode: number; body: string; json<T = unknown>(): T }>) => {
    const r = await res;
    assert.ok(r.statusCode < 300, `${r.statusCode} ${r.body}`);
    return r.json<{ id: number }>();
  };
  const desiredQty = async (id: number) => (await h.app.listingsSync.state([id])).get(id)?.desired?.quantity;
  const drainBoth = async () => {
    await h.app.listingsSync.drainStore(h.storeId);
    await h.app.listingsSync.drainStore(caStoreId);
  };

  before(async () => {
    h = await startListingsHarness();
    await h.saveRule(rule);
    const ca = await h.createStore({ name: 'Outdoor CA', country: 'CA' });
    caStoreId = ca.id;
    const connected = await h.connect(ca.id, OUTDOOR);
    assert.ok(connected.statusCode < 400, connected.body);
    await ok(
      h.api({
        method: 'PATCH',
        url: `/api/stores/${caStoreId}/listing-settings`,
        payload: { identifierOrder: [{ type: 'ean', attribute: 'ean' }], listAutomatically: false },
      }),
    );
    await ok(h.api({ method: 'PUT', url: `/api/stores/${caStoreId}/listing-rule`, payload: { conditions: rule } }));
    await h.app.jobs.runNow('listings.matching');
    usBottle = (await h.listingBySku('BOTTLE')).id;
    const row = await h.db.knex('listings').where({ store_id: caStoreId, sku: 'BOTTLE' }).first();
    caBottle = Number(row.id);
    assert.equal(row.status, 'ready_to_list', 'matched on the CA marketplace too');
    for (const [storeId, id] of [
      [h.storeId, usBottle],
      [caStoreId, caBottle],
    ])
      await ok(h.api({ method: 'POST', url: `/api/stores/${storeId}/listings/${id}/publish` }));
    await drainBoth();
  });
  after(async () => h?.close());

  it("the later store takes the leading store's quantity, not its own profile's", async () => {
    assert.equal(await desiredQty(usBottle), 10);
    const three = await ok(
      h.api({ method: 'POST', url: `/api/stores/${caStoreId}/stock-profiles`, payload: { name: 'Three', mode: 'custom', value: 3 } }),
    );
    await ok(h.api({ method: 'PUT', url: `/api/stores/${caStoreId}/stock-profiles/default`, payload: { profileId: three.id } }));
    assert.equal(await desiredQty(caBottle), 10, 'one desired value for the shared seller SKU');
    const detail = (await h.api({ method: 'GET', url: `/api/stores/${caStoreId}/listings/${caBottle}` })).json<{
      quantity: { step: string }[];
    }>();
    assert.ok(
      detail.quantity.some((s) => s.step === 'shared_sku'),
      JSON.stringify(detail.quantity),
    );
  });

  it("a profile change in the leading store and a catalog change reach both stores' listings", async () => {
    const cap = await ok(
      h.api({ method: 'POST', url: `/api/stores/${h.storeId}/stock-profiles`, payload: { name: 'Cap 4', mode: 'cap', value: 4 } }),
    );
    await ok(
      h.api({
        method: 'POST',
        url: `/api/stores/${h.storeId}/stock-profiles/assign`,
        payload: { profileId: cap.id, listingIds: [usBottle] },
      }),
    );
    assert.deepEqual([await desiredQty(usBottle), await desiredQty(caBottle)], [4, 4]);
    await ok(
      h.api({
        method: 'PUT',
        url: `/api/catalog/products/${h.products.BOTTLE}/source-items/wh_a`,
        payload: { quantity: 2, inStock: true },
      }),
    );
    await h.app.jobs.runNow('listings.catalog-changes');
    assert.deepEqual([await desiredQty(usBottle), await desiredQty(caBottle)], [2, 2]);
    await drainBoth();
    const state = await h.app.listingsSync.state([usBottle, caBottle]);
    assert.deepEqual(
      [state.get(usBottle)?.acknowledged?.quantity, state.get(caBottle)?.acknowledged?.quantity],
      [2, 2],
      'Amazon acknowledged the same quantity in both marketplaces',
    );
  });
});
