/**
 * Request validation for every route, installed once before any route is registered so none can miss it:
 *
 * - JSON bodies are measured on the raw text before parsing (nesting, number of values; see input-limits.ts);
 * - params, query and body are walked before validation for NUL, lone surrogates and non-finite numbers;
 * - the validator compiler is Fastify's (an Ajv with Fastify's default options, so coercion, defaults and
 *   removeAdditional behave as before) compiling the strict form of each schema (strict-schemas.ts):
 *   numbers as sent must be plain digits and finite, and every number has bounds that fit its column.
 *
 * Every refusal is a 400 VALIDATION_FAILED naming the field, before the handler runs, so nothing is written.
 * (With a compiler of our own, Fastify no longer lowercases the names in a `headers` schema: no route has
 * one today; write header names in lower case.)
 */
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { Ajv, type AnySchema } from 'ajv';
import addFormats from 'ajv-formats';
import { invalid } from './errors';
import { inputProblem, jsonTextProblem } from './input-limits';
import { hardenSchema, numeralKeyword } from './strict-schemas';

/** Fastify's own Ajv options (@fastify/ajv-compiler's defaults); the server is built without `ajv` options. */
const FASTIFY_AJV_DEFAULTS = {
  coerceTypes: 'array',
  useDefaults: true,
  removeAdditional: true,
  addUsedSchema: false,
  allErrors: false,
} as const;

function strictCompiler(app: FastifyInstance): FastifySchemaCompiler<AnySchema> {
  const ajv = new Ajv(FASTIFY_AJV_DEFAULTS);
  addFormats(ajv);
  ajv.addKeyword(numeralKeyword);
  const added = new Set<string>();
  return ({ schema }) => {
    // Shared schemas (registered by swagger.ts before any route compiles), in their strict form.
    for (const [id, shared] of Object.entries(app.getSchemas())) {
      if (added.has(id)) continue;
      ajv.addSchema(hardenSchema(shared as AnySchema), id);
      added.add(id);
    }
    // Like Fastify's compiler: a route schema that is a shared one is compiled once, by its $id.
    const id = typeof schema === 'object' && schema !== null && '$id' in schema ? schema.$id : undefined;
    const stored = typeof id === 'string' ? ajv.getSchema(id) : undefined;
    return stored ?? ajv.compile(hardenSchema(schema));
  };
}

/** Refuses what no schema should have to handle, in the order Fastify validates: params, body, query. */
async function checkInput(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const parts: [string, unknown][] = [
    ['params', request.params],
    ['body', request.body],
    ['querystring', request.query],
  ];
  for (const [part, value] of parts) {
    const problem = inputProblem(value, part);
    if (problem) throw invalid([problem]);
  }
}

export default fp(
  async function validationPlugin(app: FastifyInstance) {
    app.setValidatorCompiler(strictCompiler(app));

    // Fastify's JSON parser (with its prototype-poisoning protection), after a scan of the raw text.
    const parseJson = app.getDefaultJsonParser(
      app.initialConfig.onProtoPoisoning ?? 'error',
      app.initialConfig.onConstructorPoisoning ?? 'error',
    );
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      const problem = jsonTextProblem(text);
      if (problem) return done(invalid([problem]), undefined);
      return parseJson(request, text, done);
    });

    app.addHook('preValidation', checkInput);
  },
  { name: 'validation' },
);
