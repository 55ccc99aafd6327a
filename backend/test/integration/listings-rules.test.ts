/** Listing rules: validation, evaluation in SQL (nested ALL/ANY, TRUE/FALSE, each operator family), preview and apply. */
import assert from 'node:assert/strict';
import { ALL, cond, startListingsHarness, type ListingsHarness } from './listings-harness';

describe('listing rules', function () {
  this.timeout(60_000);
  let h: ListingsHarness;
  before(async () => {
    h = await startListingsHarness();
  });
  after(async () => h?.close());

  const preview = async (conditions: unknown, list = 'eligible', pageSize = 200) => {
    const res = await h.api({
      method: 'POST',
      url: `/api/stores/${h.storeId}/listing-rule/preview?list=${list}&pageSize=${pageSize}`,
      payload: { conditions },
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{
      counts: { eligible: number; newListings: number; ineligible: number };
      items: { sku: string; reason: string | null; message: string | null; price: number | null; quantity: number | null }[];
      total: number;
    }>();
  };
  const skus = async (conditions: unknown) => (await preview(conditions)).items.map((i) => i.sku).sort();

  it('an empty ALL selects every Amazon-able product of the store website; bundle and virtual are never eligible, and say why', async () => {
    const p = await preview(ALL());
    // base website: BAG-1, TEE(+2 children), KIT (bundle), PEN (virtual), LAMP, and the five test products; MUG is on eu only.
    assert.deepEqual(p.items.map((i) => i.sku).sort(), [
      'BAG-1',
      'BOTTLE',
      'BOWL',
      'LAMP',
      'NOPE',
      'SHIRT',
      'SPRAY',
      'TEE',
      'TEE-BLUE-M',
      'TEE-RED-S',
    ]);
    const inel = await preview(ALL(), 'ineligible');
    assert.deepEqual(inel.items.map((i) => [i.sku, i.reason]).sort(), [
      ['KIT', 'type_bundle'],
      ['PEN', 'type_virtual'],
    ]);
    assert.match(inel.items.find((i) => i.sku === 'KIT')!.message!, /Bundle/);
    assert.equal(inel.counts.ineligible, 2);
    assert.equal(p.counts.newListings, 10);
  });

  it('the preview gives each product its price, salable quantity and what saving does with it, in words', async () => {
    const p = await preview(ALL());
    const row = (sku: string) => p.items.find((i) => i.sku === sku)!;
    // BAG-1: 10 + 5 in Main Stock (the closed warehouse and the EU one do not count) − threshold 2 − 3 reserved + 1 = 11.
    assert.deepEqual([row('BAG-1').price, row('BAG-1').quantity], [34, 11]);
    assert.deepEqual([row('BOTTLE').price, row('BOTTLE').quantity], [19.99, 10]);
    assert.deepEqual([row('LAMP').quantity, row('TEE').quantity], [0, null], 'only EU stock; a configurable has none of its own');
    assert.equal(row('BOTTLE').reason, 'new_listing');
    assert.match(row('BOTTLE').message!, /^New listing: it goes to matching/);
    assert.match(row('TEE').message!, /variation parent, listed with its children/);
    const inel = await preview(ALL(), 'ineligible');
    assert.deepEqual(
      inel.items.map((i) => [i.sku, i.price, i.quantity]),
      [
        ['KIT', 50, null],
        ['PEN', null, null],
      ],
    );
  });

  it('evaluates each operator family in SQL', async () => {
    assert.deepEqual(await skus(ALL([cond('product_type', 'in', ['configurable'])])), ['TEE']);
    assert.deepEqual(await skus(ALL([cond('visibility', 'in', ['not_visible'])])), ['TEE-BLUE-M', 'TEE-RED-S']);
    assert.deepEqual(await skus(ALL([cond('status', 'eq', 'disabled')])), []);
    assert.deepEqual(await skus(ALL([cond('attribute_set', 'in', ['apparel'])])), ['TEE', 'TEE-BLUE-M', 'TEE-RED-S']);
    assert.deepEqual(await skus(ALL([cond('price', 'gte', 25)])), ['BAG-1', 'LAMP', 'SHIRT', 'SPRAY']);
    assert.deepEqual(await skus(ALL([cond('price', 'lt', 10)])), ['BOWL', 'NOPE']);
    // BAG-1 is in Bags (child of Gear): choosing Gear includes its descendants.
    const gear = Number((await h.db.knex('categories').where({ name: 'Gear' }).first('id')).id);
    assert.deepEqual(await skus(ALL([cond('category', 'in', [gear])])), ['BAG-1']);
    assert.deepEqual(await skus(ALL([cond('salable_qty', 'gte', 10)])), ['BAG-1', 'BOTTLE', 'BOWL', 'NOPE', 'SHIRT', 'SPRAY']);
    // Attributes by type: text, select, multiselect, int, empty.
    assert.deepEqual(await skus(ALL([cond('attribute', 'starts_with', '40063', 'ean')])), ['BOTTLE', 'BOWL']);
    assert.deepEqual(await skus(ALL([cond('attribute', 'contains', '333993', 'ean')])), ['BOWL']);
    assert.deepEqual(await skus(ALL([cond('attribute', 'eq', '4006381333931', 'ean')])), ['BOTTLE']);
    assert.deepEqual(await skus(ALL([cond('attribute', 'in', ['Red'], 'color')])), ['LAMP', 'TEE-RED-S']);
    assert.deepEqual(await skus(ALL([cond('attribute', 'contains_any', ['Cotton'], 'material')])), ['BAG-1']);
    assert.deepEqual(await skus(ALL([cond('attribute', 'contains_all', ['Cotton', 'Wool'], 'material')])), ['BAG-1']);
    assert.deepEqual(await skus(ALL([cond('attribute', 'gt', 0, 'pack_size')])), ['BAG-1']);
    assert.deepEqual(await skus(ALL([cond('attribute', 'is_empty', undefined, 'ean'), cond('product_type', 'in', ['simple'])])), [
      'LAMP',
      'SHIRT',
      'TEE-BLUE-M',
      'TEE-RED-S',
    ]);
  });

  it('nests ANY/ALL with TRUE/FALSE', async () => {
    // ANY of (price < 10, color is Red)
    const any = {
      kind: 'combine',
      aggregator: 'any',
      value: true,
      conditions: [cond('price', 'lt', 10), cond('attribute', 'in', ['Red'], 'color')],
    };
    assert.deepEqual(await skus(ALL([any])), ['BOWL', 'LAMP', 'NOPE', 'TEE-RED-S']);
    // ALL of (simple) AND NOT ANY(...) — "if ANY of these is FALSE" on the inner block
    const none = {
      kind: 'combine',
      aggregator: 'all',
      value: false,
      conditions: [cond('price', 'lt', 10), cond('attribute', 'in', ['Red'], 'color')],
    };
    assert.deepEqual(await skus(ALL([cond('product_type', 'in', ['simple']), none])), ['BAG-1', 'BOTTLE', 'SHIRT', 'SPRAY', 'TEE-BLUE-M']);
    const nested = ALL([
      cond('product_type', 'in', ['simple']),
      { kind: 'combine', aggregator: 'any', value: true, conditions: [any, cond('attribute', 'eq', '4006381333931', 'ean')] },
    ]);
    assert.deepEqual(await skus(nested), ['BOTTLE', 'BOWL', 'LAMP', 'NOPE', 'TEE-RED-S']);
  });

  it('refuses a tree that cannot be evaluated, naming the node', async () => {
    const bad = ALL([
      cond('attribute', 'contains', 'x', 'pack_size'),
      cond('attribute', 'eq', 'x', 'nope'),
      cond('product_type', 'in', ['spaceship']),
    ]);
    const res = await h.api({ method: 'POST', url: `/api/stores/${h.storeId}/listing-rule/preview`, payload: { conditions: bad } });
    assert.equal(res.statusCode, 400);
    const fields = res.json<{ error: { details: { fields: { field: string; message: string }[] } } }>().error.details.fields;
    assert.deepEqual(
      fields.map((f) => f.field),
      ['body.conditions.conditions[0].operator', 'body.conditions.conditions[1].attribute', 'body.conditions.conditions[2].value'],
    );
  });

  it('saving applies the rule: new listings enter matching; dropped ones become Ineligible and are kept; a catalog manager may do it', async () => {
    const first = await h.saveRule(ALL([cond('attribute', 'is_not_empty', undefined, 'ean')]));
    assert.equal(first.created, 5); // BAG-1, BOTTLE, BOWL, NOPE, SPRAY
    const bottle = await h.listingBySku('BOTTLE');
    assert.equal(bottle.status, 'validating_asin');
    assert.equal(bottle.seller_sku, 'BOTTLE');
    const preview2 = await preview(ALL([cond('attribute', 'starts_with', '4006', 'ean')]), 'ineligible');
    assert.deepEqual(preview2.items.map((i) => [i.sku, i.reason]).sort(), [
      ['BAG-1', 'no_longer_matches'],
      ['NOPE', 'no_longer_matches'],
      ['SPRAY', 'no_longer_matches'],
    ]);
    assert.deepEqual(
      preview2.items.filter((i) => i.sku === 'BAG-1').map((i) => [i.price, i.quantity]),
      [[34, 11]],
      'a dropped listing shows its product',
    );
    const kept = await preview(ALL([cond('attribute', 'starts_with', '4006', 'ean')]));
    const bottleRow = kept.items.find((i) => i.sku === 'BOTTLE')!;
    assert.equal(bottleRow.reason, 'already_listed');
    assert.equal(bottleRow.message, 'Already a listing (Validating ASIN); the rule keeps it');
    const res = await h.api(
      {
        method: 'PUT',
        url: `/api/stores/${h.storeId}/listing-rule`,
        payload: { conditions: ALL([cond('attribute', 'starts_with', '4006', 'ean')]) },
      },
      h.manager,
    );
    // A run of one chunk is applied inside the request: the 202 answer already says done.
    assert.equal(res.statusCode, 202, res.body);
    const { status, created, madeIneligible, madeEligible } = res.json<{
      status: string;
      created: number;
      madeIneligible: number;
      madeEligible: number;
    }>();
    assert.deepEqual({ status, created, madeIneligible, madeEligible }, { status: 'done', created: 0, madeIneligible: 3, madeEligible: 0 });
    assert.equal((await h.listingBySku('SPRAY')).status, 'ineligible');
    // Selecting it again brings it back to matching.
    const again = await h.saveRule(ALL([cond('attribute', 'is_not_empty', undefined, 'ean')]));
    assert.deepEqual(again, { ...again, created: 0, madeIneligible: 0, madeEligible: 3 });
    assert.equal((await h.listingBySku('SPRAY')).status, 'validating_asin');
    const rule = await h.api({ method: 'GET', url: `/api/stores/${h.storeId}/listing-rule` });
    assert.equal(rule.json<{ websiteCode: string }>().websiteCode, 'base');
  });

  it('a configurable becomes a variation parent with its children; bundles never get a listing', async () => {
    const r = await h.saveRule(ALL([cond('product_type', 'in', ['configurable', 'bundle', 'simple'])]));
    assert.ok(r.created >= 3);
    const tee = await h.listingBySku('TEE');
    assert.equal(Number(tee.is_parent), 1);
    assert.equal(tee.variation_theme, 'COLOR/SIZE'); // the configurable's super attributes
    const child = await h.listingBySku('TEE-RED-S');
    assert.equal(Number(child.parent_listing_id), tee.id);
    await assert.rejects(h.listingBySku('KIT'), /no listing/);
  });

  it('catalog changes re-evaluate the rule for the changed products only', async () => {
    await h.saveRule(ALL([cond('price', 'gte', 25), cond('product_type', 'in', ['simple'])]));
    assert.equal((await h.listingBySku('BOTTLE')).status, 'ineligible');
    const before = await h.listingBySku('SPRAY');
    assert.equal(before.status, 'validating_asin');
    await h.app.jobs.runNow('listings.catalog-changes'); // drain what the seed left
    let res = await h.api({ method: 'PATCH', url: `/api/catalog/products/${h.products.BOTTLE}`, payload: { price: 30 } });
    assert.equal(res.statusCode, 200, res.body);
    res = await h.api({ method: 'PATCH', url: `/api/catalog/products/${h.products.SPRAY}`, payload: { price: 5 } });
    assert.equal(res.statusCode, 200, res.body);
    const run = await h.app.jobs.runNow('listings.catalog-changes');
    assert.ok(run.ran);
    assert.equal((await h.listingBySku('BOTTLE')).status, 'validating_asin');
    assert.equal((await h.listingBySku('SPRAY')).status, 'ineligible');
    assert.equal((await h.listingBySku('LAMP')).status, 'validating_asin'); // untouched
  });
});
