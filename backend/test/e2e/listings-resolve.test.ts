/**
 * Resolve in a real headless Chromium against the real service and the in-process Amazon simulator: a product
 * whose EAN Amazon does not know ends Unable to Assign; on its page, Resolve opens a dialog that searches Amazon's
 * catalog — by keywords — and shows each result's title, brand, ASIN and image (served through our image route,
 * no internet); Assign sets the ASIN, and with automatic listing the listing goes on to Amazon and turns Active.
 * First, the Add Amazon Store form preselects the catalog attribute named for the chosen product ID type.
 * Without Chromium the suite is skipped with the reason, never passed.
 */
import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import type { Page } from 'playwright-core';
import { browserUnavailable, type Tab } from './browser';
import { addEanProduct, addTextAttribute } from './seed-catalog';
import {
  chooseOption,
  connectUsStore,
  openAdminSession,
  saveFailures,
  simListing,
  snapStep,
  startStack,
  type AdminSession,
  type Stack,
} from './stack';

const unavailable = browserUnavailable();

/** EAN 4000000000006 is on no Amazon item; the title words find B0SIM00012 "Emergency Thermal Blanket (4 pack)". */
async function seedProducts(knex: Knex): Promise<void> {
  await addTextAttribute(knex, 'ean', 'EAN');
  await addTextAttribute(knex, 'upc', 'UPC');
  await addTextAttribute(knex, 'asin', 'ASIN');
  await addEanProduct(knex, 'BLANKET-4', 'Thermal Blanket, 4 pieces', 14.5, '4000000000006');
}

describe(`Resolve in the browser (e2e)${unavailable ? ` [skipped: ${unavailable}]` : ''}`, function () {
  this.timeout(30_000);
  let stack: Stack;
  let session: AdminSession | undefined;
  let tab: Tab | null = null;
  let page: Page;
  let storeId = 0;
  const listing = async (sku: string) => stack.db.knex('listings').where({ store_id: storeId, sku }).first();

  before(async function () {
    if (unavailable) {
      console.log(`  (skipped: ${unavailable})`);
      this.skip();
    }
    this.timeout(180_000); // the first run builds the admin with Vite
    stack = await startStack({ controlToken: 'resolve-e2e', seed: seedProducts });
    storeId = await connectUsStore(stack, true);
    const run = await stack.api<{ status: string; created: number }>('PUT', `/api/stores/${storeId}/listing-rule`, {
      conditions: {
        kind: 'combine',
        aggregator: 'all',
        value: true,
        conditions: [{ kind: 'condition', field: 'attribute', attribute: 'ean', operator: 'is_not_empty' }],
      },
    });
    assert.deepEqual([run.status, run.created], ['done', 1]);
    await stack.app.jobs.runNow('listings.matching');
    assert.equal((await listing('BLANKET-4')).status, 'unable_to_assign');
    session = await openAdminSession(stack.baseUrl);
    tab = session.tab;
    page = session.page;
  });

  after(async () => {
    await session?.browser.close();
    await stack?.close();
  });

  saveFailures(() => tab);

  it('Add Amazon Store preselects the attribute named for the product ID type', async () => {
    await page.goto('/admin/amazon/stores/new');
    const attribute = page.getByTestId('store-id-attribute-field');
    await attribute.getByText('EAN (ean)').waitFor();
    await chooseOption(page, page.getByTestId('store-id-type-field'), 'Amazon product ID type', 'UPC');
    await attribute.getByText('UPC (upc)').waitFor();
    await chooseOption(page, page.getByTestId('store-id-type-field'), 'Amazon product ID type', 'ASIN');
    await attribute.getByText('ASIN (asin)').waitFor();
    await attribute.click();
    const offered = await page.getByRole('option').allInnerTexts();
    assert.ok(!offered.some((o) => /color/i.test(o)), `only text attributes are offered (${offered.join(', ')})`);
    await page.keyboard.press('Escape');
  });

  it('opens Resolve on an Unable to Assign listing, searches by keywords, sees title, brand and image, assigns', async () => {
    const blanket = await listing('BLANKET-4');
    await page.goto(`/admin/amazon/stores/${storeId}/listings/${blanket.id}`);
    await page.getByTestId('listing-status').getByText('Unable to Assign').waitFor();
    await page.getByTestId('open-resolve').click();
    const dialog = page.getByTestId('resolve-dialog');
    await dialog.waitFor();
    // It starts with the product's name; the admin narrows it down.
    assert.equal(await dialog.getByLabel('Keywords').inputValue(), 'Thermal Blanket, 4 pieces');
    await dialog.getByLabel('Keywords').fill('emergency thermal blanket');
    await dialog.getByTestId('resolve-search').click();
    const result = dialog.getByTestId('result-B0SIM00012');
    await result.waitFor();
    assert.equal(await result.getByTestId('result-title').innerText(), 'Emergency Thermal Blanket (4 pack)');
    assert.equal(await result.getByTestId('result-brand').innerText(), 'NightOwl');
    assert.equal(await result.getByTestId('result-asin').innerText(), 'B0SIM00012');
    const image = result.getByTestId('result-image');
    await image.waitFor();
    // The backend typechecks without the DOM lib: the image element's two fields, typed by hand.
    type Img = { complete: boolean; naturalWidth: number };
    await page.waitForFunction(
      (img) => (img as unknown as Img).complete && (img as unknown as Img).naturalWidth > 0,
      await image.elementHandle(),
    );
    assert.equal(await image.evaluate((img) => (img as unknown as Img).naturalWidth), 120, 'the image loaded from our image route');
    assert.equal(await image.getAttribute('src'), '/api/amazon-images/B0SIM00012.png');
    await snapStep(page, 'resolve-dialog');

    await result.getByTestId('assign-B0SIM00012').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('ASIN B0SIM00012 assigned').waitFor();
    await page.getByTestId('listing-asin').getByText('B0SIM00012').waitFor();
    // Listed automatically: on its way to Amazon, then Active once the sync engine has sent it.
    await page.getByTestId('listing-status').getByText('List In Progress').waitFor();
    await stack.app.listingsSync.drainStore(storeId);
    await page.getByTestId('listing-status').getByText('Active', { exact: true }).waitFor({ timeout: 8000 });
    const done = await listing('BLANKET-4');
    assert.deepEqual([done.status, done.asin], ['active', 'B0SIM00012']);
    assert.ok(simListing(stack.sim, 'BLANKET-4'), 'the offer is on the simulator');
  });
});
