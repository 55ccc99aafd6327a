import assert from 'node:assert/strict';
import { salableQty, SALABLE_CHUNK } from '../../src/catalog/inventory.queries';
import { createTestDb, type TestDb } from '../helpers/db';
import { NOW, seedCatalog, type SeededCatalog } from './catalog-seed';

describe('catalog: salable quantity', () => {
  let db: TestDb;
  let seed: SeededCatalog;
  before(async () => {
    db = await createTestDb();
    seed = await seedCatalog(db.knex);
  });
  after(async () => db.drop());

  const main = async (skus?: string[]) => salableQty(db.knex, { skus, stockId: seed.stocks.main });

  it('sums in-stock items of the enabled sources of the stock, minus the threshold, plus reservations', async () => {
    const bag = (await main(['BAG-1'])).get('BAG-1');
    // 10 (wh_a) + 5 (wh_b) − threshold 2 + (−3 + 1) reserved; wh_off is disabled, eu_wh is in the other stock.
    assert.deepEqual(bag, { salableQty: 11, isSalable: true, manageStock: true, backorders: 'no', threshold: 2 });
  });

  it('answers per stock: the EU stock only counts its own source', async () => {
    const eu = await salableQty(db.knex, { skus: ['BAG-1', 'LAMP'], stockId: seed.stocks.eu });
    assert.equal(eu.get('BAG-1')?.salableQty, 5, '7 on eu_wh − threshold 2, no EU reservations');
    assert.equal(eu.get('LAMP')?.salableQty, 9);
  });

  it('ignores a source that is disabled until it is enabled', async () => {
    await db.knex('sources').where({ code: 'wh_off' }).update({ enabled: 1 });
    try {
      assert.equal((await main(['BAG-1'])).get('BAG-1')?.salableQty, 111);
    } finally {
      await db.knex('sources').where({ code: 'wh_off' }).update({ enabled: 0 });
    }
    assert.equal((await main(['BAG-1'])).get('BAG-1')?.salableQty, 11);
  });

  it('ignores a source item that is out of stock, whatever its quantity', async () => {
    // TEE-RED-S: 4 on wh_a, 6 on wh_b flagged out of stock, 1 reserved.
    assert.equal((await main(['TEE-RED-S'])).get('TEE-RED-S')?.salableQty, 3);
    await db.knex('source_items').where({ sku: 'TEE-RED-S', source_code: 'wh_b' }).update({ in_stock: 1 });
    try {
      assert.equal((await main(['TEE-RED-S'])).get('TEE-RED-S')?.salableQty, 9);
    } finally {
      await db.knex('source_items').where({ sku: 'TEE-RED-S', source_code: 'wh_b' }).update({ in_stock: 0 });
    }
  });

  it('does not count stock on a source that is not linked to the stock', async () => {
    const lamp = (await main(['LAMP'])).get('LAMP');
    assert.equal(lamp?.salableQty, 0);
    assert.equal(lamp?.isSalable, false);
  });

  it('lets reservations take the quantity below zero and compensations give it back', async () => {
    await db
      .knex('reservations')
      .insert({ sku: 'BAG-1', stock_id: seed.stocks.main, quantity: -20, reason: 'order_placed', reference: 'X', created_at: NOW });
    const held = (await main(['BAG-1'])).get('BAG-1');
    assert.equal(held?.salableQty, -9);
    assert.equal(held?.isSalable, false);
    await db
      .knex('reservations')
      .insert({ sku: 'BAG-1', stock_id: seed.stocks.main, quantity: 20, reason: 'order_canceled', reference: 'X', created_at: NOW });
    assert.equal((await main(['BAG-1'])).get('BAG-1')?.salableQty, 11);
  });

  it('gives a product without source items 0, salable only when stock is not managed or backorders are allowed', async () => {
    const all = await main(['TEE-BLUE-M', 'PEN', 'MUG']);
    assert.deepEqual(all.get('TEE-BLUE-M'), { salableQty: 0, isSalable: false, manageStock: true, backorders: 'no', threshold: 0 });
    assert.deepEqual(all.get('PEN'), { salableQty: 0, isSalable: true, manageStock: false, backorders: 'no', threshold: 0 });
    assert.deepEqual(all.get('MUG'), { salableQty: 0, isSalable: true, manageStock: true, backorders: 'allow', threshold: 0 });
  });

  it('subtracts the threshold even without source items, and answers every product when no SKUs are given', async () => {
    const everything = await main();
    assert.deepEqual([...everything.keys()].sort(), Object.keys(seed.products).sort());
    assert.equal(everything.get('BAG-1')?.salableQty, 11);
    const missing = await main(['NOT-A-PRODUCT', 'BAG-1']);
    assert.deepEqual([...missing.keys()], ['BAG-1'], 'SKUs that are not products are left out');
  });

  it('is served to other domains by app.catalog.inventory', async () => {
    const { buildTestApp } = await import('../helpers/app');
    const t = await buildTestApp({ db });
    try {
      const viaApp = await t.app.catalog.inventory.salableQty(['BAG-1', 'TEE-RED-S'], seed.stocks.main);
      assert.equal(viaApp.get('BAG-1')?.salableQty, 11);
      assert.equal(viaApp.get('TEE-RED-S')?.salableQty, 3);
    } finally {
      await t.app.close();
    }
  });

  it('answers more SKUs than one statement may bind, in chunks', async () => {
    const count = SALABLE_CHUNK * 2 + 7;
    const setId = (await db.knex('attribute_sets').first('id')).id;
    const skus = Array.from({ length: count }, (_, i) => `BULK-${String(i).padStart(5, '0')}`);
    for (let i = 0; i < count; i += 500) {
      const part = skus.slice(i, i + 500);
      await db
        .knex('products')
        .insert(part.map((sku) => ({ sku, type: 'simple', name: sku, attribute_set_id: setId, created_at: NOW, updated_at: NOW })));
      await db.knex('source_items').insert(part.map((sku, j) => ({ sku, source_code: 'wh_a', quantity: (i + j) % 7, in_stock: 1 })));
    }
    const result = await main([...skus, 'BAG-1']);
    assert.equal(result.size, count + 1);
    assert.equal(result.get('BULK-00000')?.salableQty, 0);
    assert.equal(result.get(`BULK-${String(count - 1).padStart(5, '0')}`)?.salableQty, (count - 1) % 7);
    assert.equal(result.get('BAG-1')?.salableQty, 11);
  });
});
