/**
 * Reports of every seller and their lifecycle on the simulator clock (IN_QUEUE → IN_PROGRESS → DONE, or
 * CANCELLED while IN_QUEUE). The document is generated when the report is settled after its end time,
 * from the listings as they are then. Only the report types in REPORT_GENERATORS are produced; a report
 * without rows ends CANCELLED with no document, as Amazon does.
 */
import { gzipSync } from 'node:zlib';
import type { World } from './state';
import type { Region } from './scenario';
import { createDocument, documentBaseUrlFor } from './documents';
import { numericId, reportDocumentId, timeline, type ProcessingStatus } from './jobs';
import { merchantListingsAllData } from './report-merchant-listings';

export interface ReportRecord {
  reportId: string;
  sellerId: string;
  region: Region;
  reportType: string;
  marketplaceIds: string[];
  dataStartTime?: string;
  dataEndTime?: string;
  createdAtMs: number;
  startAtMs: number;
  endAtMs: number;
  processingStatus: ProcessingStatus;
  reportDocumentId?: string;
  /** Set on reports a report schedule created (report-schedules.ts). */
  reportScheduleId?: string;
}

/** reportType → generator of the document text (tab-separated, Amazon's columns) and its content type. */
export const REPORT_GENERATORS: Record<string, (world: World, r: ReportRecord) => { text: string; contentType: string; rows: number }> = {
  GET_MERCHANT_LISTINGS_ALL_DATA: (world, r) => ({
    ...merchantListingsAllData(world, r.sellerId, r.marketplaceIds[0] ?? ''),
    contentType: 'text/plain;charset=UTF-8',
  }),
};

export class ReportsStore {
  readonly reports = new Map<string, ReportRecord>();

  constructor(private world: World) {}

  /** `atMs`: when it was created (a schedule's due time, which may lie before now); default now. */
  create(
    init: Omit<ReportRecord, 'reportId' | 'createdAtMs' | 'startAtMs' | 'endAtMs' | 'processingStatus'>,
    atMs = this.world.clock.nowMs(),
  ): ReportRecord {
    const now = atMs;
    const report: ReportRecord = {
      ...init,
      reportId: numericId(),
      createdAtMs: now,
      ...timeline(now, this.world.cfg.reportProcessingSeconds),
      processingStatus: 'IN_QUEUE',
    };
    this.reports.set(report.reportId, report);
    this.settle();
    return report;
  }

  cancel(report: ReportRecord): boolean {
    this.settle();
    if (report.processingStatus !== 'IN_QUEUE') return false;
    report.processingStatus = 'CANCELLED';
    report.endAtMs = this.world.clock.nowMs();
    return true;
  }

  settle(): void {
    const now = this.world.clock.nowMs();
    for (const r of this.reports.values()) {
      if (r.processingStatus !== 'IN_QUEUE' && r.processingStatus !== 'IN_PROGRESS') continue;
      if (now >= r.endAtMs) this.generate(r);
      else if (now >= r.startAtMs) r.processingStatus = 'IN_PROGRESS';
    }
  }

  private generate(r: ReportRecord): void {
    const gen = REPORT_GENERATORS[r.reportType];
    if (!gen) {
      r.processingStatus = 'FATAL';
      return;
    }
    const { text, contentType, rows } = gen(this.world, r);
    // Amazon cancels a report that has no data instead of producing an empty document.
    if (rows === 0) {
      r.processingStatus = 'CANCELLED';
      return;
    }
    const compress = this.world.cfg.compressDocuments;
    const raw = Buffer.from(text, 'utf8');
    const doc = createDocument(this.world, documentBaseUrlFor(r.region), {
      documentId: reportDocumentId(r.region),
      contentType,
      body: compress ? gzipSync(raw) : raw,
      writable: false,
      sellerId: r.sellerId,
      region: r.region,
      ...(compress ? { compression: 'GZIP' as const } : {}),
    });
    r.processingStatus = 'DONE';
    r.reportDocumentId = doc.documentId;
  }

  list(sellerId: string): ReportRecord[] {
    this.settle();
    return [...this.reports.values()].filter((r) => r.sellerId === sellerId);
  }
}
