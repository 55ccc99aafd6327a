/**
 * Existing Amazon listings (New Third Party tab): the imported rows, Import existing listings (requests the
 * merchant listings report and calls again until it is collected), link to a catalog product, leave
 * unmanaged, create a catalog product from one.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { describeError, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { Listing, ThirdPartyImport, ThirdPartyPage, ThirdPartyState } from '../api/types';

export const IMPORT_POLL_MS = 2000;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export const useThirdPartyStore = defineStore('thirdParty', () => {
  const storeId = ref<number | null>(null);
  const state = ref<ThirdPartyState>('new');
  const page = ref<ThirdPartyPage | null>(null);
  const pageNo = ref(1);
  const loading = ref(false);
  const problem = ref<Problem | null>(null);
  const importing = ref<ThirdPartyImport | null>(null);
  const busy = ref<number | null>(null);

  const url = (path = '') => `/api/stores/${storeId.value}/third-party-listings${path}`;

  async function load(id = storeId.value, to = state.value): Promise<void> {
    storeId.value = id;
    state.value = to;
    loading.value = true;
    problem.value = null;
    try {
      page.value = await useApi().get<ThirdPartyPage>(url(), { query: { state: to, page: pageNo.value, pageSize: 20 } });
    } catch (error) {
      problem.value = describeError(error);
    } finally {
      loading.value = false;
    }
  }

  /** Requests the report and calls again every `pollMs` until Amazon's report is collected. */
  async function importExisting(pollMs = IMPORT_POLL_MS, maxPolls = 150): Promise<ThirdPartyImport | Problem> {
    try {
      importing.value = await useApi().post<ThirdPartyImport>(url('/import'));
      for (let i = 0; importing.value.status !== 'done' && i < maxPolls; i++) {
        await sleep(pollMs);
        importing.value = await useApi().post<ThirdPartyImport>(url('/import'));
      }
      const result = importing.value;
      await load();
      return result;
    } catch (error) {
      return describeError(error);
    } finally {
      importing.value = null;
    }
  }

  async function act(id: number, call: () => Promise<unknown>): Promise<Problem | null> {
    busy.value = id;
    try {
      await call();
      await load();
      return null;
    } catch (error) {
      return describeError(error);
    } finally {
      busy.value = null;
    }
  }

  const link = (id: number, productId?: number) =>
    act(id, () => useApi().post<Listing>(url(`/${id}/link`), productId ? { productId } : {}));
  const leaveUnmanaged = (id: number) => act(id, () => useApi().post<void>(url(`/${id}/unmanaged`)));
  const createProduct = (id: number) => act(id, () => useApi().post<Listing>(url(`/${id}/create-product`)));

  /** Catalog products whose SKU contains `text` (the link dialog's search). */
  async function searchProducts(text: string): Promise<{ id: number; sku: string; name: string | null }[]> {
    const r = await useApi().get<{ items: { id: number; sku: string; name: string | null }[] }>('/api/catalog/products', {
      query: { sku: text, pageSize: 10 },
    });
    return r.items;
  }

  return {
    storeId,
    state,
    page,
    pageNo,
    loading,
    problem,
    importing,
    busy,
    load,
    importExisting,
    link,
    leaveUnmanaged,
    createProduct,
    searchProducts,
  };
});
