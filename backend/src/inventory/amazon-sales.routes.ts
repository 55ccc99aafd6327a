/** "Check Amazon sales now" over HTTP (tag `inventory`). HTTP only: schema, permission, a call to `app.inventory.sales`. */
import type { FastifyInstance } from 'fastify';

// A sales check writes listings (manual quantities, desired states): the permission of the other listing writes.
const LISTINGS_WRITE = { access: 'catalog.write' } as const;
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, { $ref: 'ErrorEnvelope#' }]));
const count = { type: 'integer', minimum: 0 } as const;

export default async function amazonSalesRoutes(app: FastifyInstance) {
  app.post<{ Params: { storeId: number } }>(
    '/api/stores/:storeId/amazon-sales/check',
    {
      config: LISTINGS_WRITE,
      schema: {
        tags: ['inventory'],
        summary: "Check Amazon sales now: record the store's new Amazon sales and apply them to manual and custom quantities",
        params: { type: 'object', required: ['storeId'], properties: { storeId: { type: 'integer', minimum: 1 } } },
        response: {
          200: {
            type: 'object',
            required: ['orders', 'recorded', 'applied', 'lowered', 'restored'],
            properties: {
              orders: { ...count, description: 'orders Amazon returned (polls overlap, so some are seen again)' },
              recorded: { ...count, description: 'order items recorded for the first time' },
              applied: { ...count, description: 'new sales of a seller SKU the store lists (its quantity recomputed)' },
              lowered: { ...count, description: 'of those, sales that lowered a manual quantity' },
              restored: { ...count, description: 'canceled sales that gave their units back to a manual quantity' },
            },
          },
          ...errors(403, 404, 409),
        },
      },
    },
    (request) => app.inventory.sales.check(request.params.storeId),
  );
}
