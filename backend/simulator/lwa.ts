/**
 * Login with Amazon token endpoint (`POST https://api.amazon.com/auth/o2/token`).
 * Grants: authorization_code (spapi_oauth_code from consent; single use; 5 minutes),
 * refresh_token (dead once the seller revoked the app or the authorization is older than 365 days),
 * client_credentials (grantless scopes). JSON and form bodies are both accepted because the npm client
 * sends JSON while Amazon documents form encoding. Error bodies follow LWA: {error, error_description}.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Sim } from './sim';
import { bodyFields } from './http-util';
import { randomId, type AccessTokenRecord } from './state';

export const ACCESS_TOKEN_TTL_S = 3600;
export const AUTH_CODE_TTL_MS = 5 * 60 * 1000;
export const GRANTLESS_SCOPES = ['sellingpartnerapi::notifications', 'sellingpartnerapi::client_credential:rotation'];

function lwaError(reply: FastifyReply, status: number, error: string, description: string) {
  return reply.code(status).header('cache-control', 'no-store').send({ error_description: description, error });
}

export async function handleLwa(sim: Sim, req: FastifyRequest, reply: FastifyReply, pathname: string) {
  if (pathname !== '/auth/o2/token') return reply.code(404).send({ error: 'not_found', error_description: 'Unknown LWA endpoint' });
  if (req.method !== 'POST') return lwaError(reply, 405, 'invalid_request', 'The request method must be POST');
  const f = bodyFields(req);
  if (!f) return lwaError(reply, 400, 'invalid_request', 'The request body could not be parsed');
  const grant = f.grant_type;
  if (!grant) return lwaError(reply, 400, 'invalid_request', 'The request is missing a required parameter : grant_type');
  if (!['authorization_code', 'refresh_token', 'client_credentials'].includes(grant)) {
    sim.counters.lwaCall('unsupported_grant_type');
    return lwaError(reply, 400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server');
  }
  const world = sim.world;
  const app = f.client_id ? world.applicationByClientId(f.client_id) : undefined;
  if (!app || app.clientSecret !== f.client_secret) {
    sim.counters.lwaCall('invalid_client');
    return lwaError(reply, 401, 'invalid_client', 'Client authentication failed');
  }
  const now = sim.clock.nowMs();
  const issue = (rec: Omit<AccessTokenRecord, 'token' | 'issuedAtMs' | 'expiresAtMs'>) => {
    const token = `Atza|sim-${randomId(32)}`;
    world.accessTokens.set(token, { ...rec, token, issuedAtMs: now, expiresAtMs: now + ACCESS_TOKEN_TTL_S * 1000 });
    return token;
  };

  if (grant === 'client_credentials') {
    const scope = f.scope;
    if (!scope) return lwaError(reply, 400, 'invalid_request', 'The request is missing a required parameter : scope');
    if (!GRANTLESS_SCOPES.includes(scope)) return lwaError(reply, 400, 'invalid_scope', 'An unknown scope was requested');
    sim.counters.lwaCall('client_credentials');
    const access = issue({ applicationId: app.applicationId, sellerId: null, region: null, scope });
    return reply
      .header('cache-control', 'no-store')
      .send({ access_token: access, scope, token_type: 'bearer', expires_in: ACCESS_TOKEN_TTL_S });
  }

  if (grant === 'authorization_code') {
    if (!f.code) return lwaError(reply, 400, 'invalid_request', 'The request is missing a required parameter : code');
    const code = world.authCodes.get(f.code);
    const problem = !code
      ? 'unknown code'
      : code.used
        ? 'code already used'
        : now - code.issuedAtMs > AUTH_CODE_TTL_MS
          ? 'code expired'
          : code.applicationId !== app.applicationId
            ? 'code issued to another application'
            : f.redirect_uri !== undefined && !sim.redirectUris(app).includes(f.redirect_uri)
              ? 'redirect_uri mismatch'
              : null;
    if (!code || problem) {
      sim.counters.lwaCall('invalid_grant');
      return lwaError(reply, 400, 'invalid_grant', 'The request has an invalid grant parameter : code');
    }
    code.used = true;
    const refresh = world.authorize(code.sellerId, code.applicationId, code.region);
    sim.counters.lwaCall('authorization_code');
    const access = issue({ applicationId: app.applicationId, sellerId: code.sellerId, region: code.region, scope: null });
    return reply
      .header('cache-control', 'no-store')
      .send({ access_token: access, refresh_token: refresh.token, token_type: 'bearer', expires_in: ACCESS_TOKEN_TTL_S });
  }

  // refresh_token
  if (!f.refresh_token) return lwaError(reply, 400, 'invalid_request', 'The request is missing a required parameter : refresh_token');
  const rec = world.refreshTokens.get(f.refresh_token);
  if (!rec || rec.applicationId !== app.applicationId || world.refreshTokenProblem(rec)) {
    sim.counters.lwaCall('invalid_grant');
    return lwaError(reply, 400, 'invalid_grant', 'The request has an invalid grant parameter : refresh_token');
  }
  sim.counters.lwaCall('refresh_token');
  const access = issue({ applicationId: app.applicationId, sellerId: rec.sellerId, region: rec.region, scope: null });
  return reply
    .header('cache-control', 'no-store')
    .send({ access_token: access, refresh_token: rec.token, token_type: 'bearer', expires_in: ACCESS_TOKEN_TTL_S });
}
