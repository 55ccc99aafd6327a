/**
 * A store's Communication Log over HTTP: newest first, paged on the server, filtered by operation, outcome,
 * status, time range and text in the request id or error; one call in full; only the store's own calls; the
 * operations to filter by; read access for both roles; bad filters refused with the field named.
 */
import assert from 'node:assert/strict';
import { insertApiCall, type ApiCallRecord } from '../../src/spapi/comm-log.queries';
import { as, buildTestApp, type TestApp } from '../helpers/app';
import { seedCatalog } from './catalog-seed';

interface Call {
  id: number;
  storeId: number | null;
  operation: string;
  status: number | null;
  amazonRequestId: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  latencyMs: number;
  createdAt: string;
}
interface CallPage {
  items: Call[];
  total: number;
  page: number;
  pageSize: number;
}

const T0 = Date.parse('2026-12-01T10:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

describe('stores: the Communication Log', function () {
  this.timeout(60_000);
  let t: TestApp;
  let storeId = 0;
  let otherStoreId = 0;

  const call = (over: Partial<ApiCallRecord>): ApiCallRecord => ({
    storeId,
    sellerId: 'A2SIMOUTDOOR01',
    marketplaceId: 'ATVPDKIKX0DER',
    operation: 'getListingsItem',
    method: 'GET',
    path: '/listings/2021-08-01/items/A2SIMOUTDOOR01/SKU',
    status: 200,
    amazonRequestId: null,
    latencyMs: 120,
    attempt: 1,
    errorCode: null,
    errorMessage: null,
    ...over,
  });

  before(async () => {
    t = await buildTestApp();
    await seedCatalog(t.db.knex);
    const add = async (name: string) => {
      const res = await as(
        t.app,
        t.adminCookie,
      )({
        method: 'POST',
        url: '/api/stores',
        payload: {
          name,
          email: 'amazon@shop.example',
          websiteCode: 'base',
          country: 'US',
          productIdType: 'ean',
          productIdAttribute: 'ean',
        },
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json<{ id: number }>().id;
    };
    storeId = await add('Outdoor US');
    otherStoreId = await add('Outdoor US 2');
    const db = t.db.knex;
    await insertApiCall(db, call({ amazonRequestId: 'req-ok-1' }), at(0));
    await insertApiCall(
      db,
      call({
        operation: 'searchCatalogItems',
        path: '/catalog/2022-04-01/items',
        status: 429,
        amazonRequestId: 'req-429',
        errorCode: 'QuotaExceeded',
        errorMessage: 'You exceeded your quota for the requested resource.',
      }),
      at(1),
    );
    await insertApiCall(
      db,
      call({ operation: 'searchCatalogItems', path: '/catalog/2022-04-01/items', status: 200, attempt: 2, amazonRequestId: 'req-ok-2' }),
      at(2),
    );
    await insertApiCall(
      db,
      call({
        operation: 'putListingsItem',
        method: 'PUT',
        status: 400,
        amazonRequestId: 'req-400',
        errorCode: 'InvalidInput',
        errorMessage: 'Invalid input: condition_type is required. '.repeat(20),
      }),
      at(3),
    );
    await insertApiCall(
      db,
      call({ operation: 'createFeed', method: 'POST', status: null, errorCode: 'ECONNRESET', errorMessage: 'socket hang up' }),
      at(4),
    );
    await insertApiCall(
      db,
      call({ operation: 'getFeed', status: 503, amazonRequestId: 'req-503', errorCode: 'HTTP_503', errorMessage: 'Service Unavailable' }),
      at(5),
    );
    // Another store's call and a call of no store (an LWA token call): never in this store's log.
    await insertApiCall(db, call({ storeId: otherStoreId, operation: 'getOrders', amazonRequestId: 'req-other' }), at(6));
    await insertApiCall(db, call({ storeId: null, operation: 'lwa.refreshAccessToken', amazonRequestId: 'req-lwa' }), at(7));
  });
  after(async () => t?.close());

  const get = (url: string, cookie = t.adminCookie) => as(t.app, cookie)({ method: 'GET', url });
  const page = async (query = '', id = storeId) => {
    const res = await get(`/api/stores/${id}/communication-log${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<CallPage>();
  };
  const ops = (p: CallPage) => p.items.map((c) => c.operation);

  it("lists the store's own calls newest first, paged on the server, for a Catalog Manager too", async () => {
    const all = await page();
    assert.equal(all.total, 6);
    assert.deepEqual(ops(all), ['getFeed', 'createFeed', 'putListingsItem', 'searchCatalogItems', 'searchCatalogItems', 'getListingsItem']);
    assert.ok(all.items.every((c) => c.storeId === storeId));
    assert.equal(all.items[0]!.createdAt, at(5).toISOString());
    assert.equal(all.items[0]!.latencyMs, 120);

    const second = await page('?page=2&pageSize=4');
    assert.deepEqual({ total: second.total, page: second.page, pageSize: second.pageSize }, { total: 6, page: 2, pageSize: 4 });
    assert.deepEqual(ops(second), ['searchCatalogItems', 'getListingsItem']);

    const manager = await get(`/api/stores/${storeId}/communication-log`, t.managerCookie);
    assert.equal(manager.statusCode, 200);
  });

  it('filters by operation, outcome, status, time range and text, and combines them', async () => {
    assert.deepEqual(ops(await page('?operation=searchCatalogItems')), ['searchCatalogItems', 'searchCatalogItems']);
    assert.deepEqual(ops(await page('?outcome=ok')), ['searchCatalogItems', 'getListingsItem']);
    assert.deepEqual(ops(await page('?outcome=failed')), ['getFeed', 'createFeed', 'putListingsItem', 'searchCatalogItems']);
    assert.deepEqual(ops(await page('?outcome=throttled')), ['searchCatalogItems']);
    assert.deepEqual(ops(await page('?outcome=client_error')), ['putListingsItem']);
    assert.deepEqual(ops(await page('?outcome=server_error')), ['getFeed']);
    assert.deepEqual(ops(await page('?outcome=no_answer')), ['createFeed']);
    assert.deepEqual(ops(await page('?status=429')), ['searchCatalogItems']);
    const from = encodeURIComponent(at(1).toISOString());
    const to = encodeURIComponent(at(4).toISOString());
    assert.deepEqual(ops(await page(`?from=${from}&to=${to}`)), ['putListingsItem', 'searchCatalogItems', 'searchCatalogItems']);
    assert.deepEqual(ops(await page('?q=REQ-4')), ['putListingsItem', 'searchCatalogItems'], 'request id, any case');
    assert.deepEqual(ops(await page('?q=quota')), ['searchCatalogItems'], 'error message');
    assert.deepEqual(ops(await page('?q=econnreset')), ['createFeed'], 'error code');
    assert.deepEqual(ops(await page('?q=req-other')), [], "another store's request id");
    assert.deepEqual(ops(await page('?q=%25')), [], 'a wildcard is taken literally');
    assert.deepEqual(ops(await page(`?operation=searchCatalogItems&outcome=ok&from=${from}`)), ['searchCatalogItems']);
  });

  it('opens one call with its whole error message; another store’s call is not found', async () => {
    const failed = (await page('?status=400')).items[0]!;
    const res = await get(`/api/stores/${storeId}/communication-log/${failed.id}`);
    assert.equal(res.statusCode, 200);
    const one = res.json<Call>();
    assert.equal(one.amazonRequestId, 'req-400');
    assert.equal(one.errorCode, 'InvalidInput');
    assert.equal(one.errorMessage, 'Invalid input: condition_type is required. '.repeat(20));
    const other = (await page('', otherStoreId)).items[0]!;
    assert.equal((await get(`/api/stores/${storeId}/communication-log/${other.id}`)).statusCode, 404);
    assert.equal((await get(`/api/stores/${storeId}/communication-log/999999`)).statusCode, 404);
  });

  it('gives the operations of the store’s log for the filter', async () => {
    const res = await get(`/api/stores/${storeId}/communication-log/operations`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { operations: ['createFeed', 'getFeed', 'getListingsItem', 'putListingsItem', 'searchCatalogItems'] });
  });

  it('refuses bad filters naming the field, and an unknown store with 404', async () => {
    const bad = await get(`/api/stores/${storeId}/communication-log?outcome=maybe&from=yesterday`);
    assert.equal(bad.statusCode, 400);
    const fields = bad.json<{ error: { details: { fields: { field: string }[] } } }>().error.details.fields.map((f) => f.field);
    assert.ok(
      fields.some((f) => f === 'querystring.outcome' || f === 'querystring.from'),
      fields.join(', '),
    );
    assert.equal((await get(`/api/stores/${storeId}/communication-log?pageSize=500`)).statusCode, 400);
    assert.equal((await get('/api/stores/9999/communication-log')).statusCode, 404);
    assert.equal((await get('/api/stores/9999/communication-log/operations')).statusCode, 404);
  });

  it('is refused without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/stores/${storeId}/communication-log` });
    assert.equal(res.statusCode, 401);
  });
});
