/** Listing Rules for one store: the draft conditions tree, Preview Changes (counts + paged lists) and Save (apply). */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { describeError, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { CatalogAttribute, ListingRule, PreviewList, RuleApplyResult, RulePreview } from '../api/types';
import { rootFromApi, toApi, validateTree, type DraftCombine, type RuleAttribute } from './rule-tree';

export const PREVIEW_PAGE_SIZE = 20;

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
  const applied = ref<RuleApplyResult | null>(null);
  /** The draft differs from what the last preview showed. */
  const previewStale = ref(true);

  const lookup = (code: string) => attributes.value.find((a) => a.code === code);
  const body = computed(() => ({ conditions: toApi(draft.value, lookup) }));
  const url = () => `/api/stores/${storeId.value}/listing-rule`;

  async function load(id: number): Promise<void> {
    storeId.value = id;
    loading.value = true;
    problem.value = null;
    applied.value = null;
    preview.value = null;
    try {
      const api = useApi();
      const [r, attrs] = await Promise.all([api.get<ListingRule>(url()), api.get<CatalogAttribute[]>('/api/catalog/attributes')]);
      attributes.value = attrs.filter((a) => !a.isSystem).map((a) => ({ code: a.code, label: a.label, type: a.type, options: a.options }));
      rule.value = r;
      draft.value = rootFromApi(r.conditions);
      fieldProblems.value = {};
      previewStale.value = true;
    } catch (error) {
      problem.value = describeError(error);
    } finally {
      loading.value = false;
    }
  }

  function touched(): void {
    previewStale.value = true;
    applied.value = null;
  }

  /** Checks the draft; false (with the problems shown) when something must be fixed first. */
  function check(): boolean {
    fieldProblems.value = validateTree(draft.value, lookup);
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
      applied.value = await useApi().put<RuleApplyResult>(url(), body.value);
      rule.value = applied.value.rule;
      preview.value = null;
      previewStale.value = true;
      return null;
    } catch (error) {
      return refused(error);
    } finally {
      saving.value = false;
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
    previewStale,
    body,
    lookup,
    load,
    touched,
    check,
    runPreview,
    save,
  };
});
