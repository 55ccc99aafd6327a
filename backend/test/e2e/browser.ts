/**
 * What the browser tests share: the real service with the built admin on a loopback port, Debian's
 * headless Chromium through playwright-core, and, for a failed test, a screenshot and the page's
 * console log under test-output/e2e/.
 */
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { chromium, selectors, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import appPlugin from '../../src/app';
import adminUiPlugin from '../../src/platform/admin-ui';
import { ensureAdminBuilt } from '../../../scripts/build-admin';
import { MANAGER, testConfig } from '../helpers/app';
import { createTestDb, type TestDb } from '../helpers/db';
import { seedCatalog, type SeededCatalog } from './seed-catalog';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const OUTPUT_DIR = path.resolve('test-output/e2e');

/** Why the browser tests cannot run here, or null when they can. */
export function browserUnavailable(): string | null {
  return fs.existsSync(CHROMIUM_PATH) ? null : `Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;
}

export interface AdminServer {
  app: FastifyInstance;
  db: TestDb;
  baseUrl: string;
  catalog: SeededCatalog;
  close(): Promise<void>;
}

export async function startAdminServer(): Promise<AdminServer> {
  await ensureAdminBuilt();
  const db = await createTestDb();
  const app = Fastify({ logger: false });
  await app.register(appPlugin, { config: testConfig({ DATABASE_URL: db.url }), knex: db.knex });
  await app.register(adminUiPlugin);
  await app.ready();
  await app.auth.createUser({ email: MANAGER.email, name: MANAGER.name, role: 'catalog_manager', password: MANAGER.password });
  const catalog = await seedCatalog(db.knex);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    db,
    catalog,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

/** `extraArgs`: more Chromium switches, when a test needs one (none maps hosts: the local Seller Central is on loopback). */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  // The admin marks what tests look for with data-test="…".
  selectors.setTestIdAttribute('data-test');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // playwright-core gives each launch a fresh, temporary user-data dir.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

export interface Tab {
  page: Page;
  /** Console messages and page errors, in order, for the failure log. */
  log: string[];
}

/**
 * One browser context per test file, so the admin's scripts come from its cache after the first
 * test; `openTab` starts each test signed out (no cookies, empty storage).
 */
export async function openContext(browser: Browser, baseUrl: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 900 }, ...options });
  context.setDefaultTimeout(5000);
  return context;
}

export async function openTab(context: BrowserContext): Promise<Tab> {
  await context.clearCookies();
  const page = await context.newPage();
  const log: string[] = [];
  page.on('console', (m) => log.push(`[console.${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => log.push(`[pageerror] ${e.stack ?? e.message}`));
  page.on('requestfailed', (r) => log.push(`[requestfailed] ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) log.push(`[http ${r.status()}] ${r.request().method()} ${r.url()}`);
  });
  return { page, log };
}

/** Ends a test's tab: forgets the session and this origin's saved views and columns. */
export async function closeTab(tab: Tab): Promise<void> {
  await tab.page.evaluate('window.localStorage.clear()').catch(() => undefined);
  await tab.page.close();
}

const fileSafe = (title: string) =>
  title
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 120);

/** Screenshot and console log of a failed test: test-output/e2e/<test name>.png and .log. */
export async function saveFailure(title: string, tab: Tab | null, error?: unknown): Promise<string> {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  const base = path.join(OUTPUT_DIR, fileSafe(title));
  const lines = [
    `test: ${title}`,
    `url: ${tab?.page.url() ?? '(no page)'}`,
    error ? `error: ${String((error as Error).stack ?? error)}` : '',
    '',
    ...(tab?.log ?? []),
  ];
  fs.writeFileSync(`${base}.log`, lines.join('\n'));
  if (tab) await tab.page.screenshot({ path: `${base}.png`, fullPage: true }).catch(() => undefined);
  return base;
}

export async function signInAs(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
