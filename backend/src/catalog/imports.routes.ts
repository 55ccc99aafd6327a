/** Catalog > Import over HTTP: upload a Magento product CSV and see the plan, then run or discard it. HTTP only. */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { catalogImportQuerySchema } from '../../../schema/catalog-import';
import { can } from '../auth/permissions';
import { AppError } from '../platform/errors';
import { TAGS, errors } from './products.routes';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[0-9a-f]{32}$' } } } as const;
const CSV_TYPES = ['text/csv', 'application/octet-stream'];

export default async function importRoutes(app: FastifyInstance) {
  // The CSV reaches the handler as the raw request stream (this scope only), so it is streamed to
  // disk with its own size limit instead of being buffered by a body parser.
  app.addContentTypeParser(CSV_TYPES, (_request, payload, done) => done(null, payload));
  const config = { access: 'catalog.write' } as const;
  const s = () => app.catalog.imports;

  app.post<{ Querystring: { fileName: string } }>(
    '/api/catalog/imports',
    {
      config,
      schema: {
        tags: TAGS,
        summary: 'Upload a Magento product CSV and plan its import (nothing is written)',
        description:
          `The request body is the CSV itself (Content-Type: text/csv), at most CATALOG_IMPORT_MAX_MB (${app.config.CATALOG_IMPORT_MAX_MB} MB). ` +
          'The answer lists the attribute sets, attributes and options the import would create and what its rows would do.',
        consumes: CSV_TYPES,
        querystring: catalogImportQuerySchema,
        response: { 201: { $ref: 'CatalogImportPlan#' }, ...errors(400, 413, 422) },
      },
    },
    async (request, reply) => {
      if (!(request.body instanceof Readable)) {
        throw new AppError('BAD_REQUEST', 'Send the CSV file as the request body, with Content-Type: text/csv.');
      }
      const length = Number(request.headers['content-length']);
      const plan = await s().plan(request, request.body, {
        fileName: request.query.fileName,
        ...(Number.isFinite(length) ? { declaredBytes: length } : {}),
      });
      return reply.status(201).send(plan);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/catalog/imports/:id/run',
    {
      config,
      schema: {
        tags: TAGS,
        summary: 'Run an uploaded import: create what the file lacks, then import its rows',
        params: idParams,
        response: { 200: { $ref: 'CatalogImportRun#' }, ...errors(403, 404, 409) },
      },
    },
    (request) =>
      s().run(request, request.params.id, { mayCreateStructure: !!request.admin && can(request.admin.role, 'attributes.write') }),
  );

  app.delete<{ Params: { id: string } }>(
    '/api/catalog/imports/:id',
    {
      config,
      schema: {
        tags: TAGS,
        summary: 'Discard an uploaded import',
        params: idParams,
        response: { 204: { type: 'null' }, ...errors(404, 409) },
      },
    },
    async (request, reply) => {
      await s().discard(request, request.params.id);
      return reply.status(204).send();
    },
  );
}
