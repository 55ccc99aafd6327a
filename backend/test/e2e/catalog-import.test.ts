/**
 * Catalog > Import in a real headless Chromium: a Catalog Manager picks a Magento export
 * (fixtures/magento-export/products.csv), Check Data shows what will be created (the sets Top,
 * Bottom and Gear, the typed attributes, new color options) with nothing written, then Import —
 * confirmed — creates it and imports the rows, and the summary says so.
 * Without Chromium the suite is skipped with the reason, never passed.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { MANAGER } from '../helpers/app';
import {
  browserUnavailable,
  closeTab,
  launchChromium,
  openContext,
  openTab,
  saveFailure,
  signInAs,
  startAdminServer,
  type AdminServer,
  type Tab,
} from './browser';

const EXPORT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/magento-export/products.csv');
const unavailable = browserUnavailable();

describe(`Catalog > Import in the browser (e2e)${unavailable ? ` [skipped: ${unavailable}]` : ''}`, function () {
  let server: AdminServer;
  let browser: Browser;
  let context: BrowserContext;
  let tab: Tab | null = null;
  let page: Page;

  before(async function () {
    if (unavailable) {
      console.log(`  (skipped: ${unavailable})`);
      this.skip();
    }
    // The first run builds the admin with Vite.
    this.timeout(180_000);
    server = await startAdminServer();
    browser = await launchChromium();
    context = await openContext(browser, server.baseUrl);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    tab = await openTab(context);
    page = tab.page;
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && tab) {
      const saved = await saveFailure(this.currentTest.fullTitle(), tab, this.currentTest.err);
      console.log(`    screenshot and console log: ${saved}.png / .log`);
    }
    if (tab) await closeTab(tab);
    tab = null;
  });

  it('checks an export, shows what it will create, then creates it and imports the rows', async function () {
    this.timeout(60_000);
    const db = server.db.knex;
    const productsBefore = Number((await db('products').count({ n: '*' }).first())?.n);
    // Sign in on the product grid's address: the admin returns there (its home is the dashboard).
    await page.goto('/admin/catalog/products');
    await signInAs(page, MANAGER.email, MANAGER.password);
    await page.waitForURL(/\/admin\/catalog\/products/);
    await page.getByTestId('import-csv').click();
    await page.waitForURL(/\/admin\/catalog\/import/);

    await page.getByLabel('Select File to Import', { exact: true }).setInputFiles(EXPORT);
    await page.getByTestId('import-check').click();
    const summary = page.getByTestId('import-plan-summary');
    await summary.waitFor({ timeout: 20_000 });
    assert.match(await summary.innerText(), /27 rows read — the import will create 27 products and update 0 products/);
    const structure = await page.getByTestId('import-plan-structure').innerText();
    assert.match(structure, /3 attribute sets, \d+ attributes and 2 new options/);
    for (const text of ['Top', 'Bottom', 'Gear', 'activity', 'multiselect', 'eco_collection', 'boolean'])
      assert.ok(structure.includes(text), text);
    // The seeded catalog's color select (Black, Blue, Red) lacks two of the export's colors.
    assert.match(structure, /color: Gray, Green/);
    assert.equal(Number((await db('products').count({ n: '*' }).first())?.n), productsBefore, 'checking writes nothing');

    await page.getByTestId('import-run').click();
    await page.getByRole('alertdialog').getByTestId('confirm').click();
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 30_000 });
    assert.match(await result.innerText(), /imported 27 products, updated 0, failed 0/);
    assert.match(await page.getByTestId('import-created').innerText(), /3 attribute sets/);
    assert.equal(Number((await db('products').count({ n: '*' }).first())?.n), productsBefore + 27);
    assert.equal((await db('attributes').where({ code: 'size' }).first()).type, 'select');
  });
});
