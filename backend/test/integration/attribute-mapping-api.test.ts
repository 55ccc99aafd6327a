/** The Attributes page API: Amazon attributes mapped to catalog attributes per marketplace, validated and audited. */
import assert from 'node:assert/strict';
import { as, buildTestApp, type TestApp } from '../helpers/app';
import { seedCatalog } from './catalog-seed';

type Mapping = {
  id: number;
  country: string;
  marketplaceId: string;
  amazonAttribute: string;
  catalogAttribute: string;
  source: 'product_field' | 'attribute';
  isActive: boolean;
  overwriteExisting: boolean;
  storeViews: string[];
};
type Fields = { error: { details: { fields: { field: string; message: string }[] } } };

describe('attribute mapping API', function () {
  this.timeout(30_000);
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await seedCatalog(t.db.knex);
  });
  after(async () => t?.close());

  const manager = () => as(t.app, t.managerCookie);
  const fieldsOf = (res: { json<T>(): T }) =>
    res
      .json<Fields>()
      .error.details.fields.map((f) => f.field)
      .sort();

  it('lists the Amazon attributes that can be mapped', async () => {
    const res = await manager()({ method: 'GET', url: '/api/attribute-mapping/amazon-attributes' });
    const codes = res.json<{ code: string }[]>().map((a) => a.code);
    for (const c of [
      'item_name',
      'brand',
      'manufacturer',
      'color',
      'size',
      'bullet_point',
      'product_description',
      'model_number',
      'externally_assigned_product_identifier',
      'part_number',
    ]) {
      assert.ok(codes.includes(c), c);
    }
  });

  let id: number;

  it('a Catalog Manager maps an attribute for a marketplace (defaults: active, do not overwrite, all store views)', async () => {
    const res = await manager()({
      method: 'POST',
      url: '/api/attribute-mapping',
      payload: { country: 'US', amazonAttribute: 'color', catalogAttribute: 'color' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const m = res.json<Mapping>();
    id = m.id;
    assert.deepEqual(
      { ...m, id: 0 },
      {
        ...m,
        id: 0,
        country: 'US',
        marketplaceId: 'ATVPDKIKX0DER',
        amazonAttribute: 'color',
        catalogAttribute: 'color',
        source: 'attribute',
        isActive: true,
        overwriteExisting: false,
        storeViews: [],
      },
    );
  });

  it("maps the product's name, SKU and price like attributes (they are product fields, not attributes)", async () => {
    const made: number[] = [];
    for (const [amazonAttribute, catalogAttribute] of [
      ['model_number', 'sku'],
      ['generic_keyword', 'name'],
      ['part_number', 'price'],
    ]) {
      const res = await manager()({
        method: 'POST',
        url: '/api/attribute-mapping',
        payload: { country: 'CA', amazonAttribute, catalogAttribute },
      });
      assert.equal(res.statusCode, 201, res.body);
      const m = res.json<Mapping>();
      assert.deepEqual([m.catalogAttribute, m.source], [catalogAttribute, 'product_field']);
      made.push(m.id);
    }
    // Switching a mapping between a product field and an attribute, both ways.
    const toAttr = await manager()({ method: 'PATCH', url: `/api/attribute-mapping/${made[0]}`, payload: { catalogAttribute: 'ean' } });
    assert.deepEqual([toAttr.json<Mapping>().catalogAttribute, toAttr.json<Mapping>().source], ['ean', 'attribute']);
    const back = await manager()({ method: 'PATCH', url: `/api/attribute-mapping/${made[0]}`, payload: { catalogAttribute: 'sku' } });
    assert.equal(back.json<Mapping>().source, 'product_field');
    for (const m of made) assert.equal((await manager()({ method: 'DELETE', url: `/api/attribute-mapping/${m}` })).statusCode, 204);
  });

  it('validates with the field named: marketplace, Amazon attribute, catalog attribute, store views, duplicates', async () => {
    const bad = await manager()({
      method: 'POST',
      url: '/api/attribute-mapping',
      payload: { country: 'ZZ', amazonAttribute: 'nope', catalogAttribute: 'missing', storeViews: ['default', 'xx'] },
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(fieldsOf(bad), ['body.amazonAttribute', 'body.catalogAttribute', 'body.country', 'body.storeViews']);
    const dup = await manager()({
      method: 'POST',
      url: '/api/attribute-mapping',
      payload: { country: 'US', amazonAttribute: 'color', catalogAttribute: 'name' },
    });
    assert.deepEqual(fieldsOf(dup), ['body.amazonAttribute']);
    assert.match(dup.body, /already mapped for United States/);
    // The same Amazon attribute in another marketplace is its own mapping.
    const de = await manager()({
      method: 'POST',
      url: '/api/attribute-mapping',
      payload: { country: 'DE', amazonAttribute: 'color', catalogAttribute: 'color', storeViews: ['de'] },
    });
    assert.equal(de.statusCode, 201, de.body);
  });

  it('edits (active, overwrite, store views, catalog attribute), lists per marketplace, deletes; all audited', async () => {
    const res = await manager()({
      method: 'PATCH',
      url: `/api/attribute-mapping/${id}`,
      payload: { isActive: false, overwriteExisting: true, storeViews: ['default'], catalogAttribute: 'name' },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      (({ isActive, overwriteExisting, storeViews, catalogAttribute }) => ({ isActive, overwriteExisting, storeViews, catalogAttribute }))(
        res.json<Mapping>(),
      ),
      { isActive: false, overwriteExisting: true, storeViews: ['default'], catalogAttribute: 'name' },
    );
    const bad = await manager()({ method: 'PATCH', url: `/api/attribute-mapping/${id}`, payload: { catalogAttribute: 'ghost' } });
    assert.deepEqual(fieldsOf(bad), ['body.catalogAttribute']);
    const us = await manager()({ method: 'GET', url: '/api/attribute-mapping?country=US' });
    assert.deepEqual(
      us.json<Mapping[]>().map((m) => m.id),
      [id],
    );
    assert.equal((await manager()({ method: 'GET', url: '/api/attribute-mapping' })).json<Mapping[]>().length, 2);
    assert.equal((await manager()({ method: 'DELETE', url: `/api/attribute-mapping/${id}` })).statusCode, 204);
    assert.equal((await manager()({ method: 'GET', url: `/api/attribute-mapping/${id}` })).statusCode, 404);
    const audit = await as(t.app, t.adminCookie)({ method: 'GET', url: `/api/audit-log?entityType=attribute_mapping&entityId=${id}` });
    assert.deepEqual(
      audit
        .json<{ items: { action: string }[] }>()
        .items.map((i) => i.action)
        .sort(),
      ['attribute_mapping.create', 'attribute_mapping.delete', 'attribute_mapping.update'],
    );
  });

  it('needs a session', async () => {
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/attribute-mapping' })).statusCode, 401);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/attribute-mapping', payload: {} })).statusCode, 401);
  });
});
