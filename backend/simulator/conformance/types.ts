/**
 * How one static case of a model becomes a run against the PRODUCTION handlers (not the sandbox host):
 * the planner says what state the case implies (seed), which real values replace the case's placeholders
 * (`TEST_CASE_200` is no order id a real handler can know), and which answer fields the handler generates
 * (ids, timestamps) and are therefore not compared. A planner that cannot make the case runnable says why.
 */
import type { Operation, SandboxCase } from '../models';
import type { World } from '../state';

export interface CasePlan {
  /** The case cannot be run against the production handlers: counted failed, with this reason. */
  cannot?: string;
  /** Adds the resources the case implies to a fresh world (orders, listings, feeds …). */
  seed?(world: World): void;
  /** Parameter values sent instead of the case's (by parameter name; `body` for the body). */
  params?: Record<string, unknown>;
  /** Query parameters sent beside the operation's own (a case about a malformed request). */
  extraQuery?: Record<string, string>;
  /** Dotted paths of answer fields the handler generates (`*` matches any array index or key). */
  generated?: string[];
  /** The seller whose token is sent (default the scenario's first seller, A2SIMOUTDOOR01). */
  sellerId?: string;
  /**
   * `rdt`: a restricted data token for the request's path (PII operations); `grantless`: the application's
   * client_credentials token with scope sellingpartnerapi::notifications (no seller).
   */
  token?: 'access' | 'rdt' | 'grantless';
  /** dataElements asked for in the restricted data token. */
  rdtDataElements?: string[];
  /**
   * The moment the case's answer was given (ISO): the clock is set there while the case runs and put back
   * after, for answers that only hold at their own time (a default 90-day window around dated resources).
   */
  at?: string;
  /** Host region (default: from the request's marketplace, else na). */
  region?: 'na' | 'eu' | 'fe';
}

export type Planner = (c: SandboxCase, op: Operation, index: number) => CasePlan;

export interface ApiPlans {
  /** The name printed per API, e.g. "Orders v0". */
  api: string;
  /** By operationId. An operation without a planner is sent as the case lists it, unseeded. */
  plans: Record<string, Planner>;
}

export interface CaseResult {
  api: string;
  operationId: string;
  index: number;
  status: number;
  passed: boolean;
  reason?: string;
  /** Upstream errata applied to the case (errata.ts): the field left uncompared and why. */
  errata?: string[];
}
