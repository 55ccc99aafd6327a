/**
 * The Listings grid of one store: tab counts, one server-side page (tab, filters, sort, paging), row
 * selection and mass actions, and a poll of the counts while anything is in flight (List In Progress,
 * Ending In Progress, Deleting, a Pending Qty Update on the page) or a rule is applying, so the progress bar
 * and the rows move by themselves.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { describeError, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { Listing, ListingCounts, ListingPage, ListingStatus, ListingTab, MassActionResult, OverridesBody } from '../api/types';
import { LISTING_STATUSES, LISTING_STATUS_LABELS } from '../../../schema/listings';
import { DEFAULT_LISTING_COLUMNS, normaliseListingColumns, sortAfterHiding } from './listing-columns';
import { readJson, writeJson } from './storage';

/** The tabs in the order the page shows them; `new_third_party` is the existing-Amazon-listings tab. */
export type GridTab = Exclude<ListingTab, 'all'> | 'new_third_party';
export const GRID_TABS: { value: GridTab; title: string }[] = [
  { value: 'active', title: 'Active' },
  { value: 'inactive', title: 'Inactive' },
  { value: 'incomplete', title: 'Incomplete' },
  { value: 'ready_to_list', title: 'Ready to List' },
  { value: 'ineligible', title: 'Ineligible' },
  { value: 'ended', title: 'Ended' },
  { value: 'overrides', title: 'Overrides' },
  { value: 'new_third_party', title: 'New Third Party' },
  { value: 'errors', title: 'Errors' },
];

const STATUS_COLORS: Record<ListingStatus, string> = {
  validating_asin: 'info',
  ready_to_list: 'primary',
  multiple_matches: 'warning',
  unable_to_assign: 'warning',
  has_variants: 'warning',
  missing_condition: 'warning',
  list_in_progress: 'info',
  active: 'success',
  inactive: 'grey-darken-1',
  error: 'error',
  ending_in_progress: 'info',
  ended: 'grey-darken-1',
  ineligible: 'grey-darken-1',
  deleting: 'info',
};

/** Each status's words (shared with the server, schema/listings.ts) and chip colour. */
export const STATUS_TEXT = Object.fromEntries(
  LISTING_STATUSES.map((s) => [s, { text: LISTING_STATUS_LABELS[s], color: STATUS_COLORS[s] }]),
) as Record<ListingStatus, { text: string; color: string }>;

/** The mass Edit overrides dialog's words for its fields (OverridesDialog.vue). */
export const MASS_OVERRIDE_LABELS = { price: 'Price override', 'overrides.price': 'Price override' } as const;

export type MassAction = 'publish' | 'end' | 'rematch' | 'delete' | 'set_overrides' | 'clear_overrides' | 'update_quantity';

/** The chip a row shows while its quantity change (or an Update quantity) waits for Amazon. */
export const PENDING_QTY = { text: 'Pending Qty Update', color: 'warning' } as const;

const PROFILE_SOURCE_TEXT: Record<Listing['profileSource'], string> = {
  hand: 'assigned by hand',
  rule: 'by its rule',
  default: 'store default',
  'built-in': 'built-in',
};

/** The stock profile under the quantity: its name, and how it was chosen (for the title). */
export function profileLabel(l: { stockProfile: { id: number; name: string } | null; profileSource: Listing['profileSource'] }): {
  name: string;
  why: string;
} {
  return { name: l.stockProfile?.name ?? 'Product quantity', why: PROFILE_SOURCE_TEXT[l.profileSource] ?? l.profileSource };
}
export type SortKey = 'sku' | 'sellerSku' | 'status' | 'updatedAt' | 'asin';

export interface GridQuery {
  q: string;
  status: ListingStatus | null;
  sort: SortKey;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export const defaultQuery = (): GridQuery => ({ q: '', status: null, sort: 'sku', dir: 'asc', page: 1, pageSize: 20 });

export const IN_FLIGHT: readonly ListingStatus[] = ['list_in_progress', 'ending_in_progress', 'deleting', 'validating_asin'];

export const useListingsStore = defineStore('listings', () => {
  const storeId = ref<number | null>(null);
  const tab = ref<GridTab>('active');
  const query = ref<GridQuery>(defaultQuery());
  const page = ref<ListingPage | null>(null);
  const counts = ref<ListingCounts | null>(null);
  const loading = ref(false);
  const problem = ref<Problem | null>(null);
  const selected = ref<number[]>([]);
  const acting = ref(false);
  /** Listings on their way to or from Amazon (the progress bar), from the last page or counts. */
  const inFlight = ref(0);
  /** The grid's visible columns (the admin's choice, per admin and browser). */
  const columns = ref<string[]>([...DEFAULT_LISTING_COLUMNS]);
  let columnsKey: string | null = null;

  const url = () => `/api/stores/${storeId.value}/listings`;
  const items = computed<Listing[]>(() => page.value?.items ?? []);
  /** Rows of this page waiting for Amazon to take a new quantity (the page polls until they are answered). */
  const pendingQty = computed(() => items.value.filter((i) => i.pendingQtyUpdate).length);

  async function loadCounts(): Promise<void> {
    counts.value = await useApi().get<ListingCounts>(`${url()}/counts`);
  }

  async function countInFlight(): Promise<void> {
    // The counts are per tab; in-flight statuses are spread over tabs, so ask for them by status.
    const api = useApi();
    const pages = await Promise.all(IN_FLIGHT.map((status) => api.get<ListingPage>(url(), { query: { tab: 'all', status, pageSize: 1 } })));
    inFlight.value = pages.reduce((sum, p) => sum + p.total, 0);
  }

  async function load(): Promise<void> {
    if (storeId.value === null) return;
    loading.value = true;
    problem.value = null;
    try {
      const api = useApi();
      const q = query.value;
      const [p] = await Promise.all([
        tab.value === 'new_third_party'
          ? Promise.resolve(null)
          : api.get<ListingPage>(url(), {
              query: { tab: tab.value, page: q.page, pageSize: q.pageSize, q: q.q, status: q.status, sort: q.sort, dir: q.dir },
            }),
        loadCounts(),
        countInFlight(),
      ]);
      page.value = p;
      const visible = new Set(items.value.map((i) => i.id));
      selected.value = selected.value.filter((id) => visible.has(id));
    } catch (error) {
      problem.value = describeError(error);
    } finally {
      loading.value = false;
    }
  }

  async function open(id: number, to: GridTab = tab.value): Promise<void> {
    if (storeId.value !== id) {
      page.value = null;
      counts.value = null;
      selected.value = [];
    }
    storeId.value = id;
    tab.value = to;
    await load();
  }

  function setTab(to: GridTab): Promise<void> {
    tab.value = to;
    query.value = { ...query.value, page: 1, status: null };
    selected.value = [];
    return load();
  }

  function setQuery(patch: Partial<GridQuery>): Promise<void> {
    const resetsPage = Object.keys(patch).some((k) => k !== 'page');
    query.value = { ...query.value, ...patch, ...(resetsPage && patch.page === undefined ? { page: 1 } : {}) };
    return load();
  }

  function useColumnsOf(adminId: number): void {
    columnsKey = `asc.admin.${adminId}.listings.columns`;
    columns.value = normaliseListingColumns(readJson<string[]>(columnsKey, DEFAULT_LISTING_COLUMNS));
  }

  /** Shows these columns; hiding the sorted column sorts by catalog SKU again. */
  function setColumns(keys: readonly string[]): void {
    columns.value = normaliseListingColumns(keys);
    if (columnsKey) writeJson(columnsKey, columns.value);
    const sort = sortAfterHiding(query.value.sort, columns.value);
    if (sort) void setQuery({ sort, dir: 'asc' });
  }

  /** Runs a mass action on the selection; the result names what was skipped and why. */
  async function massAction(action: MassAction, overrides?: OverridesBody): Promise<MassActionResult | Problem> {
    acting.value = true;
    try {
      const result = await useApi().post<MassActionResult>(`${url()}/mass-action`, {
        action,
        listingIds: selected.value,
        ...(action === 'delete' ? { confirm: true } : {}),
        ...(overrides ? { overrides } : {}),
      });
      selected.value = [];
      await load();
      return result;
    } catch (error) {
      return describeError(error, MASS_OVERRIDE_LABELS);
    } finally {
      acting.value = false;
    }
  }

  return {
    storeId,
    tab,
    query,
    page,
    counts,
    loading,
    problem,
    selected,
    acting,
    inFlight,
    columns,
    items,
    pendingQty,
    load,
    loadCounts,
    open,
    setTab,
    setQuery,
    massAction,
    useColumnsOf,
    setColumns,
  };
});

export const isProblem = (x: unknown): x is Problem => typeof x === 'object' && x !== null && 'code' in x && 'fields' in x;
