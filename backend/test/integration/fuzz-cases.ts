/**
 * Requests for the security fuzz, generated from the app's OpenAPI document: for each operation, odd ids
 * and text in the path, odd values in each query parameter, and malformed, mistyped, extreme and odd bodies
 * (whole and field by field, from a plausible body built from the schema). A seeded PRNG picks the samples,
 * so a run is repeatable; the same seed gives the same requests.
 */
import type { InjectOptions } from 'fastify';

type Schema = Record<string, unknown>;
interface Parameter {
  in: string;
  name: string;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
export interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface FuzzCase {
  /** "METHOD /path/{param}" of the operation. */
  route: string;
  /** What was odd, for the failure report. */
  what: string;
  request: InjectOptions;
}

/** mulberry32: small, fast and good enough to pick samples repeatably. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function sample<T>(random: () => number, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0] as T);
  return out;
}

// Raw JSON that JSON.stringify cannot write (1e309, which JSON.parse reads as Infinity): the values list
// holds a placeholder string ("\u0001raw:1e309"), swapped for the raw number in the text.
const rawJson = (text: string) => text.replace(/"\\u0001raw:(-?1e309)"/g, '$1');

/** Values a JSON field gets instead of what it expects. */
export const ODD_VALUES: readonly unknown[] = [
  'Infinity',
  '-Infinity',
  'NaN',
  '1e309',
  '\u0001raw:1e309',
  '\u0001raw:-1e309',
  1e308,
  -1e308,
  -1,
  0,
  2 ** 53,
  2 ** 31,
  -(2 ** 31) - 1,
  1.5,
  0.123456789,
  ' 1',
  '0x10',
  '1e3',
  '',
  'a\u0000b',
  'x\ud800y',
  '\udc00',
  'a'.repeat(100_000),
  'Ünïcødé ☕ 😀 中文',
  "'; DROP TABLE products; --",
  '%_\\!',
  null,
  true,
  false,
  [],
  {},
  [1, 'a', null],
  { a: { b: [1] } },
];

/** Query values, already URL-encoded (a lone surrogate cannot be percent-encoded as UTF-8: its bytes are sent). */
export const ODD_QUERY = [
  'Infinity',
  '1e309',
  '-1e309',
  '1e3',
  '0x10',
  '%201',
  '1%20',
  '-1',
  '0',
  String(2 ** 53),
  '99999999999999999999',
  '1.5',
  '',
  'a%00b',
  '%ED%A0%80',
  '%FF',
  encodeURIComponent('Ünïcødé 😀'),
  'a'.repeat(5_000),
  '%25',
  '_',
  '%5C',
  'true',
  'null',
  '[]',
  "'",
];

/** Path segments instead of an id or a code, URL-encoded. */
export const ODD_PATH = [
  '%201',
  '0x10',
  '1e3',
  '%2B1',
  '-1',
  '0',
  '1.0',
  'Infinity',
  '1e309',
  String(2 ** 53),
  '4294967296',
  '99999999999999999999',
  'a%00b',
  '%ED%A0%80',
  'abc',
  '%27',
  '..',
  encodeURIComponent('😀'),
  'a'.repeat(2_000),
];

/** Whole bodies: malformed JSON, wrong top-level types, too deep, too many values, prototype poisoning. */
const ODD_BODIES: { what: string; payload: string; contentType?: string }[] = [
  { what: 'truncated JSON', payload: '{"a":' },
  { what: 'not JSON', payload: 'nul' },
  { what: 'empty JSON body', payload: '' },
  { what: 'array body', payload: '[1,2]' },
  { what: 'string body', payload: '"x"' },
  { what: 'number body', payload: '1e309' },
  { what: 'null body', payload: 'null' },
  { what: 'empty object', payload: '{}' },
  { what: '40 levels deep', payload: `{"a":${'['.repeat(40)}${']'.repeat(40)}}` },
  { what: '20,000 levels deep', payload: `{"conditions":${'{"kind":"combine","conditions":['.repeat(20_000)}${']}'.repeat(20_000)}}` },
  { what: '150,000 values', payload: `{"a":[${'0,'.repeat(150_000)}0]}` },
  { what: '__proto__', payload: '{"__proto__":{"isAdmin":true}}' },
  { what: 'constructor.prototype', payload: '{"constructor":{"prototype":{"x":1}}}' },
  { what: 'text/plain', payload: 'hello\u0000', contentType: 'text/plain' },
  { what: 'form', payload: 'a=1', contentType: 'application/x-www-form-urlencoded' },
];

const PATTERN_EXAMPLES: Record<string, string> = {
  '^[A-Za-z]{2}$': 'US',
  '^[A-Z0-9]{10}$': 'B0SIM00001',
  '^[0-9]{1,6}(\\.[0-9]{1,6})?$': '1.1',
  '^[0-9]{1,9}(\\.[0-9]{1,2})?$': '12.50',
};

export class CaseBuilder {
  private readonly random: () => number;
  constructor(
    private readonly doc: OpenApi,
    seed: number,
    /** A plausible value for a path parameter of this route (an existing row where it matters). */
    private readonly pathValue: (route: string, param: string) => string,
    /** Bodies that make a route do real work, where the schema alone cannot say (rules, reservations…). */
    private readonly bodyOverrides: Record<string, unknown>,
  ) {
    this.random = prng(seed);
  }

  private resolve(schema: Schema | undefined): Schema {
    let s = schema ?? {};
    for (let i = 0; i < 10 && typeof s.$ref === 'string'; i++) s = this.doc.components?.schemas?.[s.$ref.split('/').pop() ?? ''] ?? {};
    return s;
  }

  /** A plausible value for a schema: required properties, first enum values, lower bounds. */
  plausible(schema: Schema | undefined, depth = 0): unknown {
    const s = this.resolve(schema);
    if (Array.isArray(s.enum)) return s.enum[0];
    const choices = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
    if (choices?.[0]) return this.plausible(choices[0], depth + 1);
    const type = Array.isArray(s.type) ? s.type[0] : s.type;
    if (type === 'object' || s.properties) {
      if (depth > 4) return {};
      const props = (s.properties ?? {}) as Record<string, Schema>;
      const required = (s.required as string[] | undefined) ?? Object.keys(props).slice(0, 1);
      return Object.fromEntries(required.filter((k) => props[k]).map((k) => [k, this.plausible(props[k], depth + 1)]));
    }
    if (type === 'array') return Array.from({ length: Number(s.minItems ?? 0) }, () => this.plausible(s.items as Schema, depth + 1));
    if (type === 'integer' || type === 'number') return Math.max(Number(s.minimum ?? 1), 1);
    if (type === 'boolean') return true;
    if (type === 'null') return null;
    if (s.format === 'date-time') return '2026-11-20T10:00:00.000Z';
    if (s.format === 'date') return '2026-11-20';
    if (s.format === 'email') return 'fuzz@example.com';
    if (typeof s.pattern === 'string') return PATTERN_EXAMPLES[s.pattern] ?? 'x';
    return 'x'.repeat(Math.max(Number(s.minLength ?? 1), 1));
  }

  /** Field paths of a body schema: its properties, and those of object properties one level down. */
  private fieldPaths(schema: Schema): string[][] {
    const s = this.resolve(schema);
    const paths: string[][] = [];
    for (const [key, child] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) {
      paths.push([key]);
      const inner = this.resolve(child);
      for (const sub of Object.keys((inner.properties ?? {}) as Record<string, Schema>)) paths.push([key, sub]);
    }
    return paths;
  }

  casesFor(method: string, path: string, op: Operation): FuzzCase[] {
    const route = `${method.toUpperCase()} ${path}`;
    const params = op.parameters ?? [];
    const pathParams = params.filter((p) => p.in === 'path');
    const queryParams = params.filter((p) => p.in === 'query');
    const bodySchema = op.requestBody?.content?.['application/json']?.schema;
    const url = (override: Record<string, string> = {}, query = '') =>
      path.replace(/\{(\w+)\}/g, (_m, name: string) => override[name] ?? encodeURIComponent(this.pathValue(route, name))) +
      (query ? `?${query}` : '');
    const baseBody = route in this.bodyOverrides ? this.bodyOverrides[route] : bodySchema ? this.plausible(bodySchema) : undefined;
    const json = (body: unknown) => rawJson(JSON.stringify(body));
    const withBody = (request: InjectOptions): InjectOptions =>
      baseBody === undefined ? request : { ...request, payload: json(baseBody), headers: { 'content-type': 'application/json' } };
    const cases: FuzzCase[] = [];
    const add = (what: string, request: InjectOptions) =>
      cases.push({ route, what, request: { method: method.toUpperCase() as 'GET', ...request } });

    add('plausible request', withBody({ url: url() }));
    for (const p of pathParams)
      for (const odd of sample(this.random, ODD_PATH, 10))
        add(`path ${p.name}=${odd.slice(0, 40)}`, withBody({ url: url({ [p.name]: odd }) }));
    for (const p of queryParams)
      for (const odd of sample(this.random, ODD_QUERY, 8))
        add(`query ${p.name}=${odd.slice(0, 40)}`, withBody({ url: url({}, `${p.name}=${odd}`) }));
    if (queryParams.length > 1)
      add('every query parameter odd', withBody({ url: url({}, queryParams.map((p) => `${p.name}=1e309`).join('&')) }));

    const writes = method !== 'get';
    if (writes) {
      for (const b of bodySchema ? ODD_BODIES : sample(this.random, ODD_BODIES, 3))
        add(`body: ${b.what}`, { url: url(), payload: b.payload, headers: { 'content-type': b.contentType ?? 'application/json' } });
    }
    if (bodySchema && typeof baseBody === 'object' && baseBody !== null && !Array.isArray(baseBody)) {
      for (const field of this.fieldPaths(bodySchema))
        for (const odd of sample(this.random, ODD_VALUES, field.length > 1 ? 4 : 8)) {
          const body = structuredClone(baseBody) as Record<string, unknown>;
          let target = body;
          for (const key of field.slice(0, -1)) {
            if (typeof target[key] !== 'object' || target[key] === null || Array.isArray(target[key])) target[key] = {};
            target = target[key] as Record<string, unknown>;
          }
          target[field[field.length - 1] as string] = odd;
          add(`body ${field.join('.')}=${JSON.stringify(odd)?.slice(0, 40)}`, {
            url: url(),
            payload: json(body),
            headers: { 'content-type': 'application/json' },
          });
        }
    }
    return cases;
  }

  /** Every operation's cases, reads first and destructive ones last (so they do not take the data away early). */
  allCases(skip: Record<string, string>): FuzzCase[] {
    const ops: [string, string, Operation][] = [];
    for (const [path, byMethod] of Object.entries(this.doc.paths))
      for (const [method, op] of Object.entries(byMethod)) if (!(`${method.toUpperCase()} ${path}` in skip)) ops.push([method, path, op]);
    const rank = ([method, path]: [string, string, Operation]) =>
      method === 'get'
        ? 0
        : method === 'delete' && path === '/api/stores/{id}'
          ? 3
          : method === 'delete' || /\/(disconnect|deactivate|delete|unlink|end|remove)$/.test(path)
            ? 2
            : 1;
    ops.sort((a, b) => rank(a) - rank(b));
    return ops.flatMap(([method, path, op]) => this.casesFor(method, path, op));
  }
}
