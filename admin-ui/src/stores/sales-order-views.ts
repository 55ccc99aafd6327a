/**
 * Saved views of the orders grid, kept by the server per admin (unlike the product grid's, which live in this
 * browser): orders are shared business data an admin returns to from any machine. Saving under a name the admin
 * already used replaces that view, as the server does.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { describeError, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { SalesOrderView } from '../api/types';
import { fromViewFilters, toViewFilters, type OrdersQuery } from './order-query';

export const useSalesOrderViewsStore = defineStore('salesOrderViews', () => {
  const views = ref<SalesOrderView[]>([]);
  const loading = ref(false);
  const problem = ref<Problem | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    problem.value = null;
    try {
      views.value = await useApi().get<SalesOrderView[]>('/api/sales/order-views');
    } catch (error) {
      problem.value = describeError(error);
    } finally {
      loading.value = false;
    }
  }

  /** Saves the query's filters, sort and page size; the answer replaces a view of the same name. */
  async function save(name: string, query: OrdersQuery): Promise<SalesOrderView> {
    const trimmed = name.trim();
    if (!trimmed) throw new Error('A saved view needs a name.');
    const view = await useApi().post<SalesOrderView>('/api/sales/order-views', { name: trimmed, filters: toViewFilters(query) });
    views.value = [...views.value.filter((v) => v.id !== view.id), view].sort((a, b) => a.name.localeCompare(b.name));
    return view;
  }

  async function remove(id: number): Promise<void> {
    await useApi().delete(`/api/sales/order-views/${id}`);
    views.value = views.value.filter((v) => v.id !== id);
  }

  /** The grid query a view stands for, from page 1. */
  const queryOf = (view: SalesOrderView): OrdersQuery => fromViewFilters(view.filters);

  return { views, loading, problem, load, save, remove, queryOf };
});
