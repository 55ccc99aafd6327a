/**
 * Loads the official SP-API Swagger 2.0 models from fixtures/amazon-models/models and turns every
 * path+method into an Operation: a matcher for the URL, the declared parameters, compiled request
 * validators and per-status response validators. The simulator's routes come from here, so an
 * operation that is not in a model cannot be served by accident.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction, type ErrorObject } from 'ajv';
import addFormatsImport from 'ajv-formats';
import { rateLimitFor } from './rate-limits';

// ajv-formats is CommonJS; under ESM its default export may arrive wrapped in `default`.
const addFormats = ((addFormatsImport as unknown as { default?: unknown }).default ?? addFormatsImport) as (a: Ajv) => Ajv;

const here = path.dirname(fileURLToPath(import.meta.url));
export const modelsRoot = path.resolve(here, '../../fixtures/amazon-models');

export interface SwaggerParam {
  name: string;
  in: 'path' | 'query' | 'header' | 'body' | 'formData';
  required?: boolean;
  type?: string;
  items?: Record<string, unknown>;
  collectionFormat?: string;
  schema?: Record<string, unknown>;
  [k: string]: unknown;
}

export interface SandboxCase {
  request: { parameters?: Record<string, { value?: unknown }> };
  response?: unknown;
  status: number;
}

export interface Operation {
  modelId: string;
  operationId: string;
  method: string;
  pathTemplate: string;
  matcher: RegExp;
  pathParamNames: string[];
  literalSegments: number;
  params: SwaggerParam[];
  rate: number;
  burst: number;
  sandboxOnly: boolean;
  sandboxCases: SandboxCase[];
  validateParams: ValidateFunction;
  validateBody: ValidateFunction | null;
  /** status code → validator of the response body (null: the model declares no body). */
  responseValidators: Map<number, ValidateFunction | null>;
}

/** JSON-Schema keywords a Swagger 2.0 non-body parameter may carry. */
const PARAM_SCHEMA_KEYS = [
  'type',
  'items',
  'enum',
  'maximum',
  'minimum',
  'exclusiveMaximum',
  'exclusiveMinimum',
  'maxItems',
  'minItems',
  'uniqueItems',
  'pattern',
  'maxLength',
  'minLength',
  'format',
  'multipleOf',
];

export function createAjv(): Ajv {
  // strict:false because Swagger schemas carry vendor keywords (x-*, example, discriminator …).
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  // Swagger numeric/binary formats are advisory; ajv would reject them as unknown formats.
  ajv.addFormat('ip', (v: string) => isIP(v) !== 0); // Notifications' IpAddress
  for (const f of ['int32', 'int64', 'double', 'float', 'byte', 'binary', 'password', '[A-Z]{2}']) ajv.addFormat(f, true);
  return ajv;
}

function listJsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listJsonFiles(full) : name.endsWith('.json') ? [full] : [];
  });
}

const ptr = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function paramSchema(p: SwaggerParam): Record<string, unknown> {
  const schema: Record<string, unknown> = {};
  for (const k of PARAM_SCHEMA_KEYS) if (p[k] !== undefined) schema[k] = p[k];
  return schema;
}

export interface ModelSet {
  ajv: Ajv;
  operations: Operation[];
  byId: Map<string, Operation>;
  match(method: string, pathname: string): { op: Operation; pathParams: Record<string, string> } | null;
  formatErrors(errors: ErrorObject[] | null | undefined): string;
}

type JsonObject = Record<string, unknown>;

export function loadModels(root = modelsRoot): ModelSet {
  const ajv = createAjv();
  const operations: Operation[] = [];
  for (const file of listJsonFiles(path.join(root, 'models'))) {
    const model = JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
    const modelId = path.basename(file, '.json');
    ajv.addSchema(model, modelId);
    const paths = (model.paths ?? {}) as Record<string, JsonObject>;
    for (const [template, item] of Object.entries(paths)) {
      const shared = (item.parameters ?? []) as SwaggerParam[];
      for (const method of ['get', 'put', 'post', 'patch', 'delete']) {
        const raw = item[method] as JsonObject | undefined;
        if (!raw) continue;
        operations.push(buildOperation(ajv, model, modelId, template, method, raw, shared));
      }
    }
  }
  // Prefer the path with more literal segments (e.g. /documents over /{feedId}).
  operations.sort((a, b) => b.literalSegments - a.literalSegments);
  // Two versions of one API may share an operationId (Orders v0 and 2026-01-01 `getOrder`): the first
  // model read keeps the plain id; `${modelId}#${operationId}` names each one.
  const byId = new Map<string, Operation>();
  for (const o of operations) {
    byId.set(`${o.modelId}#${o.operationId}`, o);
    if (!byId.has(o.operationId)) byId.set(o.operationId, o);
  }
  return {
    ajv,
    operations,
    byId,
    match(method, pathname) {
      for (const op of operations) {
        if (op.method !== method.toLowerCase()) continue;
        const m = op.matcher.exec(pathname);
        if (!m) continue;
        const pathParams: Record<string, string> = {};
        op.pathParamNames.forEach((n, i) => {
          pathParams[n] = decodeURIComponent(m[i + 1] ?? '');
        });
        return { op, pathParams };
      }
      return null;
    },
    formatErrors: (errors) => ajv.errorsText(errors, { dataVar: '', separator: '; ' }),
  };
}

/** Follows a local `#/definitions/…` reference: whether the schema is an array. */
function isArraySchema(model: JsonObject, schema: JsonObject | undefined): boolean {
  const ref = schema?.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/'))
    return isArraySchema(
      model,
      ref
        .slice(2)
        .split('/')
        .reduce<JsonObject | undefined>((o, k) => o?.[k] as JsonObject | undefined, model),
    );
  return schema?.type === 'array';
}

function buildOperation(
  ajv: Ajv,
  model: JsonObject,
  modelId: string,
  template: string,
  method: string,
  raw: JsonObject,
  shared: SwaggerParam[],
): Operation {
  const own = (raw.parameters ?? []) as SwaggerParam[];
  const params = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
  const pathParamNames: string[] = [];
  const segments = template.split('/').filter(Boolean);
  const regexBody = segments
    .map((seg) => {
      const m = /^\{(.+)\}$/.exec(seg);
      if (m?.[1]) {
        pathParamNames.push(m[1]);
        return '([^/]*)';
      } // empty allowed: the model decides (minLength)
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  const nonBody = params.filter((p) => p.in === 'path' || p.in === 'query' || p.in === 'header');
  const paramsSchema = {
    type: 'object',
    properties: Object.fromEntries(nonBody.map((p) => [p.name, paramSchema(p)])),
    required: nonBody.filter((p) => p.required).map((p) => p.name),
  };
  const bodyParam = params.find((p) => p.in === 'body');
  const opPtr = `${modelId}#/paths/${ptr(template)}/${method}`;
  const ownBody = own.findIndex((p) => p.in === 'body');
  const sharedBody = shared.findIndex((p) => p.in === 'body');
  const bodyPtr =
    ownBody >= 0
      ? `${opPtr}/parameters/${ownBody}/schema`
      : sharedBody >= 0
        ? `${modelId}#/paths/${ptr(template)}/parameters/${sharedBody}/schema`
        : null;
  const responses = (raw.responses ?? {}) as Record<string, JsonObject>;
  const responseValidators = new Map<number, ValidateFunction | null>();
  const sandboxCases: SandboxCase[] = [];
  for (const [status, resp] of Object.entries(responses)) {
    const code = Number(status);
    if (!Number.isInteger(code)) continue;
    const schemaRef = { $ref: `${opPtr}/responses/${status}/schema` };
    // Upstream erratum: Listings Restrictions 2021-08-01 declares its error body a bare array (ErrorList), while
    // Amazon answers errors of every API as {"errors": [...]}. The simulator sends that envelope and checks the
    // array inside it against the model.
    const bareErrors = code >= 400 && isArraySchema(model, resp.schema as JsonObject | undefined);
    const schema = bareErrors ? { type: 'object', required: ['errors'], properties: { errors: schemaRef } } : schemaRef;
    responseValidators.set(code, resp.schema ? ajv.compile(schema) : null);
    const sandbox = resp['x-amzn-api-sandbox'] as { static?: Omit<SandboxCase, 'status'>[] } | undefined;
    for (const c of sandbox?.static ?? []) sandboxCases.push({ ...c, status: code });
  }
  const operationId = String(raw.operationId);
  const limit = rateLimitFor(operationId, String(raw.description ?? ''), modelId);
  return {
    modelId,
    operationId,
    method,
    pathTemplate: template,
    matcher: new RegExp(`^/${regexBody}$`),
    pathParamNames,
    literalSegments: segments.length * 100 - pathParamNames.length,
    params,
    rate: limit.rate,
    burst: limit.burst,
    sandboxOnly: raw['x-amzn-api-sandbox-only'] === true,
    sandboxCases,
    validateParams: ajv.compile(paramsSchema),
    validateBody: bodyParam && bodyPtr ? ajv.compile({ $ref: bodyPtr }) : null,
    responseValidators,
  };
}
