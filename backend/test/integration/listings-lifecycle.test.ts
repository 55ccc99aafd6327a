/**
 * Matching on the simulator's catalog (single, multiple, none, variation parent, restricted, missing
 * condition), resolving, and the lifecycle through the sync engine: publish → Active, override price →
 * the simulator's offer changes, end → Manually Ended, publish again, delete; catalog changes reach the
 * listings through the change log.
 */
import assert from 'node:assert/strict';
import { ALL, cond, startListingsHarness, type ListingsHarness } from './listings-harness';

interface SimListing {
  sku: string;
  marketplaceId: string;
  attributes: Record<string, { value?: unknown; our_price?: { schedule: { value_with_tax: string }[] }[]; quantity?: number }[]>;
}

describe('listings: matching and lifecycle', function () {
  this.timeout(120_000);
  let h: ListingsHarness;
  const url = (path = '') => `/api/stores/${h.storeId}/listings${path}`;
  const match = () => h.app.jobs.runNow('listings.matching');
  const drain = async () => {
    assert.ok(h.app.hasDecorator('listingsSync'), 'the sync engine is registered');
    return h.app.listingsSync.drainStore(h.storeId);
  };
  const simListing = async (sku: string) => {
    const state = await h.control<{ listings: SimListing[] | Record<string, SimListing[]> }>('GET', '/_simulator/state');
    const all = Array.isArray(state.listings) ? state.listings : Object.values(state.listings).flat();
    return all.find((l) => l.sku === sku && l.marketplaceId === 'ATVPDKIKX0DER') ?? null;
  };
  const priceOf = (l: SimListing | null) => {
    const v = l?.attributes.purchasable_offer?.[0]?.our_price?.[0]?.schedule[0]?.value_with_tax;
    return v === undefined ? null : Number(v).toFixed(2);
  };
  const post = (path: string, payload?: Record<string, unknown>) =>
    h.api({ method: 'POST', url: url(path), ...(payload !== undefined ? { payload } : {}) });

  before(async () => {
    h = await startListingsHarness();
    const any = {
      kind: 'combine',
      aggregator: 'any',
      value: true,
      conditions: [cond('attribute', 'is_not_empty', undefined, 'ean'), cond('attribute', 'is_not_empty', undefined, 'amazon_asin')],
    };
    const r = await h.saveRule(ALL([cond('product_type', 'in', ['simple']), any]));
    assert.equal(r.created, 6); // BAG-1, BOTTLE, BOWL, NOPE, SHIRT, SPRAY
    await match();
  });
  after(async () => h?.close());

  it('matches each product against the simulator catalog', async () => {
    const bottle = await h.listingBySku('BOTTLE');
    assert.deepEqual([bottle.status, bottle.asin], ['ready_to_list', 'B0SIM00001']);
    const bowl = await h.listingBySku('BOWL');
    assert.equal(bowl.status, 'multiple_matches');
    const detail = (await h.api({ method: 'GET', url: url(`/${bowl.id}`) })).json<{
      candidates: { asin: string }[];
      activity: { kind: string }[];
    }>();
    assert.deepEqual(detail.candidates.map((c) => c.asin).sort(), ['B0SIM00017', 'B0SIM00018']);
    assert.ok(detail.activity.some((a) => a.kind === 'match_multiple'));
    assert.equal((await h.listingBySku('NOPE')).status, 'unable_to_assign');
    assert.match(String((await h.listingBySku('NOPE')).status_reason), /No Amazon product found for EAN \(ean\) 4000000000006/);
    const shirt = await h.listingBySku('SHIRT');
    assert.equal(shirt.status, 'has_variants');
    assert.match(String(shirt.status_reason), /variation family B0SIM00022/);
    const spray = await h.listingBySku('SPRAY');
    assert.equal(spray.status, 'unable_to_assign');
    assert.match(String(spray.status_reason), /approval/);
    const counts = (await h.api({ method: 'GET', url: url('/counts') })).json<Record<string, number>>();
    assert.equal(counts.ready_to_list, 1);
    assert.equal(counts.incomplete, 5);
    const page = (await h.api({ method: 'GET', url: `${url()}?tab=incomplete&pageSize=2&sort=sku` })).json<{
      total: number;
      items: { sku: string }[];
    }>();
    assert.equal(page.total, 5);
    assert.deepEqual(
      page.items.map((i) => i.sku),
      ['BAG-1', 'BOWL'],
    );
  });

  it('resolves Multiple Matches by picking one; refuses an ASIN Amazon does not have', async () => {
    const bowl = await h.listingBySku('BOWL');
    const bad = await post(`/${bowl.id}/resolve`, { asin: 'B0SIM99999' });
    assert.equal(bad.statusCode, 400);
    const res = await post(`/${bowl.id}/resolve`, { asin: 'B0SIM00018' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().status, res.json().asin], ['ready_to_list', 'B0SIM00018']);
  });

  it('Missing Condition when the condition attribute has no mapped value; set one to resolve', async () => {
    let res = await h.api({
      method: 'PATCH',
      url: `/api/stores/${h.storeId}/listing-settings`,
      payload: { condition: { mode: 'attribute', attribute: 'color', valueMap: { Red: 'used_good' } } },
    });
    assert.equal(res.statusCode, 200, res.body);
    const bowl = await h.listingBySku('BOWL');
    assert.equal((await post(`/${bowl.id}/rematch`)).statusCode, 200);
    await match();
    assert.equal((await h.listingBySku('BOWL')).status, 'multiple_matches'); // rematch forgot the pick; still 2 ASINs
    const bottle = await h.listingBySku('BOTTLE');
    await post(`/${bottle.id}/rematch`);
    await match();
    assert.equal((await h.listingBySku('BOTTLE')).status, 'missing_condition');
    res = await post(`/${bottle.id}/resolve`, { condition: 'new_new' });
    assert.equal(res.json().status, 'ready_to_list');
    res = await h.api({
      method: 'PATCH',
      url: `/api/stores/${h.storeId}/listing-settings`,
      payload: { condition: { mode: 'single', value: 'new_new', attribute: null, valueMap: {}, note: null } },
    });
    assert.equal(res.statusCode, 200, res.body);
  });

  it('publish → List In Progress → Active on the simulator, with the computed price and quantity', async () => {
    const bottle = await h.listingBySku('BOTTLE');
    const res = await post(`/${bottle.id}/publish`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'list_in_progress');
    const card = async () => (await h.api({ method: 'GET', url: `/api/stores/${h.storeId}` })).json().listingCounts;
    const before = await card();
    assert.ok(before.inProgress >= 1, 'the store card counts the listing in progress');
    await drain();
    assert.equal((await h.listingBySku('BOTTLE')).status, 'active');
    const after = await card();
    assert.deepEqual([after.active, after.inProgress], [before.active + 1, before.inProgress - 1], 'the store card counts it Active');
    const sim = await simListing('BOTTLE');
    assert.equal(priceOf(sim), '19.99');
    assert.equal(sim?.attributes.fulfillment_availability?.[0]?.quantity, 10);
    // Publishing a listing with an unresolved match is refused with the reason.
    const nope = await h.listingBySku('NOPE');
    const refused = await post(`/${nope.id}/publish`);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.json().error.message, /resolve the match/);
  });

  it('a price override changes the offer on the simulator; removing it goes back to the computed price', async () => {
    const bottle = await h.listingBySku('BOTTLE');
    let res = await h.api({ method: 'PATCH', url: url(`/${bottle.id}/overrides`), payload: { price: '17.50', handlingTimeDays: 5 } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().hasOverrides, true);
    await drain();
    assert.equal(priceOf(await simListing('BOTTLE')), '17.50');
    const overrides = (await h.api({ method: 'GET', url: `${url()}?tab=overrides` })).json<{ items: { sku: string }[] }>();
    assert.deepEqual(
      overrides.items.map((i) => i.sku),
      ['BOTTLE'],
    );
    res = await h.api({ method: 'PATCH', url: url(`/${bottle.id}/overrides`), payload: { price: null, handlingTimeDays: null } });
    // The condition set while resolving Missing Condition stays an override.
    assert.deepEqual(res.json().overrides, { price: null, handlingTimeDays: null, condition: 'new_new', conditionNote: null });
    await drain();
    assert.equal(priceOf(await simListing('BOTTLE')), '19.99');
  });

  it('a catalog price and stock change reach the offer through the change log', async () => {
    const bottle = await h.listingBySku('BOTTLE');
    const patch = await h.api({ method: 'PATCH', url: `/api/catalog/products/${h.products.BOTTLE}`, payload: { price: 21 } });
    assert.equal(patch.statusCode, 200, patch.body);
    await h.api({
      method: 'PUT',
      url: `/api/catalog/products/${h.products.BOTTLE}/source-items/wh_a`,
      payload: { quantity: 4, inStock: true },
    });
    await h.app.jobs.runNow('listings.catalog-changes');
    const state = await h.app.listingsSync.state([bottle.id]);
    assert.equal(state.get(bottle.id)?.pending, true);
    assert.equal(state.get(bottle.id)?.desired?.price, '21.00');
    assert.equal(state.get(bottle.id)?.desired?.quantity, 4);
    await drain();
    assert.equal(priceOf(await simListing('BOTTLE')), '21.00');
    // A second run finds nothing new (the cursor moved).
    const again = await h.app.jobs.runNow('listings.catalog-changes');
    assert.deepEqual(again.ran && again.summary, { changes: 0, listings: 0, created: 0, ineligible: 0 });
  });

  it('end → Manually Ended (quantity 0); publish again → Active', async () => {
    const bottle = await h.listingBySku('BOTTLE');
    const res = await post(`/${bottle.id}/end`);
    assert.equal(res.json().status, 'ending_in_progress');
    await drain();
    assert.equal((await h.listingBySku('BOTTLE')).status, 'ended');
    assert.equal((await simListing('BOTTLE'))?.attributes.fulfillment_availability?.[0]?.quantity, 0);
    assert.equal((await post(`/${bottle.id}/publish`)).json().status, 'list_in_progress');
    await drain();
    assert.equal((await h.listingBySku('BOTTLE')).status, 'active');
    assert.equal((await simListing('BOTTLE'))?.attributes.fulfillment_availability?.[0]?.quantity, 4);
  });

  it('delete needs confirmation, removes the listing from Amazon and then the row', async () => {
    const bottle = await h.listingBySku('BOTTLE');
    assert.equal((await post(`/${bottle.id}/delete`, {})).statusCode, 400);
    const res = await post(`/${bottle.id}/delete`, { confirm: true });
    assert.deepEqual(res.json(), { removed: false });
    assert.equal((await h.listingBySku('BOTTLE')).status, 'deleting');
    await drain();
    await assert.rejects(h.listingBySku('BOTTLE'), /no listing/);
    assert.equal(await simListing('BOTTLE'), null);
    // A listing that never reached Amazon goes at once.
    const nope = await h.listingBySku('NOPE');
    assert.deepEqual((await post(`/${nope.id}/delete`, { confirm: true })).json(), { removed: true });
  });

  it('mass actions report what was skipped and why', async () => {
    const ids = [(await h.listingBySku('SHIRT')).id, (await h.listingBySku('SPRAY')).id];
    const res = await post('/mass-action', { action: 'rematch', listingIds: ids });
    assert.deepEqual(res.json().done.sort(), [...ids].sort());
    const pub = await post('/mass-action', { action: 'publish', listingIds: ids });
    assert.equal(pub.json().skipped.length, 2);
  });
});
