/** Listing Settings for one store: load, and save only what changed (PATCH), validated with the API's schema first. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { listingSettingsPatchSchema } from '../../../schema/listings';
import { describeError, invalidProblem, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { ListingSettings } from '../api/types';
import { validate } from '../validation/validate';

/** The Listing Settings page's words for its fields (ListingSettings.vue). */
const LISTING_SETTINGS_LABELS = {
  listAutomatically: 'Automatic list action',
  handlingTimeDays: 'Default handling time (days)',
  'condition.mode': 'Condition',
  'condition.note': 'Condition note (seller notes)',
  'price.currencyRate': 'Currency rate (catalog → marketplace)',
  'price.useSpecialPrice': 'Use the special price while it is active',
} as const;

export const useListingSettingsStore = defineStore('listingSettings', () => {
  const storeId = ref<number | null>(null);
  const settings = ref<ListingSettings | null>(null);
  const loading = ref(false);
  const saving = ref(false);
  const problem = ref<Problem | null>(null);

  const url = () => `/api/stores/${storeId.value}/listing-settings`;

  async function load(id: number): Promise<void> {
    storeId.value = id;
    loading.value = true;
    problem.value = null;
    try {
      settings.value = await useApi().get<ListingSettings>(url());
    } catch (error) {
      problem.value = describeError(error);
    } finally {
      loading.value = false;
    }
  }

  /** The top-level parts of `form` that differ from the saved settings. */
  function changes(form: ListingSettings): Partial<ListingSettings> {
    const patch: Record<string, unknown> = {};
    const saved = settings.value as unknown as Record<string, unknown> | null;
    for (const [key, value] of Object.entries(form)) if (JSON.stringify(value) !== JSON.stringify(saved?.[key])) patch[key] = value;
    return patch as Partial<ListingSettings>;
  }

  /** Saves; returns field messages (client or server) or null when saved. */
  async function save(form: ListingSettings): Promise<Problem | null> {
    const patch = changes(form);
    const checked = validate(listingSettingsPatchSchema, patch, LISTING_SETTINGS_LABELS);
    if (!checked.valid) return invalidProblem(checked.fields, 400);
    saving.value = true;
    try {
      settings.value = await useApi().patch<ListingSettings>(url(), patch);
      return null;
    } catch (error) {
      return describeError(error, LISTING_SETTINGS_LABELS);
    } finally {
      saving.value = false;
    }
  }

  return { storeId, settings, loading, saving, problem, load, changes, save };
});
