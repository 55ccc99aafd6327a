/**
 * Parses GET_MERCHANT_LISTINGS_ALL_DATA / _INACTIVE_DATA as Amazon really sends them: tab-separated text
 * (already decoded by the document's or the marketplace's charset), headers in the marketplace's language
 * (Amazon.co.jp's are Japanese), the current 29 columns or the older 27 without `status` (UK), cells quoted
 * only when they hold a tab, a quote, a line break or edge spaces, and `open-date` in the marketplace's format.
 * A column we need and cannot find stops the report with a ReportFormatError rather than yielding nulls that
 * would silently switch a feature off.
 */
import { parse } from 'csv-parse/sync';
import { parseReportDate } from './report-dates';

/** One row of the merchant listings report. Empty cells are null; money stays a decimal string. */
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
  /** `open-date` as an ISO UTC instant; null when empty or in a form we do not know (see openDateRaw). */
  openDate: string | null;
  /** As printed by Amazon ("2024-05-01 10:00:00 PDT", "08/07/2016 10:12:40 BST", …). */
  openDateRaw: string | null;
  imageUrl: string | null;
  itemNote: string | null;
  /** Amazon's numeric condition code (11 = new). */
  itemCondition: string | null;
  productId: string | null;
  /** 1 = ASIN, 2 = ISBN, 3 = UPC, 4 = EAN. */
  productIdType: string | null;
  /** Null when empty, as on FBA rows. */
  pendingQuantity: number | null;
  /** DEFAULT for merchant-fulfilled, AMAZON_NA/AMAZON_EU/… for FBA. */
  fulfillmentChannel: string | null;
  merchantShippingGroup: string | null;
  /** Active, Inactive, Incomplete; null on every row when the report's layout has no status column. */
  status: string | null;
}

export interface MerchantListingsReport {
  rows: MerchantListingRow[];
  /** The older layout (UK) has no status column: statuses must come from elsewhere (the inactive report). */
  hasStatus: boolean;
  headers: string[];
}

/** The report lacks a column we need, or is not a merchant listings report at all. */
export class ReportFormatError extends Error {
  constructor(
    message: string,
    readonly column: string,
    readonly headers: string[],
  ) {
    super(message);
    this.name = 'ReportFormatError';
  }
}

type Key = Exclude<keyof MerchantListingRow, 'openDateRaw'>;

/** Header names per canonical key, in every language Amazon prints them (compared case- and space-insensitively). */
const HEADERS: Record<Key, string[]> = {
  sellerSku: ['seller-sku', '出品者SKU'],
  asin1: ['asin1'],
  itemName: ['item-name', '商品名'],
  itemDescription: ['item-description', '商品説明'],
  listingId: ['listing-id', '出品ID'],
  price: ['price', '価格'],
  quantity: ['quantity', '数量'],
  openDate: ['open-date', '出品日'],
  imageUrl: ['image-url', '画像URL'],
  itemNote: ['item-note', 'コンディション説明'],
  itemCondition: ['item-condition', 'コンディション'],
  productId: ['product-id', '商品ID'],
  productIdType: ['product-id-type', '商品IDタイプ'],
  pendingQuantity: ['pending-quantity'],
  fulfillmentChannel: ['fulfillment-channel', 'フルフィルメント・チャネル', 'フルフィルメント・チャンネル'],
  merchantShippingGroup: ['merchant-shipping-group'],
  status: ['status', 'ステータス'],
};

/** Without these the report is useless to the import and the reconciliation. */
const REQUIRED: Key[] = ['sellerSku', 'asin1', 'price', 'quantity', 'fulfillmentChannel'];

const norm = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .replace(/[\s_]+/g, '')
    .toLowerCase();
const LOOKUP = new Map<string, Key>(Object.entries(HEADERS).flatMap(([key, names]) => names.map((n) => [norm(n), key as Key])));

/** `label` names the report in errors, e.g. "merchant listings report 50012". */
export function parseMerchantListings(
  text: string,
  marketplaceId: string | null,
  label = 'merchant listings report',
): MerchantListingsReport {
  // Quotes only count at the start of a cell (relax_quotes keeps a lone `12" ruler`); rows may be short.
  const records = parse(text, {
    delimiter: '\t',
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as string[][];
  const headers = (records.shift() ?? []).map((h) => h.trim());
  const idx = new Map<Key, number>();
  headers.forEach((h, i) => {
    const key = LOOKUP.get(norm(h));
    if (key && !idx.has(key)) idx.set(key, i);
  });
  for (const key of REQUIRED)
    if (!idx.has(key))
      throw new ReportFormatError(
        `${label} has no "${HEADERS[key][0]}" column (headers: ${headers.join(', ') || 'none'})`,
        HEADERS[key][0]!,
        headers,
      );
  const rows: MerchantListingRow[] = [];
  for (const cells of records) {
    if (cells.every((c) => c.trim() === '')) continue;
    const raw = (key: Key) => {
      const i = idx.get(key);
      const v = i === undefined ? '' : (cells[i] ?? '');
      return v.trim() === '' ? null : v;
    };
    const code = (key: Key) => raw(key)?.trim() ?? null;
    const int = (key: Key) => {
      const v = code(key);
      return v === null || !/^-?\d+$/.test(v) ? null : Number(v);
    };
    const openDateRaw = code('openDate');
    rows.push({
      sellerSku: code('sellerSku') ?? '',
      asin1: code('asin1'),
      itemName: raw('itemName'),
      itemDescription: raw('itemDescription'),
      listingId: code('listingId'),
      price: code('price'),
      quantity: int('quantity'),
      openDate: parseReportDate(openDateRaw, marketplaceId),
      openDateRaw,
      imageUrl: code('imageUrl'),
      itemNote: raw('itemNote'),
      itemCondition: code('itemCondition'),
      productId: code('productId'),
      productIdType: code('productIdType'),
      pendingQuantity: int('pendingQuantity'),
      fulfillmentChannel: code('fulfillmentChannel'),
      merchantShippingGroup: raw('merchantShippingGroup'),
      status: code('status'),
    });
  }
  return { rows: rows.filter((r) => r.sellerSku !== ''), hasStatus: idx.has('status'), headers };
}
