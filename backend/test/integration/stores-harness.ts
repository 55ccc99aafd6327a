/**
 * The whole app (stores, amazon-auth, attribute mapping on the real gateway) against an in-process
 * simulator, with a captured log, the channel's clock following the simulator's, a seeded catalog,
 * two administrators and a catalog manager — and the Seller Central consent pages driven with plain
 * HTTPS requests (no browser), ending in our OAuth callback.
 */
import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance, type InjectOptions, type LightMyRequestResponse } from 'fastify';
import type { Knex } from 'knex';
import appPlugin from '../../src/app';
import { loggerOptions } from '../../src/platform/logger';
import { startSimulator, type SimulatorHandle } from '../../simulator/index';
import { FORM, formBody, LoopbackAgent, parseForm, simRequest, type RawResponse } from '../../simulator/test/helpers';
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
  /** Walks Seller Central for a consent URL and returns the redirect to our callback (not yet followed). */
  consent(consentUrl: string, seller: SellerLogin): Promise<URL>;
  /** Follows the redirect into our app, as the browser would (with an admin cookie, or none). */
  callback(redirect: URL, cookie?: string): Promise<LightMyRequestResponse>;
  /** POST /api/stores/:id/connect (or renew) → consent → callback, as `admin`. */
  connect(storeId: number, seller: SellerLogin, purpose?: 'connect' | 'renew'): Promise<LightMyRequestResponse>;
  createStore(body?: Record<string, unknown>): Promise<{ id: number; name: string }>;
  /** Advances Amazon's clock (and so the channel's). */
  advanceDays(days: number): void;
  close(): Promise<void>;
}

/** `seed`: the catalog to start with (default: the small test catalog of catalog-seed.ts). */
export async function startStoresHarness(opts: { seed?: (knex: Knex) => Promise<unknown> } = {}): Promise<StoresHarness> {
  const sim = await startSimulator({ port: 0, validateResponses: true, controlToken: CONTROL_TOKEN });
  const agent = new LoopbackAgent(sim.port, sim.caPem);
  const db = await createTestDb();
  await (opts.seed ?? seedCatalog)(db.knex);
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const config = testConfig({ DATABASE_URL: db.url, SIMULATOR_PORT: String(sim.port), LOG_LEVEL: 'trace' });
  const app = Fastify({ logger: { ...(loggerOptions(config) as object), stream } });
  await app.register(appPlugin, { config, knex: db.knex, simulatorPort: sim.port });
  await app.ready();
  app.clock.follow(() => sim.clock.now());
  const admin = await signIn(app, ADMIN.email, ADMIN.password);
  await app.auth.createUser({ ...MANAGER, role: 'catalog_manager' });
  await app.auth.createUser({ ...SECOND_ADMIN, role: 'administrator' });
  const manager = await signIn(app, MANAGER.email, MANAGER.password);
  const admin2 = await signIn(app, SECOND_ADMIN.email, SECOND_ADMIN.password);

  const as = (cookie: string) => (opts: InjectOptions) => app.inject({ ...opts, headers: { ...(opts.headers ?? {}), cookie } });
  const sc = (host: string, method: string, path: string, fields?: Record<string, string>) =>
    simRequest({ agent }, host, method, path, fields ? { headers: FORM, body: formBody(fields) } : {});
  const submit = (host: string, page: RawResponse, extra: Record<string, string>) => {
    const f = parseForm(page.text);
    return sc(host, 'POST', f.action, { ...f.fields, ...extra });
  };

  const h: StoresHarness = {
    app,
    sim,
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
      if (res.status !== 200) throw new Error(`simulator control ${method} ${path} → ${res.status} ${res.text}`);
      return res.json<T>();
    },
    async consent(consentUrl, seller) {
      const url = new URL(consentUrl);
      const host = url.host;
      const start = await sc(host, 'GET', `${url.pathname}${url.search}`);
      if (start.status !== 200) throw new Error(`consent page: ${start.status} ${start.text.slice(0, 300)}`);
      const mfa = await submit(host, start, { email: seller.email, password: seller.password });
      const perms = await submit(host, mfa, { otpCode: seller.otp });
      if (!/I understand/.test(perms.text)) throw new Error(`no permissions page: ${perms.status} ${perms.text.slice(0, 400)}`);
      const almost = await submit(host, perms, { acknowledge: 'yes' });
      const done = await submit(host, almost, {});
      if (done.status !== 302) throw new Error(`consent did not redirect: ${done.status} ${done.text.slice(0, 300)}`);
      return new URL(String(done.headers.location));
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
