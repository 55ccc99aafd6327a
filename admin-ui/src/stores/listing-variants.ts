/**
 * The variants of a parent listing (the listing page's Variants card): every child product of the configurable,
 * listed, removed by hand or not listed, with the admin's selection and the Add / Remove actions. The server
 * decides; the store only offers what can succeed and keeps the per-product reasons of what was skipped.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { listingVariantsBodySchema } from '../../../schema/listing-variants';
import { describeError, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { ListingVariant, ListingVariants, ListingVariantsResult } from '../api/types';
import { validate } from '../validation/validate';

export type VariantAction = 'add' | 'remove';

/** Whether the action applies to this variant (what the server would do rather than skip). */
export function actionable(v: ListingVariant, action: VariantAction): boolean {
  if (action === 'remove') return v.state !== 'removed' && v.listing?.status !== 'deleting';
  return v.state !== 'listed' && v.cannotAdd === null;
}

export const useListingVariantsStore = defineStore('listing-variants', () => {
  const storeId = ref<number | null>(null);
  const listingId = ref<number | null>(null);
  const data = ref<ListingVariants | null>(null);
  const loading = ref(false);
  const problem = ref<Problem | null>(null);
  const busy = ref<VariantAction | null>(null);
  const selected = ref<number[]>([]);
  /** The last action's outcome: what was done and, per product, why the rest was skipped. */
  const lastResult = ref<{ action: VariantAction; done: number[]; skipped: { sku: string; reason: string }[] } | null>(null);

  const url = (path = '') => `/api/stores/${storeId.value}/listings/${listingId.value}/variants${path}`;
  const variants = computed(() => data.value?.variants ?? []);
  const chosen = (action: VariantAction) =>
    variants.value.filter((v) => selected.value.includes(v.productId) && actionable(v, action)).map((v) => v.productId);
  const canAdd = computed(() => chosen('add').length > 0);
  const canRemove = computed(() => chosen('remove').length > 0);

  async function load(forStore = storeId.value, forListing = listingId.value, quiet = false): Promise<void> {
    if (forStore !== storeId.value || forListing !== listingId.value) {
      data.value = null;
      selected.value = [];
      lastResult.value = null;
    }
    storeId.value = forStore;
    listingId.value = forListing;
    if (!quiet) loading.value = true;
    problem.value = null;
    try {
      data.value = await useApi().get<ListingVariants>(url());
      // A variant that left the list (or can no longer take the action) stays unselected after a reload.
      const known = new Set(variants.value.map((v) => v.productId));
      selected.value = selected.value.filter((id) => known.has(id));
    } catch (error) {
      problem.value = describeError(error);
    } finally {
      loading.value = false;
    }
  }

  /** Adds or removes the selected variants the action applies to; null when the server answered. */
  async function run(action: VariantAction): Promise<Problem | null> {
    const body = { productIds: chosen(action) };
    const checked = validate(listingVariantsBodySchema, body);
    if (!checked.valid) return { code: 'VALIDATION_FAILED', message: 'Select at least one variant.', fields: checked.fields, status: 400 };
    busy.value = action;
    try {
      const result = await useApi().post<ListingVariantsResult>(url(`/${action}`), body);
      const skuOf = new Map(variants.value.map((v) => [v.productId, v.sku]));
      data.value = result.variants;
      lastResult.value = {
        action,
        done: result.done,
        skipped: result.skipped.map((s) => ({ sku: skuOf.get(s.productId) ?? String(s.productId), reason: s.reason })),
      };
      selected.value = [];
      return null;
    } catch (error) {
      return describeError(error);
    } finally {
      busy.value = null;
    }
  }

  return { storeId, listingId, data, variants, loading, problem, busy, selected, lastResult, canAdd, canRemove, load, run };
});
