/** One listing's page: the detail (issues, candidates, price and quantity steps, activity) and its actions. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { listingOverridesBodySchema, resolveMatchBodySchema } from '../../../schema/listings';
import { describeError, invalidProblem, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { Listing, ListingDetail, OverridesBody } from '../api/types';
import { validate } from '../validation/validate';

export type ListingAction = 'publish' | 'end' | 'rematch' | 'unlink' | 'delete';

const invalid = (fields: Record<string, string>): Problem => invalidProblem(fields, 400);

export const useListingStore = defineStore('listing', () => {
  const storeId = ref<number | null>(null);
  const id = ref<number | null>(null);
  const detail = ref<ListingDetail | null>(null);
  const loading = ref(false);
  const problem = ref<Problem | null>(null);
  const busy = ref<string | null>(null);
  /** Deleted (gone at once) or unlinked: the page says so and offers the way back to the grid. */
  const gone = ref<'deleted' | 'unlinked' | null>(null);

  const url = (path = '') => `/api/stores/${storeId.value}/listings/${id.value}${path}`;

  async function load(forStore = storeId.value, listingId = id.value, quiet = false): Promise<void> {
    if (forStore !== storeId.value || listingId !== id.value) {
      detail.value = null;
      gone.value = null;
    }
    storeId.value = forStore;
    id.value = listingId;
    if (!quiet) loading.value = true;
    problem.value = null;
    try {
      detail.value = await useApi().get<ListingDetail>(url());
    } catch (error) {
      problem.value = describeError(error);
    } finally {
      loading.value = false;
    }
  }

  async function run(what: string, call: () => Promise<unknown>): Promise<Problem | null> {
    busy.value = what;
    try {
      await call();
      if (!gone.value) await load(storeId.value, id.value, true);
      return null;
    } catch (error) {
      return describeError(error);
    } finally {
      busy.value = null;
    }
  }

  function act(action: ListingAction): Promise<Problem | null> {
    return run(action, async () => {
      if (action === 'delete') {
        const r = await useApi().post<{ removed: boolean }>(url('/delete'), { confirm: true });
        if (r.removed) gone.value = 'deleted';
      } else if (action === 'unlink') {
        await useApi().post<void>(url('/unlink'));
        gone.value = 'unlinked';
      } else await useApi().post<Listing>(url(`/${action}`));
    });
  }

  /** Pick a candidate, enter an ASIN and/or set a condition. */
  function resolve(body: { asin?: string; condition?: string }): Promise<Problem | null> {
    const checked = validate(resolveMatchBodySchema, body);
    if (!checked.valid) return Promise.resolve(invalid(checked.fields));
    return run('resolve', () => useApi().post<Listing>(url('/resolve'), body));
  }

  /** Only the fields sent change; null removes an override. */
  function setOverrides(body: OverridesBody): Promise<Problem | null> {
    const checked = validate(listingOverridesBodySchema, body);
    if (!checked.valid) return Promise.resolve(invalid(checked.fields));
    return run('overrides', () => useApi().patch<Listing>(url('/overrides'), body));
  }

  return { storeId, id, detail, loading, problem, busy, gone, load, act, resolve, setOverrides };
});
