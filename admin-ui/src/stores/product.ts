/**
 * One product's page: its detail (attributes, children, sources, salable quantity per stock), and
 * the two edits an admin makes here — product fields (price, status…) and a source's quantity.
 * Each edit is checked against its schema before it is sent; a refusal from the server keeps the
 * admin's input and says per field what is wrong.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { describeError, invalidProblem, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import { productPatchSchema, sourceItemBodySchema } from '../api/catalog-schemas';
import type { ProductDetail, ProductPatch, SourceItemBody } from '../api/types';
import { validate } from '../validation/validate';

/** The product form's words for its fields (ProductDetailsForm.vue), so messages name them as it does. */
export const PRODUCT_FORM_LABELS = { name: 'Product Name', specialPrice: 'Special Price', status: 'Enable Product' } as const;

export interface SaveResult {
  ok: boolean;
  problem: Problem | null;
}

/** Only the fields that differ from the product as loaded: a PATCH says what changed. */
export function productChanges(product: ProductDetail, form: ProductPatch): ProductPatch {
  const patch: ProductPatch = {};
  if (form.name !== undefined && form.name !== product.name) patch.name = form.name;
  if (form.price !== undefined && form.price !== product.price) patch.price = form.price;
  if (form.specialPrice !== undefined && form.specialPrice !== product.specialPrice) patch.specialPrice = form.specialPrice;
  if (form.status !== undefined && form.status !== product.status) patch.status = form.status;
  if (form.visibility !== undefined && form.visibility !== product.visibility) patch.visibility = form.visibility;
  return patch;
}

export const useProductStore = defineStore('product', () => {
  /** A source row's quantity is named with its source: "Qty at US East Warehouse must be 0 or more". */
  const sourceLabels = (code: string) => {
    const name = product.value?.sourceItems.find((s) => s.sourceCode === code)?.sourceName ?? code;
    return { quantity: `Qty at ${name}`, inStock: `Source Item Status at ${name}` };
  };
  const product = ref<ProductDetail | null>(null);
  const loading = ref(false);
  const problem = ref<Problem | null>(null);
  const saving = ref(false);
  /** Source code being saved, to show progress on that row only. */
  const savingSource = ref<string | null>(null);
  let sequence = 0;

  async function load(id: number | string): Promise<void> {
    const mine = ++sequence;
    loading.value = true;
    problem.value = null;
    if (product.value && String(product.value.id) !== String(id)) product.value = null;
    try {
      const detail = await useApi().get<ProductDetail>(`/api/catalog/products/${encodeURIComponent(String(id))}`);
      if (mine === sequence) product.value = detail;
    } catch (error) {
      if (mine === sequence) problem.value = describeError(error);
    } finally {
      if (mine === sequence) loading.value = false;
    }
  }

  async function save(form: ProductPatch): Promise<SaveResult> {
    if (!product.value) return { ok: false, problem: null };
    const patch = productChanges(product.value, form);
    const check = validate(productPatchSchema, patch, PRODUCT_FORM_LABELS);
    if (!check.valid) return { ok: false, problem: invalidProblem(check.fields) };
    saving.value = true;
    try {
      product.value = await useApi().patch<ProductDetail>(`/api/catalog/products/${product.value.id}`, patch);
      return { ok: true, problem: null };
    } catch (error) {
      return { ok: false, problem: describeError(error, PRODUCT_FORM_LABELS) };
    } finally {
      saving.value = false;
    }
  }

  async function setSourceItem(sourceCode: string, body: SourceItemBody): Promise<SaveResult> {
    if (!product.value) return { ok: false, problem: null };
    const labels = sourceLabels(sourceCode);
    const check = validate(sourceItemBodySchema, body, labels);
    if (!check.valid) return { ok: false, problem: invalidProblem(check.fields) };
    savingSource.value = sourceCode;
    try {
      const path = `/api/catalog/products/${product.value.id}/source-items/${encodeURIComponent(sourceCode)}`;
      product.value = await useApi().put<ProductDetail>(path, body);
      return { ok: true, problem: null };
    } catch (error) {
      return { ok: false, problem: describeError(error, labels) };
    } finally {
      savingSource.value = null;
    }
  }

  return { product, loading, problem, saving, savingSource, load, save, setSourceItem };
});
