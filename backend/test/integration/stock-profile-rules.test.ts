/**
 * Stock profiles assigned by rule, through the simulator: a rule profile (category Gear → cap 5) applies to the
 * listings whose product matches and to no other; by hand beats a rule; the lower priority wins; changing a rule
 * or moving a product out of the category (a catalog change) switches profiles and the simulator's quantities
 * follow after one drain. And Update quantity: Pending Qty Update until Amazon acknowledges the push.
 */
import assert from 'node:assert/strict';
import { ALL, cond, startListingsHarness, type ListingsHarness } from './listings-harness';

interface SimListing {
  sku: string;
  marketplaceId: string;
  attributes: Record<string, { quantity?: number }[]>;
}
interface Row {
  id: number;
  sku: string;
  pendingQtyUpdate: boolean;
  stockProfile: { id: number; name: string } | null;
  profileSource: string;
}

describe('stock profiles by rule, and Update quantity', function () {
  this.timeout(120_000);
  let h: ListingsHarness;
  let bottleId: number;
  let bowlId: number;
  let gearId: number;
  const profiles = () => `/api/stores/${h.storeId}/stock-profiles`;
  const simQty = async (sku: string) => {
    const state = await h.control<{ listings: SimListing[] | Record<string, SimListing[]> }>('GET', '/_simulator/state');
    const all = Array.isArray(state.listings) ? state.listings : Object.values(state.listings).flat();
    const l = all.find((x) => x.sku === sku && x.marketplaceId === 'ATVPDKIKX0DER');
    return l?.attributes.fulfillment_availability?.[0]?.quantity ?? null;
  };
  const quantities = async () => ({ BOTTLE: await simQty('BOTTLE'), BOWL: await simQty('BOWL') });
  const drain = () => h.app.listingsSync.drainStore(h.storeId);
  const ok = async <T = { id: number }>(res: Promise<{ statusCode: number; body: string; json<U = unknown>(): U }>) => {
    const r = await res;
    assert.ok(r.statusCode < 300, `${r.statusCode} ${r.body}`);
    return (r.statusCode === 204 ? null : r.json<T>()) as T;
  };
  const createProfile = (payload: Record<string, unknown>) => ok(h.api({ method: 'POST', url: profiles(), payload }));
  const updateProfile = (id: number, payload: Record<string, unknown>) => ok(h.api({ method: 'PUT', url: `${profiles()}/${id}`, payload }));
  const preview = (id: number) =>
    ok<{ matching: number; sample: { sku: string }[] }>(h.api({ method: 'GET', url: `${profiles()}/${id}/preview` }));
  const rows = async () => {
    const page = await ok<{ items: Row[] }>(h.api({ method: 'GET', url: `/api/stores/${h.storeId}/listings?tab=all&pageSize=50` }));
    return Object.fromEntries(page.items.map((r) => [r.sku, r]));
  };
  const detail = (id: number) =>
    ok<{ listing: Row; stockProfile: { name: string } | null; profileSource: string }>(
      h.api({ method: 'GET', url: `/api/stores/${h.storeId}/listings/${id}` }),
    );
  const inGear = ALL([cond('category', 'in', [0])]);
  /** Moves BOTTLE in or out of Gear the way the catalog would (row + change log, one transaction); no endpoint does it yet. */
  const bottleInGear = async (yes: boolean) => {
    await h.db.knex.transaction(async (trx) => {
      if (yes) await trx('product_categories').insert({ product_id: h.products.BOTTLE, category_id: gearId });
      else await trx('product_categories').where({ product_id: h.products.BOTTLE, category_id: gearId }).delete();
      await h.app.catalog.changes.record(trx, [{ sku: 'BOTTLE', kind: 'product', details: { categories: yes ? 'added' : 'removed' } }]);
    });
    await h.app.jobs.runNow('listings.catalog-changes');
  };
  /** Records which listings a write hands to the sync engine. */
  const handedOver = async (write: () => Promise<unknown>) => {
    const sync = h.app.listingsSync;
    const { setDesired, setDesiredMany } = sync;
    const ids: number[] = [];
    sync.setDesired = (trx, listingId, desired, options) => {
      ids.push(listingId);
      return setDesired(trx, listingId, desired, options);
    };
    sync.setDesiredMany = (trx, entries) => {
      ids.push(...entries.map((e) => e.listingId));
      return setDesiredMany(trx, entries);
    };
    try {
      await write();
    } finally {
      Object.assign(sync, { setDesired, setDesiredMany });
    }
    return ids;
  };

  before(async () => {
    h = await startListingsHarness();
    gearId = Number((await h.db.knex('categories').where({ name: 'Gear' }).first('id')).id);
    inGear.conditions[0] = cond('category', 'in', [gearId]);
    await h.db.knex('product_categories').insert({ product_id: h.products.BOTTLE, category_id: gearId });
    await h.saveRule(ALL([cond('product_type', 'in', ['simple']), cond('attribute', 'is_not_empty', undefined, 'ean')]));
    await h.app.jobs.runNow('listings.matching');
    bottleId = (await h.listingBySku('BOTTLE')).id;
    bowlId = (await h.listingBySku('BOWL')).id;
    await ok(h.api({ method: 'POST', url: `/api/stores/${h.storeId}/listings/${bowlId}/resolve`, payload: { asin: 'B0SIM00017' } }));
    for (const id of [bottleId, bowlId]) await ok(h.api({ method: 'POST', url: `/api/stores/${h.storeId}/listings/${id}/publish` }));
    await drain();
    assert.deepEqual(await quantities(), { BOTTLE: 10, BOWL: 10 });
  });
  after(async () => h?.close());

  let gear: { id: number };
  it('a rule profile applies to the listings whose product matches, and to no other', async () => {
    gear = await createProfile({ name: 'Gear', mode: 'cap', value: 5, conditions: inGear });
    await drain();
    assert.deepEqual(await quantities(), { BOTTLE: 5, BOWL: 10 });
    const r = await rows();
    assert.deepEqual(
      [r.BOTTLE!.stockProfile?.name, r.BOTTLE!.profileSource, r.BOWL!.stockProfile, r.BOWL!.profileSource],
      ['Gear', 'rule', null, 'built-in'],
    );
    const d = await detail(bottleId);
    assert.deepEqual([d.stockProfile?.name, d.profileSource], ['Gear', 'rule']);
    // BAG-1 (in Gear/Bags, a descendant) has a listing too, not on Amazon yet: the rule gives it Gear as well.
    const p = await preview(gear.id);
    assert.deepEqual([p.matching, p.sample.map((s) => s.sku).sort()], [2, ['BAG-1', 'BOTTLE']]);
    const listed = await ok<{ items: { name: string; conditions: unknown; priority: number }[] }>(
      h.api({ method: 'GET', url: profiles() }),
    );
    assert.deepEqual(
      listed.items.map((i) => [i.name, i.priority, i.conditions !== null]),
      [['Gear', 100, true]],
    );
  });

  it('the lower priority wins; only the listings whose profile changes are recomputed', async () => {
    const every = await createProfile({ name: 'Everything', mode: 'cap', value: 3, priority: 50, conditions: ALL() });
    await drain();
    assert.deepEqual(await quantities(), { BOTTLE: 3, BOWL: 3 });
    const touched = await handedOver(() => updateProfile(every.id, { name: 'Everything', priority: 200 }));
    assert.deepEqual(touched, [bottleId], 'BOWL follows Everything either way');
    await drain();
    assert.deepEqual(await quantities(), { BOTTLE: 5, BOWL: 3 });
    const all = Number((await h.db.knex('listings').where({ store_id: h.storeId }).count({ n: '*' }))[0]!.n);
    assert.deepEqual([(await preview(gear.id)).matching, (await preview(every.id)).matching], [2, all - 2]);
    await ok(h.api({ method: 'DELETE', url: `${profiles()}/${every.id}` }));
    await drain();
    assert.deepEqual(await quantities(), { BOTTLE: 5, BOWL: 10 });
  });

  it('a profile assigned by hand wins over a rule', async () => {
    const hand = await createProfile({ name: 'Hand', mode: 'custom', value: 7 });
    await ok(h.api({ method: 'POST', url: `${profiles()}/assign`, payload: { profileId: hand.id, listingIds: [bottleId] } }));
    await drain();
    assert.equal(await simQty('BOTTLE'), 7);
    assert.equal((await detail(bottleId)).profileSource, 'hand');
    assert.deepEqual(
      (await preview(gear.id)).sample.map((s) => s.sku),
      ['BAG-1'],
      'the rule no longer gives it BOTTLE',
    );
    await ok(h.api({ method: 'POST', url: `${profiles()}/assign`, payload: { profileId: null, listingIds: [bottleId] } }));
    await drain();
    assert.equal(await simQty('BOTTLE'), 5, 'back to the rule');
  });

  it('changing the rule recomputes: profiles switched, and Pending Qty Update until the sync drains', async () => {
    await updateProfile(gear.id, { name: 'Gear', conditions: ALL([cond('price', 'lt', 15)]) });
    const r = await rows();
    assert.deepEqual([r.BOTTLE!.pendingQtyUpdate, r.BOWL!.pendingQtyUpdate], [true, true], 'both quantities move');
    await drain();
    assert.deepEqual(await quantities(), { BOTTLE: 10, BOWL: 5 });
    const after = await rows();
    assert.deepEqual(
      [after.BOTTLE!.profileSource, after.BOWL!.stockProfile?.name, after.BOWL!.pendingQtyUpdate],
      ['built-in', 'Gear', false],
    );
    await updateProfile(gear.id, { name: 'Gear', conditions: inGear });
    await drain();
    assert.deepEqual(await quantities(), { BOTTLE: 5, BOWL: 10 });
  });

  it('a product moved out of the category (catalog change) falls back to the store default, and back', async () => {
    const def = await createProfile({ name: 'Default 8', mode: 'custom', value: 8 });
    await ok(h.api({ method: 'PUT', url: `${profiles()}/default`, payload: { profileId: def.id } }));
    await drain();
    assert.deepEqual(await quantities(), { BOTTLE: 5, BOWL: 8 });
    await bottleInGear(false);
    await drain();
    assert.equal(await simQty('BOTTLE'), 8);
    assert.deepEqual([(await detail(bottleId)).profileSource, (await detail(bottleId)).stockProfile?.name], ['default', 'Default 8']);
    await bottleInGear(true);
    await drain();
    assert.equal(await simQty('BOTTLE'), 5);
  });

  it('refuses a bad conditions tree or priority with the field named', async () => {
    let res = await h.api({
      method: 'POST',
      url: profiles(),
      payload: { name: 'Bad', conditions: ALL([cond('category', 'in', [999999])]) },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.details.fields[0].field, 'body.conditions.conditions[0].value');
    res = await h.api({
      method: 'PUT',
      url: `${profiles()}/${gear.id}`,
      payload: { name: 'Gear', conditions: ALL([cond('price', 'in')]) },
    });
    assert.equal(res.json().error.details.fields[0].field, 'body.conditions.conditions[0].operator');
    res = await h.api({ method: 'POST', url: profiles(), payload: { name: 'Bad', priority: -1 } });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.details.fields[0].field, 'body.priority');
    res = await h.api({ method: 'GET', url: `${profiles()}/999999/preview` });
    assert.equal(res.statusCode, 404);
  });

  it('Update quantity: sends the quantity again after drift, Pending Qty Update until Amazon acknowledges it', async () => {
    // An Amazon sale (the shopper) lowers Amazon's count; the catalog did not move, so nothing would be sent.
    await h
      .control('POST', '/_simulator/shopper/orders', {
        sellerId: 'A2SIMOUTDOOR01',
        marketplaceId: 'ATVPDKIKX0DER',
        sku: 'BOTTLE',
        quantity: 2,
      })
      .catch((err: Error) => {
        if (!/→ 201 /.test(err.message)) throw err;
      });
    assert.equal(await simQty('BOTTLE'), 3);
    assert.equal((await rows()).BOTTLE!.pendingQtyUpdate, false);
    const nope = (await h.listingBySku('NOPE')).id;
    const result = await ok<{ done: number[]; skipped: { id: number; reason: string }[] }>(
      h.api({
        method: 'POST',
        url: `/api/stores/${h.storeId}/listings/mass-action`,
        payload: { action: 'update_quantity', listingIds: [bottleId, nope] },
      }),
    );
    assert.deepEqual(result.done, [bottleId]);
    assert.deepEqual(
      result.skipped.map((s) => s.id),
      [nope],
    );
    assert.match(result.skipped[0]!.reason, /not offered on Amazon/);
    const r = await rows();
    assert.deepEqual([r.BOTTLE!.pendingQtyUpdate, r.BOWL!.pendingQtyUpdate], [true, false]);
    assert.equal((await detail(bottleId)).listing.pendingQtyUpdate, true);
    await drain();
    assert.equal(await simQty('BOTTLE'), 5, 'Amazon holds the profile’s quantity again');
    assert.equal((await rows()).BOTTLE!.pendingQtyUpdate, false);
    assert.equal((await detail(bottleId)).listing.pendingQtyUpdate, false);
    const activity = await h.db.knex('listing_activity').where({ listing_id: bottleId, kind: 'update_quantity' });
    assert.equal(activity.length, 1);
    assert.match(String(activity[0].summary), /sending quantity 5/);
    const audit = await h.db.knex('audit_log').where({ action: 'listing.update_quantity', entity_id: String(bottleId) });
    assert.equal(audit.length, 1);
  });
});
