/**
 * Tokens 2021-03-01 createRestrictedDataToken: an RDT for the Orders API's restricted operations. The
 * token then works as x-amz-access-token for exactly those method + path pairs (a path may name one order
 * or use the generic `{orderId}`), for one hour, and unlocks the requested data elements (../spapi.ts).
 */
import { randomId } from '../state';
import { ApiError, requireSeller, type ApiHandler } from './types';

export const modelId = 'tokens_2021-03-01';

export const RDT_TTL_SECONDS = 3600;

/** Restricted operations Amazon issues RDTs for; dataElements are required where `elements` is set. */
const RESTRICTED: { pattern: RegExp; elements?: string[] }[] = [
  { pattern: /^\/orders\/v0\/orders$/, elements: ['buyerInfo', 'shippingAddress', 'buyerTaxInformation'] },
  { pattern: /^\/orders\/v0\/orders\/[^/]+$/, elements: ['buyerInfo', 'shippingAddress', 'buyerTaxInformation'] },
  { pattern: /^\/orders\/v0\/orders\/[^/]+\/orderItems$/, elements: ['buyerInfo'] },
  { pattern: /^\/orders\/v0\/orders\/[^/]+\/address$/ },
  { pattern: /^\/orders\/v0\/orders\/[^/]+\/buyerInfo$/ },
  { pattern: /^\/orders\/v0\/orders\/[^/]+\/orderItems\/buyerInfo$/ },
];

/** The Tokens service answers every request it cannot grant with InvalidRequest (not the gateway's InvalidInput). */
const invalidRequest = (message: string) => new ApiError(400, 'InvalidRequest', message);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const createRestrictedDataToken: ApiHandler = (ctx) => {
  requireSeller(ctx);
  const body = ctx.body as { restrictedResources: { method: string; path: string; dataElements?: string[] }[] };
  if (body.restrictedResources.length === 0) throw invalidRequest('restrictedResources must not be empty.');
  const resources = body.restrictedResources.map((r) => {
    const rule = r.method === 'GET' ? RESTRICTED.find((x) => x.pattern.test(r.path)) : undefined;
    if (!rule) throw invalidRequest(`'${r.method} ${r.path}' is not a restricted resource.`);
    const dataElements = r.dataElements ?? [];
    if (rule.elements) {
      if (dataElements.length === 0) throw invalidRequest(`dataElements are required for ${r.path}.`);
      const bad = dataElements.find((e) => !rule.elements?.includes(e));
      if (bad) throw invalidRequest(`Invalid dataElement '${bad}' for ${r.path}.`);
    }
    // `{orderId}` (literally) is Amazon's generic path: the token then works for every order.
    const pattern = new RegExp(`^${escape(r.path).replace(/\\\{orderId\\\}/g, '[^/]+')}$`);
    return { method: r.method, path: r.path, pattern, dataElements };
  });
  const now = ctx.sim.clock.nowMs();
  const token = `Atz.sprdt|${randomId(32)}`;
  ctx.sim.world.restrictedTokens.set(token, {
    auth: { ...ctx.auth, token, issuedAtMs: now, expiresAtMs: now + RDT_TTL_SECONDS * 1000 },
    resources,
  });
  return { status: 200, body: { restrictedDataToken: token, expiresIn: RDT_TTL_SECONDS } };
};

export const handlers: Record<string, ApiHandler> = { createRestrictedDataToken };
