/**
 * The orders grid's query (page, sort, filters) as plain data, and its spellings: the API's query string, the
 * browser's URL (so a filtered grid can be shared and survives a reload), a saved view's filters, and the chips
 * of the active filters. Dates are the admin's own calendar days (a date field gives a day, not an instant):
 * "from" is the day's first moment, "to" and "ship by" include the whole day. Pure: no Vue, no fetch.
 */
import type { Query } from '../api/client';
import type { FulfillmentChannel, OrderSort, OrderSource, SalesOrderViewFilters } from '../api/types';
import { FULFILLMENT_CHANNELS, ORDER_SORTS, ORDER_SOURCES } from '../../../schema/sales';

export interface OrderFilters {
  q: string;
  source: OrderSource | '';
  storeId: number | null;
  marketplaceId: string;
  status: string[];
  fulfillmentChannel: FulfillmentChannel | '';
  /** YYYY-MM-DD, the admin's day; '' = no bound. */
  purchasedFrom: string;
  /** YYYY-MM-DD, included. */
  purchasedTo: string;
  /** YYYY-MM-DD, included: orders whose ship-by date falls before the end of that day. */
  shipByBefore: string;
}

export interface OrdersQuery {
  page: number;
  pageSize: number;
  sort: OrderSort;
  dir: 'asc' | 'desc';
  filters: OrderFilters;
}

export const PAGE_SIZES = [20, 50, 100, 200] as const;
export const SORT_KEYS: readonly OrderSort[] = ORDER_SORTS;

export const emptyFilters = (): OrderFilters => ({
  q: '',
  source: '',
  storeId: null,
  marketplaceId: '',
  status: [],
  fulfillmentChannel: '',
  purchasedFrom: '',
  purchasedTo: '',
  shipByBefore: '',
});

/** Newest orders first, as Magento's order grid opens. */
export const defaultQuery = (): OrdersQuery => ({ page: 1, pageSize: 20, sort: 'purchasedAt', dir: 'desc', filters: emptyFilters() });

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayParts(day: string): [number, number, number] | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(y, mo - 1, d);
  return date.getFullYear() === y && date.getMonth() === mo - 1 && date.getDate() === d ? [y, mo, d] : null;
}

export const isDay = (day: string): boolean => dayParts(day) !== null;

/** The first moment of a local day (plus `addDays`), as the API's ISO instant. */
function dayStart(day: string, addDays = 0): string | undefined {
  const p = dayParts(day);
  return p ? new Date(p[0], p[1] - 1, p[2] + addDays).toISOString() : undefined;
}

/** The local day an ISO instant falls on (minus `minusDays`): the way back from the API's form. */
function dayOf(iso: unknown, minusDays = 0): string {
  if (typeof iso !== 'string') return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  d.setDate(d.getDate() - minusDays);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The filters as GET /api/sales/orders (and orders.csv, and a saved view) take them. */
export function toApiFilters(f: OrderFilters): Omit<SalesOrderViewFilters, 'sort' | 'dir' | 'pageSize'> {
  const out: Omit<SalesOrderViewFilters, 'sort' | 'dir' | 'pageSize'> = {};
  if (f.q.trim()) out.q = f.q.trim();
  if (f.source) out.source = f.source;
  if (f.storeId !== null) out.storeId = f.storeId;
  if (f.marketplaceId) out.marketplaceId = f.marketplaceId;
  if (f.status.length) out.status = [...f.status];
  if (f.fulfillmentChannel) out.fulfillmentChannel = f.fulfillmentChannel;
  const from = dayStart(f.purchasedFrom);
  const to = dayStart(f.purchasedTo, 1);
  const shipBy = dayStart(f.shipByBefore, 1);
  if (from) out.purchasedFrom = from;
  if (to) out.purchasedTo = to;
  if (shipBy) out.shipByBefore = shipBy;
  return out;
}

export function toApiQuery(query: OrdersQuery, paged = true): Query {
  return {
    sort: query.sort,
    dir: query.dir,
    ...(paged ? { page: query.page, pageSize: query.pageSize } : {}),
    ...toApiFilters(query.filters),
  };
}

/** A saved view keeps the filters, sort and page size — never a page. */
export function toViewFilters(query: OrdersQuery): SalesOrderViewFilters {
  return { ...toApiFilters(query.filters), sort: query.sort, dir: query.dir, pageSize: query.pageSize };
}

export function fromViewFilters(v: SalesOrderViewFilters): OrdersQuery {
  const q = defaultQuery();
  if (v.sort && SORT_KEYS.includes(v.sort)) q.sort = v.sort;
  if (v.dir) q.dir = v.dir;
  if (v.pageSize && (PAGE_SIZES as readonly number[]).includes(v.pageSize)) q.pageSize = v.pageSize;
  const f = q.filters;
  f.q = v.q ?? '';
  f.source = v.source ?? '';
  f.storeId = v.storeId ?? null;
  f.marketplaceId = v.marketplaceId ?? '';
  f.status = [...(v.status ?? [])];
  f.fulfillmentChannel = v.fulfillmentChannel ?? '';
  f.purchasedFrom = dayOf(v.purchasedFrom);
  f.purchasedTo = dayOf(v.purchasedTo, 1);
  f.shipByBefore = dayOf(v.shipByBefore, 1);
  return q;
}

/** The URL keeps the days as the admin typed them (readable, and the same grid in another time zone's browser). */
export function toRouteQuery(query: OrdersQuery): Record<string, string | string[]> {
  const d = defaultQuery();
  const f = query.filters;
  const out: Record<string, string | string[]> = {};
  if (query.page !== d.page) out.page = String(query.page);
  if (query.pageSize !== d.pageSize) out.pageSize = String(query.pageSize);
  if (query.sort !== d.sort) out.sort = query.sort;
  if (query.dir !== d.dir) out.dir = query.dir;
  if (f.q.trim()) out.q = f.q.trim();
  if (f.source) out.source = f.source;
  if (f.storeId !== null) out.storeId = String(f.storeId);
  if (f.marketplaceId) out.marketplaceId = f.marketplaceId;
  if (f.status.length) out.status = [...f.status];
  if (f.fulfillmentChannel) out.fulfillmentChannel = f.fulfillmentChannel;
  for (const key of ['purchasedFrom', 'purchasedTo', 'shipByBefore'] as const) if (isDay(f[key])) out[key] = f[key];
  return out;
}

type RouteValue = string | null | (string | null)[] | undefined;

const first = (value: RouteValue): string => (Array.isArray(value) ? value[0] : value) ?? '';
const all = (value: RouteValue): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string' && v !== '');

/** Reads a URL's query back; anything malformed falls back to the default rather than failing. */
export function fromRouteQuery(route: Record<string, RouteValue>): OrdersQuery {
  const q = defaultQuery();
  const page = Number.parseInt(first(route.page), 10);
  if (page >= 1) q.page = page;
  const size = Number.parseInt(first(route.pageSize), 10);
  if ((PAGE_SIZES as readonly number[]).includes(size)) q.pageSize = size;
  const sort = first(route.sort) as OrderSort;
  if (SORT_KEYS.includes(sort)) q.sort = sort;
  if (first(route.dir) === 'asc') q.dir = 'asc';
  const f = q.filters;
  f.q = first(route.q).slice(0, 255);
  const source = first(route.source) as OrderSource;
  if (ORDER_SOURCES.includes(source)) f.source = source;
  const storeId = Number(first(route.storeId));
  if (Number.isInteger(storeId) && storeId >= 1) f.storeId = storeId;
  f.marketplaceId = first(route.marketplaceId).slice(0, 32);
  f.status = all(route.status).slice(0, 20);
  const channel = first(route.fulfillmentChannel) as FulfillmentChannel;
  if (FULFILLMENT_CHANNELS.includes(channel)) f.fulfillmentChannel = channel;
  for (const key of ['purchasedFrom', 'purchasedTo', 'shipByBefore'] as const) {
    const day = first(route[key]);
    if (isDay(day)) f[key] = day;
  }
  return q;
}

export const sameQuery = (a: OrdersQuery, b: OrdersQuery): boolean => JSON.stringify(toRouteQuery(a)) === JSON.stringify(toRouteQuery(b));

export interface FilterChip {
  key: keyof OrderFilters | 'purchased';
  label: string;
}

/** How chips name a store and a marketplace (the grid knows the names; the query keeps ids). */
export interface ChipNames {
  store(id: number): string;
  marketplace(id: string): string;
}

export const SOURCE_LABELS: Record<OrderSource, string> = { amazon: 'Amazon', web: 'Web' };
export const CHANNEL_LABELS: Record<FulfillmentChannel, string> = { MFN: 'Merchant (MFN)', AFN: 'Amazon (FBA)' };

export function filterChips(f: OrderFilters, names: ChipNames): FilterChip[] {
  const chips: FilterChip[] = [];
  if (f.q.trim()) chips.push({ key: 'q', label: `Keyword: ${f.q.trim()}` });
  if (f.source) chips.push({ key: 'source', label: `Source: ${SOURCE_LABELS[f.source]}` });
  if (f.storeId !== null) chips.push({ key: 'storeId', label: `Store: ${names.store(f.storeId)}` });
  if (f.marketplaceId) chips.push({ key: 'marketplaceId', label: `Marketplace: ${names.marketplace(f.marketplaceId)}` });
  if (f.status.length) chips.push({ key: 'status', label: `Status: ${f.status.join(', ')}` });
  if (f.fulfillmentChannel) chips.push({ key: 'fulfillmentChannel', label: `Fulfillment: ${CHANNEL_LABELS[f.fulfillmentChannel]}` });
  if (f.purchasedFrom || f.purchasedTo)
    chips.push({ key: 'purchased', label: `Purchased: ${f.purchasedFrom || '…'} – ${f.purchasedTo || '…'}` });
  if (f.shipByBefore) chips.push({ key: 'shipByBefore', label: `Ship by: on or before ${f.shipByBefore}` });
  return chips;
}

export function withoutFilter(f: OrderFilters, key: FilterChip['key']): OrderFilters {
  const next: OrderFilters = { ...f, status: [...f.status] };
  const empty = emptyFilters();
  if (key === 'purchased') {
    next.purchasedFrom = '';
    next.purchasedTo = '';
  } else (next as unknown as Record<string, unknown>)[key] = empty[key];
  return next;
}
