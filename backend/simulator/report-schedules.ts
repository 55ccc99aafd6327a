/**
 * Report schedules (Reports 2021-06-30 createReportSchedule & co.): per seller, report type and set of
 * marketplaces, a period from PT5M to P30D (or P1M) and the time of the next report. On the simulator clock
 * each due time creates a report through the ReportsStore, dated at that time and carrying the schedule's id.
 * A schedule for a type and marketplaces that already have one replaces it, as Amazon documents.
 */
import type { Region } from './scenario';
import type { World } from './state';
import { numericId } from './jobs';

export interface ReportScheduleRecord {
  reportScheduleId: string;
  sellerId: string;
  region: Region;
  reportType: string;
  /** Absent for account-wide report types, which Amazon schedules without marketplaces. */
  marketplaceIds?: string[];
  reportOptions?: Record<string, string>;
  period: string;
  nextReportCreationTimeMs: number;
}

/** After a long jump of the clock only the latest due reports are created (Amazon does not backfill). */
const MAX_CATCH_UP = 10;

/** Adds one period (ISO 8601 duration: the model's PT5M … P30D, P1M) to a time. */
export function addPeriod(ms: number, period: string): number {
  const m = /^P(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(period);
  if (!m || period === 'P' || period.endsWith('T')) throw new Error(`unsupported period ${period}`);
  const d = new Date(ms);
  if (m[1]) d.setUTCMonth(d.getUTCMonth() + Number(m[1]));
  return d.getTime() + (Number(m[2] ?? 0) * 24 + Number(m[3] ?? 0)) * 3_600_000 + Number(m[4] ?? 0) * 60_000;
}

const sameMarketplaces = (a?: string[], b?: string[]) => [...(a ?? [])].sort().join(',') === [...(b ?? [])].sort().join(',');

export class ReportSchedulesStore {
  readonly schedules = new Map<string, ReportScheduleRecord>();

  constructor(private world: World) {}

  /** Creates a schedule, replacing the seller's schedule of the same type and marketplaces. */
  create(init: Omit<ReportScheduleRecord, 'reportScheduleId'>): ReportScheduleRecord {
    for (const s of this.schedules.values())
      if (s.sellerId === init.sellerId && s.reportType === init.reportType && sameMarketplaces(s.marketplaceIds, init.marketplaceIds))
        this.schedules.delete(s.reportScheduleId);
    const schedule: ReportScheduleRecord = { ...init, reportScheduleId: numericId() };
    this.schedules.set(schedule.reportScheduleId, schedule);
    this.settle();
    return schedule;
  }

  list(sellerId: string): ReportScheduleRecord[] {
    this.settle();
    return [...this.schedules.values()].filter((s) => s.sellerId === sellerId);
  }

  /** Creates the reports that came due, each at its due time, and moves every schedule to its next time. */
  settle(): void {
    const now = this.world.clock.nowMs();
    for (const s of this.schedules.values()) {
      const due: number[] = [];
      while (s.nextReportCreationTimeMs <= now) {
        due.push(s.nextReportCreationTimeMs);
        if (due.length > MAX_CATCH_UP) due.shift();
        s.nextReportCreationTimeMs = addPeriod(s.nextReportCreationTimeMs, s.period);
      }
      for (const at of due)
        this.world.reports.create(
          {
            sellerId: s.sellerId,
            region: s.region,
            reportType: s.reportType,
            marketplaceIds: s.marketplaceIds ?? [],
            reportScheduleId: s.reportScheduleId,
          },
          at,
        );
    }
  }
}
