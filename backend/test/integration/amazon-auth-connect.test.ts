/**
 * Connect a store through the simulator's Seller Central pages and every way the consent can go wrong:
 * forged, reused and expired state, another admin's session, declined consent, a seller not selling in
 * the marketplace, the same seller+marketplace twice, a different seller on renewal, a Catalog Manager.
 * And: no plaintext refresh token anywhere in the database or the log after it all.
 */
import assert from 'node:assert/strict';
import { BOOKS, OUTDOOR, outcomeOf, startStoresHarness, type StoresHarness } from './stores-harness';

interface Store {
  id: number;
  status: string;
  authorization: { state: string; daysLeft: number | null; sellerId: string | null; syncPaused: boolean; expiresAt: string | null };
  editable: { website: boolean; country: boolean; reason: string | null };
  attention: { code: string }[];
}

describe('amazon-auth: connecting a store', function () {
  this.timeout(60_000);
  let h: StoresHarness;
  before(async () => {
    h = await startStoresHarness();
  });
  after(async () => h?.close());

  const getStore = async (id: number) => (await h.as(h.admin)({ method: 'GET', url: `/api/stores/${id}` })).json<Store>();
  const start = async (id: number, cookie = h.admin, purpose = 'connect') => {
    const res = await h.as(cookie)({ method: 'POST', url: `/api/stores/${id}/${purpose}` });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ consentUrl: string; expiresAt: string }>();
  };

  let us: { id: number };

  it('connects: consent URL for the marketplace’s Seller Central → sign-in → callback → Active with 365 days left', async () => {
    us = await h.createStore();
    const before = await getStore(us.id);
    assert.equal(before.status, 'in_setup');
    assert.equal(before.authorization.state, 'not_connected');
    assert.equal(before.authorization.syncPaused, true);

    const { consentUrl } = await start(us.id);
    const url = new URL(consentUrl);
    // The simulator's Seller Central for browsers (plain HTTP on loopback), the US host under its own path.
    assert.equal(`${url.origin}${url.pathname}`, `${h.sim.sellerCentralUrl}/sellercentral.amazon.com/apps/authorize/consent`);
    assert.equal(url.searchParams.get('application_id'), 'amzn1.sellerapps.app.5a1e5c4a-0000-4000-8000-000000000001');
    assert.equal(url.searchParams.get('redirect_uri'), 'http://127.0.0.1:3000/api/amazon-auth/callback');
    assert.match(url.searchParams.get('state') ?? '', new RegExp(`^${us.id}\\.`));

    const redirect = await h.consent(consentUrl, OUTDOOR);
    // The browser has the admin's cookie; the page says connected and that the tab closes by itself.
    const page = await h.callback(redirect, h.admin);
    assert.equal(page.statusCode, 200, page.body);
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.equal(outcomeOf(page), 'connected');
    assert.match(page.body, /This tab closes by itself/);

    const after = await getStore(us.id);
    assert.equal(after.status, 'active');
    assert.equal(after.authorization.state, 'connected');
    assert.equal(after.authorization.daysLeft, 365);
    assert.equal(after.authorization.sellerId, OUTDOOR.sellerId);
    assert.equal(after.authorization.syncPaused, false);
    assert.deepEqual(after.attention, []);
    assert.deepEqual([after.editable.website, after.editable.country], [false, false]);
    assert.match(after.editable.reason ?? '', /fixed once the store is connected/);

    const audit = await h.as(h.admin)({ method: 'GET', url: `/api/audit-log?entityType=amazon_store&entityId=${us.id}` });
    const actions = audit.json<{ items: { action: string; userEmail: string | null }[] }>().items.map((i) => i.action);
    assert.ok(actions.includes('store.connect') && actions.includes('store.connect_started'), actions.join(','));
  });

  it('the lightweight authorization endpoint answers what the card polls', async () => {
    const res = await h.as(h.manager)({ method: 'GET', url: `/api/stores/${us.id}/authorization` });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json<{ state: string; daysLeft: number }>().daysLeft, 365);
  });

  it('refuses to change website or country after connecting, saying why (409); name still changes', async () => {
    const res = await h.as(h.admin)({ method: 'PATCH', url: `/api/stores/${us.id}`, payload: { country: 'CA' } });
    assert.equal(res.statusCode, 409);
    const body = res.json<{ error: { message: string; details: { fields: { field: string }[] } } }>();
    assert.match(body.error.message, /fixed once the store is connected/);
    assert.deepEqual(
      body.error.details.fields.map((f) => f.field),
      ['body.country'],
    );
    const renamed = await h.as(h.admin)({ method: 'PATCH', url: `/api/stores/${us.id}`, payload: { name: 'Outdoor US (main)' } });
    assert.equal(renamed.statusCode, 200, renamed.body);
  });

  it('a reused state does nothing the second time', async () => {
    const store = await h.createStore({ name: 'Outdoor CA', country: 'CA' });
    const redirect = await h.consent((await start(store.id)).consentUrl, OUTDOOR);
    assert.equal(outcomeOf(await h.callback(redirect, h.admin)), 'connected');
    const again = await h.callback(redirect, h.admin);
    assert.equal(again.statusCode, 400);
    assert.equal(outcomeOf(again), 'reused_state');
  });

  it('a forged or tampered state is refused before anything happens', async () => {
    const store = await h.createStore({ name: 'Outdoor GB', country: 'GB', websiteCode: 'eu' });
    const { consentUrl } = await start(store.id);
    const real = new URL(consentUrl).searchParams.get('state')!;
    const forged = [`${store.id}.${'A'.repeat(32)}.${'B'.repeat(43)}`, real.replace(/^\d+\./, `${us.id}.`), 'st-123'];
    for (const state of forged) {
      const res = await h.app.inject({
        method: 'GET',
        url: `/api/amazon-auth/callback?${new URLSearchParams({ state, spapi_oauth_code: 'ANsimX', selling_partner_id: OUTDOOR.sellerId })}`,
      });
      assert.equal(outcomeOf(res), 'invalid_state', state);
    }
    const none = await h.app.inject({ method: 'GET', url: '/api/amazon-auth/callback?spapi_oauth_code=x' });
    assert.equal(outcomeOf(none), 'missing_state');
    assert.equal((await getStore(store.id)).authorization.state, 'not_connected');
  });

  it('an expired state (more than 10 minutes) is refused', async () => {
    const store = await h.createStore({ name: 'Outdoor DE late', country: 'DE', websiteCode: 'eu' });
    const { consentUrl } = await start(store.id);
    const redirect = await h.consent(consentUrl, OUTDOOR);
    h.sim.advance(11 * 60);
    const res = await h.callback(redirect, h.admin);
    assert.equal(outcomeOf(res), 'expired_state');
    assert.equal((await getStore(store.id)).authorization.state, 'not_connected');
  });

  it('a state started by another admin’s session is refused in this browser; the admin who started it can still finish', async () => {
    const store = await h.createStore({ name: 'Outdoor DE', country: 'DE', websiteCode: 'eu' });
    const redirect = await h.consent((await start(store.id)).consentUrl, OUTDOOR);
    const other = await h.callback(redirect, h.admin2);
    assert.equal(other.statusCode, 403);
    assert.equal(outcomeOf(other), 'other_session');
    assert.equal((await getStore(store.id)).authorization.state, 'not_connected');
    // The refusal did not burn the state (without a session, see amazon-auth-callback.test.ts).
    assert.equal(outcomeOf(await h.callback(redirect, h.admin)), 'connected');
  });

  it('a declined consent (Amazon redirects with error) ends on a page saying so', async () => {
    const store = await h.createStore({ name: 'Declined', country: 'FR', websiteCode: 'eu' });
    const state = new URL((await start(store.id)).consentUrl).searchParams.get('state')!;
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/amazon-auth/callback?${new URLSearchParams({ state, error: 'access_denied', error_description: 'The user denied the request' })}`,
      headers: { cookie: h.admin },
    });
    assert.equal(outcomeOf(res), 'denied');
    assert.match(res.body, /Back to Amazon Stores/);
    assert.match(res.body, /href="http:\/\/127\.0\.0\.1:3000\/admin\/amazon\/stores"/);
    assert.equal((await getStore(store.id)).authorization.state, 'not_connected');
  });

  it('a bad authorization code ends on a page saying so', async () => {
    const store = await h.createStore({ name: 'Bad code', country: 'IT', websiteCode: 'eu' });
    const redirect = await h.consent((await start(store.id)).consentUrl, OUTDOOR);
    redirect.searchParams.set('spapi_oauth_code', 'ANsimNOTACODE');
    assert.equal(outcomeOf(await h.callback(redirect, h.admin)), 'bad_code');
  });

  it('refuses a seller who does not sell in the store’s marketplace (A2SIMOUTDOOR01 in Mexico)', async () => {
    const store = await h.createStore({ name: 'Outdoor MX', country: 'MX' });
    const res = await h.connect(store.id, OUTDOOR);
    assert.equal(outcomeOf(res), 'wrong_marketplace');
    assert.match(res.body, /does not sell in this store/);
    const after = await getStore(store.id);
    assert.equal(after.authorization.state, 'not_connected');
    assert.equal(after.authorization.sellerId, null);
  });

  it('refuses the same seller and marketplace on a second store', async () => {
    const twin = await h.createStore({ name: 'Outdoor US twin' });
    const res = await h.connect(twin.id, OUTDOOR);
    assert.equal(res.statusCode, 409);
    assert.equal(outcomeOf(res), 'seller_taken');
    assert.match(res.body, /Outdoor US \(main\)/);
    assert.equal((await getStore(twin.id)).authorization.state, 'not_connected');
  });

  it('refuses a renewal by a different seller than the store’s', async () => {
    const de = (await h.as(h.admin)({ method: 'GET', url: '/api/stores' }))
      .json<(Store & { name: string })[]>()
      .find((s) => s.name === 'Outdoor DE')!;
    const before = await getStore(de.id);
    const res = await h.connect(de.id, BOOKS, 'renew');
    assert.equal(outcomeOf(res), 'different_seller');
    const after = await getStore(de.id);
    assert.equal(after.authorization.sellerId, OUTDOOR.sellerId);
    assert.equal(after.authorization.expiresAt, before.authorization.expiresAt);
  });

  it('a Catalog Manager may not add, connect, renew, disconnect or delete a store (403)', async () => {
    const m = h.as(h.manager);
    const calls = [
      m({
        method: 'POST',
        url: '/api/stores',
        payload: { name: 'x', email: 'a@b.example', websiteCode: 'base', country: 'US', productIdType: 'ean', productIdAttribute: 'ean' },
      }),
      m({ method: 'POST', url: `/api/stores/${us.id}/connect` }),
      m({ method: 'POST', url: `/api/stores/${us.id}/renew` }),
      m({ method: 'POST', url: `/api/stores/${us.id}/disconnect` }),
      m({ method: 'DELETE', url: `/api/stores/${us.id}`, payload: { confirm: 'Outdoor US (main)' } }),
    ];
    for (const res of await Promise.all(calls)) assert.equal(res.statusCode, 403, res.body);
    assert.equal((await getStore(us.id)).authorization.state, 'connected');
  });

  it('Connect on a connected store is refused (renew instead); Renew on a store never connected too', async () => {
    const connectAgain = await h.as(h.admin)({ method: 'POST', url: `/api/stores/${us.id}/connect` });
    assert.equal(connectAgain.statusCode, 409);
    const fresh = await h.createStore({ name: 'Never connected', country: 'ES', websiteCode: 'eu' });
    assert.equal((await h.as(h.admin)({ method: 'POST', url: `/api/stores/${fresh.id}/renew` })).statusCode, 409);
  });

  it('disconnect forgets the token and seller, keeps the settings, and frees the seller+marketplace', async () => {
    const twin = (await h.as(h.admin)({ method: 'GET', url: '/api/stores' }))
      .json<(Store & { name: string })[]>()
      .find((s) => s.name === 'Outdoor CA')!;
    const res = await h.as(h.admin)({ method: 'POST', url: `/api/stores/${twin.id}/disconnect` });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<Store & { settings: { handlingTimeDays: number } }>();
    assert.equal(body.status, 'in_setup');
    assert.equal(body.authorization.state, 'not_connected');
    assert.equal(body.authorization.sellerId, null);
    assert.equal(body.settings.handlingTimeDays, 2);
    const row = await h.db.knex('amazon_stores').where({ id: twin.id }).first();
    assert.equal(row.refresh_token_sealed, null);
  });

  it('leaves no plaintext refresh token in any table or in the log', async () => {
    const tokens = [...h.sim.sim.world.refreshTokens.keys()].filter((t) => !t.startsWith('Atzr|sim-seed-'));
    assert.ok(tokens.length >= 4, `tokens issued by the consents: ${tokens.length}`);
    const tables = await tableNames(h);
    let scanned = 0;
    for (const table of tables) {
      const text = JSON.stringify(await h.db.knex(table).select('*'));
      scanned += 1;
      for (const token of tokens) assert.ok(!text.includes(token), `refresh token in table ${table}`);
    }
    assert.ok(scanned > 20 && tables.includes('amazon_stores'));
    const sealed = await h.db.knex('amazon_stores').whereNotNull('refresh_token_sealed').pluck('refresh_token_sealed');
    assert.ok(sealed.length >= 2 && sealed.every((s: string) => s.startsWith('v1:')));
    // The scan looks for the right values: what the stores hold, opened with the key, is among them.
    assert.ok(sealed.every((s: string) => tokens.includes(h.app.secrets.open(s))));
    const log = h.logs.join('');
    assert.ok(log.length > 1000, 'the log captured the requests');
    for (const token of tokens) assert.ok(!log.includes(token), 'refresh token in the log');
    for (const store of (await h.as(h.admin)({ method: 'GET', url: '/api/stores' })).json<unknown[]>()) {
      for (const token of tokens) assert.ok(!JSON.stringify(store).includes(token));
      assert.ok(!JSON.stringify(store).includes('v1:'), 'not even the sealed token is returned');
    }
  });
});

async function tableNames(h: StoresHarness): Promise<string[]> {
  if (h.db.engine === 'mysql') {
    const [rows] = (await h.db.knex.raw('SHOW TABLES')) as [Record<string, string>[]];
    return rows.map((r) => Object.values(r)[0]!);
  }
  const rows = (await h.db.knex.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) as {
    name: string;
  }[];
  return rows.map((r) => r.name);
}
