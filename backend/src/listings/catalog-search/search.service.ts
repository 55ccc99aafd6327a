/**
 * The Resolve dialog's search of Amazon's catalog in the store's marketplace, by keywords or by one identifier,
 * a page of ten items with what an admin needs to pick one. Read-only on Amazon, but it spends the seller's
 * searchCatalogItems quota (2 per second) that matching needs too, hence catalog.write on its route.
 */
import type { FastifyInstance } from 'fastify';
import { invalid } from '../../platform/errors';
import { storeContext } from '../store-context';
import { INCLUDED_DATA, SEARCH_PAGE_SIZE, searchItemOf, searchQueryOf, type SearchInput, type SearchItem } from './search';

export interface SearchResult {
  numberOfResults: number;
  items: SearchItem[];
  nextPageToken: string | null;
}

export async function searchAmazonCatalog(app: FastifyInstance, storeId: number, input: SearchInput): Promise<SearchResult> {
  const checked = searchQueryOf(input);
  if ('problems' in checked) throw invalid(checked.problems);
  const ctx = await storeContext(app, storeId);
  // Not connected: CONFLICT, which says so.
  const seller = await app.stores.sellerContext(storeId);
  const res = await app.spapi.searchCatalogItems(seller, {
    marketplaceIds: [ctx.marketplaceId],
    ...checked.query,
    includedData: INCLUDED_DATA,
    pageSize: SEARCH_PAGE_SIZE,
    ...(input.pageToken ? { pageToken: input.pageToken } : {}),
  });
  return {
    numberOfResults: res.numberOfResults,
    items: res.items.map(searchItemOf),
    nextPageToken: res.pagination?.nextToken ?? null,
  };
}
