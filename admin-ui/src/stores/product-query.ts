/**
 * The product grid's query (page, sort, filters) as plain data, and its three spellings: the API's
 * query string, the browser's URL (so a filtered grid survives a reload or a new sign-in), and the
 * chips that show the active filters. Pure: no Vue, no fetch.
 */
import type { Query } from '../api/client';
import type { ProductSortKey } from '../api/types';

export interface AttributeFilter {
  code: string;
  value: string;
}

export interface ProductFilters {
  q: string;
  sku: string;
  name: string;
  type: string;
  status: string;
  visibility: string;
  website: string;
  salableMin: number | null;
  salableMax: number | null;
  attrs: AttributeFilter[];
}

export interface GridQuery {
  page: number;
  pageSize: number;
  sort: ProductSortKey;
  dir: 'asc' | 'desc';
  filters: ProductFilters;
}

export const SORT_KEYS: readonly ProductSortKey[] = ['sku', 'name', 'type', 'status', 'price', 'salableQty', 'updatedAt'];
export const PAGE_SIZES = [20, 50, 100, 200] as const;

export const emptyFilters = (): ProductFilters => ({
  q: '',
  sku: '',
  name: '',
  type: '',
  status: '',
  visibility: '',
  website: '',
  salableMin: null,
  salableMax: null,
  attrs: [],
});

export const defaultQuery = (): GridQuery => ({ page: 1, pageSize: 20, sort: 'sku', dir: 'asc', filters: emptyFilters() });

const TEXT_FILTERS = ['q', 'sku', 'name', 'type', 'status', 'visibility', 'website'] as const;

/** The query string GET /api/catalog/products (and products.csv) expects. */
export function toApiQuery(query: GridQuery, paged = true): Query {
  const f = query.filters;
  const out: Query = { sort: query.sort, dir: query.dir };
  if (paged) Object.assign(out, { page: query.page, pageSize: query.pageSize });
  for (const key of TEXT_FILTERS) if (f[key].trim()) out[key] = f[key].trim();
  if (f.salableMin !== null) out.salableMin = f.salableMin;
  if (f.salableMax !== null) out.salableMax = f.salableMax;
  const attrs = f.attrs.filter((a) => a.code && a.value.trim()).map((a) => `${a.code}:${a.value.trim()}`);
  if (attrs.length) out.attr = attrs;
  return out;
}

export function toRouteQuery(query: GridQuery): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const defaults = defaultQuery();
  for (const [key, value] of Object.entries(toApiQuery(query))) {
    if (value === undefined || value === null) continue;
    if (key in defaults && (defaults as unknown as Record<string, unknown>)[key] === value) continue;
    out[key] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return out;
}

type RouteQuery = Record<string, string | null | (string | null)[] | undefined>;

function first(value: string | null | (string | null)[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return v ?? '';
}

function numberOrNull(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** Reads a URL's query back; anything malformed falls back to the default rather than failing. */
export function fromRouteQuery(route: RouteQuery): GridQuery {
  const q = defaultQuery();
  const page = Number.parseInt(first(route.page), 10);
  if (page >= 1) q.page = page;
  const size = Number.parseInt(first(route.pageSize), 10);
  if ((PAGE_SIZES as readonly number[]).includes(size)) q.pageSize = size;
  const sort = first(route.sort) as ProductSortKey;
  if (SORT_KEYS.includes(sort)) q.sort = sort;
  if (first(route.dir) === 'desc') q.dir = 'desc';
  for (const key of TEXT_FILTERS) q.filters[key] = first(route[key]);
  q.filters.salableMin = numberOrNull(first(route.salableMin));
  q.filters.salableMax = numberOrNull(first(route.salableMax));
  const attrs = route.attr === undefined ? [] : Array.isArray(route.attr) ? route.attr : [route.attr];
  q.filters.attrs = attrs
    .filter((a): a is string => typeof a === 'string' && a.includes(':'))
    .map((a) => ({ code: a.slice(0, a.indexOf(':')), value: a.slice(a.indexOf(':') + 1) }));
  return q;
}

export interface FilterChip {
  /** Which filter the chip removes: a filter key, or `attr:<index>`. */
  key: string;
  label: string;
}

const LABELS: Record<(typeof TEXT_FILTERS)[number], string> = {
  q: 'Keyword',
  sku: 'SKU',
  name: 'Name',
  type: 'Type',
  status: 'Status',
  visibility: 'Visibility',
  website: 'Website',
};

export function filterChips(f: ProductFilters): FilterChip[] {
  const chips: FilterChip[] = [];
  for (const key of TEXT_FILTERS) if (f[key].trim()) chips.push({ key, label: `${LABELS[key]}: ${f[key].trim()}` });
  if (f.salableMin !== null || f.salableMax !== null) {
    chips.push({ key: 'salable', label: `Salable Qty: ${f.salableMin ?? '…'} – ${f.salableMax ?? '…'}` });
  }
  f.attrs.forEach((a, i) => {
    if (a.code && a.value.trim()) chips.push({ key: `attr:${i}`, label: `${a.code}: ${a.value.trim()}` });
  });
  return chips;
}

export function withoutFilter(f: ProductFilters, key: string): ProductFilters {
  const next: ProductFilters = { ...f, attrs: [...f.attrs] };
  if (key === 'salable') {
    next.salableMin = null;
    next.salableMax = null;
  } else if (key.startsWith('attr:')) next.attrs.splice(Number(key.slice(5)), 1);
  else if ((TEXT_FILTERS as readonly string[]).includes(key)) next[key as (typeof TEXT_FILTERS)[number]] = '';
  return next;
}
