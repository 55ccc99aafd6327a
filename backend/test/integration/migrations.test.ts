/** Migrations run up, down and up again on each engine, and the keys they declare are enforced. */
import assert from 'node:assert/strict';
import { toDbTime } from '../../src/db/time';
import { createTestDb, type TestDb } from '../helpers/db';

describe('migrations and keys', () => {
  let db: TestDb;
  before(async () => {
    db = await createTestDb({ migrate: false });
  });
  after(async () => db.drop());

  it('apply, roll back completely, and apply again', async function () {
    // Three full passes of DDL: MariaDB needs well over mocha's default on a busy machine.
    this.timeout(120_000);
    const [, applied] = (await db.knex.migrate.latest()) as [number, string[]];
    assert.ok(applied.length >= 4, 'all migrations applied');
    assert.ok(await db.knex.schema.hasTable('products'));
    await db.knex.migrate.rollback(undefined, true);
    assert.equal(await db.knex.schema.hasTable('products'), false, 'down removes the tables');
    assert.equal(await db.knex.schema.hasTable('admin_users'), false);
    const [, again] = (await db.knex.migrate.latest()) as [number, string[]];
    assert.deepEqual(again, applied);
  });

  async function seedProduct(sku: string) {
    const now = toDbTime();
    const [setId] = await db.knex('attribute_sets').insert({ code: `set-${sku}`, name: 'Set' });
    await db.knex('products').insert({
      sku,
      type: 'simple',
      attribute_set_id: setId,
      name: sku,
      price: 10,
      created_at: now,
      updated_at: now,
    });
  }

  it('enforces unique keys (one product per sku)', async () => {
    await seedProduct('UNIQ-1');
    const now = toDbTime();
    const set = await db.knex('attribute_sets').first();
    await assert.rejects(
      db
        .knex('products')
        .insert({ sku: 'UNIQ-1', type: 'simple', attribute_set_id: set.id, name: 'dup', created_at: now, updated_at: now }),
      /UNIQUE|Duplicate/i,
    );
  });

  it('enforces foreign keys (no stock for an unknown sku or source)', async () => {
    await db.knex('sources').insert({ code: 'wh-1', name: 'Warehouse 1', enabled: true, country: 'US' });
    await assert.rejects(
      db.knex('source_items').insert({ sku: 'NO-SUCH-SKU', source_code: 'wh-1', quantity: 1, in_stock: true }),
      /FOREIGN KEY|foreign key constraint/i,
    );
    await seedProduct('FK-1');
    await assert.rejects(
      db.knex('source_items').insert({ sku: 'FK-1', source_code: 'nowhere', quantity: 1, in_stock: true }),
      /FOREIGN KEY|foreign key constraint/i,
    );
  });

  it('cascades a product deletion to its stock, and a sku rename to its source items', async () => {
    await seedProduct('CASCADE-1');
    await db.knex('source_items').insert({ sku: 'CASCADE-1', source_code: 'wh-1', quantity: 3, in_stock: true });
    await db.knex('products').where({ sku: 'CASCADE-1' }).update({ sku: 'CASCADE-2' });
    assert.equal((await db.knex('source_items').where({ sku: 'CASCADE-2' })).length, 1);
    await db.knex('products').where({ sku: 'CASCADE-2' }).delete();
    assert.equal((await db.knex('source_items').where({ sku: 'CASCADE-2' })).length, 0);
  });
});
