/**
 * Stock sync through the simulator: a catalog quantity change (source item, reservation, stock settings, a
 * source switched off) reaches the simulator's offer quantity after the change consumer and one drain;
 * stock profiles (each mode, default, by-hand assignment, chosen sources, placeholder, no quantity) recompute
 * the listings they affect; a manual quantity survives catalog changes.
 */
import assert from 'node:assert/strict';
import { ALL, cond, startListingsHarness, type ListingsHarness } from './listings-harness';

interface SimListing {
  sku: string;
  marketplaceId: string;
  attributes: Record<string, { quantity?: number }[]>;
}

describe('stock sync: quantity policies through the simulator', function () {
  this.timeout(120_000);
  let h: ListingsHarness;
  let bottleId: number;
  let stockId: number;
  const profiles = () => `/api/stores/${h.storeId}/stock-profiles`;
  const simQty = async (sku: string) => {
    const state = await h.control<{ listings: SimListing[] | Record<string, SimListing[]> }>('GET', '/_simulator/state');
    const all = Array.isArray(state.listings) ? state.listings : Object.values(state.listings).flat();
    const l = all.find((x) => x.sku === sku && x.marketplaceId === 'ATVPDKIKX0DER');
    return l?.attributes.fulfillment_availability?.[0]?.quantity ?? null;
  };
  /** The change consumer, then one sync pass. */
  const sync = async () => {
    await h.app.jobs.runNow('listings.catalog-changes');
    await h.app.listingsSync.drainStore(h.storeId);
  };
  const ok = async (res: Promise<{ statusCode: number; body: string; json<T = unknown>(): T }>) => {
    const r = await res;
    assert.ok(r.statusCode < 300, `${r.statusCode} ${r.body}`);
    return r.statusCode === 204 ? null : r.json<{ id: number }>();
  };
  const setSource = (code: string, quantity: number, inStock = true) =>
    ok(h.api({ method: 'PUT', url: `/api/catalog/products/${h.products.BOTTLE}/source-items/${code}`, payload: { quantity, inStock } }));
  const createProfile = (payload: Record<string, unknown>) => ok(h.api({ method: 'POST', url: profiles(), payload }));
  const updateProfile = (id: number, payload: Record<string, unknown>) => ok(h.api({ method: 'PUT', url: `${profiles()}/${id}`, payload }));
  const assign = (profileId: number | null) =>
    ok(h.api({ method: 'POST', url: `${profiles()}/assign`, payload: { profileId, listingIds: [bottleId] } }));
  const setDefault = (profileId: number | null) => ok(h.api({ method: 'PUT', url: `${profiles()}/default`, payload: { profileId } }));
  /** The simulator's shopper buys; it answers 201 Created, which the harness's control() (200 only) reports as an error. */
  const buy = (sku: string, quantity: number) =>
    h.control('POST', '/_simulator/shopper/orders', { sellerId: 'A2SIMOUTDOOR01', marketplaceId: 'ATVPDKIKX0DER', sku, quantity }).then(
      () => undefined,
      (err: Error) => {
        if (!/→ 201 /.test(err.message)) throw err;
      },
    );
  const quantitySteps = async () =>
    (await h.api({ method: 'GET', url: `/api/stores/${h.storeId}/listings/${bottleId}` })).json<{
      quantity: { step: string; note: string }[];
    }>().quantity;

  before(async () => {
    h = await startListingsHarness();
    const r = await h.saveRule(ALL([cond('product_type', 'in', ['simple']), cond('attribute', 'is_not_empty', undefined, 'ean')]));
    assert.ok(r.created >= 1);
    await h.app.jobs.runNow('listings.matching');
    const bottle = await h.listingBySku('BOTTLE');
    bottleId = bottle.id;
    assert.equal(bottle.status, 'ready_to_list');
    await ok(h.api({ method: 'POST', url: `/api/stores/${h.storeId}/listings/${bottleId}/publish` }));
    await h.app.listingsSync.drainStore(h.storeId);
    assert.equal(await simQty('BOTTLE'), 10);
    const website = await h.db.knex('websites').where({ code: 'base' }).first('id');
    stockId = Number((await h.db.knex('stock_websites').where({ website_id: website.id }).first('stock_id')).stock_id);
  });
  after(async () => h?.close());

  it('a source quantity change and a reservation reach the simulator after one drain', async () => {
    await setSource('wh_a', 4);
    await sync();
    assert.equal(await simQty('BOTTLE'), 4);
    await ok(
      h.api({ method: 'POST', url: '/api/catalog/reservations', payload: { sku: 'BOTTLE', stockId, quantity: -1, reason: 'order' } }),
    );
    await setSource('wh_a', 10);
    await sync();
    assert.equal(await simQty('BOTTLE'), 9, '10 on wh_a − 1 reserved');
  });

  it('each mode through a profile assigned by hand; changing the profile recomputes at once', async () => {
    const p = (await createProfile({ name: 'Capped', mode: 'cap', value: 2 }))!;
    await assign(p.id);
    await h.app.listingsSync.drainStore(h.storeId);
    assert.equal(await simQty('BOTTLE'), 2, 'not more than 2');
    const cases: [Record<string, unknown>, number][] = [
      [{ mode: 'custom', value: 7 }, 7],
      [{ mode: 'percentage', value: 50 }, 4],
      [{ mode: 'single' }, 1],
      [{ mode: 'product', maxQty: 5 }, 5],
      [{ mode: 'product', maxQty: null }, 9],
    ];
    for (const [policy, expected] of cases) {
      await updateProfile(p.id, { name: 'Capped', ...policy });
      await h.app.listingsSync.drainStore(h.storeId);
      assert.equal(await simQty('BOTTLE'), expected, JSON.stringify(policy));
    }
    const steps = await quantitySteps();
    assert.deepEqual(
      steps.map((s) => s.step),
      ['source', 'clamp'],
    );
  });

  it('switching profiles: the store default applies once the listing is unassigned, and back', async () => {
    const five = (await createProfile({ name: 'Five', mode: 'custom', value: 5 }))!;
    await setDefault(five.id);
    await h.app.listingsSync.drainStore(h.storeId);
    assert.equal(await simQty('BOTTLE'), 9, 'still follows its own profile');
    await assign(null);
    await h.app.listingsSync.drainStore(h.storeId);
    assert.equal(await simQty('BOTTLE'), 5, 'follows the default now');
    await setDefault(null);
    await h.app.listingsSync.drainStore(h.storeId);
    assert.equal(await simQty('BOTTLE'), 9, 'built-in product value');
    const list = (await h.api({ method: 'GET', url: profiles() })).json<{ defaultProfileId: number | null; items: { name: string }[] }>();
    assert.deepEqual([list.defaultProfileId, list.items.map((i) => i.name)], [null, ['Capped', 'Five']]);
  });

  it('chosen sources only; a source switched off moves every sku stocked there', async () => {
    await setSource('wh_b', 3);
    await sync();
    assert.equal(await simQty('BOTTLE'), 12, 'website stock: 10 + 3 − 1');
    const wb = (await createProfile({ name: 'Warehouse B', sources: ['wh_b'] }))!;
    await assign(wb.id);
    await h.app.listingsSync.drainStore(h.storeId);
    assert.equal(await simQty('BOTTLE'), 3, 'wh_b only (raw source quantity)');
    await assign(null);
    await h.app.listingsSync.drainStore(h.storeId);
    assert.equal(await simQty('BOTTLE'), 12);
    // The catalog has no endpoint to switch a source off yet: do what it will do (row + change log, one transaction).
    await h.db.knex.transaction(async (trx) => {
      await trx('sources').where({ code: 'wh_b' }).update({ enabled: 0 });
      await h.app.catalog.changes.record(trx, [
        { sku: '', kind: 'source', details: { sourceCode: 'wh_b', enabled: { old: true, new: false } } },
      ]);
    });
    await sync();
    assert.equal(await simQty('BOTTLE'), 9, 'wh_b no longer counts');
  });

  it('stock not managed: the placeholder (100, or the profile’s), back to the real quantity when managed again', async () => {
    const settings = (payload: Record<string, unknown>) =>
      ok(h.api({ method: 'PATCH', url: `/api/catalog/products/${h.products.BOTTLE}/stock-settings`, payload }));
    await settings({ manageStock: false });
    await sync();
    assert.equal(await simQty('BOTTLE'), 100);
    // An Amazon sale lowers the placeholder; the 10-minute job re-asserts it (the catalog did not move).
    await buy('BOTTLE', 2);
    assert.equal(await simQty('BOTTLE'), 98);
    const refresh = await h.app.jobs.runNow('inventory.placeholder-refresh');
    assert.deepEqual(refresh.ran && refresh.summary, { stores: 1, requeued: 1 });
    await h.app.listingsSync.drainStore(h.storeId);
    assert.equal(await simQty('BOTTLE'), 100, 'placeholder re-asserted');
    const ph = (await createProfile({ name: 'Placeholder 30', placeholderQty: 30 }))!;
    await setDefault(ph.id);
    await h.app.listingsSync.drainStore(h.storeId);
    assert.equal(await simQty('BOTTLE'), 30);
    await settings({ manageStock: true, backorders: 'allow' });
    await sync();
    assert.equal(await simQty('BOTTLE'), 30, 'backorders allowed: the placeholder too');
    await settings({ backorders: 'no' });
    await sync();
    assert.equal(await simQty('BOTTLE'), 9);
  });

  it('a manual quantity is Amazon-only: catalog changes do not move it', async () => {
    const overrides = (manualQuantity: number | null) =>
      ok(h.api({ method: 'PATCH', url: `/api/stores/${h.storeId}/listings/${bottleId}/overrides`, payload: { manualQuantity } }));
    await overrides(6);
    await h.app.listingsSync.drainStore(h.storeId);
    assert.equal(await simQty('BOTTLE'), 6);
    await setSource('wh_a', 50);
    await sync();
    assert.equal(await simQty('BOTTLE'), 6, 'the catalog change did not touch the manual count');
    await overrides(null);
    await h.app.listingsSync.drainStore(h.storeId);
    assert.equal(await simQty('BOTTLE'), 49);
  });

  it('a product with no quantity at all is never sent empty: skipped or listed as 0, with a warning', async () => {
    const prof = (await h.api({ method: 'GET', url: profiles() })).json<{ items: { id: number; name: string }[] }>().items;
    const ph = prof.find((p) => p.name === 'Placeholder 30')!;
    await updateProfile(ph.id, { name: 'Placeholder 30', noQuantity: 'skip' });
    // No endpoint removes a source item: remove BOTTLE's the way the catalog would (row + change log).
    await h.db.knex.transaction(async (trx) => {
      await trx('source_items').where({ sku: 'BOTTLE' }).delete();
      await h.app.catalog.changes.record(trx, [{ sku: 'BOTTLE', kind: 'stock', details: { removed: true } }]);
    });
    await sync();
    assert.equal(await simQty('BOTTLE'), 49, 'skipped: Amazon keeps what it has');
    const steps = await quantitySteps();
    assert.ok(
      steps.some((s) => s.step === 'no_quantity' && /no quantity/.test(s.note)),
      JSON.stringify(steps),
    );
    await updateProfile(ph.id, { name: 'Placeholder 30', noQuantity: 'zero' });
    await h.app.listingsSync.drainStore(h.storeId);
    assert.equal(await simQty('BOTTLE'), 0, 'listed as 0');
  });

  it('refuses bad profiles with the field named, and a second profile of the same name', async () => {
    let res = await h.api({ method: 'POST', url: profiles(), payload: { name: 'Bad', mode: 'percentage', value: 150 } });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.details.fields[0].field, 'body.value');
    res = await h.api({ method: 'POST', url: profiles(), payload: { name: 'Bad', sources: ['nowhere'] } });
    assert.equal(res.json().error.details.fields[0].field, 'body.sources');
    res = await h.api({ method: 'POST', url: profiles(), payload: { name: 'Five' } });
    assert.equal(res.statusCode, 409);
    res = await h.api({ method: 'POST', url: `${profiles()}/assign`, payload: { profileId: null, listingIds: [999999] } });
    assert.equal(res.json().error.details.fields[0].field, 'body.listingIds');
    const audit = await h.db.knex('audit_log').where('action', 'like', 'stock_profile.%').count({ n: '*' });
    assert.ok(Number(audit[0]!.n) >= 10, 'every profile write is audited');
  });
});
