/** Reports 2021-06-30: reports, documents and schedules a case's answer shows, for the scenario's first seller. */
import { createDocument, documentBaseUrlFor } from '../../documents';
import { numericId, reportDocumentId } from '../../jobs';
import type { World } from '../../state';
import type { ApiPlans } from '../types';

const SELLER = 'A2SIMOUTDOOR01';

interface ScheduleAnswer {
  reportType: string;
  marketplaceIds?: string[];
  period: string;
  nextReportCreationTime: string;
}

function seedSchedule(world: World, id: string, a: ScheduleAnswer): void {
  world.reportSchedules.schedules.set(id, {
    reportScheduleId: id,
    sellerId: SELLER,
    region: 'na',
    reportType: a.reportType,
    ...(a.marketplaceIds ? { marketplaceIds: a.marketplaceIds } : {}),
    period: a.period,
    nextReportCreationTimeMs: Date.parse(a.nextReportCreationTime),
  });
}

/** Ten minutes before a schedule's next report: the answer was given while it was still to come. */
const before = (iso: string) => new Date(Date.parse(iso) - 600_000).toISOString();

interface ReportAnswer {
  reportType: string;
  dataStartTime: string;
  dataEndTime: string;
  createdTime: string;
  processingStartTime: string;
  /** Shown by the case while IN_PROGRESS: an upstream erratum (../errata.ts), taken as when processing will end. */
  processingEndTime: string;
}

/** A report the answer shows IN_PROGRESS: created, started, and not yet at its end. */
function seedInProgress(world: World, id: string, a: ReportAnswer, createdAtMs = Date.parse(a.createdTime)): void {
  world.reports.reports.set(id, {
    reportId: id,
    sellerId: SELLER,
    region: 'na',
    reportType: a.reportType,
    marketplaceIds: ['ATVPDKIKX0DER'],
    dataStartTime: a.dataStartTime,
    dataEndTime: a.dataEndTime,
    createdAtMs,
    startAtMs: Date.parse(a.processingStartTime),
    endAtMs: Date.parse(a.processingEndTime),
    processingStatus: 'IN_PROGRESS',
  });
}

/** Midway between a report's start and its end: the moment it was IN_PROGRESS. */
const midway = (a: ReportAnswer) => new Date((Date.parse(a.processingStartTime) + Date.parse(a.processingEndTime)) / 2).toISOString();

export const reportsPlans: ApiPlans = {
  api: 'Reports 2021-06-30',
  plans: {
    getReport: (c) => {
      if (c.status !== 200) return {};
      const a = c.response as ReportAnswer;
      const id = numericId();
      return { at: midway(a), seed: (w) => seedInProgress(w, id, a), params: { reportId: id }, generated: ['reportId'] };
    },
    getReports: (c) => {
      if (c.status !== 200) return {};
      const a = (c.response as { reports: ReportAnswer[] }).reports[0] as ReportAnswer;
      const [id, older] = [numericId(), numericId()];
      return {
        at: midway(a),
        // The answer carries a nextToken: a second, older report of the asked types fills the next page of one.
        seed: (w) => {
          seedInProgress(w, id, a);
          seedInProgress(w, older, { ...a, reportType: 'GET_AFN_INVENTORY_DATA' }, Date.parse(a.createdTime) - 60_000);
        },
        params: { pageSize: 1 },
        generated: ['reports.*.reportId', 'nextToken'],
      };
    },
    cancelReport: (c) => {
      if (c.status !== 200) return {};
      const id = numericId();
      return {
        // A report still in the queue: the only state Amazon lets the seller cancel.
        seed: (w) => {
          const now = w.clock.nowMs();
          w.reports.reports.set(id, {
            reportId: id,
            sellerId: SELLER,
            region: 'na',
            reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
            marketplaceIds: ['ATVPDKIKX0DER'],
            createdAtMs: now,
            startAtMs: now + 15_000,
            endAtMs: now + 30_000,
            processingStatus: 'IN_QUEUE',
          });
        },
        params: { reportId: id },
      };
    },
    getReportDocument: (c) => {
      if (c.status !== 200) return {};
      const id = reportDocumentId('na');
      return {
        seed: (w) =>
          void createDocument(w, documentBaseUrlFor('na'), {
            documentId: id,
            contentType: 'text/plain;charset=UTF-8',
            body: Buffer.from('sku\tprice\n'),
            writable: false,
            sellerId: SELLER,
            region: 'na',
          }),
        params: { reportDocumentId: id },
        generated: ['reportDocumentId', 'url'],
      };
    },
    createReport: (c) => (c.status === 202 ? { generated: ['reportId'] } : {}),
    getReportSchedules: (c) => {
      if (c.status !== 200) return {};
      const list = (c.response as { reportSchedules: ScheduleAnswer[] }).reportSchedules;
      const ids = list.map(() => numericId());
      const first = list.map((s) => s.nextReportCreationTime).sort()[0] ?? '2024-03-11T00:00:00Z';
      return {
        at: before(first),
        seed: (w) => list.forEach((s, i) => seedSchedule(w, ids[i] ?? '', s)),
        generated: ['reportSchedules.*.reportScheduleId'],
      };
    },
    getReportSchedule: (c) => {
      if (c.status !== 200) return {};
      const a = c.response as ScheduleAnswer;
      const id = numericId();
      return {
        at: before(a.nextReportCreationTime),
        seed: (w) => seedSchedule(w, id, a),
        params: { reportScheduleId: id },
        generated: ['reportScheduleId'],
      };
    },
    cancelReportSchedule: (c) => {
      if (c.status !== 200) return {};
      const id = numericId();
      return {
        seed: (w) =>
          seedSchedule(w, id, {
            reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
            marketplaceIds: ['ATVPDKIKX0DER'],
            period: 'P1D',
            nextReportCreationTime: new Date(w.clock.nowMs() + 3_600_000).toISOString(),
          }),
        params: { reportScheduleId: id },
      };
    },
    createReportSchedule: (c) => (c.status === 201 ? { generated: ['reportScheduleId'] } : {}),
  },
};
