/**
 * Catalog > Import: upload a Magento product CSV ("Check Data" — the server plans it and writes
 * nothing), look at the plan, then run it or cancel. One import at a time, as on the page.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError } from '../api/client';
import { describeError, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { CatalogImportPlan, CatalogImportRun, PlannedAttribute, StructurePlan } from '../api/types';

export type ImportStep = 'choose' | 'checking' | 'checked' | 'importing' | 'done';

/** "3 attribute sets, 22 attributes and 4 new options", or null when there is nothing to create. */
export function structureSummary(plan: StructurePlan): string | null {
  const options = plan.options.reduce((n, o) => n + o.values.length, 0);
  const parts = [
    [plan.attributeSets.length, 'attribute set'],
    [plan.attributes.length, 'attribute'],
    [options, 'new option'],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, what]) => `${n} ${what}${n === 1 ? '' : 's'}`);
  if (!parts.length) return null;
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** "Black, Gray, Blue … 2 more": the first options of an attribute, for a table cell. */
export function optionPreview(attribute: Pick<PlannedAttribute, 'options'>, shown = 6): string {
  const { options } = attribute;
  if (!options.length) return '';
  return options.length > shown ? `${options.slice(0, shown).join(', ')} … ${options.length - shown} more` : options.join(', ');
}

export const useCatalogImportStore = defineStore('catalogImport', () => {
  const step = ref<ImportStep>('choose');
  const fileName = ref('');
  const plan = ref<CatalogImportPlan | null>(null);
  const result = ref<CatalogImportRun | null>(null);
  const problem = ref<Problem | null>(null);

  function reset(): void {
    step.value = 'choose';
    fileName.value = '';
    plan.value = null;
    result.value = null;
    problem.value = null;
  }

  /** Sends the file and keeps the server's plan (nothing is written yet). */
  async function check(file: Blob, name: string): Promise<void> {
    reset();
    fileName.value = name;
    step.value = 'checking';
    try {
      plan.value = await useApi().upload<CatalogImportPlan>('/api/catalog/imports', file, 'text/csv', { query: { fileName: name } });
      step.value = 'checked';
    } catch (error) {
      problem.value = describeError(error);
      step.value = 'choose';
    }
  }

  /** Creates what the plan lists and imports the rows. */
  async function run(): Promise<void> {
    if (!plan.value) return;
    step.value = 'importing';
    problem.value = null;
    try {
      result.value = await useApi().post<CatalogImportRun>(`/api/catalog/imports/${plan.value.id}/run`);
      step.value = 'done';
    } catch (error) {
      problem.value = describeError(error);
      // The upload is gone (expired, or the server restarted): the file must be checked again.
      if (error instanceof ApiError && error.status === 404) {
        problem.value = {
          ...problem.value,
          message: 'The uploaded file is no longer on the server (uploads are kept an hour). Check it again.',
        };
        plan.value = null;
        step.value = 'choose';
      } else step.value = 'checked';
    }
  }

  /** Drops the upload on the server (best effort: it expires anyway) and starts over. */
  async function cancel(): Promise<void> {
    const id = plan.value?.id;
    reset();
    if (id)
      await useApi()
        .delete(`/api/catalog/imports/${id}`)
        .catch(() => undefined);
  }

  return { step, fileName, plan, result, problem, check, run, cancel, reset };
});
