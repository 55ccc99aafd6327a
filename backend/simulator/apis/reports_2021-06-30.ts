/**
 * Reports 2021-06-30: createReport (any seller report type Amazon lists; GET_MERCHANT_LISTINGS_ALL_DATA and
 * _INACTIVE_DATA are generated, others end FATAL), getReport, getReports, cancelReport, getReportDocument. Reports
 * become DONE on the simulator clock (../reports-store.ts); schedules are in reportSchedules_2021-06-30.ts.
 */
import { presignedUrl } from '../documents';
import type { ReportRecord } from '../reports-store';
import { reportMarketplaces, requireReportType } from './reportSchedules_2021-06-30';
import { parseIsoParam } from '../jobs';
import { listProcessingJobs, processingTimes, requireNumericId, type JobListing } from './processing-jobs';
import { ApiError, invalidInput, isoDate, requireSeller, type ApiContext, type ApiHandler } from './types';

export const modelId = 'reports_2021-06-30';

function reportBody(r: ReportRecord): Record<string, unknown> {
  return {
    reportId: r.reportId,
    reportType: r.reportType,
    marketplaceIds: r.marketplaceIds,
    // Amazon always answers both; a snapshot report without a requested range spans up to its creation.
    dataStartTime: r.dataStartTime ?? isoDate(r.createdAtMs),
    dataEndTime: r.dataEndTime ?? isoDate(r.createdAtMs),
    createdTime: isoDate(r.createdAtMs),
    processingStatus: r.processingStatus,
    ...processingTimes(r.processingStatus, r.startAtMs, r.endAtMs),
    ...(r.reportDocumentId ? { reportDocumentId: r.reportDocumentId } : {}),
    ...(r.reportScheduleId ? { reportScheduleId: r.reportScheduleId } : {}),
  };
}

function ownReport(ctx: ApiContext): ReportRecord {
  const seller = requireSeller(ctx);
  ctx.sim.world.reports.settle();
  const r = ctx.sim.world.reports.reports.get(requireNumericId('reportId', ctx.path.reportId));
  if (!r || r.sellerId !== seller.sellerId) throw new ApiError(404, 'NotFound', 'The requested report was not found.', ctx.path.reportId);
  return r;
}

const createReport: ApiHandler = (ctx) => {
  const seller = requireSeller(ctx);
  const body = ctx.body as { reportType: string; marketplaceIds: string[]; dataStartTime?: string; dataEndTime?: string };
  // Any type Amazon accepts is created; one the local Amazon cannot generate ends FATAL (report-types.ts).
  requireReportType(body.reportType);
  const marketplaceIds = reportMarketplaces(ctx, body.marketplaceIds);
  const start = parseIsoParam('dataStartTime', body.dataStartTime);
  const end = parseIsoParam('dataEndTime', body.dataEndTime);
  if (start !== undefined && end !== undefined && start > end) throw invalidInput("'dataStartTime' must be before 'dataEndTime'.");
  const report = ctx.sim.world.reports.create({
    sellerId: seller.sellerId,
    region: ctx.region,
    reportType: body.reportType,
    marketplaceIds,
    ...(body.dataStartTime ? { dataStartTime: body.dataStartTime } : {}),
    ...(body.dataEndTime ? { dataEndTime: body.dataEndTime } : {}),
  });
  return { status: 202, body: { reportId: report.reportId } };
};

const getReport: ApiHandler = (ctx) => ({ status: 200, body: reportBody(ownReport(ctx)) });

const cancelReport: ApiHandler = (ctx) => {
  const r = ownReport(ctx);
  if (!ctx.sim.world.reports.cancel(r))
    throw invalidInput(`Only reports with processingStatus IN_QUEUE can be cancelled; report ${r.reportId} is ${r.processingStatus}.`);
  return { status: 200 };
};

const REPORT_LISTING: JobListing<ReportRecord> = {
  typesParam: 'reportTypes',
  filters: ['reportTypes', 'processingStatuses', 'marketplaceIds', 'pageSize', 'createdSince', 'createdUntil'],
  describe: (r) => ({
    id: r.reportId,
    type: r.reportType,
    marketplaceIds: r.marketplaceIds,
    processingStatus: r.processingStatus,
    createdAtMs: r.createdAtMs,
  }),
};

const getReports: ApiHandler = (ctx) => {
  const { page, nextToken } = listProcessingJobs(ctx, REPORT_LISTING, (sellerId) => ctx.sim.world.reports.list(sellerId));
  return { status: 200, body: { reports: page.map(reportBody), ...(nextToken ? { nextToken } : {}) } };
};

const getReportDocument: ApiHandler = (ctx) => {
  const seller = requireSeller(ctx);
  const world = ctx.sim.world;
  if (!/^amzn1\.spdoc\.[\w.-]+$/.test(ctx.path.reportDocumentId ?? ''))
    throw invalidInput(`Invalid reportDocumentId '${ctx.path.reportDocumentId ?? ''}'.`, ctx.path.reportDocumentId);
  const doc = [...world.documents.values()].find(
    (d) => d.documentId === ctx.path.reportDocumentId && d.sellerId === seller.sellerId && !d.writable,
  );
  if (!doc) throw new ApiError(404, 'NotFound', 'The requested report document was not found.', ctx.path.reportDocumentId);
  return {
    status: 200,
    body: {
      reportDocumentId: doc.documentId,
      url: presignedUrl(world, ctx.documentBaseUrl, doc),
      ...(doc.compression ? { compressionAlgorithm: doc.compression } : {}),
    },
  };
};

export const handlers: Record<string, ApiHandler> = { createReport, getReport, getReports, cancelReport, getReportDocument };
