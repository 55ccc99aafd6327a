/**
 * The Resolve dialog's search of Amazon's catalog (GET /api/stores/:id/amazon-catalog/search): by keywords or by
 * one identifier, a page of results with title, brand, image and ASIN, "More results", and the problem of the
 * last search. Assigning a result is the listing's resolve (stores/listing.ts), not this store's business.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { catalogSearchQuerySchema } from '../../../schema/catalog-search';
import { describeError, type Problem } from '../api/errors';
import { useApi } from '../api/provider';
import type { CatalogIdentifierType, CatalogSearchItem, CatalogSearchQuery, CatalogSearchResult, Listing } from '../api/types';
import { validate } from '../validation/validate';

export type SearchMode = 'keywords' | 'identifier';

export interface SearchStart {
  mode: SearchMode;
  keywords: string;
  identifier: string;
  identifierType: CatalogIdentifierType;
}

/**
 * Where the dialog starts for a listing: a Multiple Matches listing with the identifier that matched several
 * (read back from our own status reason, e.g. "2 Amazon products match EAN (ean) 4006381333993: …"), anything
 * else with the product's name as keywords — Amazon found nothing by its identifier.
 */
export function searchStartFor(listing: Pick<Listing, 'status' | 'statusReason' | 'name' | 'sku'>): SearchStart {
  const keywords = listing.name ?? listing.sku;
  const tried = /\b(ASIN|EAN|UPC|ISBN) \([^)]*\) ([A-Za-z0-9-]+)/.exec(listing.statusReason ?? '');
  if (listing.status === 'multiple_matches' && tried)
    return { mode: 'identifier', keywords, identifier: tried[2]!, identifierType: tried[1] as CatalogIdentifierType };
  return { mode: 'keywords', keywords, identifier: '', identifierType: 'EAN' };
}

const invalid = (fields: Record<string, string>): Problem => ({
  code: 'VALIDATION_FAILED',
  message: 'Check the highlighted fields.',
  fields,
  status: 400,
});

export const useAmazonCatalogSearchStore = defineStore('amazon-catalog-search', () => {
  const storeId = ref<number | null>(null);
  const mode = ref<SearchMode>('keywords');
  const keywords = ref('');
  const identifier = ref('');
  const identifierType = ref<CatalogIdentifierType>('EAN');
  const items = ref<CatalogSearchItem[]>([]);
  const numberOfResults = ref<number | null>(null);
  const nextPageToken = ref<string | null>(null);
  const loading = ref(false);
  const problem = ref<Problem | null>(null);

  /** A fresh dialog for a store, with its starting inputs; nothing is searched yet. */
  function start(forStore: number, from: SearchStart): void {
    storeId.value = forStore;
    mode.value = from.mode;
    keywords.value = from.keywords;
    identifier.value = from.identifier;
    identifierType.value = from.identifierType;
    items.value = [];
    numberOfResults.value = null;
    nextPageToken.value = null;
    problem.value = null;
  }

  const queryOf = (): CatalogSearchQuery =>
    mode.value === 'keywords'
      ? { keywords: keywords.value.trim() }
      : { identifier: identifier.value.trim(), identifierType: identifierType.value };

  async function fetchPage(query: CatalogSearchQuery, append: boolean): Promise<Problem | null> {
    const checked = validate(catalogSearchQuerySchema, query);
    if (!checked.valid) return (problem.value = invalid(checked.fields));
    loading.value = true;
    problem.value = null;
    try {
      const page = await useApi().get<CatalogSearchResult>(`/api/stores/${storeId.value}/amazon-catalog/search`, { query });
      items.value = append ? [...items.value, ...page.items] : page.items;
      numberOfResults.value = page.numberOfResults;
      nextPageToken.value = page.nextPageToken;
      return null;
    } catch (error) {
      return (problem.value = describeError(error));
    } finally {
      loading.value = false;
    }
  }

  /** The first page for the current inputs. */
  function search(): Promise<Problem | null> {
    const query = queryOf();
    if (mode.value === 'keywords' && !query.keywords) return Promise.resolve((problem.value = invalid({ keywords: 'is required' })));
    if (mode.value === 'identifier' && !query.identifier) return Promise.resolve((problem.value = invalid({ identifier: 'is required' })));
    return fetchPage(query, false);
  }

  /** The next page of the same search, added below. */
  function more(): Promise<Problem | null> {
    if (!nextPageToken.value) return Promise.resolve(null);
    return fetchPage({ ...queryOf(), pageToken: nextPageToken.value }, true);
  }

  return {
    storeId,
    mode,
    keywords,
    identifier,
    identifierType,
    items,
    numberOfResults,
    nextPageToken,
    loading,
    problem,
    start,
    search,
    more,
  };
});
