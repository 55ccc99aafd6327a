/**
 * Catalog > Products grid: the query (page, sort, filters), the visible columns, the current page of
 * rows, and the CSV export of everything the filters match. Paging, sorting and filtering happen on
 * the server; a slow answer to an old query never overwrites a newer one.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { describeError, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { Page, ProductRow } from '../api/types';
import { DEFAULT_COLUMNS, normaliseColumns } from './product-columns';
import { defaultQuery, emptyFilters, filterChips, toApiQuery, withoutFilter, type GridQuery, type ProductFilters } from './product-query';
import { readJson, writeJson } from './storage';

export const useProductsStore = defineStore('products', () => {
  const query = ref<GridQuery>(defaultQuery());
  const rows = ref<ProductRow[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const loaded = ref(false);
  const problem = ref<Problem | null>(null);
  const columns = ref<string[]>([...DEFAULT_COLUMNS]);
  const exporting = ref(false);
  let sequence = 0;
  let columnsKey: string | null = null;

  const chips = computed(() => filterChips(query.value.filters));
  const pageCount = computed(() => Math.max(1, Math.ceil(total.value / query.value.pageSize)));

  async function load(): Promise<void> {
    const mine = ++sequence;
    loading.value = true;
    problem.value = null;
    try {
      const page = await useApi().get<Page<ProductRow>>('/api/catalog/products', { query: toApiQuery(query.value) });
      if (mine !== sequence) return;
      rows.value = page.items;
      total.value = page.total;
      loaded.value = true;
    } catch (error) {
      if (mine !== sequence) return;
      problem.value = describeError(error);
      rows.value = [];
      total.value = 0;
    } finally {
      if (mine === sequence) loading.value = false;
    }
  }

  function setQuery(next: GridQuery): void {
    query.value = next;
  }

  function setPage(page: number, pageSize = query.value.pageSize): void {
    query.value = { ...query.value, page: pageSize === query.value.pageSize ? page : 1, pageSize };
  }

  function setSort(sort: GridQuery['sort'], dir: GridQuery['dir']): void {
    query.value = { ...query.value, sort, dir, page: 1 };
  }

  /** New filters always start again at page 1: page 7 of a different result means nothing. */
  function applyFilters(filters: ProductFilters): void {
    query.value = { ...query.value, filters: { ...filters, attrs: filters.attrs.map((a) => ({ ...a })) }, page: 1 };
  }

  function removeFilter(key: string): void {
    applyFilters(withoutFilter(query.value.filters, key));
  }

  function clearFilters(): void {
    applyFilters(emptyFilters());
  }

  /** Columns are remembered per admin in this browser. */
  function useColumnsOf(adminId: number | string): void {
    columnsKey = `asc.admin.${adminId}.products.columns`;
    columns.value = normaliseColumns(readJson<string[]>(columnsKey, DEFAULT_COLUMNS));
  }

  function setColumns(keys: readonly string[]): void {
    columns.value = normaliseColumns(keys);
    if (columnsKey) writeJson(columnsKey, columns.value);
  }

  /** Every row the filters match (not just this page), as the server's CSV. */
  async function exportCsv(): Promise<{ blob: Blob; filename: string } | null> {
    exporting.value = true;
    try {
      const blob = await useApi().download('/api/catalog/products.csv', { query: toApiQuery(query.value, false) });
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      return { blob, filename: `products-${stamp}.csv` };
    } finally {
      exporting.value = false;
    }
  }

  return {
    query,
    rows,
    total,
    loading,
    loaded,
    problem,
    columns,
    exporting,
    chips,
    pageCount,
    load,
    setQuery,
    setPage,
    setSort,
    applyFilters,
    removeFilter,
    clearFilters,
    useColumnsOf,
    setColumns,
    exportCsv,
  };
});
