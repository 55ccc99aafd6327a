/** A store's Communication Log over HTTP (every Amazon call made for the store): HTTP only. */
import type { FastifyInstance } from 'fastify';
import { pageOf } from '../../../schema/common';
import { apiCallQuerySchema } from '../../../schema/communication-log';
import type { CommunicationLogQuery } from './communication-log.service';
import { TAGS, errors } from './routes-common';

const read = { access: 'stores.read' } as const;
const storeParams = {
  type: 'object',
  required: ['storeId'],
  properties: { storeId: { type: 'integer', minimum: 1 } },
} as const;
const callParams = {
  type: 'object',
  required: ['storeId', 'callId'],
  properties: { storeId: { type: 'integer', minimum: 1 }, callId: { type: 'integer', minimum: 1 } },
} as const;

export default async function communicationLogRoutes(app: FastifyInstance) {
  const log = () => app.stores.communicationLog;

  app.get<{ Params: { storeId: number }; Querystring: CommunicationLogQuery }>(
    '/api/stores/:storeId/communication-log',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary:
          "The store's Communication Log, newest first: every Amazon call (operation, status, request id, duration, error), filtered by operation, outcome, status, time and text",
        params: storeParams,
        querystring: apiCallQuerySchema,
        response: { 200: pageOf({ $ref: 'ApiCall#' }), ...errors(400, 404) },
      },
    },
    (request) => log().page(request.params.storeId, request.query),
  );

  app.get<{ Params: { storeId: number } }>(
    '/api/stores/:storeId/communication-log/operations',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: "The operations in the store's Communication Log (the operation filter's choices)",
        params: storeParams,
        response: { 200: { $ref: 'ApiCallOperations#' }, ...errors(400, 404) },
      },
    },
    (request) => log().operations(request.params.storeId),
  );

  app.get<{ Params: { storeId: number; callId: number } }>(
    '/api/stores/:storeId/communication-log/:callId',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: 'One Amazon call of the store, with its whole error message',
        params: callParams,
        response: { 200: { $ref: 'ApiCall#' }, ...errors(400, 404) },
      },
    },
    (request) => log().call(request.params.storeId, request.params.callId),
  );
}
