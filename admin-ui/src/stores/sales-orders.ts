/**
 * Sales > Orders grid: the query (page, sort, filters), the current page of rows, and the CSV export of every
 * order the filters match. Paging, sorting and filtering happen on the server; a slow answer to an old query
 * never overwrites a newer one.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { describeError, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { SalesOrder, SalesOrderPage } from '../api/types';
import { defaultQuery, emptyFilters, toApiQuery, withoutFilter, type FilterChip, type OrderFilters, type OrdersQuery } from './order-query';

export const useSalesOrdersStore = defineStore('salesOrders', () => {
  const query = ref<OrdersQuery>(defaultQuery());
  const rows = ref<SalesOrder[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const loaded = ref(false);
  const problem = ref<Problem | null>(null);
  const exporting = ref(false);
  let sequence = 0;

  const pageCount = computed(() => Math.max(1, Math.ceil(total.value / query.value.pageSize)));

  async function load(): Promise<void> {
    const mine = ++sequence;
    loading.value = true;
    problem.value = null;
    try {
      const page = await useApi().get<SalesOrderPage>('/api/sales/orders', { query: toApiQuery(query.value) });
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

  function setQuery(next: OrdersQuery): void {
    query.value = next;
  }

  function setPage(page: number, pageSize = query.value.pageSize): void {
    query.value = { ...query.value, page: pageSize === query.value.pageSize ? page : 1, pageSize };
  }

  function setSort(sort: OrdersQuery['sort'], dir: OrdersQuery['dir']): void {
    query.value = { ...query.value, sort, dir, page: 1 };
  }

  /** New filters start again at page 1: page 7 of a different result means nothing. */
  function applyFilters(filters: OrderFilters): void {
    query.value = { ...query.value, filters: { ...filters, status: [...filters.status] }, page: 1 };
  }

  function removeFilter(key: FilterChip['key']): void {
    applyFilters(withoutFilter(query.value.filters, key));
  }

  function clearFilters(): void {
    applyFilters(emptyFilters());
  }

  /** Every order the filters match (not just this page), as the server's CSV. */
  async function exportCsv(): Promise<{ blob: Blob; filename: string }> {
    exporting.value = true;
    try {
      const blob = await useApi().download('/api/sales/orders.csv', { query: toApiQuery(query.value, false) });
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      return { blob, filename: `orders-${stamp}.csv` };
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
    exporting,
    pageCount,
    load,
    setQuery,
    setPage,
    setSort,
    applyFilters,
    removeFilter,
    clearFilters,
    exportCsv,
  };
});
