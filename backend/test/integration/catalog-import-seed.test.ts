/** The demo catalog seed (SEED_DEMO_DATA=true): what an empty catalog holds afterwards. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Knex } from 'knex';
import { DEMO_CATALOG_DIR, seedDemoCatalog } from '../../src/catalog/import/index';
import { salableQty } from '../../src/catalog/inventory.queries';
import { createTestDb, type TestDb } from '../helpers/db';

const readCsv = (name: string): Record<string, string>[] =>
  parse(fs.readFileSync(path.join(DEMO_CATALOG_DIR, name)), { columns: true, skip_empty_lines: true });

const count = async (db: Knex, table: string, where: Record<string, unknown> = {}) =>
  Number((await db(table).where(where).count({ n: '*' }).first())?.n);

describe('catalog import: demo catalog seed', () => {
  let t: TestDb;
  const lines: string[] = [];
  const products = readCsv('products.csv');
  const sourceItems = readCsv('source_items.csv');

  before(async () => {
    t = await createTestDb();
    await seedDemoCatalog(t.knex, (line) => lines.push(line));
  });
  after(async () => t.drop());

  it('holds every product of products.csv, simples and configurables with their variants', async () => {
    const db = t.knex;
    const configurables = products.filter((p) => p.product_type === 'configurable');
    assert.ok(configurables.length >= 25 && products.length >= 300, 'the demo is a few hundred products');
    assert.equal(await count(db, 'products'), products.length);
    assert.equal(await count(db, 'products', { type: 'configurable' }), configurables.length);
    const variants = configurables.reduce((n, p) => n + p.configurable_variations!.split('|').length, 0);
    assert.equal(await count(db, 'product_relations'), variants);
    assert.equal(await count(db, 'products', { status: 'disabled' }), products.filter((p) => p.product_online === '2').length);
    assert.match(
      lines.join('\n'),
      new RegExp(`demo catalog seeded: ${products.length} products \\(0 rows failed\\), ${sourceItems.length} source items`),
    );
  });

  it('creates Main Website (base, USD) with its store view, and us-east and us-west in the Default Stock it sells from', async () => {
    const db = t.knex;
    const website = await db('websites').where({ code: 'base' }).first();
    assert.deepEqual([website.name, website.base_currency, Number(website.is_default)], ['Main Website', 'USD', 1]);
    assert.equal((await db('store_views').where({ code: 'default' }).first()).website_id, website.id);
    const stock = await db('stock_websites as sw')
      .join('stocks as s', 's.id', 'sw.stock_id')
      .where('sw.website_id', website.id)
      .first('s.id', 's.name');
    assert.equal(stock.name, 'Default Stock');
    const sources = await db('stock_sources').where({ stock_id: stock.id }).orderBy('source_code').select('source_code');
    assert.deepEqual(
      sources.map((s) => s.source_code),
      ['default', 'us-east', 'us-west'],
    );
    assert.equal(
      await count(db, 'source_items', { source_code: 'us-east' }),
      sourceItems.filter((s) => s.source_code === 'us-east').length,
    );
  });

  it('gives a two-source sku the sum of both sources as salable quantity', async () => {
    const db = t.knex;
    const bySku = new Map<string, Record<string, string>[]>();
    for (const item of sourceItems) bySku.set(item.sku!, [...(bySku.get(item.sku!) ?? []), item]);
    const twoSource = [...bySku].filter(([, items]) => items.length === 2 && items.every((i) => i.status === '1')).map(([sku]) => sku);
    assert.ok(twoSource.length >= 50, `the demo has many two-source skus (found ${twoSource.length})`);
    const stockId = Number((await db('stocks').where({ name: 'Default Stock' }).first('id')).id);
    const salable = await salableQty(db, { stockId, skus: twoSource });
    for (const sku of twoSource) {
      const expected = bySku.get(sku)!.reduce((sum, i) => sum + Number(i.quantity), 0);
      assert.equal(salable.get(sku)?.salableQty, expected, sku);
    }
  });

  it('carries identifiers, stock settings and special prices as the CSV says', async () => {
    const db = t.knex;
    const codes = (await db('attributes').select('code')).map((a) => a.code);
    for (const code of ['ean', 'upc', 'isbn', 'brand', 'manufacturer', 'color', 'size']) assert.ok(codes.includes(code), code);
    const eans = await db('product_attribute_values as v')
      .join('attributes as a', 'a.id', 'v.attribute_id')
      .where('a.code', 'ean')
      .count({ n: '*' })
      .first();
    assert.equal(Number(eans?.n), products.filter((p) => /(^|,)ean=/.test(p.additional_attributes!)).length);
    const unmanaged = products.filter((p) => p.manage_stock === '0').length;
    assert.ok(unmanaged > 0);
    assert.equal(await count(db, 'product_stock_settings', { manage_stock: false }), unmanaged);
    assert.ok(
      (await count(db, 'product_stock_settings', { backorders: 'allow' })) +
        (await count(db, 'product_stock_settings', { backorders: 'allow_notify' })) >
        0,
    );
    const special = products.filter((p) => p.special_price !== '');
    assert.ok(special.length > 0);
    assert.equal(Number((await db('products').whereNotNull('special_price').count({ n: '*' }).first())?.n), special.length);
  });

  it('leaves a catalog that has products alone', async () => {
    const before = await count(t.knex, 'catalog_changes');
    const again = await seedDemoCatalog(t.knex, () => undefined);
    assert.deepEqual(again, { seeded: false });
    assert.equal(await count(t.knex, 'catalog_changes'), before);
  });
});
