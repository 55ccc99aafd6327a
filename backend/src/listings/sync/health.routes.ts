/**
 * Sync health over HTTP (tag `listings-sync`): one store's figures for its dashboard, and every store's in one
 * call for the Amazon Stores cards. HTTP only: schemas, permission, a call to the engine.
 */
import type { FastifyInstance } from 'fastify';
import type { SyncHealth } from './types';

const TAGS = ['listings-sync'];
const READ = { access: 'stores.read' } as const;
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, { $ref: 'ErrorEnvelope#' }]));
const storeParams = { type: 'object', required: ['storeId'], properties: { storeId: { type: 'integer', minimum: 1 } } } as const;

export default async function healthRoutes(app: FastifyInstance) {
  const healthOf = async (storeId: number): Promise<SyncHealth & { storeId: number }> => ({
    storeId,
    ...(await app.listingsSync.health(storeId)),
  });

  app.get<{ Params: { storeId: number } }>(
    '/api/stores/:storeId/sync-health',
    {
      config: READ,
      schema: {
        tags: TAGS,
        summary: "A store's sync health: change → Amazon latency (p50/p95, last hour), queue depth, oldest change, stuck work",
        params: storeParams,
        response: { 200: { $ref: 'SyncHealth#' }, ...errors(400, 404) },
      },
    },
    async (request) => {
      await app.stores.service.row(request.params.storeId); // 404 for a store that does not exist
      return healthOf(request.params.storeId);
    },
  );

  app.get(
    '/api/sync-health',
    {
      config: READ,
      schema: {
        tags: TAGS,
        summary: 'Sync health of every store in one call (the Amazon Stores cards)',
        response: { 200: { $ref: 'SyncHealthList#' } },
      },
    },
    async () => {
      const items: (SyncHealth & { storeId: number })[] = [];
      for (const store of await app.stores.service.list()) items.push(await healthOf(store.id));
      return { items };
    },
  );
}
