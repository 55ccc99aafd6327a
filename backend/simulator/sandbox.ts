/**
 * Sandbox hosts (sandbox.sellingpartnerapi-*.amazon.com) answer like Amazon's static sandbox: the
 * first `x-amzn-api-sandbox.static` case of the operation whose listed parameter values all equal the
 * request's gets its response and status. Unlisted parameters do not take part in the match.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Operation, SandboxCase } from './models';
import { ApiError, type ApiContext, type ApiResult } from './apis/types';

const norm = (v: unknown): string => (Array.isArray(v) ? v.map(String).join(',') : String(v));

export function caseMatches(c: SandboxCase, path: Record<string, string>, query: Record<string, unknown>, body: unknown): boolean {
  for (const [name, spec] of Object.entries(c.request.parameters ?? {})) {
    if (!spec || !('value' in spec)) continue; // a listed parameter without value matches anything
    if (name === 'body') {
      if (!isDeepStrictEqual(spec.value, body)) return false;
      continue;
    }
    const actual = path[name] ?? query[name];
    if (actual === undefined || norm(actual) !== norm(spec.value)) return false;
  }
  return true;
}

/** The matching case that lists the most parameter values (the most specific one), if any. */
export function findSandboxCase(
  op: Operation,
  path: Record<string, string>,
  query: Record<string, unknown>,
  body: unknown,
): SandboxCase | null {
  const listed = (c: SandboxCase) => Object.values(c.request.parameters ?? {}).filter((p) => p && 'value' in p).length;
  const hits = op.sandboxCases.filter((c) => caseMatches(c, path, query, body)).sort((a, b) => listed(b) - listed(a));
  return hits[0] ?? null;
}

export function answerFromSandbox(op: Operation, ctx: ApiContext): ApiResult {
  const hit = findSandboxCase(op, ctx.path, ctx.query, ctx.body);
  if (!hit) throw new ApiError(400, 'InvalidInput', 'Could not match input arguments with any sandbox case.', op.operationId);
  return { status: hit.status, body: hit.response };
}
