/**
 * Public entry of the local Amazon simulator. Start it in-process (tests, the main service in
 * AMAZON_MODE=simulator) with startSimulator(); see README.md for hosts, scenario and control plane.
 * This folder never imports backend/src: the fake must agree with Amazon, not with our code.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { createClock, type SimClock } from './clock';
import { loadScenarioFile, parseScenario, type Scenario } from './scenario';
import { Sim, type ResponseMismatch } from './sim';
import { buildApp } from './server';
import { buildSellerCentralLoopbackApp } from './sellercentral/loopback';
import { snapshot } from './control';
import { restoreState, type SimulatorState } from './persistence';
import { readStateFile, StateSaver } from './state-file';

export { createClock, type SimClock } from './clock';
export type { Scenario } from './scenario';
export type { ResponseMismatch } from './sim';
export { DOCUMENT_HOSTS } from './documents';
export { RATE_LIMITS } from './rate-limits';

const tlsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/simulator/tls');

export interface SimulatorOptions {
  /** 0 = random free port (default for tests). */
  port?: number;
  /** Interface to bind; loopback only by default. */
  host?: string;
  /**
   * Port of the plain-HTTP Seller Central for browsers (sellercentral/loopback.ts), on the same interface;
   * 0 = random free port (the default).
   */
  sellerCentralPort?: number;
  /** OAuth redirect URIs to add to applications (application id → URIs), as a developer registers them. */
  redirectUris?: Record<string, string[]>;
  /**
   * Keep the world in this file (persistence.ts): continue from it when it exists — its clock and state win over
   * `clock` and `scenario`, which only shape a fresh world — and keep it up to date. Omitted: memory only.
   */
  stateFile?: string;
  /** Scenario name in fixtures/simulator/scenarios (default "default"), a path to a .json, or an object. */
  scenario?: string | Scenario;
  /** A shared clock, or an ISO start time; default: the scenario's clockStart, else real time. */
  clock?: SimClock | string;
  /** Value expected in x-simulator-token on /_simulator; random when omitted. */
  controlToken?: string;
  logger?: boolean;
  /** Check every SP-API response against the model: true/'record' records mismatches, 'throw' answers 500. */
  validateResponses?: boolean | 'throw';
}

export interface SimulatorHandle {
  /** https://127.0.0.1:<port> — send Amazon's Host header (or use a loopback agent). */
  url: string;
  port: number;
  /** http://127.0.0.1:<port> — Seller Central for a person's browser; see sellerCentralUrlFor(). */
  sellerCentralUrl: string;
  sellerCentralPort: number;
  /** Where a browser opens the Seller Central of one of Amazon's hosts: `${sellerCentralUrl}/${host}`. */
  sellerCentralUrlFor(host: string): string;
  /** A marketplace's storefront for a browser, on the same listener: `${sellerCentralUrl}/${domain}/`. */
  storefrontUrlFor(domain?: string): string;
  /** Adds an OAuth redirect URI to an application (kept across resets). */
  registerRedirectUri(applicationId: string, uri: string): void;
  /** PEM of the CA that signed the simulator's certificate; trust it explicitly. */
  caPem: string;
  controlToken: string;
  clock: SimClock;
  /** Response-validation mismatches recorded so far (empty when validation is off). */
  mismatches(): ResponseMismatch[];
  /** Same content as GET /_simulator/state. */
  state(): ReturnType<typeof snapshot>;
  /** Back to the scenario's initial state. */
  reset(scenario?: string | Scenario): void;
  /** Advance the simulator clock. */
  advance(seconds: number): void;
  /** Internal instance, for tests that need to reach in (faults, world). */
  sim: Sim;
  /** The state file, or null (memory only); `restored` says whether this start continued from it. */
  stateFile: string | null;
  restored: boolean;
  /** Writes the state file now (changes made through `sim` directly are saved at the next request or at close). */
  save(): void;
  close(): Promise<void>;
}

const toScenario = (s: string | Scenario | undefined): Scenario =>
  s === undefined ? loadScenarioFile('default') : typeof s === 'string' ? loadScenarioFile(s) : parseScenario(s);

/** The scenario a saved world grew from: the requested one when it has that name, else its file, else the saved copy. */
function savedScenario(saved: SimulatorState, requested: Scenario): Scenario {
  if (saved.scenario.name === requested.name) return requested;
  try {
    return loadScenarioFile(saved.scenario.name);
  } catch {
    return parseScenario(saved.scenario.definition);
  }
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const saved = options.stateFile ? readStateFile(options.stateFile) : null;
  const requested = toScenario(options.scenario);
  const scenario = saved ? savedScenario(saved, requested) : requested;
  const clock =
    typeof options.clock === 'object'
      ? options.clock
      : createClock(saved ? new Date(Date.now() + saved.clockOffsetMs) : (options.clock ?? scenario.clockStart));
  const controlToken = options.controlToken ?? randomBytes(16).toString('hex');
  const validation = options.validateResponses === 'throw' ? 'throw' : options.validateResponses ? 'record' : false;
  const sim = new Sim(scenario, clock, controlToken, validation);
  if (saved) restoreState(sim, saved);
  const saver = options.stateFile ? new StateSaver(options.stateFile, sim) : null;
  // The file exists from the first start on, so it can be found, inspected and reset.
  saver?.flush();
  const caPem = readFileSync(path.join(tlsDir, 'ca.pem'), 'utf8');
  const app = buildApp(sim, {
    key: readFileSync(path.join(tlsDir, 'server-key.pem'), 'utf8'),
    cert: readFileSync(path.join(tlsDir, 'server.pem'), 'utf8'),
    logger: options.logger ?? false,
  });
  for (const [applicationId, uris] of Object.entries(options.redirectUris ?? {})) {
    for (const uri of uris) sim.registerRedirectUri(applicationId, uri);
  }
  const host = options.host ?? '127.0.0.1';
  const sellerCentral = buildSellerCentralLoopbackApp(sim, { logger: options.logger ?? false });
  if (saver) {
    // Any request may have changed the world (even a read settles feeds, orders and listings due by now).
    for (const server of [app, sellerCentral]) server.addHook('onResponse', async () => saver.changed());
  }
  await app.listen({ port: options.port ?? 0, host });
  try {
    await sellerCentral.listen({ port: options.sellerCentralPort ?? 0, host });
  } catch (error) {
    await app.close();
    throw error;
  }
  const port = boundPort(app, options.port);
  const sellerCentralPort = boundPort(sellerCentral, options.sellerCentralPort);
  const sellerCentralUrl = `http://${linkHost(host)}:${sellerCentralPort}`;
  return {
    url: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    sellerCentralUrl,
    sellerCentralPort,
    sellerCentralUrlFor: (scHost) => `${sellerCentralUrl}/${scHost}`,
    storefrontUrlFor: (domain = 'www.amazon.com') => `${sellerCentralUrl}/${domain}/`,
    registerRedirectUri: (applicationId, uri) => sim.registerRedirectUri(applicationId, uri),
    caPem,
    controlToken,
    clock,
    sim,
    mismatches: () => [...sim.mismatches],
    state: () => snapshot(sim),
    reset: (s) => {
      sim.reset(s === undefined ? sim.scenario : toScenario(s));
      saver?.changed();
    },
    advance: (seconds) => {
      clock.advance(seconds);
      saver?.changed();
    },
    stateFile: options.stateFile ?? null,
    restored: saved !== null,
    save: () => saver?.flush(),
    close: async () => {
      await Promise.all([app.close(), sellerCentral.close()]);
      saver?.close();
    },
  };
}

function boundPort(app: { server: { address(): unknown } }, requested: number | undefined): number {
  const address = app.server.address();
  return typeof address === 'object' && address && 'port' in address ? Number(address.port) : Number(requested ?? 0);
}

/** A browser cannot open a wildcard address: links to a simulator bound to every interface use loopback. */
function linkHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
