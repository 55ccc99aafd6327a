/** The product grid's columns: which exist, which show by default, which the server can sort by. */
import type { ProductSortKey } from '../api/types';

export interface ProductColumn {
  key: string;
  title: string;
  sortKey?: ProductSortKey;
  align?: 'start' | 'end' | 'center';
  defaultVisible: boolean;
}

export const PRODUCT_COLUMNS: readonly ProductColumn[] = [
  { key: 'id', title: 'ID', defaultVisible: false, align: 'end' },
  { key: 'sku', title: 'SKU', sortKey: 'sku', defaultVisible: true },
  { key: 'name', title: 'Name', sortKey: 'name', defaultVisible: true },
  { key: 'type', title: 'Type', sortKey: 'type', defaultVisible: true },
  { key: 'attributeSet', title: 'Attribute Set', defaultVisible: false },
  { key: 'price', title: 'Price', sortKey: 'price', defaultVisible: true, align: 'end' },
  { key: 'specialPrice', title: 'Special Price', defaultVisible: false, align: 'end' },
  { key: 'salableQty', title: 'Salable Quantity', sortKey: 'salableQty', defaultVisible: true, align: 'end' },
  { key: 'visibility', title: 'Visibility', defaultVisible: true },
  { key: 'status', title: 'Status', sortKey: 'status', defaultVisible: true },
  { key: 'websites', title: 'Websites', defaultVisible: true },
  { key: 'backorders', title: 'Backorders', defaultVisible: false },
  { key: 'updatedAt', title: 'Updated', sortKey: 'updatedAt', defaultVisible: false },
];

export const DEFAULT_COLUMNS = PRODUCT_COLUMNS.filter((c) => c.defaultVisible).map((c) => c.key);

/** Keeps known columns in the grid's order; SKU always shows, so every row stays identifiable. */
export function normaliseColumns(keys: readonly string[]): string[] {
  const wanted = new Set([...keys, 'sku']);
  return PRODUCT_COLUMNS.filter((c) => wanted.has(c.key)).map((c) => c.key);
}
