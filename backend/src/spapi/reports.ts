/**
 * Reports 2021-06-30 for GET_MERCHANT_LISTINGS_ALL_DATA, the listings report the reconciliation compares
 * with the desired state, and GET_MERCHANT_LISTINGS_INACTIVE_DATA, which gives the statuses where the
 * former's layout has none: request, poll, download (decoded by the transfer) and parse into typed rows
 * (merchant-listings-parse.ts). Amazon ends a report with no rows as CANCELLED without a document: that is
 * an empty list.
 */
import type { SellerContext, SpApiCaller } from './client';
import { AmazonError } from './errors';
import { downloadDocument } from './document-transfer';
import { parseMerchantListings, type MerchantListingsReport } from './merchant-listings-parse';

export { parseMerchantListings, ReportFormatError } from './merchant-listings-parse';
export type { MerchantListingRow, MerchantListingsReport } from './merchant-listings-parse';

export type ReportProcessingStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED' | 'FATAL';

export interface Report {
  reportId: string;
  reportType: string;
  marketplaceIds?: string[];
  dataStartTime?: string;
  dataEndTime?: string;
  createdTime: string;
  processingStatus: ReportProcessingStatus;
  processingStartTime?: string;
  processingEndTime?: string;
  reportDocumentId?: string;
}

export const MERCHANT_LISTINGS_REPORT = 'GET_MERCHANT_LISTINGS_ALL_DATA';
export const INACTIVE_LISTINGS_REPORT = 'GET_MERCHANT_LISTINGS_INACTIVE_DATA';
export type MerchantListingsReportType = typeof MERCHANT_LISTINGS_REPORT | typeof INACTIVE_LISTINGS_REPORT;

export async function requestMerchantListingsReport(
  caller: SpApiCaller,
  ctx: SellerContext,
  marketplaceId?: string,
  reportType: MerchantListingsReportType = MERCHANT_LISTINGS_REPORT,
): Promise<string> {
  const market = marketplaceId ?? ctx.marketplaceId;
  if (!market) throw new Error('requestMerchantListingsReport needs marketplaceId or a SellerContext with marketplaceId');
  const res = await caller.call<{ reportId: string }>(ctx, 'createReport', {
    body: { reportType, marketplaceIds: [market] },
    marketplaceId: market,
  });
  return res.body.reportId;
}

/** null when Amazon knows no such report (of this seller). */
export async function getReport(caller: SpApiCaller, ctx: SellerContext, reportId: string): Promise<Report | null> {
  const res = await caller.call<Report>(ctx, 'getReport', { path: { reportId }, expect: [404] });
  return res.status === 404 ? null : res.body;
}

/**
 * The report's rows; null while Amazon is still processing it (IN_QUEUE / IN_PROGRESS); no rows when Amazon
 * cancelled it for having no data. A FATAL report is an AmazonError; a document without the columns we
 * need is a ReportFormatError naming the report.
 */
export async function downloadMerchantListingsReport(
  caller: SpApiCaller,
  ctx: SellerContext,
  reportId: string,
): Promise<MerchantListingsReport | null> {
  const report = await getReport(caller, ctx, reportId);
  const fail = (why: string) =>
    new AmazonError(`Report ${reportId}: ${why}`, {
      operation: 'getReport',
      status: 200,
      amazonCode: report?.processingStatus ?? 'NotFound',
      amazonMessage: why,
      amazonDetails: null,
      requestId: null,
      attempts: 1,
    });
  if (!report) throw fail('Amazon knows no such report');
  if (report.processingStatus === 'IN_QUEUE' || report.processingStatus === 'IN_PROGRESS') return null;
  if (report.processingStatus === 'CANCELLED' && !report.reportDocumentId) return { rows: [], hasStatus: true, headers: [] };
  if (report.processingStatus === 'FATAL' || !report.reportDocumentId)
    throw fail(`processing ended ${report.processingStatus} without a document`);
  const documentId = report.reportDocumentId;
  const marketplaceId = report.marketplaceIds?.length === 1 ? (report.marketplaceIds[0] ?? null) : null;
  const text = await downloadDocument(caller, ctx, 'downloadReportDocument', marketplaceId, async () => {
    const res = await caller.call<{ url: string; compressionAlgorithm?: 'GZIP' }>(ctx, 'getReportDocument', {
      path: { reportDocumentId: documentId },
      marketplaceId,
    });
    return res.body;
  });
  return parseMerchantListings(text, marketplaceId, `merchant listings report ${reportId}`);
}
