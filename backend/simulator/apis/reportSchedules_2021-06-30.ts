/**
 * Reports 2021-06-30 schedules: getReportSchedules, createReportSchedule, getReportSchedule,
 * cancelReportSchedule (../report-schedules.ts keeps them and creates their reports on the clock). Also the
 * marketplace rule createReport and createReportSchedule share.
 */
import { addPeriod, type ReportScheduleRecord } from '../report-schedules';
import { REPORT_TYPES } from '../report-types';
import { parseIsoParam } from '../jobs';
import { requireNumericId } from './processing-jobs';
import { ApiError, invalidInput, isoDate, requireMarketplaces, requireSeller, type ApiContext, type ApiHandler } from './types';

export const modelId = 'reports_2021-06-30';

export function requireReportType(type: string): string {
  if (!REPORT_TYPES.has(type)) throw invalidInput(`Invalid reportType '${type}'.`, type);
  return type;
}

/**
 * The marketplaces a report applies to: those of this endpoint's region. Amazon applies a report to the
 * marketplaces it can and rejects it only when none is left ("your report could not be applied to any
 * marketplaces"); a marketplace of the region the seller does not sell in is still refused (403).
 */
export function reportMarketplaces(ctx: ApiContext, ids: string[]): string[] {
  const here = ids.filter((id) => ctx.sim.world.marketplaces.get(id)?.region === ctx.region);
  if (here.length === 0)
    throw invalidInput('Report rejected for this client. Your report could not be applied to any marketplaces.', ids.join(','));
  return requireMarketplaces(ctx, here);
}

function scheduleBody(s: ReportScheduleRecord): Record<string, unknown> {
  return {
    reportScheduleId: s.reportScheduleId,
    reportType: s.reportType,
    ...(s.marketplaceIds ? { marketplaceIds: s.marketplaceIds } : {}),
    ...(s.reportOptions ? { reportOptions: s.reportOptions } : {}),
    period: s.period,
    nextReportCreationTime: isoDate(s.nextReportCreationTimeMs),
  };
}

function ownSchedule(ctx: ApiContext): ReportScheduleRecord {
  const seller = requireSeller(ctx);
  const store = ctx.sim.world.reportSchedules;
  store.settle();
  const s = store.schedules.get(requireNumericId('reportScheduleId', ctx.path.reportScheduleId));
  if (!s || s.sellerId !== seller.sellerId)
    throw new ApiError(404, 'NotFound', 'The requested report schedule was not found.', ctx.path.reportScheduleId);
  return s;
}

const getReportSchedules: ApiHandler = (ctx) => {
  const seller = requireSeller(ctx);
  const types = (ctx.query.reportTypes as string[]).map(requireReportType);
  const list = ctx.sim.world.reportSchedules.list(seller.sellerId).filter((s) => types.includes(s.reportType));
  return { status: 200, body: { reportSchedules: list.map(scheduleBody) } };
};

const createReportSchedule: ApiHandler = (ctx) => {
  const seller = requireSeller(ctx);
  const body = ctx.body as {
    reportType: string;
    marketplaceIds: string[];
    reportOptions?: Record<string, string>;
    period: string;
    nextReportCreationTime?: string;
  };
  requireReportType(body.reportType);
  const marketplaceIds = reportMarketplaces(ctx, body.marketplaceIds);
  const now = ctx.sim.clock.nowMs();
  // A first time already past starts the schedule now: Amazon does not create reports for the past.
  const first = Math.max(parseIsoParam('nextReportCreationTime', body.nextReportCreationTime) ?? now, now);
  addPeriod(now, body.period); // the model's enum holds only periods addPeriod reads; this guards a model change
  const schedule = ctx.sim.world.reportSchedules.create({
    sellerId: seller.sellerId,
    region: ctx.region,
    reportType: body.reportType,
    marketplaceIds,
    ...(body.reportOptions ? { reportOptions: body.reportOptions } : {}),
    period: body.period,
    nextReportCreationTimeMs: first,
  });
  return { status: 201, body: { reportScheduleId: schedule.reportScheduleId } };
};

const getReportSchedule: ApiHandler = (ctx) => ({ status: 200, body: scheduleBody(ownSchedule(ctx)) });

const cancelReportSchedule: ApiHandler = (ctx) => {
  const s = ownSchedule(ctx);
  ctx.sim.world.reportSchedules.schedules.delete(s.reportScheduleId);
  return { status: 200 };
};

export const handlers: Record<string, ApiHandler> = {
  getReportSchedules,
  createReportSchedule,
  getReportSchedule,
  cancelReportSchedule,
};
