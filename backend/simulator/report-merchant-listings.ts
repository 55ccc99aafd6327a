/**
 * GET_MERCHANT_LISTINGS_ALL_DATA: one tab-separated row per listing of the seller in the marketplace,
 * with Amazon's 29 columns in Amazon's order. Values are derived from the listing attributes the
 * Listings Items API stores; columns Amazon leaves empty for most sellers (zshop-*, bids) stay empty.
 */
import { createHash } from 'node:crypto';
import type { World } from './state';
import { offerOf, quantityOf, type ListingRecord } from './listings-store';

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

/** Tabs and line breaks would break the flat file; Amazon replaces them with spaces. */
const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ');

const pad = (n: number) => String(n).padStart(2, '0');
/** Amazon prints local time with a zone abbreviation; the simulator prints UTC the same way. */
function openDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

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

export function merchantListingsAllData(world: World, sellerId: string, marketplaceId: string): { text: string; rows: number } {
  const seller = world.sellers.get(sellerId);
  const pendingBySku = new Map<string, number>();
  for (const o of seller?.orders.values() ?? []) {
    if (o.orderStatus !== 'Pending' || o.marketplaceId !== marketplaceId) continue;
    for (const i of o.items) pendingBySku.set(i.sku, (pendingBySku.get(i.sku) ?? 0) + i.quantity);
  }
  const rows = world.listings
    .list(sellerId)
    .filter((l) => l.marketplaceId === marketplaceId)
    .sort((a, b) => a.createdAtMs - b.createdAtMs || a.sku.localeCompare(b.sku))
    .map((rec) => {
      const offer = offerOf(rec.attributes);
      const q = quantityOf(rec.attributes);
      const channel = q?.channel ?? 'DEFAULT';
      const mfn = channel === 'DEFAULT';
      const name = value(rec, 'item_name') || world.catalog.get(rec.asin ?? '')?.title || '';
      const row: Record<(typeof MERCHANT_LISTINGS_COLUMNS)[number], string> = {
        'item-name': name,
        'item-description': value(rec, 'product_description'),
        'listing-id': listingId(rec),
        'seller-sku': rec.sku,
        price: offer?.amount ?? '',
        quantity: mfn ? String(q?.quantity ?? 0) : '',
        'open-date': openDate(rec.createdAtMs),
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
        'pending-quantity': String(pendingBySku.get(rec.sku) ?? 0),
        'fulfillment-channel': channel,
        'merchant-shipping-group': mfn ? 'Migrated Template' : '',
        status: status(rec),
      };
      return MERCHANT_LISTINGS_COLUMNS.map((c) => clean(row[c])).join('\t');
    });
  return { text: `${[MERCHANT_LISTINGS_COLUMNS.join('\t'), ...rows].join('\n')}\n`, rows: rows.length };
}
