import assert from 'node:assert/strict';
import type { ProductFacts } from './catalog-reads';
import { mappedAttributeCodes, mappedFacts, sourceValue } from './mapped-facts';

const BOTTLE: ProductFacts = {
  id: 1,
  sku: 'BOTTLE',
  name: 'Water Bottle',
  type: 'simple',
  status: 'enabled',
  price: 19.99,
  specialPrice: null,
  specialFrom: null,
  specialTo: null,
  attributes: { brand: 'Acme', amazon_title: 'Acme Water Bottle 750 ml', maker: '', ean: '4006381333931' },
};

describe('mapped facts (what a listing sends Amazon, through the attribute mappings)', () => {
  it('without mappings: the title is the product name and the brand its brand attribute', () => {
    assert.deepEqual(mappedFacts(BOTTLE, []), { title: 'Water Bottle', brand: 'Acme', attributes: {} });
  });

  it("maps the product's name, SKU and price like attributes", () => {
    assert.equal(sourceValue(BOTTLE, 'name'), 'Water Bottle');
    assert.equal(sourceValue(BOTTLE, 'sku'), 'BOTTLE');
    assert.equal(sourceValue(BOTTLE, 'price'), '19.99');
    assert.equal(sourceValue({ ...BOTTLE, price: null }, 'price'), null);
    const facts = mappedFacts(BOTTLE, [
      { amazonAttribute: 'item_name', source: 'amazon_title' },
      { amazonAttribute: 'model_number', source: 'sku' },
      { amazonAttribute: 'generic_keyword', source: 'name' },
      { amazonAttribute: 'bullet_point', source: 'price' },
    ]);
    assert.deepEqual(facts, {
      title: 'Acme Water Bottle 750 ml',
      brand: 'Acme',
      attributes: { model_number: 'BOTTLE', generic_keyword: 'Water Bottle', bullet_point: '19.99' },
    });
  });

  it('an empty value sends nothing; the channel’s own attributes are never taken from a mapping', () => {
    const facts = mappedFacts(BOTTLE, [
      { amazonAttribute: 'brand', source: 'maker' },
      { amazonAttribute: 'manufacturer', source: 'maker' },
      { amazonAttribute: 'condition_type', source: 'name' },
      { amazonAttribute: 'externally_assigned_product_identifier', source: 'ean' },
      { amazonAttribute: 'merchant_suggested_asin', source: 'sku' },
    ]);
    assert.deepEqual(facts, { title: 'Water Bottle', brand: null, attributes: {} });
    assert.deepEqual(
      mappedAttributeCodes([
        { amazonAttribute: 'item_name', source: 'amazon_title' },
        { amazonAttribute: 'model_number', source: 'sku' },
        { amazonAttribute: 'condition_type', source: 'cond' },
      ]),
      ['amazon_title'],
    );
  });
});
