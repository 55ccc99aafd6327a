/**
 * What every route refuses before its handler runs, whatever its schema says: numbers that are not finite,
 * not written plainly or out of their column's range; ids that are not plain positive integers; text with
 * NUL or lone UTF-16 surrogates; JSON nested too deep. Each refusal is a 400 naming the field, and writes nothing.
 */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestApp } from '../helpers/app';
import { bearerClient, createBearerToken, type Client } from '../helpers/bearer';
import { changedTables, fingerprint, tableNames } from '../helpers/db-fingerprint';
import { seedCatalog, NOW, type SeededCatalog } from './catalog-seed';

interface Refusal {
  error: { code: string; message: string; details: { fields: { field: string; message: string }[] } };
}

function assertRefused(res: LightMyRequestResponse, field: string, label: string): void {
  assert.equal(res.statusCode, 400, `${label}: ${res.statusCode} ${res.body}`);
  const body = res.json<Refusal>();
  assert.equal(body.error.code, 'VALIDATION_FAILED', label);
  assert.deepEqual(
    body.error.details.fields.map((f) => f.field),
    [field],
    `${label}: ${res.body}`,
  );
}

/** A rule nested `levels` combine nodes deep, built as text; `bare` leaves out what the schema does not require (to stay under the body limit). */
function nestedRule(levels: number, bare = false): string {
  const open = bare ? '{"kind":"combine","conditions":[' : '{"kind":"combine","aggregator":"all","value":true,"conditions":[';
  return `{"conditions":${open.repeat(levels)}${']}'.repeat(levels)}}`;
}

describe('input validation: numbers, text and nesting', function () {
  this.timeout(60_000);
  let t: TestApp;
  let seed: SeededCatalog;
  let api: Client;
  let tables: string[];
  let storeId: number;
  let listingId: number;
  before(async () => {
    t = await buildTestApp();
    seed = await seedCatalog(t.db.knex);
    api = bearerClient(t.app, await createBearerToken(t.app, t.adminCookie));
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
    assert.equal(store.statusCode, 201, store.body);
    storeId = store.json<{ id: number }>().id;
    const [id] = await t.db.knex('listings').insert({
      store_id: storeId,
      product_id: seed.products['BAG-1'],
      sku: 'BAG-1',
      seller_sku: 'BAG-1',
      status: 'active',
      created_at: NOW,
      updated_at: NOW,
    });
    listingId = Number(id);
    tables = await tableNames(t.db.knex);
  });
  after(async () => t?.close());

  /** Sends each request, expects a 400 naming the field, and proves the database did not change. */
  async function expectRefusedWithoutWrites(cases: [string, Parameters<Client>[0], string][]): Promise<void> {
    const before = await fingerprint(t.db.knex, tables);
    for (const [label, request, field] of cases) assertRefused(await api(request), field, label);
    assert.deepEqual(changedTables(before, await fingerprint(t.db.knex, tables)), []);
  }

  describe('numbers', () => {
    it('refuses non-finite, exponent, hex and padded numbers in JSON bodies, naming the field, and writes nothing', async () => {
      const product = `/api/catalog/products/${seed.products['BAG-1']}`;
      const patch = (payload: string, field: string): [string, Parameters<Client>[0], string] => [
        payload,
        { method: 'PATCH', url: product, payload },
        field,
      ];
      await expectRefusedWithoutWrites([
        patch('{"price":"Infinity"}', 'body.price'),
        patch('{"price":"-Infinity"}', 'body.price'),
        patch('{"price":"1e309"}', 'body.price'),
        patch('{"price":1e309}', 'body.price'),
        patch('{"price":"0x10"}', 'body.price'),
        patch('{"price":" 12"}', 'body.price'),
        patch('{"price":"NaN"}', 'body.price'),
        patch('{"weight":"Infinity"}', 'body.weight'),
        patch('{"specialPrice":"1e309"}', 'body.specialPrice'),
        // Coercion would read these as 0 and 1: a price is never set by a null or a boolean.
        patch('{"price":null}', 'body.price'),
        patch('{"price":true}', 'body.price'),
        // Numbers in fields the schema leaves open (checked later by the service) are refused too when not finite.
        patch('{"attributes":{"pack_size":1e309}}', 'body.attributes.pack_size'),
        [
          'source quantity',
          { method: 'PUT', url: `${product}/source-items/wh_a`, payload: '{"quantity":"Infinity","inStock":true}' },
          'body.quantity',
        ],
        ['min qty', { method: 'PATCH', url: `${product}/stock-settings`, payload: '{"minQty":"-Infinity"}' }, 'body.minQty'],
        [
          'reservation',
          {
            method: 'POST',
            url: '/api/catalog/reservations',
            payload: `{"sku":"BAG-1","stockId":${seed.stocks.main},"quantity":"-1e309","reason":"order"}`,
          },
          'body.quantity',
        ],
        [
          'manual quantity',
          { method: 'PATCH', url: `/api/stores/${storeId}/listings/${listingId}/overrides`, payload: '{"manualQuantity":"Infinity"}' },
          'body.manualQuantity',
        ],
      ]);
      const listing = await api({ method: 'GET', url: `/api/stores/${storeId}/listings/${listingId}` });
      assert.equal(listing.statusCode, 200, listing.body);
    });

    it('gives numbers without limits of their own the range of the columns they are stored in', async () => {
      await expectRefusedWithoutWrites([
        [
          'profile value beyond INT',
          { method: 'POST', url: `/api/stores/${storeId}/stock-profiles`, payload: { name: 'Huge', mode: 'custom', value: 2 ** 53 } },
          'body.value',
        ],
        [
          'placeholder beyond INT',
          { method: 'POST', url: `/api/stores/${storeId}/stock-profiles`, payload: { name: 'Huge', placeholderQty: 2 ** 31 } },
          'body.placeholderQty',
        ],
        ['salable filter', { method: 'GET', url: '/api/catalog/products?salableMin=1e20' }, 'querystring.salableMin'],
      ]);
    });

    it('still takes plain numbers, as JSON numbers or plain decimal strings', async () => {
      const url = `/api/catalog/products/${seed.products['BAG-1']}`;
      const asString = await api({ method: 'PATCH', url, payload: '{"price":"12.5"}' });
      assert.equal(asString.statusCode, 200, asString.body);
      assert.equal(asString.json<{ price: number }>().price, 12.5);
      const asNumber = await api({ method: 'PATCH', url, payload: '{"price":34,"weight":null}' });
      assert.equal(asNumber.statusCode, 200, asNumber.body);
      assert.equal(asNumber.json<{ price: number }>().price, 34);
    });

    it('answers odd numbers in query strings with 400, not 500, and still coerces plain digits', async () => {
      const cases: [string, string][] = [
        ['page=1e309', 'querystring.page'],
        ['page=Infinity', 'querystring.page'],
        ['page=99999999999999999999', 'querystring.page'],
        ['page=0x10', 'querystring.page'],
        ['page=%201', 'querystring.page'],
        ['page=1.0', 'querystring.page'],
        ['page=1e1', 'querystring.page'],
        ['page=', 'querystring.page'],
        ['pageSize=1e3', 'querystring.pageSize'],
        ['pageSize=501', 'querystring.pageSize'],
        ['stock=1e309', 'querystring.stock'],
        ['salableMin=Infinity', 'querystring.salableMin'],
        ['salableMax=-1e309', 'querystring.salableMax'],
        ['salableMax=1e2', 'querystring.salableMax'],
      ];
      await expectRefusedWithoutWrites([
        ...cases.map(([query, field]): [string, Parameters<Client>[0], string] => [
          query,
          { method: 'GET', url: `/api/catalog/products?${query}` },
          field,
        ]),
        ['notifications storeId', { method: 'GET', url: '/api/notifications?storeId=1e309' }, 'querystring.storeId'],
        ['audit page', { method: 'GET', url: '/api/audit-log?page=1e309' }, 'querystring.page'],
        ['listings page', { method: 'GET', url: `/api/stores/${storeId}/listings?page=Infinity` }, 'querystring.page'],
      ]);
      const ok = await api({ method: 'GET', url: '/api/catalog/products?page=2&pageSize=3&salableMin=-1.5' });
      assert.equal(ok.statusCode, 200, ok.body);
      const body = ok.json<{ page: unknown; pageSize: unknown }>();
      assert.deepEqual([body.page, body.pageSize], [2, 3]);
    });

    it('takes ids in paths only as plain positive integers within the id column', async () => {
      const product = seed.products['BAG-1'];
      const odd = [' 1', '%201', '0x1', '1e0', '+1', '1.0', '-1', '0', '4294967296', '99999999999999999999', 'Infinity'];
      await expectRefusedWithoutWrites([
        ...odd.map((id): [string, Parameters<Client>[0], string] => [
          `product ${id}`,
          { method: 'GET', url: `/api/catalog/products/${id.replace(' ', '%20')}` },
          'params.id',
        ]),
        ['store 0x', { method: 'POST', url: `/api/stores/0x${storeId.toString(16)}/deactivate` }, 'params.id'],
        ['store exp', { method: 'POST', url: `/api/stores/${storeId}e0/deactivate` }, 'params.id'],
        ['listing space', { method: 'POST', url: `/api/stores/%20${storeId}/listings/${listingId}/end` }, 'params.storeId'],
        [
          'price of 0x product',
          { method: 'PATCH', url: `/api/catalog/products/0x${product.toString(16)}`, payload: { price: 1 } },
          'params.id',
        ],
      ]);
      const plain = await api({ method: 'GET', url: `/api/catalog/products/${product}` });
      assert.equal(plain.statusCode, 200, plain.body);
    });
  });

  describe('text', () => {
    it('refuses NUL and lone surrogates in bodies, query strings and paths, naming the field', async () => {
      const product = `/api/catalog/products/${seed.products['BAG-1']}`;
      await expectRefusedWithoutWrites([
        ['NUL in name', { method: 'PATCH', url: product, payload: '{"name":"Bag\\u0000"}' }, 'body.name'],
        ['high surrogate', { method: 'PATCH', url: product, payload: '{"name":"Bag \\ud800 x"}' }, 'body.name'],
        ['low surrogate', { method: 'PATCH', url: product, payload: '{"name":"\\udc00"}' }, 'body.name'],
        ['reversed pair', { method: 'PATCH', url: product, payload: '{"name":"\\ude00\\ud83d"}' }, 'body.name'],
        ['attribute value', { method: 'PATCH', url: product, payload: '{"attributes":{"ean":"4006\\u0000"}}' }, 'body.attributes.ean'],
        ['attribute key', { method: 'PATCH', url: product, payload: '{"attributes":{"e\\u0000an":"1"}}' }, 'body.attributes'],
        [
          'list item',
          { method: 'PATCH', url: product, payload: '{"attributes":{"material":["Cotton","\\ud800"]}}' },
          'body.attributes.material.1',
        ],
        ['query', { method: 'GET', url: '/api/catalog/products?q=a%00b' }, 'querystring.q'],
        ['audit filter', { method: 'GET', url: '/api/audit-log?user=%00' }, 'querystring.user'],
        ['path', { method: 'GET', url: '/api/catalog/attributes/co%00lor' }, 'params.code'],
        ['store name', { method: 'PATCH', url: `/api/stores/${storeId}`, payload: '{"name":"Outdoor\\u0000US"}' }, 'body.name'],
      ]);
    });

    it('still takes any well-formed unicode, surrogate pairs included', async () => {
      const res = await api({
        method: 'PATCH',
        url: `/api/catalog/products/${seed.products['MUG']}`,
        payload: '{"name":"Tasse ☕ \\ud83d\\ude00 Ünïcødé"}',
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json<{ name: string }>().name, 'Tasse ☕ 😀 Ünïcødé');
    });
  });

  describe('nesting', () => {
    it('refuses a listing rule nested 20,000 levels deep with 400 (save and preview), before validating it', async () => {
      await expectRefusedWithoutWrites([
        ['save', { method: 'PUT', url: `/api/stores/${storeId}/listing-rule`, payload: nestedRule(20_000, true) }, 'body'],
        ['preview', { method: 'POST', url: `/api/stores/${storeId}/listing-rule/preview`, payload: nestedRule(20_000, true) }, 'body'],
        [
          'stock profile',
          {
            method: 'POST',
            url: `/api/stores/${storeId}/stock-profiles`,
            payload: `{"name":"Deep","conditions":${nestedRule(5_000, true).slice(14, -1)}}`,
          },
          'body',
        ],
      ]);
      const res = await api({ method: 'PUT', url: `/api/stores/${storeId}/listing-rule`, payload: nestedRule(20_000, true) });
      assert.match(res.json<Refusal>().error.message, /nest.*32 levels/);
    });

    it('refuses any JSON body nested deeper than 32 levels, and one with too many values', async () => {
      const deep = `{"attributes":{"ean":${'['.repeat(40)}${']'.repeat(40)}}}`;
      const wide = `{"attributes":{"ean":[${Array.from({ length: 200_001 }, () => '0').join(',')}]}}`;
      await expectRefusedWithoutWrites([
        ['deep', { method: 'PATCH', url: `/api/catalog/products/${seed.products['BAG-1']}`, payload: deep }, 'body'],
        ['wide', { method: 'PATCH', url: `/api/catalog/products/${seed.products['BAG-1']}`, payload: wide }, 'body'],
      ]);
    });

    it("still takes the deepest rule the admin can build, and leaves deeper ones to the rule's own check", async () => {
      const preview = (payload: string) => api({ method: 'POST', url: `/api/stores/${storeId}/listing-rule/preview`, payload });
      const withCondition = (levels: number) =>
        nestedRule(levels).replace('"conditions":[]', '"conditions":[{"kind":"condition","field":"price","operator":"gte","value":1}]');
      // The root and 6 nested groups (the editor's limit), and a condition in the 5th nested group.
      for (const payload of [nestedRule(7), withCondition(6)]) {
        const res = await preview(payload);
        assert.equal(res.statusCode, 200, res.body);
      }
      const tooDeep = await preview(withCondition(9));
      assert.equal(tooDeep.statusCode, 400, tooDeep.body);
      assert.match(tooDeep.json<Refusal>().error.message, /at most 6 levels/);
    });
  });
});
