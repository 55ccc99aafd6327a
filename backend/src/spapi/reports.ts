/**
 * Reports 2021-06-30 for GET_MERCHANT_LISTINGS_ALL_DATA, the listings report the reconciliation compares
 * with the desired state: request it, poll it, download and parse the tab-separated document into typed
 * rows. Amazon ends a report with no rows as CANCELLED without a document: that is an empty list.
 */
import type { SellerContext, SpApiCaller } from './client';
import { AmazonError } from './errors';
import { downloadDocument } from './document-transfer';

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

/** One row of GET_MERCHANT_LISTINGS_ALL_DATA. Empty cells are null; money stays a decimal string. */
export interface MerchantListingRow {
  sellerSku: string;
  asin1: string | null;
  itemName: string | null;
  itemDescription: string | null;
  listingId: string | null;
  /** Decimal string as printed by Amazon, e.g. "19.99". */
  price: string | null;
  /** MFN quantity; null for FBA (AFN) rows, where Amazon leaves it empty. */
  quantity: number | null;
  /** As printed by Amazon ("2024-05-01 10:00:00 PDT"; the marketplace's local zone). */
  openDate: string | null;
  imageUrl: string | null;
  itemNote: string | null;
  /** Amazon's numeric condition code (11 = new). */
  itemCondition: string | null;
  productId: string | null;
  /** 1 = ASIN, 2 = ISBN, 3 = UPC, 4 = EAN. */
  productIdType: string | null;
  pendingQuantity: number | null;
  /** DEFAULT for merchant-fulfilled, AMAZON_NA/AMAZON_EU/… for FBA. */
  fulfillmentChannel: string | null;
  merchantShippingGroup: string | null;
  /** Active, Inactive, Incomplete. */
  status: string | null;
}

export const MERCHANT_LISTINGS_REPORT = 'GET_MERCHANT_LISTINGS_ALL_DATA';

export async function requestMerchantListingsReport(caller: SpApiCaller, ctx: SellerContext, marketplaceId?: string): Promise<string> {
  const market = marketplaceId ?? ctx.marketplaceId;
  if (!market) throw new Error('requestMerchantListingsReport needs marketplaceId or a SellerContext with marketplaceId');
  const res = await caller.call<{ reportId: string }>(ctx, 'createReport', {
    body: { reportType: MERCHANT_LISTINGS_REPORT, marketplaceIds: [market] },
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
 * The report's rows; null while Amazon is still processing it (IN_QUEUE / IN_PROGRESS); [] when Amazon
 * cancelled it for having no data. A FATAL report is an AmazonError.
 */
export async function downloadMerchantListingsReport(
  caller: SpApiCaller,
  ctx: SellerContext,
  reportId: string,
): Promise<MerchantListingRow[] | null> {
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
  if (report.processingStatus === 'CANCELLED' && !report.reportDocumentId) return [];
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
  return parseMerchantListings(text);
}

/** Parses the flat file by its header line (column order is Amazon's, but we do not rely on it). */
export function parseMerchantListings(text: string): MerchantListingRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines.shift() ?? '').split('\t').map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const idx = {
    sku: col('seller-sku'),
    asin1: col('asin1'),
    name: col('item-name'),
    description: col('item-description'),
    listingId: col('listing-id'),
    price: col('price'),
    quantity: col('quantity'),
    openDate: col('open-date'),
    imageUrl: col('image-url'),
    note: col('item-note'),
    condition: col('item-condition'),
    productId: col('product-id'),
    productIdType: col('product-id-type'),
    pending: col('pending-quantity'),
    channel: col('fulfillment-channel'),
    shippingGroup: col('merchant-shipping-group'),
    status: col('status'),
  };
  if (idx.sku < 0) throw new Error('the merchant listings report has no seller-sku column');
  const rows: MerchantListingRow[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    const cells = line.split('\t');
    const text = (i: number) => {
      const v = i < 0 ? '' : (cells[i] ?? '').trim();
      return v === '' ? null : v;
    };
    const int = (i: number) => {
      const v = text(i);
      return v === null || !/^-?\d+$/.test(v) ? null : Number(v);
    };
    rows.push({
      sellerSku: text(idx.sku) ?? '',
      asin1: text(idx.asin1),
      itemName: text(idx.name),
      itemDescription: text(idx.description),
      listingId: text(idx.listingId),
      price: text(idx.price),
      quantity: int(idx.quantity),
      openDate: text(idx.openDate),
      imageUrl: text(idx.imageUrl),
      itemNote: text(idx.note),
      itemCondition: text(idx.condition),
      productId: text(idx.productId),
      productIdType: text(idx.productIdType),
      pendingQuantity: int(idx.pending),
      fulfillmentChannel: text(idx.channel),
      merchantShippingGroup: text(idx.shippingGroup),
      status: text(idx.status),
    });
  }
  return rows;
}
