/**
 * A bounded, seeded fuzz of every route in the app's OpenAPI document (fuzz-cases.ts says what is sent):
 * odd ids and text in paths, odd query values, malformed, mistyped, extreme and non-finite bodies — as an
 * administrator with a bearer token, against the whole app with a seeded catalog, a store connected to the
 * in-process simulator, listings made by a rule, and a stock profile. It asserts that nothing answers
 * >= 500, and that no refused request (4xx) leaves a row written.
 *
 * How a write is seen: every INSERT/UPDATE/DELETE the app sends through knex is noticed (its `query`
 * event); after a request that sent one, the database's fingerprint (row count and a hash of every row, per
 * table) is compared with the one taken after the last such request. A refused request may send writes in a
 * transaction it rolls back, but the fingerprint must not move. FUZZ_SEED=<n> replays another sample.
 */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { bearerClient, createBearerToken, type Client } from '../helpers/bearer';
import { changedTables, fingerprint, tableNames, type Fingerprint } from '../helpers/db-fingerprint';
import { CaseBuilder, type FuzzCase, type OpenApi } from './fuzz-cases';
import { ALL, startListingsHarness, type ListingsHarness } from './listings-harness';

const SEED = Number(process.env.FUZZ_SEED ?? 20261207);

/** Routes not fuzzed, and why. */
const SKIP: Record<string, string> = {
  'POST /api/auth/logout': 'ends the session of the credential the fuzz runs with (its bearer token)',
};

/** Tables a refused request may write by design, and why; they are left out of the fingerprint. */
const MAY_WRITE_WHEN_REFUSED: Record<string, string> = {
  admin_sessions: 'authenticating a request refreshes its session or token (last used, expiry)',
  amazon_api_calls: 'every Amazon call is recorded, also one Amazon refuses (the Communication Log)',
  amazon_rate_buckets: 'every Amazon call takes a token from its rate-limit bucket, whatever the answer',
};

const WRITE = /^\s*(?:insert\s+(?:ignore\s+)?into|replace\s+into|update|delete\s+from)\s+[`"]?(\w+)/i;

interface Problem {
  route: string;
  what: string;
  status: number;
  detail: string;
}

describe('security fuzz: every route, odd input', function () {
  this.timeout(240_000);
  let h: ListingsHarness;
  let api: Client;
  let builder: CaseBuilder;
  let tables: string[];
  const writesSeen: string[] = [];

  before(async () => {
    h = await startListingsHarness();
    const run = await h.saveRule(ALL());
    assert.equal(run.status, 'done');
    await h.app.jobs.runNow('listings.matching');
    api = bearerClient(h.app, await createBearerToken(h.app, h.admin, 'fuzz'));
    const mapping = await api({
      method: 'POST',
      url: '/api/attribute-mapping',
      payload: { country: 'US', amazonAttribute: 'brand', catalogAttribute: 'color' },
    });
    assert.equal(mapping.statusCode, 201, mapping.body);
    const profile = await api({ method: 'POST', url: `/api/stores/${h.storeId}/stock-profiles`, payload: { name: 'Fuzz profile' } });
    assert.equal(profile.statusCode, 200, profile.body);
    const db = h.db.knex;
    const firstId = async (table: string, where: Record<string, unknown> = {}) =>
      String((await db(table).where(where).first('id'))?.id ?? 1);
    // An Amazon order and a saved view, so the sales routes are fuzzed against rows that exist.
    const website = await db('websites').where({ code: 'base' }).first('id');
    const storeView = await db('store_views').where({ website_id: website.id }).first('id');
    const order = await db.transaction((trx) =>
      h.app.sales.orders.create(trx, {
        websiteId: Number(website.id),
        storeViewId: Number(storeView.id),
        source: 'amazon',
        customerEmail: 'buyer@marketplace.amazon.com',
        orderCurrencyCode: 'USD',
        paymentMethod: 'amazon',
        totals: { subtotal: 10, taxAmount: 0, shippingAmount: 0, shippingTaxAmount: 0, discountAmount: 0, grandTotal: 10 },
        items: [{ sku: 'BAG-1', name: 'Bag', qtyOrdered: 1, price: 10 }],
        amazon: {
          storeId: h.storeId,
          marketplaceId: 'ATVPDKIKX0DER',
          amazonOrderId: '113-0000000-0000001',
          amazonStatus: 'Unshipped',
          fulfillmentChannel: 'MFN',
          purchaseDate: new Date(),
        },
      }),
    );
    assert.ok(order.ok, JSON.stringify(order));
    const view = await api({
      method: 'POST',
      url: '/api/sales/order-views',
      payload: { name: 'Fuzz view', filters: { source: 'amazon' } },
    });
    assert.equal(view.statusCode, 200, view.body);
    const ids: Record<string, string> = {
      orders: String(order.ok && order.orderId),
      'order-views': String(view.json<{ id: number }>().id),
      products: String(h.products['BAG-1']),
      stocks: await firstId('stocks'),
      stores: String(h.storeId),
      // Not the administrator the fuzz runs as: a fuzzed edit must not lock it out.
      'admin-users': await firstId('admin_users', { role: 'catalog_manager' }),
      notifications: await firstId('admin_notifications'),
      'attribute-mapping': await firstId('amazon_attribute_mappings'),
      listings: String((await h.listingBySku('BOTTLE')).id),
      runs: String(run.id),
      'third-party-listings': await firstId('third_party_listings'),
      'stock-profiles': String(profile.json<{ id: number }>().id),
      websites: 'base',
      attributes: 'color',
      sources: 'wh_a',
      'source-items': 'wh_a',
      preparation: 'professional_account',
    };
    const variationParent = String((await h.listingBySku('TEE')).id);
    const pathValue = (route: string, param: string) => {
      if (param === 'storeId') return String(h.storeId);
      if (route.includes('/variants') && param === 'id') return variationParent;
      const segments = route.split('/');
      return ids[segments[segments.indexOf(`{${param}}`) - 1] ?? ''] ?? '1';
    };
    const doc = h.app.swagger() as unknown as OpenApi;
    const mainStock = Number(ids.stocks);
    builder = new CaseBuilder(doc, SEED, pathValue, {
      'POST /api/catalog/reservations': { sku: 'BAG-1', stockId: mainStock, quantity: -1, reason: 'fuzz' },
      'POST /api/stores': {
        name: 'Fuzz CA',
        email: 'fuzz@shop.example',
        websiteCode: 'base',
        country: 'CA',
        productIdType: 'ean',
        productIdAttribute: 'ean',
      },
      'PUT /api/stores/{storeId}/listing-rule': { conditions: ALL() },
      'POST /api/stores/{storeId}/listing-rule/preview': { conditions: ALL() },
      // Not the name the store has (the fuzz renames it; deleting it comes last anyway).
      'DELETE /api/stores/{id}': { confirm: 'not the store name' },
      'POST /api/attribute-mapping': { country: 'CA', amazonAttribute: 'brand', catalogAttribute: 'color' },
      'POST /api/stores/{storeId}/listings/{id}/variants/add': { productIds: [h.products['TEE-RED-S']] },
      'POST /api/stores/{storeId}/listings/{id}/variants/remove': { productIds: [h.products['TEE-BLUE-M']] },
      'POST /api/auth/login': { email: 'manager@example.com', password: 'not-the-password' },
      'POST /api/sales/orders/{id}/comments': { comment: 'Fuzzed comment' },
      'POST /api/sales/order-views': { name: 'Fuzzed view', filters: { status: ['pending'], sort: 'grandTotal' } },
      'POST /api/admin-users': { email: 'fuzzed@example.com', name: 'Fuzzed', role: 'catalog_manager', password: 'fuzzed-Password-123!' },
    });
    tables = await tableNames(db);
    db.on('query', (q: { sql: string }) => {
      const table = WRITE.exec(q.sql)?.[1];
      if (table && !(table in MAY_WRITE_WHEN_REFUSED)) writesSeen.push(table);
    });
  });
  after(async () => h?.close());

  it('sees a write, also one made in a transaction', async () => {
    const ignore = Object.keys(MAY_WRITE_WHEN_REFUSED);
    const before = await fingerprint(h.db.knex, tables, ignore);
    writesSeen.length = 0;
    const res = await api({ method: 'PATCH', url: `/api/catalog/products/${h.products['BAG-1']}`, payload: { name: 'Fuzz-proof Duffle' } });
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(writesSeen.includes('products'), writesSeen.join(', '));
    const changed = changedTables(before, await fingerprint(h.db.knex, tables, ignore));
    assert.ok(changed.includes('products') && changed.includes('audit_log') && changed.includes('catalog_changes'), changed.join(', '));
  });

  it('answers every request below 500 and writes nothing for refused ones', async () => {
    const cases: FuzzCase[] = builder.allCases(SKIP);
    const ignore = Object.keys(MAY_WRITE_WHEN_REFUSED);
    const serverErrors: Problem[] = [];
    const refusedWrites: Problem[] = [];
    const statuses = new Map<number, number>();
    const started = Date.now();
    // Store events (connect, disconnect, delete) subscribe or unsubscribe in the background: let that work finish
    // before looking, so it counts for the request that caused it and never for the next one.
    await h.app.notificationSubscriptions.settled();
    let last: Fingerprint = await fingerprint(h.db.knex, tables, ignore);
    for (const c of cases) {
      writesSeen.length = 0;
      const res: LightMyRequestResponse = await api(c.request);
      await h.app.notificationSubscriptions.settled();
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      const problem = (detail: string): Problem => ({ route: c.route, what: c.what, status: res.statusCode, detail });
      if (res.statusCode >= 500) serverErrors.push(problem(res.body.slice(0, 300)));
      if (writesSeen.length === 0) continue;
      const now = await fingerprint(h.db.knex, tables, ignore);
      const changed = changedTables(last, now);
      if (res.statusCode >= 400 && res.statusCode < 500 && changed.length) refusedWrites.push(problem(`wrote ${changed.join(', ')}`));
      last = now;
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
    console.log(`      fuzz (seed ${SEED}, ${h.db.engine}): ${cases.length} requests in ${seconds} s — ${byStatus.join(' ')}`);
    const show = (list: Problem[]) => list.map((p) => `${p.route} [${p.what}] → ${p.status}: ${p.detail}`).join('\n');
    assert.deepEqual(show(serverErrors), '', 'answers >= 500');
    assert.deepEqual(show(refusedWrites), '', 'refused requests that wrote');
    assert.ok(cases.length >= 3_000, `a few thousand requests (${cases.length})`);
    // An odd id must not have reached the fuzz's own administrator (disabling it, or revoking its token).
    const me = await api({ method: 'GET', url: '/api/auth/me' });
    assert.equal(me.statusCode, 200, `the fuzz's credential still works: ${me.body}`);
  });
});
