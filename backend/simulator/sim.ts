/**
 * The simulator instance: the loaded models, the world built from the current scenario, the clock,
 * rate-limit buckets, faults, counters and recorded response mismatches. One per startSimulator().
 */
import { randomBytes } from 'node:crypto';
import type { SimClock } from './clock';
import { loadModels, type ModelSet } from './models';
import { TokenBuckets } from './rate-limits';
import { Counters, Faults } from './faults';
import { DocumentFaults } from './document-faults';
import { World } from './state';
import type { Scenario, ScenarioApplication } from './scenario';

export interface ResponseMismatch {
  operationId: string;
  method: string;
  path: string;
  status: number;
  problem: string;
}

export type ResponseValidationMode = false | 'record' | 'throw';

let cachedModels: ModelSet | null = null;
/** Models are immutable; loading takes about a second, so instances in one process share them. */
export function sharedModels(): ModelSet {
  cachedModels ??= loadModels();
  return cachedModels;
}

export class Sim {
  readonly models = sharedModels();
  readonly buckets = new TokenBuckets();
  readonly faults = new Faults();
  readonly documentFaults = new DocumentFaults();
  counters = new Counters();
  readonly mismatches: ResponseMismatch[] = [];
  /** Signs Seller Central sessions and hidden form state; new per instance, or restored from the state file. */
  secret = randomBytes(32);
  world: World;
  /**
   * Redirect URIs added to applications at run time, by application id. A developer registers the OAuth
   * redirect URI of their deployment in the app's settings; `npm start` does the same for the address the
   * service really listens on. Kept apart from the world, so a reset or another scenario keeps them.
   */
  readonly addedRedirectUris = new Map<string, Set<string>>();

  constructor(
    public scenario: Scenario,
    readonly clock: SimClock,
    readonly controlToken: string,
    public responseValidation: ResponseValidationMode,
  ) {
    this.world = this.newWorld(scenario);
  }

  /** A world whose notification payloads that fail Amazon's schema are recorded like response mismatches. */
  private newWorld(scenario: Scenario): World {
    const world = new World(scenario, this.clock);
    world.notifications.onProblem = (problem) =>
      this.mismatches.push({ operationId: 'ORDER_CHANGE', method: 'NOTIFICATION', path: '(SQS message)', status: 200, problem });
    return world;
  }

  /** The application's registered redirect URIs: the scenario's, then those added at run time. */
  redirectUris(app: ScenarioApplication): string[] {
    return [...app.redirectUris, ...(this.addedRedirectUris.get(app.applicationId) ?? [])];
  }

  registerRedirectUri(applicationId: string, uri: string): void {
    const parsed = new URL(uri); // throws on a malformed URI, as Developer Central refuses one
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`redirect URI must be http(s): ${uri}`);
    let set = this.addedRedirectUris.get(applicationId);
    if (!set) this.addedRedirectUris.set(applicationId, (set = new Set()));
    set.add(uri);
  }

  /**
   * Brings the world up to the clock (feeds, reports, shopper orders, listings). Generated documents that
   * fail Amazon's schemas are recorded as mismatches, like responses that fail the models.
   */
  tick(): void {
    this.world.tick();
    for (const problem of this.world.feeds.problems.splice(0)) {
      this.mismatches.push({ operationId: 'createFeed', method: 'DOCUMENT', path: '(processing report)', status: 200, problem });
    }
  }

  /** Back to the scenario's initial state: tokens, listings, counters, faults (SP-API and document host) and buckets are dropped. */
  reset(scenario: Scenario = this.scenario): void {
    this.scenario = scenario;
    this.world = this.newWorld(scenario);
    this.buckets.clear();
    this.faults.clear();
    this.documentFaults.clear();
    this.counters = new Counters();
    this.mismatches.length = 0;
  }
}
