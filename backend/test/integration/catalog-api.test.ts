import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { as, buildTestApp, type TestApp } from '../helpers/app';
import { seedCatalog, type SeededCatalog } from './catalog-seed';

interface Item {
  sku: string;
  salableQty: number;
  [key: string]: unknown;
}

describe('catalog API: product grid, CSV and detail', () => {
  let t: TestApp;
  let seed: SeededCatalog;
  let get: (url: string) => ReturnType<ReturnType<typeof as>>;
  before(async () => {
    t = await buildTestApp();
    seed = await seedCatalog(t.db.knex);
    get = (url) => as(t.app, t.managerCookie)({ method: 'GET', url });
  });
  after(async () => t.close());

  const skus = async (query: string) => {
    const res = await get(`/api/catalog/products?${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json().items.map((i: Item) => i.sku);
  };

  it('refuses the grid without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/catalog/products' });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'UNAUTHENTICATED');
  });

  it('lists products by SKU with salable quantity in the default website’s stock', async () => {
    const res = await get('/api/catalog/products');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.total, 8);
    assert.equal(body.stockId, seed.stocks.main);
    assert.deepEqual(
      body.items.map((i: Item) => i.sku),
      ['BAG-1', 'KIT', 'LAMP', 'MUG', 'PEN', 'TEE', 'TEE-BLUE-M', 'TEE-RED-S'],
    );
    const { updatedAt, ...bag } = body.items[0];
    assert.match(updatedAt, /^2026-11-20T10:01:00\.000Z$/);
    assert.deepEqual(bag, {
      id: seed.products['BAG-1'],
      sku: 'BAG-1',
      name: 'Joust Duffle Bag',
      type: 'simple',
      status: 'enabled',
      visibility: 'catalog_search',
      price: 34,
      specialPrice: 29.5,
      attributeSet: 'Default',
      websites: ['base', 'eu'],
      salableQty: 11,
      isSalable: true,
      manageStock: true,
      backorders: 'no',
    });
  });

  it('pages on the server and refuses pages over 500 rows, naming the field', async () => {
    const page2 = await get('/api/catalog/products?page=2&pageSize=3');
    assert.deepEqual(
      page2.json().items.map((i: Item) => i.sku),
      ['MUG', 'PEN', 'TEE'],
    );
    assert.equal(page2.json().total, 8);
    assert.equal(page2.json().page, 2);
    assert.deepEqual(await skus('page=4&pageSize=3'), []);
    const tooBig = await get('/api/catalog/products?pageSize=501');
    assert.equal(tooBig.statusCode, 400);
    assert.equal(tooBig.json().error.details.fields[0].field, 'querystring.pageSize');
  });

  it('sorts by each sortable column, both directions', async () => {
    assert.deepEqual(await skus('sort=name&dir=desc'), ['KIT', 'TEE-RED-S', 'TEE-BLUE-M', 'TEE', 'BAG-1', 'PEN', 'LAMP', 'MUG']);
    assert.deepEqual(await skus('sort=price'), ['PEN', 'MUG', 'TEE', 'TEE-RED-S', 'TEE-BLUE-M', 'BAG-1', 'LAMP', 'KIT']);
    // By the type's text on both engines (MySQL would otherwise sort an ENUM by declaration order).
    const byType = await skus('sort=type');
    assert.equal(byType[0], 'KIT');
    assert.equal(byType[1], 'TEE');
    assert.equal(byType[7], 'PEN');
    assert.equal((await skus('sort=status'))[0], 'MUG');
    assert.equal((await skus('sort=updatedAt&dir=desc'))[0], 'LAMP');
    assert.deepEqual((await skus('sort=salableQty&dir=desc')).slice(0, 2), ['BAG-1', 'TEE-RED-S']);
    assert.deepEqual((await skus('sort=salableQty&dir=asc')).slice(6), ['TEE-RED-S', 'BAG-1']);
    assert.deepEqual((await skus('sort=sku&dir=desc')).slice(0, 2), ['TEE-RED-S', 'TEE-BLUE-M']);
  });

  it('filters by SKU, name and q (contains, case-insensitive, wildcards taken literally)', async () => {
    assert.deepEqual(await skus('sku=tee'), ['TEE', 'TEE-BLUE-M', 'TEE-RED-S']);
    assert.deepEqual(await skus('name=STRIVE%20TEE%20r'), ['TEE-RED-S']);
    assert.deepEqual(await skus('q=duffle'), ['BAG-1']);
    assert.deepEqual(await skus('q=lamp'), ['LAMP']);
    assert.deepEqual(await skus('q=_'), []);
    assert.deepEqual(await skus('sku=%25'), []);
  });

  it('filters by type, status and visibility', async () => {
    assert.deepEqual(await skus('type=configurable'), ['TEE']);
    assert.deepEqual(await skus('status=disabled'), ['MUG']);
    assert.deepEqual(await skus('visibility=not_visible'), ['TEE-BLUE-M', 'TEE-RED-S']);
    const bad = await get('/api/catalog/products?type=kit');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.details.fields[0].field, 'querystring.type');
  });

  it('filters by website and then counts salable quantity in that website’s stock', async () => {
    const res = await get('/api/catalog/products?website=eu');
    assert.equal(res.json().stockId, seed.stocks.eu);
    assert.deepEqual(
      res.json().items.map((i: Item) => [i.sku, i.salableQty]),
      [
        ['BAG-1', 5],
        ['LAMP', 9],
        ['MUG', 0],
      ],
    );
    const unknown = await get('/api/catalog/products?website=mars');
    assert.equal(unknown.statusCode, 400);
    assert.deepEqual(unknown.json().error.details.fields, [{ field: 'querystring.website', message: 'no website has the code "mars"' }]);
  });

  it('takes the stock from the stock parameter when given', async () => {
    const res = await get(`/api/catalog/products?stock=${seed.stocks.eu}&sku=LAMP`);
    assert.equal(res.json().items[0].salableQty, 9);
    const unknown = await get('/api/catalog/products?stock=999');
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().error.details.fields[0].field, 'querystring.stock');
  });

  it('filters by salable quantity range in SQL', async () => {
    assert.deepEqual(await skus('salableMin=1'), ['BAG-1', 'TEE-RED-S']);
    assert.deepEqual(await skus('salableMin=1&salableMax=5'), ['TEE-RED-S']);
    const zero = await get('/api/catalog/products?salableMax=0&pageSize=2');
    assert.equal(zero.json().total, 6);
    assert.deepEqual(await skus(`salableMin=9&stock=${seed.stocks.eu}`), ['LAMP']);
  });

  it('filters by attribute values: exact, option labels ignoring case, one of a multiselect, combined', async () => {
    assert.deepEqual(await skus('attr=color:Blue'), ['BAG-1', 'TEE-BLUE-M']);
    assert.deepEqual(await skus('attr=color:blue'), ['BAG-1', 'TEE-BLUE-M']);
    assert.deepEqual(await skus('attr=material:Wool'), ['BAG-1', 'LAMP']);
    assert.deepEqual(await skus('attr=material:Cotton'), ['BAG-1']);
    assert.deepEqual(await skus('attr=color:Red&attr=material:Wool'), ['LAMP']);
    assert.deepEqual(await skus('attr=pack_size:1'), ['BAG-1']);
    assert.deepEqual(await skus('attr=ean:0123456789012'), ['BAG-1']);
    assert.deepEqual(await skus('attr=ean:012345'), [], 'attribute filters match exactly, not contains');
  });

  it('names the problem with an attribute filter', async () => {
    const unknown = await get('/api/catalog/products?attr=flavour:mint');
    assert.equal(unknown.statusCode, 400);
    assert.deepEqual(unknown.json().error.details.fields, [{ field: 'querystring.attr', message: 'unknown attribute "flavour"' }]);
    const notOption = await get('/api/catalog/products?attr=color:Purple');
    assert.equal(notOption.json().error.details.fields[0].message, 'color: "Purple" is not an option of Color (Red, Blue)');
    const malformed = await get('/api/catalog/products?attr=color');
    assert.equal(malformed.statusCode, 400);
    assert.match(malformed.json().error.details.fields[0].field, /^querystring\.attr/);
  });

  it('exports every matching row as real CSV', async () => {
    await t.db.knex('products').where({ sku: 'LAMP' }).update({ name: 'Lamp, "Desk" model' });
    try {
      const res = await get('/api/catalog/products.csv?website=eu&sort=sku');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/csv/);
      const rows = parse(res.body, { columns: true }) as Record<string, string>[];
      assert.deepEqual(rows, [
        {
          sku: 'BAG-1',
          name: 'Joust Duffle Bag',
          type: 'simple',
          status: 'enabled',
          visibility: 'catalog_search',
          price: '34',
          websites: 'base,eu',
          salable_qty: '5',
        },
        {
          sku: 'LAMP',
          name: 'Lamp, "Desk" model',
          type: 'simple',
          status: 'enabled',
          visibility: 'catalog_search',
          price: '45',
          websites: 'base,eu',
          salable_qty: '9',
        },
        {
          sku: 'MUG',
          name: 'Coffee Mug',
          type: 'simple',
          status: 'disabled',
          visibility: 'catalog',
          price: '8',
          websites: 'eu',
          salable_qty: '0',
        },
      ]);
    } finally {
      await t.db.knex('products').where({ sku: 'LAMP' }).update({ name: 'Desk Lamp' });
    }
    const all = await get('/api/catalog/products.csv');
    assert.equal((parse(all.body, { columns: true }) as unknown[]).length, 8, 'no paging in the export');
  });

  it('shows a simple product in detail: attributes with store values, categories, stock, salable per stock', async () => {
    const res = await get(`/api/catalog/products/${seed.products['BAG-1']}`);
    assert.equal(res.statusCode, 200);
    const p = res.json();
    assert.equal(p.sku, 'BAG-1');
    assert.equal(p.salableQty, 11);
    assert.equal(p.weight, 1.2);
    assert.equal(p.specialPriceFrom, null);
    assert.deepEqual(p.categories, ['Default Category/Gear', 'Default Category/Gear/Bags']);
    const attr = (code: string) => p.attributes.find((a: { code: string }) => a.code === code);
    assert.deepEqual(attr('color'), {
      code: 'color',
      label: 'Color',
      type: 'select',
      scope: 'store_view',
      isRequired: false,
      options: ['Red', 'Blue'],
      value: 'Blue',
      storeValues: { de: 'Red' },
    });
    assert.deepEqual(attr('material').value, ['Cotton', 'Wool']);
    assert.equal(attr('pack_size').value, 1);
    assert.equal(attr('eco').value, null, 'attributes of the set without a value are listed, empty');
    assert.equal(attr('name'), undefined, 'system attributes are product fields, not attribute values');
    assert.deepEqual(p.stockSettings, { manageStock: true, backorders: 'no', minQty: 2 });
    assert.deepEqual(p.sourceItems, [
      { sourceCode: 'eu_wh', sourceName: 'EU Warehouse', sourceEnabled: true, quantity: 7, inStock: true },
      { sourceCode: 'wh_a', sourceName: 'Warehouse A', sourceEnabled: true, quantity: 10, inStock: true },
      { sourceCode: 'wh_b', sourceName: 'Warehouse B', sourceEnabled: true, quantity: 5, inStock: true },
      { sourceCode: 'wh_off', sourceName: 'Closed Warehouse', sourceEnabled: false, quantity: 100, inStock: true },
    ]);
    assert.deepEqual(p.salable, [
      { stockId: seed.stocks.main, stockName: 'Main Stock', websites: ['base'], salableQty: 11, isSalable: true },
      { stockId: seed.stocks.eu, stockName: 'EU Stock', websites: ['eu'], salableQty: 5, isSalable: true },
    ]);
    assert.deepEqual([p.superAttributes, p.children, p.parents], [[], [], []]);
  });

  it('shows a configurable with its super attributes and children, and a child with its parent', async () => {
    const tee = (await get(`/api/catalog/products/${seed.products.TEE}`)).json();
    assert.deepEqual(tee.superAttributes, [
      { code: 'color', label: 'Colour' },
      { code: 'size', label: 'Size' },
    ]);
    assert.deepEqual(
      tee.children.map((c: Item) => [c.sku, c.superAttributeValues, c.salableQty, c.price]),
      [
        ['TEE-BLUE-M', { color: 'Blue', size: 'M' }, 0, 22],
        ['TEE-RED-S', { color: 'Red', size: 'S' }, 3, 21],
      ],
    );
    const child = (await get(`/api/catalog/products/${seed.products['TEE-RED-S']}`)).json();
    assert.deepEqual(child.parents, [{ id: seed.products.TEE, sku: 'TEE', name: 'Strive Tee', type: 'configurable' }]);
    const eu = (await get(`/api/catalog/products/${seed.products['BAG-1']}?stock=${seed.stocks.eu}`)).json();
    assert.equal(eu.salableQty, 5);
    assert.equal(eu.stockId, seed.stocks.eu);
  });

  it('answers 404 for a product that does not exist and 400 for an id that is not one', async () => {
    const missing = await get('/api/catalog/products/999999');
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'NOT_FOUND');
    const bad = await get('/api/catalog/products/abc');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.details.fields[0].field, 'params.id');
  });
});
