/** Searching Amazon's catalog for the Resolve dialog, and Amazon's catalog images served from here. HTTP only. */
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../platform/errors';
import { IMAGE_FILE } from '../../spapi/catalog-images';
import { errors, LISTINGS_WRITE, READ, storeParams, TAGS, type StoreParams } from '../routes-common';
import type { SearchInput } from './search';
import { searchAmazonCatalog } from './search.service';

export default async function catalogSearchRoutes(app: FastifyInstance) {
  app.get<StoreParams & { Querystring: SearchInput }>(
    '/api/stores/:storeId/amazon-catalog/search',
    {
      // Spends the seller's search quota that matching needs: for those who resolve listings.
      config: LISTINGS_WRITE,
      schema: {
        tags: TAGS,
        summary: "Search Amazon's catalog in the store's marketplace by keywords or by one identifier (a page of 10)",
        params: storeParams,
        querystring: { $ref: 'CatalogSearchQuery#' },
        response: { 200: { $ref: 'CatalogSearchResult#' }, ...errors(400, 403, 404, 409, 502, 503) },
      },
    },
    (request) => searchAmazonCatalog(app, request.params.storeId, request.query),
  );

  app.get<{ Params: { file: string } }>(
    '/api/amazon-images/:file',
    {
      config: READ,
      schema: {
        tags: TAGS,
        summary: "An image of Amazon's catalog (m.media-amazon.com/images/I/<file>), served from here so the admin needs no other host",
        params: {
          type: 'object',
          required: ['file'],
          properties: { file: { type: 'string', pattern: IMAGE_FILE.source, description: "The file name of Amazon's image link" } },
        },
        response: { 200: { type: 'string', format: 'binary', description: 'The image' }, ...errors(400, 404, 502, 503) },
      },
    },
    async (request, reply) => {
      const image = await app.spapi.fetchCatalogImage(request.params.file);
      if (!image) throw notFound('Amazon image', request.params.file);
      // Amazon never changes an image behind a link; private: only signed-in admins may load it.
      return reply.header('cache-control', 'private, max-age=86400').type(image.contentType).send(image.body);
    },
  );
}
