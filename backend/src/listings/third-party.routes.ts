/** Existing Amazon listings (the New Third Party tab): import, list, link, leave unmanaged. HTTP only. */
import type { FastifyInstance } from 'fastify';
import { LISTINGS_WRITE, READ, TAGS, errors, listingParams, storeParams, type ListingParams, type StoreParams } from './routes-common';

export default async function thirdPartyRoutes(app: FastifyInstance) {
  const s = () => app.listings.thirdParty;

  app.get<StoreParams & { Querystring: { state?: string; page: number; pageSize: number } }>(
    '/api/stores/:storeId/third-party-listings',
    {
      config: READ,
      schema: {
        tags: TAGS,
        summary: 'Existing Amazon listings imported from the merchant listings report, with the catalog product they match',
        params: storeParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            state: { type: 'string', enum: ['new', 'linked', 'unmanaged'] },
            page: { type: 'integer', minimum: 1, default: 1 },
            pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          },
        },
        response: { 200: { $ref: 'ThirdPartyPage#' }, ...errors(400, 404) },
      },
    },
    (request) => s().list(request.params.storeId, request.query.state, request.query.page, request.query.pageSize),
  );

  app.post<StoreParams>(
    '/api/stores/:storeId/third-party-listings/import',
    {
      config: LISTINGS_WRITE,
      schema: {
        tags: TAGS,
        summary: 'Import the seller’s existing listings: requests the report, then (called again) collects it',
        params: storeParams,
        response: { 200: { $ref: 'ThirdPartyImport#' }, ...errors(403, 404, 409, 502, 503) },
      },
    },
    (request) => s().importReport(request, request.params.storeId),
  );

  app.post<ListingParams & { Body: { productId?: number } }>(
    '/api/stores/:storeId/third-party-listings/:id/link',
    {
      config: LISTINGS_WRITE,
      schema: {
        tags: TAGS,
        summary: 'Link an existing Amazon listing to a catalog product: the channel manages it from now on',
        params: listingParams,
        body: { $ref: 'LinkThirdPartyBody#' },
        response: { 200: { $ref: 'Listing#' }, ...errors(403, 404, 409) },
      },
    },
    async (request) => {
      const listingId = await s().link(request, request.params.storeId, request.params.id, request.body?.productId);
      return (await app.listings.read.detail(request.params.storeId, listingId)).listing;
    },
  );

  app.post<ListingParams>(
    '/api/stores/:storeId/third-party-listings/:id/create-product',
    {
      config: LISTINGS_WRITE,
      schema: {
        tags: TAGS,
        summary: 'Create a catalog product from an existing Amazon listing (sku = seller SKU, name, price) and link it',
        params: listingParams,
        response: { 200: { $ref: 'Listing#' }, ...errors(403, 404, 409) },
      },
    },
    async (request) => {
      const listingId = await s().createProduct(request, request.params.storeId, request.params.id);
      return (await app.listings.read.detail(request.params.storeId, listingId)).listing;
    },
  );

  app.post<ListingParams>(
    '/api/stores/:storeId/third-party-listings/:id/unmanaged',
    {
      config: LISTINGS_WRITE,
      schema: {
        tags: TAGS,
        summary: 'Leave an existing Amazon listing unmanaged (it stays on Amazon; the channel ignores it)',
        params: listingParams,
        response: { 204: { type: 'null' }, ...errors(403, 404, 409) },
      },
    },
    async (request, reply) => {
      await s().leaveUnmanaged(request, request.params.storeId, request.params.id);
      return reply.status(204).send();
    },
  );
}
