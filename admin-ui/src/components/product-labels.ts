/** Display labels for catalog enums, as the Magento admin words them. */
export const TYPE_OPTIONS = [
  { value: 'simple', title: 'Simple Product' },
  { value: 'configurable', title: 'Configurable Product' },
  { value: 'virtual', title: 'Virtual Product' },
  { value: 'bundle', title: 'Bundle Product' },
  { value: 'grouped', title: 'Grouped Product' },
  { value: 'downloadable', title: 'Downloadable Product' },
  { value: 'giftcard', title: 'Gift Card' },
];

export const STATUS_OPTIONS = [
  { value: 'enabled', title: 'Enabled' },
  { value: 'disabled', title: 'Disabled' },
];

export const VISIBILITY_OPTIONS = [
  { value: 'not_visible', title: 'Not Visible Individually' },
  { value: 'catalog', title: 'Catalog' },
  { value: 'search', title: 'Search' },
  { value: 'catalog_search', title: 'Catalog, Search' },
];

const lookup = (options: { value: string; title: string }[]) => (value: string | null | undefined) =>
  options.find((o) => o.value === value)?.title ?? value ?? '';

export const typeLabel = lookup(TYPE_OPTIONS);
export const statusLabel = lookup(STATUS_OPTIONS);
export const visibilityLabel = lookup(VISIBILITY_OPTIONS);

export function money(value: number | null | undefined, currency = 'USD'): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(value);
}

export function quantity(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 }).format(value);
}

export function dateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

/** A category path as a product page shows it: "Default Category/Gear/Bags" → name "Bags", parents "Default Category / Gear". */
export function categoryParts(path: string): { name: string; parents: string } {
  const parts = path.split('/').filter(Boolean);
  return { name: parts.at(-1) ?? path, parents: parts.slice(0, -1).join(' / ') };
}
