import assert from 'node:assert/strict';
import { as, buildTestApp, MANAGER, type TestApp } from '../helpers/app';
import { seedCatalog, type SeededCatalog } from './catalog-seed';

describe('catalog API: websites, attributes, categories, sources and stocks', () => {
  let t: TestApp;
  let seed: SeededCatalog;
  let manager: ReturnType<typeof as>;
  before(async () => {
    t = await buildTestApp();
    seed = await seedCatalog(t.db.knex);
    manager = as(t.app, t.managerCookie);
  });
  after(async () => t.close());

  const get = async (url: string, status = 200) => {
    const res = await manager({ method: 'GET', url });
    assert.equal(res.statusCode, status, res.body);
    return res.json();
  };

  it('lists websites with their store views and stock, and one by code', async () => {
    const websites = await get('/api/catalog/websites');
    assert.deepEqual(websites, [
      {
        id: seed.websites.base,
        code: 'base',
        name: 'Main Website',
        baseCurrency: 'USD',
        isDefault: true,
        stockId: seed.stocks.main,
        storeViews: [{ id: websites[0].storeViews[0].id, code: 'default', name: 'Default Store View', locale: 'en_US', isActive: true }],
      },
      {
        id: seed.websites.eu,
        code: 'eu',
        name: 'EU Website',
        baseCurrency: 'EUR',
        isDefault: false,
        stockId: seed.stocks.eu,
        storeViews: [{ id: websites[1].storeViews[0].id, code: 'de', name: 'German', locale: 'de_DE', isActive: true }],
      },
    ]);
    assert.equal((await get('/api/catalog/websites/eu')).stockId, seed.stocks.eu);
    assert.equal((await get('/api/catalog/websites/mars', 404)).error.code, 'NOT_FOUND');
  });

  it('lists attributes with options, filtered by text and type, and one by code', async () => {
    assert.deepEqual(
      (await get('/api/catalog/attributes?type=select')).map((a: { code: string }) => a.code),
      ['color', 'size'],
    );
    assert.deepEqual(
      (await get('/api/catalog/attributes?q=COL')).map((a: { code: string }) => a.code),
      ['color'],
    );
    assert.deepEqual(
      (await get('/api/catalog/attributes?q=eco%20fr')).map((a: { code: string }) => a.code),
      ['eco'],
      'matches labels too',
    );
    assert.deepEqual(await get('/api/catalog/attributes/size'), {
      id: seed.attributes.size,
      code: 'size',
      label: 'Size',
      type: 'select',
      scope: 'store_view',
      isRequired: false,
      isSystem: false,
      options: ['S', 'M', 'L'],
    });
    assert.equal((await get('/api/catalog/attributes/name')).isSystem, true);
    await get('/api/catalog/attributes/flavour', 404);
  });

  it('lists attribute sets with their attributes', async () => {
    const sets = await get('/api/catalog/attribute-sets');
    assert.deepEqual(
      sets.map((s: { code: string; name: string; attributes: string[] }) => [s.code, s.name, s.attributes]),
      [
        ['apparel', 'Apparel', ['care', 'color', 'ean', 'name', 'size']],
        ['default', 'Default', ['color', 'ean', 'eco', 'material', 'name', 'pack_size']],
      ],
    );
  });

  it('lists categories flat with paths and product counts, or as a tree', async () => {
    const flat = await get('/api/catalog/categories');
    assert.deepEqual(
      flat.map((c: { path: string; level: number; productCount: number }) => [c.path, c.level, c.productCount]),
      [
        ['Default Category', 1, 0],
        ['Default Category/Gear', 2, 1],
        ['Default Category/Gear/Bags', 3, 1],
      ],
    );
    const tree = await get('/api/catalog/categories?format=tree');
    assert.equal(tree.length, 1);
    assert.equal(tree[0].children[0].name, 'Gear');
    assert.equal(tree[0].children[0].children[0].path, 'Default Category/Gear/Bags');
    assert.deepEqual(tree[0].children[0].children[0].children, []);
  });

  it('lists sources with their stocks, and one source with its item count', async () => {
    const sources = await get('/api/catalog/sources');
    assert.deepEqual(
      sources.map((s: { code: string; enabled: boolean; stocks: { name: string }[] }) => [s.code, s.enabled, s.stocks.map((x) => x.name)]),
      [
        ['eu_wh', true, ['EU Stock']],
        ['wh_a', true, ['Main Stock']],
        ['wh_b', true, ['Main Stock']],
        ['wh_off', false, ['Main Stock']],
      ],
    );
    const whA = await get('/api/catalog/sources/wh_a');
    assert.equal(whA.itemCount, 3);
    assert.deepEqual(whA.stocks, [{ id: seed.stocks.main, name: 'Main Stock', priority: 1 }]);
    await get('/api/catalog/sources/nowhere', 404);
  });

  it('lists stocks with sources by priority and websites, and one by id', async () => {
    const stocks = await get('/api/catalog/stocks');
    assert.deepEqual(
      stocks.map((s: { name: string; websites: string[] }) => [s.name, s.websites]),
      [
        ['Main Stock', ['base']],
        ['EU Stock', ['eu']],
      ],
    );
    const main = await get(`/api/catalog/stocks/${seed.stocks.main}`);
    assert.deepEqual(main.sources, [
      { code: 'wh_a', name: 'Warehouse A', enabled: true, priority: 1 },
      { code: 'wh_b', name: 'Warehouse B', enabled: true, priority: 2 },
      { code: 'wh_off', name: 'Closed Warehouse', enabled: false, priority: 3 },
    ]);
    await get('/api/catalog/stocks/999', 404);
  });

  it('lets a catalog manager create a custom attribute, audited, and use it on a product', async () => {
    const create = (payload: object) => manager({ method: 'POST', url: '/api/catalog/attributes', payload });
    const res = await create({
      code: 'fit',
      label: 'Fit',
      type: 'select',
      scope: 'global',
      options: ['Slim', 'Regular'],
      attributeSets: ['apparel'],
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(res.json(), {
      id: res.json().id,
      code: 'fit',
      label: 'Fit',
      type: 'select',
      scope: 'global',
      isRequired: false,
      isSystem: false,
      options: ['Slim', 'Regular'],
    });
    const audit = await t.db.knex('audit_log').where({ entity_type: 'attribute', entity_id: 'fit' });
    assert.equal(audit.length, 1);
    assert.equal(audit[0].user_email, MANAGER.email);
    assert.ok((await get('/api/catalog/attribute-sets')).find((s: { code: string }) => s.code === 'apparel').attributes.includes('fit'));
    const tee = await manager({
      method: 'PATCH',
      url: `/api/catalog/products/${seed.products.TEE}`,
      payload: { attributes: { fit: 'slim' } },
    });
    assert.equal(tee.json().attributes.find((a: { code: string }) => a.code === 'fit').value, 'Slim');
  });

  it('refuses a bad attribute with the field named', async () => {
    const create = async (payload: object) =>
      (await manager({ method: 'POST', url: '/api/catalog/attributes', payload })).json().error.details.fields;
    assert.deepEqual(await create({ code: 'color', label: 'Again', type: 'text' }), [
      { field: 'body.code', message: 'an attribute with the code "color" already exists' },
    ]);
    assert.equal((await create({ code: 'Bad-Code', label: 'x', type: 'text' }))[0].field, 'body.code');
    assert.deepEqual(await create({ code: 'shade', label: 'Shade', type: 'select' }), [
      { field: 'body.options', message: 'a select attribute needs at least one option' },
    ]);
    assert.deepEqual(await create({ code: 'shade', label: 'Shade', type: 'select', options: ['Dark', 'dark'] }), [
      { field: 'body.options', message: '"dark" is listed twice (options are matched ignoring case)' },
    ]);
    assert.deepEqual(await create({ code: 'shade', label: 'Shade', type: 'text', attributeSets: ['nope'] }), [
      { field: 'body.attributeSets', message: 'unknown attribute set "nope"' },
    ]);
    assert.equal((await get('/api/catalog/attributes?q=shade')).length, 0, 'nothing was created');
  });

  it('needs a session for the structure too', async () => {
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/catalog/stocks' })).statusCode, 401);
  });
});
