/** Learning and Preparation over HTTP: the checklist (automatic checks per store) and ticking manual items. */
import type { FastifyInstance } from 'fastify';
import { TAGS, errors } from './routes-common';

type Query = { Querystring: { storeId?: number } };
const query = {
  type: 'object',
  additionalProperties: false,
  properties: { storeId: { type: 'integer', minimum: 1, description: 'Store the automatic checks run for (identifiers, currency)' } },
} as const;

export default async function preparationRoutes(app: FastifyInstance) {
  app.get<Query>(
    '/api/stores/preparation',
    {
      config: { access: 'stores.read' },
      schema: {
        tags: TAGS,
        summary: 'The pre-setup checklist, manual and automatic items',
        querystring: query,
        response: { 200: { $ref: 'Preparation#' }, ...errors(404) },
      },
    },
    (request) => app.stores.preparation.checklist(request.query.storeId ?? null),
  );

  app.put<Query & { Params: { key: string }; Body: { checked: boolean } }>(
    '/api/stores/preparation/:key',
    {
      config: { access: 'stores.manage' },
      schema: {
        tags: TAGS,
        summary: 'Tick or untick a manual checklist item (for everyone); answers the checklist',
        params: { type: 'object', required: ['key'], properties: { key: { type: 'string', minLength: 1, maxLength: 64 } } },
        querystring: query,
        body: { type: 'object', required: ['checked'], additionalProperties: false, properties: { checked: { type: 'boolean' } } },
        response: { 200: { $ref: 'Preparation#' }, ...errors(400, 403) },
      },
    },
    async (request) => {
      await app.stores.preparation.tick(request, request.params.key, request.body.checked);
      return app.stores.preparation.checklist(request.query.storeId ?? null);
    },
  );
}
