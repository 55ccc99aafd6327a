/**
 * The one way a store runs a write: `busy` while it runs, and a refusal turned into the admin-facing
 * problem (code and text) instead of a thrown error, so pages show it next to the form.
 */
import { ref } from 'vue';
import { describeError } from '../api/errors';
import type { FieldLabels } from '../api/field-labels';
import type { SaveResult } from '../stores/product';

/** `labels`: the form's words for fields it labels differently from `FIELD_LABELS` (refusals name the field as the form does). */
export function useSaving(labels: FieldLabels = {}) {
  const busy = ref(false);

  /** `forThis`: labels of this one write's form, when they differ from the store's. */
  async function run(work: () => Promise<void>, forThis: FieldLabels = labels): Promise<SaveResult> {
    busy.value = true;
    try {
      await work();
      return { ok: true, problem: null };
    } catch (error) {
      return { ok: false, problem: describeError(error, forThis) };
    } finally {
      busy.value = false;
    }
  }

  return { busy, run };
}
