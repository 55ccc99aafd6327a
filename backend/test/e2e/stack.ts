/**
 * The set-up the Amazon browser tests share, so each test file keeps only its scenario: the whole app with the
 * built admin, listening on a loopback port (so its jobs run) against the in-process Amazon simulator, a fresh
 * test DB with the e2e catalog, the channel's clock following Amazon's, an admin signed in over the API; a US
 * store connected through Seller Central's consent over plain HTTP (stores.test.ts drives that UI); a Chromium
 * tab signed in as that admin; and the small page and simulator helpers the scenarios repeat.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import appPlugin from '../../src/app';
import adminUiPlugin from '../../src/platform/admin-ui';
import { startSimulator, type SimulatorHandle } from '../../simulator/index';
import { LoopbackAgent, simRequest, walkConsent, type RawResponse } from '../../simulator/test/helpers';
import { ensureAdminBuilt } from '../../../scripts/build-admin';
import { ADMIN, signIn, testConfig } from '../helpers/app';
import { createTestDb, type TestDb } from '../helpers/db';
import { OUTPUT_DIR, launchChromium, openContext, openTab, saveFailure, signInAs, type Tab } from './browser';
import { seedCatalog } from './seed-catalog';

export const US = 'ATVPDKIKX0DER';
/** The simulator's app (the channel's LWA client in simulator mode). */
export const APP_ID = 'amzn1.sellerapps.app.5a1e5c4a-0000-4000-8000-000000000001';
/** The simulator's US seller and its Seller Central login. */
export const SELLER = { id: 'A2SIMOUTDOOR01', email: 'owner@demo-outdoor.example', password: 'Owner-pass-1', otp: '123456' };

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

export interface Stack {
  sim: SimulatorHandle;
  agent: LoopbackAgent;
  db: TestDb;
  app: FastifyInstance;
  baseUrl: string;
  /** The signed-in admin's session cookie. */
  admin: string;
  /** An API call as the admin; a 4xx/5xx answer throws with its body. */
  api<T = unknown>(method: Method, url: string, payload?: unknown): Promise<T>;
  /** A call to the simulator's control API (shopper orders, …) with this stack's control token. */
  control(method: string, path: string, body: unknown): Promise<RawResponse>;
  close(): Promise<void>;
}

/**
 * A loopback port held until the app listens, so PUBLIC_URL (the OAuth redirect) can name it before the app
 * is built, and nothing else takes it meanwhile.
 */
function reservePort(): Promise<{ port: number; release(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const holder = net.createServer();
    holder.once('error', reject);
    holder.unref(); // a failed start must not keep the test process alive
    holder.listen(0, '127.0.0.1', () => {
      const port = (holder.address() as net.AddressInfo).port;
      resolve({ port, release: () => new Promise<void>((done) => holder.close(() => done())) });
    });
  });
}

/**
 * Builds the admin if needed, then starts everything; `seed` adds the scenario's products after the e2e catalog.
 * `browserConsent`: the app listens on the port PUBLIC_URL names and the simulator's app accepts its callback, so
 * a browser tab can run Seller Central's consent and come back (otherwise consents go through `connectUsStore`).
 * If a step fails, what already started is closed before the error is rethrown.
 */
export async function startStack(opts: {
  controlToken: string;
  seed?: (knex: Knex) => Promise<unknown>;
  browserConsent?: boolean;
}): Promise<Stack> {
  await ensureAdminBuilt();
  const closers: (() => unknown)[] = [];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };
  try {
    const reserved = opts.browserConsent ? await reservePort() : null;
    if (reserved) closers.push(() => reserved.release());
    const publicUrl = reserved ? `http://127.0.0.1:${reserved.port}` : null;
    const sim = await startSimulator({
      port: 0,
      controlToken: opts.controlToken,
      ...(publicUrl ? { redirectUris: { [APP_ID]: [`${publicUrl}/api/amazon-auth/callback`] } } : {}),
    });
    closers.push(() => sim.close());
    const agent = new LoopbackAgent(sim.port, sim.caPem);
    closers.push(() => agent.destroy());
    const db = await createTestDb();
    closers.push(() => db.drop());
    await seedCatalog(db.knex);
    await opts.seed?.(db.knex);
    const app = Fastify({ logger: false });
    closers.push(() => app.close());
    const config = testConfig({ DATABASE_URL: db.url, SIMULATOR_PORT: String(sim.port), ...(publicUrl ? { PUBLIC_URL: publicUrl } : {}) });
    await app.register(appPlugin, { config, knex: db.knex, simulatorPort: sim.port, simulatorSellerCentralPort: sim.sellerCentralPort });
    await app.register(adminUiPlugin);
    await app.ready();
    app.clock.follow(() => sim.clock.now());
    await reserved?.release();
    await app.listen({ port: reserved?.port ?? 0, host: '127.0.0.1' });
    const address = app.server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const admin = await signIn(app, ADMIN.email, ADMIN.password);
    return {
      sim,
      agent,
      db,
      app,
      baseUrl,
      admin,
      async api<T>(method: Method, url: string, payload?: unknown): Promise<T> {
        const res = await app.inject({
          method,
          url,
          headers: { cookie: admin },
          ...(payload !== undefined ? { payload: payload as object } : {}),
        });
        if (res.statusCode >= 400) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
        return res.json<T>();
      },
      control: (method, p, body) =>
        simRequest({ agent }, 'localhost', method, p, {
          headers: { 'x-simulator-token': opts.controlToken, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Adds the "Outdoor US" store (EAN identifiers), connects it to SELLER through the consent pages and our
 * callback, and saves its listing settings (match by EAN; `listAutomatically` as given). Returns the store id.
 */
export async function connectUsStore(stack: Stack, listAutomatically: boolean): Promise<number> {
  const { id } = await stack.api<{ id: number }>('POST', '/api/stores', {
    name: 'Outdoor US',
    email: 'amazon@shop.example',
    websiteCode: 'base',
    country: 'US',
    productIdType: 'ean',
    productIdAttribute: 'ean',
  });
  const started = await stack.api<{ consentUrl: string }>('POST', `/api/stores/${id}/connect`);
  const redirect = await walkConsent({ agent: stack.agent }, started.consentUrl, { ...SELLER });
  const cb = await stack.app.inject({ method: 'GET', url: `${redirect.pathname}${redirect.search}`, headers: { cookie: stack.admin } });
  assert.ok(cb.statusCode < 400, cb.body);
  await stack.api('PATCH', `/api/stores/${id}/listing-settings`, {
    identifierOrder: [{ type: 'ean', attribute: 'ean' }],
    listAutomatically,
  });
  return id;
}

export interface AdminSession {
  browser: Browser;
  context: BrowserContext;
  tab: Tab;
  page: Page;
}

/** Chromium with one tab on `baseUrl`, signed in as the admin through the login page. */
export async function openAdminSession(baseUrl: string): Promise<AdminSession> {
  const browser = await launchChromium();
  try {
    const context = await openContext(browser, baseUrl);
    const tab = await openTab(context);
    const page = tab.page;
    await page.goto('/admin/login');
    await signInAs(page, ADMIN.email, ADMIN.password);
    await page.waitForURL(/\/admin\/(?!login)/);
    return { browser, context, tab, page };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Registers an afterEach (call it inside `describe`) that saves a failed test's screenshot and console log. */
export function saveFailures(currentTab: () => Tab | null): void {
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      const saved = await saveFailure(this.currentTest.fullTitle(), currentTab(), this.currentTest.err);
      console.log(`    screenshot and console log: ${saved}.png / .log`);
    }
  });
}

/** E2E_SCREENSHOTS=1 keeps a picture of each step in test-output/e2e/<name>.png. */
export async function snapStep(page: Page, name: string): Promise<void> {
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: path.join(OUTPUT_DIR, `${name}.png`), fullPage: true });
}

/** Picks an option of a Vuetify select/autocomplete found by its label inside `scope`. */
export async function chooseOption(page: Page, scope: Locator | Page, label: string, option: string | RegExp, type?: string) {
  const field = scope.getByLabel(label, { exact: true });
  // Click the field's box as a user does: Playwright then waits until it stops moving (a dialog still opening
  // would otherwise take the click on its scrim and close); the input itself sits under the selected value's text.
  await field.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " v-field ")][1]').click();
  if (type) await field.fill(type);
  await page
    .getByRole('option', typeof option === 'string' ? { name: option, exact: true } : { name: option })
    .first()
    .click();
}

/** A listing as the simulator holds it (only the attributes the scenarios read). */
export interface SimListing {
  sku: string;
  marketplaceId: string;
  attributes: Record<string, { our_price?: { schedule: { value_with_tax: string }[] }[]; quantity?: number }[]>;
}

/** The simulator's US listing for `sku`, or null. */
export function simListing(sim: SimulatorHandle, sku: string): SimListing | null {
  const state = sim.state() as unknown as { listings: SimListing[] | Record<string, SimListing[]> };
  const all = Array.isArray(state.listings) ? state.listings : Object.values(state.listings).flat();
  return all.find((l) => l.sku === sku && l.marketplaceId === US) ?? null;
}

/** The quantity the simulator's US offer for `sku` shows, or null without one. */
export function simOfferQuantity(sim: SimulatorHandle, sku: string): number | null {
  return simListing(sim, sku)?.attributes.fulfillment_availability?.[0]?.quantity ?? null;
}
