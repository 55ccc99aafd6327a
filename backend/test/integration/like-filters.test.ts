/**
 * "Contains" filters take the admin's text literally on both engines: `%`, `_`, `\` and `!` (the escape
 * character) match only themselves — in the audit log, the product grid, the attribute list, the listings
 * grid and listing rules.
 */
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app';
import { bearerClient, createBearerToken, type Client } from '../helpers/bearer';
import { NOW, seedCatalog, type SeededCatalog } from './catalog-seed';

const ODD = ['A%B', 'A_B', 'A\\B', 'A!B', 'AXB'];

describe('LIKE filters take text literally', function () {
  this.timeout(60_000);
  let t: TestApp;
  let seed: SeededCatalog;
  let api: Client;
  let storeId: number;
  before(async () => {
    t = await buildTestApp();
    seed = await seedCatalog(t.db.knex);
    api = bearerClient(t.app, await createBearerToken(t.app, t.adminCookie));
    const db = t.db.knex;
    const setId = Number((await db('attribute_sets').where({ code: 'default' }).first('id')).id);
    for (const sku of ODD) {
      await db('products').insert({
        sku,
        type: 'simple',
        name: `Odd ${sku}`,
        price: 1,
        attribute_set_id: setId,
        status: 'enabled',
        visibility: 'catalog_search',
        created_at: NOW,
        updated_at: NOW,
      });
    }
    const store = await api({
      method: 'POST',
      url: '/api/stores',
      payload: {
        name: 'Outdoor US',
        email: 'amazon@shop.example',
        websiteCode: 'base',
        country: 'US',
        productIdType: 'ean',
        productIdAttribute: 'ean',
      },
    });
    storeId = store.json<{ id: number }>().id;
    for (const sku of ODD)
      await db('listings').insert({ store_id: storeId, sku, seller_sku: sku, status: 'active', created_at: NOW, updated_at: NOW });
    // Audit lines by three users whose e-mails differ where a wildcard would hide it.
    await db('audit_log').insert(
      ['ops%team@example.com', 'ops_team@example.com', 'opsxteam@example.com'].map((email) => ({
        user_email: email,
        action: 'probe',
        entity_type: 'test',
        created_at: NOW,
      })),
    );
  });
  after(async () => t?.close());

  const get = async <T>(url: string): Promise<T> => {
    const res = await api({ method: 'GET', url });
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    return res.json<T>();
  };
  const q = encodeURIComponent;

  it('in the audit log user filter', async () => {
    const emails = async (user: string) =>
      (await get<{ items: { userEmail: string; action: string }[] }>(`/api/audit-log?action=probe&user=${q(user)}`)).items
        .map((i) => i.userEmail)
        .sort();
    assert.deepEqual(await emails('%'), ['ops%team@example.com']);
    assert.deepEqual(await emails('ops_team'), ['ops_team@example.com']);
    assert.deepEqual(await emails('OPS'), ['ops%team@example.com', 'ops_team@example.com', 'opsxteam@example.com']);
  });

  it('in the product grid and the attribute list', async () => {
    for (const sku of ODD) {
      const found = await get<{ items: { sku: string }[] }>(`/api/catalog/products?sku=${q(sku.toLowerCase())}`);
      assert.deepEqual(
        found.items.map((i) => i.sku),
        [sku],
        sku,
      );
    }
    const attributes = await get<{ code: string }[] | { items: { code: string }[] }>(`/api/catalog/attributes?q=${q('%')}`);
    assert.deepEqual(Array.isArray(attributes) ? attributes : attributes.items, []);
  });

  it('in the listings grid', async () => {
    for (const sku of ODD) {
      const found = await get<{ items: { sku: string }[] }>(`/api/stores/${storeId}/listings?q=${q(sku)}`);
      assert.deepEqual(
        found.items.map((i) => i.sku),
        [sku],
        sku,
      );
    }
  });

  it('in listing rules (contains and starts with)', async () => {
    const preview = async (operator: string, value: string) => {
      const res = await api({
        method: 'POST',
        url: `/api/stores/${storeId}/listing-rule/preview?list=eligible&pageSize=200`,
        payload: {
          conditions: {
            kind: 'combine',
            aggregator: 'all',
            value: true,
            conditions: [{ kind: 'condition', field: 'attribute', attribute: 'name', operator, value }],
          },
        },
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<{ items: { sku: string }[] }>().items.map((i) => i.sku);
    };
    await t.db
      .knex('product_attribute_values')
      .insert({ product_id: seed.products['BAG-1'], attribute_id: seed.attributes.name, value: 'Joust 50% Duffle' });
    assert.deepEqual(await preview('contains', '50%'), ['BAG-1']);
    assert.deepEqual(await preview('contains', '50_'), []);
    assert.deepEqual(await preview('starts_with', 'joust 50%'), ['BAG-1']);
    assert.deepEqual(await preview('starts_with', 'joust 50_'), []);
    assert.deepEqual(await preview('starts_with', '%'), []);
  });
});
