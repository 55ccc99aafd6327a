import assert from 'node:assert/strict';
import { canonicalJson, desiredHash, offerPatches, planFor, toAttributes, toFeedMessage, toPutBody } from './mapping';
import type { DesiredListing } from './types';

const US = 'ATVPDKIKX0DER';
const base: DesiredListing = {
  productType: 'PRODUCT',
  asin: 'B0SIM00001',
  condition: 'new_new',
  conditionNote: null,
  price: '19.99',
  currency: 'USD',
  quantity: 7,
  handlingTime: 2,
  parentSku: null,
  variationTheme: null,
  variationAttributes: {},
  isParent: false,
  title: 'Trail bottle',
  brand: 'Acme',
  identifiers: [{ type: 'EAN', value: '4006381333931' }],
};
const d = (over: Partial<DesiredListing>): DesiredListing => ({ ...base, ...over });

describe('listings sync mapping (desired → Amazon)', () => {
  it('hashes equal states equally whatever the key order, and different states differently', () => {
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as unknown as DesiredListing;
    assert.equal(desiredHash(reordered), desiredHash(base));
    assert.notEqual(desiredHash(d({ price: '19.98' })), desiredHash(base));
    assert.notEqual(desiredHash(null), desiredHash(base));
    assert.equal(canonicalJson({ b: 1, a: [2, { d: 1, c: null }] }), '{"a":[2,{"c":null,"d":1}],"b":1}');
  });

  it('maps a matched offer to Listings Items attributes: condition, ASIN, price schedule with currency, quantity and lead time', () => {
    const a = toAttributes(d({ conditionNote: 'Box opened' }), US);
    assert.deepEqual(a.condition_type, [{ value: 'new_new', marketplace_id: US }]);
    assert.deepEqual(a.condition_note, [{ value: 'Box opened', language_tag: 'en_US', marketplace_id: US }]);
    assert.deepEqual(a.merchant_suggested_asin, [{ value: 'B0SIM00001', marketplace_id: US }]);
    assert.deepEqual(a.purchasable_offer, [
      { marketplace_id: US, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: 19.99 }] }] },
    ]);
    assert.deepEqual(a.fulfillment_availability, [{ fulfillment_channel_code: 'DEFAULT', quantity: 7, lead_time_to_ship_max_days: 2 }]);
    // Matched to an existing ASIN: product facts are Amazon's, not ours to send.
    assert.equal(a.item_name, undefined);
    assert.equal(a.externally_assigned_product_identifier, undefined);
    assert.equal(toPutBody(base, US).requirements, 'LISTING_OFFER_ONLY');
  });

  it('sends product facts when creating (no ASIN) and omits quantity when it is not ours to send', () => {
    const a = toAttributes(d({ asin: null, quantity: null, handlingTime: null }), US);
    assert.deepEqual(a.item_name, [{ value: 'Trail bottle', language_tag: 'en_US', marketplace_id: US }]);
    assert.deepEqual(a.brand, [{ value: 'Acme', language_tag: 'en_US', marketplace_id: US }]);
    assert.deepEqual(a.externally_assigned_product_identifier, [{ type: 'ean', value: '4006381333931', marketplace_id: US }]);
    assert.equal(a.fulfillment_availability, undefined);
    assert.equal(toPutBody(d({ asin: null }), US).requirements, 'LISTING');
  });

  it('sends the facts the attribute mappings give when creating, never over what the listing states itself', () => {
    const facts = { productAttributes: { model_number: 'BOTTLE', color: 'Mapped', generic_keyword: 'Water Bottle' } };
    const a = toAttributes(d({ asin: null, variationAttributes: { color: 'Red' }, ...facts }), US);
    assert.deepEqual(a.model_number, [{ value: 'BOTTLE', language_tag: 'en_US', marketplace_id: US }]);
    assert.deepEqual(a.generic_keyword, [{ value: 'Water Bottle', language_tag: 'en_US', marketplace_id: US }]);
    assert.deepEqual(a.color, [{ value: 'Red', language_tag: 'en_US', marketplace_id: US }], 'the variation value wins');
    assert.equal(toAttributes(d(facts), US).model_number, undefined, 'matched to an ASIN: the facts are Amazon’s');
    assert.equal(desiredHash(d({ productAttributes: undefined })), desiredHash(base), 'no mapped facts: the same state as before');
  });

  it('maps variations: parent with theme and no offer, child with its parent SKU and variation attributes', () => {
    const parent = toAttributes(d({ isParent: true, variationTheme: 'COLOR/SIZE', price: null, quantity: null }), US);
    assert.deepEqual(parent.parentage_level, [{ value: 'parent', marketplace_id: US }]);
    assert.deepEqual(parent.variation_theme, [{ name: 'COLOR/SIZE' }]);
    assert.equal(parent.purchasable_offer, undefined);
    const child = toAttributes(d({ parentSku: 'TENT-P', variationAttributes: { Color: 'Red', size: 'L' } }), US);
    assert.deepEqual(child.parentage_level, [{ value: 'child', marketplace_id: US }]);
    assert.deepEqual(child.child_parent_sku_relationship, [
      { child_relationship_type: 'variation', parent_sku: 'TENT-P', marketplace_id: US },
    ]);
    assert.deepEqual(child.color, [{ value: 'Red', language_tag: 'en_US', marketplace_id: US }]);
    assert.deepEqual(child.size, [{ value: 'L', language_tag: 'en_US', marketplace_id: US }]);
  });

  it('plans PUT first, PATCH for offer-only changes, PUT for structural changes, DELETE or nothing for removal', () => {
    assert.deepEqual(planFor(base, null, false), { operation: 'put' });
    assert.deepEqual(planFor(d({ price: '17.00' }), base, true), { operation: 'patch' });
    assert.deepEqual(planFor(d({ quantity: 0 }), base, true), { operation: 'patch' });
    assert.deepEqual(planFor(d({ condition: 'used_good' }), base, true), { operation: 'put' });
    assert.deepEqual(planFor(d({ asin: 'B0SIM00002' }), base, true), { operation: 'put' });
    assert.deepEqual(planFor(d({ price: null }), base, true), { operation: 'put' }, 'removing the price is a full statement');
    assert.deepEqual(planFor(base, base, true), { operation: 'put' }, 'nothing to patch: state it in full');
    assert.deepEqual(planFor(null, base, true), { operation: 'delete' });
    assert.deepEqual(planFor(null, null, true), { operation: 'delete' }, 'sent before but never acknowledged: may exist');
    assert.deepEqual(planFor(null, null, false), { operation: 'forget' });
  });

  it('patches only what moved in the offer, as replace operations', () => {
    assert.deepEqual(offerPatches(d({ price: '17.50' }), base, US), [
      {
        op: 'replace',
        path: '/attributes/purchasable_offer',
        value: [{ marketplace_id: US, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: 17.5 }] }] }],
      },
    ]);
    assert.deepEqual(
      offerPatches(d({ quantity: 0 }), base, US).map((p) => p.path),
      ['/attributes/fulfillment_availability'],
    );
  });

  it('builds feed messages: UPDATE for full puts, PATCH for offer changes, DELETE', () => {
    const put = toFeedMessage(1, 'SKU-1', 'put', base, null, US);
    assert.equal(put.operationType, 'UPDATE');
    assert.ok(put.operationType === 'UPDATE' && put.requirements === 'LISTING_OFFER_ONLY' && put.productType === 'PRODUCT');
    const patch = toFeedMessage(2, 'SKU-2', 'patch', d({ price: '18.00' }), base, US);
    assert.ok(patch.operationType === 'PATCH' && patch.patches.length === 1);
    assert.deepEqual(toFeedMessage(3, 'SKU-3', 'delete', null, base, US), { messageId: 3, sku: 'SKU-3', operationType: 'DELETE' });
  });
});
