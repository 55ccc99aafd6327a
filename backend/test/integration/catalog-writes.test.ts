import assert from 'node:assert/strict';
import { json } from '../../src/db/rows';
import { as, buildTestApp, MANAGER, type TestApp } from '../helpers/app';
import { seedCatalog, type SeededCatalog } from './catalog-seed';

describe('catalog API: product, stock and reservation writes', () => {
  let t: TestApp;
  let seed: SeededCatalog;
  let manager: ReturnType<typeof as>;
  before(async () => {
    t = await buildTestApp();
    seed = await seedCatalog(t.db.knex);
    manager = as(t.app, t.managerCookie);
  });
  after(async () => t.close());

  const changesOf = async (sku: string) =>
    (await t.db.knex('catalog_changes').where({ sku }).orderBy('id')).map((r) => ({
      kind: r.kind as string,
      details: json<Record<string, unknown>>(r.details, {}),
    }));
  const auditOf = async (entityType: string, entityId: string | number) =>
    (
      await t.db
        .knex('audit_log')
        .where({ entity_type: entityType, entity_id: String(entityId) })
        .orderBy('id')
    ).map((r) => ({
      action: r.action as string,
      userEmail: r.user_email as string,
      details: json<Record<string, unknown>>(r.details, {}),
    }));
  const patch = (id: number, payload: object) => manager({ method: 'PATCH', url: `/api/catalog/products/${id}`, payload });
  const fields = (res: { json(): { error: { details: { fields: { field: string; message: string }[] } } } }) =>
    res.json().error.details.fields;

  it('lets a catalog manager change a product: columns and attributes, logged per kind with old and new, and audited', async () => {
    const id = seed.products['BAG-1'];
    const res = await patch(id, {
      name: 'Joust Duffle Bag XL',
      price: 36.5,
      status: 'disabled',
      attributes: { color: 'red', material: ['Wool', 'Silk'], pack_size: '2', eco: true, launch_date: '2027-01-31', ean: null },
    });
    assert.equal(res.statusCode, 200, res.body);
    const p = res.json();
    assert.equal(p.name, 'Joust Duffle Bag XL');
    assert.equal(p.price, 36.5);
    assert.equal(p.status, 'disabled');
    const value = (code: string) => p.attributes.find((a: { code: string }) => a.code === code).value;
    assert.deepEqual(['color', 'material', 'pack_size', 'eco', 'launch_date', 'ean'].map(value), [
      'Red',
      ['Wool', 'Silk'],
      2,
      true,
      '2027-01-31',
      null,
    ]);
    assert.deepEqual(await changesOf('BAG-1'), [
      { kind: 'product', details: { name: { old: 'Joust Duffle Bag', new: 'Joust Duffle Bag XL' } } },
      { kind: 'price', details: { price: { old: 34, new: 36.5 } } },
      { kind: 'status', details: { status: { old: 'enabled', new: 'disabled' } } },
      {
        kind: 'attribute',
        details: {
          color: { old: 'Blue', new: 'Red' },
          material: { old: ['Cotton', 'Wool'], new: ['Wool', 'Silk'] },
          pack_size: { old: 1, new: 2 },
          eco: { old: null, new: true },
          launch_date: { old: null, new: '2027-01-31' },
          ean: { old: '0123456789012', new: null },
        },
      },
    ]);
    const audit = await auditOf('product', id);
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.action, 'update');
    assert.equal(audit[0]!.userEmail, MANAGER.email);
    assert.deepEqual((audit[0]!.details.changes as Record<string, unknown>).price, { old: 34, new: 36.5 });
    // The grid filters on what was written.
    const grid = await manager({ method: 'GET', url: '/api/catalog/products?attr=material:Silk' });
    assert.deepEqual(
      grid.json().items.map((i: { sku: string }) => i.sku),
      ['BAG-1'],
    );
  });

  it('writes nothing and logs nothing when the values are unchanged', async () => {
    const before = (await changesOf('BAG-1')).length;
    const res = await patch(seed.products['BAG-1'], { price: 36.5, attributes: { color: 'Red' } });
    assert.equal(res.statusCode, 200);
    assert.equal((await changesOf('BAG-1')).length, before);
  });

  it('checks attribute values against their type and names the field', async () => {
    const id = seed.products.LAMP;
    const cases: [object, string, string][] = [
      [{ color: 'Purple' }, 'body.attributes.color', '"Purple" is not an option of Color (Red, Blue)'],
      [{ material: ['Wool', 'Linen'] }, 'body.attributes.material', '"Linen" is not an option of Material (Cotton, Wool, Silk)'],
      [{ material: 'Wool' }, 'body.attributes.material', 'Material takes a list of options, e.g. ["Cotton"]'],
      [{ pack_size: '2.5' }, 'body.attributes.pack_size', '"2.5" is not a whole number (Pack Size is an integer attribute)'],
      [{ eco: 'maybe' }, 'body.attributes.eco', '"maybe" is not yes or no (Eco Friendly is a boolean attribute: true/false, 1/0)'],
      [{ launch_date: '2027-02-30' }, 'body.attributes.launch_date', '"2027-02-30" is not a date as YYYY-MM-DD'],
      [{ ean: 'x'.repeat(256) }, 'body.attributes.ean', 'EAN must be at most 255 characters (got 256)'],
      [{ flavour: 'mint' }, 'body.attributes.flavour', 'unknown attribute "flavour"'],
      [{ name: 'Lamp' }, 'body.attributes.name', '"name" is a system attribute; set body.name instead'],
    ];
    for (const [attributes, field, message] of cases) {
      const res = await patch(id, { attributes });
      assert.equal(res.statusCode, 400, JSON.stringify(attributes));
      assert.equal(res.json().error.code, 'VALIDATION_FAILED');
      assert.deepEqual(fields(res), [{ field, message }]);
    }
    const both = await patch(id, { price: 99, attributes: { color: 'Purple' } });
    assert.equal(both.json().error.message, 'body.attributes.color: "Purple" is not an option of Color (Red, Blue)');
    const lamp = (await manager({ method: 'GET', url: `/api/catalog/products/${id}` })).json();
    assert.equal(lamp.price, 45, 'a refused PATCH changes nothing, not even its valid fields');
    assert.deepEqual(await changesOf('LAMP'), []);
  });

  it('keeps long textarea values whole', async () => {
    const care = 'Wash cold. '.repeat(40).trim();
    const res = await patch(seed.products['TEE-RED-S'], { attributes: { care } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().attributes.find((a: { code: string }) => a.code === 'care').value, care);
  });

  it('refuses bad product fields with the field named', async () => {
    const id = seed.products.LAMP;
    assert.equal(fields(await patch(id, { price: -1 }))[0]!.field, 'body.price');
    assert.equal(fields(await patch(id, { status: 'gone' }))[0]!.field, 'body.status');
    assert.equal(fields(await patch(id, { specialPriceFrom: 'soon' }))[0]!.field, 'body.specialPriceFrom');
    assert.deepEqual(fields(await patch(id, { specialPriceFrom: '2027-02-01', specialPriceTo: '2027-01-01' })), [
      { field: 'body.specialPriceTo', message: 'the special price period ends (2027-01-01) before it starts (2027-02-01)' },
    ]);
    assert.equal((await patch(id, {})).statusCode, 400);
    assert.equal((await patch(999999, { price: 1 })).statusCode, 404);
  });

  it('sets and clears a special price with its period', async () => {
    const id = seed.products.LAMP;
    const set = await patch(id, { specialPrice: 39.99, specialPriceFrom: '2027-01-01', specialPriceTo: '2027-01-31' });
    assert.deepEqual(
      [set.json().specialPrice, set.json().specialPriceFrom, set.json().specialPriceTo],
      [39.99, '2027-01-01', '2027-01-31'],
    );
    const cleared = await patch(id, { specialPrice: null });
    assert.equal(cleared.json().specialPrice, null);
    assert.deepEqual(
      (await changesOf('LAMP')).map((c) => c.details.specialPrice),
      [
        { old: null, new: 39.99 },
        { old: 39.99, new: null },
      ],
    );
  });

  it('rolls the whole write back when a later step fails', async () => {
    const id = seed.products.KIT;
    const original = t.app.audit.record;
    t.app.audit.record = async () => {
      throw new Error('audit table unavailable');
    };
    try {
      const res = await patch(id, { price: 1, attributes: { color: 'Red' } });
      assert.equal(res.statusCode, 500);
      assert.equal(res.json().error.code, 'INTERNAL');
    } finally {
      t.app.audit.record = original;
    }
    const kit = (await manager({ method: 'GET', url: `/api/catalog/products/${id}` })).json();
    assert.equal(kit.price, 50);
    assert.equal(kit.attributes.find((a: { code: string }) => a.code === 'color').value, null);
    assert.deepEqual(await changesOf('KIT'), []);
  });

  it('sets a source item and answers the new salable quantity; logs kind stock', async () => {
    const id = seed.products['TEE-BLUE-M'];
    const put = (source: string, payload: object, pid = id) =>
      manager({ method: 'PUT', url: `/api/catalog/products/${pid}/source-items/${source}`, payload });
    const first = await put('wh_a', { quantity: 5, inStock: true });
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().salableQty, 5);
    assert.deepEqual(first.json().sourceItems, [
      { sourceCode: 'wh_a', sourceName: 'Warehouse A', sourceEnabled: true, quantity: 5, inStock: true },
    ]);
    const second = await put('wh_a', { quantity: 2, inStock: false });
    assert.equal(second.json().salableQty, 0);
    assert.equal(second.json().isSalable, false);
    assert.deepEqual(await changesOf('TEE-BLUE-M'), [
      { kind: 'stock', details: { source: 'wh_a', quantity: { old: null, new: 5 }, inStock: { old: null, new: true } } },
      { kind: 'stock', details: { source: 'wh_a', quantity: { old: 5, new: 2 }, inStock: { old: true, new: false } } },
    ]);
    assert.deepEqual(
      (await auditOf('product', id)).map((a) => a.action),
      ['update_source_item', 'update_source_item'],
    );

    const unknown = await put('nowhere', { quantity: 1, inStock: true });
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.json().error.message, /Source nowhere/);
    const negative = await put('wh_a', { quantity: -1, inStock: true });
    assert.equal(fields(negative)[0]!.field, 'body.quantity');
    const configurable = await put('wh_a', { quantity: 1, inStock: true }, seed.products.TEE);
    assert.equal(configurable.statusCode, 422);
    assert.equal(configurable.json().error.code, 'UNPROCESSABLE');
    assert.match(configurable.json().error.message, /TEE is a configurable product: it holds no stock of its own/);
    assert.equal((await put('wh_a', { quantity: 1, inStock: true }, 999999)).statusCode, 404);
  });

  it('changes stock settings: threshold, backorders, manage stock; logs kind stock_settings', async () => {
    const id = seed.products['BAG-1'];
    const settings = (payload: object) => manager({ method: 'PATCH', url: `/api/catalog/products/${id}/stock-settings`, payload });
    const raised = await settings({ minQty: 5 });
    assert.equal(raised.statusCode, 200, raised.body);
    assert.equal(raised.json().salableQty, 8, '15 on enabled sources − 5 − 2 reserved');
    assert.deepEqual(raised.json().stockSettings, { manageStock: true, backorders: 'no', minQty: 5 });
    const negative = await settings({ minQty: -3 });
    assert.deepEqual(fields(negative), [{ field: 'body.minQty', message: 'a threshold below 0 (-3) needs backorders allowed' }]);
    const backorders = await settings({ minQty: -3, backorders: 'allow' });
    assert.equal(backorders.json().salableQty, 16);
    const stockChanges = (await changesOf('BAG-1')).filter((c) => c.kind === 'stock_settings');
    assert.deepEqual(
      stockChanges.map((c) => c.details),
      [{ minQty: { old: 2, new: 5 } }, { backorders: { old: 'no', new: 'allow' }, minQty: { old: 5, new: -3 } }],
    );
    // A product without a settings row starts from Magento's defaults.
    const tee = await manager({
      method: 'PATCH',
      url: `/api/catalog/products/${seed.products['TEE-RED-S']}/stock-settings`,
      payload: { manageStock: false },
    });
    assert.deepEqual(tee.json().stockSettings, { manageStock: false, backorders: 'no', minQty: 0 });
    assert.equal(tee.json().isSalable, true);
  });

  it('appends reservations and answers the salable quantity after them; logs kind reservation', async () => {
    const reserve = (payload: object) => manager({ method: 'POST', url: '/api/catalog/reservations', payload });
    const res = await reserve({ sku: 'LAMP', stockId: seed.stocks.eu, quantity: -4, reason: 'order_placed', reference: '000000042' });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().salableQty, 5);
    assert.equal(res.json().quantity, -4);
    const back = await reserve({ sku: 'LAMP', stockId: seed.stocks.eu, quantity: 4, reason: 'order_canceled', reference: '000000042' });
    assert.equal(back.json().salableQty, 9);
    const logged = (await changesOf('LAMP')).filter((c) => c.kind === 'reservation');
    assert.deepEqual(
      logged.map((c) => [c.details.quantity, c.details.reason, c.details.stockId]),
      [
        [-4, 'order_placed', seed.stocks.eu],
        [4, 'order_canceled', seed.stocks.eu],
      ],
    );
    assert.equal((await auditOf('reservation', res.json().id))[0]!.action, 'create');

    assert.deepEqual(fields(await reserve({ sku: 'LAMP', stockId: seed.stocks.eu, quantity: 0, reason: 'x' })), [
      { field: 'body.quantity', message: 'must not be 0 (negative holds stock, positive releases it)' },
    ]);
    assert.equal(fields(await reserve({ sku: 'LAMP', stockId: seed.stocks.eu, quantity: 1 }))[0]!.field, 'body.reason');
    assert.equal((await reserve({ sku: 'NOPE', stockId: seed.stocks.eu, quantity: -1, reason: 'x' })).statusCode, 404);
    assert.equal((await reserve({ sku: 'LAMP', stockId: 999, quantity: -1, reason: 'x' })).statusCode, 404);
  });

  it('refuses writes without a session', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: `/api/catalog/products/${seed.products.LAMP}`, payload: { price: 1 } });
    assert.equal(res.statusCode, 401);
    const reservation = await t.app.inject({
      method: 'POST',
      url: '/api/catalog/reservations',
      payload: { sku: 'LAMP', stockId: 1, quantity: -1, reason: 'x' },
    });
    assert.equal(reservation.statusCode, 401);
  });
});
