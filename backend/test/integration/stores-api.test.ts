/**
 * Amazon stores over HTTP: Add Amazon Store validation (each field named), the card data, edits before
 * connecting, activate/deactivate, delete with typed confirmation, marketplaces, and the Learning and
 * Preparation checklist.
 */
import assert from 'node:assert/strict';
import { OUTDOOR, outcomeOf, startStoresHarness, type StoresHarness } from './stores-harness';

type Fields = { error: { code: string; details: { fields: { field: string; message: string }[] } } };
const VALID = {
  name: 'Outdoor US',
  email: 'amazon@shop.example',
  websiteCode: 'base',
  country: 'US',
  productIdType: 'ean',
  productIdAttribute: 'ean',
};

describe('stores API', function () {
  this.timeout(60_000);
  let h: StoresHarness;
  before(async () => {
    h = await startStoresHarness();
  });
  after(async () => h?.close());

  const post = (payload: Record<string, unknown>) => h.as(h.admin)({ method: 'POST', url: '/api/stores', payload });
  const fieldsOf = (res: { json<T>(): T }) =>
    res
      .json<Fields>()
      .error.details.fields.map((f) => f.field)
      .sort();

  it('starts empty (the UI shows "Add Amazon Store")', async () => {
    const res = await h.as(h.manager)({ method: 'GET', url: '/api/stores' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), []);
  });

  it('lists the marketplaces with region, currency and Seller Central host', async () => {
    const list = (await h.as(h.manager)({ method: 'GET', url: '/api/stores/marketplaces' })).json<
      { country: string; region: string; currency: string; sellerCentralHost: string }[]
    >();
    assert.deepEqual(
      list.map((m) => m.country),
      ['US', 'CA', 'MX', 'GB', 'DE', 'FR', 'IT', 'ES', 'JP', 'AU'],
    );
    assert.deepEqual(
      list.find((m) => m.country === 'JP'),
      { ...list.find((m) => m.country === 'JP'), region: 'fe', currency: 'JPY', sellerCentralHost: 'sellercentral.amazon.co.jp' },
    );
  });

  it('names each invalid field: missing fields, e-mail, website, country, attribute, ID type fit', async () => {
    for (const field of Object.keys(VALID)) {
      const { [field as keyof typeof VALID]: _left, ...rest } = VALID;
      const missing = await post(rest);
      assert.equal(missing.statusCode, 400);
      assert.deepEqual(fieldsOf(missing), [`body.${field}`]);
    }

    const email = await post({ ...VALID, email: 'not-an-email' });
    assert.equal(email.statusCode, 400);
    assert.deepEqual(fieldsOf(email), ['body.email']);

    const wrong = await post({ ...VALID, websiteCode: 'nowhere', country: 'ZZ', productIdAttribute: 'no_such_attr' });
    assert.equal(wrong.statusCode, 400);
    assert.deepEqual(fieldsOf(wrong), ['body.country', 'body.productIdAttribute', 'body.websiteCode']);

    const misfit = await post({ ...VALID, productIdAttribute: 'color' });
    assert.deepEqual(fieldsOf(misfit), ['body.productIdAttribute']);
    assert.match(misfit.json<Fields>().error.details.fields[0]!.message, /select attribute; a EAN needs a text attribute/);
  });

  let id: number;

  it('adds a store In Setup with default settings and the card data', async () => {
    const res = await post({ ...VALID, settings: { handlingTimeDays: 3 } });
    assert.equal(res.statusCode, 201, res.body);
    const s = res.json<Record<string, any>>(); // eslint-disable-line @typescript-eslint/no-explicit-any -- a card is read field by field below
    id = s.id;
    assert.equal(s.status, 'in_setup');
    assert.deepEqual(s.website, { code: 'base', name: 'Main Website', baseCurrency: 'USD' });
    assert.equal(s.marketplace.marketplaceId, 'ATVPDKIKX0DER');
    assert.equal(s.marketplace.region, 'na');
    assert.deepEqual(s.settings, {
      importOrders: true,
      customerMode: 'guest',
      listAutomatically: true,
      priceSource: 'price',
      fulfilledBy: 'merchant',
      condition: 'new_new',
      handlingTimeDays: 3,
    });
    assert.deepEqual(s.listingCounts, { active: 0, inactive: 0, inProgress: 0 });
    assert.deepEqual({ ...s.sales30d, series: s.sales30d.series.length }, { currency: 'USD', total: 0, orders: 0, series: 30 });
    assert.ok(s.sales30d.series.every((p: { amount: number; orders: number }) => p.amount === 0 && p.orders === 0));
    assert.deepEqual(s.sales.lifetime, { orders: 0, units: 0, revenue: 0 });
    assert.deepEqual(s.recentOrders, []);
    assert.deepEqual(
      s.attention.map((a: { code: string }) => a.code),
      ['not_connected'],
    );
    assert.deepEqual(s.editable, { website: true, country: true, reason: null });
    assert.equal(s.authorization.daysLeft, null);
  });

  it('refuses a second store with the same name, naming the field', async () => {
    const res = await post({ ...VALID, country: 'CA' });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(fieldsOf(res), ['body.name']);
    assert.match(res.body, /already exists/);
  });

  it('edits website and country while not connected; checks the ID mapping against the stored ID type', async () => {
    const res = await h.as(h.admin)({ method: 'PATCH', url: `/api/stores/${id}`, payload: { websiteCode: 'eu', country: 'de' } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<{ marketplace: { country: string } }>().marketplace.country, 'DE');
    const misfit = await h.as(h.admin)({ method: 'PATCH', url: `/api/stores/${id}`, payload: { productIdAttribute: 'pack_size' } });
    assert.equal(misfit.statusCode, 400);
    assert.deepEqual(fieldsOf(misfit), ['body.productIdAttribute']);
    const back = await h.as(h.admin)({
      method: 'PATCH',
      url: `/api/stores/${id}`,
      payload: { websiteCode: 'base', country: 'US', settings: { importOrders: false } },
    });
    assert.equal(back.json<{ settings: { importOrders: boolean; handlingTimeDays: number } }>().settings.importOrders, false);
    assert.equal(back.json<{ settings: { handlingTimeDays: number } }>().settings.handlingTimeDays, 3, 'other settings kept');
  });

  it('activate and deactivate follow the lifecycle and pause sync', async () => {
    const early = await h.as(h.admin)({ method: 'POST', url: `/api/stores/${id}/activate` });
    assert.equal(early.statusCode, 409);
    assert.match(early.body, /Connect the store/);
    assert.equal(outcomeOf(await h.connect(id, OUTDOOR)), 'connected');
    const off = await h.as(h.admin)({ method: 'POST', url: `/api/stores/${id}/deactivate` });
    assert.equal(off.statusCode, 200);
    const offBody = off.json<{
      status: string;
      authorization: { syncPaused: boolean; syncPauseReason: string };
      attention: { code: string }[];
    }>();
    assert.equal(offBody.status, 'inactive');
    assert.equal(offBody.authorization.syncPauseReason, 'deactivated');
    assert.deepEqual(
      offBody.attention.map((a) => a.code),
      ['inactive'],
    );
    assert.equal((await h.as(h.admin)({ method: 'POST', url: `/api/stores/${id}/deactivate` })).statusCode, 409);
    const on = await h.as(h.admin)({ method: 'POST', url: `/api/stores/${id}/activate` });
    assert.equal(on.json<{ authorization: { syncPaused: boolean } }>().authorization.syncPaused, false);
    assert.equal((await h.as(h.manager)({ method: 'POST', url: `/api/stores/${id}/deactivate` })).statusCode, 403);
  });

  it('the preparation checklist: manual items ticked by an admin, automatic ones checked for the store', async () => {
    const list = await h.as(h.manager)({ method: 'GET', url: `/api/stores/preparation?storeId=${id}` });
    assert.equal(list.statusCode, 200, list.body);
    const items = list.json<{ items: { key: string; kind: string; checked: boolean; detail: string | null; link: string | null }[] }>()
      .items;
    const byKey = new Map(items.map((i) => [i.key, i]));
    assert.equal(byKey.get('professional_account')?.checked, false);
    assert.match(byKey.get('professional_account')?.link ?? '', /^https:\/\/sellercentral\.amazon\.com\//);
    assert.equal(byKey.get('currency')?.checked, true, 'USD website on amazon.com');
    assert.match(byKey.get('identifiers')?.detail ?? '', /of \d+ products of the website carry a value in "ean"/);
    assert.equal(byKey.get('workers')?.kind, 'automatic');

    assert.equal(
      (await h.as(h.manager)({ method: 'PUT', url: '/api/stores/preparation/tax_settings', payload: { checked: true } })).statusCode,
      403,
    );
    const ticked = await h.as(h.admin)({
      method: 'PUT',
      url: `/api/stores/preparation/tax_settings?storeId=${id}`,
      payload: { checked: true },
    });
    assert.equal(ticked.statusCode, 200, ticked.body);
    const tax = ticked
      .json<{ items: { key: string; checked: boolean; checkedBy: string | null }[] }>()
      .items.find((i) => i.key === 'tax_settings');
    assert.deepEqual([tax?.checked, tax?.checkedBy], [true, 'admin@example.com']);
    const auto = await h.as(h.admin)({ method: 'PUT', url: '/api/stores/preparation/currency', payload: { checked: true } });
    assert.equal(auto.statusCode, 400);
  });

  it('delete needs the store name typed exactly; then the store, its consent states and its Communication Log are gone, audited', async () => {
    const wrong = await h.as(h.admin)({ method: 'DELETE', url: `/api/stores/${id}`, payload: { confirm: 'outdoor us' } });
    assert.equal(wrong.statusCode, 400);
    assert.deepEqual(fieldsOf(wrong), ['body.confirm']);
    assert.equal((await h.as(h.admin)({ method: 'GET', url: `/api/stores/${id}` })).statusCode, 200);
    assert.ok((await h.db.knex('amazon_api_calls').where({ store_id: id })).length > 0, 'connecting logged calls for the store');
    const ok = await h.as(h.admin)({ method: 'DELETE', url: `/api/stores/${id}`, payload: { confirm: 'Outdoor US' } });
    assert.equal(ok.statusCode, 204, ok.body);
    assert.equal((await h.as(h.admin)({ method: 'GET', url: `/api/stores/${id}` })).statusCode, 404);
    assert.equal((await h.db.knex('amazon_consent_states').where({ store_id: id })).length, 0);
    assert.equal((await h.db.knex('amazon_api_calls').where({ store_id: id })).length, 0);
    const audit = await h.as(h.admin)({ method: 'GET', url: `/api/audit-log?entityType=amazon_store&entityId=${id}` });
    const actions = audit.json<{ items: { action: string }[] }>().items.map((i) => i.action);
    for (const a of ['store.create', 'store.update', 'store.connect', 'store.deactivate', 'store.activate', 'store.delete'])
      assert.ok(actions.includes(a), a);
  });
});
