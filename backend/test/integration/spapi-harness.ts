/**
 * The SP-API gateway against an in-process simulator: a minimal app (config, errors, db, spapi) on a
 * per-file test database, the real `amazon-sp-api` client, and the simulator's control plane.
 * Used by the spapi-*.test.ts files and scripts/bench/gateway.ts.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { startSimulator, type SimulatorHandle } from '../../simulator/index';
import configPlugin from '../../src/platform/config-plugin';
import errorsPlugin from '../../src/platform/errors';
import dbPlugin from '../../src/platform/db';
import spapiPlugin, { type SellerContext } from '../../src/spapi/index';
import { createTransport, type Transport } from '../../src/spapi/transport';
import { testConfig } from '../helpers/app';
import { createTestDb, type TestDb } from '../helpers/db';

export const SIM = {
  appId: 'amzn1.sellerapps.app.5a1e5c4a-0000-4000-8000-000000000001',
  redirectUri: 'https://localhost:8080/api/amazon-auth/callback',
  seller: 'A2SIMOUTDOOR01',
  bookSeller: 'A3SIMBOOKSEU02',
  refreshTokenNa: 'Atzr|sim-seed-A2SIMOUTDOOR01-na',
  expiredRefreshToken: 'Atzr|sim-seed-A3SIMBOOKSEU02-eu-expired',
  US: 'ATVPDKIKX0DER',
  DE: 'A1PA6795UKMFR9',
} as const;

export const CONTROL_TOKEN = 'spapi-test-control';

export const outdoorNa = (over: Partial<SellerContext> = {}): SellerContext => ({
  storeId: 1,
  sellerId: SIM.seller,
  region: 'na',
  refreshToken: SIM.refreshTokenNa,
  marketplaceId: SIM.US,
  ...over,
});

export interface Harness {
  app: FastifyInstance;
  sim: SimulatorHandle;
  db: TestDb;
  knex: Knex;
  /** The gateway's transport (simulator mode): tests can check that a request went through its agent. */
  transport: Transport;
  /** POST/GET/DELETE on the simulator's control plane. */
  control<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>;
  counters(): SimCounters;
  close(): Promise<void>;
}

export interface SimCounters {
  calls: Record<string, number>;
  statuses: Record<string, Record<string, number>>;
  throttled: Record<string, number>;
  injected: Record<string, number>;
  lwa: Record<string, number>;
  /** Document host requests per method, and injected document-host faults per kind. */
  documents: Record<string, number>;
  documentFaults: Record<string, number>;
  total429: number;
}

export async function startHarness(options: { config?: Record<string, string>; retryBaseMs?: number; db?: TestDb } = {}): Promise<Harness> {
  const sim = await startSimulator({ port: 0, validateResponses: true, controlToken: CONTROL_TOKEN });
  const db = options.db ?? (await createTestDb());
  const app = Fastify({ logger: false });
  await app.register(configPlugin, { config: testConfig({ DATABASE_URL: db.url, SIMULATOR_PORT: String(sim.port), ...options.config }) });
  await app.register(errorsPlugin);
  await app.register(dbPlugin, { knex: db.knex });
  const transport = createTransport('simulator', sim.port, sim.caPem, sim.sellerCentralPort);
  await app.register(spapiPlugin, { retryBaseMs: options.retryBaseMs ?? 20, transport });
  await app.ready();
  const control = async <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> => {
    const res = await fetchControl(sim, method, path, body);
    // 200, or 201 for what the control plane creates (shopper orders).
    if (res.status !== 200 && res.status !== 201) throw new Error(`simulator control ${method} ${path} → ${res.status} ${res.text}`);
    return JSON.parse(res.text) as T;
  };
  return {
    app,
    sim,
    db,
    knex: db.knex,
    transport,
    control,
    counters: () => sim.state().counters as SimCounters,
    async close() {
      await app.close();
      transport.close();
      await sim.close();
      if (!options.db) await db.drop();
    },
  };
}

/** The control plane answers on any host; plain 127.0.0.1 with the simulator CA is enough. */
async function fetchControl(sim: SimulatorHandle, method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  const https = await import('node:https');
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port: sim.port,
        method,
        path,
        ca: sim.caPem,
        headers: { 'x-simulator-token': CONTROL_TOKEN, ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * Every request the gateway sent was valid against the model: the simulator served no 400 and no response mismatch.
 * `allowed400` names business refusals a test provoked on purpose (operation → how many), e.g. confirming a
 * shipped order; the test itself asserts that those 400s carry the business reason, not a model violation.
 */
/** Before each test: a fresh Amazon (tokens, listings, faults, counters), an empty Communication Log, no cached access token. */
export async function freshAmazon(h: Harness, scenario?: string): Promise<void> {
  if (scenario === undefined) h.sim.reset();
  else h.sim.reset(scenario);
  h.app.spapi.forget(outdoorNa());
  await h.knex('amazon_api_calls').del();
}

export function assertNoInvalidRequests(h: Harness, allowed400: Record<string, number> = {}): void {
  const bad = Object.entries(h.counters().statuses).filter(([op, s]) => (s['400'] ?? 0) > (allowed400[op] ?? 0));
  if (bad.length)
    throw new Error(`the simulator answered 400 (request invalid against the model) for: ${bad.map(([op]) => op).join(', ')}`);
  const mismatches = h.sim.mismatches();
  if (mismatches.length) throw new Error(`simulator responses failed model validation: ${JSON.stringify(mismatches.slice(0, 3))}`);
}
