/**
 * Stock Profiles of one store: the list with the default, the choices the form offers (the catalog's sources,
 * the attributes a rule can test), create/change (checked like the server first), delete, make default,
 * assign listings by hand, and the rule's Preview count. Every write reloads the list, because it moves the
 * listing counts and the default star of other rows too.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { describeError, invalidProblem, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { CatalogAttribute } from '../api/types';
import type {
  CatalogSource,
  StockAssignResult,
  StockProfile,
  StockProfileListWire,
  StockProfilePreview,
} from '../api/stock-profiles-types';
import { useSaving } from '../composables/useSaving';
import type { SaveResult } from './product';
import type { RuleAttribute } from './rule-tree';
import { bodyOf, profileLabels, DEFAULT_PRIORITY, validateForm, type ProfileForm } from './stock-profile-form';

/** A profile as sent → as the admin uses it: a server without rules yet sends no conditions/priority. */
export function normalizeProfile(p: StockProfileListWire['items'][number]): StockProfile {
  return { ...p, conditions: p.conditions ?? null, priority: p.priority ?? DEFAULT_PRIORITY };
}

export const useStockProfilesStore = defineStore('stockProfiles', () => {
  const storeId = ref<number | null>(null);
  const profiles = ref<StockProfile[]>([]);
  const defaultProfileId = ref<number | null>(null);
  const sources = ref<CatalogSource[]>([]);
  const attributes = ref<RuleAttribute[]>([]);
  const loading = ref(false);
  const problem = ref<Problem | null>(null);
  const previews = ref<Record<number, StockProfilePreview>>({});
  const previewing = ref<number | null>(null);
  const { busy, run } = useSaving();

  const url = () => `/api/stores/${storeId.value}/stock-profiles`;
  const lookup = (code: string) => attributes.value.find((a) => a.code === code);

  async function refresh(): Promise<void> {
    const list = await useApi().get<StockProfileListWire>(url());
    profiles.value = list.items.map(normalizeProfile);
    defaultProfileId.value = list.defaultProfileId;
  }

  /** The store's profiles (the listing page needs only these). */
  async function load(id: number): Promise<void> {
    if (storeId.value !== id) profiles.value = [];
    storeId.value = id;
    loading.value = true;
    problem.value = null;
    try {
      await refresh();
    } catch (error) {
      problem.value = describeError(error);
    } finally {
      loading.value = false;
    }
  }

  /** What the profile form chooses from: the catalog's sources and the attributes a rule can test. */
  async function loadChoices(): Promise<void> {
    try {
      const api = useApi();
      const [s, a] = await Promise.all([
        api.get<CatalogSource[]>('/api/catalog/sources'),
        api.get<CatalogAttribute[]>('/api/catalog/attributes'),
      ]);
      sources.value = s.map(({ code, name, enabled }) => ({ code, name, enabled }));
      attributes.value = a.filter((x) => !x.isSystem).map((x) => ({ code: x.code, label: x.label, type: x.type, options: x.options }));
    } catch (error) {
      problem.value = describeError(error);
    }
  }

  /** Creates (id null) or changes a profile; field problems come back keyed like the form's fields. */
  async function save(id: number | null, form: ProfileForm): Promise<SaveResult> {
    const fields = validateForm(form, lookup);
    if (Object.keys(fields).length) return { ok: false, problem: invalidProblem(fields) };
    const body = bodyOf(form, lookup);
    return run(async () => {
      if (id === null) await useApi().post<StockProfile>(url(), body);
      else await useApi().put<StockProfile>(`${url()}/${id}`, body);
      delete previews.value[id ?? -1];
      await refresh();
    }, profileLabels(form.mode));
  }

  /** Deletes a profile; its listings fall back to the store default (the server recomputes them). */
  function remove(id: number): Promise<SaveResult> {
    return run(async () => {
      await useApi().delete(`${url()}/${id}`);
      await refresh();
    });
  }

  /** null: back to the built-in policy (product value). */
  function makeDefault(profileId: number | null): Promise<SaveResult> {
    return run(async () => {
      await useApi().put(`${url()}/default`, { profileId });
      await refresh();
    });
  }

  /** Assigns listings by hand (profileId null: they follow the store default again). */
  async function assign(profileId: number | null, listingIds: number[]): Promise<SaveResult & { assigned: number }> {
    let assigned = 0;
    const result = await run(async () => {
      assigned = (await useApi().post<StockAssignResult>(`${url()}/assign`, { profileId, listingIds })).assigned;
      await refresh();
    });
    return { ...result, assigned };
  }

  /** How many listings the saved rule of a profile selects now. */
  async function preview(id: number): Promise<Problem | null> {
    previewing.value = id;
    try {
      previews.value[id] = await useApi().get<StockProfilePreview>(`${url()}/${id}/preview`);
      return null;
    } catch (error) {
      return describeError(error);
    } finally {
      previewing.value = null;
    }
  }

  return {
    storeId,
    profiles,
    defaultProfileId,
    sources,
    attributes,
    loading,
    problem,
    previews,
    previewing,
    busy,
    lookup,
    load,
    loadChoices,
    save,
    remove,
    makeDefault,
    assign,
    preview,
  };
});
