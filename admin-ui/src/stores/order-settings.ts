/**
 * A store's Amazon order import settings (the store page's Orders section): load, save only what changed (PUT merges
 * it), validated with the API's schema first; and "Import now" with what the run did.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { orderImportSettingsPatchSchema } from '../../../schema/amazon-orders';
import { describeError, invalidProblem, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { OrderImportRun, OrderImportSettings } from '../api/types';
import { validate } from '../validation/validate';
import { ORDER_SETTINGS_LABELS } from './order-import-words';

export const useOrderSettingsStore = defineStore('orderSettings', () => {
  const storeId = ref<number | null>(null);
  const settings = ref<OrderImportSettings | null>(null);
  const loading = ref(false);
  const saving = ref(false);
  const problem = ref<Problem | null>(null);
  const importing = ref(false);
  /** The last "Import now" of this store, and when it ended. */
  const lastRun = ref<{ run: OrderImportRun; at: string } | null>(null);

  const url = () => `/api/stores/${storeId.value}/order-settings`;

  async function load(id: number): Promise<void> {
    if (storeId.value !== id) lastRun.value = null;
    storeId.value = id;
    loading.value = true;
    problem.value = null;
    try {
      settings.value = await useApi().get<OrderImportSettings>(url());
    } catch (error) {
      problem.value = describeError(error);
    } finally {
      loading.value = false;
    }
  }

  /** The top-level settings in `form` that differ from the saved ones. */
  function changes(form: OrderImportSettings): Partial<OrderImportSettings> {
    const patch: Record<string, unknown> = {};
    const saved = settings.value as unknown as Record<string, unknown> | null;
    for (const [key, value] of Object.entries(form)) if (JSON.stringify(value) !== JSON.stringify(saved?.[key])) patch[key] = value;
    return patch as Partial<OrderImportSettings>;
  }

  /** Saves; returns the problem (field messages from the form's check or the API) or null when saved. */
  async function save(form: OrderImportSettings): Promise<Problem | null> {
    const patch = changes(form);
    const checked = validate(orderImportSettingsPatchSchema, patch, ORDER_SETTINGS_LABELS);
    if (!checked.valid) return invalidProblem(checked.fields, 400);
    saving.value = true;
    try {
      settings.value = await useApi().put<OrderImportSettings>(url(), patch);
      return null;
    } catch (error) {
      return describeError(error, ORDER_SETTINGS_LABELS);
    } finally {
      saving.value = false;
    }
  }

  /** Import now: reads the store's orders Amazon changed since the last poll and imports them. */
  async function importNow(): Promise<OrderImportRun | Problem> {
    importing.value = true;
    try {
      const run = await useApi().post<OrderImportRun>(`/api/stores/${storeId.value}/amazon-orders/import`);
      lastRun.value = { run, at: new Date().toISOString() };
      return run;
    } catch (error) {
      return describeError(error);
    } finally {
      importing.value = false;
    }
  }

  return { storeId, settings, loading, saving, problem, importing, lastRun, load, changes, save, importNow };
});
