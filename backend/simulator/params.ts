/**
 * Turns raw path/query/header strings into typed values following each Swagger parameter's `type`
 * and `collectionFormat`, so ajv can then check them against the model without coercing itself
 * (a non-numeric pageSize stays a string and fails the `integer` check with a clear message).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Operation, SwaggerParam } from './models';

const SEPARATORS: Record<string, string> = { csv: ',', ssv: ' ', tsv: '\t', pipes: '|' };

function scalar(p: { type?: unknown }, raw: string): unknown {
  if (p.type === 'integer' || p.type === 'number') return raw.trim() !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
  if (p.type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

function typed(p: SwaggerParam, raws: string[]): unknown {
  if (p.type === 'array') {
    const sep = SEPARATORS[p.collectionFormat ?? 'csv'];
    const parts = p.collectionFormat === 'multi' || sep === undefined ? raws : raws.flatMap((r) => r.split(sep));
    return parts.map((r) => scalar((p.items ?? {}) as { type?: unknown }, r));
  }
  return scalar(p, raws[raws.length - 1] ?? '');
}

export function coerceParams(
  op: Operation,
  pathParams: Record<string, string>,
  search: URLSearchParams,
  headers: IncomingHttpHeaders,
): { values: Record<string, unknown> } | { error: string; details: string } {
  const values: Record<string, unknown> = {};
  for (const p of op.params) {
    if (p.in === 'path') {
      const v = pathParams[p.name];
      if (v !== undefined) values[p.name] = typed(p, [v]);
    } else if (p.in === 'query') {
      const raws = search.getAll(p.name);
      if (raws.length > 0) values[p.name] = typed(p, raws);
    } else if (p.in === 'header') {
      const h = headers[p.name.toLowerCase()];
      if (h !== undefined) values[p.name] = typed(p, Array.isArray(h) ? h : [h]);
    }
  }
  const known = new Set(op.params.filter((p) => p.in === 'query').map((p) => p.name));
  for (const name of search.keys()) {
    if (!known.has(name))
      return { error: `Unknown query parameter '${name}'.`, details: `${op.operationId} accepts: ${[...known].join(', ') || 'none'}` };
  }
  return { values };
}
