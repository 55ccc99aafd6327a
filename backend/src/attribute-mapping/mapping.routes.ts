/** The Attributes page over HTTP: Amazon attributes and their catalog mapping per marketplace. HTTP only. */
import type { FastifyInstance } from 'fastify';
import type { CreateMappingInput, UpdateMappingInput } from './mapping.service';

const TAGS = ['attribute-mapping'];
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, { $ref: 'ErrorEnvelope#' }]));
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
const mapping = { $ref: 'AttributeMapping#' } as const;
const read = { access: 'catalog.read' } as const;
const write = { access: 'mapping.write' } as const;
type Id = { Params: { id: number } };

export default async function mappingRoutes(app: FastifyInstance) {
  const s = () => app.attributeMapping;

  app.get(
    '/api/attribute-mapping/amazon-attributes',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: 'Amazon attributes that can be mapped',
        response: { 200: { type: 'array', items: { $ref: 'AmazonAttribute#' } } },
      },
    },
    () => s().amazonAttributes(),
  );

  app.get<{ Querystring: { country?: string } }>(
    '/api/attribute-mapping',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: 'Mappings, optionally of one marketplace',
        querystring: { type: 'object', additionalProperties: false, properties: { country: { type: 'string', pattern: '^[A-Za-z]{2}$' } } },
        response: { 200: { type: 'array', items: mapping }, ...errors(400) },
      },
    },
    (request) => s().list(request.query.country),
  );

  app.get<Id>(
    '/api/attribute-mapping/:id',
    { config: read, schema: { tags: TAGS, summary: 'One mapping', params: idParams, response: { 200: mapping, ...errors(404) } } },
    (request) => s().get(request.params.id),
  );

  app.post<{ Body: CreateMappingInput }>(
    '/api/attribute-mapping',
    {
      config: write,
      schema: {
        tags: TAGS,
        summary: 'Map an Amazon attribute to a catalog attribute for a marketplace',
        body: { $ref: 'CreateAttributeMappingBody#' },
        response: { 201: mapping, ...errors(400, 403) },
      },
    },
    async (request, reply) => reply.status(201).send(await s().create(request, request.body)),
  );

  app.patch<Id & { Body: UpdateMappingInput }>(
    '/api/attribute-mapping/:id',
    {
      config: write,
      schema: {
        tags: TAGS,
        summary: 'Change a mapping (catalog attribute, active, overwrite, store views)',
        params: idParams,
        body: { $ref: 'UpdateAttributeMappingBody#' },
        response: { 200: mapping, ...errors(400, 403, 404) },
      },
    },
    (request) => s().update(request, request.params.id, request.body),
  );

  app.delete<Id>(
    '/api/attribute-mapping/:id',
    {
      config: write,
      schema: {
        tags: TAGS,
        summary: 'Remove a mapping',
        params: idParams,
        response: { 204: { type: 'null', description: 'Removed' }, ...errors(403, 404) },
      },
    },
    async (request, reply) => {
      await s().delete(request, request.params.id);
      return reply.status(204).send();
    },
  );
}
