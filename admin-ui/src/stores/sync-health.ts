/**
 * Sync health per store (issue 7): every store's figures in one call for the Amazon Stores cards (each card
 * asks; concurrent asks share one request), and one store's for its dashboard. Formatting lives in
 * `store-cards.ts` (pure, unit-tested).
 */
import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import { describeError, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { SyncHealth, SyncHealthList } from '../api/sync-health-types';

export const useSyncHealthStore = defineStore('syncHealth', () => {
  const byStore = reactive<Record<number, SyncHealth>>({});
  const problem = ref<Problem | null>(null);
  const loading = ref(false);
  let allInFlight: Promise<void> | null = null;

  async function fetchAll(): Promise<void> {
    loading.value = true;
    problem.value = null;
    try {
      const list = await useApi().get<SyncHealthList>('/api/sync-health');
      for (const h of list.items) byStore[h.storeId] = h;
    } catch (error) {
      problem.value = describeError(error);
    } finally {
      loading.value = false;
    }
  }

  /** Every store's figures; cards mounting together share one request. */
  function loadAll(): Promise<void> {
    allInFlight ??= fetchAll().finally(() => {
      allInFlight = null;
    });
    return allInFlight;
  }

  async function loadOne(storeId: number): Promise<void> {
    loading.value = true;
    problem.value = null;
    try {
      byStore[storeId] = await useApi().get<SyncHealth>(`/api/stores/${storeId}/sync-health`);
    } catch (error) {
      problem.value = describeError(error);
    } finally {
      loading.value = false;
    }
  }

  return { byStore, problem, loading, loadAll, loadOne };
});
