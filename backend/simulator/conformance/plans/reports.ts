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

const IN_PROGRESS_WITH_END =
  'the answer shows an IN_PROGRESS report with a processingEndTime; the model defines it as the time processing ' +
  'completed and Amazon answers it null while IN_PROGRESS (selling-partner-api-docs#983), so an honest handler cannot';

export const reportsPlans: ApiPlans = {
  api: 'Reports 2021-06-30',
  plans: {
    getReport: (c) => (c.status === 200 ? { cannot: IN_PROGRESS_WITH_END } : {}),
    getReports: (c) => (c.status === 200 ? { cannot: IN_PROGRESS_WITH_END } : {}),
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
