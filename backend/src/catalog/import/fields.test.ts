import assert from 'node:assert/strict';
import {
  RowProblem,
  categoryAncestry,
  labelFor,
  normalizeAttributeValue,
  parseCategoryPaths,
  parseDate,
  parseDecimal,
  parsePairs,
  parseStatus,
  parseVariations,
  parseVisibility,
} from './fields';

const pairs = (text: string) => Object.fromEntries(parsePairs(text));

describe('Magento CSV cell parsers', () => {
  describe('additional_attributes (code=value pairs)', () => {
    it('splits code=value pairs and lower-cases the codes', () => {
      assert.deepEqual(pairs('ean=4006381333931,Brand=Acme,color=Red'), { ean: '4006381333931', brand: 'Acme', color: 'Red' });
    });

    it('keeps commas inside a value: only a comma followed by code= starts the next pair', () => {
      assert.deepEqual(pairs('material=Cotton, Polyester, Elastane,size=M,note=a,b'), {
        material: 'Cotton, Polyester, Elastane',
        size: 'M',
        note: 'a,b',
      });
    });

    it('reads quoted values with "" for a quote, as the enclosure export writes them', () => {
      assert.deepEqual(pairs('title="12"" Vinyl, Limited",color=Black'), { title: '12" Vinyl, Limited', color: 'Black' });
    });

    it('keeps "=" inside a value and empty values as empty', () => {
      assert.deepEqual(pairs('formula=a=b+c,empty=,x=1'), { formula: 'a=b+c', empty: '', x: '1' });
    });

    it('ignores text before the first code=', () => {
      assert.deepEqual(pairs('junk,ean=123'), { ean: '123' });
      assert.deepEqual(pairs(''), {});
    });
  });

  describe('configurable_variations', () => {
    it('reads one child per "|" with its super attribute values', () => {
      const v = parseVariations('sku=TEE-RED-M,color=Red,size=M|sku=TEE-BLUE-M,color=Blue,size=M');
      assert.deepEqual(
        v.map((x) => [x.sku, Object.fromEntries(x.values)]),
        [
          ['TEE-RED-M', { color: 'Red', size: 'M' }],
          ['TEE-BLUE-M', { color: 'Blue', size: 'M' }],
        ],
      );
    });

    it('refuses a variation without sku or without an attribute', () => {
      assert.throws(() => parseVariations('color=Red'), /has no sku=/);
      assert.throws(() => parseVariations('sku=A'), /names no attribute/);
    });
  });

  describe('categories', () => {
    it('splits paths on "," and normalises their segments', () => {
      assert.deepEqual(parseCategoryPaths('Default Category/Gear/ Bags ,Default Category//Books/'), [
        'Default Category/Gear/Bags',
        'Default Category/Books',
      ]);
    });

    it('lists a path with all its ancestors, root first', () => {
      assert.deepEqual(categoryAncestry('Default Category/Gear/Bags'), [
        'Default Category',
        'Default Category/Gear',
        'Default Category/Gear/Bags',
      ]);
    });
  });

  describe('scalar cells', () => {
    it('parses decimals and names the column of a bad one', () => {
      assert.equal(parseDecimal('10.0000', 'price'), 10);
      assert.equal(parseDecimal(' 5.5 ', 'qty'), 5.5);
      assert.equal(parseDecimal('-3', 'qty'), -3);
      assert.throws(
        () => parseDecimal('abc', 'price'),
        (e: Error) => e instanceof RowProblem && e.message === 'price: "abc" is not a number',
      );
      assert.throws(() => parseDecimal('1,5', 'price'), /not a number/);
      assert.throws(() => parseDecimal('-1', 'price', { min: 0 }), /at least 0/);
      assert.throws(() => parseDecimal('123456789', 'price'), /out of range/);
    });

    it('maps product_online and visibility labels', () => {
      assert.equal(parseStatus('1'), 'enabled');
      assert.equal(parseStatus('2'), 'disabled');
      assert.equal(parseStatus('0'), 'disabled');
      assert.throws(() => parseStatus('3'), /product_online/);
      assert.equal(parseVisibility('Not Visible Individually'), 'not_visible');
      assert.equal(parseVisibility('Catalog, Search'), 'catalog_search');
      assert.equal(parseVisibility('catalog,search'), 'catalog_search');
      assert.equal(parseVisibility('Search'), 'search');
      assert.throws(() => parseVisibility('Everywhere'), /visibility/);
    });

    it('reads ISO and en_US dates, and refuses impossible ones', () => {
      assert.equal(parseDate('2015-10-23 00:35:03', 'd'), '2015-10-23');
      assert.equal(parseDate('11/16/21, 11:40 AM', 'd'), '2021-11-16');
      assert.equal(parseDate('2/29/2024', 'd'), '2024-02-29');
      assert.throws(() => parseDate('2/30/2024', 'd'), /not a date/);
      assert.throws(() => parseDate('tomorrow', 'special_price_from_date'), /special_price_from_date/);
    });

    it('checks values for typed attributes and joins multiselect choices', () => {
      assert.equal(normalizeAttributeValue('int', 'pack', '012'), '12');
      assert.throws(() => normalizeAttributeValue('int', 'pack', '1.5'), /pack: "1.5" is not a whole number/);
      assert.equal(normalizeAttributeValue('boolean', 'eco', 'Yes'), '1');
      assert.equal(normalizeAttributeValue('multiselect', 'features', 'Waterproof|Vegan'), 'Waterproof,Vegan');
      assert.equal(normalizeAttributeValue('text', 'note', ' as is '), ' as is ');
    });

    it('labels attributes created on first use', () => {
      assert.equal(labelFor('ean'), 'EAN');
      assert.equal(labelFor('country_of_manufacture'), 'Country Of Manufacture');
    });
  });
});
