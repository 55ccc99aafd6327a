/** Variants of a parent listing over HTTP: the configurable's children with their state, remove and add by hand. HTTP only. */
import type { FastifyInstance } from 'fastify';
import { listingVariantsBodySchema, listingVariantsResultSchema, listingVariantsSchema } from '../../../schema/listing-variants';
import { LISTINGS_WRITE, READ, TAGS, errors, listingParams, type ListingParams } from './routes-common';
import { ListingVariantsService } from './variants.service';

type VariantsBody = { Body: { productIds: number[] } };

export default async function variantRoutes(app: FastifyInstance) {
  const variants = new ListingVariantsService(app);

  app.get<ListingParams>(
    '/api/stores/:storeId/listings/:id/variants',
    {
      config: READ,
      schema: {
        tags: TAGS,
        summary:
          "A parent listing's variants: every child of the configurable, listed, removed by hand or not listed, and why one cannot be added",
        params: listingParams,
        response: { 200: listingVariantsSchema, ...errors(404, 409) },
      },
    },
    (request) => variants.view(request.params.storeId, request.params.id),
  );

  app.post<ListingParams & VariantsBody>(
    '/api/stores/:storeId/listings/:id/variants/remove',
    {
      config: LISTINGS_WRITE,
      schema: {
        tags: TAGS,
        summary: 'Remove variants by hand: their child listings end on Amazon (quantity 0) and rule applies no longer bring them back',
        params: listingParams,
        body: listingVariantsBodySchema,
        response: { 200: listingVariantsResultSchema, ...errors(400, 403, 404, 409) },
      },
    },
    (request) => variants.remove(request, request.params.storeId, request.params.id, request.body.productIds),
  );

  app.post<ListingParams & VariantsBody>(
    '/api/stores/:storeId/listings/:id/variants/add',
    {
      config: LISTINGS_WRITE,
      schema: {
        tags: TAGS,
        summary: 'Add variants (back) by hand: a child listed before goes back to Amazon, a new one goes through matching',
        params: listingParams,
        body: listingVariantsBodySchema,
        response: { 200: listingVariantsResultSchema, ...errors(400, 403, 404, 409) },
      },
    },
    (request) => variants.add(request, request.params.storeId, request.params.id, request.body.productIds),
  );
}
