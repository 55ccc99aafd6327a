/**
 * Magento's own import/export test files (fixtures/magento-import-csv, OSL-3.0, unedited) go
 * through the importer: what lands, and which rows fail and why, is what reading them predicts.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { importProductsCsv, importSourceItemsCsv } from '../../src/catalog/import/index';
import { toDbTime } from '../../src/db/time';
import { createTestDb, type TestDb } from '../helpers/db';
import { emptyCatalog, outcome } from './catalog-import-helpers';
import { Readable } from 'node:stream';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/magento-import-csv');
const file = (name: string) => path.join(DIR, name);

async function website(db: Knex, code: string, isDefault = false): Promise<number> {
  await db('websites').insert({ code, name: code, base_currency: 'USD', is_default: isDefault, created_at: toDbTime() });
  return Number((await db('websites').where({ code }).first('id')).id);
}

async function storeView(db: Knex, code: string, websiteId: number): Promise<number> {
  await db('store_views').insert({ website_id: websiteId, code, name: code });
  return Number((await db('store_views').where({ code }).first('id')).id);
}

async function product(db: Knex, sku: string) {
  return db('products').where({ sku }).first();
}

async function categoryPathsOf(db: Knex, sku: string): Promise<string[]> {
  const rows = await db('product_categories as pc')
    .join('products as p', 'p.id', 'pc.product_id')
    .join('categories as c', 'c.id', 'pc.category_id')
    .where('p.sku', sku)
    .orderBy('c.path')
    .select('c.path');
  return rows.map((r) => r.path);
}

async function childrenOf(db: Knex, sku: string): Promise<string[]> {
  const rows = await db('product_relations as r')
    .join('products as parent', 'parent.id', 'r.parent_id')
    .join('products as child', 'child.id', 'r.child_id')
    .where('parent.sku', sku)
    .orderBy('child.sku')
    .select('child.sku');
  return rows.map((r) => r.sku);
}

async function valueOf(db: Knex, sku: string, code: string): Promise<string | undefined> {
  const row = await db('product_attribute_values as v')
    .join('products as p', 'p.id', 'v.product_id')
    .join('attributes as a', 'a.id', 'v.attribute_id')
    .where({ 'p.sku': sku, 'a.code': code })
    .first('v.value');
  return row?.value;
}

async function storeValueOf(db: Knex, sku: string, code: string, store: string): Promise<string | undefined> {
  const row = await db('product_attribute_store_values as v')
    .join('products as p', 'p.id', 'v.product_id')
    .join('attributes as a', 'a.id', 'v.attribute_id')
    .join('store_views as s', 's.id', 'v.store_view_id')
    .where({ 'p.sku': sku, 'a.code': code, 's.code': store })
    .first('v.value');
  return row?.value;
}

async function sourceItem(db: Knex, sku: string, source: string) {
  const row = await db('source_items').where({ sku, source_code: source }).first();
  return row ? { quantity: Number(row.quantity), inStock: Number(row.in_stock) === 1 } : undefined;
}

const count = async (db: Knex, table: string) => Number((await db(table).count({ n: '*' }).first())?.n);

describe('catalog import: Magento fixture files', () => {
  let t: TestDb;
  before(async () => {
    t = await createTestDb();
  });
  after(async () => t.drop());
  beforeEach(async () => emptyCatalog(t.knex));

  it('products_to_import.csv: three simples in Default Category/Category 1; a second run updates them', async () => {
    const db = t.knex;
    const first = await importProductsCsv(db, file('products_to_import.csv'));
    assert.deepEqual(first, { imported: 3, updated: 0, failed: 0, errors: [] });
    const simple2 = await product(db, 'simple2');
    assert.equal(simple2.type, 'simple');
    assert.equal(simple2.name, 'simple 2');
    assert.equal(Number(simple2.price), 34);
    assert.equal(simple2.status, 'enabled');
    assert.deepEqual(await categoryPathsOf(db, 'simple2'), ['Default Category/Category 1']);
    const tree = await db('categories').orderBy('level').select('name', 'level', 'parent_id', 'id');
    assert.deepEqual(
      tree.map((c) => [c.name, c.level]),
      [
        ['Default Category', 1],
        ['Category 1', 2],
      ],
    );
    assert.equal(tree[1]!.parent_id, tree[0]!.id);
    // Only "Default" may be created by the import; it is.
    assert.deepEqual(await db('attribute_sets').select('code', 'name'), [{ code: 'default', name: 'Default' }]);

    const second = await importProductsCsv(db, file('products_to_import.csv'));
    assert.deepEqual(second, { imported: 0, updated: 3, failed: 0, errors: [] });
    assert.equal(await count(db, 'products'), 3);
    assert.equal(await count(db, 'product_categories'), 3);
    const changes = await db('catalog_changes').where({ sku: 'simple1', kind: 'product' }).orderBy('id').select('details');
    assert.deepEqual(
      changes.map((c) => JSON.parse(c.details).action),
      ['created', 'updated'],
    );
  });

  it('import_configurable_product_multistore.csv: two children linked by test_configurable; the fixturestore row waits for its store view', async () => {
    const db = t.knex;
    // test_configurable is not in a fresh catalog: createMissing makes it (a select, as a super attribute).
    const first = await importProductsCsv(db, file('import_configurable_product_multistore.csv'), { createMissing: true });
    assert.equal(first.imported, 3);
    assert.equal(first.failed, 1);
    assert.deepEqual(first.errors, [
      { row: 5, sku: 'import-configurable', reason: 'unknown store view "fixturestore" in store_view_code' },
    ]);

    const parent = await product(db, 'import-configurable');
    assert.equal(parent.type, 'configurable');
    assert.equal(parent.visibility, 'catalog_search');
    assert.equal((await product(db, 'import-configurable-option-1')).visibility, 'not_visible');
    assert.deepEqual(await childrenOf(db, 'import-configurable'), ['import-configurable-option-1', 'import-configurable-option-2']);
    const attribute = await db('attributes').where({ code: 'test_configurable' }).first();
    assert.equal(attribute.type, 'select');
    assert.deepEqual(
      (await db('attribute_options').where({ attribute_id: attribute.id }).orderBy('sort_order')).map((o) => o.value),
      ['Option 1', 'Option 2'],
    );
    const supers = await db('product_super_attributes').where({ product_id: parent.id });
    assert.deepEqual(
      supers.map((s) => [s.attribute_id, s.label]),
      [[attribute.id, 'test_configurable']],
    );
    assert.equal(await valueOf(db, 'import-configurable-option-2', 'test_configurable'), 'Option 2');
    // qty / is_in_stock go to the default source; the configurable holds no stock of its own.
    assert.deepEqual(await sourceItem(db, 'import-configurable-option-1', 'default'), { quantity: 100, inStock: true });
    assert.equal(await sourceItem(db, 'import-configurable', 'default'), undefined);

    await storeView(db, 'fixturestore', await website(db, 'base', true));
    const second = await importProductsCsv(db, file('import_configurable_product_multistore.csv'));
    assert.deepEqual(second, { imported: 0, updated: 3, failed: 0, errors: [] });
    assert.equal(await count(db, 'products'), 3);
    assert.equal(await count(db, 'product_relations'), 2);
    assert.equal(await storeValueOf(db, 'import-configurable', 'name', 'fixturestore'), 'import-configurable (fixturestore)');
    assert.equal((await product(db, 'import-configurable')).name, 'import-configurable', 'the default name is unchanged');
  });

  it('products_multiple_stores.csv: rows on website "test" fail naming it until it exists, then import', async () => {
    const db = t.knex;
    await website(db, 'base', true);
    const first = await importProductsCsv(db, file('products_multiple_stores.csv'), { createMissing: true });
    assert.equal(first.imported, 0);
    assert.deepEqual(first.errors, [
      { row: 2, sku: 'Configurable 03-Option 1', reason: 'unknown website "test" in product_websites' },
      { row: 3, sku: 'Configurable 03-Option 1', reason: 'unknown store view "fixturestore" in store_view_code' },
      { row: 4, sku: 'Configurable 03-Option 2', reason: 'unknown website "test" in product_websites' },
      { row: 5, sku: 'Configurable 03', reason: 'unknown website "test" in product_websites' },
    ]);
    assert.equal(await count(db, 'products'), 0);

    await storeView(db, 'fixturestore', await website(db, 'test'));
    const second = await importProductsCsv(db, file('products_multiple_stores.csv'), { createMissing: true });
    assert.deepEqual(outcome(second), { imported: 3, updated: 0, failed: 0, errors: [] });
    assert.deepEqual(second.created, { attributeSets: [], attributes: [], options: [] }, 'the first run created them all');
    const websites = await db('product_websites as pw')
      .join('products as p', 'p.id', 'pw.product_id')
      .join('websites as w', 'w.id', 'pw.website_id')
      .where('p.sku', 'Configurable 03')
      .orderBy('w.code')
      .select('w.code');
    assert.deepEqual(
      websites.map((w) => w.code),
      ['base', 'test'],
    );
    assert.deepEqual(await categoryPathsOf(db, 'Configurable 03-Option 2'), ['Default Category/Category 1/Category 1.1']);
    assert.deepEqual(await childrenOf(db, 'Configurable 03'), ['Configurable 03-Option 1', 'Configurable 03-Option 2']);
    assert.equal(await storeValueOf(db, 'Configurable 03-Option 1', 'name', 'fixturestore'), 'Configurable 03-Option 1 fixturestore');
    assert.equal(await valueOf(db, 'Configurable 03-Option 1', 'attribute_with_option'), 'Option Label');
    assert.equal(await db('attributes').where({ code: 'has_options' }).first(), undefined, "Magento's internal flags are not attributes");
    assert.deepEqual(await sourceItem(db, 'Configurable 03-Option 1', 'default'), { quantity: 99999, inStock: true });
    const settings = await db('product_stock_settings as s')
      .join('products as p', 'p.id', 's.product_id')
      .orderBy('p.sku')
      .select('p.sku', 's.manage_stock', 's.backorders');
    assert.deepEqual(
      settings.map((s) => [s.sku, Number(s.manage_stock), s.backorders]),
      [
        ['Configurable 03', 0, 'no'],
        ['Configurable 03-Option 1', 1, 'no'],
        ['Configurable 03-Option 2', 1, 'no'],
      ],
    );
  });

  it('msi/configurable_product_import.csv: virtual children, and the typo test_configurale becomes an attribute', async () => {
    const db = t.knex;
    await website(db, 'base', true);
    const result = await importProductsCsv(db, file('msi/configurable_product_import.csv'), { createMissing: true });
    assert.deepEqual(outcome(result), { imported: 3, updated: 0, failed: 0, errors: [] });
    assert.equal((await product(db, 'simple_10')).type, 'virtual');
    assert.equal((await product(db, 'simple_20')).type, 'virtual');
    assert.equal((await product(db, 'configurable')).type, 'configurable');
    assert.equal(await valueOf(db, 'simple_10', 'test_configurale'), 'Option 1');
    assert.equal(await valueOf(db, 'simple_20', 'test_configurable'), 'Option 2');
    assert.equal((await db('attributes').where({ code: 'test_configurale' }).first()).type, 'text');
    assert.deepEqual(await categoryPathsOf(db, 'configurable'), ['Default Category', 'Default Category/cat1']);
    // The file has no configurable_variations column: nothing to link.
    assert.deepEqual(await childrenOf(db, 'configurable'), []);
    // is_in_stock=1 without qty: a virtual product's default source item, in stock, quantity 0.
    assert.deepEqual(await sourceItem(db, 'simple_10', 'default'), { quantity: 0, inStock: true });
  });

  it('msi/source_items_export_full.csv: unknown sources are row errors; with sources and skus in place, quantities and statuses land', async () => {
    const db = t.knex;
    const before = await importSourceItemsCsv(db, file('msi/source_items_export_full.csv'));
    assert.equal(before.imported, 0);
    assert.deepEqual(
      before.errors.map((e) => [e.row, e.sku, e.reason]),
      [
        [2, 'SKU-1', 'unknown source "eu-1" in source_code'],
        [3, 'SKU-1', 'unknown source "eu-2" in source_code'],
        [4, 'SKU-1', 'unknown source "eu-3" in source_code'],
        [5, 'SKU-1', 'unknown source "eu-disabled" in source_code'],
        [6, 'SKU-2', 'unknown source "us-1" in source_code'],
        [7, 'SKU-3', 'unknown source "eu-2" in source_code'],
      ],
    );
    await db('sources').insert(
      ['eu-1', 'eu-2', 'eu-3', 'eu-disabled', 'us-1'].map((code) => ({ code, name: code, enabled: code !== 'eu-disabled', country: 'DE' })),
    );
    const unknownSkus = await importSourceItemsCsv(db, file('msi/source_items_export_full.csv'));
    assert.equal(unknownSkus.failed, 6);
    assert.equal(unknownSkus.errors[0]!.reason, 'unknown sku "SKU-1"');

    const csv =
      'sku,product_type,attribute_set_code,name,price\nSKU-1,simple,Default,One,1\nSKU-2,simple,Default,Two,2\nSKU-3,simple,Default,Three,3\n';
    assert.equal((await importProductsCsv(db, Readable.from([csv]))).imported, 3);
    const after = await importSourceItemsCsv(db, file('msi/source_items_export_full.csv'));
    assert.deepEqual(after, { imported: 6, updated: 0, failed: 0, errors: [] });
    assert.deepEqual(await sourceItem(db, 'SKU-1', 'eu-1'), { quantity: 5.5, inStock: true });
    assert.deepEqual(await sourceItem(db, 'SKU-1', 'eu-3'), { quantity: 10, inStock: false });
    assert.deepEqual(await sourceItem(db, 'SKU-3', 'eu-2'), { quantity: 6, inStock: false });
    assert.equal(
      await db('catalog_changes')
        .where({ kind: 'stock' })
        .count({ n: '*' })
        .first()
        .then((r) => Number(r?.n)),
      6,
    );

    const again = await importSourceItemsCsv(db, file('msi/source_items_export_full.csv'));
    assert.deepEqual(again, { imported: 0, updated: 6, failed: 0, errors: [] });
    assert.equal(await count(db, 'source_items'), 6);
    assert.equal(
      await db('catalog_changes')
        .where({ kind: 'stock' })
        .count({ n: '*' })
        .first()
        .then((r) => Number(r?.n)),
      6,
      'an unchanged item is no stock change',
    );
  });

  it('msi/stock_sources_sample.csv: the default source takes its rows; source-1 and source-2 only once they exist', async () => {
    const db = t.knex;
    const csv =
      'sku,product_type,attribute_set_code,name\nsku1,simple,Default,1\nsku2,simple,Default,2\nsku3,simple,Default,3\nsku4,simple,Default,4\n';
    await importProductsCsv(db, Readable.from([csv]));
    const first = await importSourceItemsCsv(db, file('msi/stock_sources_sample.csv'));
    assert.equal(first.imported, 2);
    assert.deepEqual(
      first.errors.map((e) => [e.row, e.reason]),
      [
        [4, 'unknown source "source-1" in source_code'],
        [5, 'unknown source "source-2" in source_code'],
      ],
    );
    assert.deepEqual(await sourceItem(db, 'sku1', 'default'), { quantity: 10.1, inStock: true });
    assert.deepEqual(await sourceItem(db, 'sku2', 'default'), { quantity: 10.55, inStock: true });

    await db('sources').insert([
      { code: 'source-1', name: 'Source 1', enabled: true, country: 'US' },
      { code: 'source-2', name: 'Source 2', enabled: true, country: 'US' },
    ]);
    const second = await importSourceItemsCsv(db, file('msi/stock_sources_sample.csv'));
    assert.deepEqual(second, { imported: 2, updated: 2, failed: 0, errors: [] });
    assert.deepEqual(await sourceItem(db, 'sku4', 'source-2'), { quantity: 15, inStock: true });
  });
});
