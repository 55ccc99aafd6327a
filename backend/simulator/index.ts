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
import { snapshot } from './control';

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
  close(): Promise<void>;
}

const toScenario = (s: string | Scenario | undefined): Scenario =>
  s === undefined ? loadScenarioFile('default') : typeof s === 'string' ? loadScenarioFile(s) : parseScenario(s);

export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const scenario = toScenario(options.scenario);
  const clock = typeof options.clock === 'object' ? options.clock : createClock(options.clock ?? scenario.clockStart);
  const controlToken = options.controlToken ?? randomBytes(16).toString('hex');
  const validation = options.validateResponses === 'throw' ? 'throw' : options.validateResponses ? 'record' : false;
  const sim = new Sim(scenario, clock, controlToken, validation);
  const caPem = readFileSync(path.join(tlsDir, 'ca.pem'), 'utf8');
  const app = buildApp(sim, {
    key: readFileSync(path.join(tlsDir, 'server-key.pem'), 'utf8'),
    cert: readFileSync(path.join(tlsDir, 'server.pem'), 'utf8'),
    logger: options.logger ?? false,
  });
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : Number(options.port ?? 0);
  return {
    url: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    caPem,
    controlToken,
    clock,
    sim,
    mismatches: () => [...sim.mismatches],
    state: () => snapshot(sim),
    reset: (s) => sim.reset(s === undefined ? sim.scenario : toScenario(s)),
    advance: (seconds) => clock.advance(seconds),
    close: () => app.close(),
  };
}
