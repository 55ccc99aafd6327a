/** Reconciliation of one store with Amazon's listings report: last check + open drift, Check now, repair. HTTP only. */
import type { FastifyInstance } from 'fastify';
import type { DriftField } from '../../../../schema/listings';
import { LISTINGS_WRITE, READ, TAGS, errors, storeParams, type StoreParams } from '../routes-common';
import type { DriftRepair } from './drift-repair';
import type { ReconcileService } from './reconcile.service';

export default async function reconcileRoutes(app: FastifyInstance, opts: { checks: ReconcileService; repair: DriftRepair }) {
  const { checks, repair } = opts;

  app.get<StoreParams & { Querystring: { field?: DriftField; page: number; pageSize: number } }>(
    '/api/stores/:storeId/reconciliation',
    {
      config: READ,
      schema: {
        tags: TAGS,
        summary: "The last check against Amazon's listings report and the open drift (paged, by field)",
        params: storeParams,
        querystring: { $ref: 'ReconciliationQuery#' },
        response: { 200: { $ref: 'Reconciliation#' }, ...errors(400, 404) },
      },
    },
    (request) => checks.overview(request.params.storeId, request.query.field, request.query.page, request.query.pageSize),
  );

  app.post<StoreParams>(
    '/api/stores/:storeId/reconciliation/run',
    {
      config: LISTINGS_WRITE,
      schema: {
        tags: TAGS,
        summary: "Check now: requests Amazon's listings report; called again while `requested`, collects and compares it",
        params: storeParams,
        response: { 200: { $ref: 'ReconcileRun#' }, ...errors(403, 404, 409) },
      },
    },
    (request) => checks.run(request, request.params.storeId),
  );

  app.post<StoreParams & { Body: { driftIds: number[]; action: 'push_ours' | 'accept_amazon' } }>(
    '/api/stores/:storeId/reconciliation/drift/repair',
    {
      config: LISTINGS_WRITE,
      schema: {
        tags: TAGS,
        summary: "Repair chosen drift: push ours again, or accept Amazon's quantity (manual-quantity listings only; else 409)",
        params: storeParams,
        body: { $ref: 'DriftRepairBody#' },
        response: { 200: { $ref: 'DriftRepairResult#' }, ...errors(400, 403, 404, 409) },
      },
    },
    (request) => repair.repair(request, request.params.storeId, request.body.driftIds, request.body.action),
  );
}
