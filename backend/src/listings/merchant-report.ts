/**
 * The request-then-collect step for Amazon's merchant listings report, shared by the import of existing
 * listings (third-party.service.ts) and the periodic reconciliation (reconcile/). Amazon prepares a report
 * for a while, so a caller keeps the pending report id (each in its own table) and calls again: the first
 * call requests the report, later ones answer `processing` until the rows are there.
 */
import type { FastifyInstance } from 'fastify';
import type { MerchantListingRow } from '../spapi/reports';

export type ReportStep =
  | { status: 'requested'; reportId: string }
  | { status: 'processing'; reportId: string }
  | { status: 'done'; reportId: string; rows: MerchantListingRow[] };

/** `pending`: the report id the caller keeps, or null; `save` keeps a newly requested one. */
export async function merchantListingsStep(
  app: FastifyInstance,
  storeId: number,
  marketplaceId: string,
  pending: string | null,
  save: (reportId: string) => Promise<void>,
): Promise<ReportStep> {
  const seller = await app.stores.sellerContext(storeId);
  if (!pending) {
    const reportId = await app.spapi.requestMerchantListingsReport(seller, marketplaceId);
    await save(reportId);
    return { status: 'requested', reportId };
  }
  const rows = await app.spapi.downloadMerchantListingsReport(seller, pending);
  return rows === null ? { status: 'processing', reportId: pending } : { status: 'done', reportId: pending, rows };
}
