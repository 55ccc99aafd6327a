/**
 * The product and source-item importers on hand-written Magento CSV: multi-line cells and line
 * numbers, broken rows next to good ones, re-import as update, attributes and configurables,
 * stock, the change log, all-or-nothing rows, unreadable files, and the CLI.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { ChangeLog, type ChangeInput } from '../../src/catalog/changes';
import { ImportFileError, importProductsCsv, importSourceItemsCsv } from '../../src/catalog/import/index';
import { toDbTime } from '../../src/db/time';
import { createTestDb, type TestDb } from '../helpers/db';
import { createAttribute, emptyCatalog, outcome } from './catalog-import-helpers';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const csv = (text: string) => Readable.from([text]);
const HEADER = 'sku,store_view_code,attribute_set_code,product_type,product_websites,name,description,price,additional_attributes';

async function product(db: Knex, sku: string) {
  return db('products').where({ sku }).first();
}

async function value(db: Knex, sku: string, code: string) {
  return db('product_attribute_values as v')
    .join('products as p', 'p.id', 'v.product_id')
    .join('attributes as a', 'a.id', 'v.attribute_id')
    .where({ 'p.sku': sku, 'a.code': code })
    .first('v.value', 'v.long_value');
}

async function changesOf(db: Knex, sku: string): Promise<{ kind: string; details: Record<string, unknown> }[]> {
  const rows = await db('catalog_changes').where({ sku }).orderBy('id').select('kind', 'details');
  return rows.map((r) => ({ kind: r.kind, details: JSON.parse(r.details) }));
}

describe('catalog import: products and source items', () => {
  let t: TestDb;
  let db: Knex;
  before(async () => {
    t = await createTestDb();
    db = t.knex;
  });
  after(async () => t.drop());
  beforeEach(async () => {
    await emptyCatalog(db);
    await db('websites').insert({ code: 'base', name: 'Main Website', base_currency: 'USD', is_default: true, created_at: toDbTime() });
  });

  it('keeps multi-line quoted cells whole and reports the line where a record starts', async () => {
    const text =
      `${HEADER}\n` +
      'ML-1,,Default,simple,base,"Bag, large","<p>First line\nsecond line\nthird, with ""quotes""</p>",10,\n' +
      'ML-2,,Default,simple,base,Two,,abc,\n' +
      'ML-3,,Default,simple,base,Three,"a\r\nb",5,\n';
    const result = await importProductsCsv(db, csv(text));
    assert.equal(result.imported, 2);
    assert.deepEqual(result.errors, [{ row: 5, sku: 'ML-2', reason: 'price: "abc" is not a number' }]);
    assert.equal((await product(db, 'ML-1')).name, 'Bag, large');
    assert.equal((await value(db, 'ML-1', 'description')).value, '<p>First line\nsecond line\nthird, with "quotes"</p>');
    assert.equal((await value(db, 'ML-3', 'description')).value, 'a\r\nb');
  });

  it('imports the valid rows of a file with broken ones, each reported with its line and sku', async () => {
    await createAttribute(db, 'color', 'select', ['Red']);
    const text = [
      HEADER + ',configurable_variations,ean',
      'OK-1,,Default,simple,base,Good one,,5,,,',
      'BAD-PRICE,,Default,simple,base,Bad price,,abc,,,',
      'BAD-TYPE,,Default,kit,base,Bad type,,5,,,',
      'NO-NAME,,Default,simple,base,,,5,,,',
      'BAD-SET,,Apparel,simple,base,Bad set,,5,,,',
      'BAD-SITE,,Default,simple,"base,fr",Bad site,,5,,,',
      'NOBODY,default,,,,Store name,,,,,',
      'CONF,,Default,configurable,base,Parent,,,,"sku=LATER,color=Red",',
      'LATER,,Default,simple,base,Child after parent,,5,color=Red,,',
      'SHORT,,Default,simple',
      'OK-2,,Default,virtual,base,Good two,,0,,,4006381333931',
    ].join('\n');
    const result = await importProductsCsv(db, csv(text));
    assert.deepEqual(
      result.errors.map((e) => [e.row, e.sku, e.reason]),
      [
        [3, 'BAD-PRICE', 'price: "abc" is not a number'],
        [
          4,
          'BAD-TYPE',
          'product_type: unknown product type "kit" (expected one of simple, configurable, virtual, bundle, grouped, downloadable, giftcard)',
        ],
        [5, 'NO-NAME', 'name is required for a new product'],
        [
          6,
          'BAD-SET',
          'the catalog has no attribute set "Apparel" — import with --create-missing (or through Catalog > Import in the admin) to create them',
        ],
        [7, 'BAD-SITE', 'unknown website "fr" in product_websites'],
        [8, 'NOBODY', 'unknown store view "default" in store_view_code'],
        [
          9,
          'CONF',
          'configurable_variations: variation sku "LATER" does not exist (a child must be in the catalog or earlier in the file)',
        ],
        [11, 'SHORT', 'the record has 4 cells, the header has 11'],
      ],
    );
    assert.deepEqual([result.imported, result.updated, result.failed], [3, 0, 8]);
    const skus = (await db('products').orderBy('sku').select('sku')).map((p) => p.sku);
    assert.deepEqual(skus, ['LATER', 'OK-1', 'OK-2']);
    assert.equal((await value(db, 'OK-2', 'ean')).value, '4006381333931', 'an extra column is an attribute');
  });

  it('updates on re-import: given cells change, empty cells keep, __EMPTY__VALUE__ clears', async () => {
    const header = 'sku,attribute_set_code,product_type,product_websites,name,price,special_price,weight,additional_attributes';
    await importProductsCsv(db, csv(`${header}\nUP-1,Default,simple,base,Alpha,10,8,1.5,"ean=111,brand=Acme"\n`), { createMissing: true });
    const before = await product(db, 'UP-1');
    const result = await importProductsCsv(db, csv(`${header}\nUP-1,,,,,12,__EMPTY__VALUE__,,brand=Globex\n`));
    assert.deepEqual(result, { imported: 0, updated: 1, failed: 0, errors: [] });
    const after = await product(db, 'UP-1');
    assert.equal(after.id, before.id);
    assert.equal(Number(after.price), 12);
    assert.equal(after.special_price, null);
    assert.equal(after.name, 'Alpha');
    assert.equal(Number(after.weight), 1.5);
    assert.equal(after.type, 'simple');
    assert.equal(after.created_at, before.created_at);
    assert.equal((await value(db, 'UP-1', 'ean')).value, '111');
    assert.equal((await value(db, 'UP-1', 'brand')).value, 'Globex');
    assert.deepEqual(
      (await changesOf(db, 'UP-1')).map((c) => [c.kind, c.details.action]),
      [
        ['product', 'created'],
        ['product', 'updated'],
      ],
    );
  });

  it('creates identifier attributes on first use, others with createMissing, and keeps commas, quotes and long text in values', async () => {
    const long = 'x'.repeat(300);
    const header = 'sku,attribute_set_code,product_type,name,description,additional_attributes';
    const row = `AT-1,Default,simple,Attrs,${long},"ean=4006381333931,upc=036000291452,material=Cotton, Polyester,brand=Acme, Inc.,color=Red"`;
    const without = await importProductsCsv(db, csv(`${header}\n${row}\n`));
    assert.deepEqual(
      without.errors.map((e) => e.reason),
      [
        'the catalog has no attributes material, brand, color — import with --create-missing (or through Catalog > Import in the admin) to create them',
      ],
    );
    assert.deepEqual(without.missing, { attributeSets: [], attributes: ['material', 'brand', 'color'], options: [] });
    assert.equal((await importProductsCsv(db, csv(`${header}\n${row}\n`), { createMissing: true })).imported, 1);
    assert.equal((await value(db, 'AT-1', 'material')).value, 'Cotton, Polyester');
    assert.equal((await value(db, 'AT-1', 'brand')).value, 'Acme, Inc.');
    assert.deepEqual(await value(db, 'AT-1', 'description'), { value: null, long_value: long });
    const attributes = await db('attributes').orderBy('code').select('code', 'label', 'type');
    assert.deepEqual(
      attributes.map((a) => [a.code, a.label, a.type]),
      [
        ['brand', 'Brand', 'text'],
        ['color', 'Color', 'text'],
        ['description', 'Description', 'textarea'],
        ['ean', 'EAN', 'text'],
        ['material', 'Material', 'text'],
        ['upc', 'UPC', 'text'],
      ],
    );
    // They join the product's attribute set, so the set lists what its products carry.
    assert.equal(Number((await db('attribute_set_attributes').count({ n: '*' }).first())?.n), 6);
  });

  it('turns a text attribute into a select when a later batch makes it a super attribute', async () => {
    // Text attributes from an earlier import (a new one would be planned as a select from the start).
    await createAttribute(db, 'color', 'text');
    await createAttribute(db, 'size', 'text');
    const header =
      'sku,attribute_set_code,product_type,visibility,name,price,additional_attributes,configurable_variations,configurable_variation_labels';
    const text = [
      header,
      'TEE-R,Default,simple,Not Visible Individually,Tee Red,10,"color=Red,size=M",,',
      'TEE-B,Default,simple,Not Visible Individually,Tee Blue,10,"color=Blue,size=M",,',
      'TEE,Default,configurable,"Catalog, Search",Tee,10,,"sku=TEE-R,color=Red,size=M|sku=TEE-B,color=Blue,size=M","color=Colour,size=Size"',
    ].join('\n');
    const result = await importProductsCsv(db, csv(text), { batchSize: 1 });
    assert.deepEqual([result.imported, result.failed], [3, 0]);
    for (const [code, options] of [
      ['color', ['Red', 'Blue']],
      ['size', ['M']],
    ] as const) {
      const attribute = await db('attributes').where({ code }).first();
      assert.equal(attribute.type, 'select', code);
      const stored = await db('attribute_options').where({ attribute_id: attribute.id }).orderBy('sort_order').select('value');
      assert.deepEqual(
        stored.map((o) => o.value),
        options,
      );
    }
    const supers = await db('product_super_attributes as s')
      .join('attributes as a', 'a.id', 's.attribute_id')
      .orderBy('s.position')
      .select('a.code', 's.label');
    assert.deepEqual(
      supers.map((s) => [s.code, s.label]),
      [
        ['color', 'Colour'],
        ['size', 'Size'],
      ],
    );
  });

  it('puts qty and stock settings on the default source and logs each stock change once', async () => {
    const header =
      'sku,attribute_set_code,product_type,name,qty,is_in_stock,manage_stock,use_config_manage_stock,allow_backorders,use_config_backorders,out_of_stock_qty,use_config_min_qty';
    await importProductsCsv(db, csv(`${header}\nST-1,Default,simple,Stocked,7,,0,0,1,0,2,0\nST-2,Default,simple,Plain,0,,,,,,,\n`));
    const item = async (sku: string) => db('source_items').where({ sku, source_code: 'default' }).first('quantity', 'in_stock');
    assert.deepEqual(await item('ST-1'), { quantity: 7, in_stock: 1 });
    assert.deepEqual(await item('ST-2'), { quantity: 0, in_stock: 0 }, 'qty 0 without is_in_stock is out of stock');
    const settings = await db('product_stock_settings as s').join('products as p', 'p.id', 's.product_id').where('p.sku', 'ST-1').first();
    assert.deepEqual([Number(settings.manage_stock), settings.backorders, Number(settings.min_qty)], [0, 'allow', 2]);
    // Default Source and Default Stock exist, linked to each other and to the default website.
    const link = await db('stock_sources as ss')
      .join('stocks as s', 's.id', 'ss.stock_id')
      .where('ss.source_code', 'default')
      .first('s.name');
    assert.equal(link.name, 'Default Stock');
    assert.equal(Number((await db('stock_websites').count({ n: '*' }).first())?.n), 1);

    await importProductsCsv(db, csv(`${header}\nST-1,,,,7,,,,,,,\n`));
    await importProductsCsv(db, csv(`${header}\nST-1,,,,3,0,,,,,,\n`));
    assert.deepEqual(await item('ST-1'), { quantity: 3, in_stock: 0 });
    const stock = (await changesOf(db, 'ST-1')).filter((c) => c.kind === 'stock').map((c) => c.details);
    assert.deepEqual(stock, [
      { source: 'default', quantity: 7, inStock: true },
      { source: 'default', quantity: 3, inStock: false },
    ]);
  });

  it('stores store-view overrides and leaves the default values alone', async () => {
    const [websiteId] = (await db('websites').select('id')).map((w) => w.id);
    await db('store_views').insert({ website_id: websiteId, code: 'de', name: 'German' });
    const text = `${HEADER}\nSV-1,,Default,simple,base,Bag,Roomy,5,color=Red\nSV-1,de,,,,Tasche,Geräumig,,color=Rot\n`;
    assert.deepEqual(outcome(await importProductsCsv(db, csv(text), { createMissing: true })), {
      imported: 1,
      updated: 0,
      failed: 0,
      errors: [],
    });
    const overrides = await db('product_attribute_store_values as v')
      .join('attributes as a', 'a.id', 'v.attribute_id')
      .orderBy('a.code')
      .select('a.code', 'v.value');
    assert.deepEqual(
      overrides.map((o) => [o.code, o.value]),
      [
        ['color', 'Rot'],
        ['description', 'Geräumig'],
        ['name', 'Tasche'],
      ],
    );
    assert.equal((await product(db, 'SV-1')).name, 'Bag');
    assert.equal((await value(db, 'SV-1', 'color')).value, 'Red');
  });

  it('writes a row all or nothing: a row the database refuses leaves no trace, its batch neighbours are kept', async () => {
    class RefusingChangeLog extends ChangeLog {
      override async record(trx: Knex, changes: ChangeInput[]): Promise<void> {
        if (changes.some((c) => c.sku === 'AON-2')) throw new Error('change log refused AON-2');
        return super.record(trx, changes);
      }
    }
    const header = 'sku,attribute_set_code,product_type,product_websites,name,qty,additional_attributes';
    const text = `${header}\nAON-1,Default,simple,base,One,1,ean=1\nAON-2,Default,simple,base,Two,2,ean=2\nAON-3,Default,simple,base,Three,3,ean=3\n`;
    const result = await importProductsCsv(db, csv(text), { changes: new RefusingChangeLog(db) });
    assert.deepEqual([result.imported, result.failed], [2, 1]);
    assert.deepEqual(result.errors, [{ row: 3, sku: 'AON-2', reason: 'could not be saved: change log refused AON-2' }]);
    assert.equal(await product(db, 'AON-2'), undefined);
    assert.equal(await db('source_items').where({ sku: 'AON-2' }).first(), undefined);
    assert.equal(Number((await db('product_attribute_values').count({ n: '*' }).first())?.n), 2);
    assert.equal(Number((await db('product_websites').count({ n: '*' }).first())?.n), 2);
    assert.deepEqual(
      (await changesOf(db, 'AON-3')).map((c) => c.kind),
      ['product', 'stock'],
    );
  });

  it('imports source items: unknown skus and composite products are refused, missing status follows the quantity', async () => {
    await db('sources').insert({ code: 'wh', name: 'Warehouse', enabled: true, country: 'US' });
    await importProductsCsv(db, csv('sku,attribute_set_code,product_type,name\nSI-1,Default,simple,One\nSI-C,Default,configurable,Conf\n'));
    const text = 'source_code,sku,status,quantity\nwh,SI-1,,4\nwh,SI-C,1,4\nwh,GHOST,1,1\nwh,SI-1,x,1\n';
    const result = await importSourceItemsCsv(db, csv(text));
    assert.deepEqual(
      result.errors.map((e) => [e.row, e.sku, e.reason]),
      [
        [3, 'SI-C', 'a configurable product has no source items (its children hold the stock)'],
        [4, 'GHOST', 'unknown sku "GHOST"'],
        [5, 'SI-1', 'status: "x" must be 1 or 0'],
      ],
    );
    assert.deepEqual(await db('source_items').where({ sku: 'SI-1', source_code: 'wh' }).first('quantity', 'in_stock'), {
      quantity: 4,
      in_stock: 1,
    });
  });

  it('refuses a file it cannot read at all', async () => {
    await assert.rejects(
      importProductsCsv(db, path.join(os.tmpdir(), 'no-such-file.csv')),
      (e: Error) => e instanceof ImportFileError && /cannot read/.test(e.message),
    );
    await assert.rejects(importProductsCsv(db, csv('name,price\nA,1\n')), /the header has no sku column/);
    await assert.rejects(importSourceItemsCsv(db, csv('')), /the file is empty/);
    assert.equal(await db('sources').first(), undefined, 'nothing was created for an unreadable file');
  });

  describe('npm run catalog:import', () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/catalog-import.ts', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: 'silent' },
      });

    it('prints failed rows and the summary lines, exit 0; exit 1 for a missing file', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-import-cli-'));
      const products = path.join(dir, 'products.csv');
      const sources = path.join(dir, 'sources.csv');
      fs.writeFileSync(
        products,
        'sku,attribute_set_code,product_type,name,price,qty\nA,Default,simple,Alpha,1,5\nB,Default,simple,Beta,abc,1\n',
      );
      fs.writeFileSync(sources, 'source_code,sku,status,quantity\ndefault,A,1,9\nnowhere,A,1,1\n');
      try {
        const ok = run([products, '--sources', sources]);
        assert.equal(ok.status, 0, ok.stderr);
        const lines = ok.stdout.trim().split('\n');
        assert.deepEqual(lines, [
          'row 3 (sku "B"): price: "abc" is not a number',
          'row 3 (sku "A"): unknown source "nowhere" in source_code',
          'imported 1 products, updated 0, failed 1',
          'source items: imported 0, updated 1, failed 1',
        ]);
        const missing = run([path.join(dir, 'missing.csv')]);
        assert.equal(missing.status, 1);
        assert.match(missing.stderr, /cannot read .*missing\.csv/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
