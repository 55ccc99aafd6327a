/**
 * Replays every `x-amzn-api-sandbox` static case of the models in fixtures/amazon-models against the
 * simulator's sandbox hosts and checks status and body. Prints `N passed, N failed`; exits 1 on failures.
 * Usage: npx tsx scripts/simulator-conformance.ts [--verbose]
 */
import { isDeepStrictEqual } from 'node:util';
import { startTestSimulator, simRequest, SCENARIO } from '../backend/simulator/test/helpers';
import type { SwaggerParam } from '../backend/simulator/models';

const verbose = process.argv.includes('--verbose');
const sim = await startTestSimulator({ validateResponses: false });

function dummy(p: SwaggerParam): unknown {
  const enumValues = (p.enum ?? (p.items as { enum?: unknown[] } | undefined)?.enum) as unknown[] | undefined;
  if (enumValues?.length) return p.type === 'array' ? [enumValues[0]] : enumValues[0];
  if (p.type === 'integer' || p.type === 'number') return 1;
  if (p.type === 'boolean') return true;
  if (p.type === 'array') return ['ATVPDKIKX0DER'];
  return 'ATVPDKIKX0DER';
}
type Schema = Record<string, unknown>;
const modelCache = new Map<string, Schema>();
/** A minimal instance of a schema: required properties only, first enum value, placeholders. */
function sample(schema: Schema | undefined, model: Schema, depth = 0): unknown {
  if (!schema || depth > 12) return {};
  const ref = schema.$ref as string | undefined;
  if (ref)
    return sample(
      ref
        .slice(2)
        .split('/')
        .reduce<Schema>((o, k) => o[k] as Schema, model),
      model,
      depth + 1,
    );
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.type === 'array')
    return Array.from({ length: Number(schema.minItems ?? 1) }, () => sample(schema.items as Schema, model, depth + 1));
  if (schema.type === 'integer' || schema.type === 'number') return Number(schema.minimum ?? 1);
  if (schema.type === 'boolean') return true;
  if (schema.type === 'string') return schema.format === 'date-time' ? '2024-01-01T00:00:00Z' : 'ATVPDKIKX0DER';
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  return Object.fromEntries(((schema.required ?? []) as string[]).map((k) => [k, sample(props[k], model, depth + 1)]));
}
async function modelOf(modelId: string): Promise<Schema> {
  const { readFileSync } = await import('node:fs');
  const { execSync } = await import('node:child_process');
  if (!modelCache.has(modelId)) {
    const file = execSync(`find fixtures/amazon-models/models -name '${modelId}.json'`).toString().trim();
    modelCache.set(modelId, JSON.parse(readFileSync(file, 'utf8')) as Schema);
  }
  return modelCache.get(modelId) as Schema;
}
const str = (v: unknown) => (Array.isArray(v) ? v.map(String).join(',') : String(v));

const token = (
  await simRequest(sim, 'api.amazon.com', 'POST', '/auth/o2/token', {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'refresh_token',
      refresh_token: SCENARIO.refreshTokenNa,
      client_id: SCENARIO.clientId,
      client_secret: SCENARIO.clientSecret,
    }),
  })
).json<{ access_token: string }>().access_token;

let passed = 0;
let failed = 0;
let skipped = 0;
for (const op of sim.sim.models.operations) {
  for (const [i, c] of op.sandboxCases.entries()) {
    // Upstream sometimes lists the same request twice with different answers (sellers getAccount 200/400):
    // no server can satisfy both, so the later one is skipped and reported.
    if (op.sandboxCases.slice(0, i).some((prev) => isDeepStrictEqual(prev.request, c.request))) {
      skipped++;
      console.log(`SKIP ${op.modelId} ${op.operationId} case ${i}: same request as an earlier case (ambiguous upstream)`);
      continue;
    }
    const given = c.request.parameters ?? {};
    const value = (p: SwaggerParam) =>
      given[p.name] && 'value' in given[p.name]! ? given[p.name]!.value : p.required ? dummy(p) : undefined;
    let path = op.pathTemplate;
    const query = new URLSearchParams();
    const headers: Record<string, string> = { 'x-amz-access-token': token };
    let body: string | undefined;
    for (const p of op.params) {
      const v = value(p);
      if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(str(v ?? 'x')));
      else if (p.in === 'query' && v !== undefined) query.set(p.name, str(v));
      else if (p.in === 'header' && v !== undefined) headers[p.name] = str(v);
      else if (p.in === 'body') {
        body = JSON.stringify(given.body && 'value' in given.body ? given.body.value : sample(p.schema, await modelOf(op.modelId)));
        headers['content-type'] = 'application/json';
      }
    }
    sim.advance(1); // sandbox plan is 5/s burst 15; keep the bucket full
    const q = query.toString();
    const res = await simRequest(sim, 'sandbox.sellingpartnerapi-na.amazon.com', op.method.toUpperCase(), q ? `${path}?${q}` : path, {
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const got = res.text ? (JSON.parse(res.text) as unknown) : undefined;
    const emptyOk = res.status === 204 && got === undefined; // 204 carries no body whatever the case lists
    const ok = res.status === c.status && (c.response === undefined || emptyOk || isDeepStrictEqual(got, c.response));
    if (ok) passed++;
    else {
      failed++;
      console.log(
        `FAIL ${op.modelId} ${op.operationId} case ${i}: expected ${c.status}, got ${res.status} ${verbose ? res.text.slice(0, 300) : ''}`,
      );
    }
  }
}
await sim.close();
if (skipped) console.log(`${skipped} skipped (ambiguous upstream cases)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
