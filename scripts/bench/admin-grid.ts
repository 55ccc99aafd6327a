/**
 * Admin grid benchmark: imports the 100,000-product benchmark catalog into a fresh SQLite database,
 * serves the built admin with the real service, and times in headless Chromium how long the
 * Catalog > Products grid takes to show its rows — the first page, a filtered page opened by URL, and
 * a keyword search typed in the grid — from the request to the rows on screen. Prints figures only;
 * nothing here fails on time. Needs Debian's chromium (/usr/bin/chromium or CHROMIUM_PATH).
 *
 *   npx tsx scripts/bench/admin-grid.ts          # BENCH_CATALOG_SIZE=20000 for a quicker run
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { chromium, selectors, type Page } from 'playwright-core';
import appPlugin from '../../backend/src/app';
import { loadConfig } from '../../backend/src/platform/config';
import { createDemoStructure, importProductsCsv, importSourceItemsCsv } from '../../backend/src/catalog/import/index';
import { createKnex, migrateLatest } from '../../backend/src/db/connection';
import { writeCatalog, type CatalogOptions } from '../generate-demo-catalog';
import { ensureAdminBuilt } from '../build-admin';

const SIZE = Number(process.env.BENCH_CATALOG_SIZE ?? 100_000);
const RUNS = 7;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ADMIN = { email: 'bench@example.com', password: 'bench-password-123' };
/** Name fragments the catalog generator uses. */
const TERMS = ['Summit', 'Harbor', 'Aero', 'Nordic', 'Urban', 'Trail', 'Coastal'];

const ms = (n: number) => `${n.toFixed(0)} ms`;
function stats(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  return `median ${ms(s[Math.floor(s.length / 2)]!)}, best ${ms(s[0]!)}, worst ${ms(s[s.length - 1]!)} (${s.length} runs)`;
}

const firstCell = (page: Page) => page.locator('[data-test="product-grid"] tbody tr td:first-child').first();

/** Time from navigation to the first row of the answer on screen. */
async function timeLoad(page: Page, url: string): Promise<{ ms: number; total: string }> {
  const started = performance.now();
  const answer = page.waitForResponse((r) => r.url().includes('/api/catalog/products?') && r.status() === 200);
  await page.goto(url);
  const body = (await (await answer).json()) as { items: { sku: string }[]; total: number };
  if (body.items[0]) await firstCell(page).getByText(body.items[0].sku, { exact: true }).waitFor();
  return { ms: performance.now() - started, total: body.total.toLocaleString('en-US') };
}

/** Time from clicking Catalog > Products in the menu (from another page) to the answer's rows on screen. */
async function timeMenu(page: Page): Promise<number> {
  await page.getByRole('link', { name: 'Amazon Stores' }).click();
  await page.waitForURL(/amazon\/stores/);
  const answer = page.waitForResponse((r) => r.url().includes('/api/catalog/products?') && r.status() === 200);
  const started = performance.now();
  await page.getByRole('link', { name: 'Products', exact: true }).click();
  const body = (await (await answer).json()) as { items: { sku: string }[] };
  if (body.items[0]) await firstCell(page).getByText(body.items[0].sku, { exact: true }).waitFor();
  return performance.now() - started;
}

/** The server's share: GET /api/catalog/products alone, from this process. */
async function timeApi(baseUrl: string, cookie: string, query: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${baseUrl}/api/catalog/products?${query}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`GET /api/catalog/products?${query} answered ${res.status}`);
  await res.json();
  return performance.now() - started;
}

/** Time from pressing Enter in the keyword box to the matching rows on screen (no page reload). */
async function timeSearch(page: Page, term: string): Promise<{ ms: number; total: string }> {
  const box = page.getByRole('textbox', { name: 'Search by keyword' });
  await box.fill(term);
  const answer = page.waitForResponse((r) => r.url().includes(`q=${term}`) && r.status() === 200);
  const started = performance.now();
  await box.press('Enter');
  const body = (await (await answer).json()) as { items: { sku: string }[]; total: number };
  if (body.items[0]) await firstCell(page).getByText(body.items[0].sku, { exact: true }).waitFor();
  await page.getByTestId('records-found').getByText(body.total.toLocaleString('en-US'), { exact: true }).waitFor();
  return { ms: performance.now() - started, total: body.total.toLocaleString('en-US') };
}

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  await ensureAdminBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-admin-grid-'));
  const db = createKnex(`sqlite:${path.join(dir, 'bench.db')}`);
  try {
    const configurables = Math.round(SIZE * 0.03);
    const options: CatalogOptions = { seed: 42, simples: SIZE - configurables * 5, configurables, minVariants: 4, maxVariants: 4 };
    const written = writeCatalog(dir, options);
    console.log(`generated ${written.products} products; importing into SQLite (this takes a while)…`);
    await migrateLatest(db);
    await createDemoStructure(db);
    const imported = await importProductsCsv(db, written.productsFile, { createMissing: true });
    await importSourceItemsCsv(db, written.sourceItemsFile);
    console.log(`imported ${imported.imported} products (${imported.failed} failed rows)`);

    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}`,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SEED_DEMO_DATA: 'false',
      // The app serves the built admin itself (SERVE_ADMIN), as `npm start` does.
      SERVE_ADMIN: 'true',
    });
    const app = Fastify({ logger: false });
    await app.register(appPlugin, { config, knex: db });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    selectors.setTestIdAttribute('data-test');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    try {
      const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 900 } });
      context.setDefaultTimeout(30_000);
      const page = await context.newPage();
      await page.goto('/admin/login');
      await page.getByLabel('E-mail address').fill(ADMIN.email);
      await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/catalog\/products/);
      await firstCell(page).waitFor();

      const first: number[] = [];
      const filtered: number[] = [];
      const searched: number[] = [];
      const menu: number[] = [];
      const apiFirst: number[] = [];
      const apiFiltered: number[] = [];
      const session = (await context.cookies()).find((c) => c.name === 'asc_session');
      const cookie = `asc_session=${session?.value ?? ''}`;
      let firstTotal = '';
      let filteredTotal = '';
      for (let i = 0; i < RUNS; i++) {
        const a = await timeLoad(page, '/admin/catalog/products');
        first.push(a.ms);
        firstTotal = a.total;
        const term = TERMS[i % TERMS.length]!;
        const b = await timeLoad(
          page,
          `/admin/catalog/products?type=simple&status=enabled&website=base&name=${term}&sort=name&salableMin=1`,
        );
        filtered.push(b.ms);
        filteredTotal = b.total;
        searched.push((await timeSearch(page, TERMS[(i + 3) % TERMS.length]!)).ms);
        menu.push(await timeMenu(page));
        apiFirst.push(await timeApi(baseUrl, cookie, 'page=1&pageSize=20&sort=sku&dir=asc'));
        apiFiltered.push(
          await timeApi(baseUrl, cookie, `page=1&pageSize=20&type=simple&status=enabled&website=base&name=${term}&sort=name&salableMin=1`),
        );
      }
      console.log(
        `\nadmin grid bench — ${SIZE.toLocaleString('en-US')} products, SQLite, ${os.cpus().length} CPU(s), load average ${os.loadavg()[0]!.toFixed(1)}`,
      );
      console.log(`  in the admin (what an admin waits for):`);
      console.log(`    first page via the menu (click → 20 of ${firstTotal} rows on screen): ${stats(menu)}`);
      console.log(`    keyword search in the grid (Enter → rows on screen):        ${stats(searched)}`);
      console.log(`  cold (full page load incl. the admin's scripts):`);
      console.log(`    first page:                                                 ${stats(first)}`);
      console.log(`    filtered page (type, status, website, name, salable ≥ 1 → ${filteredTotal} records): ${stats(filtered)}`);
      console.log(`  the API alone (GET /api/catalog/products):`);
      console.log(`    first page:                                                 ${stats(apiFirst)}`);
      console.log(`    filtered page:                                              ${stats(apiFiltered)}`);
    } finally {
      await browser.close();
      await app.close();
    }
  } finally {
    await db.destroy().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error('admin grid bench failed:', error);
  process.exit(1);
}
