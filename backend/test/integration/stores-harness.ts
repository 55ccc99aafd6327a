/**
 * The whole app (stores, amazon-auth, attribute mapping on the real gateway) against an in-process
 * simulator, with a captured log, the channel's clock following the simulator's, a seeded catalog,
 * two administrators and a catalog manager — and the Seller Central consent pages driven with plain
 * HTTP requests (no browser) where the consent URL points, ending in our OAuth callback.
 */
import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance, type InjectOptions, type LightMyRequestResponse } from 'fastify';
import type { Knex } from 'knex';
import appPlugin from '../../src/app';
import { loggerOptions } from '../../src/platform/logger';
import { startSimulator, type SimulatorHandle } from '../../simulator/index';
import { LoopbackAgent, simRequest, walkConsent } from '../../simulator/test/helpers';
import { ADMIN, MANAGER, signIn, testConfig } from '../helpers/app';
import { createTestDb, type TestDb } from '../helpers/db';
import { seedCatalog } from './catalog-seed';

export const CONTROL_TOKEN = 'stores-test-control';
export const APP_ID = 'amzn1.sellerapps.app.5a1e5c4a-0000-4000-8000-000000000001';
export const OUTDOOR = { sellerId: 'A2SIMOUTDOOR01', email: 'owner@demo-outdoor.example', password: 'Owner-pass-1', otp: '123456' };
export const BOOKS = { sellerId: 'A3SIMBOOKSEU02', email: 'inhaber@berlin-books.example', password: 'Buecher-pass-2', otp: '777777' };
export const SECOND_ADMIN = { email: 'second.admin@example.com', password: 'second-admin-pass-1', name: 'Second Admin' };
export const DAY_S = 86_400;

export interface SellerLogin {
  sellerId: string;
  email: string;
  password: string;
  otp: string;
}

export interface StoresHarness {
  app: FastifyInstance;
  sim: SimulatorHandle;
  db: TestDb;
  admin: string;
  admin2: string;
  manager: string;
  logs: string[];
  as(cookie: string): (opts: InjectOptions) => Promise<LightMyRequestResponse>;
  control<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
  /** Walks Seller Central (the simulator's loopback pages) for a consent URL; returns the redirect to our callback (not yet followed). */
  consent(consentUrl: string, seller: SellerLogin): Promise<URL>;
  /** Follows the redirect into our app, as the browser would (with an admin cookie, or none). */
  callback(redirect: URL, cookie?: string): Promise<LightMyRequestResponse>;
  /** POST /api/stores/:id/connect (or renew) → consent → callback, as `admin`. */
  connect(storeId: number, seller: SellerLogin, purpose?: 'connect' | 'renew'): Promise<LightMyRequestResponse>;
  createStore(body?: Record<string, unknown>): Promise<{ id: number; name: string }>;
  /** Advances Amazon's clock (and so the channel's). */
  advanceDays(days: number): void;
  /** Stops the simulator and starts it again (from its state file, when the harness has one) on a new port. */
  restartSimulator(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `stateFile`: the simulator keeps its world there, and `restartSimulator()` starts it again from the file.
 * `seed`: the catalog to start with (default: the small test catalog of catalog-seed.ts).
 * `config`: settings over the test defaults (e.g. `AMAZON_NOTIFICATIONS: 'off'`, `LOG_LEVEL`).
 */
export async function startStoresHarness(
  options: { stateFile?: string; seed?: (knex: Knex) => Promise<unknown>; config?: Record<string, string> } = {},
): Promise<StoresHarness> {
  const { seed, config: overrides, ...simulatorOptions } = options;
  const simOptions = { port: 0, validateResponses: true, controlToken: CONTROL_TOKEN, ...simulatorOptions } as const;
  let sim = await startSimulator(simOptions);
  let agent = new LoopbackAgent(sim.port, sim.caPem);
  const db = await createTestDb();
  await (seed ?? seedCatalog)(db.knex);
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const config = testConfig({ DATABASE_URL: db.url, SIMULATOR_PORT: String(sim.port), LOG_LEVEL: 'trace', ...overrides });
  const app = Fastify({ logger: { ...(loggerOptions(config) as object), stream } });
  await app.register(appPlugin, { config, knex: db.knex, simulatorPort: sim.port, simulatorSellerCentralPort: sim.sellerCentralPort });
  await app.ready();
  app.clock.follow(() => sim.clock.now());
  const admin = await signIn(app, ADMIN.email, ADMIN.password);
  await app.auth.createUser({ ...MANAGER, role: 'catalog_manager' });
  await app.auth.createUser({ ...SECOND_ADMIN, role: 'administrator' });
  const manager = await signIn(app, MANAGER.email, MANAGER.password);
  const admin2 = await signIn(app, SECOND_ADMIN.email, SECOND_ADMIN.password);

  const as = (cookie: string) => (opts: InjectOptions) => app.inject({ ...opts, headers: { ...(opts.headers ?? {}), cookie } });
  const h: StoresHarness = {
    app,
    get sim() {
      return sim;
    },
    db,
    admin,
    admin2,
    manager,
    logs,
    as,
    async control<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
      const res = await simRequest({ agent }, 'localhost', method, path, {
        headers: { 'x-simulator-token': CONTROL_TOKEN, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      // 200, or 201 for what the control plane creates (shopper orders).
      if (res.status !== 200 && res.status !== 201) throw new Error(`simulator control ${method} ${path} → ${res.status} ${res.text}`);
      return res.json<T>();
    },
    consent(consentUrl, seller) {
      return walkConsent({ agent }, consentUrl, seller);
    },
    callback(redirect, cookie) {
      return app.inject({ method: 'GET', url: `${redirect.pathname}${redirect.search}`, ...(cookie ? { headers: { cookie } } : {}) });
    },
    async connect(storeId, seller, purpose = 'connect') {
      const started = await as(admin)({ method: 'POST', url: `/api/stores/${storeId}/${purpose}` });
      if (started.statusCode !== 200) throw new Error(`${purpose}: ${started.statusCode} ${started.body}`);
      return h.callback(await h.consent(started.json<{ consentUrl: string }>().consentUrl, seller), admin);
    },
    async createStore(body = {}) {
      const res = await as(admin)({
        method: 'POST',
        url: '/api/stores',
        payload: {
          name: 'Outdoor US',
          email: 'amazon@shop.example',
          websiteCode: 'base',
          country: 'US',
          productIdType: 'ean',
          productIdAttribute: 'ean',
          ...body,
        },
      });
      if (res.statusCode !== 201) throw new Error(`create store: ${res.statusCode} ${res.body}`);
      return res.json<{ id: number; name: string }>();
    },
    advanceDays(days) {
      sim.advance(days * DAY_S);
    },
    async restartSimulator() {
      await sim.close();
      agent.destroy();
      sim = await startSimulator(simOptions);
      agent = new LoopbackAgent(sim.port, sim.caPem);
      app.spapi.setSimulatorPort(sim.port);
    },
    async close() {
      await app.close();
      await sim.close();
      agent.destroy();
      await db.drop();
    },
  };
  return h;
}

/** The outcome marker of a callback page. */
export const outcomeOf = (res: LightMyRequestResponse) =>
  /data-outcome="([a-z_]+)"/.exec(res.body)?.[1] ?? `(no page: ${res.statusCode} ${res.body.slice(0, 200)})`;
