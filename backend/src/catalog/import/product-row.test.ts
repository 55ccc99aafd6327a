import assert from 'node:assert/strict';
import { extraAttributeColumns, parseProductRecord } from './product-row';

const record = (cells: Record<string, string>) => cells;

describe('product CSV record', () => {
  it('reads a full simple product row', () => {
    const row = parseProductRecord(
      record({
        sku: 'BAG-1',
        store_view_code: '',
        attribute_set_code: 'Default',
        product_type: 'simple',
        categories: 'Default Category/Gear/Bags,Default Category/Sale',
        product_websites: 'base',
        name: 'Duffle Bag',
        description: '<p>Roomy.</p>',
        weight: '1.2000',
        product_online: '2',
        visibility: 'Catalog, Search',
        price: '49.9900',
        special_price: '39.99',
        special_price_from_date: '2026-01-01',
        special_price_to_date: '2026-01-31',
        additional_attributes: 'ean=4006381333931,brand=Acme,has_options=0',
        qty: '12.0000',
        is_in_stock: '1',
        manage_stock: '0',
        use_config_manage_stock: '0',
        allow_backorders: '1',
        use_config_backorders: '0',
        out_of_stock_qty: '2',
        use_config_min_qty: '0',
      }),
      7,
    );
    assert.equal(row.line, 7);
    assert.equal(row.type, 'simple');
    assert.equal(row.status, 'disabled');
    assert.equal(row.visibility, 'catalog_search');
    assert.equal(row.price, 49.99);
    assert.equal(row.specialPrice, 39.99);
    assert.deepEqual([row.specialPriceFrom, row.specialPriceTo], ['2026-01-01', '2026-01-31']);
    assert.deepEqual(row.categories, ['Default Category/Gear/Bags', 'Default Category/Sale']);
    assert.deepEqual(row.websites, ['base']);
    // Magento's internal has_options does not become an attribute; description does.
    assert.deepEqual(Object.fromEntries(row.attributes), { ean: '4006381333931', brand: 'Acme', description: '<p>Roomy.</p>' });
    assert.deepEqual([row.qty, row.inStock, row.manageStock, row.backorders, row.minQty], [12, true, false, 'allow', 2]);
  });

  it('lets "use config" switches win over the explicit stock values', () => {
    const row = parseProductRecord(
      record({
        sku: 'A',
        manage_stock: '0',
        use_config_manage_stock: '1',
        allow_backorders: '1',
        use_config_backorders: '1',
        out_of_stock_qty: '5',
        use_config_min_qty: '1',
      }),
      2,
    );
    assert.deepEqual([row.manageStock, row.backorders, row.minQty], [true, 'no', 0]);
  });

  it('treats empty cells as not given and __EMPTY__VALUE__ as clear', () => {
    const row = parseProductRecord(
      record({ sku: 'A', price: '', special_price: '__EMPTY__VALUE__', additional_attributes: 'color=__EMPTY__VALUE__' }),
      2,
    );
    assert.equal(row.price, undefined);
    assert.equal(row.specialPrice, null);
    assert.equal(row.attributes.get('color'), null);
  });

  it('names the column of a bad cell', () => {
    assert.throws(() => parseProductRecord(record({ sku: 'A', price: 'abc' }), 2), /^RowProblem: price: "abc" is not a number$/);
    assert.throws(() => parseProductRecord(record({ sku: 'A', product_type: 'kit' }), 2), /product_type: unknown product type "kit"/);
    assert.throws(() => parseProductRecord(record({ sku: ' ' }), 2), /sku is empty/);
    assert.throws(
      () => parseProductRecord(record({ sku: 'A', special_price_from_date: '2026-02-01', special_price_to_date: '2026-01-01' }), 2),
      /before special_price_from_date/,
    );
  });

  it('reads a configurable row with variations and Magento-style labels', () => {
    const row = parseProductRecord(
      record({
        sku: 'TEE',
        product_type: 'configurable',
        configurable_variations: 'sku=TEE-R-M,color=Red,size=M|sku=TEE-B-M,color=Blue,size=M',
        configurable_variation_labels: 'color=Colour,size=size=junk',
      }),
      2,
    );
    assert.deepEqual(
      row.variations?.map((v) => v.sku),
      ['TEE-R-M', 'TEE-B-M'],
    );
    assert.deepEqual(Object.fromEntries(row.variationLabels!), { color: 'Colour', size: 'size' });
    assert.throws(
      () =>
        parseProductRecord(
          record({ sku: 'TEE', product_type: 'configurable', configurable_variations: 'sku=A,color=Red|sku=B,size=M' }),
          2,
        ),
      /variation A has no value for size/,
    );
    assert.throws(
      () => parseProductRecord(record({ sku: 'X', product_type: 'simple', configurable_variations: 'sku=A,color=Red' }), 2),
      /only a configurable/,
    );
  });

  it('keeps only store-scoped values on a store-view row', () => {
    const row = parseProductRecord(
      record({ sku: 'A', store_view_code: 'de', name: 'Tasche', price: 'abc', additional_attributes: 'color=Rot' }),
      3,
    );
    assert.equal(row.storeViewCode, 'de');
    assert.equal(row.name, 'Tasche');
    assert.equal(row.price, undefined);
    assert.deepEqual(Object.fromEntries(row.attributes), { color: 'Rot' });
  });

  it('takes unknown header columns as attribute codes and ignores Magento columns it has no use for', () => {
    const header = ['sku', 'name', 'url_key', 'base_image', 'ean', 'Brand'];
    assert.deepEqual(extraAttributeColumns(header), ['ean', 'Brand']);
    const row = parseProductRecord(record({ sku: 'A', url_key: 'a', ean: '123', Brand: 'Acme' }), 2, ['ean', 'Brand']);
    assert.deepEqual(Object.fromEntries(row.attributes), { ean: '123', brand: 'Acme' });
  });
});
