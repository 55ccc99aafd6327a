/** The catalog's structure over HTTP: websites, attributes, attribute sets, categories, sources and stocks. */
import type { FastifyInstance } from 'fastify';
import { ATTRIBUTE_TYPES, type AttributeType } from '../../../schema/catalog';
import type { CreateAttributeInput } from './structure.service';
import { TAGS, errors } from './products.routes';

const codeParams = { type: 'object', required: ['code'], properties: { code: { type: 'string', minLength: 1, maxLength: 64 } } } as const;
const listOf = (ref: string) => ({ type: 'array', items: { $ref: `${ref}#` } }) as const;

export default async function structureRoutes(app: FastifyInstance) {
  const config = { access: 'catalog.read' } as const;
  const s = () => app.catalog.structure;

  app.get(
    '/api/catalog/websites',
    { config, schema: { tags: TAGS, summary: 'Websites with their store views and stock', response: { 200: listOf('Website') } } },
    () => s().websites(),
  );

  app.get<{ Params: { code: string } }>(
    '/api/catalog/websites/:code',
    { config, schema: { tags: TAGS, summary: 'One website', params: codeParams, response: { 200: { $ref: 'Website#' }, ...errors(404) } } },
    (request) => s().website(request.params.code),
  );

  app.get<{ Querystring: { q?: string; type?: AttributeType } }>(
    '/api/catalog/attributes',
    {
      config,
      schema: {
        tags: TAGS,
        summary: 'Attributes with their options',
        querystring: {
          type: 'object',
          properties: {
            q: { type: 'string', maxLength: 255, description: 'Code or label contains' },
            type: { type: 'string', enum: ATTRIBUTE_TYPES },
          },
        },
        response: { 200: listOf('Attribute') },
      },
    },
    (request) => s().attributes(request.query),
  );

  app.get<{ Params: { code: string } }>(
    '/api/catalog/attributes/:code',
    {
      config,
      schema: {
        tags: TAGS,
        summary: 'One attribute with its options',
        params: codeParams,
        response: { 200: { $ref: 'Attribute#' }, ...errors(404) },
      },
    },
    (request) => s().attribute(request.params.code),
  );

  app.post<{ Body: CreateAttributeInput }>(
    '/api/catalog/attributes',
    {
      config: { access: 'attributes.write' },
      schema: {
        tags: TAGS,
        summary: 'Create a custom attribute (with options for select and multiselect)',
        body: { $ref: 'CreateAttributeBody#' },
        response: { 201: { $ref: 'Attribute#' }, ...errors(400) },
      },
    },
    async (request, reply) => reply.status(201).send(await s().createAttribute(request, request.body)),
  );

  app.get(
    '/api/catalog/attribute-sets',
    { config, schema: { tags: TAGS, summary: 'Attribute sets with their attribute codes', response: { 200: listOf('AttributeSet') } } },
    () => s().attributeSets(),
  );

  app.get<{ Querystring: { format: 'flat' | 'tree' } }>(
    '/api/catalog/categories',
    {
      config,
      schema: {
        tags: TAGS,
        summary: 'Categories: a flat list ordered by path, or the tree',
        querystring: { type: 'object', properties: { format: { type: 'string', enum: ['flat', 'tree'], default: 'flat' } } },
        response: { 200: listOf('Category') },
      },
    },
    (request) => s().categories(request.query.format),
  );

  app.get(
    '/api/catalog/sources',
    { config, schema: { tags: TAGS, summary: 'Inventory sources with the stocks they belong to', response: { 200: listOf('Source') } } },
    () => s().sources(),
  );

  app.get<{ Params: { code: string } }>(
    '/api/catalog/sources/:code',
    {
      config,
      schema: { tags: TAGS, summary: 'One inventory source', params: codeParams, response: { 200: { $ref: 'Source#' }, ...errors(404) } },
    },
    (request) => s().source(request.params.code),
  );

  app.get(
    '/api/catalog/stocks',
    { config, schema: { tags: TAGS, summary: 'Stocks with their sources (by priority) and websites', response: { 200: listOf('Stock') } } },
    () => s().stocks(),
  );

  app.get<{ Params: { id: number } }>(
    '/api/catalog/stocks/:id',
    {
      config,
      schema: {
        tags: TAGS,
        summary: 'One stock',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } },
        response: { 200: { $ref: 'Stock#' }, ...errors(404) },
      },
    },
    (request) => s().stock(request.params.id),
  );
}
