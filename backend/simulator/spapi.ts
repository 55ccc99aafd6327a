/**
 * SP-API request pipeline for sellingpartnerapi-{na,eu,fe}.amazon.com (and the sandbox hosts):
 * match the operation from the models → count → injected faults → access token → rate limit →
 * validate parameters and body against the model → handler (or, on sandbox hosts, the model's static
 * sandbox cases) → validate the response against the model → send with x-amzn-RequestId and
 * x-amzn-RateLimit-Limit.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Sim } from './sim';
import type { Region } from './scenario';
import type { Operation } from './models';
import { SANDBOX_LIMIT } from './rate-limits';
import { ApiError, type ApiContext, type ApiHandler, type ApiResult } from './apis/types';
import { contentType, pathAndQuery, rawBody } from './http-util';
import { coerceParams } from './params';
import { answerFromSandbox, findSandboxCase } from './sandbox';
import { HANDLERS, OWN_BODY_RULES } from './apis/index';
import { asModelled } from './deviations';

export const errorBody = (code: string, message: string, details = '') => ({ errors: [{ code, message, details }] });
const QUOTA = errorBody('QuotaExceeded', 'You exceeded your quota for the requested resource.');
const DENIED = 'Access to requested resource is denied.';

export function documentBaseUrl(region: Region): string {
  return {
    na: 'https://tortuga-prod-na.s3-external-1.amazonaws.com',
    eu: 'https://tortuga-prod-eu.s3-eu-west-1.amazonaws.com',
    fe: 'https://tortuga-prod-fe.s3-us-west-2.amazonaws.com',
  }[region];
}

export async function handleSpApi(sim: Sim, req: FastifyRequest, reply: FastifyReply, region: Region, sandbox: boolean) {
  const requestId = randomUUID();
  reply.header('x-amzn-requestid', requestId);
  const { pathname, search } = pathAndQuery(req);
  const match = sim.models.match(req.method, pathname);
  if (!match || (match.op.sandboxOnly && !sandbox)) {
    // Amazon's gateway answers unknown resources with 403 Unauthorized, not 404.
    return reply.code(403).send(errorBody('Unauthorized', DENIED, `No operation for ${req.method} ${pathname}`));
  }
  const { op, pathParams } = match;
  const limit = sandbox ? SANDBOX_LIMIT : { rate: op.rate, burst: op.burst };
  sim.counters.call(op.operationId);
  const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    sim.counters.status(op.operationId, status);
    // Amazon omits the rate-limit header on 429 (the client then waits its static restore_rate).
    if (status !== 429) reply.header('x-amzn-ratelimit-limit', String(limit.rate));
    for (const [k, v] of Object.entries(headers)) reply.header(k, v);
    if (body === undefined) return reply.code(status).send();
    const problem = validateResponse(sim, op, status, body);
    if (problem) {
      sim.mismatches.push({ operationId: op.operationId, method: req.method, path: pathname, status, problem });
      if (sim.responseValidation === 'throw') {
        return reply.code(500).send(errorBody('InternalFailure', 'Simulator response failed model validation.', problem));
      }
    }
    return reply.code(status).header('content-type', 'application/json').send(JSON.stringify(body));
  };

  const fault = sim.faults.take(op.operationId);
  if (fault) {
    sim.counters.inject(op.operationId);
    if (fault.kind === 'drop') {
      req.raw.socket.destroy();
      return reply.hijack();
    }
    if (fault.kind === '429') return send(429, QUOTA);
    if (fault.kind === '500') return send(500, errorBody('InternalFailure', 'We encountered an internal error. Please try again.'));
    if (fault.kind === '503') return send(503, errorBody('ServiceUnavailable', 'Service is temporarily unavailable. Please try again.'));
    await new Promise((r) => setTimeout(r, fault.delayMs ?? 5000));
  }

  const token = req.headers['x-amz-access-token'];
  if (typeof token !== 'string' || token === '')
    return send(403, errorBody('Unauthorized', DENIED, 'Access token is missing in the request header.'));
  let auth = sim.world.accessTokens.get(token);
  let restricted: ApiContext['restricted'] = null;
  const rdt = auth ? undefined : sim.world.restrictedTokens.get(token);
  if (rdt) {
    // An RDT opens exactly the resources it was issued for; anything else is denied like a bad token.
    const hit = rdt.resources.find((r) => r.method === req.method.toUpperCase() && r.pattern.test(pathname));
    if (!hit) return send(403, errorBody('Unauthorized', DENIED, 'The restricted data token is not valid for this resource.'));
    auth = rdt.auth;
    restricted = { dataElements: hit.dataElements };
  }
  if (!auth) return send(403, errorBody('Unauthorized', DENIED, 'The access token you provided is revoked, malformed or invalid.'));
  if (auth.expiresAtMs <= sim.clock.nowMs())
    return send(403, errorBody('Unauthorized', DENIED, 'The access token you provided has expired.'));
  if (auth.region && auth.region !== region)
    return send(403, errorBody('Unauthorized', DENIED, `The seller authorized this application for region ${auth.region}, not ${region}.`));

  const bucketKey = `${auth.sellerId ?? `app:${auth.applicationId}`}|${sandbox ? 'sandbox|' : ''}${op.modelId}#${op.operationId}`;
  if (!sim.buckets.take(bucketKey, limit, sim.clock.nowMs())) {
    sim.counters.throttle(op.operationId);
    return send(429, QUOTA);
  }

  if (sandbox) {
    // Amazon's sandbox matches its static cases first: error cases deliberately carry invalid values.
    const early = earlySandboxAnswer(req, op, pathParams, search);
    if (early) return send(early.status, early.response);
  }
  const parsed = parseRequest(sim, req, op, pathParams, search);
  if ('error' in parsed) {
    const own = OWN_VALIDATION_ERRORS[op.modelId];
    return send(400, own ? errorBody(own.code, own.message, parsed.error) : errorBody('InvalidInput', parsed.error, parsed.details));
  }

  sim.tick();
  const seller = auth.sellerId ? (sim.world.sellers.get(auth.sellerId) ?? null) : null;
  const ctx: ApiContext = {
    sim,
    op,
    region,
    auth,
    seller,
    path: pathParams,
    query: parsed.query,
    body: parsed.body,
    documentBaseUrl: documentBaseUrl(region),
    restricted,
  };
  try {
    let result: ApiResult;
    if (sandbox) result = answerFromSandbox(op, ctx);
    else {
      const handler: ApiHandler | undefined = HANDLERS[`${op.modelId}#${op.operationId}`];
      if (!handler)
        return send(501, errorBody('NotImplemented', `The simulator does not implement ${op.operationId} (${op.modelId}) yet.`));
      result = await handler(ctx);
    }
    return send(result.status, result.body, result.headers);
  } catch (err) {
    if (err instanceof ApiError) return send(err.status, errorBody(err.code, err.message, err.details));
    req.log.error({ err }, 'simulator handler failed');
    return send(500, errorBody('InternalFailure', 'We encountered an internal error. Please try again.'));
  }
}

/**
 * APIs whose service checks the request itself and answers with its own code rather than the gateway's
 * InvalidInput: the Tokens API answers a restricted resource it cannot read (an empty method, no path) with
 * InvalidRequest "Request is missing or has invalid parameters".
 */
const OWN_VALIDATION_ERRORS: Record<string, { code: string; message: string }> = {
  'tokens_2021-03-01': { code: 'InvalidRequest', message: 'Request is missing or has invalid parameters' },
};

function parseRequest(
  sim: Sim,
  req: FastifyRequest,
  op: Operation,
  pathParams: Record<string, string>,
  search: URLSearchParams,
): { query: Record<string, unknown>; body: unknown } | { error: string; details: string } {
  const coerced = coerceParams(op, pathParams, search, req.headers);
  if ('error' in coerced) return coerced;
  if (!op.validateParams(coerced.values)) {
    const first = op.validateParams.errors?.[0];
    const name = first?.instancePath.split('/')[1] ?? (first?.params as { missingProperty?: string } | undefined)?.missingProperty ?? '';
    const message = first?.keyword === 'required' ? `Missing required parameter '${name}'.` : `Invalid parameter '${name}'.`;
    return { error: message, details: sim.models.formatErrors(op.validateParams.errors) };
  }
  let body: unknown;
  const raw = rawBody(req);
  if (op.validateBody) {
    if (raw.length === 0) return { error: 'The request body is required.', details: 'body' };
    if (contentType(req) !== 'application/json')
      return { error: 'Content-Type must be application/json.', details: String(req.headers['content-type'] ?? '') };
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch (e) {
      return { error: 'The request body is not valid JSON.', details: (e as Error).message };
    }
    if (!op.validateBody(body) && !OWN_BODY_RULES.has(`${op.modelId}#${op.operationId}`))
      return { error: 'The request body is invalid.', details: sim.models.formatErrors(op.validateBody.errors).replace(/^data/, 'body') };
  }
  return { query: coerced.values, body };
}

function earlySandboxAnswer(req: FastifyRequest, op: Operation, pathParams: Record<string, string>, search: URLSearchParams) {
  const coerced = coerceParams(op, pathParams, search, req.headers);
  if ('error' in coerced) return null;
  let body: unknown;
  try {
    body = rawBody(req).length ? JSON.parse(rawBody(req).toString('utf8')) : undefined;
  } catch {
    return null;
  }
  const hit = findSandboxCase(op, pathParams, coerced.values, body);
  // Cases that list no values at all ("any request") still go through validation.
  return hit && Object.values(hit.request.parameters ?? {}).some((p) => p && 'value' in p) ? hit : null;
}

function validateResponse(sim: Sim, op: Operation, status: number, body: unknown): string | null {
  if (!sim.responseValidation) return null;
  if (!op.responseValidators.has(status)) return `status ${status} is not declared for ${op.operationId}`;
  const v = op.responseValidators.get(status);
  if (!v) return `the model declares no body for ${op.operationId} ${status}`;
  return v(asModelled(op, body)) ? null : sim.models.formatErrors(v.errors);
}
