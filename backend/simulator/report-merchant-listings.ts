/**
 * GET_MERCHANT_LISTINGS_ALL_DATA (and _INACTIVE_DATA, the same rows but only those not Active): one
 * tab-separated row per listing of the seller in the marketplace, in the marketplace's layout, header
 * language and date format (report-locales.ts). Values are derived from the listing attributes the Listings
 * Items API stores; columns Amazon leaves empty for most sellers (zshop-*, bids) stay empty. The text is
 * returned as a string: the caller encodes it in the marketplace's charset.
 */
import { createHash } from 'node:crypto';
import type { World } from './state';
import { offerOf, quantityOf, type ListingRecord } from './listings-store';
import { formatReportDate, type ReportLocale } from './report-locales';

export const MERCHANT_LISTINGS_COLUMNS = [
  'item-name',
  'item-description',
  'listing-id',
  'seller-sku',
  'price',
  'quantity',
  'open-date',
  'image-url',
  'item-is-marketplace',
  'product-id-type',
  'zshop-shipping-fee',
  'item-note',
  'item-condition',
  'zshop-category1',
  'zshop-browse-path',
  'zshop-storefront-feature',
  'asin1',
  'asin2',
  'asin3',
  'will-ship-internationally',
  'expedited-shipping',
  'zshop-boldface',
  'product-id',
  'bid-for-featured-placement',
  'add-delete',
  'pending-quantity',
  'fulfillment-channel',
  'merchant-shipping-group',
  'status',
] as const;
type Column = (typeof MERCHANT_LISTINGS_COLUMNS)[number];

/** The 27 columns of the older layout Amazon still sends in some marketplaces (UK): no shipping group, no status. */
export const OLDER_MERCHANT_LISTINGS_COLUMNS: readonly Column[] = MERCHANT_LISTINGS_COLUMNS.filter(
  (c) => c !== 'merchant-shipping-group' && c !== 'status',
);

/** Amazon.co.jp's header names; the columns not listed keep their English names there too. */
export const JAPANESE_HEADERS: Partial<Record<Column, string>> = {
  'item-name': '商品名',
  'item-description': '商品説明',
  'listing-id': '出品ID',
  'seller-sku': '出品者SKU',
  price: '価格',
  quantity: '数量',
  'open-date': '出品日',
  'image-url': '画像URL',
  'product-id-type': '商品IDタイプ',
  'item-note': 'コンディション説明',
  'item-condition': 'コンディション',
  asin1: 'ASIN1',
  asin2: 'ASIN2',
  asin3: 'ASIN3',
  'will-ship-internationally': '国外へ配送可',
  'expedited-shipping': '迅速な配送',
  'product-id': '商品ID',
  'fulfillment-channel': 'フルフィルメント・チャネル',
  status: 'ステータス',
};

/** Amazon's numeric item-condition codes of the flat-file reports. */
const CONDITION_CODES: Record<string, string> = {
  used_like_new: '1',
  used_very_good: '2',
  used_good: '3',
  used_acceptable: '4',
  collectible_like_new: '5',
  collectible_very_good: '6',
  collectible_good: '7',
  collectible_acceptable: '8',
  club_club: '9',
  refurbished_refurbished: '10',
  new_new: '11',
  new_open_box: '11',
  new_oem: '11',
};

const value = (rec: ListingRecord, name: string): string => {
  const v = (rec.attributes[name] as { value?: unknown; media_location?: unknown }[] | undefined)?.[0];
  return v?.value !== undefined ? String(v.value) : v?.media_location !== undefined ? String(v.media_location) : '';
};

/**
 * A cell holding a tab, a double quote, a line break or a leading/trailing space is written in quotes with
 * inner quotes doubled, as Amazon does; any other cell goes as it is.
 */
export const cell = (s: string) => (/[\t\r\n"]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

const pad = (n: number) => String(n).padStart(2, '0');

/** Stable per listing: MMDD of creation + 7 characters, like Amazon's listing ids. */
function listingId(rec: ListingRecord): string {
  const d = new Date(rec.createdAtMs);
  const h = createHash('sha1').update(`${rec.sellerId}|${rec.marketplaceId}|${rec.sku}`).digest('hex');
  return `${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${BigInt(`0x${h.slice(0, 12)}`)
    .toString(36)
    .toUpperCase()
    .padStart(7, '0')
    .slice(0, 7)}`;
}

function status(rec: ListingRecord): string {
  if (rec.status.includes('BUYABLE')) return 'Active';
  if (rec.status.includes('DISCOVERABLE')) return 'Inactive';
  return 'Incomplete';
}

export interface MerchantListingsOptions {
  locale: ReportLocale;
  /** _INACTIVE_DATA: only the rows whose status is not Active. */
  inactiveOnly?: boolean;
}

export function merchantListingsAllData(
  world: World,
  sellerId: string,
  marketplaceId: string,
  opts: MerchantListingsOptions,
): { text: string; rows: number } {
  const { locale } = opts;
  const columns = locale.layout === 'older' ? OLDER_MERCHANT_LISTINGS_COLUMNS : MERCHANT_LISTINGS_COLUMNS;
  const seller = world.sellers.get(sellerId);
  const pendingBySku = new Map<string, number>();
  for (const o of seller?.orders.values() ?? []) {
    if (o.orderStatus !== 'Pending' || o.marketplaceId !== marketplaceId) continue;
    for (const i of o.items) pendingBySku.set(i.sku, (pendingBySku.get(i.sku) ?? 0) + i.quantity);
  }
  const rows = world.listings
    .list(sellerId)
    .filter((l) => l.marketplaceId === marketplaceId)
    .filter((l) => !opts.inactiveOnly || status(l) !== 'Active')
    .sort((a, b) => a.createdAtMs - b.createdAtMs || a.sku.localeCompare(b.sku))
    .map((rec) => {
      const offer = offerOf(rec.attributes);
      const q = quantityOf(rec.attributes);
      const channel = q?.channel ?? 'DEFAULT';
      const mfn = channel === 'DEFAULT';
      const name = value(rec, 'item_name') || world.catalog.get(rec.asin ?? '')?.title || '';
      const row: Record<Column, string> = {
        'item-name': name,
        'item-description': value(rec, 'product_description'),
        'listing-id': listingId(rec),
        'seller-sku': rec.sku,
        price: offer?.amount ?? '',
        quantity: mfn ? String(q?.quantity ?? 0) : '',
        'open-date': formatReportDate(locale, rec.createdAtMs),
        'image-url': value(rec, 'main_product_image_locator'),
        'item-is-marketplace': 'y',
        'product-id-type': rec.asin ? '1' : '',
        'zshop-shipping-fee': '',
        'item-note': value(rec, 'condition_note'),
        'item-condition': CONDITION_CODES[value(rec, 'condition_type')] ?? '',
        'zshop-category1': '',
        'zshop-browse-path': '',
        'zshop-storefront-feature': '',
        asin1: rec.asin ?? '',
        asin2: '',
        asin3: '',
        'will-ship-internationally': '',
        'expedited-shipping': '',
        'zshop-boldface': '',
        'product-id': rec.asin ?? '',
        'bid-for-featured-placement': '',
        'add-delete': '',
        // Amazon leaves pending-quantity empty on FBA rows but still names a shipping group there.
        'pending-quantity': mfn ? String(pendingBySku.get(rec.sku) ?? 0) : '',
        'fulfillment-channel': channel,
        'merchant-shipping-group': 'Migrated Template',
        status: status(rec),
      };
      return columns.map((c) => cell(row[c])).join('\t');
    });
  const header = columns.map((c) => (locale.headers === 'ja' ? (JAPANESE_HEADERS[c] ?? c) : c)).join('\t');
  return { text: `${[header, ...rows].join('\n')}\n`, rows: rows.length };
}
