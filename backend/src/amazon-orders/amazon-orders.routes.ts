/**
 * HTTP (tag `amazon-orders`): a store's order settings, "Import now", the workbench (orders needing attention, retry,
 * SKU mappings). HTTP only: schema, permission, a call to `app.amazonOrders`.
 */
import type { FastifyInstance } from 'fastify';
import type { OrderImportSettings } from '../../../schema/amazon-orders';
import { attentionPageSchema, importOutcomeSchema, importRunSchema, retryAllResultSchema } from '../../../schema/amazon-orders';

const TAGS = ['amazon-orders'];
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, { $ref: 'ErrorEnvelope#' }]));
const storeParams = { type: 'object', required: ['storeId'], properties: { storeId: { type: 'integer', minimum: 1 } } } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
const sku = { type: 'string', minLength: 1, maxLength: 64, pattern: '^\\S(.*\\S)?$' } as const;

export default async function amazonOrdersRoutes(app: FastifyInstance) {
  app.get<{ Params: { storeId: number } }>(
    '/api/stores/:storeId/order-settings',
    {
      config: { access: 'stores.read' },
      schema: {
        tags: TAGS,
        summary: "The store's Amazon order import settings",
        params: storeParams,
        response: { 200: { $ref: 'OrderImportSettings#' }, ...errors(403, 404) },
      },
    },
    (request) => app.amazonOrders.settings.get(request.params.storeId),
  );

  app.put<{ Params: { storeId: number }; Body: Partial<OrderImportSettings> }>(
    '/api/stores/:storeId/order-settings',
    {
      config: { access: 'stores.manage' },
      schema: {
        tags: TAGS,
        summary: 'Change order import settings (the given ones; the others stay)',
        params: storeParams,
        body: { $ref: 'OrderImportSettingsPatch#' },
        response: { 200: { $ref: 'OrderImportSettings#' }, ...errors(400, 403, 404) },
      },
    },
    (request) => app.amazonOrders.settings.update(request, request.params.storeId, request.body),
  );

  app.post<{ Params: { storeId: number } }>(
    '/api/stores/:storeId/amazon-orders/import',
    {
      config: { access: 'sales.write' },
      schema: {
        tags: TAGS,
        summary: "Import now: read the store's orders Amazon updated since the last poll, and import them",
        params: storeParams,
        response: {
          200: importRunSchema,
          ...errors(403, 404, 409),
        },
      },
    },
    (request) => app.amazonOrders.intake.pollStore(request.params.storeId),
  );

  app.get<{ Querystring: { storeId?: number; page: number; pageSize: number } }>(
    '/api/amazon-orders/attention',
    {
      config: { access: 'sales.read' },
      schema: {
        tags: TAGS,
        summary: 'Amazon orders needing attention, with their reasons, and counts per store',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            storeId: { type: 'integer', minimum: 1 },
            page: { type: 'integer', minimum: 1, maximum: 100000, default: 1 },
            pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          },
        },
        response: {
          200: {
            ...attentionPageSchema,
            properties: { ...attentionPageSchema.properties, items: { type: 'array', items: { $ref: 'OrderImportRecord#' } } },
          },
          ...errors(400, 403),
        },
      },
    },
    (request) => app.amazonOrders.workbench.list(request.query),
  );

  app.post<{ Params: { id: number } }>(
    '/api/amazon-orders/imports/:id/retry',
    {
      config: { access: 'sales.write' },
      schema: {
        tags: TAGS,
        summary: 'Fetch the order from Amazon again and import it',
        params: idParams,
        response: { 200: importOutcomeSchema, ...errors(403, 404, 409) },
      },
    },
    (request) => app.amazonOrders.workbench.retry(request.params.id),
  );

  app.post<{ Body: { storeId?: number } }>(
    '/api/amazon-orders/attention/retry',
    {
      config: { access: 'sales.write' },
      schema: {
        tags: TAGS,
        summary: 'Retry every order needing attention (of one store, or all; up to 100 at a time)',
        body: { type: 'object', additionalProperties: false, properties: { storeId: { type: 'integer', minimum: 1 } } },
        response: {
          200: retryAllResultSchema,
          ...errors(400, 403),
        },
      },
    },
    (request) => app.amazonOrders.workbench.retryAll(request.body?.storeId ?? null),
  );

  app.get<{ Params: { storeId: number } }>(
    '/api/stores/:storeId/amazon-orders/sku-mappings',
    {
      config: { access: 'sales.read' },
      schema: {
        tags: TAGS,
        summary: "The store's seller SKU → catalog SKU mappings made in the workbench",
        params: storeParams,
        response: { 200: { type: 'array', items: { $ref: 'OrderSkuMapping#' } }, ...errors(403, 404) },
      },
    },
    (request) => app.amazonOrders.workbench.mappings(request.params.storeId),
  );

  app.post<{ Params: { storeId: number }; Body: { sellerSku: string; sku: string } }>(
    '/api/stores/:storeId/amazon-orders/sku-mappings',
    {
      config: { access: 'sales.write' },
      schema: {
        tags: TAGS,
        summary: 'Map an Amazon seller SKU to a catalog product for this store (replaces an earlier mapping); then retry the orders',
        params: storeParams,
        body: { type: 'object', additionalProperties: false, required: ['sellerSku', 'sku'], properties: { sellerSku: sku, sku } },
        response: { 200: { $ref: 'OrderSkuMapping#' }, ...errors(400, 403, 404) },
      },
    },
    (request) => app.amazonOrders.workbench.mapSku(request, request.params.storeId, request.body),
  );
}
