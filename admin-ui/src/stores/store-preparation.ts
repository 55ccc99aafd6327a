/** Learning and Preparation: the pre-setup checklist for one store (or store-independent), manual items ticked by admins. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { describeError, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { Preparation } from '../api/types';

export const usePreparationStore = defineStore('preparation', () => {
  const checklist = ref<Preparation | null>(null);
  const storeId = ref<number | null>(null);
  const loading = ref(false);
  const problem = ref<Problem | null>(null);
  /** The key of the item being ticked. */
  const saving = ref<string | null>(null);

  const query = () => (storeId.value === null ? {} : { storeId: storeId.value });

  async function load(forStore: number | null = storeId.value): Promise<void> {
    storeId.value = forStore;
    loading.value = true;
    problem.value = null;
    try {
      checklist.value = await useApi().get<Preparation>('/api/stores/preparation', { query: query() });
    } catch (error) {
      problem.value = describeError(error);
    } finally {
      loading.value = false;
    }
  }

  async function tick(key: string, checked: boolean): Promise<Problem | null> {
    saving.value = key;
    try {
      checklist.value = await useApi().put<Preparation>(
        `/api/stores/preparation/${encodeURIComponent(key)}`,
        { checked },
        { query: query() },
      );
      return null;
    } catch (error) {
      return describeError(error);
    } finally {
      saving.value = null;
    }
  }

  return { checklist, storeId, loading, problem, saving, load, tick };
});
