/** Sales > Orders over HTTP: the grid, its CSV export, the order page and history comments. HTTP only. */
import type { FastifyInstance } from 'fastify';
import { salesOrderCsvQuerySchema, salesOrderListQuerySchema } from '../../../schema/sales';
import type { OrderCsvQuery, OrderListQuery } from './orders.service';

export const TAGS = ['sales'];
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, { $ref: 'ErrorEnvelope#' }]));
export const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;

export default async function orderRoutes(app: FastifyInstance) {
  const read = { access: 'sales.read' } as const;
  const write = { access: 'sales.write' } as const;

  app.get<{ Querystring: OrderListQuery }>(
    '/api/sales/orders',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: 'Orders, filtered, sorted and paged (Amazon orders with marketplace, store, Amazon order id and ship-by date)',
        querystring: salesOrderListQuerySchema,
        response: { 200: { $ref: 'SalesOrderPage#' }, ...errors(400) },
      },
    },
    (request) => app.sales.orders.list(request.query),
  );

  app.get<{ Querystring: OrderCsvQuery }>(
    '/api/sales/orders.csv',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: 'Every order matching the grid filters, as CSV',
        querystring: salesOrderCsvQuerySchema,
        produces: ['text/csv'],
        response: { 200: { type: 'string', description: 'CSV with a header row' }, ...errors(400) },
      },
    },
    async (request, reply) => {
      const stream = await app.sales.orders.csv(request.query);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="orders.csv"').send(stream);
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/sales/orders/:id',
    {
      config: read,
      schema: {
        tags: TAGS,
        summary: 'One order: items, addresses, totals, Amazon details with the Seller Central link, history',
        params: idParams,
        response: { 200: { $ref: 'SalesOrderDetail#' }, ...errors(400, 404) },
      },
    },
    (request) => app.sales.orders.detail(request.params.id),
  );

  app.post<{ Params: { id: number }; Body: { comment: string; isCustomerNotified?: boolean } }>(
    '/api/sales/orders/:id/comments',
    {
      config: write,
      schema: {
        tags: TAGS,
        summary: "Add a comment to the order's status history",
        params: idParams,
        body: { $ref: 'SalesOrderCommentBody#' },
        response: { 201: { $ref: 'SalesOrderHistoryEntry#' }, ...errors(400, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await app.sales.orders.addComment(request, request.params.id, request.body)),
  );
}
