/**
 * Reconciliation of one store (the Reconciliation section): the last check against Amazon's listings report,
 * the open drift (paged, by field), "Check now" (requests the report and calls again until Amazon has
 * prepared it and the check is done) and mass repair of chosen drift rows (push ours / accept Amazon's).
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { describeError, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { DriftField, DriftRepairAction, ReconcileRun, Reconciliation } from '../api/reconciliation-types';

export const CHECK_POLL_MS = 2000;
export const DRIFT_PAGE_SIZE = 20;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export const useListingDriftStore = defineStore('listingDrift', () => {
  const storeId = ref<number | null>(null);
  const overview = ref<Reconciliation | null>(null);
  const field = ref<DriftField | null>(null);
  const pageNo = ref(1);
  const selected = ref<number[]>([]);
  const loading = ref(false);
  const problem = ref<Problem | null>(null);
  /** The check in progress while "Check now" waits for Amazon's report. */
  const checking = ref<ReconcileRun | null>(null);
  const repairing = ref<DriftRepairAction | null>(null);

  const url = (path = '') => `/api/stores/${storeId.value}/reconciliation${path}`;

  async function load(id = storeId.value): Promise<void> {
    if (id !== storeId.value) {
      pageNo.value = 1;
      field.value = null;
      selected.value = [];
    }
    storeId.value = id;
    loading.value = true;
    problem.value = null;
    try {
      const query: Record<string, string | number> = { page: pageNo.value, pageSize: DRIFT_PAGE_SIZE };
      if (field.value) query.field = field.value;
      overview.value = await useApi().get<Reconciliation>(url(), { query });
      const open = new Set(overview.value.drift.items.map((d) => d.id));
      selected.value = selected.value.filter((id) => open.has(id));
    } catch (error) {
      problem.value = describeError(error);
    } finally {
      loading.value = false;
    }
  }

  async function filterBy(to: DriftField | null): Promise<void> {
    field.value = to;
    pageNo.value = 1;
    await load();
  }

  /** Check now: calls again every `pollMs` while Amazon prepares the report; the finished check, or the problem. */
  async function checkNow(pollMs = CHECK_POLL_MS, maxPolls = 300): Promise<ReconcileRun | Problem> {
    try {
      checking.value = await useApi().post<ReconcileRun>(url('/run'));
      for (let i = 0; checking.value.status === 'requested' && i < maxPolls; i++) {
        await sleep(pollMs);
        checking.value = await useApi().post<ReconcileRun>(url('/run'));
      }
      const run = checking.value;
      await load();
      return run;
    } catch (error) {
      return describeError(error);
    } finally {
      checking.value = null;
    }
  }

  /** Repairs the selected drift rows; null when done, else the refusal (a 409 names the listings). */
  async function repair(action: DriftRepairAction, driftIds = selected.value): Promise<Problem | null> {
    if (!driftIds.length) return null;
    repairing.value = action;
    try {
      await useApi().post(url('/drift/repair'), { driftIds, action });
      selected.value = [];
      await load();
      return null;
    } catch (error) {
      return describeError(error);
    } finally {
      repairing.value = null;
    }
  }

  return { storeId, overview, field, pageNo, selected, loading, problem, checking, repairing, load, filterBy, checkNow, repair };
});
