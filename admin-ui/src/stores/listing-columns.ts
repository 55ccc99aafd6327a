/**
 * The Listings grid's columns: which exist, which show by default (chosen so the grid fits a 1440 px screen
 * beside the store menu), and which the server sorts by. The admin's choice is kept per admin and browser.
 */
import type { SortKey } from './listings';

export interface ListingColumn {
  key: string;
  title: string;
  sortable: boolean;
  align?: 'start' | 'end';
  defaultVisible: boolean;
}

export const LISTING_COLUMNS: readonly ListingColumn[] = [
  { key: 'sku', title: 'Catalog SKU', sortable: true, defaultVisible: true },
  { key: 'name', title: 'Name', sortable: false, defaultVisible: true },
  { key: 'sellerSku', title: 'Seller SKU', sortable: true, defaultVisible: false },
  { key: 'asin', title: 'ASIN', sortable: true, defaultVisible: true },
  { key: 'status', title: 'Status', sortable: true, defaultVisible: true },
  { key: 'price', title: 'Price', sortable: false, align: 'end', defaultVisible: true },
  { key: 'quantity', title: 'Qty', sortable: false, align: 'end', defaultVisible: true },
  { key: 'updatedAt', title: 'Updated', sortable: true, defaultVisible: false },
];

export const DEFAULT_LISTING_COLUMNS = LISTING_COLUMNS.filter((c) => c.defaultVisible).map((c) => c.key);

/** Keeps known columns in the grid's order; the catalog SKU always shows (it opens the listing). */
export function normaliseListingColumns(keys: readonly string[]): string[] {
  const wanted = new Set([...keys, 'sku']);
  return LISTING_COLUMNS.filter((c) => wanted.has(c.key)).map((c) => c.key);
}

/** The sort a grid keeps when its sorted column is hidden: back to the catalog SKU. */
export function sortAfterHiding(sort: SortKey, columns: readonly string[]): SortKey | null {
  return columns.includes(sort) ? null : 'sku';
}
