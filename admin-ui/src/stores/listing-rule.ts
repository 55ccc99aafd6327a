/**
 * Listing Rules for one store: the draft conditions tree, Preview Changes (counts + paged lists) and Save. Saving
 * answers with a rule run (the server applies the rule chunk by chunk); while it is queued or running the store
 * polls it, so the page shows "Applying the rule: 12,000 of 100,000 products" — also when reopened mid-run.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiError } from '../api/client';
import { describeError, type Problem } from '../api/errors';
import { labelFields } from '../api/field-labels';
import { useApi } from '../api/provider';
import type { CatalogAttribute, ListingRule, PreviewList, RulePreview, RuleRun } from '../api/types';
import { rootFromApi, toApi, validateTree, type DraftCombine, type RuleAttribute } from './rule-tree';

export const PREVIEW_PAGE_SIZE = 20;

/** A preview figure (price, salable quantity): "19.99", "11"; "—" when there is none (a configurable's quantity). */
export function previewNumber(value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: Math.max(decimals, 4) });
}
/** How often a run in flight is asked for its progress (tests shorten it). */
export const runPolling = { intervalMs: 1000 };
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const isActive = (run: RuleRun | null) => run?.status === 'queued' || run?.status === 'running';
const count = (n: number) => n.toLocaleString('en-US');

export const useListingRuleStore = defineStore('listingRule', () => {
  const storeId = ref<number | null>(null);
  const rule = ref<ListingRule | null>(null);
  const draft = ref<DraftCombine>(rootFromApi(null));
  const attributes = ref<RuleAttribute[]>([]);
  const loading = ref(false);
  const problem = ref<Problem | null>(null);
  /** Client or server problems keyed by node path (`conditions.conditions[0].value`). */
  const fieldProblems = ref<Record<string, string>>({});
  const preview = ref<RulePreview | null>(null);
  const previewing = ref(false);
  const saving = ref(false);
  /** The store's latest rule run (progress, or how it ended). */
  const run = ref<RuleRun | null>(null);
  /** A run this page saw finish: its counts are shown. */
  const applied = ref<RuleRun | null>(null);
  /** Bumped to stop a poll (another store, the page closed, a newer run). */
  let watchToken = 0;
  let watching: Promise<void> = Promise.resolve();
  const inFlight = computed(() => isActive(run.value));
  const progressPercent = computed(() => (run.value && run.value.total ? Math.min(100, (100 * run.value.done) / run.value.total) : 0));
  const progressText = computed(() =>
    run.value ? `Applying the rule: ${count(run.value.done)} of ${count(run.value.total)} products` : '',
  );
  /** The draft differs from what the last preview showed. */
  const previewStale = ref(true);

  const lookup = (code: string) => attributes.value.find((a) => a.code === code);
  const body = computed(() => ({ conditions: toApi(draft.value, lookup) }));
  const url = () => `/api/stores/${storeId.value}/listing-rule`;

  async function load(id: number): Promise<void> {
    stopWatching();
    storeId.value = id;
    loading.value = true;
    problem.value = null;
    applied.value = null;
    preview.value = null;
    run.value = null;
    try {
      const api = useApi();
      const [r, attrs, latest] = await Promise.all([
        api.get<ListingRule>(url()),
        api.get<CatalogAttribute[]>('/api/catalog/attributes'),
        latestRun(),
      ]);
      attributes.value = attrs.filter((a) => !a.isSystem).map((a) => ({ code: a.code, label: a.label, type: a.type, options: a.options }));
      rule.value = r;
      draft.value = rootFromApi(r.conditions);
      fieldProblems.value = {};
      previewStale.value = true;
      follow(latest, false);
    } catch (error) {
      problem.value = describeError(error);
    } finally {
      loading.value = false;
    }
  }

  /** The latest run, or null before the first save (the server answers 404 then). */
  async function latestRun(): Promise<RuleRun | null> {
    try {
      return await useApi().get<RuleRun>(`${url()}/runs/latest`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  }

  /** Shows a run; one still in flight is polled until it ends. `announce`: show its counts when done. */
  function follow(next: RuleRun | null, announce = true): void {
    stopWatching();
    run.value = next;
    if (next?.status === 'done' && announce) applied.value = next;
    if (!next || !isActive(next)) return;
    const token = watchToken;
    watching = (async () => {
      let current = next;
      while (isActive(current)) {
        await sleep(runPolling.intervalMs);
        if (token !== watchToken) return;
        try {
          current = await useApi().get<RuleRun>(`${url()}/runs/${current.id}`);
        } catch {
          continue; // a blip: the run goes on on the server, ask again
        }
        if (token !== watchToken) return;
        run.value = current;
      }
      if (current.status === 'done') {
        applied.value = current;
        rule.value = await useApi()
          .get<ListingRule>(url())
          .catch(() => rule.value);
      }
    })();
  }

  function stopWatching(): void {
    watchToken++;
  }

  /** Resolves when the current poll ends (tests; the page just watches the refs). */
  const settled = () => watching;

  function touched(): void {
    previewStale.value = true;
    applied.value = null;
  }

  /** Checks the draft; false (with the problems shown) when something must be fixed first. */
  function check(): boolean {
    fieldProblems.value = labelFields(validateTree(draft.value, lookup));
    return Object.keys(fieldProblems.value).length === 0;
  }

  function refused(error: unknown): Problem {
    const p = describeError(error);
    fieldProblems.value = p.fields;
    return p;
  }

  async function runPreview(list: PreviewList = preview.value?.list ?? 'new', page = 1): Promise<Problem | null> {
    if (!check()) return null;
    previewing.value = true;
    try {
      preview.value = await useApi().post<RulePreview>(`${url()}/preview`, body.value, {
        query: { list, page, pageSize: PREVIEW_PAGE_SIZE },
      });
      previewStale.value = false;
      return null;
    } catch (error) {
      return refused(error);
    } finally {
      previewing.value = false;
    }
  }

  async function save(): Promise<Problem | null> {
    if (!check()) return null;
    saving.value = true;
    try {
      const started = await useApi().put<RuleRun>(url(), body.value);
      applied.value = null;
      follow(started);
      // Saved: the rule's "last saved by" changed; a failed re-read only leaves the old line shown.
      rule.value = await useApi()
        .get<ListingRule>(url())
        .catch(() => rule.value);
      preview.value = null;
      previewStale.value = true;
      return null;
    } catch (error) {
      return refused(error);
    } finally {
      saving.value = false;
    }
  }

  /** Retry of a failed run: the server carries on from its last applied chunk. */
  async function retry(): Promise<Problem | null> {
    if (!run.value) return null;
    try {
      follow(await useApi().post<RuleRun>(`${url()}/runs/${run.value.id}/retry`));
      return null;
    } catch (error) {
      return describeError(error);
    }
  }

  return {
    storeId,
    rule,
    draft,
    attributes,
    loading,
    problem,
    fieldProblems,
    preview,
    previewing,
    saving,
    applied,
    run,
    inFlight,
    progressPercent,
    progressText,
    previewStale,
    body,
    lookup,
    load,
    touched,
    check,
    runPreview,
    save,
    retry,
    stopWatching,
    settled,
  };
});
