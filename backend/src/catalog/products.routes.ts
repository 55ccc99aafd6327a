/** Products over HTTP: the grid, its CSV export, the detail and the product PATCH. HTTP only; the work is in the services. */
import type { FastifyInstance } from 'fastify';
import { productListQuerySchema } from '../../../schema/catalog';
import type { ProductPatch } from './product-update';
import type { ProductListQuery } from './products.service';

export const TAGS = ['catalog'];
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, { $ref: 'ErrorEnvelope#' }]));
export const productIdParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
export const detailQuery = {
  type: 'object',
  properties: {
    stock: {
      type: 'integer',
      minimum: 1,
      description: "Stock of salableQty and the children's quantities; default: the default website's",
    },
  },
} as const;

const { page: _page, pageSize: _pageSize, ...csvQueryProperties } = productListQuerySchema.properties;
const csvQuerySchema = { ...productListQuerySchema, properties: csvQueryProperties } as const;

export default async function productRoutes(app: FastifyInstance) {
  const read = { access: 'catalog.read' } as const;
  const write = { access: 'catalog.write' } as const;

  app.get<{ Querystring: ProductListQuery }>(
    '/api/catalog/products',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: 'Products, filtered, sorted and paged, with salable quantity in one stock',
        querystring: productListQuerySchema,
        response: { 200: { $ref: 'ProductPage#' }, ...errors(400) },
      },
    },
    (request) => app.catalog.products.list(request.query),
  );

  app.get<{ Querystring: Omit<ProductListQuery, 'page' | 'pageSize'> }>(
    '/api/catalog/products.csv',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: 'Every product matching the grid filters, as CSV (sku,name,type,status,visibility,price,websites,salable_qty)',
        querystring: csvQuerySchema,
        produces: ['text/csv'],
        response: { 200: { type: 'string', description: 'CSV with a header row' }, ...errors(400) },
      },
    },
    async (request, reply) => {
      const stream = await app.catalog.products.csv(request.query);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="products.csv"').send(stream);
    },
  );

  app.get<{ Params: { id: number }; Querystring: { stock?: number } }>(
    '/api/catalog/products/:id',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: 'One product with attributes, stock, salable quantity per stock and configurable relations',
        params: productIdParams,
        querystring: detailQuery,
        response: { 200: { $ref: 'ProductDetail#' }, ...errors(400, 404) },
      },
    },
    (request) => app.catalog.products.detail(request.params.id, request.query.stock),
  );

  app.patch<{ Params: { id: number }; Body: ProductPatch }>(
    '/api/catalog/products/:id',
    {
      config: write,
      schema: {
        tags: TAGS,
        summary: 'Change name, prices, status, visibility, weight or attribute values (checked against the attribute type)',
        params: productIdParams,
        body: { $ref: 'ProductPatchBody#' },
        response: { 200: { $ref: 'ProductDetail#' }, ...errors(400, 404) },
      },
    },
    async (request) => {
      await app.catalog.products.update(request, request.params.id, request.body);
      return app.catalog.products.detail(request.params.id);
    },
  );
}
