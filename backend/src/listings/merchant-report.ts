/**
 * The request-then-collect step for Amazon's merchant listings report, shared by the import of existing
 * listings (third-party.service.ts) and the periodic reconciliation (reconcile/). Amazon prepares a report
 * for a while, so a caller keeps the pending report ids (each in its own table) and calls again: the first
 * call requests the report, later ones answer `processing` until the rows are there.
 *
 * Where Amazon still sends the older layout without a `status` column (UK), the step also requests
 * GET_MERCHANT_LISTINGS_INACTIVE_DATA and derives each row's status from it (listed there → its status
 * there, else Active), so statuses are never silently missing. A report whose columns we cannot find
 * fails with an error naming the store and the report.
 */
import type { FastifyInstance } from 'fastify';
import { INACTIVE_LISTINGS_REPORT, ReportFormatError, type MerchantListingRow } from '../spapi/reports';

export type ReportStep =
  | { status: 'requested'; reportId: string }
  | { status: 'processing'; reportId: string }
  | { status: 'done'; reportId: string; rows: MerchantListingRow[] };

export interface PendingReports {
  /** GET_MERCHANT_LISTINGS_ALL_DATA, or null before the first request. */
  reportId: string | null;
  /** GET_MERCHANT_LISTINGS_INACTIVE_DATA, requested only when the first report has no status column. */
  inactiveReportId: string | null;
}

export interface SavePending {
  report(reportId: string): Promise<void>;
  inactive(reportId: string): Promise<void>;
}

/** Statuses for a report without a status column: Amazon's inactive report lists every listing that is not Active. */
export function withStatusFrom(rows: readonly MerchantListingRow[], inactive: readonly MerchantListingRow[]): MerchantListingRow[] {
  const notActive = new Map(inactive.map((r) => [r.sellerSku, r.status ?? 'Inactive']));
  return rows.map((r) => ({ ...r, status: notActive.get(r.sellerSku) ?? 'Active' }));
}

export async function merchantListingsStep(
  app: FastifyInstance,
  storeId: number,
  marketplaceId: string,
  pending: PendingReports,
  save: SavePending,
): Promise<ReportStep> {
  const seller = await app.stores.sellerContext(storeId);
  if (!pending.reportId) {
    const reportId = await app.spapi.requestMerchantListingsReport(seller, marketplaceId);
    await save.report(reportId);
    return { status: 'requested', reportId };
  }
  const reportId = pending.reportId;
  try {
    const report = await app.spapi.downloadMerchantListingsReport(seller, reportId);
    if (report === null) return { status: 'processing', reportId };
    if (report.hasStatus) return { status: 'done', reportId, rows: report.rows };
    if (!pending.inactiveReportId) {
      await save.inactive(await app.spapi.requestMerchantListingsReport(seller, marketplaceId, INACTIVE_LISTINGS_REPORT));
      return { status: 'processing', reportId };
    }
    const inactive = await app.spapi.downloadMerchantListingsReport(seller, pending.inactiveReportId);
    if (inactive === null) return { status: 'processing', reportId };
    return { status: 'done', reportId, rows: withStatusFrom(report.rows, inactive.rows) };
  } catch (err) {
    if (!(err instanceof ReportFormatError)) throw err;
    const store = await app.stores.service.get(storeId).catch(() => null);
    throw new ReportFormatError(`Store "${store?.name ?? '?'}" (#${storeId}): ${err.message}`, err.column, err.headers);
  }
}
