/** Reference data for catalog forms and filters (websites, attributes, the category tree), loaded once per session. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { describeError, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { CatalogAttribute, CategoryNode, Website } from '../api/types';

export const useCatalogMetaStore = defineStore('catalogMeta', () => {
  const websites = ref<Website[]>([]);
  const attributes = ref<CatalogAttribute[]>([]);
  const problem = ref<Problem | null>(null);
  const categories = ref<CategoryNode[]>([]);
  const categoriesProblem = ref<Problem | null>(null);
  let loading: Promise<void> | null = null;
  let loadingCategories: Promise<void> | null = null;

  function load(): Promise<void> {
    loading ??= (async () => {
      try {
        const api = useApi();
        const [w, a] = await Promise.all([
          api.get<Website[]>('/api/catalog/websites'),
          api.get<CatalogAttribute[]>('/api/catalog/attributes'),
        ]);
        websites.value = w;
        attributes.value = a;
      } catch (error) {
        problem.value = describeError(error);
        loading = null; // let the next page try again
      }
    })();
    return loading;
  }

  /** The category tree (only the pages that pick categories need it, so it loads on its own). */
  function loadCategories(): Promise<void> {
    loadingCategories ??= (async () => {
      try {
        categories.value = await useApi().get<CategoryNode[]>('/api/catalog/categories', { query: { format: 'tree' } });
        categoriesProblem.value = null;
      } catch (error) {
        categoriesProblem.value = describeError(error);
        loadingCategories = null;
      }
    })();
    return loadingCategories;
  }

  /** The options an attribute filter can offer: select attributes filter by option label. */
  function optionsOf(code: string): { value: string; title: string }[] {
    const attr = attributes.value.find((a) => a.code === code);
    return (attr?.options ?? []).map((label) => ({ value: label, title: label }));
  }

  return { websites, attributes, problem, categories, categoriesProblem, load, loadCategories, optionsOf };
});
