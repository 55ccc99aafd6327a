/** Inventory over HTTP: a product's source item quantities, its stock settings, and reservations. */
import type { FastifyInstance } from 'fastify';
import { sourceItemBodySchema } from '../../../schema/catalog';
import type { StockSettingsPatch, ReservationInput } from './inventory.service';
import { TAGS, errors, productIdParams } from './products.routes';
import { SOURCE_QUANTITY_MAX } from './source-quantity';

// The shared body (the admin's form checks it as it is), with the quantity's range left to
// checkSourceQuantity in the service: the rule the CSV import uses, so both refuse in the same words.
const { $id: _sharedId, ...sharedSourceItemBody } = sourceItemBodySchema;
const sourceItemBody = {
  ...sharedSourceItemBody,
  properties: {
    ...sharedSourceItemBody.properties,
    quantity: { type: 'number', description: `From 0 to ${SOURCE_QUANTITY_MAX} (4 decimals)` },
  },
} as const;

export default async function inventoryRoutes(app: FastifyInstance) {
  const write = { access: 'catalog.write' } as const;

  app.put<{ Params: { id: number; sourceCode: string }; Body: { quantity: number; inStock: boolean } }>(
    '/api/catalog/products/:id/source-items/:sourceCode',
    {
      config: write,
      schema: {
        tags: TAGS,
        summary: "Set the product's quantity and stock status on one source; answers the product detail with the new salable quantity",
        params: {
          type: 'object',
          required: ['id', 'sourceCode'],
          properties: { ...productIdParams.properties, sourceCode: { type: 'string', minLength: 1, maxLength: 64 } },
        },
        body: sourceItemBody,
        response: { 200: { $ref: 'ProductDetail#' }, ...errors(400, 404, 422) },
      },
    },
    async (request) => {
      await app.catalog.inventory.setSourceItem(request, request.params.id, request.params.sourceCode, request.body);
      return app.catalog.products.detail(request.params.id);
    },
  );

  app.patch<{ Params: { id: number }; Body: StockSettingsPatch }>(
    '/api/catalog/products/:id/stock-settings',
    {
      config: write,
      schema: {
        tags: TAGS,
        summary: 'Change manage stock, backorders or the out-of-stock threshold of a product',
        params: productIdParams,
        body: { $ref: 'StockSettingsBody#' },
        response: { 200: { $ref: 'ProductDetail#' }, ...errors(400, 404) },
      },
    },
    async (request) => {
      await app.catalog.inventory.updateStockSettings(request, request.params.id, request.body);
      return app.catalog.products.detail(request.params.id);
    },
  );

  app.post<{ Body: ReservationInput }>(
    '/api/catalog/reservations',
    {
      config: write,
      schema: {
        tags: TAGS,
        summary: 'Append a reservation (negative holds stock for an order, positive gives it back); reservations are never edited',
        body: { $ref: 'ReservationBody#' },
        response: { 201: { $ref: 'Reservation#' }, ...errors(400, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await app.catalog.inventory.addReservation(request, request.body)),
  );
}
