import assert from 'node:assert/strict';
import { ensureInstallDefaults } from '../../src/catalog/install-defaults';
import { createTestDb, type TestDb } from '../helpers/db';

describe('catalog install defaults', () => {
  let db: TestDb;
  before(async () => {
    db = await createTestDb();
  });
  after(async () => db.drop());

  it('gives an empty catalog the Main Website, its store view and the Default Stock with the Default Source', async () => {
    assert.deepEqual(await ensureInstallDefaults(db.knex), { created: true });
    const website = await db.knex('websites').where({ code: 'base' }).first();
    assert.equal(website.base_currency, 'USD');
    assert.ok(await db.knex('store_views').where({ code: 'default', website_id: website.id }).first());
    const link = await db.knex('stock_websites').where({ website_id: website.id }).first();
    assert.ok(await db.knex('stock_sources').where({ stock_id: link.stock_id, source_code: 'default' }).first());
  });

  it('leaves a catalog that has websites alone', async () => {
    assert.deepEqual(await ensureInstallDefaults(db.knex), { created: false });
    assert.equal((await db.knex('websites')).length, 1);
  });
});
