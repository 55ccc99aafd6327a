/**
 * The demo world end to end: the demo catalog (fixtures/demo-catalog, as seeded on first start) and the local
 * Amazon's default scenario share identifiers, so a store of the demo seller in the US with the identifier
 * search order EAN, UPC, ASIN and the rule "Status is Enabled" gets most demo products to Active — through
 * matching, the validation preview and the sync engine's feeds — while the products the generator picked
 * (scripts/demo-amazon-world.ts) land in Multiple Matches Found and Unable to Assign (not found, restricted,
 * no identifier), and the configurables are listed as variation families.
 */
import assert from 'node:assert/strict';
import { seedDemoCatalog } from '../../src/catalog/import/index';
import { demoAmazonWorld, type DemoRecord } from '../../../scripts/demo-amazon-world';
import { DEMO_OPTIONS, generateCatalog } from '../../../scripts/generate-demo-catalog';
import { OUTDOOR, startStoresHarness, type StoresHarness } from './stores-harness';

/** What the generator decided for each product (the same records the fixtures were written from). */
function expectedOutcomes() {
  const records = [...generateCatalog(DEMO_OPTIONS).products] as DemoRecord[];
  return demoAmazonWorld(records).outcomes;
}

describe('demo world: the demo catalog listed on the local Amazon', function () {
  this.timeout(600_000);
  let h: StoresHarness;
  let storeId = 0;
  const statuses = new Map<string, { status: string; reason: string | null; asin: string | null; isParent: boolean }>();
  const expected = expectedOutcomes();

  before(async () => {
    h = await startStoresHarness({ seed: (knex) => seedDemoCatalog(knex, () => undefined) });
    const api = h.as(h.admin);
    storeId = (await h.createStore({ productIdType: 'ean', productIdAttribute: 'ean' })).id;
    const connected = await h.connect(storeId, OUTDOOR);
    assert.ok(connected.statusCode < 400, connected.body);
    const settings = await api({
      method: 'PATCH',
      url: `/api/stores/${storeId}/listing-settings`,
      payload: {
        identifierOrder: [
          { type: 'ean', attribute: 'ean' },
          { type: 'upc', attribute: 'upc' },
          { type: 'asin', attribute: 'asin' },
        ],
      },
    });
    assert.equal(settings.statusCode, 200, settings.body);
    const rule = {
      kind: 'combine',
      aggregator: 'all',
      value: true,
      conditions: [{ kind: 'condition', field: 'status', operator: 'eq', value: 'enabled' }],
    };
    const saved = await api({ method: 'PUT', url: `/api/stores/${storeId}/listing-rule`, payload: { conditions: rule } });
    assert.equal(saved.statusCode, 202, saved.body);
    assert.equal(saved.json<{ status: string }>().status, 'done', 'a few hundred products apply inside the request');

    const count = async (status: string) =>
      Number((await h.db.knex('listings').where({ store_id: storeId, status }).count({ n: '*' }).first())?.n);
    for (let pass = 0; pass < 10 && (await count('validating_asin')) > 0; pass++) await h.app.jobs.runNow('listings.matching');
    assert.equal(await count('validating_asin'), 0, 'every listing was matched');
    // Many listings go as JSON_LISTINGS_FEEDs: Amazon processes a feed in 60 s on its clock.
    for (let pass = 0; pass < 20 && (await count('list_in_progress')) > 0; pass++) {
      await h.app.listingsSync.drainStore(storeId);
      h.sim.advance(61);
    }
    const rows = await h.db.knex('listings').where({ store_id: storeId }).select('sku', 'status', 'status_reason', 'asin', 'is_parent');
    for (const r of rows)
      statuses.set(String(r.sku), { status: r.status, reason: r.status_reason, asin: r.asin, isParent: Boolean(r.is_parent) });
  });
  after(async () => h?.close());

  const skusIn = (status: string) => [...statuses].filter(([, s]) => s.status === status).map(([sku]) => sku);

  it('lists every enabled demo product, most of them Active on Amazon', () => {
    const total = statuses.size;
    const active = skusIn('active').length;
    const byStatus = [...new Set([...statuses.values()].map((s) => s.status))].map((s) => `${s} ${skusIn(s).length}`);
    console.log(`      ${active} of ${total} Active (${Math.round((active / total) * 100)} %): ${byStatus.join(', ')}`);
    assert.ok(total > 300, `the rule lists the enabled demo products (${total})`);
    assert.ok(active / total >= 0.8, `at least 80 % Active (${active} of ${total})`);
    assert.deepEqual(skusIn('list_in_progress'), [], 'nothing is left on its way');
    assert.deepEqual(skusIn('error'), [], 'Amazon refused nothing');
  });

  it('lands the products the generator picked in each matching outcome', () => {
    for (const sku of expected.multiple) assert.equal(statuses.get(sku)?.status, 'multiple_matches', sku);
    for (const sku of expected.notFound) {
      assert.equal(statuses.get(sku)?.status, 'unable_to_assign', sku);
      assert.match(String(statuses.get(sku)?.reason), /No Amazon product found for EAN \(ean\)/, sku);
    }
    for (const sku of expected.restricted) {
      assert.equal(statuses.get(sku)?.status, 'unable_to_assign', sku);
      assert.match(
        String(statuses.get(sku)?.reason),
        /Amazon restricts this item: .*approval.*Request approval: https:\/\/sellercentral\.amazon\.com\//,
        sku,
      );
    }
    for (const sku of expected.noIdentifier) {
      assert.equal(statuses.get(sku)?.status, 'unable_to_assign', sku);
      assert.match(String(statuses.get(sku)?.reason), /no identifier value/, sku);
    }
    for (const list of Object.values(expected)) assert.ok(list.length >= 1);
    const special = new Set(Object.values(expected).flat());
    const unexpected = [...skusIn('multiple_matches'), ...skusIn('unable_to_assign')].filter((sku) => !special.has(sku));
    assert.deepEqual(unexpected, [], 'no other product is stuck in matching');
  });

  it('lists the configurables as variation families: parent and children on Amazon', async () => {
    const parents = [...statuses].filter(([, s]) => s.isParent);
    assert.ok(parents.length >= 20, `the enabled configurables (${parents.length})`);
    for (const [sku, s] of parents) {
      assert.equal(s.status, 'active', sku);
      assert.match(String(s.asin), /^B0DEMO00[0-3]\d$/, sku);
    }
    const child = await h.db.knex('listings').where({ store_id: storeId }).whereNotNull('parent_listing_id').first('sku', 'status');
    assert.ok(child, 'the variants are listed as children');
  });

  it('leaves only products without stock Inactive', async () => {
    for (const sku of skusIn('inactive')) assert.match(String(statuses.get(sku)?.reason), /cannot be bought|no stock|not BUYABLE/i, sku);
  });
});
