/**
 * Sales > Orders needing attention: Amazon orders kept with their reason (unknown SKU, disabled product, a failed
 * import), per store or all, with the counts per store; Retry one or all, and Map SKU (a seller SKU → a catalog
 * product for the store) then retry. The counts alone feed Sales > Orders' "N need attention" link.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { describeError, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { AttentionPage, OrderImportOutcome, OrderImportRecord, OrderSkuMapping, Page, ProductRow, RetryAllResult } from '../api/types';

export const useAmazonOrdersWorkbenchStore = defineStore('amazonOrdersWorkbench', () => {
  /** The store filter; null = every store. */
  const storeId = ref<number | null>(null);
  const page = ref(1);
  const pageSize = ref(50);
  const items = ref<OrderImportRecord[]>([]);
  const total = ref(0);
  const counts = ref<AttentionPage['counts']>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const problem = ref<Problem | null>(null);
  /** The record being retried, or 'all'. */
  const busy = ref<number | 'all' | null>(null);
  let sequence = 0;

  const totalNeedingAttention = computed(() => counts.value.reduce((sum, c) => sum + c.count, 0));
  const countOf = (id: number) => counts.value.find((c) => c.storeId === id)?.count ?? 0;

  const fetchPage = (query: Record<string, number>) => useApi().get<AttentionPage>('/api/amazon-orders/attention', { query });

  async function load(): Promise<void> {
    const mine = ++sequence;
    loading.value = true;
    problem.value = null;
    try {
      const query: Record<string, number> = { page: page.value, pageSize: pageSize.value };
      if (storeId.value !== null) query.storeId = storeId.value;
      const result = await fetchPage(query);
      if (mine !== sequence) return;
      items.value = result.items;
      total.value = result.total;
      counts.value = result.counts;
      loaded.value = true;
    } catch (error) {
      if (mine !== sequence) return;
      problem.value = describeError(error);
      items.value = [];
      total.value = 0;
    } finally {
      if (mine === sequence) loading.value = false;
    }
  }

  /** Only the counts per store (Sales > Orders' header link); a failure leaves them as they were. */
  async function loadCounts(): Promise<void> {
    try {
      counts.value = (await fetchPage({ page: 1, pageSize: 1 })).counts;
    } catch {
      // The link is a hint; the workbench itself shows the problem.
    }
  }

  function setStore(id: number | null): Promise<void> {
    storeId.value = id;
    page.value = 1;
    return load();
  }

  function setPage(p: number, size = pageSize.value): Promise<void> {
    page.value = size === pageSize.value ? p : 1;
    pageSize.value = size;
    return load();
  }

  /** Fetches the order from Amazon again and imports it; the grid reloads either way. */
  async function retry(id: number): Promise<OrderImportOutcome | Problem> {
    busy.value = id;
    try {
      return await useApi().post<OrderImportOutcome>(`/api/amazon-orders/imports/${id}/retry`);
    } catch (error) {
      return describeError(error);
    } finally {
      busy.value = null;
      await load();
    }
  }

  /** Retries every order needing attention of `forStore` (or of every store). */
  async function retryAll(forStore: number | null): Promise<RetryAllResult | Problem> {
    busy.value = 'all';
    try {
      return await useApi().post<RetryAllResult>('/api/amazon-orders/attention/retry', forStore === null ? {} : { storeId: forStore });
    } catch (error) {
      return describeError(error);
    } finally {
      busy.value = null;
      await load();
    }
  }

  /** Maps the record's unknown seller SKU to a catalog product for its store, then retries the order. */
  async function mapSkuAndRetry(record: OrderImportRecord, sellerSku: string, sku: string): Promise<OrderImportOutcome | Problem> {
    busy.value = record.id;
    try {
      await useApi().post<OrderSkuMapping>(`/api/stores/${record.storeId}/amazon-orders/sku-mappings`, { sellerSku, sku });
    } catch (error) {
      busy.value = null;
      return describeError(error, { sellerSku: 'Seller SKU', sku: 'Catalog product' });
    }
    return retry(record.id);
  }

  /** Catalog products whose SKU or name contains `text` (Map SKU's product search). */
  async function searchProducts(text: string): Promise<{ sku: string; name: string | null }[]> {
    const r = await useApi().get<Page<ProductRow>>('/api/catalog/products', { query: { q: text, pageSize: 10 } });
    return r.items.map((p) => ({ sku: p.sku, name: p.name ?? null }));
  }

  return {
    storeId,
    page,
    pageSize,
    items,
    total,
    counts,
    loading,
    loaded,
    problem,
    busy,
    totalNeedingAttention,
    countOf,
    load,
    loadCounts,
    setStore,
    setPage,
    retry,
    retryAll,
    mapSkuAndRetry,
    searchProducts,
  };
});
