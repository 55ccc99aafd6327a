/**
 * Listings in a real headless Chromium against the real service and the in-process Amazon simulator, with a
 * US store connected through the API (the consent UI is stores.test.ts's): list automatically (Listing
 * Settings), write a rule in the editor, preview it, save it; matching and the sync engine run from the test
 * and the grid shows the listing reach Active by itself; resolve Multiple Matches by picking a candidate;
 * override a price and see the simulator's offer change; end and publish again; delete one (confirmation);
 * import the seller's existing Amazon listings and link one. The steps build on each other, on one tab.
 * Without Chromium the suite is skipped with the reason, never passed.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import appPlugin from '../../src/app';
import adminUiPlugin from '../../src/platform/admin-ui';
import { toDbTime } from '../../src/db/time';
import { startSimulator, type SimulatorHandle } from '../../simulator/index';
import { FORM, formBody, LoopbackAgent, parseForm, simRequest, type RawResponse } from '../../simulator/test/helpers';
import { ensureAdminBuilt } from '../../../scripts/build-admin';
import { ADMIN, signIn, testConfig } from '../helpers/app';
import { createTestDb, type TestDb } from '../helpers/db';
import { OUTPUT_DIR, browserUnavailable, launchChromium, openContext, openTab, saveFailure, signInAs, type Tab } from './browser';
import { seedCatalog } from './seed-catalog';

const unavailable = browserUnavailable();
const SELLER = { email: 'owner@demo-outdoor.example', password: 'Owner-pass-1', otp: '123456' };
const US = 'ATVPDKIKX0DER';

interface SimListing {
  sku: string;
  marketplaceId: string;
  attributes: Record<string, { our_price?: { schedule: { value_with_tax: string }[] }[]; quantity?: number }[]>;
}

describe(`Listings in the browser (e2e)${unavailable ? ` [skipped: ${unavailable}]` : ''}`, function () {
  this.timeout(30_000);
  let sim: SimulatorHandle;
  let agent: LoopbackAgent;
  let db: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let tab: Tab | null = null;
  let page: Page;
  let storeId = 0;
  let admin = '';

  const api = async <T = unknown>(method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown): Promise<T> => {
    const res = await app.inject({
      method,
      url,
      headers: { cookie: admin },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    if (res.statusCode >= 400) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  };
  const listing = async (sku: string) => db.knex('listings').where({ store_id: storeId, sku }).first();
  const simListing = (sku: string): SimListing | null => {
    const state = sim.state() as unknown as { listings: SimListing[] | Record<string, SimListing[]> };
    const all = Array.isArray(state.listings) ? state.listings : Object.values(state.listings).flat();
    return all.find((l) => l.sku === sku && l.marketplaceId === US) ?? null;
  };
  const simPrice = (sku: string) => {
    const v = simListing(sku)?.attributes.purchasable_offer?.[0]?.our_price?.[0]?.schedule[0]?.value_with_tax;
    return v === undefined ? null : Number(v).toFixed(2);
  };
  const match = () => app.jobs.runNow('listings.matching');
  const drain = () => app.listingsSync.drainStore(storeId);

  /** Seller Central's consent over plain HTTPS (no browser), as the stores harness does, ending in our callback. */
  async function connectStore(id: number): Promise<void> {
    const started = await api<{ consentUrl: string }>('POST', `/api/stores/${id}/connect`);
    const url = new URL(started.consentUrl);
    const sc = (method: string, p: string, fields?: Record<string, string>) =>
      simRequest({ agent }, url.host, method, p, fields ? { headers: FORM, body: formBody(fields) } : {});
    const submit = (from: RawResponse, extra: Record<string, string>) => {
      const f = parseForm(from.text);
      return sc('POST', f.action, { ...f.fields, ...extra });
    };
    const start = await sc('GET', `${url.pathname}${url.search}`);
    const mfa = await submit(start, { email: SELLER.email, password: SELLER.password });
    const perms = await submit(mfa, { otpCode: SELLER.otp });
    const almost = await submit(perms, { acknowledge: 'yes' });
    const done = await submit(almost, {});
    assert.equal(done.status, 302, done.text.slice(0, 300));
    const redirect = new URL(String(done.headers.location));
    const cb = await app.inject({ method: 'GET', url: `${redirect.pathname}${redirect.search}`, headers: { cookie: admin } });
    assert.ok(cb.statusCode < 400, cb.body);
  }

  /** The demo-like catalog plus products whose EANs the simulator's catalog knows (see listings-harness.ts). */
  async function seedAmazonProducts(): Promise<void> {
    const k = db.knex;
    const now = toDbTime();
    await k('attributes').insert([
      { code: 'ean', label: 'EAN', type: 'text', scope: 'global', is_required: false, is_system: false, created_at: now },
      { code: 'amazon_asin', label: 'Amazon ASIN', type: 'text', scope: 'global', is_required: false, is_system: false, created_at: now },
    ]);
    const ean = Number((await k('attributes').where({ code: 'ean' }).first('id')).id);
    const setId = Number((await k('attribute_sets').where({ code: 'default' }).first('id')).id);
    const base = Number((await k('websites').where({ code: 'base' }).first('id')).id);
    const add = async (sku: string, name: string, price: number, eanValue: string | null) => {
      const [id] = await k('products').insert({
        sku,
        type: 'simple',
        name,
        price,
        attribute_set_id: setId,
        status: 'enabled',
        visibility: 'catalog_search',
        created_at: now,
        updated_at: now,
      });
      await k('product_websites').insert({ product_id: id, website_id: base });
      if (eanValue) await k('product_attribute_values').insert({ product_id: id, attribute_id: ean, value: eanValue });
      await k('source_items').insert({ sku, source_code: 'us-east', quantity: 10, in_stock: true });
    };
    await add('BOTTLE', 'Water Bottle', 19.99, '4006381333931'); // one ASIN
    await add('BOWL', 'Silicone Bowl', 9.5, '4006381333993'); // two ASINs
    await add('NOPE', 'Unknown Thing', 5, '4000000000006'); // none
    await add('TM-MUG-350', 'Travel Mug 350 ml', 12, null); // a seller SKU already on Amazon
  }

  before(async function () {
    if (unavailable) {
      console.log(`  (skipped: ${unavailable})`);
      this.skip();
    }
    this.timeout(180_000); // the first run builds the admin with Vite
    await ensureAdminBuilt();
    sim = await startSimulator({ port: 0, controlToken: 'listings-e2e' });
    agent = new LoopbackAgent(sim.port, sim.caPem);
    db = await createTestDb();
    await seedCatalog(db.knex);
    await seedAmazonProducts();
    const config = testConfig({ DATABASE_URL: db.url, SIMULATOR_PORT: String(sim.port) });
    app = Fastify({ logger: false });
    await app.register(appPlugin, { config, knex: db.knex, simulatorPort: sim.port });
    await app.register(adminUiPlugin);
    await app.ready();
    app.clock.follow(() => sim.clock.now());
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    admin = await signIn(app, ADMIN.email, ADMIN.password);
    const store = await api<{ id: number }>('POST', '/api/stores', {
      name: 'Outdoor US',
      email: 'amazon@shop.example',
      websiteCode: 'base',
      country: 'US',
      productIdType: 'ean',
      productIdAttribute: 'ean',
    });
    storeId = store.id;
    await connectStore(storeId);
    // Held for a manual publish at first: the scenario switches automatic listing on in the Listing Settings page.
    await api('PATCH', `/api/stores/${storeId}/listing-settings`, {
      identifierOrder: [{ type: 'ean', attribute: 'ean' }],
      listAutomatically: false,
    });

    browser = await launchChromium();
    context = await openContext(browser, baseUrl);
    tab = await openTab(context);
    page = tab.page;
    await page.goto('/admin/login');
    await signInAs(page, ADMIN.email, ADMIN.password);
    await page.waitForURL(/\/admin\/(?!login)/);
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await sim?.close();
    agent?.destroy();
    await db?.drop();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      const saved = await saveFailure(this.currentTest.fullTitle(), tab, this.currentTest.err);
      console.log(`    screenshot and console log: ${saved}.png / .log`);
    }
  });

  /** E2E_SCREENSHOTS=1 keeps a picture of each step in test-output/e2e/. */
  const snap = async (name: string) => {
    if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: path.join(OUTPUT_DIR, `listings-${name}.png`), fullPage: true });
  };
  const notice = () => page.getByTestId('notice');
  const open = (section: string) => page.goto(`/admin/amazon/stores/${storeId}/${section}`);
  /** Picks an option of a Vuetify select/autocomplete found by its label inside `scope`. */
  async function choose(scope: ReturnType<Page['locator']>, label: string, option: string | RegExp, type?: string) {
    const field = scope.getByLabel(label, { exact: true });
    await field.click({ force: true }); // the selected value's text sits over the input
    if (type) await field.fill(type);
    await page
      .getByRole('option', typeof option === 'string' ? { name: option, exact: true } : { name: option })
      .first()
      .click();
  }

  it('Listing Settings: list eligible products automatically', async () => {
    await open('listing-settings');
    await page.getByLabel('List eligible products on Amazon as soon as they are matched').check();
    await page.getByTestId('save-listing-settings').click();
    await notice().waitFor();
    assert.match(await notice().innerText(), /Listing settings saved/);
    const settings = await api<{ listAutomatically: boolean }>('GET', `/api/stores/${storeId}/listing-settings`);
    assert.equal(settings.listAutomatically, true);
  });

  it('writes a rule in the editor, previews it and saves it', async () => {
    await open('listing-rules');
    await page.getByTestId('add-condition-conditions').click();
    const row = page.getByTestId('rule-condition-conditions.conditions[0]');
    await choose(row, 'Field', 'Attribute');
    await choose(row, 'Attribute', /EAN \(ean\)/, 'ean');
    await choose(row, 'Operator', 'is not empty');
    await page.getByTestId('rule-preview').click();
    const result = page.getByTestId('rule-preview-result');
    await result.getByText('New Listings (3)').waitFor();
    for (const sku of ['BOTTLE', 'BOWL', 'NOPE']) await result.getByText(sku, { exact: true }).waitFor();
    await snap('rule-editor');
    await page.getByTestId('rule-save').click();
    await page.getByRole('alertdialog').getByTestId('confirm').click();
    await page.getByTestId('rule-applied').getByText('3 new listing(s) enter matching').waitFor();
    const rule = await api<{ conditions: unknown }>('GET', `/api/stores/${storeId}/listing-rule`);
    assert.deepEqual(rule.conditions, {
      kind: 'combine',
      aggregator: 'all',
      value: true,
      conditions: [{ kind: 'condition', field: 'attribute', attribute: 'ean', operator: 'is_not_empty' }],
    });
  });

  it('matching and the sync engine: the grid shows the listing reach Active by itself', async () => {
    await match();
    await open('listings?tab=active');
    const grid = page.getByTestId('listing-grid');
    await grid.getByTestId('status-BOTTLE').getByText('List In Progress').waitFor();
    await page.getByTestId('in-flight').waitFor();
    await drain();
    await grid.getByTestId('status-BOTTLE').getByText('Active').waitFor({ timeout: 8000 });
    assert.equal(simPrice('BOTTLE'), '19.99');
    await page.getByTestId('count-incomplete').getByText('2').waitFor();
    await snap('grid');
  });

  it('resolves Multiple Matches by picking a candidate', async () => {
    await page.getByTestId('tab-incomplete').click();
    await page.getByTestId('status-BOWL').getByText('Multiple Matches Found').waitFor();
    await page.getByTestId('listing-link-BOWL').click();
    const candidate = page.getByTestId('candidate-B0SIM00018');
    await candidate.waitFor();
    await snap('multiple-matches');
    await candidate.getByRole('button', { name: 'Use this ASIN' }).click();
    await page.getByTestId('listing-asin').getByText('B0SIM00018').waitFor();
    if (await page.getByTestId('listing-publish').isVisible()) await page.getByTestId('listing-publish').click();
    await page.getByTestId('listing-status').getByText('List In Progress').waitFor();
    await drain();
    await page.getByTestId('listing-status').getByText('Active', { exact: true }).waitFor({ timeout: 8000 });
    assert.equal((await listing('BOWL')).asin, 'B0SIM00018');
    assert.ok(simListing('BOWL'), 'the offer is on the simulator');
  });

  it("overrides the price and the simulator's offer changes; end and publish again", async () => {
    const bottle = await listing('BOTTLE');
    await open(`listings/${bottle.id}`);
    await page.getByTestId('listing-status').getByText('Active', { exact: true }).waitFor();
    await page.getByTestId('override-price').getByLabel('Price').fill('17.50');
    await page.getByTestId('save-overrides').click();
    await page.getByText('Overrides saved').waitFor();
    await drain();
    assert.equal(simPrice('BOTTLE'), '17.50');
    await page.getByTestId('listing-price').getByText('17.50').waitFor();
    await page
      .getByTestId('price-steps')
      .getByText(/override/i)
      .first()
      .waitFor();
    await snap('listing-page');

    await page.getByTestId('listing-end').click();
    await page.getByTestId('listing-status').getByText('Ending In Progress').waitFor();
    await drain();
    await page.getByTestId('listing-status').getByText('Manually Ended').waitFor({ timeout: 8000 });
    assert.equal(simListing('BOTTLE')?.attributes.fulfillment_availability?.[0]?.quantity, 0);
    await page.getByTestId('listing-publish').click();
    await page.getByTestId('listing-status').getByText('List In Progress').waitFor();
    await drain();
    await page.getByTestId('listing-status').getByText('Active', { exact: true }).waitFor({ timeout: 8000 });
    assert.equal(simListing('BOTTLE')?.attributes.fulfillment_availability?.[0]?.quantity, 10);
    await page.getByTestId('listing-activity').getByText(/./).first().waitFor();
  });

  it('deletes one from the grid after a confirmation', async () => {
    await open('listings?tab=incomplete');
    const row = page.getByTestId('listing-grid').locator('tr').filter({ hasText: 'NOPE' });
    await row.getByRole('checkbox').check();
    await page.getByTestId('mass-actions').click();
    await page.getByTestId('mass-delete').click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Delete 1 listing(s)?').waitFor();
    await dialog.getByTestId('confirm').click();
    await page.getByText('1 of 1 listing(s) done').waitFor();
    await row.waitFor({ state: 'detached' });
    assert.equal(await listing('NOPE'), undefined);
  });

  it("imports the seller's existing Amazon listings and links one", async () => {
    await page.getByTestId('tab-new_third_party').click();
    await page.getByTestId('import-existing').click();
    // Amazon prepares the merchant listings report while the page calls again every 2 s: move Amazon's clock
    // on once the report is being processed, until the page says it is collected.
    await page.getByTestId('import-progress').getByText('Amazon is preparing the report').waitFor();
    const imported = page.getByText(/Imported \d+ Amazon listing\(s\)/);
    for (let i = 0; i < 10 && !(await imported.isVisible()); i++) {
      sim.advance(31);
      await imported.waitFor({ timeout: 2500 }).catch(() => undefined);
    }
    await imported.waitFor();
    const actions = page.getByTestId('tp-actions-TM-MUG-350');
    await page.getByTestId('third-party-grid').locator('tr').filter({ hasText: 'TM-MUG-350' }).getByText('seller SKU').waitFor();
    await actions.getByRole('button', { name: 'Link' }).click();
    await page.getByTestId('link-confirm').click();
    await page.getByText('Linked TM-MUG-350').waitFor();
    const linked = await listing('TM-MUG-350');
    assert.ok(linked, 'a managed listing exists for the linked product');
    assert.equal(Boolean(linked.linked_from_amazon), true);
    await snap('third-party');
  });
});
