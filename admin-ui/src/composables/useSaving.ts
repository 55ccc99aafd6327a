/**
 * The one way a store runs a write: `busy` while it runs, and a refusal turned into the admin-facing
 * problem (code and text) instead of a thrown error, so pages show it next to the form.
 */
import { ref } from 'vue';
import { describeError } from '../api/errors';
import type { SaveResult } from '../stores/product';

export function useSaving() {
  const busy = ref(false);

  async function run(work: () => Promise<void>): Promise<SaveResult> {
    busy.value = true;
    try {
      await work();
      return { ok: true, problem: null };
    } catch (error) {
      return { ok: false, problem: describeError(error) };
    } finally {
      busy.value = false;
    }
  }

  return { busy, run };
}
