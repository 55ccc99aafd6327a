/**
 * Conformance of the production handlers: every static case of every model is sent to the production host
 * (`sellingpartnerapi-<region>.amazon.com`) of a fresh world seeded with what the case implies, and the
 * answer is checked: the status, the body against the model's response schema, and the body equal to the
 * case's answer on the fields the handler does not generate (compare.ts). Planners (plans/) do the seeding.
 */
import { randomBytes } from 'node:crypto';
import type { SimulatorHandle } from '../index';
import type { Operation, SandboxCase, SwaggerParam } from '../models';
import type { Region } from '../scenario';
import { simRequest, type LoopbackAgent } from '../test/helpers';
import { asModelled } from '../deviations';
import { differences } from './compare';
import { errataFor } from './errata';
import { PLANS, apiName } from './plans/index';
import type { CasePlan, CaseResult } from './types';
import { placeholderFor, sampleBody } from './samples';

type Sim = SimulatorHandle & { agent: LoopbackAgent };

const DEFAULT_SELLER = 'A2SIMOUTDOOR01';
const APP_ID = 'amzn1.sellerapps.app.5a1e5c4a-0000-4000-8000-000000000001';
const str = (v: unknown) => (Array.isArray(v) ? v.map(String).join(',') : typeof v === 'object' ? JSON.stringify(v) : String(v));

/**
 * An access token for the seller in the region, as LWA would issue after a refresh; with no seller, the
 * application's grantless token (client_credentials, scope sellingpartnerapi::notifications).
 */
function accessToken(sim: Sim, sellerId: string | null, region: Region): string {
  const token = `Atza|conformance-${randomBytes(12).toString('hex')}`;
  const now = sim.clock.nowMs();
  sim.sim.world.accessTokens.set(token, {
    token,
    applicationId: APP_ID,
    sellerId,
    region: sellerId ? region : null,
    scope: sellerId ? null : 'sellingpartnerapi::notifications',
    issuedAtMs: now,
    expiresAtMs: now + 3_600_000,
  });
  return token;
}

function regionOf(sim: Sim, values: Record<string, unknown>): Region {
  for (const k of ['MarketplaceIds', 'marketplaceIds', 'marketplaceId', 'MarketplaceId']) {
    const v = values[k];
    const id = Array.isArray(v) ? v[0] : v;
    const r = typeof id === 'string' ? sim.sim.world.marketplaceRegion(id) : undefined;
    if (r) return r;
  }
  const body = values.body as { marketplaceId?: unknown; marketplaceIds?: unknown } | undefined;
  const id = body?.marketplaceId ?? (Array.isArray(body?.marketplaceIds) ? body.marketplaceIds[0] : undefined);
  return (typeof id === 'string' && sim.sim.world.marketplaceRegion(id)) || 'na';
}

async function restrictedToken(sim: Sim, host: string, access: string, path: string, plan: CasePlan): Promise<string> {
  const res = await simRequest(sim, host, 'POST', '/tokens/2021-03-01/restrictedDataToken', {
    headers: { 'x-amz-access-token': access, 'content-type': 'application/json' },
    body: JSON.stringify({
      restrictedResources: [{ method: 'GET', path, ...(plan.rdtDataElements ? { dataElements: plan.rdtDataElements } : {}) }],
    }),
  });
  if (res.status !== 200) throw new Error(`createRestrictedDataToken answered ${res.status}: ${res.text.slice(0, 200)}`);
  return res.json<{ restrictedDataToken: string }>().restrictedDataToken;
}

export async function runCase(sim: Sim, op: Operation, c: SandboxCase, index: number): Promise<CaseResult> {
  const api = apiName(op.modelId);
  const base = { api, operationId: op.operationId, index, status: c.status };
  const planner = PLANS[op.modelId]?.plans[op.operationId];
  const plan: CasePlan = planner ? planner(c, op, index) : {};
  if (plan.cannot) return { ...base, passed: false, reason: plan.cannot };
  if (!plan.at) return runPlanned(sim, op, c, plan, base, !!planner);
  const [before, realStart] = [sim.clock.nowMs(), Date.now()];
  sim.clock.setNowMs(Date.parse(plan.at));
  try {
    return await runPlanned(sim, op, c, plan, base, !!planner);
  } finally {
    sim.clock.setNowMs(before + (Date.now() - realStart));
  }
}

async function runPlanned(
  sim: Sim,
  op: Operation,
  c: SandboxCase,
  plan: CasePlan,
  base: Omit<CaseResult, 'passed' | 'reason'>,
  planned: boolean,
): Promise<CaseResult> {
  sim.reset();
  plan.seed?.(sim.sim.world);

  const given = c.request.parameters ?? {};
  const values: Record<string, unknown> = {};
  for (const p of op.params) {
    const name = p.in === 'body' ? 'body' : p.name;
    const listed = given[name] && 'value' in given[name] ? given[name].value : undefined;
    const v = plan.params && name in plan.params ? plan.params[name] : listed;
    if (v !== undefined) values[name] = v;
    else if (p.required) values[name] = p.in === 'body' ? sampleBody(op, p) : placeholderFor(p);
  }
  const region = plan.region ?? regionOf(sim, values);
  const host = `sellingpartnerapi-${region}.amazon.com`;
  let path = op.pathTemplate;
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  let body: string | undefined;
  for (const p of op.params as SwaggerParam[]) {
    const v = values[p.in === 'body' ? 'body' : p.name];
    if (v === undefined) continue;
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(str(v)));
    else if (p.in === 'query') query.set(p.name, str(v));
    else if (p.in === 'header') headers[p.name] = str(v);
    else if (p.in === 'body') {
      body = JSON.stringify(v);
      headers['content-type'] = 'application/json';
    }
  }
  for (const [k, v] of Object.entries(plan.extraQuery ?? {})) query.set(k, v);
  const access = accessToken(sim, plan.token === 'grantless' ? null : (plan.sellerId ?? DEFAULT_SELLER), region);
  headers['x-amz-access-token'] = plan.token === 'rdt' ? await restrictedToken(sim, host, access, path, plan) : access;
  sim.sim.buckets.clear(); // cases are independent calls: none waits for another's rate limit
  const q = query.toString();
  const res = await simRequest(sim, host, op.method.toUpperCase(), q ? `${path}?${q}` : path, {
    headers,
    ...(body !== undefined ? { body } : {}),
  });

  const problems: string[] = [];
  if (res.status !== c.status) problems.push(`status ${res.status}, expected ${c.status}`);
  let got: unknown;
  try {
    got = res.text ? JSON.parse(res.text) : undefined;
  } catch {
    problems.push(`body is not JSON: ${res.text.slice(0, 80)}`);
  }
  const validate = op.responseValidators.get(res.status);
  if (validate && got !== undefined && !validate(asModelled(op, got)))
    problems.push(`body fails the model: ${sim.sim.models.formatErrors(validate.errors)}`);
  const errata = errataFor(base.api, base.operationId, base.index);
  const expectsBody =
    c.response !== undefined &&
    !(c.status === 204 || (typeof c.response === 'object' && c.response !== null && Object.keys(c.response).length === 0));
  if (expectsBody && res.status === c.status) {
    // Upstream erratum (models.ts): an error answer written as a bare array is Amazon's {"errors": [...]}.
    const expected = c.status >= 400 && Array.isArray(c.response) ? { errors: c.response } : c.response;
    problems.push(...differences(expected, got, [...(plan.generated ?? []), ...errata.map((e) => e.field)]));
  }
  if (!planned && problems.length) problems.push('(no planner: sent unseeded, as the case lists it)');
  const noted = errata.length ? { errata: errata.map((e) => `${e.field} not compared: ${e.reason}`) } : {};
  return problems.length ? { ...base, ...noted, passed: false, reason: problems.join('; ') } : { ...base, ...noted, passed: true };
}

/** Every case of every model, in model order. */
export async function runConformance(sim: Sim, only?: (op: Operation) => boolean): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const op of sim.sim.models.operations) {
    if (only && !only(op)) continue;
    for (const [i, c] of op.sandboxCases.entries()) results.push(await runCase(sim, op, c, i));
  }
  return results;
}

/** Passed/failed per API (sorted by name) and in total. */
export function tally(results: CaseResult[]): { api: string; passed: number; failed: number }[] {
  const by = new Map<string, { api: string; passed: number; failed: number }>();
  for (const r of results) {
    const t = by.get(r.api) ?? { api: r.api, passed: 0, failed: 0 };
    if (r.passed) t.passed++;
    else t.failed++;
    by.set(r.api, t);
  }
  return [...by.values()].sort((a, b) => a.api.localeCompare(b.api));
}
