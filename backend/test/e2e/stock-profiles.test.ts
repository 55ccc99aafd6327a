/**
 * Stock profiles in a real headless Chromium: the listings harness (the whole app, the in-process Amazon
 * simulator, a connected US store) with BOTTLE published at catalog quantity 10; the built admin is served by a
 * small front server on a loopback port that hands every /api request to the harness's app unchanged (the
 * harness app is already `ready`, so the admin plugin cannot be added to it). In the browser: create "Cap 3"
 * (Not more than 3, after the form refused a percentage of 150), assign it from the listing page and see the
 * simulator's offer quantity become 3; back to the store default (10); make Cap 3 the default (3); delete it
 * (10). The steps build on each other, on one tab. Without Chromium the suite is skipped with the reason.
 */
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance, type HTTPMethods } from 'fastify';
import type { Locator, Page } from 'playwright-core';
import adminUiPlugin from '../../src/platform/admin-ui';
import { ensureAdminBuilt } from '../../../scripts/build-admin';
import { ALL, cond, startListingsHarness, type ListingsHarness } from '../integration/listings-harness';
import { browserUnavailable, type Tab } from './browser';
import { chooseOption, openAdminSession, saveFailures, simOfferQuantity, snapStep, type AdminSession } from './stack';

const unavailable = browserUnavailable();

/** The admin's files, and every /api request passed to `app` as it came (cookies, body, answer headers). */
async function startFront(app: FastifyInstance): Promise<{ front: FastifyInstance; baseUrl: string }> {
  const front = Fastify({ logger: false });
  front.removeAllContentTypeParsers();
  front.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  front.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/api/*',
    handler: async (request, reply) => {
      const { host: _host, 'content-length': _length, ...headers } = request.headers;
      const res = await app.inject({
        method: request.method as HTTPMethods,
        url: request.url,
        headers,
        ...(Buffer.isBuffer(request.body) ? { payload: request.body } : {}),
      });
      const { 'content-length': _len, 'transfer-encoding': _te, connection: _c, ...answer } = res.headers;
      return reply.code(res.statusCode).headers(answer).send(res.rawPayload);
    },
  });
  await front.register(adminUiPlugin);
  await front.listen({ port: 0, host: '127.0.0.1' });
  const address = front.server.address();
  return { front, baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

describe(`Stock profiles in the browser (e2e)${unavailable ? ` [skipped: ${unavailable}]` : ''}`, function () {
  this.timeout(30_000);
  let h: ListingsHarness;
  let front: FastifyInstance;
  let session: AdminSession | undefined;
  let tab: Tab | null = null;
  let page: Page;
  let bottleId = 0;

  const simQty = (sku: string) => simOfferQuantity(h.sim, sku);
  const drain = () => h.app.listingsSync.drainStore(h.storeId);
  const profilesApi = async () =>
    (await h.api({ method: 'GET', url: `/api/stores/${h.storeId}/stock-profiles` })).json<{
      defaultProfileId: number | null;
      items: { id: number; name: string; mode: string; value: number | null; listingCount: number }[];
    }>();
  const open = (section: string) => page.goto(`/admin/amazon/stores/${h.storeId}/${section}`);
  /** Waits for the message, then closes it: the snackbar would sit over the fields the next step clicks. */
  const notice = async (text: string | RegExp) => {
    await page.getByTestId('notice').getByText(text).waitFor();
    await page.getByRole('button', { name: 'Dismiss message' }).click();
    await page.getByTestId('notice').waitFor({ state: 'hidden' });
  };
  const snap = (name: string) => snapStep(page, `stock-profiles-${name}`);
  const choose = (scope: Locator | Page, label: string, option: string, type?: string) => chooseOption(page, scope, label, option, type);

  before(async function () {
    if (unavailable) {
      console.log(`  (skipped: ${unavailable})`);
      this.skip();
    }
    this.timeout(240_000); // the first run builds the admin with Vite
    await ensureAdminBuilt();
    h = await startListingsHarness();
    // The rule's save answers 200 (applied) or 202 (a rule run); either way BOTTLE's listing exists before matching.
    const rule = await h.api({
      method: 'PUT',
      url: `/api/stores/${h.storeId}/listing-rule`,
      payload: { conditions: ALL([cond('product_type', 'in', ['simple']), cond('attribute', 'is_not_empty', undefined, 'ean')]) },
    });
    assert.ok(rule.statusCode < 300, rule.body);
    await h.app.jobs.runNow('listings.matching');
    bottleId = (await h.listingBySku('BOTTLE')).id;
    const published = await h.api({ method: 'POST', url: `/api/stores/${h.storeId}/listings/${bottleId}/publish` });
    assert.ok(published.statusCode < 300, published.body);
    await drain();
    assert.equal(simQty('BOTTLE'), 10, 'BOTTLE is on Amazon with its catalog quantity');
    const started = await startFront(h.app);
    front = started.front;
    session = await openAdminSession(started.baseUrl);
    tab = session.tab;
    page = session.page;
  });

  after(async () => {
    await session?.browser.close();
    await front?.close();
    await h?.close();
  });

  saveFailures(() => tab);

  it('creates "Cap 3" (Not more than 3) in the profile dialog, after it refused a percentage of 150', async () => {
    await open('stock-profiles');
    await page.getByTestId('empty-state').getByText('No stock profiles yet').waitFor();
    await page.getByTestId('add-profile').click();
    const dialog = page.getByTestId('profile-dialog');
    await dialog.getByLabel('Profile name', { exact: true }).fill('Cap 3');
    await choose(dialog, 'Quantity mode', 'Percentage of the catalog quantity');
    await dialog.getByLabel('Percentage (1–100)', { exact: true }).fill('150');
    await dialog.getByTestId('save-profile').click();
    await dialog.getByText('Percentage (1–100) must be from 1 to 100').waitFor();
    assert.equal((await profilesApi()).items.length, 0, 'nothing was saved');

    await choose(dialog, 'Quantity mode', 'Not more than');
    await dialog.getByLabel('Not more than', { exact: true }).fill('3');
    await snap('dialog');
    await dialog.getByTestId('save-profile').click();
    await notice('Created Cap 3');
    await page.getByTestId('profile-mode-Cap 3').getByText('Not more than 3').waitFor();
    const saved = (await profilesApi()).items;
    assert.deepEqual(
      saved.map((p) => [p.name, p.mode, p.value]),
      [['Cap 3', 'cap', 3]],
    );
  });

  it("assigns Cap 3 on the listing page: the simulator's offer quantity becomes 3; Store default brings back 10", async () => {
    await open(`listings/${bottleId}`);
    const picker = page.getByTestId('listing-profile');
    await choose(picker, 'Stock profile', 'Cap 3');
    await picker.getByTestId('listing-profile-assign').click();
    await notice('The listing follows Cap 3');
    await page.getByText(/— not more than 3$/).waitFor(); // the quantity steps, reloaded
    await snap('listing');
    await drain();
    assert.equal(simQty('BOTTLE'), 3);
    assert.equal((await profilesApi()).items[0]?.listingCount, 1);

    await choose(picker, 'Stock profile', 'Store default');
    await picker.getByTestId('listing-profile-assign').click();
    await notice('The listing follows the store default');
    await drain();
    assert.equal(simQty('BOTTLE'), 10);
  });

  it('makes Cap 3 the store default (3 on Amazon), then deletes it after a confirmation (10 again)', async () => {
    await open('stock-profiles');
    await page.getByTestId('make-default-Cap 3').click();
    await page.getByRole('alertdialog').getByTestId('confirm').click();
    await notice('Cap 3 is the store default');
    await page.getByTestId('profile-Cap 3').getByTestId('default-star').waitFor();
    await page.getByTestId('default-text').getByText('Store default: Cap 3.').waitFor();
    await snap('grid');
    await drain();
    assert.equal(simQty('BOTTLE'), 3);

    await page.getByTestId('delete-Cap 3').click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText('go back to the built-in policy').waitFor();
    await confirm.getByTestId('confirm').click();
    await notice('Deleted Cap 3');
    await page.getByTestId('empty-state').waitFor();
    assert.deepEqual(await profilesApi(), { defaultProfileId: null, items: [] });
    await drain();
    assert.equal(simQty('BOTTLE'), 10);
  });

  it('assigns by rule: "Half" (50 %) for products with an EAN gives BOTTLE 5; Preview counts it', async () => {
    await page.getByTestId('add-profile').click();
    const dialog = page.getByTestId('profile-dialog');
    await dialog.getByLabel('Profile name', { exact: true }).fill('Half');
    await choose(dialog, 'Quantity mode', 'Percentage of the catalog quantity');
    await dialog.getByLabel('Percentage (1–100)', { exact: true }).fill('50');
    await dialog.getByTestId('profile-by-rule').getByLabel('Assign by rule').check();
    await dialog.getByTestId('add-condition-conditions').click();
    const row = dialog.getByTestId('rule-condition-conditions.conditions[0]');
    await choose(row, 'Field', 'Attribute');
    await choose(row, 'Attribute', 'EAN (ean)', 'ean');
    await choose(row, 'Operator', 'is not empty');
    await dialog.getByLabel('Priority', { exact: true }).fill('10');
    await snap('rule');
    await dialog.getByTestId('save-profile').click();
    await notice('Created Half');
    await page.getByRole('row').filter({ hasText: 'Half' }).getByText('(EAN is not empty) · priority 10').waitFor();
    await drain();
    assert.equal(simQty('BOTTLE'), 5);

    await page.getByTestId('edit-Half').click();
    await dialog.getByTestId('profile-preview').click();
    await dialog
      .getByTestId('profile-preview-count')
      .getByText(/gives this profile \d+ listing\(s\), e\.g\. .*BOTTLE/)
      .waitFor();
  });
});
