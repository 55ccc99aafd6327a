/**
 * Every store's listings by status and whether its listing rule was saved, in one call (the landing dashboard and
 * the confirmation after a connection read it). A store missing from the answer has neither: `of()` gives zeros.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { describeError, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { ListingsOverview, StoreListingsOverview } from '../api/listings-overview-types';
import { LISTING_STATUSES } from '../../../schema/listings';

export function emptyOverview(storeId: number): StoreListingsOverview {
  return {
    storeId,
    ruleSavedAt: null,
    statuses: Object.fromEntries(LISTING_STATUSES.map((s) => [s, 0])) as StoreListingsOverview['statuses'],
  };
}

export const useListingsOverviewStore = defineStore('listingsOverview', () => {
  const byStore = ref<Record<number, StoreListingsOverview>>({});
  const loading = ref(false);
  const loaded = ref(false);
  const problem = ref<Problem | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    problem.value = null;
    try {
      const answer = await useApi().get<ListingsOverview>('/api/listings/overview');
      byStore.value = Object.fromEntries(answer.items.map((i) => [i.storeId, i]));
      loaded.value = true;
    } catch (error) {
      problem.value = describeError(error);
    } finally {
      loading.value = false;
    }
  }

  const of = (storeId: number): StoreListingsOverview => byStore.value[storeId] ?? emptyOverview(storeId);

  return { byStore, loading, loaded, problem, load, of };
});
