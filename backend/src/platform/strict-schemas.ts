/**
 * Route schemas as the request validator compiles them: every number and integer made strict, whatever
 * the route wrote. Fastify's Ajv coerces types (`"12"` → 12, which query strings and params need), but it
 * also reads `" 1"`, `"0x10"`, `"1e3"` and `"Infinity"` as numbers, and Infinity then skips `maximum`.
 * So each numeric schema is wrapped to check the value as sent, before Ajv coerces it:
 *
 *   { type: 'integer', minimum: 1, default: 1 }
 *   → { default: 1, allOf: [{ numeral: { kind: 'integer' } }, { type: 'integer', minimum: 1, maximum: INT_MAX }] }
 *
 * and gets the range of the narrowest column of its kind when it names no bound itself. A schema whose
 * column is narrower says so with its own `minimum`/`maximum` (see schema/*.ts). Pure; the OpenAPI
 * document keeps the schemas as written.
 */
import type { KeywordDefinition, SchemaValidateFunction } from 'ajv';

/** INT: ids, counts and quantities are stored in INT columns (ids are INT UNSIGNED, but some referencing columns are signed). */
export const INT_MIN = -2_147_483_648;
export const INT_MAX = 2_147_483_647;
/** DECIMAL(12,4): the widest decimal column (prices, weights, source quantities); narrower ones set their own bounds. */
export const DECIMAL_MAX = 99_999_999.9999;

type Kind = 'integer' | 'number';
interface NumeralOptions {
  kind: Kind;
  nullable?: boolean;
}

// Digits only (and a leading minus): no spaces, "+", exponents, hex or "Infinity".
const PLAIN: Record<Kind, RegExp> = { integer: /^-?[0-9]+$/, number: /^-?[0-9]+(\.[0-9]+)?$/ };
const PLAIN_MESSAGE: Record<Kind, string> = {
  integer: 'must be a whole number written in plain digits (like 42)',
  number: 'must be a number written in plain digits (like 12.5)',
};

function checkNumeral(options: NumeralOptions, data: unknown): boolean {
  const fail = (message: string): boolean => {
    checkNumeral.errors = [{ keyword: 'numeral', message, params: { kind: options.kind } }];
    return false;
  };
  // Ajv's 'array' coercion unwraps a one-element list before reading it as a number: look inside it too.
  const value = Array.isArray(data) && data.length === 1 ? (data[0] as unknown) : data;
  if (typeof value === 'number') return Number.isFinite(value) || fail('must be a finite number');
  // Ajv's coercion would read null as 0 and true as 1: `{"price": null}` must not set a price of 0.
  if (value === null) return options.nullable === true || fail('must be a number (null is not allowed here)');
  if (typeof value === 'boolean') return fail('must be a number, not true or false');
  if (typeof value !== 'string') return true; // objects and lists: left to the type keyword
  if (value === '' && options.nullable) return true; // Ajv reads "" as null where null is allowed
  if (!PLAIN[options.kind].test(value)) return fail(PLAIN_MESSAGE[options.kind]);
  return Number.isFinite(Number(value)) || fail('is out of range');
}
// Ajv reads a keyword's errors from the function itself.
checkNumeral.errors = [] as SchemaValidateFunction['errors'];

/** The `numeral` keyword: the value as sent (a number, or a string about to be coerced) must be plain and finite. */
export const numeralKeyword: KeywordDefinition = {
  keyword: 'numeral',
  schemaType: 'object',
  errors: true,
  validate: checkNumeral as SchemaValidateFunction,
};

type Schema = Record<string, unknown>;
const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

const SUBSCHEMA = ['additionalProperties', 'additionalItems', 'contains', 'propertyNames', 'not', 'if', 'then', 'else'];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];
const SUBSCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependencies'];

function typesOf(schema: Schema): string[] {
  const type = schema.type;
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : typeof type === 'string' ? [type] : [];
}

function mapValues(map: Schema, f: (v: unknown) => unknown): Schema {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, f(v)]));
}

/** A copy of the schema with every numeric schema in it strict and bounded (see the file comment). */
export function hardenSchema<T>(schema: T): T {
  return harden(schema) as T;
}

function harden(node: unknown): unknown {
  if (!isSchema(node)) return node;
  const out: Schema = { ...node };
  for (const key of SUBSCHEMA) if (key in out) out[key] = harden(out[key]);
  for (const key of SUBSCHEMA_LISTS) if (Array.isArray(out[key])) out[key] = (out[key] as unknown[]).map(harden);
  for (const key of SUBSCHEMA_MAPS) if (isSchema(out[key])) out[key] = mapValues(out[key] as Schema, harden);
  if ('items' in out) out.items = Array.isArray(out.items) ? out.items.map(harden) : harden(out.items);

  const types = typesOf(out);
  const kind: Kind | null = types.includes('number') ? 'number' : types.includes('integer') ? 'integer' : null;
  // A schema that also takes strings (none today) keeps its strings: only bounds apply then.
  if (kind === null) return out;
  const [low, high] = kind === 'integer' ? [INT_MIN, INT_MAX] : [-DECIMAL_MAX, DECIMAL_MAX];
  if (out.minimum === undefined && out.exclusiveMinimum === undefined) out.minimum = low;
  if (out.maximum === undefined && out.exclusiveMaximum === undefined) out.maximum = high;
  if (types.includes('string')) return out;

  // `default` (read by the parent's `properties`) and `$id` must stay on the outside.
  const { default: fallback, $id, ...inner } = out;
  const numeral: NumeralOptions = { kind, ...(types.includes('null') ? { nullable: true } : {}) };
  return {
    ...($id !== undefined ? { $id } : {}),
    ...(fallback !== undefined ? { default: fallback } : {}),
    allOf: [{ numeral }, inner],
  };
}
