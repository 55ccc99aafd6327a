/**
 * Reports of every seller and their lifecycle on the simulator clock (IN_QUEUE → IN_PROGRESS → DONE, or
 * CANCELLED while IN_QUEUE). The document is generated when the report is settled after its end time,
 * from the listings as they are then, and stored in the bytes Amazon sends for the marketplace (its legacy
 * charset, see report-locales.ts; `tidyReports` gives UTF-8 English UTC instead). Only the report types in
 * REPORT_GENERATORS are produced; a report without rows ends CANCELLED with no document, as Amazon does.
 */
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import type { World } from './state';
import type { Region } from './scenario';
import { createDocument, documentBaseUrlFor } from './documents';
import { numericId, reportDocumentId, timeline, type ProcessingStatus } from './jobs';
import { merchantListingsAllData } from './report-merchant-listings';
import { contentTypeOf, reportLocaleOf, TIDY_LOCALE, type ReportLocale } from './report-locales';

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

const localeFor = (world: World, r: ReportRecord): ReportLocale =>
  world.cfg.tidyReports ? TIDY_LOCALE : reportLocaleOf(r.marketplaceIds[0] ?? '');

/** reportType → generator of the document text (tab-separated, Amazon's columns) in the marketplace's form. */
export const REPORT_GENERATORS: Record<string, (world: World, r: ReportRecord, locale: ReportLocale) => { text: string; rows: number }> = {
  GET_MERCHANT_LISTINGS_ALL_DATA: (world, r, locale) => merchantListingsAllData(world, r.sellerId, r.marketplaceIds[0] ?? '', { locale }),
  GET_MERCHANT_LISTINGS_INACTIVE_DATA: (world, r, locale) =>
    merchantListingsAllData(world, r.sellerId, r.marketplaceIds[0] ?? '', { locale, inactiveOnly: true }),
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
    const locale = localeFor(this.world, r);
    const { text, rows } = gen(this.world, r, locale);
    // Amazon cancels a report that has no data instead of producing an empty document.
    if (rows === 0) {
      r.processingStatus = 'CANCELLED';
      return;
    }
    const compress = this.world.cfg.compressDocuments;
    // iconv-lite writes a character the charset cannot hold as "?", as Amazon's legacy encoders do.
    const raw = iconv.encode(text, locale.encoding);
    const doc = createDocument(this.world, documentBaseUrlFor(r.region), {
      documentId: reportDocumentId(r.region),
      contentType: contentTypeOf(locale),
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
